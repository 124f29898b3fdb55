"""Coordinator mandates: which actor coordinates which thematic area.

The genre presents a coordinator in a handful of structures, each a rule here:
- the role of an attendance-list entry: "Japan (Universalisation in 2012)";
- a heading, list item or numbered label naming the area and its holders: "5.1 Victim
  Assistance (Ireland & Spain)", "• Victim assistance (Ecuador and Ghana)";
- appointment lists and tables: "(b) Reporting: Zambia.", "Victim assistance | Austria and
  Colombia | 2023-2025", a composition table read out with single spaces, where the second
  holder of an area stands on a row of its own;
- prose: "Chile and Italy, as the Coordinators on Victim Assistance", "the Coordinator for
  Transparency Measures, Costa Rica", "the Coordinators on Universalization (Ghana and
  Norway)", "As Coordinator on Universalization, the Norwegian Mission ...", "Austria (Victim
  Assistance, with Colombia)", "Sweden, on behalf of the Clearance Coordinators", "has served
  as coordinator on ...", "the Article 4 Coordinators".
Past holders ("its previous Co-coordinator, Italy") and other conventions' coordinators
("an APMBC VA Coordinator") are not CCM mandates: the `past-holder` and `other-instrument`
guards turn them down.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator

from ccm_graph.extract.guards import names_other_instrument
from ccm_graph.extract.rules import Known, example, rule, trap
from ccm_graph.extract.view import Mention, View
from ccm_graph.model import CoordinatorFact, Fact
from ccm_graph.nlp import vocab

COORDINATOR = r"(?:co-?\s?)?coordinators?|focal\s+points?"
COORDINATOR_OF = re.compile(
    rf"(?i)(?:the\s+)?(?:CCM\s+)?(?:{COORDINATOR})\s+(?:on|for|of)\s+(?:the\s+)?$"
)
ARTICLE_COORDINATORS = re.compile(rf"(?i)\bArticle\s+(\d{{1,2}})\s+(?:{COORDINATOR})\b")
CO_COORDINATOR = re.compile(r"(?i)\bco-?\s?coordinators?\s*,?\s*$")
ON_BEHALF = re.compile(
    rf"(?i)[\s,]*(?:speaking\s+|reporting\s+)?on\s+behalf\s+of\s+(?:both\s+|all\s+)?"
    rf"(?:the\s+)?(?:(?P<area>[\w\s.]{{2,60}}?)\s+)?(?:{COORDINATOR})\b"
)
CONNECTOR = re.compile(
    r"(?i)^[\s,;¹²³⁴⁵⁶⁷⁸⁹⁰*†‡]*(?:and|&|as\s+well\s+as|together\s+with|with)?[\s,;]*$"
)
HEADING_HOLDERS = re.compile(r"\(([^()\n]{2,120})\)\s*[*_]*\s*$")
LIST_ITEM = re.compile(
    r"(?im)^[ \t>*•·\-–]*(?:\(?[a-z]{1,3}\)|\d{1,2}[.)])?[ \t*_]*(?:working\s+group\s+on\s+)?"
    r"(?P<area>[^:\n]{3,90}?)[*_]*[ \t]*:[*_ \t]*(?P<holders>[^\n]{2,400})$"
)
YEARS = re.compile(r"\b(?:19|20)\d\d\b")
PAST_OR_OTHER = 30  # how far around a title a past or another convention's word counts
GUARDS = ("past-holder", "other-instrument")


def mandate(
    view: View, area: str, actor: Mention, start: int, end: int, years=()
) -> CoordinatorFact:
    return CoordinatorFact(
        view.doc_id,
        view.span(min(start, actor.start), max(end, actor.end)),
        area,
        actor.key,
        tuple(years),
    )


def not_current(view: View, start: int, end: int) -> bool:
    """A past role or another convention's, said in text[start:end]."""
    return view.has_cue("past", start, end) or names_other_instrument(view, start, end)


