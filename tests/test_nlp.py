"""The spaCy pipeline as spaCy: plain text in, span groups out, components registered by
versioned names, data loaded by initialize(), layout readers that write what rules read."""

from __future__ import annotations

import re
import sys

import pytest
from spacy.language import Language

from ccm_graph.nlp import casefree, layout
from ccm_graph.nlp.ocr import matching_text
from ccm_graph.nlp.pipeline import FACTORIES, blank, pipeline


def spans(text: str, group: str) -> list[tuple[str, str, str]]:
    doc = pipeline()(text)
    return [(s.text, s.label_, s.kb_id_) for s in doc.spans[group]]


def test_the_pipeline_reads_plain_text() -> None:
    nlp = pipeline()
    doc = nlp("Ambassador Michael Biontino of Germany attended.")
    assert [(s.text, s.kb_id_) for s in doc.spans["actors"]] == [("Germany", "DEU")]
    assert [s.text for s in doc.spans["persons"]] == ["Michael Biontino"]
    assert doc.text == "Ambassador Michael Biontino of Germany attended."
    docs = list(nlp.pipe(["Chile attended.", "Peru took part."]))
    assert [[s.kb_id_ for s in d.spans["actors"]] for d in docs] == [["CHL"], ["PER"]]


def test_components_are_registered_factories_with_versioned_names() -> None:
    nlp = pipeline()
    assert [name for name, _ in nlp.pipeline] == list(FACTORIES)
    for name, factory in FACTORIES.items():
        assert factory.endswith("_v1")
        assert Language.has_factory(factory)
        assert nlp.get_pipe_meta(name).factory == factory


def test_data_is_loaded_by_initialize() -> None:
    nlp = blank()
    with pytest.raises(ValueError, match="initialize"):
        nlp("Chile attended.")
    nlp.initialize()
    doc = nlp("Chile attended.")
    assert [s.kb_id_ for s in doc.spans["actors"]] == ["CHL"]


def test_a_doc_serialises_after_the_pipeline() -> None:
    doc = pipeline()("1. Present:\nChile\nMs. Ana Torres\n")
    assert doc.to_bytes()  # the components' caches are released


def test_paragraphs_are_tokenized_apart_but_the_text_is_kept() -> None:
    text = "Chile\n\n\n   Peru   attended.\n\nMr. A. B. Cruz spoke.\n"
    doc = pipeline()(text)
    assert doc.text == text
    assert [(t.idx, t.text) for t in doc if t.text == "Peru"] == [(text.index("Peru"), "Peru")]


def test_names_match_across_a_line_break_but_not_across_a_blank_line() -> None:
    assert spans("delegates of New\n   Zealand and Norwegian\nPeople's Aid", "actors") == [
        ("New\n   Zealand", "state", "NZL"),
        ("Norwegian\nPeople's Aid", "org", "NPA"),
    ]
    assert [kb for _, _, kb in spans("New\n\nZealand", "actors")] == []


def test_state_names_written_with_hyphens_are_read() -> None:
    text = "Tanzania, South-Africa and New-Zealand; EL-SALVADOR; the North-South dialogue"
    assert [kb for _, _, kb in spans(text, "actors")] == ["TZA", "ZAF", "NZL", "SLV"]


def test_ocr_slips_in_state_names_are_read_but_fuzzy_names_are_not() -> None:
    found = [kb for _, _, kb in spans("lraq, Irag and Gerrnany; Niger and Nigeria; Mall", "actors")]
    assert found == ["IRQ", "IRQ", "DEU", "NER", "NGA"]


def test_ocr_slips_undone_for_matching_keep_the_length() -> None:
    text = "lnternational Cornmittee; the Comrnission; government; llama; lymph"
    fixed = matching_text(text)
    assert fixed == "International  Committee; the  Commission; government; llama; lymph"
    assert len(fixed) == len(text)


