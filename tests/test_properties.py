"""Property-based tests: ingestion and extraction never raise on arbitrary input, and every
fact's offsets point at text equal to its quote."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ccm_graph import errors, pipeline
from ccm_graph.ingest import cleanup, ingest
from ccm_graph.model import SourceDocument

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
LINES = sorted(
    {
        line
        for path in CORPUS.glob("*.txt")
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    }
)
SLOW = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def damage(line: str, how: str) -> str:
    """One of the things typesetting, conversion and OCR do to a line."""
    if how == "soft-hyphen" and len(line) > 4:
        return line[:3] + "\u00ad" + line[3:]
    if how == "ligature":
        return line.replace("fi", "\ufb01").replace("fl", "\ufb02")
    if how == "hyphen-break" and " " in line:
        word_end = line.index(" ")
        return line[: max(1, word_end - 2)] + "-\n" + line[max(1, word_end - 2) :]
    if how == "crlf":
        return line + "\r"
    if how == "ocr":
        return line.replace("I", "l").replace("q", "g")
    return line


record_like = st.lists(
    st.tuples(
        st.sampled_from(LINES),
        st.sampled_from(["none", "soft-hyphen", "ligature", "hyphen-break", "crlf", "ocr"]),
        st.sampled_from(["\n", "\n\n", " ", "\n\n\n"]),
    ),
    min_size=1,
    max_size=40,
).map(lambda parts: "".join(damage(line, how) + gap for line, how, gap in parts))
any_text = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=400)


def assert_quotes_match(text: str) -> int:
    document = SourceDocument("doc", "doc.txt", text, "0" * 64)
    facts = pipeline.extract_text(document).facts
    for fact in facts:
        assert 0 <= fact.span.start <= fact.span.end <= len(text)
        assert text[fact.span.start : fact.span.end] == fact.span.text
    return len(facts)


def test_the_corpus_lines_are_there() -> None:
    assert len(LINES) > 300


@given(st.binary(max_size=2000))
@settings(max_examples=200, deadline=None)
def test_decoding_arbitrary_bytes_never_raises_but_input_errors(data: bytes) -> None:
    try:
        text, _ = ingest.to_text(Path("any.txt"), data)
    except errors.InputError as error:
        assert error.path == "any.txt" and error.problem
    else:
        assert isinstance(text, str) and text.strip()


@given(any_text)
@settings(max_examples=300, deadline=None)
def test_cleanup_maps_every_span_back_into_the_original(text: str) -> None:
    cleaned = cleanup.clean(text)
    length = len(cleaned.text)
    for start, end in ((0, length), (0, length // 2), (length // 3, length)):
        span = cleaned.span(start, end)
        assert 0 <= span.start <= span.end <= len(text)
        assert text[span.start : span.end] == span.text


# Text dense in what the cleanup rules match: hyphens, line ends, odd spaces, ligatures.
typeset_text = st.lists(
    st.sampled_from(
        [*"aZß- \t\n\r\x0b\x0c\x85\u2028\u00ad\u200b\ufeff\u00a0\u2003\u3000\ufb01", "-\n", "a-\n"]
    ),
    max_size=40,
).map("".join)


@given(typeset_text)
@settings(max_examples=500, deadline=None)
def test_cleanup_finds_the_rule_matches_re_finds(text: str) -> None:
    expected = [(m.span(), m.lastgroup) for m in cleanup.RULES.finditer(text)]
    assert [(m.span(), m.lastgroup) for m in cleanup.rule_matches(text)] == expected


@given(any_text)
@SLOW
def test_extraction_never_raises_on_arbitrary_text(text: str) -> None:
    assert_quotes_match(text)


@given(record_like)
@SLOW
def test_facts_from_damaged_records_quote_their_source(text: str) -> None:
    assert_quotes_match(text)


def test_damaged_records_do_give_facts() -> None:
    """The property above is not vacuous: such text yields facts, offsets checked."""
    text = "\n\n".join(damage(line, "soft-hyphen") for line in LINES[:400])
    assert assert_quotes_match(text) > 10
