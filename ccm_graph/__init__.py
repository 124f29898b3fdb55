"""ccm-graph: the knowledge graph of the Convention on Cluster Munitions."""

from ccm_graph.api import build, load, query, who

__all__ = ["build", "load", "query", "who"]
__version__ = "0.1.0"
