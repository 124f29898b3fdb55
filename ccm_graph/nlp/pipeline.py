"""The spaCy stage: a blank English pipeline with CCM's own rule components.

Components (each registered with `@Language.factory`):
- `ccm_gazetteer`: PhraseMatcher over every name of every State, organization and thematic
  area (`gazetteer.entries()`), longest match wins, OCR slips repaired by `link.repair_state`.
- `ccm_persons`: people after an honorific ("H.E. Mr.", "Dr.", "Ambassador"), read token by
  token so that names with initials, particles and hyphens hold together and a name split by
  a line break is joined.

`annotate(text)` runs the pipeline one paragraph per Doc (spaCy caches far better on short
Docs, see PERFORMANCE.md) and returns `Mention`s with offsets into the whole text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

import spacy
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from ccm_graph.nlp import gazetteer, link


@dataclass(frozen=True)
class Mention:
    """A recognised name: `kind` is state, org, area or person; `key` the id (or the name)."""

    kind: str
    key: str
    start: int
    end: int
    text: str


HONORIFIC = re.compile(
    r"(?:(?:H\.\s?E\.|S\.\s?E\.|His Excellency|Her Excellency)\s*)?"
    r"(?:(?:Mr|Mrs|Ms|Miss|Mme|Dr|Prof|Amb)\.?(?=\s)\s*|Madam\s+|Sir\s+|Ambassador\s+|Professor\s+)+"
    r"|(?:H\.\s?E\.|His Excellency|Her Excellency)\s+",
)
HONORIFIC_WORDS = {
    "mr",
    "mrs",
    "ms",
    "miss",
    "mme",
    "dr",
    "prof",
    "amb",
    "h.e",
    "he",
    "ambassador",
    "madam",
    "sir",
    "professor",
    "excellency",
}
PARTICLES = {
    "van",
    "von",
    "der",
    "den",
    "de",
    "del",
    "della",
    "dela",
    "dello",
    "des",
    "ten",
    "af",
    "di",
    "da",
    "dos",
    "das",
    "du",
    "la",
    "le",
    "bin",
    "ben",
    "al",
    "el",
    "ter",
    "zu",
    "y",
    "e",
    "d'",
    "ibn",
    "abu",
}
# Capitalised words that end a name rather than continue it.
NOT_NAME = {
    "Permanent",
    "Representative",
    "Director",
    "Minister",
    "President",
    "Presidency",
    "Coordinator",
    "Coordinators",
    "Co-coordinator",
    "Secretariat",
    "Apologies",
    "Absent",
    "Present",
    "Head",
    "Deputy",
    "Chair",
    "Vice",
    "Executive",
    "Delegation",
    "Mission",
    "Secretary",
    "Ambassador",
    "Counsellor",
    "Counselor",
    "Adviser",
    "Advisor",
    "Officer",
    "Attaché",
    "First",
    "Second",
    "Third",
    "Minutes",
    "The",
    "On",
    "In",
    "At",
    "For",
    "And",
    "Of",
    "To",
    "From",
    "By",
    "With",
    "He",
    "She",
    "They",
    "It",
    "This",
    "That",
    "Agenda",
    "Item",
    "Meeting",
    "Committee",
    "Convention",
    "Chairperson",
    "Member",
    "Members",
    "Expert",
    "Special",
    "Envoy",
    "Legal",
    "Programme",
    "Program",
    "Policy",
    "Senior",
    "Desk",
    "Assistant",
    "General",
}
NAME_WORD = re.compile(
    r"[A-ZÀ-ÖØ-ÞĀ-Ž][^\W\d_]*(?:['’][^\W\d_]+)?(?:-[^\W\d_]+(?:['’][^\W\d_]+)?)*"
)
INITIALS = re.compile(r"(?:[A-Z]\.){1,3}|[A-Z]\.-[A-Z]\.")
TOKEN = re.compile(r"\S+")
TRAILING = ",;:)]}\"”’'"


@Language.factory("ccm_gazetteer")
def make_gazetteer(nlp: Language, name: str) -> GazetteerComponent:
    return GazetteerComponent(nlp)


class GazetteerComponent:
    """Marks States, organizations and areas (as `doc.spans['ccm']`, label and kb_id set)."""

    def __init__(self, nlp: Language) -> None:
        # Names are matched as written (case tells "Chad" from "chad"); area names, which
        # tables and prose capitalise at will ("Victim assistance"), regardless of case.
        self.matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.area_matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        groups: dict[tuple[str, str], list[Doc]] = {}
        for entry in gazetteer.entries():
            groups.setdefault((entry.kind, entry.key), []).append(nlp.make_doc(entry.name))
        for (kind, key), docs in groups.items():
            matcher = self.area_matcher if kind == "area" else self.matcher
            matcher.add(f"{kind}|{key}", docs)

    def __call__(self, doc: Doc) -> Doc:
        spans = []
        for match_id, start, end in [*self.matcher(doc), *self.area_matcher(doc)]:
            kind, key = doc.vocab.strings[match_id].split("|", 1)
            spans.append(Span(doc, start, end, label=kind, kb_id=key))
        spans += list(repaired_states(doc))
        doc.spans["ccm"] = filter_spans(spans)
        return doc


def repaired_states(doc: Doc) -> Iterator[Span]:
    """Capitalised words that are a State's name but for one OCR slip ("lraq", "Irag")."""
    for token in doc:
        if len(token.text) >= 4 and token.text[:1].isalpha() and token.text[1:].islower():
            code = link.repair_state(token.text)
            if code:
                yield Span(doc, token.i, token.i + 1, label="state", kb_id=code)