def areas_in(view: View, start: int, end: int) -> list[str]:
    """The areas text[start:end] names, an article's coordinators standing for its area."""
    keys: list[str] = []
    for area in view.within(start, end, "area"):
        if area.key not in keys:
            keys.append(area.key)
    for match in ARTICLE_COORDINATORS.finditer(view.text, start, end):
        area = vocab.article_areas().get(int(match.group(1)))
        if area and area not in keys:
            keys.append(area)
    return keys


def unique(mentions: list[Mention]) -> list[Mention]:
    seen: dict[str, Mention] = {}
    for mention in mentions:
        seen.setdefault(mention.key, mention)
    return list(seen.values())


def actor_list(view: View, start: int, end: int) -> list[Mention]:
    """Actors joined only by 'and', '&' or commas: 'Ireland & Spain', 'Austria and Colombia'."""
    actors = view.actors(start, end)
    if not actors:
        return []
    gaps = [view.text[start : actors[0].start]]
    gaps += [view.text[a.end : b.start] for a, b in itertools.pairwise(actors)]
    gaps.append(view.text[actors[-1].end : end].rstrip(".:)"))
    if all(CONNECTOR.match(gap) for gap in gaps):
        return unique(actors)
    return []


# --- attendance lists -------------------------------------------------------------------------


@rule(
    "coordinators.listed-role",
    1,
    CoordinatorFact,
    "The role of an attendance-list entry names an area: 'Japan (Universalisation in 2012)', "
    "'Chile - Coordinator on Victim Assistance'.",
    examples=(
        example(
            "List of Attendees:\n- Japan (Universalisation in 2025)\n- Peru (Victim Assistance "
            "in 2025 and 2026)\n- CMC\n",
            ("universalization", "JPN"),
            ("victim-assistance", "PER"),
        ),
        example(
            "Present:\nChile - Coordinator on Clearance\nMs. Ana Torres\n",
            ("clearance", "CHL"),
        ),
        trap(
            "Present:\nChile - former Coordinator on Clearance\nMs. Ana Torres\n",
            ("clearance", "CHL"),
        ),
    ),
    guards=GUARDS,
)
def listed_role(view: View, known: Known) -> Iterator[Fact]:
    for role in view.group("roles"):
        actors = [
            m
            for m in view.actors(max(0, role.start_char - 80), role.start_char)
            if m.key == role.kb_id_
        ]
        if not actors or not_current(view, role.start_char, role.end_char):
            continue
        text = view.text[role.start_char : role.end_char]
        years = sorted({int(y) for y in YEARS.findall(text)})
        for area in areas_in(view, role.start_char, role.end_char):
            yield mandate(view, area, actors[-1], actors[-1].start, role.end_char, years)


# --- headings, list items, labels -------------------------------------------------------------


@rule(
    "coordinators.titled-holders",
    1,
    CoordinatorFact,
    "A heading or list item that names an area and its holders in parentheses: '5.1 Victim "
    "Assistance (Ireland & Spain)', '• Victim assistance (Ecuador and Ghana)', '5.1 "
    "Universalisation (France and Zambia): France presented ...'.",
    examples=(
        example(
            "5.1 Victim Assistance (Ireland & Spain)\n\nThe Coordinators reported.",
            ("victim-assistance", "IRL"),
            ("victim-assistance", "ESP"),
        ),
        example(
            "Coordinators for 2027\n\n• Victim assistance (Ecuador and Ghana)\n• Clearance "
            "(Norway)\n",
            ("victim-assistance", "ECU"),
            ("victim-assistance", "GHA"),
            ("clearance", "NOR"),
        ),
        example(
            "6.2 Universalisation (France and Zambia): France presented the plan.",
            ("universalization", "FRA"),
            ("universalization", "ZMB"),
        ),
        trap("• Victim assistance (see the report of Chile)\n", ("victim-assistance", "CHL")),
    ),
    guards=GUARDS,
)
def titled_holders(view: View, known: Known) -> Iterator[Fact]:
    units = [*view.headings, *[_item_first_line(view, item) for item in view.group("items")]]
    for unit in units:
        holders = HEADING_HOLDERS.search(unit.text)
        if not holders:
            continue
        inner_start, inner_end = unit.start + holders.start(1), unit.start + holders.end(1)
        actors = actor_list(view, inner_start, inner_end)
        areas = areas_in(view, unit.start, unit.start + holders.start())
        if actors and len(areas) == 1:
            for actor in actors:
                yield mandate(view, areas[0], actor, unit.start, unit.end)
    yield from _numbered_labels(view)


