"""The explorer in Chromium on a small hand-made graph: script in the data never runs, the
source box names the rule that read a sentence, meeting pages show the Presidency and the
meetings convened under it, lists sort by number, documents go by their titles, years
without any record say so, pages speak plain words without repeated rows, and a phone can
use it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from ccm_graph.serve import app as serve

pytestmark = pytest.mark.browser

RULE_DESCRIPTION = "Reads a table of thematic areas and the States that coordinate them."
GRAPH = """
@prefix ccm: <https://w3id.org/ccm-graph/ontology#> .
@prefix id: <https://w3id.org/ccm-graph/id/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix org: <http://www.w3.org/ns/org#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix oa: <http://www.w3.org/ns/oa#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix schema: <https://schema.org/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix m: <https://w3id.org/ccm-graph/id/meeting/> .
@prefix mt: <https://w3id.org/ccm-graph/id/meeting-type/> .

<https://w3id.org/ccm-graph/id/state/AAA> a ccm:State ;
    skos:prefLabel "Atlantis <img src=x onerror=alert(1)>" ; skos:notation "AAA" ;
    owl:sameAs <javascript:alert(2)> ; rdfs:seeAlso <http://example.org/atlantis> .
<https://w3id.org/ccm-graph/id/state/BBB> a ccm:State ;
    skos:prefLabel "Borduria" ; skos:notation "BBB" .
<https://w3id.org/ccm-graph/id/area/va> a ccm:ThematicArea ;
    skos:prefLabel "Victim Assistance" ; skos:notation "va" ;
    skos:topConceptOf <https://w3id.org/ccm-graph/id/area> .
<https://w3id.org/ccm-graph/id/article/2> a ccm:Article ; ccm:articleNumber 2 ;
    dcterms:title "Definitions" .
<https://w3id.org/ccm-graph/id/article/3> a ccm:Article ; ccm:articleNumber 3 ;
    dcterms:title "Storage and stockpile destruction" .
<https://w3id.org/ccm-graph/id/article/10> a ccm:Article ; ccm:articleNumber 10 ;
    dcterms:title "Settlement of disputes" .
m:9msp ccm:meetingType mt:msp ;
    rdfs:label "9MSP" ; ccm:ordinal 9 .
m:12msp ccm:meetingType mt:msp ;
    rdfs:label "12MSP" ; ccm:ordinal 12 .
m:cc-2019-03-01 ccm:meetingType mt:cc ;
    schema:startDate "2019-03-01"^^xsd:date ;
    ccm:convenedUnder <https://w3id.org/ccm-graph/id/meeting/9msp> .
m:cc-2016-02-01 ccm:meetingType mt:cc ;
    schema:startDate "2016-02-01"^^xsd:date .
<https://w3id.org/ccm-graph/id/meeting-type/cc> skos:prefLabel "coordination committee meeting" .
<https://w3id.org/ccm-graph/id/presidency-role/president> skos:prefLabel "President" .
<https://w3id.org/ccm-graph/id/document/d1> a ccm:Document ; dcterms:identifier "d1" ;
    dcterms:title "Minutes of the Coordination Committee, 1 March 2019" ;
    rdfs:label "9TH MEETING" ; ccm:records <https://w3id.org/ccm-graph/id/meeting/cc-2019-03-01> .
<https://w3id.org/ccm-graph/id/document/d2> a ccm:Document ; dcterms:identifier "d2" ;
    dcterms:title "Minutes of the Coordination Committee, 1 February 2016" ;
    ccm:records <https://w3id.org/ccm-graph/id/meeting/cc-2016-02-01> .
<https://w3id.org/ccm-graph/id/rule/coordinators-table/1> a prov:Plan ;
    rdfs:label "coordinators-table" ; owl:versionInfo "1" ;
    dcterms:description "%(rule)s" .
"""
FACT = """
<https://w3id.org/ccm-graph/id/fact/%(doc)s/%(name)s> a %(kind)s ;
    org:member <https://w3id.org/ccm-graph/id/state/%(state)s> ; %(extra)s ;
    prov:wasDerivedFrom <https://w3id.org/ccm-graph/id/document/%(doc)s> ;
    prov:wasGeneratedBy <https://w3id.org/ccm-graph/id/rule/coordinators-table/1> ;
    ccm:evidence <https://w3id.org/ccm-graph/id/fact/%(doc)s/%(name)s/evidence> .
