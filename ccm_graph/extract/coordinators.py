"""Coordinator mandates: which actor coordinates which thematic area.

The genre presents a coordinator in a handful of structures, each a rule here:
- the role of an attendance-list entry: "Japan (Universalisation in 2012)";
- a heading, list item or numbered label naming the area and its holders: "5.1 Victim
  Assistance (Ireland & Spain)", "• Victim assistance (Ecuador and Ghana)";
- appointment lists and tables: "(b) Reporting: Zambia.", "Victim assistance | Austria and
  Colombia | 2023-2025", a composition table read out with single spaces, where the second
  holder of an area stands on a row of its own, or in columns whose area names wrap;
- prose: "Chile and Italy, as the Coordinators on Victim Assistance", "the Coordinator for
  Transparency Measures, Costa Rica", "the Coordinators on Universalization (Ghana and
  Norway), on ...", "As Coordinator on Universalization, the Norwegian Mission ...", "Austria
  (Victim Assistance, with Colombia)", "Spain and Zambia (clearance coordinators)", "Sweden,
  on behalf of the Clearance Coordinators", "has served as coordinator on ...", "the Article
  4 Coordinators", "The victim assistance coordinators, Chile and Malawi";
- appointments and thanks in final reports: "decided that Mexico and Peru will coordinate
  ...", "thanked Austria for its work as coordinator on ...".
Past holders ("its previous Co-coordinator, Italy", "Former coordinators: ...", "... ended
their terms") and other conventions' coordinators ("an APMBC VA Coordinator") are not CCM
mandates: the `past-holder`, `ended-role` and `other-instrument` guards turn them down.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Iterator

from ccm_graph.extract import statements
from ccm_graph.extract.guards import clause_of, guard, names_other_instrument
from ccm_graph.extract.rules import Known, example, rule, trap
from ccm_graph.extract.view import Mention, View
from ccm_graph.model import CoordinatorFact, Fact
from ccm_graph.nlp import casefree, vocab

COORDINATOR = r"(?:co-?\s?)?coordinators?|focal\s+points?"
COORDINATOR_OF = re.compile(
    rf"(?i)(?:the\s+)?(?:CCM\s+)?(?:{COORDINATOR})(?:['’]?\s+group)?\s+(?:on|for|of)\s+(?:the\s+)?$"
)
# The title understood before a further area: "the coordinators on A (X), on B (Y) and on C (Z)".
CHAINED_AREA = re.compile(r"(?i)\s*(?:,\s*(?:and\s+)?|\s+and\s+|;\s*)(?:on|for|of)\s+(?:the\s+)?")
ARTICLE_COORDINATORS = casefree.compile(rf"(?i)\bArticle\s+(\d{{1,2}})\s+(?:{COORDINATOR})\b")
CO_COORDINATOR = re.compile(r"(?i)\bco-?\s?coordinators?\s*,?\s*$")
ON_BEHALF = re.compile(
    rf"(?i)[\s,]*(?:speaking\s+|reporting\s+)?on\s+behalf\s+of\s+(?:both\s+|all\s+)?"
    rf"(?:the\s+)?(?:(?P<area>[\w\s.]{{2,60}}?)\s+)?(?:{COORDINATOR})\b"
)
CONNECTOR = re.compile(
    r"(?i)^[\s,;¹²³⁴⁵⁶⁷⁸⁹⁰*†‡]*(?:and|&|as\s+well\s+as|together\s+with|with)?[\s,;]*"
    r"(?:the\s+)?$"
)
HEADING_HOLDERS = re.compile(r"\(([^()\n]{2,120})\)\s*[*_]*\s*$")
LIST_ITEM = casefree.compile(
    r"(?im)^[ \t>*•·\-–]*(?:\(?[a-z]{1,3}\)|\d{1,2}[.)])?[ \t*_]*(?:working\s+group\s+on\s+)?"
    r"(?P<area>[^:\n]{3,90}?)[*_]*[ \t]*:[*_ \t]*(?P<holders>[^\n]{2,400})$"
)
# The same, in a list item already cut out by the layout (its holders may wrap).
ITEM_LABEL = re.compile(
    r"[ \t*_]*(?:working\s+group\s+on\s+)?(?P<area>[^:\n]{3,90}?)[*_]*[ \t]*:[*_ \t]*"
    r"(?P<holders>[^\n]{2,400}(?:\n[^\n]+){0,3})$"
)
YEARS = re.compile(r"\b(?:19|20)\d\d\b")
PAST_OR_OTHER = 30  # how far around a title a past or another convention's word counts
GUARDS = ("past-holder", "other-instrument", "ended-role")


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


LABEL_END = 80  # how far into a line or list item its label ("Former coordinators:") runs
LABEL_WORDS = re.compile(r"\W*(?:\w+\W+){1,2}")  # where a label's past word stands
RELATIVE = re.compile(r"(?i)\b(?:which|who|whose|that)\b")


@guard(
    "ended-role",
    "the line or list item opens with a past role ('Former coordinators: Iraq and Italy "
    "(Victim Assistance)'), or the clause says the holders' terms ended ('Japan (Clearance) "
    "ended its term')",
)
def ended_role(view: View, fact: Fact) -> bool:
    start, end = fact.span.start, fact.span.end
    return under_past_label(view, start) or _ended_after(view, start, end)


def under_past_label(view: View, position: int) -> bool:
    """The list item or line holding `position` opens with a past role's label: its first
    words say 'former', 'previous', ... and end at a colon before the position ('Former
    coordinators (2026-2028): ...'), or open a list item."""
    items = view.holding("items", position, position + 1)
    lines = view.holding("lines", position, position + 1)
    for unit in [*items, *lines]:
        start = unit.start_char
        words = LABEL_WORDS.match(view.text, start, unit.end_char)
        if words is None or not _past_word(view, start, min(words.end(), position)):
            continue
        colon = view.text.find(":", start, min(unit.end_char, start + LABEL_END))
        if unit in items or -1 < colon < position:
            return True
    return False


def _past_word(view: View, start: int, end: int) -> bool:
    """A past cue in text[start:end] that is not part of a name ('the former Yugoslav ...')."""
    names = view.actors(start, end + 60)
    return any(
        not any(a.start <= cue.start_char < a.end for a in names)
        for cue in view.cues("past", start, end)
    )


def _ended_after(view: View, start: int, end: int) -> bool:
    """'Japan (Universalisation) and Zambia (Clearance) ended their terms': an ended role said
    after the holders, in their clause and not in a relative clause of its own."""
    if not view.memo("ended-cues", lambda: bool(view.cues("ended", 0, len(view.text)))):
        return False
    stop = clause_of(view, start, end).end
    for row in view.holding("rows", end - 1, end):  # a table row is a unit of its own
        stop = min(stop, row.end_char)
    for cue in view.cues("ended", end, stop):
        if not RELATIVE.search(view.text, end, cue.start_char) or re.match(
            r"(?i)whose\b", cue.text
        ):
            return True
    return False


def areas_in(view: View, start: int, end: int) -> list[str]:
    """The areas text[start:end] names, an article's coordinators standing for its area."""
    keys: list[str] = []
    for area in view.within(start, end, "area"):
        if area.key not in keys:
            keys.append(area.key)
    for match in ARTICLE_COORDINATORS.finditer(view.text, start, end):
        key = vocab.article_areas().get(int(match.group(1)))
        if key and key not in keys:
            keys.append(key)
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
        example(
            "In attendance:\n1. Peru: Ms. Rosa Diaz, coordinator on clearance\n2. Ghana: Mr. "
            "Kofi Owusu, victim assistance\n\nAgenda item 1 - Opening\n",
            ("clearance", "PER"),
            ("victim-assistance", "GHA"),
        ),
        trap(
            "Present:\nChile - former Coordinator on Clearance\nMs. Ana Torres\n",
            ("clearance", "CHL"),
        ),
        example(
            "Participants: Chile, Presidency, with Mr. Juan Soto ; for the victim assistance "
            "Peru (Ms. Ana Ruiz) and Kenya (Mr. Otieno Mwangi) ; the transparency measures were "
            "represented by Iraq, Mr. Ali Hassan ; Spain coordinator of the clearance.\n",
            ("victim-assistance", "PER"),
            ("victim-assistance", "KEN"),
            ("transparency", "IRQ"),
            ("clearance", "ESP"),
        ),
        trap(
            "Participants: Spain, coordinator of the clearance, with Mr. Luis Vega ; for the "
            "victim assistance Peru (Ms. Ana Ruiz).\n",
            ("victim-assistance", "ESP"),
            ("clearance", "PER"),
        ),
        example(
            "Attendees\n\nGhana (Universal-\nization): Mr. Kofi Mensah\nPeru (Cooperation "
            "and Assist-\nance): Ms. Ana Ruiz\n",
            ("universalization", "GHA"),
            ("cooperation", "PER"),
        ),
        trap(
            "Attendees\n\nGhana (former Victim Assist-\nance coordinator): Mr. Kofi Mensah\n",
            ("victim-assistance", "GHA"),
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
        for area in _own_areas(view, role.start_char, role.end_char):
            yield mandate(view, area, actors[-1], actors[-1].start, role.end_char, years)
        broken = _hyphen_broken_area(view, role.start_char, role.end_char)
        if broken is not None:
            yield mandate(view, broken[0], actors[-1], actors[-1].start, broken[1], years)
    yield from _led_in(view)


def _hyphen_broken_area(view: View, start: int, end: int) -> tuple[str, int] | None:
    """An OCR'd list that breaks the area's name at the line's end: 'Afghanistan (Victim
    Assist-' / 'ance): Mr. X'. The area and where its parenthesis closes."""
    if not view.text[start:end].rstrip().endswith("-") or view.within(start, end, "area"):
        return None
    close = view.text.find(")", end, end + 60)
    if close == -1 or view.text.count("\n", end, close) != 1:
        return None
    joined = re.sub(r"(\w)-[ \t]*\n[ \t]*(\w)", r"\1\2", view.text[start:close])
    key = area_named(joined)
    return (key, close + 1) if key else None


BY_AT_END = re.compile(r"(?i)\s*(?:(?:was|were|is|are)\s+)?(?:represented\s+)?by\s*")
FOR_AREA = re.compile(r"(?i)\b(?:for|on)\s+(?:the\s+)?$")


def _own_areas(view: View, start: int, end: int) -> list[str]:
    """The areas of an entry's role, without those that lead into the next entries of a
    list run on in one paragraph: after a semicolon ('...; for the victims assistance') or
    before 'by' ('... and the national implementation measures by')."""
    keys: list[str] = []
    for area in view.within(start, end, "area"):
        before = view.text[start : area.start]
        outside = re.sub(r"\([^()]*\)", "", before)
        if ";" in outside or BY_AT_END.fullmatch(view.text, area.end, end):
            continue
        if area.key not in keys:
            keys.append(area.key)
    return keys or ([] if view.within(start, end, "area") else areas_in(view, start, end))


def _led_in(view: View) -> Iterator[Fact]:
    """A list run on in one paragraph that names the area before its holders: 'for the
    victims assistance Mexico (Ms. X) and Austria (Mr. Y)', 'the national implementation
    measures by New Zealand, Ms. Z'."""
    block = view.attendance
    if block is None or ";" not in block.text:
        return
    for entry in view.group("entries"):
        actor = next(
            (a for a in view.actors(entry.start_char, entry.end_char) if a.key == entry.kb_id_),
            None,
        )
        if actor is None or not block.start <= actor.start < block.end:
            continue
        lead_start = view.text.rfind(";", block.start, actor.start) + 1 or block.start
        areas = view.within(lead_start, actor.start, "area")
        if not areas or not_current(view, lead_start, actor.start):
            continue
        area, between = areas[-1], view.text[areas[-1].end : actor.start]
        if BY_AT_END.fullmatch(between) or (
            FOR_AREA.search(view.text, lead_start, area.start)
            and (not between.strip() or holders_of(view, area.end, actor.start))
            and re.search(r"(?i)(?:^|\s|and\s+)$", between)
        ):
            yield mandate(view, area.key, actor, area.start, actor.end)


# --- headings, list items, labels -------------------------------------------------------------


@rule(
    "coordinators.titled-holders",
    1,
    CoordinatorFact,
    "A heading or list item that names an area and its holders in parentheses: '5.1 Victim "
    "Assistance (Ireland & Spain)', '• Victim assistance (Ecuador and Ghana)', '5.1 "
    "Universalisation (France and Zambia): France presented ...'; the holders chairing a "
    "session: 'Session 2 — Clearance (co-chaired by Peru and Iraq)'.",
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
        example(
            "Thematic sessions\n\nSession 3 – Cooperation and Assistance (co-chaired by Peru "
            "and Kenya)\n4. Peru opened the session.\n",
            ("cooperation", "PER"),
            ("cooperation", "KEN"),
        ),
        example(
            "Day two\n\nSession IV: Clearance and Risk Reduction Education (facilitated by "
            "Chile & Norway)\n\nFive States spoke.\n",
            ("clearance", "CHL"),
            ("clearance", "NOR"),
        ),
        trap(
            "Session 1 — Clearance (chaired by Peru, President of the 14MSP)\n\nIraq spoke.\n",
            ("clearance", "PER"),
        ),
    ),
    guards=GUARDS,
)
def titled_holders(view: View, known: Known) -> Iterator[Fact]:
    units = [*view.headings, *[_item_first_line(view, item) for item in view.group("items")]]
    starts = {unit.start for unit in units}
    units += [line for line in _session_lines(view) if line.start not in starts]
    for unit in units:
        holders = HEADING_HOLDERS.search(unit.text)
        if not holders:
            continue
        inner_start, inner_end = unit.start + holders.start(1), unit.start + holders.end(1)
        lead = SESSION_CHAIRS.match(view.text, inner_start, inner_end)
        actors = actor_list(view, lead.end() if lead else inner_start, inner_end)
        areas = areas_in(view, unit.start, unit.start + holders.start())
        if actors and len(areas) == 1:
            for actor in actors:
                yield mandate(view, areas[0], actor, unit.start, unit.end)
    yield from _numbered_labels(view)


# A session's heading names the holders who chair it: "Session 2 — Clearance (co-chaired by
# Peru and Iraq)".
SESSION_CHAIRS = re.compile(
    r"(?i)\s*(?:co-?\s?)?(?:chaired|moderated|facilitated|led)\s+by\s+(?:the\s+)?"
    r"(?:(?:co-?\s?)?coordinators?\s*,?\s*)?"
)


SESSION_LINE = re.compile(r"(?i)[ \t]*(?:session|panel|segment)\s+[\dIVX]{1,4}\b")


def _session_lines(view: View) -> list:
    """The lines that open with a session's label ("Session 3 — ..."), a heading however long
    its area's name."""
    from ccm_graph.extract.view import Segment

    return [
        Segment(line.start_char, line.end_char, line.text)
        for line in view.group("lines")
        if SESSION_LINE.match(line.text)
    ]


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
    r"(?i)^(?:[\s,;.:()¹²³⁴⁵⁶⁷⁸⁹⁰*–—-]|and\b|the\b|&|(?:working|together)\s+with\b|with\b"
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
    "on universalization: France (until 2027) working with Panama', '(a) Reporting: Zambia.'; "
    "a lettered item's holders may wrap onto its next lines; an appointment sentence's list "
    "inline: 'appointed the following coordinators: clearance — Chile and Peru; ...'.",
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
        example(
            "12. The Meeting appointed the following coordinators until the 16MSP: clearance — "
            "Norway and Peru; transparency measures — Chile; victim assistance – Iraq.\n",
            ("clearance", "NOR"),
            ("clearance", "PER"),
            ("transparency", "CHL"),
            ("victim-assistance", "IRQ"),
        ),
        example(
            "The States Parties confirmed as coordinators for 2030-2032: universalisation: "
            "Ghana, Kenya; cooperation and assistance: Italy.",
            ("universalization", "GHA"),
            ("universalization", "KEN"),
            ("cooperation", "ITA"),
        ),
        trap(
            "The Meeting appointed the following coordinators: clearance — Norway, which "
            "thanked Peru; victim assistance — to be decided.",
            ("clearance", "PER"),
            ("clearance", "NOR"),
        ),
        trap(
            "Victim assistance: Ireland reported that its programme had grown.\n",
            ("victim-assistance", "IRL"),
        ),
        example(
            "The Meeting decided that the following will serve as coordinators:\n    (a) Victim "
            "assistance: Chile and the\n        Democratic Republic of the Congo;\n",
            ("victim-assistance", "CHL"),
            ("victim-assistance", "COD"),
        ),
        example(
            "    (b) Universalization: Ghana, the Philippines\n        and New Zealand;\n",
            ("universalization", "GHA"),
            ("universalization", "PHL"),
            ("universalization", "NZL"),
        ),
        trap(
            "    (c) Clearance: Norway reported that\n        Iraq had released land.\n",
            ("clearance", "NOR"),
            ("clearance", "IRQ"),
        ),
    ),
    guards=GUARDS,
)
def appointment_list(view: View, known: Known) -> Iterator[Fact]:
    matches = [*LIST_ITEM.finditer(view.text)]
    for listed in view.group("items"):
        if listed.label_ == "letter":  # also the lettered items of a flattened report
            match = ITEM_LABEL.match(view.text, listed.start_char, listed.end_char)
            matches += [match] if match else []
    for item in matches:
        area_start, area_end = item.span("area")
        areas = areas_in(view, area_start, area_end)
        if len(areas) != 1 or view.actors(area_start, area_end):
            continue
        if len(re.findall(r"[A-Za-z]+", view.text[area_start:area_end])) > 9:
            continue  # a sentence that mentions an area, not an area's name
        for holder in holders_of(view, *item.span("holders")):
            yield mandate(view, areas[0], holder, item.start(), item.end())
    yield from _appointed_inline(view)