def _item_first_line(view: View, item):
    from ccm_graph.extract.view import Segment

    end = view.text.find("\n", item.start_char, item.end_char)
    end = item.end_char if end == -1 else end
    return Segment(item.start_char, end, view.text[item.start_char : end])


NUMBERED_LABEL = re.compile(
    r"(?m)^[ \t#*_]*\d{1,2}(?:\.[\dlI]{1,2})*\.?[ \t]+(?P<label>[^()\n]{3,80}?)[ \t]*"
    r"\((?P<holders>[^()\n]{2,120})\)[ \t*_]*[:.–—-]"
)


def _numbered_labels(view: View) -> Iterator[Fact]:
    for item in NUMBERED_LABEL.finditer(view.text):
        areas = areas_in(view, *item.span("label"))
        holders = actor_list(view, *item.span("holders"))
        if len(areas) != 1 or view.actors(*item.span("label")):
            continue
        for holder in holders:
            yield mandate(view, areas[0], holder, item.start("label"), item.end("holders") + 1)


# --- appointment lists and tables -------------------------------------------------------------

HOLDER_FILLER = re.compile(
    r"(?i)^(?:[\s,;.:()¹²³⁴⁵⁶⁷⁸⁹⁰*–—-]|and\b|&|(?:working|together)\s+with\b|with\b"
    r"|as\s+well\s+as\b|co-?chairs?\b|coordinators?\b|focal\s+points?\b)*$"
)


def holders_of(view: View, start: int, end: int) -> list[Mention]:
    """Actors of an appointment: 'France (until ...) working with Panama (until ...)'. The
    text must be a list of actors and nothing else: 'Ireland reported that ...' is prose."""
    text = view.text
    depth_free = [
        a
        for a in view.actors(start, end)
        if text[start : a.start].count("(") == text[start : a.start].count(")")
    ]
    rest = text[start:end]
    for actor in reversed(depth_free):
        rest = rest[: actor.start - start] + " " + rest[actor.end - start :]
    rest = re.sub(r"\([^()]*\)", " ", rest)
    return unique(depth_free) if HOLDER_FILLER.match(rest) else []


@rule(
    "coordinators.appointment-list",
    1,
    CoordinatorFact,
    "An appointment list: an area, a colon, its holders and nothing else: '(b) Working group "
    "on universalization: France (until 2027) working with Panama', '(a) Reporting: Zambia.'",
    examples=(
        example(
            "(a) Reporting: Zambia.\n(b) Working group on universalization: France (until "
            "2027) working with Panama.\n",
            ("transparency", "ZMB"),
            ("universalization", "FRA"),
            ("universalization", "PAN"),
        ),
        example(
            "Victim Assistance: Chile and Italy\n",
            ("victim-assistance", "CHL"),
            ("victim-assistance", "ITA"),
        ),
        trap(
            "Victim assistance: Ireland reported that its programme had grown.\n",
            ("victim-assistance", "IRL"),
        ),
    ),
    guards=GUARDS,
)
def appointment_list(view: View, known: Known) -> Iterator[Fact]:
    for item in LIST_ITEM.finditer(view.text):
        area_start, area_end = item.span("area")
        areas = areas_in(view, area_start, area_end)
        if len(areas) != 1 or view.actors(area_start, area_end):
            continue
        if len(re.findall(r"[A-Za-z]+", view.text[area_start:area_end])) > 9:
            continue  # a sentence that mentions an area, not an area's name
        for holder in holders_of(view, *item.span("holders")):
            yield mandate(view, areas[0], holder, item.start(), item.end())


