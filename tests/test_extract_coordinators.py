"""Coordinator mandates read from lists, headings, prose and tables."""

from conftest import facts

from ccm_graph.model import CoordinatorFact


def mandates(text: str) -> set[tuple[str, str]]:
    return {(f.area, f.actor) for f in facts(text, CoordinatorFact)}


def test_attendance_roles_with_term_years() -> None:
    text = (
        "5th Meeting of the CCM Coordination Committee\n\nList of Attendees:\n\n"
        "- Japan (Universalisation in 2012)\n- Portugal (Universalisation in 2012 and 2013)\n"
        "- Croatia (Coord. Stock. Destruct.)\n- CMC\n\nThe President opened the meeting.\n"
    )
    found = facts(text, CoordinatorFact)
    assert {(f.area, f.actor) for f in found} == {
        ("universalization", "JPN"),
        ("universalization", "PRT"),
        ("stockpile-destruction", "HRV"),
    }
    assert {f.actor: f.years for f in found}["PRT"] == (2012, 2013)


def test_section_headings_name_the_holders() -> None:
    text = (
        "5.1 Victim Assistance (Ireland & Spain)\n\nIreland reported on the plan.\n\n"
        "5.2 Clearance and Risk Reduction (Sweden and Lao PDR)\n\nSweden spoke.\n"
    )
    assert mandates(text) == {
        ("victim-assistance", "IRL"),
        ("victim-assistance", "ESP"),
        ("clearance", "SWE"),
        ("clearance", "LAO"),
    }


def test_prose_appositions_both_ways() -> None:
    text = (
        "The Meeting expressed appreciation for the efforts undertaken by Chile and Italy, as "
        "the Coordinators on Victim Assistance. In the ensuing discussion the Coordinator for "
        "Transparency Measures, Costa Rica, informed the meeting. New Zealand - Coordinator for "
        "National Implementation Measures hosted a lunch.\n"
    )
    assert mandates(text) == {
        ("victim-assistance", "CHL"),
        ("victim-assistance", "ITA"),
        ("transparency", "CRI"),
        ("national-implementation", "NZL"),
    }


def test_past_holders_and_other_conventions_are_not_mandates() -> None:
    text = (
        "Ireland reported that it would build on the work undertaken with its previous "
        "Co-coordinator, Italy. The Netherlands, serving as one of the APMBC VA Coordinators, "
        "offered collaboration. The President said he would meet with UNOG, the Coordinators "
        "on the General Status and Operation of the Convention and the ISU.\n"
    )
    assert mandates(text) == set()


def test_appointment_list_and_composition_table() -> None:
    text = (
        "50. The Meeting welcomed new Coordinators as follows:\n\n"
        "(a) **Working group on universalization:** France (until the end of the Eighth "
        "Meeting of States Parties) working with Panama (until the end of the Ninth Meeting);\n\n"
        "(b) Reporting: Zambia.\n\n"
        "Clearance: Ireland reported that Mauritania had declared completion.\n\n"
        "Victim assistance          Art. 5          Austria and Colombia¹          11MSP\n"
    )
    assert mandates(text) == {
        ("universalization", "FRA"),
        ("universalization", "PAN"),
        ("transparency", "ZMB"),
        ("victim-assistance", "AUT"),
        ("victim-assistance", "COL"),
    }


def test_co_coordinator_in_a_section_on_one_area() -> None:
    text = (
        "5.6 General Status and Operation of the Convention\n\n"
        "Zambia informed the Meeting that she would meet later with her co-Coordinator Germany.\n"
    )
    assert mandates(text) == {("general-status", "ZMB"), ("general-status", "DEU")}