# "The Meeting appointed the following coordinators, to serve until ...: universalization —
# Ghana and Peru; clearance — Chile."
APPOINTED_COORDINATORS = re.compile(
    r"(?i)\b(?:appointed|designated|confirmed|elected|named)\s+(?:as\s+)?(?:the\s+following\s+)?"
    r"(?:co-?\s?)?coordinators\b[^:.;]{0,120}:"
)
AREA_DASH = re.compile(r"\s+[—–-]\s+|\s*:\s+")


def _appointed_inline(view: View) -> Iterator[Fact]:
    """An appointment sentence whose list runs inline: 'area — holders', set apart by
    semicolons, to the end of the sentence."""
    for match in APPOINTED_COORDINATORS.finditer(view.text):
        end = view.sentence_at(match.start()).end
        position = match.end()
        for piece in re.finditer(r"[^;]+", view.text[position:end]):
            start, stop = position + piece.start(), position + piece.end()
            start += len(piece.group()) - len(piece.group().lstrip())
            dash = AREA_DASH.search(view.text, start, stop)
            if dash is None:
                continue
            areas = areas_in(view, start, dash.start())
            label = view.text[start : dash.start()]
            if len(areas) != 1 or view.actors(start, dash.start()) or len(label.split()) > 9:
                continue
            for holder in holders_of(view, dash.end(), stop):
                yield mandate(view, areas[0], holder, start, stop)