@rule(
    "coordinators.table-row",
    1,
    CoordinatorFact,
    "A table row with an area cell and a holder cell, in any layout (pipes, columns, single "
    "spaces); a row of holders alone under an area's row shares its area.",
    examples=(
        example(
            "Thematic area | Coordinators | Term\nVictim assistance | Austria and Colombia | "
            "2023-2025\n",
            ("victim-assistance", "AUT"),
            ("victim-assistance", "COL"),
        ),
        example(
            "Composition of the Coordination Committee\nThematic area Coordinators Term\n"
            "Universalization Ghana 2027-2029\nFrance 2026-2028\nClearance Norway 2027-2029\n"
            "President Philippines 14MSP\n",
            ("universalization", "GHA"),
            ("universalization", "FRA"),
            ("clearance", "NOR"),
        ),
        trap(
            "Victim assistance  Article 5\nChile 2026-2028\n",
            ("victim-assistance", "CHL"),
        ),
    ),
    guards=GUARDS,
)
def table_row(view: View, known: Known) -> Iterator[Fact]:
    area: str | None = None
    for row in view.group("rows"):
        cells = view.in_("cells", row.start_char, row.end_char)
        areas = [
            key
            for c in cells
            if c.label_ == "area"
            for key in areas_in(view, c.start_char, c.end_char)
        ]
        if row.kb_id_ != "continues":
            area = areas[0] if len(set(areas)) == 1 else None
        if area is None:
            continue
        for cell in cells:
            if cell.label_ != "holder":
                continue
            for holder in actor_list(view, cell.start_char, cell.end_char):
                yield mandate(view, area, holder, row.start_char, row.end_char)
        if row.kb_id_ != "continues" and not any(c.label_ == "area" for c in cells):
            area = None


# --- prose ------------------------------------------------------------------------------------


@rule(
    "coordinators.apposition",
    1,
    CoordinatorFact,
    "A coordinator's title beside its holders: 'A and B, as the Coordinators on AREA', 'the "
    "Coordinator for AREA, A', 'the Coordinators on AREA (A and B)', 'As Coordinator on "
    "AREA, the Mission of A ...'.",
    examples=(
        example(
            "Chile and Italy, as the Coordinators on Victim Assistance, presented the plan.",
            ("victim-assistance", "CHL"),
            ("victim-assistance", "ITA"),
        ),
        example(
            "The meeting was organized by the Coordinators on Universalization of the CCM "
            "(Ghana and Norway) and the Coordinator on National Implementation Measures (New "
            "Zealand).",
            ("universalization", "GHA"),
            ("universalization", "NOR"),
            ("national-implementation", "NZL"),
        ),
        example(
            "As Coordinator on Clearance of the Convention, the Norwegian Mission in Geneva "
            "hosted a briefing.",
            ("clearance", "NOR"),
        ),
        example(
            "the Coordinator for Transparency Measures, Costa Rica, reported",
            ("transparency", "CRI"),
        ),
        trap(
            "its previous Coordinator on Victim Assistance, Italy, thanked the Committee",
            ("victim-assistance", "ITA"),
        ),
        trap(
            "Chile, as an APMBC Coordinator on Victim Assistance, spoke",
            ("victim-assistance", "CHL"),
        ),
    ),
    guards=GUARDS,
)
def apposition(view: View, known: Known) -> Iterator[Fact]:
    for sentence in view.sentences:
        if not view.has_cue("coordinator", sentence.start, sentence.end):
            continue
        start, end = sentence.start, sentence.end
        for area in view.within(start, end, "area"):
            before = view.text[max(start, area.start - 90) : area.start]
            trigger = COORDINATOR_OF.search(before)
            if not trigger:
                continue
            trigger_start = area.start - len(before) + trigger.start()
            if not_current(
                view, max(start, trigger_start - PAST_OR_OTHER), trigger_start + PAST_OR_OTHER
            ):
                continue
            holders = _holders_before(view, start, trigger_start)
            if len(holders) == 1 and _is_list_not_apposition(view, holders[0].end, trigger_start):
                holders = []
            holders = (
                holders
                or _holders_after(view, area.end, end)
                or _holders_in_parentheses(view, area.end, end)
                or _fronted_title(view, sentence, trigger_start, area.end, end)
            )
            for holder in holders:
                yield mandate(view, area.key, holder, trigger_start, area.end)


