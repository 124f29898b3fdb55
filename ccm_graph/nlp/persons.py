"""`ccm_persons_v1`: people's names, as `doc.spans["persons"]` (`kb_id_` the name with its
whitespace folded).

- After an honorific ("H.E. Mr.", "Dr.", "Ambassador"; `doc.spans["honorifics"]`), read
  word by word, so that names with initials, particles and hyphens hold together and a name
  broken by a line break is joined (label `titled`).
- Without one, where the layout or the words around say it is a name (label `bare`): a line
  of its own in an attendance list, a field of a contents list, a name opening a line or a
  clause before its function ("Lou Maresca, Senior Legal Adviser", "said Jane Roe, Director
  of ..."), or a name after a function ("Ban Advocate Jane Roe").

A name never holds a State's or organization's name; the words that end a name, particles
and honorifics are the data of `data/patterns/name-words.tsv` and `honorifics.tsv`.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterator
from functools import cache, lru_cache

from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import filter_spans

from ccm_graph.nlp import index, vocab
from ccm_graph.nlp.doctext import doc_text
from ccm_graph.nlp.layout import to_span

# Letters, and the box-drawing characters that a wrong code page leaves inside a name
# ("H├ęctor" for "Héctor"): the name is kept as written.
LETTERS = r"(?:[^\W\d_]|[\u2500-\u257f])"
NAME_WORD = re.compile(
    rf"[A-ZÀ-ÖØ-ÞĀ-Ž]{LETTERS}*(?:['’]{LETTERS}+)?(?:-{LETTERS}+(?:['’]{LETTERS}+)?)*"
)
INITIALS = re.compile(r"(?:[A-Z]\.){1,3}|[A-Z]\.-[A-Z]\.")
TOKEN = re.compile(r"\S+")
# A given name shortened to its first letters: "Ma. Cristina", "Ch. Mbaye" (honorifics such
# as "Mr." and "Dr." are read before it).
GIVEN_ABBREVIATION = re.compile(r"[A-Z][a-z]{1,2}\.")
# A name word hyphenated at a line break and finished on the next line: "Kessel-\nbach" is
# "Kesselbach", "Jean-\nPaul" is "Jean-Paul".
WRAPPED_TOKEN = re.compile(r"\S+?-[ \t]*\n[ \t]*[^\W\d_]\S*|\S+")
WRAP = re.compile(r"-[ \t]*\n[ \t]*(?=([^\W\d_]))")


def unwrap(text: str) -> str:
    """`text` with its words hyphenated at a line break joined again."""
    return WRAP.sub(lambda m: "-" if m.group(1).isupper() else "", text)


TRAILING = ",;:)]}\"”’'"
MONTHS_AND_DAYS = {
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
    "Saturday", "Sunday",
}  # fmt: skip
# What may stand before a bare name in prose: the start of a clause or a verb of saying.
NAME_TOKEN = re.compile(r"[^\s,;:()\"“”]+")
BARE_LEAD = re.compile(
    r"(?:^|[.:;(\n—–]\s*|,\s*|\b(?:said|says|by|with|and|to|from|of|according\s+to)\s+)$"
)


@cache
def name_words() -> tuple[frozenset[str], frozenset[str]]:
    """(particles, stops) of `name-words.tsv`."""
    table = vocab.rows("name-words.tsv", vocab.PATTERNS)
    particles = frozenset(word for kind, word in table if kind == "particle")
    stops = frozenset(word for kind, word in table if kind == "stop")
    return particles, stops


@cache
def honorific_words() -> frozenset[str]:
    """Honorifics as a name reader meets them word by word ("h.e", "mrs", "excellency");
    the one-letter halves of "H. E." are initials, not honorifics."""
    words = set()
    for _, form in vocab.honorifics():
        parts = form.split()
        # "M." (monsieur) is also an initial inside a name ("A. M. van der Berg")
        single = len(parts) == 1 and len(form.rstrip(".")) > 1
        words |= {form.casefold().rstrip(".")} if single else set()
        words |= {p.casefold().rstrip(".") for p in parts if len(p.rstrip(".")) > 2}
    return frozenset(words)


@cache
def cue_words() -> frozenset[str]:
    """Capitalised forms of the words of functions, offices and gatherings: not names."""
    words = set()
    for label in ("function", "mission", "gathering", "gatherings", "treaty-status"):
        for phrase in vocab.cues().get(label, ()):
            words |= {w.capitalize() for w in phrase.split()}
    return frozenset(words)


@Language.factory("ccm_persons_v1", assigns=["doc.spans"])
def make_persons(nlp: Language, name: str) -> Persons:
    return Persons()


class Persons:
    def __call__(self, doc: Doc) -> Doc:
        taken = _taken(doc)
        found: dict[tuple[int, int], str] = {}
        for start, end in titled_names(doc, taken):
            found[(start, end)] = "titled"
        for start, end in bare_names(doc, taken):
            if not any(s < end and start < e for s, e in found):
                found[(start, end)] = "bare"
        spans = []
        for (start, end), label in sorted(found.items()):
            span = to_span(doc, start, end, label, clean_name(doc_text(doc)[start:end]))
            if span is not None:
                spans.append(span)
        index.put(doc, "persons", spans)
        return doc


def clean_name(name: str) -> str:
    return " ".join(unwrap(name).split())


class Taken:
    """Where other mentions stand (a name never holds them), sorted, with the farthest end
    so far beside each: whether a stretch overlaps one is a bisection, not a scan."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self.spans = sorted(spans)
        self.starts = [start for start, _ in self.spans]
        self.reach = list(itertools.accumulate((end for _, end in self.spans), max))

    def overlaps(self, start: int, end: int) -> bool:
        before = bisect.bisect_left(self.starts, end)  # the spans that start before `end`
        return before > 0 and self.reach[before - 1] > start


