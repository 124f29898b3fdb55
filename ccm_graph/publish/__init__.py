"""Publishing the graph: ontology, validation, reasoning, export, push."""