def _holders_before(view: View, start: int, trigger: int) -> list[Mention]:
    """The actors just before a trigger: 'by Chile and Italy, as the Coordinators on'."""
    actors = view.actors(start, trigger)
    if not actors:
        return []
    gap = view.text[actors[-1].end : trigger]
    if not re.fullmatch(
        r"(?i)[\s,–—-]*(?:(?:as|being|serving\s+as|acting\s+as|in\s+(?:its|their|her|his)\s+"
        r"(?:capacit(?:y|ies)|roles?)\s+(?:as|of))\s+)?"
        r"(?:(?:the|a|one\s+of\s+the)\s+)?(?:CCM\s+)?(?:thematic\s+)?",
        gap,
    ):
        return []
    holders = [actors[-1]]
    for previous in reversed(actors[:-1]):
        if not CONNECTOR.match(view.text[previous.end : holders[0].start]):
            break
        holders.insert(0, previous)
    return unique(holders)


def _holders_after(view: View, area_end: int, end: int) -> list[Mention]:
    """The actors right after the area: 'the Coordinator for Transparency Measures, Costa Rica'."""
    actors = view.actors(area_end, end)
    if not actors or not re.fullmatch(r"[\s,–—-]*", view.text[area_end : actors[0].start]):
        return []
    holders = [actors[0]]
    for following in actors[1:]:
        if not CONNECTOR.match(view.text[holders[-1].end : following.start]):
            break
        holders.append(following)
    return unique(holders)


def _holders_in_parentheses(view: View, area_end: int, end: int) -> list[Mention]:
    """'the Coordinators on Universalization of the CCM (Ghana and Norway)'."""
    match = re.compile(
        r"(?:\s+(?:of|to)\s+the\s+(?:CCM|Convention(?:\s+on\s+Cluster\s+Munitions)?))?\s*\(([^()]{2,80})\)"
    ).match(view.text, area_end, end)
    if match is None:
        return []
    return actor_list(view, *match.span(1))


def _fronted_title(
    view: View, sentence, trigger_start: int, area_end: int, end: int
) -> list[Mention]:
    """'As Coordinator on AREA of the CCM, the Norwegian Mission in Geneva attended ...':
    the holder is the subject after the fronted title."""
    lead = view.text[sentence.start : trigger_start]
    if not re.fullmatch(r"(?i)\W*(?:[\w/.:]+\s+){0,8}?as\s+(?:the\s+)?", lead) or not re.search(
        r"(?i)\bas\s+(?:the\s+)?$", lead
    ):
        return []
    comma = view.text.find(",", area_end, end)
    if comma == -1:
        return []
    actors = view.actors(comma, min(end, comma + 60))
    if actors and re.fullmatch(r"(?i),\s*(?:the\s+)?", view.text[comma : actors[0].start]):
        return [actors[0]]
    return []


def _is_list_not_apposition(view: View, actor_end: int, trigger_start: int) -> bool:
    """'with UNOG, the Coordinators on ... and the ISU': one actor before a plural title,
    with no 'as' between, is an item of a list rather than the title's holder."""
    gap = view.text[actor_end:trigger_start].lower()
    plural = re.match(r"(?i)(?:the\s+)?(?:CCM\s+)?\S*coordinators\b", view.text[trigger_start:])
    return bool(plural) and " as " not in f" {gap} " and "capacit" not in gap


ROLE_PARENTHESIS = re.compile(r"[ \t]*\(([^()\n]{3,90})\)")


