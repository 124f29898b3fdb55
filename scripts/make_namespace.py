"""Write ccm_graph/rdf/namespace.py (rdflib DefinedNamespace, _fail = True) and prefixes.py.

Run from anywhere after changing the ontology: python scripts/make_namespace.py
tests/test_ontology.py fails while the file is out of date.
"""

from __future__ import annotations

from pathlib import Path

from ccm_graph import files
from ccm_graph.publish import ontology

RDF_DIR = Path(__file__).resolve().parent.parent / "ccm_graph" / "rdf"
OUT = RDF_DIR / "namespace.py"
PREFIXES = RDF_DIR / "prefixes.py"


def main() -> None:
    files.write_atomically(PREFIXES, ontology.prefixes_source().encode("utf-8"))
    print(f"wrote {PREFIXES}")
    files.write_atomically(OUT, ontology.namespace_source().encode("utf-8"))
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