@pytest.mark.parametrize(
    ("text", "fixed"),
    [
        ("the Implemen- tation Support Unit", "the   Implementation Support Unit"),
        ("Cluster Muni- tion Coalition", "Cluster   Munition Coalition"),
        # traps: a word hyphenated before a conjunction, a name, a break the layout keeps
        ("long- and short-term plans", "long- and short-term plans"),
        ("Mr. Kofi Mensah-Bonsu", "Mr. Kofi Mensah-Bonsu"),
        ("the Implemen-\ntation Support Unit", "the Implemen-\ntation Support Unit"),
    ],
)
def test_a_word_broken_at_a_flattened_line_end_is_joined_for_matching(
    text: str, fixed: str
) -> None:
    assert matching_text(text) == fixed


def test_offices_named_by_adjective_or_by_a_defined_acronym() -> None:
    text = (
        "Ms. A, Second Secretary of the Iraqi Mission. Mr. B of the Iraq Demining Centre "
        "(IDC). Mr. C from IDC spoke. The Peruvian Air Force attended."
    )
    offices = [(t, kb) for t, label, kb in spans(text, "actors")]
    assert ("Iraqi Mission", "IRQ") in offices
    assert ("IDC", "IRQ") in offices
    assert ("Peruvian Air Force", "PER") in offices


@pytest.mark.parametrize(
    ("text", "short", "code"),
    [
        ("Bosnia and Herzegovina (BiH) destroyed its stockpile. BiH then reported.", "BiH", "BIH"),
        ("The Democratic Republic of the Congo (DRC) attended; the DRC spoke.", "DRC", "COD"),
    ],
)
def test_a_state_named_by_the_short_form_the_document_defines(
    text: str, short: str, code: str
) -> None:
    found = [(t, kb) for t, _, kb in spans(text, "actors")]
    assert found.count((short, code)) == 2


def test_a_mixed_case_word_in_brackets_is_no_short_form() -> None:
    text = "Peru (Lima) hosted it. Lima is the capital."  # a trap: a place, not an acronym
    assert [kb for _, _, kb in spans(text, "actors")] == ["PER"]


def test_meetings_in_any_capitalisation_and_other_conventions_apart() -> None:
    text = (
        "The 12th Meeting of the State Parties, the SECOND REVIEW CONFERENCE, the 9MSP and "
        "the APMBC 15th Meeting of States Parties."
    )
    doc = pipeline()(text)
    own = [(s.label_, s.kb_id_) for s in doc.spans["meetings"]]
    assert own == [("msp", "12"), ("review-conference", "2"), ("msp", "9")]
    assert [s.kb_id_ for s in doc.spans["other_meetings"]] == ["15"]


def test_layout_readers_are_registered_and_listed_in_order() -> None:
    assert set(layout.DEFAULT_READERS) <= set(layout.READERS)
    with pytest.raises(ValueError, match="unknown layout readers"):
        layout.Layout(["no-such-reader.v1"])


def test_table_cells_know_their_column() -> None:
    text = "Thematic area | Coordinators | Term\nVictim assistance | Chile and Peru | 2027-2029\n"
    cells = [(t, label) for t, label, _ in spans(text, "cells")]
    assert cells == [
        ("Victim assistance", "area"),
        ("Chile and Peru", "holder"),
        ("2027-2029", "term"),
    ]


def test_semicolon_separated_values_under_a_header_are_a_table() -> None:
    text = (
        "Area;State;Term\nClearance;Norway;2027-2029\nVictim assistance;;2028\n\n"
        "Note;see below;draft\nClearance;Peru;2029\n"
    )
    doc = pipeline()(text)
    rows = [r for r in doc.spans["rows"] if r.label_ == "delimited"]
    # The row with an empty value is left out; the block without a header is no table.
    assert [r.text for r in rows] == ["Clearance;Norway;2027-2029"]
    cells = [
        (c.text, c.label_) for c in doc.spans["cells"] if rows[0].start <= c.start < rows[0].end
    ]
    assert ("Norway", "holder") in cells and ("2027-2029", "term") in cells