def _taken(doc: Doc) -> Taken:
    taken = []
    for group in ("actors", "meetings", "dates", "areas"):
        taken += [(s.start_char, s.end_char) for s in index.spans(doc, group)]
    return Taken(taken)


# --- names after an honorific -----------------------------------------------------------------


def titled_names(doc: Doc, taken: Taken) -> Iterator[tuple[int, int]]:
    stops = set(taken.starts)
    honorifics = filter_spans(index.spans(doc, "honorifics"))  # "Mme." over "Mme"
    text = doc_text(doc)
    for position, honorific in enumerate(honorifics):
        following = honorifics[position + 1] if position + 1 < len(honorifics) else None
        if (
            following is not None
            and following.start_char >= honorific.end_char
            and not text[honorific.end_char : following.start_char].strip()
        ):
            continue  # "H.E. Mr.": the name follows the last honorific of the run
        if len(honorific.text.rstrip(".")) == 1 and INITIAL_BEFORE.search(
            text, max(0, honorific.start_char - 30), honorific.start_char
        ):
            continue  # "A. M. van der Berg", "Marty M. Natalegawa": an initial, not monsieur
        start = _skip_space(text, honorific.end_char)
        end = read_name(text, start, stops)
        if end is not None and not taken.overlaps(start, end):
            yield start, end


# A capitalised word or an initial right before: "M." stands inside a name.
INITIAL_BEFORE = re.compile(r"(?<![\w'’-])[A-Z][\w'’-]*\.?[ \t]*$")


def _skip_space(text: str, position: int) -> int:
    while position < len(text) and text[position] in " \t":
        position += 1
    return position