@rule(
    "coordinators.table-row",
    1,
    CoordinatorFact,
    "A table row with an area cell and a holder cell, in any layout (pipes, columns, single "
    "spaces); a row of holders alone under an area's row shares its area, and so does a row "
    "that wraps the area's name onto the next line ('Cooperation and' / 'assistance  Peru').",
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
        example(
            "Area                          Holder        Term\n"
            "Cooperation and               Norway        2028-2030\n"
            "assistance                    Peru          2028-2030\n"
            "Victim assistance             Chile         2027-2029\n"
            "                              Ghana         2027-2029\n",
            ("cooperation", "NOR"),
            ("cooperation", "PER"),
            ("victim-assistance", "CHL"),
            ("victim-assistance", "GHA"),
        ),
        example(
            "Thematic area           Country         Mandate\n"
            "Victim                  Ireland         2029-2031\n"
            "assistance              Kenya           2029-2031\n",
            ("victim-assistance", "IRL"),
            ("victim-assistance", "KEN"),
        ),
        trap(
            "Victim assistance  Article 5\nChile 2026-2028\n",
            ("victim-assistance", "CHL"),
        ),
        example(
            "Area;Term;State;Contact\nVictim assistance;2028-2030;Norway;Ms. Kari Holm\n"
            "Reporting;2027-2029 (outgoing);Chile;Mr. Juan Soto\n",
            ("victim-assistance", "NOR"),
            ("transparency", "CHL"),
        ),
        example(
            "Working group;Coordinators;Mandate\nNIM;Peru;2029-2031\nClearance;Iraq;2029-2031\n",
            ("national-implementation", "PER"),
            ("clearance", "IRQ"),
        ),
        trap(
            "Notes of the call;see annex;draft\nClearance;Iraq met Chile on the plan;2029\n",
            ("clearance", "IRQ"),
            ("clearance", "CHL"),
        ),
        trap(
            "Area                State       Term\n"
            "Clearance           Spain       2027-2029\n"
            "\n"
            "Remarks             Italy       (observer)\n",
            ("clearance", "ITA"),
        ),
        example(
            "Area                        Coordinator\n"
            "--------------------------  ------------\n"
            "Clearance and Risk          Norway\n"
            "Reduction Education         Iraq\n"
            "National Implementation     Senegal\n"
            "Measures                    Belgium\n",
            ("clearance", "NOR"),
            ("clearance", "IRQ"),
            ("national-implementation", "SEN"),
            ("national-implementation", "BEL"),
        ),
        trap(
            "Area                        Coordinator\n"
            "Clearance                   Norway\n"
            "Observers                   Iraq\n",
            ("clearance", "IRQ"),
        ),
        trap(
            "The Meeting decided that Chile will coordinate victim assistance,\n"
            "Norway and Iraq clearance, Peru\nand Kenya universalization until 2030.\n",
            ("clearance", "PER"),
        ),
        trap(
            "Terms end at the 20MSP.\nGermany (transparency) and Peru (clearance)\n"
            "completed their terms at the 18MSP.\n",
            ("transparency", "DEU"),
            ("clearance", "PER"),
        ),
    ),
    guards=GUARDS,
)
def table_row(view: View, known: Known) -> Iterator[Fact]:
    rows = view.group("rows")
    area: str | None = None
    area_start = 0
    for position, row in enumerate(rows):
        cells = view.in_("cells", row.start_char, row.end_char)
        if row.kb_id_ != "continues":
            area, area_start = _row_area(view, rows, position), row.start_char
        if area is None:
            continue
        for cell in cells:
            if cell.label_ != "holder":
                continue
            start, end = cell.start_char, cell.end_char
            for holder in actor_list(view, start, end) or holders_of(view, start, end):
                yield mandate(view, area, holder, area_start, row.end_char)
        if row.kb_id_ != "continues" and not any(c.label_ == "area" for c in cells):
            area = None


