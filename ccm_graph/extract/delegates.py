"""Delegates named in prose, with the affiliation the text states outright.

Attendance lists give most delegates (see `attendance`). Prose adds the officials whose
function names their State or organization:
- after the name: "Ambassador Michael Biontino, Permanent Representative of Germany",
  "Ms. Sheila N. Mweemba, Director of the ISU", "Ambassador X of the Republic of Y";
- before the name: "the Chief of UNOG Financial Services, Mr. Hans Baritt",
  "Cluster Munition Coalition (CMC) Ambassador Mr. Branislav Kapetanović".
A name alone ("Ambassador Higgie", mentioned by New Zealand) is not an affiliation.
"""

from __future__ import annotations

import re

from ccm_graph.extract.context import Context
from ccm_graph.model import DelegateFact, Fact
from ccm_graph.nlp import link
from ccm_graph.nlp.pipeline import Mention

FUNCTION = (
    r"(?:Permanent\s+Representative|Deputy\s+Permanent\s+Representative|Ambassador|Director"
    r"|Deputy\s+Director|Head|Chief|Officer|Minister|Vice[\s-]Minister|Secretary|Counsellor"
    r"|Counselor|Adviser|Advisor|Representative|representative|delegate|Delegate|President"
    r"|Chair|Chairperson|Coordinator|Manager|Expert|Attaché|Attache|Spokesperson|Envoy"
    r"|Under-Secretary|Undersecretary|Focal\s+Point|Permanent\s+Mission|Mission|Embassy"
    r"|Delegation|Ministry)"
)
# A function of an actor right after the name: ", Director of the ISU".
AFTER_NAME = re.compile(
    rf"^\s*(?:,\s*(?:the\s+)?[^.;:\n()]{{0,60}}?\b{FUNCTION}\b[^.;:\n()]{{0,110}}?"
    rf"\b(?:of|at|from|to|in)\s+(?:the\s+)?|\s+(?:of|from)\s+(?:the\s+)?|\s*\(\s*(?:the\s+)?"
    rf"|,\s*(?:the\s+)?[^.;:\n()]{{0,60}}?\b{FUNCTION}\b[^.;:\n(),]{{0,40}},\s*(?:the\s+)?(?:CCM\s+)?)$"
)
# A function of an actor right before the name: "the Chief of UNOG Financial Services, Mr.".
BEFORE_NAME = re.compile(rf"(?:{FUNCTION})\s+(?:of|at)\s+(?:the\s+)?$")
ACTOR_TITLE = re.compile(
    r"^\)?\s*(?:\([A-Z]{2,6}\)\s*)?(?:'s\s+|’s\s+)?\(?\s*(?:Ambassador|Director|representative|"
    r"Representative|delegate|Head|Chief)?\s*:?\s*(?:H\.\s?E\.\s*)?(?:(?:Mr|Ms|Mrs|Dr|Prof)\.?\s*)?$"
)
BOUNDARY = re.compile(r"[.;:\n]|\s(?:and|by|was|were|who|which|on\s+behalf)\s")
WINDOW = 160


def extract(ctx: Context) -> list[Fact]:
    facts: list[Fact] = []
    seen: set[tuple[str, str]] = set()
    for person in ctx.within(0, len(ctx.text), "person"):
        if link.person_key(person.key) is None:
            continue  # "Mr. Baritt": a short form, not a name that identifies a person
        affiliation = stated_after(ctx, person) or _stated_before(ctx, person)
        if affiliation is None:
            continue
        actor, start, end = affiliation
        if (actor.key, person.key) in seen:
            continue
        seen.add((actor.key, person.key))
        facts.append(DelegateFact(ctx.doc_id, ctx.span(start, end), actor.key, person.key))
    return facts


def stated_after(ctx: Context, person: Mention) -> tuple[Mention, int, int] | None:
    """'X, Permanent Representative of Germany to ...': the first actor of the apposition."""
    window_end = min(len(ctx.text), person.end + WINDOW)
    actors = ctx.actors(person.end, window_end)
    if not actors:
        return None
    between = ctx.text[person.end : actors[0].start]
    if between.count(",") > 2 or not AFTER_NAME.match(between):
        return None
    return actors[0], _honorific_start(ctx, person), actors[0].end


def _stated_before(ctx: Context, person: Mention) -> tuple[Mention, int, int] | None:
    """'the Chief of UNOG Financial Services, Mr. X' or 'the CMC Ambassador Mr. X'."""
    start = _honorific_start(ctx, person)
    window_start = max(0, start - WINDOW)
    actors = ctx.actors(window_start, start)
    if not actors:
        return None
    nearest = actors[-1]
    gap = ctx.text[nearest.end : start]
    if ACTOR_TITLE.match(gap) and "\n" not in gap:  # lists are the attendance module's
        return nearest, nearest.start, person.end
    prefix = ctx.text[window_start : nearest.start]
    if (
        BEFORE_NAME.search(prefix)
        and re.fullmatch(r"(?:\s+[A-Z][\w'-]*){0,4}\s*,\s*", gap)
        and not BOUNDARY.search(gap)
    ):
        return nearest, nearest.start, person.end
    return None


def _honorific_start(ctx: Context, person: Mention) -> int:
    """Where the name's honorifics begin ("H.E. Mr. " before the name itself)."""
    before = ctx.text[max(0, person.start - 40) : person.start]
    match = re.search(r"(?:(?:H\.\s?E\.|Ambassador|Mr\.?|Ms\.?|Mrs\.?|Dr\.?|Prof\.?)\s*)+$", before)
    return person.start - (len(match.group()) if match else 0)
