"""Write ccm_graph/rdf/namespace.py from ontology/ccm.ttl (rdflib DefinedNamespace, _fail = True).

Run from anywhere after changing the ontology: python scripts/make_namespace.py
tests/test_ontology.py fails while the file is out of date.
"""

from __future__ import annotations

from pathlib import Path

from ccm_graph.publish import ontology
from ccm_graph import files

OUT = Path(__file__).resolve().parent.parent / "ccm_graph" / "rdf" / "namespace.py"


def main() -> None:
    source = ontology.namespace_source()
    files.write_atomically(OUT, source.encode("utf-8"))
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