def _row_area(view: View, rows: list, position: int) -> str | None:
    """The one area a row's area cells name; when the name wraps onto the rows that
    continue it ("International cooperation and" / "assistance"), the name they make."""
    cells = [c for c in view.in_("cells", *_bounds(rows[position])) if c.label_ == "area"]
    keys = {key for c in cells for key in areas_in(view, c.start_char, c.end_char)}
    if len(keys) == 1 or not cells:
        return keys.pop() if keys else None
    words = [c.text for c in cells]
    for row in rows[position + 1 :]:
        if row.kb_id_ != "continues":
            break
        words += [c.text for c in view.in_("cells", *_bounds(row)) if c.label_ == "area"]
    return area_named(" ".join(words))


def _bounds(span) -> tuple[int, int]:
    return span.start_char, span.end_char


def area_named(text: str) -> str | None:
    """The area whose name (as the vocabulary spells it) text holds, the longest name first:
    for a name the layout cut in pieces."""
    folded = " ".join(text.split()).casefold()
    found = [(len(name), key) for name, key in _area_names() if _whole(name, folded)]
    return max(found)[1] if found else None


def _whole(name: str, text: str) -> bool:
    return bool(re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text))


@functools.cache
def _area_names() -> tuple[tuple[str, str], ...]:
    return tuple(
        (" ".join(e.name.split()).casefold(), e.key) for e in vocab.entries() if e.kind == "area"
    )


# --- prose ------------------------------------------------------------------------------------


@rule(
    "coordinators.apposition",
    1,
    CoordinatorFact,
    "A coordinator's title beside its holders: 'A and B, as the Coordinators on AREA', 'the "
    "Coordinator for AREA, A', 'the Coordinators on AREA (A and B)' and on further areas "
    "('..., on AREA2 (C) and on AREA3 (D)'), 'As Coordinator on AREA, the Mission of A ...'.",
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
            "As coordinators on victim assistance since the 12MSP, Chile and Peru have visited "
            "three States.",
            ("victim-assistance", "CHL"),
            ("victim-assistance", "PER"),
        ),
        example(
            "the Coordinator for Transparency Measures, Costa Rica, reported",
            ("transparency", "CRI"),
        ),
        example(
            "Over the past two years the coordinators on clearance, Chile and Peru, have "
            "visited six affected States.",
            ("clearance", "CHL"),
            ("clearance", "PER"),
        ),
        example(
            "In the past year, the Coordinator for Transparency Measures, Ghana, wrote to "
            "every State with a report outstanding.",
            ("transparency", "GHA"),
        ),
        trap(
            "The past coordinators on clearance, Chile and Peru, were thanked for their work.",
            ("clearance", "CHL"),
        ),
        trap(
            "its previous Coordinator on Victim Assistance, Italy, thanked the Committee",
            ("victim-assistance", "ITA"),
        ),
        trap(
            "Chile, as an APMBC Coordinator on Victim Assistance, spoke",
            ("victim-assistance", "CHL"),
        ),
        example(
            "The briefing gathered the coordinators on clearance (Norway and Chile), on victim "
            "assistance (Peru) and on universalization (Ghana).",
            ("clearance", "NOR"),
            ("clearance", "CHL"),
            ("victim-assistance", "PER"),
            ("universalization", "GHA"),
        ),
        example(
            "Present were the Coordinators for Transparency Measures (Germany); for Cooperation "
            "and Assistance (Kenya and Italy).",
            ("transparency", "DEU"),
            ("cooperation", "KEN"),
            ("cooperation", "ITA"),
        ),
        trap(
            "It heard the coordinators on clearance (Norway) and the experts on victim "
            "assistance (Peru).",
            ("victim-assistance", "PER"),
        ),
        example(
            "The seminar was convened by the co-coordinators on universalization, the "
            "Philippines and Ghana, with support from Australia.",
            ("universalization", "PHL"),
            ("universalization", "GHA"),
        ),
        example(
            "They met the gender focal point (the Philippines) and the coordinators on "
            "clearance (Chile and the Netherlands).",
            ("gender", "PHL"),
            ("clearance", "CHL"),
            ("clearance", "NLD"),
        ),
        trap(
            "Ireland\tMs. Ana Walsh\tGender focal point\nICRC\tMr. Paul Roy\tObserver\n",
            ("gender", "ICRC"),
        ),
        example(
            "STATEMENT BY CHILE\n\nSpeaking also in our capacity as co-coordinator on "
            "clearance together with Norway, I thank the ISU.\n",
            ("clearance", "CHL"),
            ("clearance", "NOR"),
        ),
        example(
            "Statement of Peru\n\nIn my role as coordinator on victim assistance, I report on "
            "the survey.\n",
            ("victim-assistance", "PER"),
        ),
        trap(
            "Statement of Peru\n\nIn our capacity as former coordinator on victim assistance "
            "with Chile, we thank the ISU.\n",
            ("victim-assistance", "PER"),
            ("victim-assistance", "CHL"),
        ),
        example(
            "The visit was led by Peru, in its role as Coordinator on Clearance together with "
            "Norway, and by the ISU.",
            ("clearance", "PER"),
            ("clearance", "NOR"),
        ),
        example(
            "Italy, as co-coordinator for victim assistance jointly with Chile, opened the panel.",
            ("victim-assistance", "ITA"),
            ("victim-assistance", "CHL"),
        ),
        trap(
            "Chile, as coordinator on clearance, together with the ICRC and Peru, hosted a dinner.",
            ("clearance", "PER"),
        ),
        example(
            "Attending: PERU and KENYA – Coordinators Group on Clearance; CHILE – Observer\n",
            ("clearance", "PER"),
            ("clearance", "KEN"),
        ),
        example(
            "Norway and Iraq, as the coordinators' group for victim assistance, presented the "
            "survey.",
            ("victim-assistance", "NOR"),
            ("victim-assistance", "IRQ"),
        ),
        example(
            "Last week the coordinators on clearance of the Convention on Cluster Munitions, "
            "Norway and Iraq, visited Laos.",
            ("clearance", "NOR"),
            ("clearance", "IRQ"),
        ),
        example(
            "the Coordinator for Victim Assistance of the CCM, Chile, presented its report",
            ("victim-assistance", "CHL"),
        ),
        trap(
            "the coordinators on clearance of the Convention on Cluster Munitions met, Norway "
            "and Iraq said",
            ("clearance", "NOR"),
        ),
    ),
    guards=GUARDS,
)
def apposition(view: View, known: Known) -> Iterator[Fact]:
    for sentence in view.sentences:
        if not view.has_cue("coordinator", sentence.start, sentence.end):
            continue
        start, end = sentence.start, sentence.end
        # "the coordinators on A (X and Y), on B (Z) and on C (W)": the title goes on.
        chain_end, title_start = -1, start
        for area in view.within(start, end, "area"):
            before = view.text[max(start, area.start - 90) : area.start]
            trigger = COORDINATOR_OF.search(before) or TITLED_AREA.search(area.text)
            if not trigger:
                if chain_end != -1 and CHAINED_AREA.fullmatch(view.text, chain_end, area.start):
                    holders, chain_end = _holders_in_parentheses(view, area.end, end)
                    for holder in holders:
                        yield mandate(view, area.key, holder, title_start, area.end)
                continue
            if trigger.re is TITLED_AREA:  # "the gender focal point (the Philippines)"
                trigger_start = area.start
            else:
                trigger_start = area.start - len(before) + trigger.start()
            chain_end, title_start = -1, trigger_start
            if not_current(
                view, max(start, trigger_start - PAST_OR_OTHER), trigger_start + PAST_OR_OTHER
            ):
                continue
            holders = _holders_before(view, start, trigger_start)
            if len(holders) == 1 and _is_list_not_apposition(view, holders[0].end, trigger_start):
                holders = []
            partner = WITH_PARTNER.match(view.text, area.end, end) if len(holders) == 1 else None
            if partner:  # "Ecuador, in its capacity of Coordinator on AREA together with Peru"
                holders += actor_list(view, partner.end(), _clause_end(view, area.end, end))[:2]
            after = _holders_after(view, area.end, end)
            if (
                trigger.re is TITLED_AREA
                and after
                and "," not in view.text[area.end : after[0].start]
            ):
                after = []  # "Gender focal point\nCMC": a table's next line, no apposition
            holders = holders or after
            if not holders:
                holders, chain_end = _holders_in_parentheses(view, area.end, end)
            holders = holders or _fronted_title(view, sentence, trigger_start, area.end, end)
            if not holders:
                holders = _our_capacity(view, start, trigger_start, area.end, end)
            for holder in holders:
                yield mandate(view, area.key, holder, trigger_start, area.end)


