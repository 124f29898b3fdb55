"""Network analysis of the graph: networks, figures, the network page."""