<https://w3id.org/ccm-graph/id/fact/%(doc)s/%(name)s/evidence> a oa:Annotation ;
    oa:hasTarget <https://w3id.org/ccm-graph/id/fact/%(doc)s/%(name)s/target> .
<https://w3id.org/ccm-graph/id/fact/%(doc)s/%(name)s/target>
    oa:hasSelector <https://w3id.org/ccm-graph/id/fact/%(doc)s/%(name)s/quote> .
<https://w3id.org/ccm-graph/id/fact/%(doc)s/%(name)s/quote> a oa:TextQuoteSelector ;
    oa:exact "%(quote)s" .
"""
MANDATE = "ccm:area <https://w3id.org/ccm-graph/id/area/va> ; ccm:termYear %s"
PRESIDENCY = (
    "ccm:msp <https://w3id.org/ccm-graph/id/meeting/9msp> ; "
    "ccm:presidencyRole <https://w3id.org/ccm-graph/id/presidency-role/president>"
)
HOSTILE_QUOTE = "Atlantis <b>coordinates</b> <script>alert(3)</script> victim assistance"
FACTS = [
    ("d1", "coordinator-1", "ccm:CoordinatorMandate", "AAA", MANDATE % 2019, HOSTILE_QUOTE),
    ("d1", "coordinator-2", "ccm:CoordinatorMandate", "AAA", MANDATE % 2019, "Atlantis again"),
    ("d2", "coordinator-3", "ccm:CoordinatorMandate", "BBB", MANDATE % 2016, "Borduria"),
    ("d1", "presidency-1", "ccm:PresidencyMandate", "BBB", PRESIDENCY, "Borduria presides"),
]


def hand_made_graph() -> str:
    text = GRAPH % {"rule": RULE_DESCRIPTION}
    for doc, name, kind, state, extra, quote in FACTS:
        values = {"doc": doc, "name": name, "kind": kind, "state": state, "extra": extra}
        text += FACT % {**values, "quote": quote}
    return text


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    graph = tmp_path_factory.mktemp("explorer") / "hand-made.ttl"
    graph.write_text(hand_made_graph(), encoding="utf-8")
    with serve.running(serve.ServeConfig(graph=graph, port=0, workers=1)) as url:
        yield url


def open_page(browser: Browser, base_url: str, width: int = 1280) -> tuple[Page, list[str]]:
    context = browser.new_context(base_url=base_url, viewport={"width": width, "height": 900})
    page = context.new_page()
    problems: list[str] = []
    page.on("pageerror", lambda error: problems.append(f"error: {error}"))
    page.on(
        "dialog", lambda dialog: (problems.append(f"dialog: {dialog.message}"), dialog.dismiss())
    )
    return page, problems


@pytest.fixture
def page(browser: Browser, base_url: str) -> Iterator[Page]:
    opened, problems = open_page(browser, base_url)
    yield opened
    opened.context.close()
    assert not problems, problems


def test_script_in_the_data_never_runs(browser: Browser, base_url: str):
    page, problems = open_page(browser, base_url)
    page.goto("/#/id/state/AAA")
    expect(page.locator("h1")).to_have_text("Atlantis <img src=x onerror=alert(1)>")
    assert page.locator("main img").count() == 0  # the label is text, not markup
    assert page.locator("a[href^='javascript' i]").count() == 0
    expect(page.locator("main")).to_contain_text("javascript:alert(2)")  # shown, not linked
    expect(page.locator("a[href='http://example.org/atlantis']")).to_have_count(1)
    page.goto("/#/id/area/va")
    atlantis_source(page).click()
    expect(page.locator("tr.evidence-row mark")).to_contain_text("<script>alert(3)</script>")
    assert page.locator("main script, main b").count() == 0
    page.goto("/#/id/%E0%A4%A")  # a hash that is not valid percent-encoding
    expect(page.locator("h1")).to_be_visible()
    page.goto("/#/query")
    expect(page.locator("#yasgui .CodeMirror")).to_be_visible()
    page.evaluate(
        "document.querySelector('#yasgui .CodeMirror').CodeMirror.setValue("
        "'SELECT ?x WHERE { BIND(<javascript:alert(4)> AS ?x) }')"
    )
    page.locator("#run-query").click()
    expect(page.locator(".row-count")).to_contain_text("1 row")
    cell = page.locator("#yasgui .yasr table tbody td").last
    expect(cell).to_contain_text("javascript:alert(4)")
    assert page.locator("#yasgui a[href^='javascript' i]").count() == 0
    cell.click()
    page.wait_for_timeout(300)
    page.context.close()
    assert not problems, problems


def atlantis_source(page: Page):
    """The first source button of Atlantis's 2019 row, read from document d1."""
    row = page.locator("table.facts").last.locator("tbody tr", has_text="2019")
    return row.locator("button.source").first


