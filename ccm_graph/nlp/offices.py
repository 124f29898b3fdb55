"""`ccm_offices_v1`: a State's offices named without the State's name, added to the actors.

- An adjective of a State before an office: "the Iraqi Mission", "the Australian Permanent
  Mission", "the Peruvian Air Force" (`doc.spans["demonyms"]` then a `mission` cue).
- An acronym the document defines for an office of a State and uses later: after "the Iraq
  Regional Mine Action Centre - South (RMAC-South)", "RMAC-South" and "RMAC- South" name an
  Iraqi office; after "Bosnia and Herzegovina (BiH)", "BiH" names the State.

Both are labelled `state` with the State's code, like the State's own name: in attendance
and affiliations an office stands for its State.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from ccm_graph.nlp import index
from ccm_graph.nlp.doctext import doc_text
from ccm_graph.nlp.layout import to_span

# "(RMAC-South)", "(IDC)"; a lower-case letter between capitals as in "(BiH)".
ACRONYM = re.compile(
    r"\(\s*([A-Z](?:[A-Z0-9]|[a-z](?=[A-Z])){1,8}(?:\s?[-–]\s?[A-Za-z0-9]{2,10})?)\s*\)"
)
# The words of an office's name between the State and the acronym: no verb, no clause.
OFFICE_WORDS = re.compile(r"^(?:['’]s)?(?:[\s–-]*(?:[A-Z][\w'’-]*|of|for|and|the|on|in))*[\s–-]*$")
LONGEST_NAME = 90


@Language.factory("ccm_offices_v1", assigns=["doc.spans"])
def make_offices(nlp: Language, name: str) -> Offices:
    return Offices()


class Offices:
    def __call__(self, doc: Doc) -> Doc:
        added = [*_adjective_offices(doc), *_acronym_offices(doc)]
        if added:
            index.put(doc, "actors", filter_spans([*index.spans(doc, "actors"), *added]))
        return doc


def _adjective_offices(doc: Doc) -> list[Span]:
    text = doc_text(doc)
    found = []
    for demonym in index.spans(doc, "demonyms"):
        for cue in index.within(doc, "cues", demonym.end_char, demonym.end_char + 40, "mission"):
            if text[demonym.end_char : cue.start_char].strip() == "":
                found.append(Span(doc, demonym.start, cue.end, label="state", kb_id=demonym.kb_id_))
                break
    return found


def _acronym_offices(doc: Doc) -> list[Span]:
    text = doc_text(doc)
    known = {a.text for a in index.spans(doc, "actors")}
    defined: dict[str, str] = {}
    for match in ACRONYM.finditer(text):
        acronym = match.group(1)
        if acronym in known or acronym in defined:
            continue
        states = [
            s
            for s in index.within(
                doc, "actors", max(0, match.start() - LONGEST_NAME), match.start()
            )
            if s.label_ == "state"
        ]
        if states and OFFICE_WORDS.match(text[states[-1].end_char : match.start()]):
            defined[acronym] = states[-1].kb_id_
    found = []
    for acronym, code in defined.items():
        written = r"\s?[-–]\s?".join(re.escape(p) for p in re.split(r"\s?[-–]\s?", acronym))
        for use in re.finditer(rf"(?<![\w-])(?:{written})(?![\w])", text):
            span = to_span(doc, use.start(), use.end(), "state", code)
            if span is not None:
                found.append(span)
    return found
