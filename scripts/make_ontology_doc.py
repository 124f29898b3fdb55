"""Write docs/ontology.md from ontology/ccm.ttl and ontology/ccm-axioms.ttl.

Run from anywhere after changing the ontology: python scripts/make_ontology_doc.py
tests/test_ontology.py fails while the document is out of date.
"""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph

from ccm_graph import files
from ccm_graph.publish import ontology

OUT = Path(__file__).resolve().parent.parent / "docs" / "ontology.md"


def main() -> None:
    axioms = Graph().parse(ontology.AXIOMS, format="turtle")
    text = ontology.ontology_markdown(ontology.vocabulary(), axioms)
    files.write_atomically(OUT, text.encode("utf-8"))
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
