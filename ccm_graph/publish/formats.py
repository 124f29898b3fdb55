"""The closed set of formats `ccm-graph export` writes (light: the CLI imports it at start)."""

from __future__ import annotations

from enum import StrEnum


class ExportFormat(StrEnum):
    """The formats `ccm-graph export` writes."""

    TTL = "ttl"
    TRIG = "trig"
    NQ = "nq"
    JSONLD = "jsonld"
