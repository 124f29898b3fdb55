"""ccm-graph: the knowledge graph of the Convention on Cluster Munitions.

The public API is `build`, `load`, `query` and `who` (see `ccm_graph.api`). They load on
first use, so that `import ccm_graph` (and `ccm-graph --help`) does not load spaCy.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ccm_graph.api import build, load, query, who

__all__ = ["build", "load", "query", "who"]
__version__ = "0.1.0"


def __getattr__(name: str) -> Any:
    if name in __all__:
        from ccm_graph import api

        return getattr(api, name)
    raise AttributeError(f"module 'ccm_graph' has no attribute {name!r}")