@Language.factory("ccm_persons")
def make_persons(nlp: Language, name: str) -> PersonComponent:
    return PersonComponent()


class PersonComponent:
    """Finds people named after an honorific (their offsets in `doc.user_data['persons']`)."""

    def __call__(self, doc: Doc) -> Doc:
        offsets = doc.user_data["offsets"]
        stops = {offsets[span.start][0] for span in doc.spans.get("ccm", [])}
        # Line breaks matter to names ("Ms. A B\nMr. C D"): read them in the paragraph itself.
        text = doc.user_data["original_text"]
        found = []
        for match in HONORIFIC.finditer(text):
            end = read_name(text, match.end(), stops)
            if end is not None:
                found.append((match.end(), end))
        doc.user_data["persons"] = found
        return doc


def read_name(text: str, start: int, stops: set[int]) -> int | None:
    """The end offset of the name that starts at `start`, or None when no name starts there."""
    end, words, lines = start, 0, 0
    for token in TOKEN.finditer(text, start):
        gap = text[end : token.start()]
        if words and "\n" in gap:
            # A name broken over two lines: only a lone first name continues on the next line.
            if (
                lines
                or gap.count("\n") > 1
                or not (
                    (words == 1 and continues_name(text, token.start()))
                    or (words <= 2 and ends_name_on_next_line(text, token))
                )
            ):
                break
            lines += 1
        word = token.group().rstrip(TRAILING)
        if word.endswith(".") and len(word) > 3 and not INITIALS.fullmatch(word):
            word = word[:-1]  # a full stop after a surname ends the sentence, not an initial
        if token.start() in stops and words:
            break
        kind = name_part(word, first=words == 0)
        if kind is None:
            break
        end, words = token.start() + len(word), words + 1
        if word != token.group():  # punctuation closes the name
            break
    return end if words and any(NAME_WORD.fullmatch(w) for w in text[start:end].split()) else None


def ends_name_on_next_line(text: str, token: re.Match[str]) -> bool:
    """'Ambassador Ali Jawad\nAl-Rubaie, Permanent Representative' or '...\nAl-Rubaie of Iraq':
    one capitalised surname word, then a comma or a lowercase word, ends the broken name."""
    word = token.group().rstrip(",")
    if name_part(word, first=False) != "word" or word in NOT_NAME:
        return False
    if token.group().endswith(","):
        return True
    following = TOKEN.match(text, token.end() + 1) if token.end() < len(text) else None
    return bool(following and following.group()[:1].islower())


