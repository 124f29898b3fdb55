"""Where Chromium or Java is missing, the test run says which tests it could not run and how
to install what they need, in one line; in CI it runs them all (and they fail if missing)."""

from __future__ import annotations

import pytest

NEEDY_TESTS = """
import pytest

@pytest.mark.browser
def test_a_page():
    pass

@pytest.mark.java
def test_reasoning():
    pass

def test_plain():
    pass

@pytest.fixture
def browser():
    return "a browser"

def test_a_page_by_its_fixture(browser):
    pass
"""


@pytest.fixture
def no_programs(pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch) -> pytest.Pytester:
    monkeypatch.setenv("PATH", str(pytester.mkdir("empty-bin")))  # no chromium, no java
    monkeypatch.delenv("CI", raising=False)
    pytester.makepyfile(test_needy=NEEDY_TESTS)
    return pytester


def test_missing_packages_skip_their_tests_and_say_so_in_one_line(no_programs) -> None:
    result = no_programs.runpytest("-p", "system_packages")
    result.assert_outcomes(passed=1, skipped=3)
    lines = [line for line in result.outlines if line.startswith("not run:")]
    assert lines == [
        "not run: 2 browser tests in test_needy.py, 1 java tests in test_needy.py "
        "(Chromium and Java not installed; install with "
        "`sudo apt-get install chromium default-jre-headless`, then run `make test` again)"
    ]


def test_ci_runs_every_test_even_when_a_package_is_missing(
    no_programs, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CI", "true")
    result = no_programs.runpytest("-p", "system_packages")
    result.assert_outcomes(passed=4)
    assert not [line for line in result.outlines if line.startswith("not run:")]


def test_nothing_is_said_when_everything_is_installed(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    programs = pytester.mkdir("bin")
    for name in ("chromium", "java"):
        (programs / name).write_text("#!/bin/sh\n")
        (programs / name).chmod(0o755)
    monkeypatch.setenv("PATH", str(programs))
    monkeypatch.delenv("CI", raising=False)
    pytester.makepyfile(test_needy=NEEDY_TESTS)
    result = pytester.runpytest("-p", "system_packages")
    result.assert_outcomes(passed=4)
    assert not [line for line in result.outlines if line.startswith("not run:")]
