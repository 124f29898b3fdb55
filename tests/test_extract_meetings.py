"""What meeting a document records, its date, and the meetings it refers to."""

from collections import Counter

from conftest import facts

from ccm_graph.model import MeetingFact, MeetingLinkFact
from ccm_graph.nlp import dates


def meeting(text: str) -> tuple[str, str | None, int | None] | None:
    found = facts(text, MeetingFact)
    return (str(found[0].meeting_type), found[0].date, found[0].msp) if found else None


def links(text: str) -> set[tuple[str, str]]:
    return {(str(f.relation), f.date) for f in facts(text, MeetingLinkFact)}


def test_coordination_committee_minutes_with_convening_presidency_and_links() -> None:
    text = (
        "MINUTES OF THE CCM COORDINATION COMMITTEE MEETING\nThursday 8th November 2018\n\n"
        "Present:\nSri Lanka - 9MSP Presidency\nH.E. Mr. Aliyar Lebbe Abdul Azeez\n\n"
        "3. Approve Minutes\n\nThe Minutes of the Coordination Committee Meeting held on Tuesday "
        "25th September 2018 were unanimously approved.\n\n"
        "It was agreed that the next Coordination Committee meeting would be held on "
        "12 December 2018.\n"
    )
    assert meeting(text) == ("coordination-committee", "2018-11-08", 9)
    assert links(text) == {
        ("approves-minutes-of", "2018-09-25"),
        ("next-meeting", "2018-12-12"),
    }


def test_final_report_dated_by_its_meeting_not_its_issue_date() -> None:
    text = (
        "# Convention on Cluster Munitions\n\n25 September 2017\n\n"
        "## Seventh Meeting of States Parties\n\nGeneva, 4–6 September 2017\n\n"
        "Final Report\n\n53. States Parties decided that the Eighth Meeting of States Parties "
        "shall be from 3 to 5 September 2018 in Geneva.\n"
    )
    assert meeting(text) == ("msp", "2017-09-04", 7)
    assert links(text) == {("next-meeting", "2018-09-03")}


def test_review_conference_has_no_msp_and_links_to_the_next_msp() -> None:
    text = (
        "First Review Conference\nDubrovnik, 7–11 September 2015\n\nFinal Report\n\n"
        "9. The Conference decided that the Sixth Meeting of States Parties would be held in "
        "Geneva from 5 to 7 September 2016.\n"
    )
    assert meeting(text) == ("review-conference", "2015-09-07", None)
    assert links(text) == {("next-meeting", "2016-09-05")}


def test_tables_and_news_record_no_meeting() -> None:
    text = (
        "COORDINATION COMMITTEE\nComposition from the end of the Tenth Meeting of States "
        "Parties (2 September 2022)\n\nVictim assistance     Austria and Colombia\n"
    )
    assert meeting(text) is None


def test_year_inferred_from_weekday_only_when_sound() -> None:
    thursday = dates.find_dates("Thursday 5 March")[0]
    assert dates.infer_year(thursday, Counter({2015: 5, 2020: 1})) == 2015
    assert dates.infer_year(thursday, Counter({2014: 1, 2020: 1})) is None
    no_weekday = dates.find_dates("5 March")[0]
    assert dates.infer_year(no_weekday, Counter({2015: 3})) is None


def test_dates_in_common_forms_and_ocr_suffixes() -> None:
    found = [
        m.iso()
        for m in dates.find_dates(
            "on 25th September 2018, on February 3, 2015, 2019-01-04 and 29<sup>th</sup> May 2019"
        )
    ]
    assert found == ["2018-09-25", "2015-02-03", "2019-01-04", "2019-05-29"]


def test_a_year_with_a_letter_o_and_a_symbol_number_before_a_date() -> None:
    found = [
        (m.day, m.iso())
        for m in dates.find_dates("Geneva, 4-6 June 2O27 (CCM/CC/2027/4 - 9 May 2027)")
    ]
    assert found == [(4, "2027-06-04"), (9, "2027-05-09")]
    assert [m.iso() for m in dates.find_dates("CCM/MSP/2030/11 - 2 October 2030")] == ["2030-10-02"]
    # A letter O is no digit elsewhere: "2O" alone, or a word, is no year.
    assert [m.year for m in dates.find_dates("on 3 May 2Ox7 and on 4 May 20O")] == [None, None]


def test_a_numeric_date_at_a_sentence_end_but_not_inside_a_longer_number() -> None:
    found = dates.find_dates("The next session is convened for 07/11/2030. Ref. 1.2.2030.4")
    assert [m.iso() for m in found] == ["2030-11-07"]


def test_year_from_the_presidency_in_office_when_no_year_is_written() -> None:
    text = (
        "MINUTES OF THE CCM COORDINATION COMMITTEE MEETING\nWednesday 16 January\n\n"
        "Present:\nSri Lanka - 9MSP Presidency\nH.E. Mr. Aliyar Lebbe Abdul Azeez\n\n2. Opening\n"
    )
    assert meeting(text) == ("coordination-committee", "2019-01-16", 9)
    # Under the 8MSP Presidency (2017-2018) no Wednesday 16 January exists: no date.
    assert meeting(text.replace("9MSP", "8MSP")) == ("coordination-committee", None, 8)