def read_name(text: str, start: int, stops: set[int]) -> int | None:
    """The end offset of the name that starts at `start`, or None when no name starts there."""
    end, words, lines = start, 0, 0
    for token in WRAPPED_TOKEN.finditer(text, start):
        gap = text[end : token.start()]
        if words and "\n" in gap:
            # A name broken over two lines: only a lone first name continues on the next line,
            # or a surname cut after its particle ("Pérez y\nPérez").
            after_particle = name_part(text[start:end].split()[-1], first=False) == "particle"
            if (
                lines
                or gap.count("\n") > 1
                or not (
                    (words == 1 and continues_name(text, token.start()))
                    or (words <= 2 and ends_name_on_next_line(text, token, 3 - words))
                    or (after_particle and _name_word_next(token))
                )
            ):
                break
            lines += 1
        word = token.group().rstrip(TRAILING)
        if word.endswith(".") and len(word) > 3 and not INITIALS.fullmatch(word):
            # a full stop after a surname ends the sentence, not an initial: "Weber)."
            word = word[:-1].rstrip(TRAILING)
        if token.start() in stops and words:
            break
        if words >= 2 and word in cue_words() and FUNCTION_OF.match(text, token.end()):
            break  # "H.E Jane Roe Minister of Foreign Affairs": the function, comma omitted
        kind = name_part(unwrap(word), first=words == 0)
        if kind is None:
            break
        end, words = token.start() + len(word), words + 1
        if word != token.group():  # punctuation closes the name
            break
    return end if words and any(NAME_WORD.fullmatch(w) for w in text[start:end].split()) else None


def _name_word_next(token: re.Match[str]) -> bool:
    word = token.group().rstrip(TRAILING).rstrip(".").rstrip(TRAILING)
    return name_part(unwrap(word), first=False) in ("word", "particle")


FUNCTION_OF = re.compile(r"[ \t]+(?:of|for)\s")


def ends_name_on_next_line(text: str, token: re.Match[str], room: int = 1) -> bool:
    """'Ambassador Ali Jawad\\nAl-Rubaie, Permanent Representative' or '...\\nAl-Rubaie of Iraq':
    one capitalised surname word (`room` 2: or two, "Ambassador Andrés\\nFelipe Lozano, who"),
    then a comma, a full stop or a lowercase word, ends the broken name ("... Ms.
    Hélène\\nMarchetti.")."""
    word = token.group().rstrip(",.;")
    if name_part(word, first=False) != "word" or word in name_words()[1]:
        return False
    if token.group().endswith((",", ".", ";")):
        return True
    following = TOKEN.match(text, token.end() + 1) if token.end() < len(text) else None
    if following and room > 1 and following.group()[:1].isupper():
        return ends_name_on_next_line(text, following, room - 1)
    # "... Ms. Ana\nPaz (Chile)": a parenthesis after the name closes it too
    return bool(following and (following.group()[:1].islower() or following.group()[:1] == "("))


def continues_name(text: str, position: int) -> bool:
    line = text[position : text.find("\n", position) if "\n" in text[position:] else len(text)]
    words = line.split()
    return 0 < len(words) <= 3 and all(name_part(w.rstrip(TRAILING), first=False) for w in words)


@lru_cache(maxsize=1 << 16)  # called for every word of every candidate run
def name_part(word: str, first: bool) -> str | None:
    """What `word` is in a name: "word", "initial", "particle", or None (it is no name part)."""
    particles, stops = name_words()
    if not word or word.casefold().rstrip(".") in honorific_words() or word in stops:
        return None
    if INITIALS.fullmatch(word) or (first and GIVEN_ABBREVIATION.fullmatch(word)):
        return "initial"
    if not first and word.casefold() in particles:
        return "particle"
    if NAME_WORD.fullmatch(word) and (len(word) > 1):
        return "word"
    return None


# --- names without an honorific ---------------------------------------------------------------


def bare_names(doc: Doc, taken: Taken) -> Iterator[tuple[int, int]]:
    yield from _listed_names(doc, taken)
    yield from _field_names(doc, taken)
    yield from _apposed_names(doc, taken)
    yield from _broken_after_function(doc, taken)


def is_bare_name(words: list[str]) -> bool:
    """Two to five name words, the first a word (not an initial), two of them real words,
    none a function, an office, a month or a word that ends a name."""
    if not 2 <= len(words) <= 5:
        return False
    parts = [name_part(w, first=i == 0) for i, w in enumerate(words)]
    if parts[0] != "word" or not all(parts) or parts.count("word") < 2:
        return False
    blocked = cue_words() | MONTHS_AND_DAYS
    return not any(w in blocked for w in words) and not all(w.isupper() for w in words)


