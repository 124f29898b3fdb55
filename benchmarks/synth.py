"""Synthetic corpora N times the bundled one, made from the real documents.

Each synthetic document starts from one real document and keeps its layout (title, list of
attendees, numbered items), but a share of its later paragraphs is replaced by paragraphs of
the other documents, and every document gets its own States, people, dates and meeting
ordinals. No two documents are the same text, so the extractor does real work on each (no
cache can answer) and the graph grows with new people, meetings and facts, as a real record
would. Deterministic: the same scale and seed give the same files.
"""

from __future__ import annotations

import random
import re
import zlib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from ccm_graph.nlp import vocab as gazetteer

BLOCK_BREAK = re.compile(r"(\n[ \t]*\n)")
KEPT_SHARE = 0.4  # the first 40% of a document's paragraphs (title, attendees) stay in order
SWAP_SHARE = 0.35  # of the rest, this share comes from other documents
FIRST_NAMES = [
    "Amina",
    "Bruno",
    "Carla",
    "Dmitri",
    "Elena",
    "Farid",
    "Grace",
    "Hiroshi",
    "Ines",
    "Jonas",
    "Kofi",
    "Lucia",
    "Mateo",
    "Nadia",
    "Omar",
    "Priya",
    "Quentin",
    "Rosa",
    "Samuel",
    "Tamar",
    "Umar",
    "Vera",
    "Wanjiru",
    "Xavier",
    "Yara",
    "Zoltan",
    "Aiko",
    "Benedikt",
    "Chiara",
    "Dara",
    "Emeka",
    "Fatima",
    "Gustavo",
    "Hana",
    "Ivan",
    "Julia",
    "Kamal",
    "Leila",
    "Marco",
    "Nour",
    "Olga",
    "Pablo",
    "Rania",
    "Sven",
    "Thandiwe",
    "Ulla",
    "Vikram",
    "Wen",
    "Yusuf",
    "Zainab",
]
SURNAMES = [
    "Abebe",
    "Bianchi",
    "Castillo",
    "Dlamini",
    "Eriksen",
    "Fernandes",
    "Gallagher",
    "Haddad",
    "Ivanova",
    "Jansen",
    "Kowalski",
    "Lindqvist",
    "Mbeki",
    "Nakamura",
    "Okonkwo",
    "Petrov",
    "Quispe",
    "Rahman",
    "Santos",
    "Tanaka",
    "Uribe",
    "Vasquez",
    "Weber",
    "Xu",
    "Yilmaz",
    "Zhou",
    "Achterberg",
    "Bergström",
    "Cordero",
    "Dubois",
    "Esposito",
    "Fitzgerald",
    "Gonzaga",
    "Horvath",
    "Iqbal",
    "Jovanovic",
    "Kariuki",
    "Laurent",
    "Moreau",
    "Novak",
    "Oyelaran",
    "Papadopoulos",
    "Rossi",
    "Schmid",
    "Tesfaye",
    "Ulloa",
    "Varga",
    "Wójcik",
    "Yamamoto",
    "Zapata",
    "Al-Masri",
]
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
ORDINAL_WORDS = [
    "First",
    "Second",
    "Third",
    "Fourth",
    "Fifth",
    "Sixth",
    "Seventh",
    "Eighth",
    "Ninth",
    "Tenth",
    "Eleventh",
    "Twelfth",
    "Thirteenth",
    "Fourteenth",
    "Fifteenth",
    "Sixteenth",
    "Seventeenth",
    "Eighteenth",
    "Nineteenth",
    "Twentieth",
]
YEAR = re.compile(r"(?<!\d)(20[0-3]\d)(?!\d)")
MEETING_NUMBER = re.compile(
    r"(?<![\w])(\d{1,2})(MSP|RC)\b"
    r"|(?<![\w])(\d{1,2})(st|nd|rd|th|ST|ND|RD|TH)(?=[ \t]+(?:Meeting|MEETING|Review|REVIEW))"
)
ORDINAL_WORD = re.compile(
    r"\b(" + "|".join(ORDINAL_WORDS) + r")(?=[ \t]+(?:Meeting of States|Review Conference))", re.I
)
DAY = re.compile(r"\b([0-3]?\d)(st|nd|rd|th)?([ \t]+)(" + "|".join(MONTHS) + r")\b")
PERSON = re.compile(r"(?<=(?:Mr|Ms|Dr)\.[ \t])|(?<=Mrs\.[ \t])|(?<=Ambassador[ \t])")
NAME = re.compile(r"[A-ZÀ-Þ][\w'’.-]*(?:[ \t]+(?:[A-ZÀ-Þ][\w'’.-]*|van|de|der|da|del))*")
NOT_A_NAME = {"President", "Chair", "Coordinator", "Coordinators", "Secretary", "Minister"}


@dataclass(frozen=True)
class Source:
    """A real document cut into paragraphs (separators kept, so the text joins back)."""

    name: str
    blocks: tuple[str, ...]

    @property
    def kept(self) -> int:
        return max(1, round(len(self.blocks) * KEPT_SHARE))


