"""The tokenizer: spaCy's English tokenizer, run one paragraph at a time.

spaCy caches far better on short texts (a Doc that holds a special case such as "Mr." stops
caching new words for the rest of it; PERFORMANCE.md measures 5.5x), so the text is cut at
its blank lines, each paragraph tokenized as a Doc of its own, and the tokens joined into one
Doc whose text is the input, character for character. Whitespace tokens stay, so every token's
`idx` is its offset in the text. Footnote markers stuck to a word ("Colombia¹", "Chile*") are
split off it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

import numpy
from spacy.attrs import IDX, IS_SPACE, LENGTH, ORTH, SPACY
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import compile_infix_regex, compile_suffix_regex, registry

from ccm_graph.nlp.doctext import KEY as TEXT_KEY

PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")
FOOTNOTE_MARKERS = r"[¹²³⁴⁵⁶⁷⁸⁹⁰*†‡]+"
BARRIER = "\u00b6"  # stands for a blank line in the compacted Doc: no name spans it
COMPACT_WORDS_KEY = "ccm_compact_words"
# A paragraph longer than this is cut at a line break or a space before tokenizing, so that
# no input meets spaCy's length limit and no document is lost to one long paragraph.
LONGEST_CHUNK = 100_000


def chunks(text: str) -> Iterator[str]:
    """The paragraphs of `text`, each with the blank lines that follow it; joined, they are
    `text` again."""
    start = 0
    for match in PARAGRAPH_BREAK.finditer(text):
        yield from _cut(text[start : match.end()])
        start = match.end()
    if start < len(text):
        yield from _cut(text[start:])


def _cut(chunk: str) -> Iterator[str]:
    while len(chunk) > LONGEST_CHUNK:
        cut = chunk.rfind("\n", 0, LONGEST_CHUNK)
        cut = cut if cut > 0 else chunk.rfind(" ", 0, LONGEST_CHUNK)
        cut = cut + 1 if cut > 0 else LONGEST_CHUNK
        yield chunk[:cut]
        chunk = chunk[cut:]
    if chunk:
        yield chunk


class ParagraphTokenizer:
    """Tokenizes paragraph by paragraph with spaCy's own tokenizer, one Doc out."""

    def __init__(self, nlp: Language) -> None:
        base = registry.tokenizers.get("spacy.Tokenizer.v1")()(nlp)
        suffixes = [*(nlp.Defaults.suffixes or ()), FOOTNOTE_MARKERS]
        base.suffix_search = compile_suffix_regex(suffixes).search
        # Values separated by semicolons without a space ("Clearance;2030-2032;Ghana") are
        # words of their own.
        base.infix_finditer = compile_infix_regex([*(nlp.Defaults.infixes or ()), ";"]).finditer
        self.base = base
        self.vocab = nlp.vocab

    def __call__(self, text: str) -> Doc:
        # Token by token as arrays of lexeme ids: no Python string or Token per token.
        rows, offset = [], 0
        pieces = list(chunks(text))
        for chunk, paragraph in zip(pieces, self.base.pipe(pieces), strict=True):
            row = paragraph.to_array([ORTH, SPACY, IS_SPACE, IDX, LENGTH]).astype("int64")
            row[:, 3] += offset  # the token's offset in the text, not in its paragraph
            rows.append(row)
            offset += len(chunk)
        table = numpy.concatenate(rows) if rows else numpy.zeros((0, 5), dtype="int64")
        orths = table[:, 0].astype("uint64")
        # The Doc without its whitespace tokens, for the phrase matchers (see `compacted`);
        # a whitespace token that holds a blank line stays, as a barrier.
        kept = table[:, 2] == 0
        compact = orths.copy()
        for position in numpy.flatnonzero(~kept).tolist():
            start, length = int(table[position, 3]), int(table[position, 4])
            if text.count("\n", start, start + length) > 1:
                kept[position] = True
                compact[position] = self.vocab.strings.add(BARRIER)
        positions = numpy.flatnonzero(kept)
        doc = Doc(self.vocab, words=orths.tolist(), spaces=table[:, 1].astype(bool).tolist())
        doc.user_data[TEXT_KEY] = text
        doc.user_data[COMPACT_WORDS_KEY] = (compact[positions].tolist(), positions.tolist())
        return doc

    def pipe(self, texts: Iterable[str], batch_size: int = 1000) -> Iterator[Doc]:
        for text in texts:
            yield self(text)

    # spaCy serialises a pipeline's tokenizer with it: delegate to the tokenizer inside.
    def to_bytes(self, **kwargs: Any) -> bytes:
        return self.base.to_bytes(**kwargs)

    def from_bytes(self, data: bytes, **kwargs: Any) -> ParagraphTokenizer:
        self.base.from_bytes(data, **kwargs)
        return self

    def to_disk(self, path: Any, **kwargs: Any) -> None:
        self.base.to_disk(path, **kwargs)

    def from_disk(self, path: Any, **kwargs: Any) -> ParagraphTokenizer:
        self.base.from_disk(path, **kwargs)
        return self


@registry.tokenizers("ccm.ParagraphTokenizer.v1")
def create_paragraph_tokenizer():
    """The factory spaCy's config calls: `[nlp.tokenizer] @tokenizers = ...`."""
    return ParagraphTokenizer
