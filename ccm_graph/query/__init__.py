"""Queries: named SPARQL files, parameters bound as terms, results written in any format."""