def read_sources(corpus: Path) -> list[Source]:
    sources = []
    for path in sorted(corpus.glob("*.txt")):
        parts = BLOCK_BREAK.split(path.read_text(encoding="utf-8"))
        # pair each paragraph with the break after it
        blocks = tuple(a + b for a, b in zip(parts[::2], [*parts[1::2], ""], strict=True))
        sources.append(Source(path.stem, blocks))
    if not sources:
        raise FileNotFoundError(f"{corpus}: no .txt documents to recombine")
    return sources


def generate(corpus: Path, out: Path, scale: int, seed: int = 8) -> list[Path]:
    """Write `scale` x (number of real documents) synthetic documents into `out`."""
    sources = read_sources(corpus)
    pool = [block for s in sources for block in s.blocks[s.kept :] if block.strip()]
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("*.txt"):
        old.unlink()
    paths = []
    for index in range(scale * len(sources)):
        source = sources[index % len(sources)]
        rng = random.Random(seed * 1_000_003 + index)
        text = vary(recombine(source, pool, rng), rng, index)
        path = out / f"s{index:06d}-{source.name}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def recombine(source: Source, pool: list[str], rng: random.Random) -> str:
    blocks = list(source.blocks)
    for i in range(source.kept, len(blocks)):
        if blocks[i].strip() and rng.random() < SWAP_SHARE:
            blocks[i] = rng.choice(pool)
    return "".join(blocks)


def vary(text: str, rng: random.Random, index: int) -> str:
    """The same document about other States and people, in other years and meetings."""
    text = _swap_states(text, rng)
    text = _swap_people(text, index)
    text = _shift_years(text, rng.randint(-4, 6))
    text = _shift_days(text, rng)
    return _shift_meetings(text, rng.randint(-3, 8))


def _swap_states(text: str, rng: random.Random) -> str:
    names = state_names()
    found = sorted({m.group() for m in states_pattern().finditer(text)})
    targets = rng.sample(names, k=min(len(found), len(names)))
    mapping = dict(zip(found, targets, strict=False))
    return states_pattern().sub(lambda m: mapping.get(m.group(), m.group()), text)


@cache
def state_names() -> list[str]:
    """Display names of States that the gazetteer recognises as written."""
    known = {e.name for e in gazetteer.entries() if e.kind == "state"}
    names = {
        n
        for n in gazetteer.state_names().values()
        if n in known and re.fullmatch(r"[A-Z][a-z]+(?: [A-Z][a-z]+)?", n)
    }
    return sorted(names)


@cache
def states_pattern() -> re.Pattern[str]:
    alternatives = "|".join(re.escape(n) for n in sorted(state_names(), key=len, reverse=True))
    return re.compile(rf"\b(?:{alternatives})\b")


def _swap_people(text: str, index: int) -> str:
    group = index % 37  # a person of one document recurs in others of its group

    def person(match: re.Match[str]) -> str:
        written = match.group()
        if written.split()[0] in NOT_A_NAME:
            return written
        digest = zlib.crc32(f"{group}|{written}".encode())
        first = FIRST_NAMES[digest % len(FIRST_NAMES)]
        last = SURNAMES[(digest // len(FIRST_NAMES)) % len(SURNAMES)]
        return f"{first} {last}" if len(written.split()) > 1 else last

    pieces, position = [], 0
    for start in (m.start() for m in PERSON.finditer(text)):
        name = NAME.match(text, start)
        if name is None or name.start() < position:
            continue
        pieces += [text[position:start], person(name)]
        position = name.end()
    return "".join([*pieces, text[position:]])


def _shift_years(text: str, delta: int) -> str:
    return YEAR.sub(lambda m: str(min(2039, max(2008, int(m.group(1)) + delta))), text)


def _shift_days(text: str, rng: random.Random) -> str:
    days: dict[str, int] = {}

    def day(match: re.Match[str]) -> str:
        new = days.setdefault(match.group(1), rng.randint(1, 28))
        suffix = _suffix(new) if match.group(2) else ""
        return f"{new}{suffix}{match.group(3)}{match.group(4)}"

    return DAY.sub(day, text)


def _shift_meetings(text: str, delta: int) -> str:
    numbers = [int(m.group(1) or m.group(3)) for m in MEETING_NUMBER.finditer(text)]
    numbers += [ORDINAL_WORDS.index(m.group(1).title()) + 1 for m in ORDINAL_WORD.finditer(text)]
    if numbers:
        delta = max(delta, 1 - min(numbers))
        delta = min(delta, len(ORDINAL_WORDS) - max(numbers))

    def number(match: re.Match[str]) -> str:
        if match.group(1):
            return f"{int(match.group(1)) + delta}{match.group(2)}"
        new = int(match.group(3)) + delta
        suffix = _suffix(new)
        return f"{new}{suffix.upper() if match.group(4).isupper() else suffix}"

    def word(match: re.Match[str]) -> str:
        new = ORDINAL_WORDS[ORDINAL_WORDS.index(match.group(1).title()) + delta]
        written = match.group(1)
        return new.upper() if written.isupper() else new.lower() if written.islower() else new

    return ORDINAL_WORD.sub(word, MEETING_NUMBER.sub(number, text))


def _suffix(number: int) -> str:
    if 10 <= number % 100 <= 20:
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
