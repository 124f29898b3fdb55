"""The data that flows between the pipeline's stages: plain frozen dataclasses.

ingest -> SourceDocument -> segment -> Segments -> nlp/extract -> Fact* -> link -> graph.
Every fact carries the span of the source text it was read from, so that the graph
can cite the document, the offsets and the quoted words.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class MeetingType(StrEnum):
    COORDINATION_COMMITTEE = "coordination-committee"
    MSP = "msp"
    REVIEW_CONFERENCE = "review-conference"
    INTERSESSIONAL = "intersessional"
    OTHER = "other"


class AttendanceStatus(StrEnum):
    PRESENT = "present"
    OBSERVER = "observer"
    APOLOGIES = "apologies"
    ABSENT = "absent"


class ObligationEvent(StrEnum):
    OBLIGATION = "obligation"
    EXTENSION_REQUEST = "extension-request"
    COMPLETED = "completed"
    OVERDUE = "overdue"
    SUBMITTED = "submitted"


class DecisionType(StrEnum):
    DECISION = "decision"
    WELCOME = "welcome"
    NOTE = "note"
    CONCERN = "concern"
    RECOMMENDATION = "recommendation"


class LinkType(StrEnum):
    APPROVES_MINUTES_OF = "approves-minutes-of"
    NEXT_MEETING = "next-meeting"


class PresidencyRole(StrEnum):
    PRESIDENT = "president"
    PRESIDENT_DESIGNATE = "president-designate"


@dataclass(frozen=True)
class DocumentMetadata:
    """What corpus/manifest.csv says of a file (all optional); extraction never reads it."""

    title: str | None = None
    symbol: str | None = None  # UN document symbol, e.g. CCM/MSP/2017/9
    date: str | None = None  # YYYY-MM-DD, the date of the meeting recorded
    meeting_type: MeetingType | None = None
    source_url: str | None = None
    language: str | None = None
    publisher: str | None = None


@dataclass(frozen=True)
class SourceDocument:
    """A document's text as read from disk; offsets of every fact point into `text`."""

    doc_id: str
    path: str
    text: str
    sha256: str
    metadata: DocumentMetadata = field(default_factory=DocumentMetadata)


@dataclass(frozen=True)
class Span:
    """Where a fact was read: character offsets into the document text and the words there."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class RuleInfo:
    """What the graph says of an extraction rule: `ref` is "<name>/<version>"."""

    name: str
    version: int
    kind: str  # the fact kind it yields: "attendance", "delegate", ...
    description: str

    @property
    def ref(self) -> str:
        return f"{self.name}/{self.version}"


@dataclass(frozen=True)
class Fact:
    """A fact read from a document: where it was read, and the rule that read it
    (`rule` is the rule's ref, "<name>/<version>"; empty only in hand-made test facts)."""

    doc_id: str
    span: Span
    rule: str = field(default="", kw_only=True)


@dataclass(frozen=True)
class MeetingFact(Fact):
    """The meeting a document records. `msp` is the MSP ordinal (for a Coordination Committee
    meeting: that of the MSP whose Presidency convened it); `ordinal` the meeting's own
    number when it is an MSP or a Review Conference."""

    meeting_type: MeetingType
    date: str | None = None
    msp: int | None = None
    ordinal: int | None = None


@dataclass(frozen=True)
class AttendanceFact(Fact):
    actor: str
    status: AttendanceStatus


@dataclass(frozen=True)
class DelegateFact(Fact):
    actor: str
    person: str
    role: str | None = None


@dataclass(frozen=True)
class CoordinatorFact(Fact):
    area: str
    actor: str
    years: tuple[int, ...] = ()


@dataclass(frozen=True)
class PresidencyFact(Fact):
    msp: int
    actor: str
    person: str | None = None
    role: PresidencyRole = PresidencyRole.PRESIDENT


@dataclass(frozen=True)
class ArticleMentionFact(Fact):
    article: int


@dataclass(frozen=True)
class ObligationFact(Fact):
    actor: str
    article: int
    event: ObligationEvent


@dataclass(frozen=True)
class DecisionFact(Fact):
    paragraph: str
    decision_type: DecisionType


@dataclass(frozen=True)
class MeetingLinkFact(Fact):
    relation: LinkType
    date: str


@dataclass(frozen=True)
class DocumentFacts:
    """All that was extracted from one document."""

    document: SourceDocument
    facts: tuple[Fact, ...] = field(default_factory=tuple)
