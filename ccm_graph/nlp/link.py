"""Linking: names to identifiers.

- States: exact names from the curated table; a word that misses is repaired only through
  the character confusions OCR makes ("lraq", "Irag", "Gerrnany"), never by fuzzy search
  alone, so that no word is mapped to the wrong State.
- People: one key per human across documents. Two mentions are the same person when their
  given name and their last surname word agree once accents, hyphens, honorifics and
  initials are folded away ("Sheila N. Mweemba" = "Sheila Mweemba"; "Emad Al-Juhaishi" =
  "Emad Al Juhaishi"); people who share a surname only stay apart.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from ccm_graph.nlp import vocab

# (what OCR printed, what was written), tried one at a time.
OCR_CONFUSIONS = (
    ("l", "I"),
    ("I", "l"),
    ("g", "q"),
    ("q", "g"),
    ("rn", "m"),
    ("m", "rn"),
    ("0", "o"),
    ("1", "l"),
    ("cl", "d"),
    ("vv", "w"),
    ("li", "h"),
    ("ii", "u"),
)
HONORIFICS = {
    "mr",
    "mrs",
    "ms",
    "miss",
    "mme",
    "dr",
    "prof",
    "amb",
    "h",
    "e",
    "he",
    "ambassador",
    "madam",
    "sir",
    "professor",
    "his",
    "her",
    "excellency",
}


@cache
def _single_word_states() -> dict[str, str]:
    """Exact-case one-word State names: a repair must land on a name exactly as printed."""
    return {
        e.name: e.key
        for e in vocab.entries()
        if e.kind == "state" and " " not in e.name and len(e.name) >= 4
    }


@cache
def ocr_variants() -> dict[str, str]:
    """Every way OCR misprints a one-word State name by one confusion ("lraq", "Irag"),
    to the State's code: what `repair_state` reads back, as patterns for the gazetteer."""
    states = _single_word_states()
    variants: dict[str, str] = {}
    for name, code in sorted(states.items()):
        for wrong, right in OCR_CONFUSIONS:
            for match in re.finditer(re.escape(right), name):
                variant = name[: match.start()] + wrong + name[match.end() :]
                if variant not in states and variant[:1].isalpha() and variant[1:].islower():
                    variants.setdefault(variant, code)
    return variants


@cache
def repair_state(word: str) -> str | None:
    """The code of the State that `word` names but for one OCR confusion, else None."""
    states = _single_word_states()
    if word in states:
        return None  # an exact name: the gazetteer has it already
    for wrong, right in OCR_CONFUSIONS:
        for match in re.finditer(re.escape(wrong), word):
            candidate = word[: match.start()] + right + word[match.end() :]
            if candidate in states:
                return states[candidate]
    return None


def fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    return re.sub(r"\s+", " ", re.sub(r"[-‐–—_.,’'`]", " ", text)).strip()


def name_words(name: str) -> list[str]:
    """The words of a person's name that identify them: no honorifics, no initials."""
    words = fold(name).split()
    while words and words[0] in HONORIFICS:
        words = words[1:]
    return [w for w in words if len(w) > 1]


def person_key(name: str) -> str | None:
    """A stable key for the human a name refers to, or None for a lone name ("Azeez")."""
    words = name_words(name)
    if len(words) < 2:
        # "J.-P. Kaboré", "J. P. O'Sullivan": initials and a surname name a human too; the key
        # keeps the first initial, so that it never meets a full given name's key.
        written = _without_honorifics(fold(name).split())
        if words and len(written) > 1 and len(written[0]) == 1:
            return f"{written[0]}-{words[-1]}"
        return None
    return f"{words[0]}-{words[-1]}"


def _without_honorifics(words: list[str]) -> list[str]:
    while words and words[0] in HONORIFICS:
        words = words[1:]
    return words


def display_names(names: list[str]) -> dict[str, str]:
    """For each person key, the fullest of its written names (most words, then sorted)."""
    best: dict[str, str] = {}
    for name in sorted(set(names)):
        key = person_key(name)
        if key and (key not in best or len(name_words(name)) > len(name_words(best[key]))):
            best[key] = name
    return best


def fullest_in_document(name: str, names: list[str]) -> str:
    """The fuller name the same document gives to a shortened one: "Abdul Azeez" is the
    "Aliyar Lebbe Abdul Azeez" listed above when that is the only name ending so."""
    words = name_words(name)
    if not words:
        return name
    longer = {
        other
        for other in names
        if len(name_words(other)) > len(words) and name_words(other)[-len(words) :] == words
    }
    keys = {person_key(other) for other in longer}
    return min(longer) if len(keys) == 1 else name
