"""The SPARQL endpoint and the web explorer."""