# An area named with its title: "gender focal point" (the whole name is the area's).
TITLED_AREA = re.compile(rf"(?i)\b(?:{COORDINATOR})\Z")


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


# "the coordinators on universalization of the Convention on Cluster Munitions, A and B".
OF_THE_CONVENTION_THEN = re.compile(
    r"(?i)(?:\s+(?:of|to)\s+the\s+(?:CCM|Convention(?:\s+on\s+Cluster\s+Munitions)?)\s*,)?"
    r"[\s,–—-]*(?:the\s+)?"
)


def _holders_after(view: View, area_end: int, end: int) -> list[Mention]:
    """The actors right after the area: 'the Coordinator for Transparency Measures, Costa Rica'."""
    actors = view.actors(area_end, end)
    if not actors or not OF_THE_CONVENTION_THEN.fullmatch(view.text, area_end, actors[0].start):
        return []
    holders = [actors[0]]
    for following in actors[1:]:
        if not CONNECTOR.match(view.text[holders[-1].end : following.start]):
            break
        holders.append(following)
    return unique(holders)


def _holders_in_parentheses(view: View, area_end: int, end: int) -> tuple[list[Mention], int]:
    """'the Coordinators on Universalization of the CCM (Ghana and Norway)': the holders, and
    where their parenthesis closes (-1 when there are none)."""
    match = re.compile(
        r"(?:\s+(?:of|to)\s+the\s+(?:CCM|Convention(?:\s+on\s+Cluster\s+Munitions)?))?\s*\(([^()]{2,80})\)"
    ).match(view.text, area_end, end)
    holders = actor_list(view, *match.span(1)) if match else []
    return holders, (match.end() if holders and match else -1)


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
        return _holders_after(view, comma, end)  # "..., Ireland and Malawi have visited"
    return []


OUR_CAPACITY = re.compile(r"(?i)\b(?:our|my)\s+(?:capacit(?:y|ies)|roles?)\s+as\s+(?:the\s+)?$")
WITH_PARTNER = re.compile(r"(?i)\s+(?:together\s+|jointly\s+)?with\s+(?:the\s+)?")


def _our_capacity(view: View, start: int, trigger: int, area_end: int, end: int) -> list[Mention]:
    """'speaking also in our capacity as co-coordinator on AREA together with Peru', in a
    statement: the State the statement speaks for, and its partner."""
    capacity = OUR_CAPACITY.search(view.text, max(start, trigger - 40), trigger)
    if capacity is None:
        return []
    found = statements.heading(view)
    if found is None or len(found.speaking_for) != 1:
        return []
    speaker = found.speaking_for[0]
    # Quoted where the text says "our": the State itself stands in the statement's title.
    here = Mention(speaker.kind, speaker.key, capacity.start(), capacity.start(), "")
    partner = WITH_PARTNER.match(view.text, area_end, end)
    partners = actor_list(view, partner.end(), _clause_end(view, area_end, end)) if partner else []
    return unique([here, *partners[:2]])


def _is_list_not_apposition(view: View, actor_end: int, trigger_start: int) -> bool:
    """'with UNOG, the Coordinators on ... and the ISU': one actor before a plural title,
    with no 'as' between, is an item of a list rather than the title's holder."""
    gap = view.text[actor_end:trigger_start].lower()
    plural = re.match(r"(?i)(?:the\s+)?(?:CCM\s+)?\S*coordinators\b", view.text[trigger_start:])
    return bool(plural) and " as " not in f" {gap} " and "capacit" not in gap


# Also wrapped onto the next line: "Belgium" / "(National Implementation Measures)".
ROLE_PARENTHESIS = re.compile(r"(?:[ \t]*\n)?[ \t]*\(([^()\n]{3,90})\)")


