"""`ccm_gazetteer_v1`: the names of States, organizations, thematic areas, other instruments
and the adjectives that name States, as span groups.

- `doc.spans["actors"]`: States (label `state`) and organizations (`org`), `kb_id_` the ISO
  alpha-3 code or the organization id; names are matched as written, since case tells
  "Chad" from "chad". A one-word State name with one OCR slip ("lraq", "Irag", "Gerrnany")
  is matched too, through the confusions of `link.OCR_CONFUSIONS`, never by fuzzy search.
- `doc.spans["areas"]`: thematic areas (`kb_id_` the area id), regardless of case, as tables
  and prose capitalise them at will.
- `doc.spans["instruments"]`: other conventions, action plans and rules of procedure (label
  the class, `kb_id_` the id), regardless of case.
- `doc.spans["demonyms"]`: adjectives that name a State ("the German Presidency").

Names are matched across line breaks and indentation ("Norwegian\\n    People's Aid"), never
across a blank line. Longest match wins within a group.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from spacy.attrs import IDX, IS_SPACE, LENGTH
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from ccm_graph.nlp import index, link, vocab
from ccm_graph.nlp.doctext import doc_text
from ccm_graph.nlp.tokenizer import BARRIER, COMPACT_WORDS_KEY


@Language.factory("ccm_gazetteer_v1", assigns=["doc.spans"])
def make_gazetteer(nlp: Language, name: str) -> Gazetteer:
    return Gazetteer(nlp.vocab, name)


class Gazetteer:
    """Marks the names of the gazetteer as span groups (see the module docstring)."""

    def __init__(self, vocab_: Any, name: str = "gazetteer") -> None:
        self.vocab = vocab_
        self.name = name
        self.matchers: dict[str, PhraseMatcher] | None = None

    def initialize(self, get_examples: Callable[[], Iterable[Any]] | None = None, *, nlp=None):
        """Load the names from the package's data files."""
        exact = PhraseMatcher(self.vocab, attr="ORTH")
        caseless = PhraseMatcher(self.vocab, attr="LOWER")
        make = pattern_maker(self.vocab, nlp)
        groups: dict[tuple[str, str, str], list[Doc]] = {}
        for entry in vocab.entries():
            group = "areas" if entry.kind == "area" else "actors"
            groups.setdefault((group, entry.kind, entry.key), []).append(make(entry.name))
        for variant, code in sorted(link.ocr_variants().items()):
            groups.setdefault(("actors", "state", code), []).append(make(variant))
        for key, kind, name in vocab.instruments():
            groups.setdefault(("instruments", kind, key), []).append(make(name))
        for adjective, code in sorted(vocab.state_adjectives().items()):
            groups.setdefault(("demonyms", "state", code), []).append(make(adjective))
        for (group, label, key), docs in groups.items():
            matcher = caseless if group in ("areas", "instruments") else exact
            matcher.add(f"{group}|{label}|{key}", docs)
        self.matchers = {"exact": exact, "caseless": caseless}

    def __call__(self, doc: Doc) -> Doc:
        if self.matchers is None:
            raise ValueError(f"{self.name}: call nlp.initialize() before using the pipeline")
        compact, positions = compacted(doc)
        found: dict[str, list[Span]] = {g: [] for g in ("actors", "areas", "instruments")}
        found["demonyms"] = []
        for matcher in self.matchers.values():
            for match_id, start, end in matcher(compact):
                group, label, key = self.vocab.strings[match_id].split("|", 2)
                span = Span(doc, positions[start], positions[end - 1] + 1, label=label, kb_id=key)
                found[group].append(span)
        for group, spans in found.items():
            index.put(doc, group, filter_spans(spans))
        return doc


def pattern_maker(vocab_: Any, nlp: Language | None) -> Callable[[str], Doc]:
    """Pattern text to a Doc tokenized as the pipeline tokenizes, without whitespace tokens."""

    def make(text: str) -> Doc:
        doc = nlp.make_doc(text) if nlp is not None else Doc(vocab_, words=text.split())
        return Doc(vocab_, words=[t.text for t in doc if not t.is_space])

    return make


COMPACT_KEY = "ccm_compact"


def compacted(doc: Doc) -> tuple[Doc, list[int]]:
    """`doc` without its whitespace tokens (a blank line kept as a barrier), and for each of
    its tokens the index of the token in `doc`; made once per Doc for all the matchers."""
    cached = doc.user_data.get(COMPACT_KEY)
    if cached is not None:
        return cached
    words, positions = doc.user_data.get(COMPACT_WORDS_KEY) or _compact_words(doc)
    found = doc.user_data[COMPACT_KEY] = (Doc(doc.vocab, words=words), positions)
    return found


def _compact_words(doc: Doc) -> tuple[list[str], list[int]]:
    """What the tokenizer records for `compacted`, for a Doc it did not make."""
    text = doc_text(doc)
    words: list[str] = []
    positions: list[int] = []
    rows = doc.to_array([IDX, LENGTH, IS_SPACE]).tolist()
    for position, (start, length, space) in enumerate(rows):
        word = text[start : start + length]
        if space:
            if word.count("\n") < 2:
                continue
            word = BARRIER
        words.append(word)
        positions.append(position)
    return words, positions