def _listed_names(doc: Doc, taken: Taken) -> Iterator[tuple[int, int]]:
    """Names on a line of their own in an attendance list ("Austria\\nLioba Bammer")."""
    text = doc_text(doc)
    for block in index.spans(doc, "blocks"):
        for line in index.within(doc, "lines", block.start_char, block.end_char):
            raw = text[line.start_char : line.end_char]
            leader = DOT_LEADER.search(raw)
            if leader is not None:
                raw = raw[: leader.start()]  # "J.-P. Kaboré ...... Burkina Faso"
            after_label = LABELLED_NAME.match(raw)
            if after_label is not None:
                # "Regrets received from: D. O'Connor-Walsh (Ireland)": the name after a label
                name = after_label.group("name")
                start = line.start_char + after_label.start("name")
                named = name.split()
                if not taken.overlaps(start, start + len(name)) and (
                    is_bare_name(named)
                    or (_initialled_name(named) and _not_a_lettered_heading(named))
                ):
                    yield start, start + len(name)
                    continue
            if taken.overlaps(line.start_char, line.start_char + len(raw)):
                continue
            stripped = raw.strip(" \t•*-–|")
            words = stripped.split()
            if is_bare_name(words) or (leader is not None and _initialled_name(words)):
                start = line.start_char + raw.index(stripped)
                yield start, start + len(stripped)


LABELLED_NAME = re.compile(r"[^:\n]{3,40}:[ \t]+(?P<name>[^\s,;:()][^,;:()\n]*?)[ \t]*(?=\(|,|$)")


def _not_a_lettered_heading(words: list[str]) -> bool:
    """ "J. P. O'Sullivan", "J.-P. Kaboré", "K. ten Brink", "D. O'Connor", not "B. Clearance"."""
    return (
        len(words) > 2
        or "-" in words[0]
        or len(words[0]) > 2
        or bool(SURNAME_MARK.search(words[-1]))
    )


SURNAME_MARK = re.compile(r"\w['’-]\w")


DOT_LEADER = re.compile(r"[ \t]*(?:\.[ \t]?){4,}|[ \t]*…+")


def _initialled_name(words: list[str]) -> bool:
    """Initials, then one or more surname words ("A. M. van der Berg", "Ch. Mbaye Ndiaye")."""
    if not 2 <= len(words) <= 6 or any(w in cue_words() for w in words):
        return False
    parts = [name_part(w, first=i == 0) for i, w in enumerate(words)]
    return parts[0] == "initial" and all(parts) and parts[-1] == "word"


def _field_names(doc: Doc, taken: Taken) -> Iterator[tuple[int, int]]:
    """A field of a contents list or table that is a name and nothing else."""
    for cell in index.spans(doc, "cells"):
        if cell.label_ != "text" or taken.overlaps(cell.start_char, cell.end_char):
            continue
        words = cell.text.split()
        if is_bare_name(words) or (_initialled_name(words) and _not_a_lettered_heading(words)):
            yield cell.start_char, cell.end_char


APPOSITION_AFTER = re.compile(r",\s*(?:the\s+|a\s+|an\s+)?")


def _apposed_names(doc: Doc, taken: Taken) -> Iterator[tuple[int, int]]:
    """ "Lou Maresca, Senior Legal Adviser", "said Jane Roe, Director of ...", "Jane Roe,
    Mexico's representative": a bare name, then a comma and a function or an actor; or a
    name right after a function ("Ban Advocate Jane Roe")."""
    text = doc_text(doc)
    functions = [s for s in index.spans(doc, "cues") if s.label_ == "function"]
    function_starts = {s.start_char for s in functions}
    function_ends = {s.end_char for s in functions}
    actor_starts = {s.start_char for s in index.spans(doc, "actors")}
    for start, end in _candidate_runs(text, taken, function_ends):
        after = APPOSITION_AFTER.match(text, end)
        if after and BARE_LEAD.search(text[max(0, start - 25) : start]):
            # "Jon Park, Regional Delegate": a function within the first words after the comma.
            words = re.finditer(r"[A-Z][\w'’-]*\s+", text[after.end() : after.end() + 40])
            following = {after.end()}
            for word in itertools.islice(words, 2):
                following.add(after.end() + word.end())
            if following & function_starts or after.end() in actor_starts:
                yield start, end
                continue
        before = text[:start].rstrip(" ")
        if len(before) < start and len(before) in function_ends:
            yield start, end