def test_the_source_box_names_the_rule(page: Page):
    page.goto("/#/id/area/va")
    atlantis_source(page).click()
    rule = page.locator("tr.evidence-row .rule")
    expect(rule).to_contain_text("coordinators-table")
    expect(rule).to_contain_text("version 1")
    expect(rule).to_contain_text(RULE_DESCRIPTION)


def test_a_meeting_page_shows_its_presidency_and_the_meetings_convened_under_it(page: Page):
    page.goto("/#/id/meeting/9msp")
    expect(page.locator("main h2", has_text="Presidency")).to_be_visible()
    presidency = page.locator("main h2:text-is('Presidency') + table")
    expect(presidency).to_contain_text("Borduria")
    expect(presidency).to_contain_text("President")
    convened = page.locator("main h2:has-text('convened under it') + table")
    expect(convened).to_contain_text("2019-03-01")


def test_lists_sort_by_number(page: Page):
    page.goto("/")
    # The home page fills its lists after its data arrive: wait for them, then read.
    expect(page.locator("section[data-kind='Article'] li")).to_have_count(3)
    expect(page.locator("section[data-kind='Meeting'] li").first).to_be_visible()
    articles = page.locator("section[data-kind='Article'] li").all_inner_texts()
    assert [text.split(":")[0] for text in articles] == ["Article 2", "Article 3", "Article 10"]
    meetings = page.locator("section[data-kind='Meeting'] li").all_inner_texts()
    assert meetings.index("9MSP") < meetings.index("12MSP")


def test_documents_go_by_their_titles(page: Page):
    page.goto("/#/id/area/va")
    atlantis_source(page).click()
    where = page.locator("tr.evidence-row .where")
    expect(where).to_contain_text("Minutes of the Coordination Committee, 1 March 2019")
    where.locator("a").click()
    expect(page.locator("h1")).to_have_text("Minutes of the Coordination Committee, 1 March 2019")
    expect(page.locator("h1")).not_to_have_text("9TH MEETING")


def test_years_without_any_record_say_so(page: Page):
    page.goto("/#/id/area/va")
    grid = page.locator(".timeline table")
    expect(grid.locator("thead th")).to_have_count(5)  # rendered: the label column and 4 years
    headers = grid.locator("thead th").all_inner_texts()[1:]
    assert headers == ["2016", "2017", "2018", "2019"]
    for year in ("2017", "2018"):
        expect(grid.locator(f"td[title='{year}: no record']")).to_have_count(2)
    expect(grid.locator("td.no-record").first).to_have_text("no record")
    assert grid.locator("td.on").count() == 2  # Borduria 2016, Atlantis 2019


def test_entity_pages_speak_plain_words_without_repeated_rows(page: Page):
    page.goto("/#/id/area/va")
    expect(page.locator(".badge")).to_have_text("Thematic area")
    terms = page.locator("dl.about dt").all_inner_texts()
    assert "Name" in terms and "Code" in terms
    for rdf_words in ("pref label", "notation", "top concept of", "actor"):
        assert rdf_words not in " ".join(terms).lower()
    rows = page.locator("table.facts").last.locator("tbody tr")
    expect(rows).to_have_count(2)  # Atlantis 2019 read twice: one row, two sources
    atlantis = rows.filter(has_text="2019")
    expect(atlantis.locator("button.source")).to_have_count(2)


def test_a_phone_can_use_it(browser: Browser, base_url: str):
    page, problems = open_page(browser, base_url, width=390)
    page.goto("/#/id/area/va")
    expect(page.locator("h1")).to_have_text("Victim Assistance")
    search = page.locator("#search-input")
    expect(search).to_be_visible()
    box = search.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390
    for name in ("Who works on what", "Queries", "SPARQL endpoint"):
        link = page.get_by_role("link", name=name)
        expect(link).to_be_visible()
        placed = link.bounding_box()
        assert placed is not None and placed["x"] + placed["width"] <= 390
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the page scrolls sideways: {width} px"
    page.context.close()
    assert not problems, problems
