"""Coordinator mandates: which actor coordinates which thematic area.

The genre presents a coordinator in a handful of ways, each read here from its wording:
- a role in an attendance list: "Japan (Universalisation in 2012)";
- a section heading naming the holders: "5.1 Victim Assistance (Ireland & Spain)";
- prose apposition: "Chile and Italy, as the Coordinators on Victim Assistance",
  "the Coordinator for Transparency Measures, Costa Rica", "her co-Coordinator Germany";
- appointment lists: "(b) Working group on universalization: France (...) working with
  Panama (...)", "(a) Reporting: Zambia.", composition tables "Victim assistance  Austria
  and Colombia".
Past holders ("its previous Co-coordinator, Italy") and other conventions' coordinators
("an APMBC VA Coordinator") are not CCM mandates.
"""

from __future__ import annotations

import itertools
import re

from ccm_graph.extract import attendance
from ccm_graph.extract.context import Context
from ccm_graph.model import CoordinatorFact, Fact
from ccm_graph.nlp.pipeline import Mention

ARTICLE_AREAS = {
    3: "stockpile-destruction",
    4: "clearance",
    5: "victim-assistance",
    6: "cooperation",
    7: "transparency",
    9: "national-implementation",
    21: "universalization",
}
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
NOT_CURRENT = re.compile(
    r"(?i)\b(?:previous|former|past|outgoing\s+and\s+incoming\s+)\s*(?:co-?\s?)?coordinator"
    r"|\bAPMBC\b|\bCCW\b|Ottawa|Mine\s+Ban|anti-personnel"
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


def extract(ctx: Context) -> list[Fact]:
    found: dict[tuple[str, str], CoordinatorFact] = {}
    for fact in [
        *_from_attendance(ctx),
        *_from_headings(ctx),
        *_from_numbered_labels(ctx),
        *_from_lists(ctx),
        *_from_prose(ctx),
    ]:
        key = (fact.area, fact.actor)
        if key not in found or (fact.years and not found[key].years):
            found[key] = fact
    return list(found.values())


def _from_attendance(ctx: Context) -> list[CoordinatorFact]:
    found = []
    for entry in attendance.entries(ctx):
        if not entry.role or NOT_CURRENT.search(entry.role):
            continue
        role_start, role_end = entry.role_start, entry.role_end
        years = tuple(sorted({int(y) for y in YEARS.findall(entry.role)}))
        for area in _areas(ctx, role_start, role_end):
            found.append(
                CoordinatorFact(
                    ctx.doc_id, ctx.span(entry.actor.start, role_end), area, entry.actor.key, years
                )
            )
    return found


NUMBERED_LABEL = re.compile(
    r"(?m)^[ \t#*_]*\d{1,2}(?:\.[\dlI]{1,2})*\.?[ \t]+(?P<label>[^()\n]{3,80}?)[ \t]*"
    r"\((?P<holders>[^()\n]{2,120})\)[ \t*_]*[:.–—-]"
)


def _from_numbered_labels(ctx: Context) -> list[CoordinatorFact]:
    """'5.1 Universalisation (France and Zambia) : France presented ...': a numbered
    item that opens with an area and its holders, the report running on the same line."""
    found = []
    for item in NUMBERED_LABEL.finditer(ctx.text):
        areas = _areas(ctx, *item.span("label"))
        holders = _actor_list(ctx, *item.span("holders"))
        if len(areas) != 1 or ctx.actors(*item.span("label")):
            continue
        found += [
            CoordinatorFact(
                ctx.doc_id, ctx.span(item.start("label"), item.end("holders") + 1), areas[0], h.key
            )
            for h in holders
        ]
    return found


def _from_headings(ctx: Context) -> list[CoordinatorFact]:
    """'5.1 Victim Assistance (Ireland & Spain)': the area named, its holders in parentheses."""
    found = []
    for heading in ctx.headings:
        holders = HEADING_HOLDERS.search(heading.text)
        if not holders:
            continue
        inner_start = heading.start + holders.start(1)
        inner_end = heading.start + holders.end(1)
        actors = _actor_list(ctx, inner_start, inner_end)
        areas = _areas(ctx, heading.start, heading.start + holders.start())
        if not actors or len(areas) != 1:
            continue
        found += [
            CoordinatorFact(ctx.doc_id, ctx.span(heading.start, heading.end), areas[0], a.key)
            for a in actors
        ]
    return found


def _from_lists(ctx: Context) -> list[CoordinatorFact]:
    """Appointment lists and composition tables: an area, a colon or a gap, its holders."""
    found = []
    for item in LIST_ITEM.finditer(ctx.text):
        area_start, area_end = item.span("area")
        areas = _areas(ctx, area_start, area_end)
        if len(areas) != 1 or ctx.actors(area_start, area_end):
            continue
        if not _is_area_label(ctx, area_start, area_end):
            continue
        holders = _holders(ctx, *item.span("holders"))
        found += [
            CoordinatorFact(ctx.doc_id, ctx.span(item.start(), item.end()), areas[0], a.key)
            for a in holders
        ]
    found += _from_table_rows(ctx)
    return found


COLUMN_GAP = re.compile(r"\t+|[ \t]{2,}|\s*\|\s*")


def _from_table_rows(ctx: Context) -> list[CoordinatorFact]:
    """Composition tables, one line per area: 'Victim assistance   Art. 5   Austria and
    Colombia   11MSP' or, flattened, 'Victim assistance Austria and Colombia'."""
    found = []
    for line in re.finditer(r"(?m)^[ \t|*•\-]*([^\n]{3,240})$", ctx.text):
        start, end = line.span(1)
        areas = ctx.within(start, end, "area")
        if not areas or areas[0].start != start or COORDINATOR_OF.search(ctx.text[start:end]):
            continue
        for cell_start, cell_end in _cells(ctx.text, areas[0].end, end):
            actors = _actor_list(ctx, cell_start, cell_end)
            if actors:
                found += [
                    CoordinatorFact(ctx.doc_id, ctx.span(start, end), areas[0].key, a.key)
                    for a in actors
                ]
                break
    return found


def _cells(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The rest of a table row: the whole remainder first, then each column on its own."""
    cells = [(start, end)]
    position = start
    for gap in COLUMN_GAP.finditer(text, start, end):
        if gap.start() > position:
            cells.append((position, gap.start()))
        position = gap.end()
    if position < end:
        cells.append((position, end))
    return cells


def _from_prose(ctx: Context) -> list[CoordinatorFact]:
    found = []
    for sentence in ctx.sentences:
        if "oordinat" not in sentence.text and "ocal" not in sentence.text:
            continue
        found += _appositions(ctx, sentence.start, sentence.end)
        found += _article_coordinators(ctx, sentence.start, sentence.end)
        found += _co_coordinators(ctx, sentence.start, sentence.end)
        found += _untitled_area(ctx, sentence.start, sentence.end)
    for sentence in ctx.sentences:
        found += _parenthesised_role(ctx, sentence.start, sentence.end)
    return found


ROLE_PARENTHESIS = re.compile(r"[ \t]*\(([^()\n]{3,90})\)")


def _parenthesised_role(ctx: Context, start: int, end: int) -> list[CoordinatorFact]:
    """'Austria (Victim Assistance, with Colombia) presented ...': the area in parentheses
    after an actor is its mandate; an actor 'with' it inside shares the mandate."""
    found = []
    for actor in ctx.actors(start, end):
        match = ROLE_PARENTHESIS.match(ctx.text, actor.end, end)
        if not match or NOT_CURRENT.search(match.group(1)):
            continue
        inner_start, inner_end = match.span(1)
        areas = _areas(ctx, inner_start, inner_end)
        if len(areas) != 1 or ctx.within(inner_start, inner_end, "person"):
            continue
        partners = [
            a
            for a in ctx.actors(inner_start, inner_end)
            if re.search(r"(?i)\bwith\s+(?:the\s+)?$", ctx.text[inner_start : a.start])
        ]
        for holder in [actor, *partners]:
            found.append(
                CoordinatorFact(
                    ctx.doc_id, ctx.span(actor.start, match.end()), areas[0], holder.key
                )
            )
    return found


TITLE_THEN_HOLDERS = re.compile(rf"(?i)\b(?:the\s+)?(?:{COORDINATOR})\s*[,:(–—-]\s*")


def _untitled_area(ctx: Context, start: int, end: int) -> list[CoordinatorFact]:
    """'Prepared by the Coordinators, Croatia and Portugal' in a text on one area: the area
    comes from the heading above, or from the title when the whole text is on one area."""
    found = []
    for match in TITLE_THEN_HOLDERS.finditer(ctx.text, start, end):
        if _not_current(ctx, match.start(), start):
            continue
        line_end = ctx.text.find("\n", match.end())
        stop = min(end, line_end if line_end != -1 else end)
        stop = min(stop, *(i for i in (ctx.text.find(")", match.end(), stop),) if i != -1), stop)
        holders = _actor_list(ctx, match.end(), stop)
        if not holders:
            continue
        named = [
            a
            for a in ctx.within(max(start, match.start() - 60), match.start() + 1, "area")
            if re.fullmatch(r"\s*", ctx.text[a.end : match.start()])
        ]
        areas = [named[-1].key] if named else _section_area(ctx, match.start()) or _title_area(ctx)
        if len(areas) != 1:
            continue
        found += [
            CoordinatorFact(ctx.doc_id, ctx.span(match.start(), stop), areas[0], h.key)
            for h in holders
        ]
    return found


def _title_area(ctx: Context) -> list[str]:
    """The one area a document's title names ('Summary of the session on stockpile destruction')."""
    return _areas(ctx, 0, min(len(ctx.text), 400))


def _appositions(ctx: Context, start: int, end: int) -> list[CoordinatorFact]:
    """'A and B, as the Coordinators on AREA' and 'the Coordinator for AREA, A'."""
    found = []
    for area in ctx.within(start, end, "area"):
        before = ctx.text[max(start, area.start - 90) : area.start]
        trigger = COORDINATOR_OF.search(before)
        if not trigger or _not_current(ctx, area.start - len(before) + trigger.start(), start):
            continue
        trigger_start = area.start - len(before) + trigger.start()
        holders = _holders_before(ctx, start, trigger_start)
        if len(holders) == 1 and _is_list_not_apposition(ctx, holders[0].end, trigger_start):
            holders = []
        holders = holders or _holders_after(ctx, area.end, end)
        found += [
            CoordinatorFact(
                ctx.doc_id,
                ctx.span(min(trigger_start, *(h.start for h in holders)), area.end),
                area.key,
                h.key,
            )
            for h in holders
        ]
    found += _on_behalf(ctx, start, end)
    return found


def _on_behalf(ctx: Context, start: int, end: int) -> list[CoordinatorFact]:
    """'Sweden, on behalf of the Clearance Coordinators': the speaker is one of them."""
    found = []
    for actor in ctx.actors(start, end):
        match = ON_BEHALF.match(ctx.text, actor.end, end)
        if not match:
            continue
        areas = _areas(ctx, *match.span("area")) if match.group("area") else []
        areas = areas or _section_area(ctx, actor.start)
        if len(areas) == 1:
            found.append(
                CoordinatorFact(ctx.doc_id, ctx.span(actor.start, match.end()), areas[0], actor.key)
            )
    return found


def _article_coordinators(ctx: Context, start: int, end: int) -> list[CoordinatorFact]:
    """'Norway and Chile, the Article 4 Coordinators': an article stands for its area."""
    found = []
    for match in ARTICLE_COORDINATORS.finditer(ctx.text, start, end):
        area = ARTICLE_AREAS.get(int(match.group(1)))
        if area is None:
            continue
        holders = _holders_before(ctx, start, match.start())
        found += [
            CoordinatorFact(ctx.doc_id, ctx.span(h.start, match.end()), area, h.key)
            for h in holders
        ]
    return found


def _co_coordinators(ctx: Context, start: int, end: int) -> list[CoordinatorFact]:
    """'Zambia ... with her co-Coordinator Germany', inside a section on one area."""
    found = []
    actors = ctx.actors(start, end)
    for actor in actors:
        before = ctx.text[max(start, actor.start - 40) : actor.start]
        if not CO_COORDINATOR.search(before) or NOT_CURRENT.search(before):
            continue
        areas = _section_area(ctx, actor.start)
        if len(areas) != 1:
            continue
        subject = actors[0]
        for holder in {subject.key: subject, actor.key: actor}.values():
            found.append(
                CoordinatorFact(
                    ctx.doc_id, ctx.span(subject.start, actor.end), areas[0], holder.key
                )
            )
    return found


def _section_area(ctx: Context, position: int) -> list[str]:
    """The area of the heading that the position falls under, if that heading names one."""
    previous = [h for h in ctx.headings if h.end <= position]
    if not previous:
        return []
    heading = previous[-1]
    if position - heading.end > 6000:
        return []
    return _areas(ctx, heading.start, heading.end)


def _areas(ctx: Context, start: int, end: int) -> list[str]:
    keys: list[str] = []
    for area in ctx.within(start, end, "area"):
        if area.key not in keys:
            keys.append(area.key)
    for match in ARTICLE_COORDINATORS.finditer(ctx.text, start, end):
        area = ARTICLE_AREAS.get(int(match.group(1)))
        if area and area not in keys:
            keys.append(area)
    return keys


def _is_area_label(ctx: Context, start: int, end: int) -> bool:
    """The text before a colon is an area's name, not a sentence that mentions one."""
    words = re.findall(r"[A-Za-z]+", ctx.text[start:end])
    return len(words) <= 9


HOLDER_FILLER = re.compile(
    r"(?i)^(?:[\s,;.:()¹²³⁴⁵⁶⁷⁸⁹⁰*–—-]|and\b|&|(?:working|together)\s+with\b|with\b"
    r"|as\s+well\s+as\b|co-?chairs?\b|coordinators?\b|focal\s+points?\b)*$"
)


def _holders(ctx: Context, start: int, end: int) -> list[Mention]:
    """Actors of an appointment: 'France (until ...) working with Panama (until ...)'. The
    text must be a list of actors and nothing else: 'Ireland reported that ...' is prose."""
    text = ctx.text
    depth_free = [
        a
        for a in ctx.actors(start, end)
        if text[start : a.start].count("(") == text[start : a.start].count(")")
    ]
    rest = text[start:end]
    for actor in reversed(depth_free):
        rest = rest[: actor.start - start] + " " + rest[actor.end - start :]
    rest = re.sub(r"\([^()]*\)", " ", rest)
    return _unique(depth_free) if HOLDER_FILLER.match(rest) else []


def _actor_list(ctx: Context, start: int, end: int) -> list[Mention]:
    """Actors joined only by 'and', '&' or commas: 'Ireland & Spain', 'Austria and Colombia'."""
    actors = ctx.actors(start, end)
    if not actors:
        return []
    gaps = [ctx.text[start : actors[0].start]]
    gaps += [ctx.text[a.end : b.start] for a, b in itertools.pairwise(actors)]
    gaps.append(ctx.text[actors[-1].end : end].rstrip(".:)"))
    if all(CONNECTOR.match(gap) for gap in gaps):
        return _unique(actors)
    return []


def _holders_before(ctx: Context, start: int, trigger: int) -> list[Mention]:
    """The actors just before a trigger: 'by Chile and Italy, as the Coordinators on'."""
    actors = ctx.actors(start, trigger)
    if not actors:
        return []
    gap = ctx.text[actors[-1].end : trigger]
    if not re.fullmatch(
        r"(?i)[\s,–—-]*(?:(?:as|being|serving\s+as|acting\s+as|in\s+(?:its|their|her|his)\s+"
        r"(?:capacit(?:y|ies)|roles?)\s+(?:as|of))\s+)?"
        r"(?:(?:the|a|one\s+of\s+the)\s+)?(?:CCM\s+)?(?:thematic\s+)?",
        gap,
    ):
        return []
    holders = [actors[-1]]
    for previous in reversed(actors[:-1]):
        if not CONNECTOR.match(ctx.text[previous.end : holders[0].start]):
            break
        holders.insert(0, previous)
    return _unique(holders)


def _holders_after(ctx: Context, area_end: int, end: int) -> list[Mention]:
    """The actors right after the area: 'the Coordinator for Transparency Measures, Costa Rica'."""
    actors = ctx.actors(area_end, end)
    if not actors or not re.fullmatch(r"[\s,–—-]*", ctx.text[area_end : actors[0].start]):
        return []
    holders = [actors[0]]
    for following in actors[1:]:
        if not CONNECTOR.match(ctx.text[holders[-1].end : following.start]):
            break
        holders.append(following)
    return _unique(holders)


def _is_list_not_apposition(ctx: Context, actor_end: int, trigger_start: int) -> bool:
    """'with UNOG, the Coordinators on ... and the ISU': one actor before a plural title,
    with no 'as' between, is an item of a list rather than the title's holder."""
    gap = ctx.text[actor_end:trigger_start].lower()
    plural = re.match(r"(?i)(?:the\s+)?(?:CCM\s+)?\S*coordinators\b", ctx.text[trigger_start:])
    return bool(plural) and " as " not in f" {gap} " and "capacit" not in gap


def _not_current(ctx: Context, trigger_start: int, sentence_start: int) -> bool:
    return bool(
        NOT_CURRENT.search(ctx.text[max(sentence_start, trigger_start - 30) : trigger_start + 30])
    )


def _unique(mentions: list[Mention]) -> list[Mention]:
    seen: dict[str, Mention] = {}
    for mention in mentions:
        seen.setdefault(mention.key, mention)
    return list(seen.values())