@rule(
    "coordinators.parenthesised-role",
    1,
    CoordinatorFact,
    "An area in parentheses after an actor: 'Austria (Victim Assistance, with Colombia) "
    "presented ...', 'New Zealand (Coordinator on national implementation measures)'; an actor "
    "'with' it inside shares the mandate. A coordinators' title in parentheses covers the "
    "actors listed before it ('Spain and Zambia (clearance coordinators)'); without an area, "
    "the area of the session title above or of the section ('SESSION 1 · Universalization' / "
    "'Chairs: Japan and Ecuador (Coordinators)').",
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
        example(
            "Chile (Victim Assistance) thanked its former co-coordinator Peru for the survey.",
            ("victim-assistance", "CHL"),
        ),
        example(
            "Chile (Victim Assistance) welcomed Peru, which ended its term in 2027.",
            ("victim-assistance", "CHL"),
        ),
        trap(
            "Outgoing coordinators (2025-2027): Peru and Chile (Clearance), Norway (Victim "
            "Assistance).",
            ("clearance", "CHL"),
            ("victim-assistance", "NOR"),
        ),
        trap(
            "Norway (Clearance) and Peru (Victim Assistance) completed their terms as "
            "coordinators last year.",
            ("clearance", "NOR"),
            ("victim-assistance", "PER"),
        ),
        example(
            "Committee members\n• Previously in office, until the Twelfth Meeting of States "
            "Parties: Chile (Clearance) and Norway (Victim Assistance)\n• Peru "
            "(Universalization)\n",
            ("universalization", "PER"),
        ),
        trap(
            "• Formerly on the Committee until the 12MSP, Chile (Clearance) and Norway (Victim "
            "Assistance)\n",
            ("victim-assistance", "NOR"),
        ),
        example(
            "DAY TWO\n14:00  Panel - Victim Assistance\n       Peru and Chile (Coordinators) - "
            "opening remarks\n       Iraq - statement\n",
            ("victim-assistance", "PER"),
            ("victim-assistance", "CHL"),
        ),
        example(
            "Item 7 (b)\n   Iraq - statement\n   Norway and Chile (clearance co-coordinators) - "
            "presentation of the analysis\n",
            ("clearance", "NOR"),
            ("clearance", "CHL"),
        ),
        trap(
            "Clearance: extension requests\n   Iraq - its request\n   Peru and Chile (clearance "
            "coordinators) - their analysis\n",
            ("clearance", "IRQ"),
        ),
        trap(
            "Kenya reported on its victim assistance programme.\nPeru and Chile (Coordinators) "
            "spoke next.\n",
            ("victim-assistance", "PER"),
            ("victim-assistance", "CHL"),
        ),
        example(
            "Apologies: Chile (Clearance), Belgium\n(National Implementation Measures).\n",
            ("clearance", "CHL"),
            ("national-implementation", "BEL"),
        ),
        example(
            "We heard from Norway\n(Victim Assistance) and from Peru.\n",
            ("victim-assistance", "NOR"),
        ),
        trap(
            "Apologies: Chile, Belgium\n(former National Implementation Measures coordinator).\n",
            ("national-implementation", "BEL"),
        ),
    ),
    guards=GUARDS,
)
def parenthesised_role(view: View, known: Known) -> Iterator[Fact]:
    roles = view.group("roles")
    entries = [
        (e.start_char, e.end_char)
        for e in view.group("entries")
        if any(e.start_char <= r.start_char < e.end_char for r in roles)
    ]
    for actor in view.actors(0, len(view.text)):
        if any(s <= actor.start < e for s, e in entries):
            continue  # an attendance entry's role: listed-role reads it
        match = ROLE_PARENTHESIS.match(view.text, actor.end)
        if not match or not_current(view, *match.span(1)):
            continue
        inner_start, inner_end = match.span(1)
        areas = areas_in(view, inner_start, inner_end)
        title = _title_in_parentheses(view, inner_start, inner_end)
        if title is not None and not areas:
            areas = context_area(view, actor.start)  # "SESSION 4 · Clearance" / "X (Coordinators)"
        if len(areas) != 1 or view.within(inner_start, inner_end, "person"):
            continue
        partners = [
            a
            for a in view.actors(inner_start, inner_end)
            if re.search(r"(?i)\bwith\s+(?:the\s+)?$", view.text[inner_start : a.start])
        ]
        holders = _listed_before(view, actor) if title == "plural" else [actor]
        for holder in [*holders, *partners]:
            yield mandate(view, areas[0], holder, holders[0].start, match.end())


TITLE_IN_PARENTHESES = re.compile(
    rf"(?i)(?:the\s+)?(?:CCM\s+)?(?:AREA\s+)?(?P<title>{COORDINATOR})(?:\s*[,:–—-]\s*AREA)?"
)


def _title_in_parentheses(view: View, start: int, end: int) -> str | None:
    """'(Coordinators)', '(clearance coordinators)', '(Coordinator, Transparency Measures)':
    a coordinator's title and at most its area; "plural" when it names several holders."""
    text = view.text[start:end]
    for area in reversed(view.within(start, end, "area")):
        text = text[: area.start - start] + "AREA" + text[area.end - start :]
    match = TITLE_IN_PARENTHESES.fullmatch(text.strip())
    if match is None:
        return None
    return "plural" if re.search(r"(?i)s$", match.group("title")) else "singular"


def _listed_before(view: View, last: Mention) -> list[Mention]:
    """The actors listed up to `last` on its line: 'Spain and Zambia (clearance coordinators)'."""
    holders = [last]
    for previous in reversed(view.actors(max(0, last.start - 200), last.start)):
        gap = view.text[previous.end : holders[0].start]
        if not CONNECTOR.match(gap) or ("\n" in gap and not gap.strip()):
            break
        holders.insert(0, previous)
    return holders


TITLE_LINE_WORDS = 10
TITLE_LINES_BACK = 6


def context_area(view: View, position: int) -> list[str]:
    """The area of the session or section the position falls under: the nearest line above it
    in its paragraph that is a short title naming one area and no actor ('10:20  SESSION 1 ·
    Universalization'), else the section's heading."""
    lines = [line for line in view.group("lines") if line.end_char <= position]
    for line in reversed(lines[-TITLE_LINES_BACK:]):
        if view.text.count("\n", line.end_char, position) > 1:
            break  # a blank line: another paragraph
        start, end = line.start_char, line.end_char
        areas = areas_in(view, start, end)
        if not areas:
            continue
        words = len(view.text[start:end].split())
        title = words <= TITLE_LINE_WORDS and not view.actors(start, end)
        return areas if title and len(areas) == 1 and view.text[end - 1] not in ".,;" else []
    return section_area(view, position)


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


TITLE_THEN_HOLDERS = re.compile(
    rf"(?i)\b(?:the\s+)?(?:{COORDINATOR})(?:\s*[,:(–—-]\s*|\s+(?=(?-i:[A-Z])))"
)
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
        if on and holders and area and not areas_in(view, start, end):
            for holder in holders:
                yield mandate(view, area, holder, match.start(), on.end())


CO_COORDINATOR_BEFORE = 40