def continues_name(text: str, position: int) -> bool:
    line = text[position : text.find("\n", position) if "\n" in text[position:] else len(text)]
    words = line.split()
    return 0 < len(words) <= 3 and all(name_part(w.rstrip(TRAILING), first=False) for w in words)


def name_part(word: str, first: bool) -> str | None:
    if not word or word.casefold().rstrip(".") in HONORIFIC_WORDS or word in NOT_NAME:
        return None
    if INITIALS.fullmatch(word):
        return "initial"
    if not first and word.casefold() in PARTICLES:
        return "particle"
    if NAME_WORD.fullmatch(word) and (len(word) > 1):
        return "word"
    return None


@cache
def pipeline() -> Language:
    """The spaCy pipeline, built once per process."""
    nlp = spacy.blank("en")
    # Footnote markers stuck to a name ("Colombia¹", "Chile*") are not part of it.
    suffixes = [*nlp.Defaults.suffixes, r"[¹²³⁴⁵⁶⁷⁸⁹⁰*†‡]+"]
    nlp.tokenizer.suffix_search = spacy.util.compile_suffix_regex(suffixes).search
    nlp.add_pipe("ccm_gazetteer")
    nlp.add_pipe("ccm_persons")
    return nlp


PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")


def paragraphs(text: str) -> Iterator[tuple[int, str]]:
    """(offset, text) of each blank-line separated paragraph."""
    start = 0
    for match in PARAGRAPH_BREAK.finditer(text):
        if match.start() > start:
            yield start, text[start : match.start()]
        start = match.end()
    if start < len(text):
        yield start, text[start:]


def process(chunk: str) -> Doc:
    """Run the pipeline on one paragraph. Line breaks and the indentation after them are
    dropped from the Doc, so that names broken over lines ("Norwegian\nPeople's Aid",
    "Cooperation\n    and Assistance") match; `user_data["offsets"]` keeps each token's place
    in the paragraph, and the components read the paragraph itself where layout matters."""
    nlp = pipeline()
    tokens = [t for t in nlp.make_doc(chunk.replace("\n", " ")) if not t.is_space]
    words = [t.text for t in tokens]
    spaces = [
        index + 1 < len(tokens) and tokens[index + 1].idx > t.idx + len(t.text)
        for index, t in enumerate(tokens)
    ]
    doc = Doc(nlp.vocab, words=words, spaces=spaces)
    doc.user_data["original_text"] = chunk
    doc.user_data["offsets"] = [(t.idx, t.idx + len(t.text)) for t in tokens]
    for _, component in nlp.pipeline:
        doc = component(doc)
    return doc


def annotate(text: str) -> list[Mention]:
    """Every State, organization, area and person mention in `text`, in text order."""
    mentions: list[Mention] = []
    for offset, chunk in paragraphs(text):
        doc = process(chunk)
        offsets = doc.user_data["offsets"]
        for span in doc.spans["ccm"]:
            start, end = offsets[span.start][0], offsets[span.end - 1][1]
            mentions.append(
                Mention(span.label_, span.kb_id_, offset + start, offset + end, chunk[start:end])
            )
        for start, end in doc.user_data["persons"]:
            name = chunk[start:end]
            mentions.append(Mention("person", clean_name(name), offset + start, offset + end, name))
    mentions.sort(key=lambda m: (m.start, m.end, m.kind))
    return trim_persons(mentions)


def clean_name(name: str) -> str:
    return " ".join(name.split())


def trim_persons(mentions: list[Mention]) -> list[Mention]:
    """Drop a person whose span holds a State or organization name (a misread, not a name)."""
    named = [(m.start, m.end) for m in mentions if m.kind != "person"]
    return [
        m
        for m in mentions
        if m.kind != "person" or not any(m.start <= s and e <= m.end for s, e in named)
    ]