def test_values_separated_by_semicolons_are_a_table_and_a_list_run_on_is_not() -> None:
    values = "Area;Term;State\nClearance;2030-2032;Ghana\nReporting;2029-2031;Nepal\n"
    cells = [(t, label) for t, label, _ in spans(values, "cells")]
    assert ("Clearance", "area") in cells and ("Ghana", "holder") in cells
    prose = (
        "Chile - Ms. Ana Paz; Peru - Mr. Luis Soto; Malta -\nMs. Rita Borg; Kenya - Mr. Paul "
        "Otieno; Nepal\n- Ms. Sita Rai; Fiji - Ms. Mere Naivalu; Oman\n"
    )
    assert "rows" not in pipeline()(prose).spans


def test_a_table_read_out_with_single_spaces_and_a_continuation_row() -> None:
    text = "Clearance Germany 2027-2029\nIraq 2028-2030\nPresident Peru 15MSP\nIraq reported.\n"
    rows = [(t, kb) for t, _, kb in spans(text, "rows")]
    assert rows == [
        ("Clearance Germany 2027-2029", "spaced"),
        ("Iraq 2028-2030", "continues"),
        ("President Peru 15MSP", "spaced"),
    ]


def test_attendance_blocks_status_groups_and_entries() -> None:
    text = (
        "Minutes 1. Present: Chile - 5MSP Presidency Mr. Andres Bello Peru Ms. Rosa Diaz "
        "Apologies received Japan Malta 2. Opening remarks The President opened the meeting."
    )
    assert [label for _, label, _ in spans(text, "status")] == ["present", "apologies"]
    entries = [(label, kb) for _, label, kb in spans(text, "entries")]
    assert entries == [
        ("present", "CHL"), ("present", "PER"), ("apologies", "JPN"), ("apologies", "MLT"),
    ]  # fmt: skip


def test_an_entry_marked_observer_is_one_and_starts_no_group() -> None:
    table = (
        "Attendance\n\n| Delegation | Name | Role |\n|---|---|---|\n"
        "| Chile | Ms. Ana Paz | Coordinator |\n| ICRC | Mr. Leo Weber | Observer |\n"
        "| Peru | Mr. Juan Rios | Coordinator |\n\nAlso present (ISU): Ms. Eva Lind (Director)\n"
        "\nApologies: Ghana\n"
    )
    entries = [(label, kb) for _, label, kb in spans(table, "entries")]
    assert entries == [
        ("present", "CHL"), ("observer", "ICRC"), ("present", "PER"), ("present", "ISU"),
        ("apologies", "GHA"),
    ]  # fmt: skip
    listed = (
        "1. Participants\n\nMs. Ana Paz, Chile\nMr. Tom Hill, CMC (observer)\nMr. Li Na, Peru\n"
    )
    assert [(label, kb) for _, label, kb in spans(listed, "entries")] == [
        ("present", "CHL"), ("observer", "CMC"), ("present", "PER"),
    ]  # fmt: skip


def test_contents_entries_and_their_fields() -> None:
    text = (
        "SESSION I 12 > Ana Silva | Director | Ministry of Defence | Portugal 13 > Paul Roy | "
        "ICRC 14\n"
    )
    assert [t for t, _, _ in spans(text, "rows")] == [
        "Ana Silva | Director | Ministry of Defence | Portugal 13",
        "Paul Roy | ICRC 14",
    ]
    assert ("Ana Silva", "bare", "Ana Silva") in spans(text, "persons")


def test_a_row_with_a_dot_leader_is_one_sentence() -> None:
    text = (
        "Delegations\nGhana ...... Mr. Kofi Owusu, Adviser\nPeru .. Ms. Rosa Diaz\n"
        "It moved ... to 2030. Done."
    )
    assert [t for t, _, _ in spans(text, "sentences")] == [
        "Delegations",
        "Ghana ...... Mr. Kofi Owusu, Adviser",
        "Peru .. Ms. Rosa Diaz",
        "It moved ... to 2030.",
        "Done.",
    ]


def test_bare_names_need_a_layout_or_an_apposition() -> None:
    text = (
        "said Lucia Perez, Director of the Unit. Ban Advocate Sara Lund spoke. New Zealand "
        "Minister Visited. Geneva Conventions, signed."
    )
    assert [t for t, _, _ in spans(text, "persons")] == ["Lucia Perez", "Sara Lund"]


