"""A Doc's text, built once: spaCy's `Doc.text` joins every token on each access, and the
components slice the text at every step."""

from __future__ import annotations

from spacy.tokens import Doc

KEY = "ccm_text"


def doc_text(doc: Doc) -> str:
    """`doc.text`, cached in the Doc (a Doc's text never changes)."""
    text = doc.user_data.get(KEY)
    if text is None:
        text = doc.user_data[KEY] = doc.text
    return text