@rule(
    "coordinators.parenthesised-role",
    1,
    CoordinatorFact,
    "An area in parentheses after an actor: 'Austria (Victim Assistance, with Colombia) "
    "presented ...', 'New Zealand (Coordinator on national implementation measures)'; an actor "
    "'with' it inside shares the mandate.",
    examples=(
        example(
            "Austria (Victim Assistance, with Colombia) presented the plan.",
            ("victim-assistance", "AUT"),
            ("victim-assistance", "COL"),
        ),
        example(
            "held at the Permanent Mission of Ireland (Coordinator on clearance) in Geneva",
            ("clearance", "IRL"),
        ),
        trap(
            "Peru (former Coordinator on Victim Assistance) spoke.",
            ("victim-assistance", "PER"),
        ),
    ),
    guards=GUARDS,
)
def parenthesised_role(view: View, known: Known) -> Iterator[Fact]:
    if view.group("entries"):
        entries = [(e.start_char, e.end_char) for e in view.group("entries")]
    else:
        entries = []
    for actor in view.actors(0, len(view.text)):
        if any(s <= actor.start < e for s, e in entries):
            continue  # an attendance entry's role: listed-role reads it
        match = ROLE_PARENTHESIS.match(view.text, actor.end)
        if not match or not_current(view, *match.span(1)):
            continue
        inner_start, inner_end = match.span(1)
        areas = areas_in(view, inner_start, inner_end)
        if len(areas) != 1 or view.within(inner_start, inner_end, "person"):
            continue
        partners = [
            a
            for a in view.actors(inner_start, inner_end)
            if re.search(r"(?i)\bwith\s+(?:the\s+)?$", view.text[inner_start : a.start])
        ]
        for holder in [actor, *partners]:
            yield mandate(view, areas[0], holder, actor.start, match.end())


@rule(
    "coordinators.on-behalf",
    1,
    CoordinatorFact,
    "An actor speaking on behalf of an area's coordinators: 'Sweden, on behalf of the "
    "Clearance Coordinators'; without the area, the area of the section's heading.",
    examples=(
        example(
            "Sweden, on behalf of the Clearance Coordinators, presented the plan.",
            ("clearance", "SWE"),
        ),
        example(
            "4. Victim Assistance\n\nChile, speaking on behalf of the Coordinators, reported.",
            ("victim-assistance", "CHL"),
        ),
        trap(
            "Sweden, on behalf of the APMBC Clearance Coordinators, presented the plan.",
            ("clearance", "SWE"),
        ),
    ),
    guards=GUARDS,
)
def on_behalf(view: View, known: Known) -> Iterator[Fact]:
    for sentence in view.sentences:
        for actor in view.actors(sentence.start, sentence.end):
            match = ON_BEHALF.match(view.text, actor.end, sentence.end)
            if not match:
                continue
            areas = areas_in(view, *match.span("area")) if match.group("area") else []
            areas = areas or section_area(view, actor.start)
            if len(areas) == 1 and not not_current(view, match.start(), match.end()):
                yield mandate(view, areas[0], actor, actor.start, match.end())


@rule(
    "coordinators.article",
    1,
    CoordinatorFact,
    "An article's coordinators stand for its area: 'Norway and Chile, the Article 4 "
    "Coordinators', 'the Coordinators, Chile and Peru, presented on Article 5 ...'.",
    examples=(
        example(
            "Norway and Chile, the Article 4 Coordinators, reported.",
            ("clearance", "NOR"),
            ("clearance", "CHL"),
        ),
        example(
            "The Coordinators, Spain and Zambia, presented their work on Article 3 to the "
            "Committee.",
            ("stockpile-destruction", "ESP"),
            ("stockpile-destruction", "ZMB"),
        ),
        trap(
            "Norway, the APMBC Article 4 Coordinator, reported.",
            ("clearance", "NOR"),
        ),
    ),
    guards=GUARDS,
)
def article(view: View, known: Known) -> Iterator[Fact]:
    for sentence in view.sentences:
        start, end = sentence.start, sentence.end
        for match in ARTICLE_COORDINATORS.finditer(view.text, start, end):
            area = vocab.article_areas().get(int(match.group(1)))
            if area is None or not_current(
                view, max(start, match.start() - PAST_OR_OTHER), match.end()
            ):
                continue
            for holder in _holders_before(view, start, match.start()):
                yield mandate(view, area, holder, holder.start, match.end())
        yield from _coordinators_on_article(view, start, end)


