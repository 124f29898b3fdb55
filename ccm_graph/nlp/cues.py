"""`ccm_cues_v1`: the cue phrases of the genre (`data/patterns/cues.tsv`) as the span group
`doc.spans["cues"]`, each span labelled with its cue label ("participation", "negation",
"organizing", ...). Phrases are matched as whole tokens regardless of case, across line
breaks; cues of different labels may overlap ("was attended by" is participation and
happening), and so may a phrase and a longer one of the same label.

`doc.spans["honorifics"]` holds the words before a name ("H.E. Mr.", "Dr.", "Ambassador"),
matched as written, labelled with their kind (title, excellency, office).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from ccm_graph.nlp import index, vocab
from ccm_graph.nlp.gazetteer import compacted, pattern_maker


@Language.factory("ccm_cues_v1", assigns=["doc.spans"])
def make_cues(nlp: Language, name: str) -> Cues:
    return Cues(nlp.vocab, name)


class Cues:
    def __init__(self, vocab_: Any, name: str = "cues") -> None:
        self.vocab = vocab_
        self.name = name
        self.cues: PhraseMatcher | None = None
        self.honorifics: PhraseMatcher | None = None

    def initialize(self, get_examples: Callable[[], Iterable[Any]] | None = None, *, nlp=None):
        """Load the cue phrases and honorifics from the package's data files."""
        make = pattern_maker(self.vocab, nlp)
        self.cues = PhraseMatcher(self.vocab, attr="LOWER")
        for label, phrases in vocab.cues().items():
            self.cues.add(label, [make(p) for p in phrases])
        self.honorifics = PhraseMatcher(self.vocab, attr="ORTH")
        kinds: dict[str, list[Doc]] = {}
        for kind, form in vocab.honorifics():
            kinds.setdefault(kind, []).append(make(form))
        for kind, docs in kinds.items():
            self.honorifics.add(kind, docs)

    def __call__(self, doc: Doc) -> Doc:
        if self.cues is None or self.honorifics is None:
            raise ValueError(f"{self.name}: call nlp.initialize() before using the pipeline")
        compact, positions = compacted(doc)
        for group, matcher in (("cues", self.cues), ("honorifics", self.honorifics)):
            spans = [
                Span(doc, positions[start], positions[end - 1] + 1, label=match_id)
                for match_id, start, end in matcher(compact)
            ]
            index.put(doc, group, spans)
        return doc