PHRASES = [
    r"(?i)\b(?:completed|finished)\s+(?:its\s+)?(?:destruction|clearance)\b",
    r"(?i)(?<!not\s)\bsubmitted\s+(?P<whose>its|their)\s+(?:\w+\s+){0,2}?reports?\b",
    r"(?im)^[ \t]*(?P<area>[^:\n]{3,40}?)\s*:\s*(?P<holders>[^\n]+)$",
    r"(?i)\bperu\b|(?=chad)",  # empty matches: re's own rules go on from the first
    r"(?i)\bStates\s+Parties\b|\bArticle\s+[0-9]+|['" "\u2019" r"]s\s+report",
]
TEXTS = [
    "Peru COMPLETED its Destruction; Chad has not submitted its report. Ghana submitted "
    "their Initial Article 7 reports.",
    "Clearance:\tNorway and Iraq\n  Victim assistance : Chile\nno colon here",
    "\u201cStates Parties\u201d and Chad\u2019s report under ARTICLE 4 (\u00c9tats)",
    "Peru completed its \u017fomething; Peru finished clearance",  # 'ſ': searched with the flag
    "Peruvians resubmitted their reports; Chad and Peru",  # the leading \b fails, then holds
    "the \u212aelvin sign and \u0130stanbul, then Article 3",
]


@pytest.mark.parametrize("source", PHRASES)
def test_a_case_free_pattern_finds_what_ignorecase_finds(source: str) -> None:
    fast, plain = casefree.compile(source), re.compile(source)
    for text in TEXTS:
        expected = [(m.span(), m.groupdict()) for m in plain.finditer(text)]
        assert [(m.span(), m.groupdict()) for m in fast.finditer(text)] == expected
        for pos, endpos in ((0, len(text)), (5, len(text)), (3, 40), (17, 18)):
            found, wanted = fast.search(text, pos, endpos), plain.search(text, pos, endpos)
            assert (found and found.span()) == (wanted and wanted.span())
            assert [m.span() for m in fast.finditer(text, pos, endpos)] == [
                m.span() for m in plain.finditer(text, pos, endpos)
            ]


def test_case_free_patterns_refuse_what_lowering_would_change() -> None:
    for source in [
        r"(?i)\S+report",  # \s is another class
        r"(?i)report(?-i:[A-Z])",  # case matters in part
        r"report",  # not case-insensitive at all
        r"(?i)[A-z]",  # the range holds [ \ ] ^ _ `
        "(?i)\u00e9tats",  # a letter with case beyond ASCII
        r"(?x)(?i)report",
    ]:
        with pytest.raises((ValueError, re.error)):
            casefree.compile(source)
    assert casefree.compile(r"report", re.IGNORECASE).search("A REPORT")


def test_only_four_characters_beyond_ascii_fold_to_an_ascii_letter() -> None:
    letter = re.compile(r"(?i)[a-z]")
    folding = {chr(c) for c in range(0x80, sys.maxunicode + 1) if letter.match(chr(c))}
    assert folding == set(casefree.FOLDS_TO_ASCII.pattern.strip("[]"))


def test_ocr_slips_are_undone_for_matching_in_place() -> None:
    text = (
        "On 3O June 2Ol9, whilst the lst and (lst) sessions met, the Coa1ition's "
        "COORDlNATlON COMMlTTEE (lll, Il) spoke.\n l. Items 12th, 2O2Oth\n"
    )
    assert matching_text(text) == (
        "On 30 June 2019, whilst the 1st and (1st) sessions met, the Coalition's "
        "COORDINATION COMMITTEE (lll, Il) spoke.\n 1. Items 12th, 2020th\n"
    )
    plain = "Norway met on 30 June 2019 in Geneva; the Cluster Munition Coalition spoke.\n"
    assert matching_text(plain) == plain


def test_a_titled_name_ends_before_a_function_of_something() -> None:
    text = "H.E Ana Paz Director of the Unit; Ms. Rosa Maria Lopez; Mr. Li Wei Minster for Defence"
    assert [t for t, _, _ in spans(text, "persons")] == ["Ana Paz", "Rosa Maria Lopez", "Li Wei"]