TITLE_THEN_HOLDERS = re.compile(rf"(?i)\b(?:the\s+)?(?:{COORDINATOR})\s*[,:(–—-]\s*")
ON_ARTICLE = re.compile(r"(?i)\b(?:on|under|of)\s+Article\s+(\d{1,2})\b")


def _coordinators_on_article(view: View, start: int, end: int) -> Iterator[Fact]:
    """'The Coordinators, Spain and Zambia, presented their work on Article 3'."""
    for match in TITLE_THEN_HOLDERS.finditer(view.text, start, end):
        comma = view.text.find(",", match.end(), end)
        if comma == -1:
            continue
        holders = actor_list(view, match.end(), comma)
        on = ON_ARTICLE.search(view.text, comma, end)
        area = vocab.article_areas().get(int(on.group(1))) if on else None
        if holders and area and not areas_in(view, start, end):
            for holder in holders:
                yield mandate(view, area, holder, match.start(), on.end())


CO_COORDINATOR_BEFORE = 40


@rule(
    "coordinators.section",
    1,
    CoordinatorFact,
    "In a section on one area (its heading names it), or a text whose title names one: "
    "'Zambia ... with her co-Coordinator Germany', 'Prepared by the Coordinators, Croatia "
    "and Portugal'.",
    examples=(
        example(
            "4.2 Victim Assistance\n\nZambia, with her co-Coordinator Germany, presented the "
            "survey.",
            ("victim-assistance", "ZMB"),
            ("victim-assistance", "DEU"),
        ),
        example(
            "Summary of the session on stockpile destruction\n\nPrepared by the Coordinators, "
            "Croatia and Portugal\n",
            ("stockpile-destruction", "HRV"),
            ("stockpile-destruction", "PRT"),
        ),
        trap(
            "4.2 Victim Assistance\n\nZambia thanked its previous co-Coordinator Germany.",
            ("victim-assistance", "DEU"),
        ),
    ),
    guards=GUARDS,
)
def section(view: View, known: Known) -> Iterator[Fact]:
    for sentence in view.sentences:
        start, end = sentence.start, sentence.end
        if not view.has_cue("coordinator", start, end):
            continue
        yield from _co_coordinators(view, start, end)
        yield from _untitled_area(view, start, end)


def _co_coordinators(view: View, start: int, end: int) -> Iterator[Fact]:
    actors = view.actors(start, end)
    for actor in actors:
        before = view.text[max(start, actor.start - CO_COORDINATOR_BEFORE) : actor.start]
        if not CO_COORDINATOR.search(before) or not_current(
            view, max(start, actor.start - CO_COORDINATOR_BEFORE), actor.start
        ):
            continue
        areas = section_area(view, actor.start)
        if len(areas) != 1:
            continue
        subject = actors[0]
        for holder in {subject.key: subject, actor.key: actor}.values():
            yield mandate(view, areas[0], holder, subject.start, actor.end)


def _untitled_area(view: View, start: int, end: int) -> Iterator[Fact]:
    for match in TITLE_THEN_HOLDERS.finditer(view.text, start, end):
        if not_current(
            view, max(start, match.start() - PAST_OR_OTHER), match.start() + PAST_OR_OTHER
        ):
            continue
        line_end = view.text.find("\n", match.end())
        stop = min(end, line_end if line_end != -1 else end)
        close = view.text.find(")", match.end(), stop)
        stop = close if close != -1 else stop
        holders = actor_list(view, match.end(), stop)
        if not holders:
            continue
        named = [
            a
            for a in view.within(max(start, match.start() - 60), match.start() + 1, "area")
            if re.fullmatch(r"\s*", view.text[a.end : match.start()])
        ]
        areas = [named[-1].key] if named else section_area(view, match.start()) or title_area(view)
        if len(areas) == 1:
            for holder in holders:
                yield mandate(view, areas[0], holder, match.start(), stop)


