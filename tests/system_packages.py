"""A pytest plugin: tests that need a Debian package (Chromium, Java) are marked `browser` or
`java`. Where the package is missing and cannot be installed (no root, not Debian), they are
skipped and the run ends with one line naming them and the command that installs what they
need. In CI (CI=true) nothing is skipped: CI installs both and runs every test."""

from __future__ import annotations

import os
import shutil
from collections import Counter
from pathlib import Path

import pytest

# marker -> (the program a test runs, the Debian package that has it, what it is called)
NEEDS = {
    "browser": ("chromium", "chromium", "Chromium"),
    "java": ("java", "default-jre-headless", "Java"),
}
NOT_RUN = pytest.StashKey[Counter]()
MISSING = pytest.StashKey[list]()


def missing_markers() -> list[str]:
    """The markers whose program is not on PATH."""
    return [marker for marker, (program, _, _) in NEEDS.items() if shutil.which(program) is None]


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:  # a test that drives Chromium is a browser test, marked or not
        if "browser" in getattr(item, "fixturenames", ()) and not item.get_closest_marker(
            "browser"
        ):
            item.add_marker(pytest.mark.browser)
    if os.environ.get("CI"):
        return
    missing = missing_markers()
    not_run: Counter = Counter()
    for item in items:
        marker = next((m for m in missing if item.get_closest_marker(m)), None)
        if marker is not None:
            _, package, name = NEEDS[marker]
            item.add_marker(pytest.mark.skip(reason=f"{name} is not installed ({package})"))
            not_run[(marker, Path(str(item.path)).name)] += 1
    config.stash[NOT_RUN] = not_run
    config.stash[MISSING] = missing


def pytest_terminal_summary(terminalreporter, config: pytest.Config) -> None:
    not_run = config.stash.get(NOT_RUN, Counter())
    if not not_run:
        return
    missing = config.stash.get(MISSING, [])
    tests = ", ".join(
        f"{count} {marker} tests in {module}" for (marker, module), count in sorted(not_run.items())
    )
    names = " and ".join(NEEDS[m][2] for m in missing)
    packages = " ".join(NEEDS[m][1] for m in missing)
    terminalreporter.write_line(
        f"not run: {tests} ({names} not installed; install with "
        f"`sudo apt-get install {packages}`, then run `make test` again)"
    )
