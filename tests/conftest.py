"""Shared test helpers: extract facts from a snippet, and the bundled corpus built once."""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from ccm_graph.extract import extract_document
from ccm_graph.model import Fact, SourceDocument

pytest_plugins = ["pytester", "system_packages"]

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"


def document(text: str, doc_id: str = "snippet") -> SourceDocument:
    return SourceDocument(doc_id, f"{doc_id}.txt", text, hashlib.sha256(text.encode()).hexdigest())


def facts(text: str | SourceDocument, kind: type[Fact]) -> list[Fact]:
    """The facts of one kind that the whole extractor finds in `text` (or a document)."""
    source = document(text) if isinstance(text, str) else text
    return [f for f in extract_document(source).facts if isinstance(f, kind)]


@pytest.fixture(scope="session")
def corpus_graph(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled corpus built once through the public API, as a Turtle file."""
    from ccm_graph import api

    output = tmp_path_factory.mktemp("build") / "ccm.ttl"
    api.build(CORPUS, output)
    return output


# Chromium runs as root here, with no network but loopback: no sandbox, no background calls.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Debian's Chromium driven by Playwright, one for every browser test module (two sync
    Playwright sessions cannot run at once)."""
    from playwright.sync_api import sync_playwright

    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    assert Path(chromium).exists(), "Debian's chromium is missing: `make test` installs it"
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        yield launched
        launched.close()