def section_area(view: View, position: int) -> list[str]:
    """The area of the heading that the position falls under, if that heading names one."""
    previous = [h for h in view.headings if h.end <= position]
    if not previous:
        return []
    heading = previous[-1]
    if position - heading.end > 6000:
        return []
    return areas_in(view, heading.start, heading.end)


def title_area(view: View) -> list[str]:
    """The one area a document's title names ('Summary of the session on stockpile destruction')."""
    return areas_in(view, 0, min(len(view.text), 400))


SERVED_AS = re.compile(
    rf"(?i)\b(?:has\s+(?:been\s+)?serv(?:ed|ing)|have\s+(?:been\s+)?serv(?:ed|ing)|serves|"
    rf"is\s+serving|are\s+serving|was\s+appointed|were\s+appointed|"
    rf"took\s+over|assumed\s+the\s+role)\s+as\s+(?:(?:the|a|one\s+of\s+the)\s+)?(?:CCM\s+)?"
    rf"(?:{COORDINATOR})\s+(?:on|for|of)\s+(?:the\s+)?$"
)
COORDINATED_WORK = re.compile(
    r"(?i)\b(?:coordinated|coordinates|co-?coordinated|co-?coordinates|is\s+coordinating|"
    r"has\s+coordinated)\s+(?:the\s+)?(?:(?:work|efforts|activities)\s+(?:on|of|in)\s+(?:the\s+)?)?$"
)


@rule(
    "coordinators.by-verb",
    1,
    CoordinatorFact,
    "A coordinator by verb: 'Chile has served as coordinator on victim assistance', "
    "'Peru coordinated the work on clearance with Norway' (both hold it).",
    examples=(
        example(
            "Chile has served as coordinator on victim assistance since 2026.",
            ("victim-assistance", "CHL"),
        ),
        example(
            "Peru coordinated the work on clearance with Norway.",
            ("clearance", "PER"),
            ("clearance", "NOR"),
        ),
        trap(
            "Peru previously served as coordinator on clearance.",
            ("clearance", "PER"),
        ),
    ),
    guards=GUARDS,
)
def by_verb(view: View, known: Known) -> Iterator[Fact]:
    for sentence in view.sentences:
        if not view.has_cue("coordinator", sentence.start, sentence.end):
            continue
        for area in view.within(sentence.start, sentence.end, "area"):
            lead = view.text[max(sentence.start, area.start - 80) : area.start]
            verb = SERVED_AS.search(lead) or COORDINATED_WORK.search(lead)
            if verb is None:
                continue
            verb_start = area.start - len(lead) + verb.start()
            if not_current(view, max(sentence.start, verb_start - PAST_OR_OTHER), area.start):
                continue
            subject = [
                a
                for a in view.actors(sentence.start, verb_start)
                if not view.actors(a.end, verb_start)
            ]
            if not subject:
                continue
            holders = [subject[-1]]
            partner = re.match(r"\s+with\s+(?:the\s+)?", view.text[area.end : area.end + 10])
            if partner:
                holders += actor_list(
                    view, area.end + partner.end(), _clause_end(view, area.end, sentence.end)
                )[:2]
            for holder in unique(holders):
                yield mandate(view, area.key, holder, subject[-1].start, area.end)


def _clause_end(view: View, start: int, end: int) -> int:
    match = re.compile(r"[,;.]|\band\s+(?!\w+\s*[,.])|\bwho\b|\bwhich\b").search(
        view.text, start + 1, end
    )
    return match.start() if match else end
