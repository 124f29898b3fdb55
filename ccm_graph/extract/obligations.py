"""(being written)"""

from __future__ import annotations

from ccm_graph.extract.context import Context
from ccm_graph.model import Fact


def extract(ctx: Context) -> list[Fact]:
    return []
