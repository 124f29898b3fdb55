"""The web explorer in a real browser: Playwright driving Debian's Chromium (`make test` installs
it). Set CCM_SCREENSHOTS=docs/screenshots to also save the README's screenshots.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import Browser, Page, expect

from ccm_graph.serve import app as serve
from ccm_graph.serve import explorer

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
ID = "https://w3id.org/ccm-graph/id/"
VICTIM_ASSISTANCE = f"{ID}area/victim-assistance"


@pytest.fixture(scope="session")
def base_url(corpus_graph: Path) -> Iterator[str]:
    config = serve.ServeConfig(graph=corpus_graph, port=0, corpus=ROOT / "corpus")
    with serve.running(config) as url:
        yield url


@pytest.fixture
def page(browser: Browser, base_url: str) -> Iterator[Page]:
    context = browser.new_context(base_url=base_url, viewport={"width": 1280, "height": 900})
    opened = context.new_page()
    errors: list[str] = []
    opened.on("pageerror", lambda error: errors.append(str(error)))
    yield opened
    context.close()
    assert not errors, f"JavaScript errors on the page: {errors}"


def screenshot(page: Page, name: str) -> None:
    folder = os.environ.get("CCM_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"))


def api(base_url: str, path: str, **params: str) -> object:
    return httpx.get(f"{base_url}{path}", params=params, timeout=30).json()


def test_home_lists_the_thematic_areas(page: Page, base_url: str):
    page.goto("/")
    areas = page.locator("section[data-kind='Thematic area'] li a")
    expected = api(base_url, "/api/home")["kinds"]["Thematic area"]
    expect(areas).to_have_count(len(expected))
    screenshot(page, "home")


RESULT_ROWS = "#yasgui .yasr table tbody tr"


def editor_text(page: Page) -> str:
    return page.evaluate("document.querySelector('#yasgui .CodeMirror').CodeMirror.getValue()")


def set_editor_text(page: Page, text: str) -> None:
    expect(page.locator("#yasgui .CodeMirror")).to_be_visible()
    page.evaluate(
        "text => document.querySelector('#yasgui .CodeMirror').CodeMirror.setValue(text)", text
    )


def show_all_rows(page: Page) -> None:
    page.locator("#yasgui .yasr select.tableSizer").select_option("-1")


def test_run_a_named_query_and_see_its_rows(page: Page, base_url: str):
    page.goto("/#/query")
    page.get_by_role("link", name="coordinators", exact=True).click()
    rows = page.locator(RESULT_ROWS)
    expect(rows.first).to_be_visible()
    expected = httpx.get(
        f"{base_url}/sparql",
        params={"query": editor_text(page)},
        timeout=30,
    ).json()["results"]["bindings"]
    assert expected, "the coordinators query finds rows in the bundled corpus"
    show_all_rows(page)
    expect(rows).to_have_count(len(expected))
    expect(page.locator(".row-count")).to_contain_text(f"{len(expected)} rows")
    href = page.locator("#download-csv").get_attribute("href")
    csv_text = httpx.get(f"{base_url}{href}", timeout=30).text
    assert len(csv_text.strip().splitlines()) == len(expected) + 1
    screenshot(page, "query")


def test_an_edited_query_with_a_syntax_error_is_shown_plainly(page: Page):
    page.goto("/#/query/coordinators")
    expect(page.locator(RESULT_ROWS).first).to_be_visible()
    set_editor_text(page, "SELECT * WHERE { ?s ?p }")
    page.locator("#run-query").click()
    error = page.get_by_role("alert")
    expect(error).to_contain_text("400")
    expect(error).to_contain_text("syntax error")


def test_the_editor_highlights_sparql(page: Page):
    page.goto("/#/query/coordinators")
    keywords = page.locator("#yasgui .CodeMirror .cm-keyword")
    expect(keywords.first).to_be_visible()
    assert "SELECT" in [text.upper() for text in keywords.all_inner_texts()]
    color = keywords.first.evaluate("node => getComputedStyle(node).color")
    plain = page.locator("#yasgui .CodeMirror pre").first.evaluate(
        "node => getComputedStyle(node).color"
    )
    assert color != plain  # the keyword is coloured, not just tagged


def test_page_through_a_long_result(page: Page, base_url: str):
    page.goto("/#/query")
    set_editor_text(page, "SELECT ?s ?p ?o WHERE { ?s ?p ?o } ORDER BY ?s ?p ?o LIMIT 120")
    page.locator("#run-query").click()
    rows = page.locator(RESULT_ROWS)
    expect(page.locator(".row-count")).to_contain_text("120 rows")
    expect(rows).to_have_count(50)  # YASR's first page
    first_page = rows.first.inner_text()
    page.locator(
        "#yasgui .yasr .paginate_button.next, #yasgui .yasr .dt-paging-button.next"
    ).first.click()
    expect(rows.first).not_to_have_text(first_page)
    expect(rows).to_have_count(50)


def test_reopening_the_page_finds_the_last_query(page: Page):
    page.goto("/#/query")
    mine = "SELECT ?area WHERE { ?area a <https://w3id.org/ccm-graph/ontology#ThematicArea> }"
    set_editor_text(page, mine)
    page.locator("#run-query").click()
    expect(page.locator(".row-count")).to_be_visible()
    page.goto("/")
    page.goto("/#/query")
    expect(page.locator("#yasgui .CodeMirror")).to_be_visible()
    assert editor_text(page) == mine


def test_search_a_state_and_open_its_page(page: Page, base_url: str):
    first = api(base_url, "/api/search", q="Germ")[0]
    page.goto("/")
    page.locator("#search-input").press_sequentially("Germ", delay=30)
    suggestion = page.locator("#suggestions li a").first
    expect(suggestion).to_contain_text(first["label"])
    suggestion.click()
    expect(page.locator("h1")).to_have_text(first["label"])
    expect(page.locator(".badge")).to_have_text("State")  # a word, not "actor"
    titles = [title for title, _ in explorer.ENTITY_SECTIONS["actor"]]
    expect(page.locator("main h2")).to_have_text(titles)
    screenshot(page, "state")


@pytest.mark.parametrize(
    ("earlier", "typed", "opened"), [("Zambia", "Chile", "Chile"), ("Andorra", "Irland", "Ireland")]
)
def test_enter_opens_what_the_box_says(page: Page, earlier: str, typed: str, opened: str):
    page.goto("/")
    box = page.locator("#search-input")
    box.press_sequentially(earlier, delay=30)
    expect(page.locator("#suggestions li a").first).to_contain_text(earlier)  # a list on screen
    box.press("Control+A")
    page.keyboard.type(typed)  # fast: the list still shows what was found for the older text
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_have_text(opened)


def test_follow_a_fact_to_its_quoted_source(page: Page, base_url: str):
    entity = api(base_url, "/api/entity", iri=VICTIM_ASSISTANCE)
    first_fact = entity["sections"][0]["rows"][0]["fact"]["value"]
    source = entity["evidence"][first_fact]
    page.goto("/#/id/area/victim-assistance")
    page.locator("button.source").first.click()
    quote = page.locator("tr.evidence-row blockquote mark")
    expect(quote).to_have_text(source["exact"])
    screenshot(page, "source")
    page.locator("tr.evidence-row .where a").click()
    expect(page.locator("pre.document mark")).to_have_text(source["exact"])
    expect(page.locator(".badge")).to_have_text("Document")
    screenshot(page, "document")


def test_who_coordinated_victim_assistance_since_2016_in_three_clicks(page: Page, base_url: str):
    """The key story: from the home page, three clicks to the coordinators, their
    representatives and the sentence that says so."""
    entity = api(base_url, "/api/entity", iri=VICTIM_ASSISTANCE)
    since = [
        row
        for row in entity["sections"][0]["rows"]
        if row.get("year") and int(row["year"]["value"]) >= 2016
    ]
    assert since, "the bundled corpus names victim assistance coordinators since 2016"
    page.goto("/")
    page.get_by_role("link", name=entity["label"], exact=True).click()  # 1
    page.locator("#since").select_option("2016")  # 2
    table = page.locator("table.facts").last
    expect(table.locator("tbody tr")).to_have_count(len(since))
    for row in since:
        expect(table).to_contain_text(entity["labels"][row["coordinator"]["value"]])
        if row.get("representative"):
            expect(table).to_contain_text(entity["labels"][row["representative"]["value"]])
    table.locator("button.source").first.click()  # 3
    expect(page.locator("tr.evidence-row mark")).not_to_be_empty()
    screenshot(page, "victim-assistance")


def test_meeting_page_links_to_the_next_meeting(page: Page, base_url: str):
    meetings = [m for m in api(base_url, "/api/home")["meetings"] if m.get("date")]
    assert len(meetings) >= 2
    page.goto(f"/#/id/{meetings[0]['iri'].removeprefix(ID)}")
    page.locator("a[rel=next]").click()
    expect(page.locator("h1")).to_have_text(meetings[1]["label"])
    expect(page.locator("a[rel=prev]")).to_contain_text(meetings[0]["label"])
    screenshot(page, "meeting")
