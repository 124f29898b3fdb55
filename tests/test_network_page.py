"""The network page (`ccm-graph network`'s index.html) in a real browser: legend, links to
the explorer's entity pages, the year slider and its play button."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect
from test_analysis import GRAPH

from ccm_graph.analysis import networks as analysis
from ccm_graph.rdf import store

pytestmark = pytest.mark.browser
EXPLORER = "http://127.0.0.1:9/"  # only written into links: never loaded


@pytest.fixture(scope="module")
def page_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("network")
    (folder / "small.ttl").write_text(GRAPH, encoding="utf-8")
    facts = analysis.load_facts(store.open_store(folder / "small.ttl"))
    analysis.write_outputs(facts, folder / "out", EXPLORER)
    return folder / "out" / "index.html"


@pytest.fixture
def page(browser: Browser, page_file: Path) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    opened = context.new_page()
    errors: list[str] = []
    opened.on("pageerror", lambda error: errors.append(str(error)))
    opened.goto(page_file.as_uri())
    yield opened
    context.close()
    assert not errors, f"JavaScript errors on the page: {errors}"


def test_legend_names_the_colours(page: Page) -> None:
    legend = page.locator("#legend span")
    expect(legend.first).to_contain_text("community 1")  # co-coordination, by community
    page.get_by_role("button", name="actor-area").click()
    expect(legend).to_have_text(["area", "state"])  # a bipartite network, by kind


def test_nodes_link_to_their_entity_pages_in_the_explorer(page: Page) -> None:
    link = page.locator("#rows a", has_text="Aland")
    expect(link).to_have_attribute("href", f"{EXPLORER}#/id/state/AAA")
    page.locator("#rows tr", has_text="Borduria").click()
    expect(page.locator("#selected a")).to_have_attribute("href", f"{EXPLORER}#/id/state/BBB")


def test_the_year_slider_shows_one_year_and_plays_them_all(page: Page) -> None:
    count = page.locator("#count")
    expect(count).to_contain_text("3 nodes, 2 edges")
    slider = page.locator("#year")
    expect(slider).to_have_attribute("max", "3")  # 2016, 2017, 2018
    slider.evaluate("(s) => { s.value = '2'; s.dispatchEvent(new Event('input')); }")
    expect(page.locator("#yearShown")).to_have_text("2017")
    expect(count).to_contain_text("2 nodes, 1 edges")  # Aland and Carpania in 2017
    page.get_by_role("button", name="play").click()
    expect(page.locator("#yearShown")).to_have_text("2018", timeout=10_000)