@rule(
    "coordinators.section",
    1,
    CoordinatorFact,
    "In a section on one area (its heading names it), or a text whose title names one: "
    "'Zambia ... with her co-Coordinator Germany', 'Prepared by the Coordinators, Croatia "
    "and Portugal'; the area also right before the title ('The clearance coordinators, A and "
    "B, ...') or of the session the sentence opens with ('The victim assistance session, "
    "chaired by the coordinators A and B, ...').",
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
        example(
            "The clearance coordinators, Norway and Peru, circulated a questionnaire before the "
            "meeting.",
            ("clearance", "NOR"),
            ("clearance", "PER"),
        ),
        example(
            "The stockpile destruction panel, moderated by the coordinators Spain and Chile, "
            "heard three States.",
            ("stockpile-destruction", "ESP"),
            ("stockpile-destruction", "CHL"),
        ),
        trap(
            "After the victim assistance panel, the universalization coordinators Ghana and "
            "Norway spoke.",
            ("victim-assistance", "GHA"),
            ("victim-assistance", "NOR"),
        ),
        trap(
            "During the lunch, the coordinators Ghana and Norway met the press on victim "
            "assistance.",
            ("victim-assistance", "GHA"),
        ),
        example(
            "CLEARANCE: WHO COORDINATES\n\nCurrent coordinators (2030-2032)\n    NORWAY – "
            "contact: Ms. Kari Berg\n    Peru - contact: Mr. Jose Soto\n",
            ("clearance", "NOR"),
            ("clearance", "PER"),
        ),
        example(
            "Our victim assistance coordinators:\n• Ghana, Permanent Mission in Geneva\n• "
            "Chile (since 2031)\n",
            ("victim-assistance", "GHA"),
            ("victim-assistance", "CHL"),
        ),
        trap(
            "CLEARANCE: WHO COORDINATES\n\nPrevious coordinators\n    Chile – until 2029\n"
            "    Peru – until 2029\n\nCurrent coordinators\n    The ISU publishes the list.\n"
            "    Norway reported on it.\n",
            ("clearance", "CHL"),
            ("clearance", "PER"),
            ("clearance", "NOR"),
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
    yield from _listed_under_label(view)


# A short line that labels a list of holders: "Current coordinators (18MSP to 20MSP)".
HOLDERS_LABEL = re.compile(
    rf"(?i)[\W_]*(?:(?:current|present|incoming|new|the|our)\s+)?(?:[a-z]+\s+){{0,3}}?"
    rf"(?:{COORDINATOR})\b(?:\s*\([^()\n]{{0,40}}\))?[\s:*_]*"
)
LINE_LEAD = re.compile(r"[ \t>*•·\-–]*")
HOLDER_END = re.compile(r"\s*(?:[–—:(,]|-\s|$)")


def _listed_under_label(view: View) -> Iterator[Fact]:
    """'Current coordinators (18MSP to 20MSP)' / 'IRELAND – contact: ...' / 'MOZAMBIQUE –
    contact: ...': the lines under a label of holders each open with one; the area the
    label names, else its section's or the document title's one area."""
    lines = view.group("lines")
    for position, label in enumerate(lines):
        start, end = label.start_char, label.end_char
        if not HOLDERS_LABEL.fullmatch(view.text, start, end) or view.actors(start, end):
            continue
        if not_current(view, start, end) or under_past_label(view, start):
            continue
        areas = areas_in(view, start, end) or section_area(view, start) or title_area(view)
        if len(areas) != 1:
            continue
        for line in lines[position + 1 :]:
            if view.text.count("\n", end, line.start_char) != 1:
                break  # a blank line ends the list
            lead = LINE_LEAD.match(view.text, line.start_char, line.end_char)
            first = lead.end() if lead else line.start_char
            holder = [a for a in view.actors(line.start_char, line.end_char) if a.start == first]
            if not holder or not HOLDER_END.match(view.text, holder[0].end, line.end_char):
                break
            end = line.end_char
            yield mandate(view, areas[0], holder[0], start, holder[0].end)


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
        holders = actor_list(view, match.end(), stop) or _leading_list(view, match.end(), end)
        if not holders:
            continue
        named = [
            a
            for a in view.within(max(start, match.start() - 60), match.start() + 1, "area")
            if re.fullmatch(r"\s*", view.text[a.end : match.start()])
        ]
        areas = (
            [named[-1].key]
            if named
            else _session_area(view, start, match.start())
            or section_area(view, match.start())
            or title_area(view)
        )
        first = named[-1].start if named else match.start()
        if len(areas) == 1:
            for holder in holders:
                yield mandate(view, areas[0], holder, first, max(h.end for h in holders))


def _leading_list(view: View, start: int, end: int) -> list[Mention]:
    """The actors listed right at `start` up to the end of their phrase: 'the coordinators
    Chile and Malawi, heard ...'."""
    holders = _holders_after(view, start, end)
    if not holders or view.text[start : holders[0].start].strip():
        return []
    after = view.text[holders[-1].end : holders[-1].end + 3]
    return holders if re.match(r"\s*(?:[,;.)–—]|$)", after) else []


SESSION_AREA = re.compile(r"(?i)^\s*(?:\w+\s+)?$")


def _session_area(view: View, start: int, title: int) -> list[str]:
    """'The victim assistance session, chaired by the coordinators X and Y': the one area of
    the session that the sentence opens with."""
    areas = view.within(start, title, "area")
    sessions = view.cues("session", start, title)
    if len(areas) != 1 or not sessions:
        return []
    area = areas[0]
    if any(SESSION_AREA.match(view.text[area.end : s.start_char]) for s in sessions):
        return [area.key]
    return []


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
    r"are\s+coordinating|ha(?:s|ve)\s+coordinated|(?:will|shall|would|to)\s+(?:co-?)?coordinate|"
    r"(?<=which\s)(?:co-?)?coordinate)\s+"
    r"(?:(?:together\s+|jointly\s+)?with\s+(?P<partner>[^,;.()]{2,60}?)\s+)?(?:the\s+)?"
    r"(?:(?:Convention|CCM)['’]s\s+)?(?:(?:work|efforts|activities)\s+(?:on|of|in)\s+(?:the\s+)?)?$"
)
# Thanks in a final report: "thanked Austria for its work as coordinator on transparency".
FOR_ITS_WORK = re.compile(
    rf"(?i)\bfor\s+(?:its|her|his|their)\s+(?:\w+\s+)?(?:work|efforts|service)\s+as\s+"
    rf"(?:(?:the|a|one\s+of\s+the)\s+)?(?:CCM\s+)?(?:{COORDINATOR})\s+(?:on|for|of)\s+(?:the\s+)?$"
)
# The same thanks again, the title understood: "... and to Zambia for its work on clearance".
FOR_ITS_WORK_ON = re.compile(
    r"(?i)\bfor\s+(?:its|her|his|their)\s+(?:\w+\s+)?(?:work|efforts)\s+(?:on|in)\s+(?:the\s+)?$"
)
# A past mandate: "which coordinated cooperation and assistance until 2027".
UNTIL = re.compile(r"(?i)[\s,]+until\s+(?:the\s+end\s+of\s+)?(?:the\s+)?")
CURRENT_VERB = re.compile(r"(?i)\b(?:will|shall|would|to|coordinates|is|are|serves)\b")


@rule(
    "coordinators.by-verb",
    1,
    CoordinatorFact,
    "A coordinator by verb: 'Chile has served as coordinator on victim assistance', "
    "'Peru coordinated the work on clearance with Norway' (both hold it), 'decided that "
    "Chile and Peru will coordinate clearance'; thanks in a final report: 'thanked Austria "
    "for its work as coordinator on transparency measures and Peru for its work on "
    "clearance'. A past verb with its end ('coordinated clearance until 2027') is a past "
    "mandate.",
    examples=(
        example(
            "Kenya, which co-coordinates together with Peru the work on victim assistance, "
            "spoke first.",
            ("victim-assistance", "KEN"),
            ("victim-assistance", "PER"),
        ),
        example(
            "Ghana coordinates with Norway the efforts on universalization.",
            ("universalization", "GHA"),
            ("universalization", "NOR"),
        ),
        trap(
            "Ghana coordinates with great care the work on universalization, said Norway.",
            ("universalization", "NOR"),
        ),
        example(
            "Chile has served as coordinator on victim assistance since 2026.",
            ("victim-assistance", "CHL"),
        ),
        example(
            "Peru coordinated the work on clearance with Norway.",
            ("clearance", "PER"),
            ("clearance", "NOR"),
        ),
        example(
            "The States Parties agreed that Kenya and Peru would coordinate victim assistance "
            "from the next Meeting on.",
            ("victim-assistance", "KEN"),
            ("victim-assistance", "PER"),
        ),
        example(
            "The Conference thanked Norway for its excellent work as co-coordinator on "
            "clearance and Chile for its work on stockpile destruction.",
            ("clearance", "NOR"),
            ("stockpile-destruction", "CHL"),
        ),
        example(
            "The Meeting expressed gratitude to Ghana for its efforts as Coordinator for "
            "Universalization.",
            ("universalization", "GHA"),
        ),
        trap(
            "Peru previously served as coordinator on clearance.",
            ("clearance", "PER"),
        ),
        trap(
            "Chile, which coordinated victim assistance until the 14MSP, presented a study.",
            ("victim-assistance", "CHL"),
        ),
        trap(
            "The Meeting thanked Norway for its work on clearance in Iraq.",
            ("clearance", "NOR"),
        ),
        example(
            "The Meeting decided that Chile and Peru will coordinate clearance, Ghana and "
            "Norway victim assistance, and Japan universalization, until the 16MSP.",
            ("clearance", "CHL"),
            ("clearance", "PER"),
            ("victim-assistance", "GHA"),
            ("victim-assistance", "NOR"),
            ("universalization", "JPN"),
        ),
        example(
            "Kenya and Italy, which coordinate the Convention's work on cooperation and "
            "assistance, spoke first.",
            ("cooperation", "KEN"),
            ("cooperation", "ITA"),
        ),
        trap(
            "Chile and Peru will coordinate clearance, Ghana reported on victim assistance.",
            ("victim-assistance", "GHA"),
        ),
        example(
            "The Meeting welcomed the offer of Chile to continue as gender focal point.",
            ("gender", "CHL"),
        ),
        example(
            "Peru agreed to serve as victim assistance coordinator for two more years.",
            ("victim-assistance", "PER"),
        ),
        trap(
            "Peru agreed to serve as victim assistance expert.",
            ("victim-assistance", "PER"),
        ),
        example(
            "The Meeting thanked Norway for its work as coordinator on clearance and "
            "congratulated Chile on taking up this role.",
            ("clearance", "CHL"),
        ),
        example(
            "It recalled that Ghana had been the coordinator for universalization, and "
            "congratulated Kenya upon assuming that function.",
            ("universalization", "KEN"),
        ),
        trap(
            "The Meeting thanked Norway for its work on clearance and congratulated Chile on "
            "taking up this role.",
            ("clearance", "CHL"),
        ),
    ),
    guards=GUARDS,
)
def by_verb(view: View, known: Known) -> Iterator[Fact]:
    for sentence in view.sentences:
        if not view.has_cue("coordinator", sentence.start, sentence.end):
            continue
        thanked = False  # a thanks with the title read in this sentence
        for area in view.within(sentence.start, sentence.end, "area"):
            lead = view.text[max(sentence.start, area.start - 80) : area.start]
            verb = SERVED_AS.search(lead) or COORDINATED_WORK.search(lead)
            if verb is None and (
                TITLED_AREA.search(area.text) or TITLE_AFTER.match(view.text, area.end)
            ):
                verb = AS_AREA_TITLE.search(lead)  # "to continue as gender focal point"
            thanks = FOR_ITS_WORK.search(lead) or (
                FOR_ITS_WORK_ON.search(lead) if thanked else None
            )
            verb = verb or thanks
            if verb is None:
                continue
            thanked = thanked or verb.re is FOR_ITS_WORK
            verb_start = area.start - len(lead) + verb.start()
            if not_current(view, max(sentence.start, verb_start - PAST_OR_OTHER), area.start):
                continue
            if _ended_until(view, verb.group(), area.end, sentence.end):
                continue
            subject = [
                a
                for a in view.actors(sentence.start, verb_start)
                if not view.actors(a.end, verb_start)
            ]
            if not subject:
                continue
            holders = [subject[-1]] if thanks else _joined_before(view, subject[-1])
            if verb.re is COORDINATED_WORK and verb.group("partner"):
                # "Chile, which co-coordinates together with Peru the work on clearance"
                holders += actor_list(
                    view,
                    verb_start + verb.start("partner") - verb.start(),
                    verb_start + verb.end("partner") - verb.start(),
                )
            partner = re.match(r"\s+with\s+(?:the\s+)?", view.text[area.end : area.end + 10])
            if partner:
                holders += actor_list(
                    view, area.end + partner.end(), _clause_end(view, area.end, sentence.end)
                )[:2]
            for holder in unique(holders):
                yield mandate(view, area.key, holder, holders[0].start, area.end)
            if verb.re is COORDINATED_WORK and not partner:
                for further, others in _gapped(view, area.end, sentence.end):
                    for holder in others:
                        yield mandate(view, further.key, holder, others[0].start, further.end)
        yield from _taking_up_the_role(view, sentence.start, sentence.end)


# "to continue as gender focal point", "serves as victim assistance coordinator".
AS_AREA_TITLE = re.compile(
    r"(?i)\b(?:continu(?:e|es|ing)|serv(?:e|es|ing)|act(?:s|ing)?|remain(?:s|ing)?|stay)\s+as\s+"
    r"(?:the\s+|its\s+|their\s+)?(?:CCM\s+)?$"
)
TITLE_AFTER = re.compile(rf"(?i)\s+(?:{COORDINATOR})\b")
# "... as coordinator on transparency measures, and congratulated Chile on taking up this role".
CONGRATULATED = re.compile(r"(?i)\bcongratulat\w*\s+(?:the\s+)?$")
ROLE_TAKEN = re.compile(
    r"(?i)\s+(?:up)?on\s+(?:(?:its|her|his|their)\s+)?(?:taking\s+(?:up|over)|assuming)\s+"
    r"(?:this|that|the\s+same)\s+(?:role|function|task|responsibility|mandate)\b"
)


def _taking_up_the_role(view: View, start: int, end: int) -> Iterator[Fact]:
    """A successor congratulated on taking up the role the sentence has just named."""
    for state in view.actors(start, end):
        taken = ROLE_TAKEN.match(view.text, state.end, end)
        if not taken or not CONGRATULATED.search(
            view.text, max(start, state.start - 30), state.start
        ):
            continue
        areas = {a.key for a in view.within(start, state.start, "area")}
        titles = view.cues("coordinator", start, state.start)
        if len(areas) == 1 and titles and not not_current(view, titles[0].start_char, state.start):
            yield mandate(view, areas.pop(), state, titles[0].start_char, taken.end())


GAP = re.compile(r"\s*[,;]\s*(?:and\s+)?|\s+and\s+")


def _gapped(view: View, start: int, end: int) -> Iterator[tuple[Mention, list[Mention]]]:
    """The verb understood again: '... will coordinate victim assistance, Norway and Iraq
    clearance, and Japan universalization': each further pair of holders and area."""
    areas = view.within(start, end, "area")
    position = start
    while True:
        gap = GAP.match(view.text, position, end)
        following = [a for a in areas if gap and a.start > gap.end()][:1]
        if gap is None or not following:
            return
        area = following[0]
        holders = actor_list(view, gap.end(), area.start)
        if not holders or view.text[holders[0].start - 1 : holders[0].start].isalnum():
            return
        if holders[0].start != _first_after(view, gap.end()):
            return
        yield area, holders
        position = area.end


def _first_after(view: View, position: int) -> int:
    """Where the first word after `position` starts."""
    match = re.compile(r"\s*(?:the\s+)?").match(view.text, position)
    return match.end() if match else position


def _joined_before(view: View, last: Mention) -> list[Mention]:
    """The subject and the actors joined to it before: 'Mexico and New Zealand will ...'."""
    holders = [last]
    for previous in reversed(view.actors(max(0, last.start - 200), last.start)):
        if not CONNECTOR.match(view.text[previous.end : holders[0].start]):
            break
        holders.insert(0, previous)
    return holders


def _ended_until(view: View, verb: str, area_end: int, end: int) -> bool:
    """A past verb whose mandate ran until a year or a meeting: 'coordinated X until 2027'."""
    until = UNTIL.match(view.text, area_end, end)
    if until is None or CURRENT_VERB.search(verb):
        return False
    return bool(
        YEARS.match(view.text, until.end())
        or any(o.start == until.end() for o in view.ordinals(until.end(), until.end() + 40))
    )


def _clause_end(view: View, start: int, end: int) -> int:
    match = re.compile(r"[,;.]|\band\s+(?!\w+\s*[,.])|\bwho\b|\bwhich\b").search(
        view.text, start + 1, end
    )
    return match.start() if match else end
