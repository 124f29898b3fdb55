"""Attendance lists in the layouts the genre uses, and attendance told in prose."""

from conftest import facts

from ccm_graph.model import AttendanceFact, DelegateFact

MINUTES = "MINUTES OF THE CCM COORDINATION COMMITTEE MEETING\nHeld on Tuesday 25 September 2018\n\n"


def statuses(text: str) -> dict[str, str]:
    return {f.actor: str(f.status) for f in facts(text, AttendanceFact)}


def delegates(text: str) -> set[tuple[str, str]]:
    return {(f.actor, f.person) for f in facts(text, DelegateFact)}


def test_one_entry_per_line_with_persons_under_each_actor() -> None:
    text = MINUTES + (
        "1. Present:\n\nSri Lanka - 9MSP Presidency\nH.E. Mr. Aliyar Lebbe Abdul Azeez\n\n"
        "Peru\nMr. Manuel Mundaca\n\nApologies received:\nMozambique\nNew Zealand\n\n"
        "2. Adoption of the agenda\n\nThe agenda was adopted.\n"
    )
    assert statuses(text) == {
        "LKA": "present",
        "PER": "present",
        "MOZ": "apologies",
        "NZL": "apologies",
    }
    assert delegates(text) == {("LKA", "Aliyar Lebbe Abdul Azeez"), ("PER", "Manuel Mundaca")}


def test_list_flattened_onto_one_line() -> None:
    text = MINUTES + (
        "1. Present: Chile - 5MSP Presidency Mr. Andres Bello Ghana Ms. Ama Mensah "
        "Secretariat - ISU Ms. Sheila Mweemba Apologies received Japan Malta "
        "2. Opening remarks The President opened the meeting.\n"
    )
    assert statuses(text) == {
        "CHL": "present",
        "GHA": "present",
        "ISU": "present",
        "JPN": "apologies",
        "MLT": "apologies",
    }
    assert ("GHA", "Ama Mensah") in delegates(text)
    assert ("ISU", "Sheila Mweemba") in delegates(text)


def test_persons_listed_under_actors_that_sent_apologies() -> None:
    text = MINUTES + (
        "Present:\nAustria\nMs. Lioba Bammer\nIreland\nDr. Patricia Cullen\n"
        "Germany\nMr. Bastian Volz\n\n"
        "Apologies:\nNorway\nMr. Fredrik Brogeland Laache\n"
        "Switzerland\nMs. Silvia Greve (by video link)\n\n"
        "2. Adoption of the agenda\n"
    )
    assert statuses(text)["NOR"] == "apologies"
    assert statuses(text)["CHE"] == "apologies"
    assert ("CHE", "Silvia Greve") in delegates(text)
    assert ("NOR", "Fredrik Brogeland Laache") in delegates(text)


def test_secretariat_line_names_the_isu() -> None:
    text = MINUTES + (
        "Present:\nPeru\nMr. Angel Horna\nSecretariat - Implementation Support Unit\n"
        "Ms. Elaine Weiss\n\n2. Adoption of the agenda\n"
    )
    assert statuses(text) == {"PER": "present", "ISU": "present"}
    assert ("ISU", "Elaine Weiss") in delegates(text)


def test_report_participation_paragraphs() -> None:
    text = (
        "Final Report of the Seventh Meeting of States Parties\n\n"
        "13. The following States parties to the Convention participated in the work of the "
        "Meeting: Albania, Niger and St. Kitts and Nevis.\n\n"
        "15. Angola and Nigeria participated in the work of the Meeting as observers.\n\n"
        "16. The Coordinators who participated in the workshop on 3 May thanked Chile.\n"
    )
    assert statuses(text) == {
        "ALB": "present",
        "NER": "present",
        "KNA": "present",
        "AGO": "observer",
        "NGA": "observer",
    }


def test_minutes_without_list_count_the_speakers_but_not_regrets() -> None:
    text = (
        "MINUTES OF THE CCM COORDINATION COMMITTEE MEETING\n\n"
        "Italy distributed a paper copy of its plan. The ISU Director informed the meeting of "
        "the budget. Mexico speaking on behalf of the two Coordinators told the meeting that "
        "work continued. Norway and New Zealand also conveyed their regrets at being unable "
        "to attend the workshop.\n"
    )
    assert statuses(text) == {"ITA": "present", "ISU": "present", "MEX": "present"}


def test_list_opened_by_a_sentence() -> None:
    text = MINUTES + (
        "The following members attended:\nAustria\nMs. Lioba Bammer\nChile\nMr. Pablo Soto\n"
        "Apologies received: Japan\n\n2. Adoption of the agenda\n"
    )
    assert statuses(text) == {"AUT": "present", "CHL": "present", "JPN": "apologies"}
    assert ("CHL", "Pablo Soto") in delegates(text)


def test_names_listed_without_honorifics_under_their_actor() -> None:
    text = MINUTES + (
        "Present:\nAustria\nLioba Bammer\nMarkus van der Berg\nChile\nPablo A. Soto\n"
        "Executive Coordinator\n\n2. Adoption of the agenda\n"
    )
    assert delegates(text) == {
        ("AUT", "Lioba Bammer"),
        ("AUT", "Markus van der Berg"),
        ("CHL", "Pablo A. Soto"),
    }


def test_an_organization_broken_at_a_flattened_line_end_attends_with_its_person() -> None:
    text = MINUTES.replace("\n", " ") + (
        "1. Present: Italy Ms. Chiara Rossi Implemen- tation Support Unit Ms. Ana Lima "
        "2. Adoption of the agenda The agenda was adopted."
    )
    assert statuses(text) == {"ITA": "present", "ISU": "present"}
    assert delegates(text) == {("ITA", "Chiara Rossi"), ("ISU", "Ana Lima")}