def _broken_after_function(doc: Doc, taken: Taken) -> Iterator[tuple[int, int]]:
    """ "CMC Director Jonathan\nReyes, who ...": after a function, a first name at the end
    of its line and the rest of the name on the next, read as after an honorific."""
    text = doc_text(doc)
    stops = set(taken.starts)
    for cue in index.spans(doc, "cues"):
        start = _skip_space(text, cue.end_char)
        line_end = text.find("\n", start)
        if cue.label_ != "function" or start == cue.end_char or line_end == -1:
            continue
        if len(text[start:line_end].split()) != 1:
            continue  # the name is not broken after its first word
        end = read_name(text, start, stops)
        if (
            end is not None
            and end > line_end
            and not taken.overlaps(start, end)
            and is_bare_name(unwrap(text[start:end]).split())
        ):
            yield start, end


SEPARATOR = re.compile(r"[\n,;:()\"“”]")
RUN_BREAK = re.compile(r"[\n,;:()]")  # what ends a run of name words


def _candidate_runs(text: str, taken: Taken, function_ends: set[int]) -> Iterator[tuple[int, int]]:
    """The name runs that can be apposed: those just before a comma and those just after a
    function. Runs never cross a separator, so reading between separators finds the same
    runs as reading the whole text, at a fraction of the cost."""
    separators = [m.start() for m in SEPARATOR.finditer(text)]
    regions = set()
    for position in separators:
        if text[position] == "," and _capital_before(text, position):
            before = bisect.bisect_left(separators, position) - 1
            regions.add((separators[before] + 1 if before >= 0 else 0, position))
    for end in function_ends:
        after = bisect.bisect_left(separators, end)
        regions.add((end, separators[after] if after < len(separators) else len(text)))
    seen = set()
    for start, end in sorted(regions):
        for found in _name_runs(text, taken, start, end):
            if found not in seen:
                seen.add(found)
                yield found


def _capital_before(text: str, position: int) -> bool:
    """The word before `position` is capitalised: a name may end there."""
    word_start = max(text.rfind(" ", 0, position), text.rfind("\n", 0, position)) + 1
    return text[word_start : word_start + 1].isupper()


def _name_runs(
    text: str, taken: Taken, start: int = 0, end: int | None = None
) -> Iterator[tuple[int, int]]:
    """Maximal runs of two to five name words on one line, outside other mentions."""
    run: list[re.Match[str]] = []
    blocked = cue_words()
    end = len(text) if end is None else end
    for token in NAME_TOKEN.finditer(text, start, end):
        word = token.group()
        joined = run and not RUN_BREAK.search(text, run[-1].end(), token.start())
        fits = name_part(word.rstrip("."), first=not run) is not None and word not in blocked
        if run and joined and fits and len(run) < 5:
            run.append(token)
            continue
        yield from _finished(run, text, taken)
        starts = name_part(word, first=True) == "word" and word not in blocked
        run = [token] if starts else []
    yield from _finished(run, text, taken)


def _finished(run: list[re.Match[str]], text: str, taken: Taken) -> Iterator[tuple[int, int]]:
    while run and name_part(run[-1].group(), first=False) == "particle":
        run = run[:-1]
    if not run:
        return
    start, end = run[0].start(), run[-1].end()
    words = [m.group() for m in run]
    if is_bare_name(words) and not taken.overlaps(start, end):
        yield start, end
