"""Facts to RDF: namespace, graph writer, Turtle and Oxigraph stores."""
