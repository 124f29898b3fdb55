# Two entry points: `make run` (set up, build the bundled corpus, show the summary)
# and `make test` (set up, lint, run the whole test suite).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run test test-fast lint setup clean

$(BIN)/ccm-graph: pyproject.toml
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

setup: $(BIN)/ccm-graph

run: setup
	$(BIN)/ccm-graph build corpus -o build/ccm.ttl

# Chromium and Java are installed when possible (root on Debian, as in CI); elsewhere the
# test run names the browser and Java tests it could not run, and how to install them.
test: setup
	@scripts/system-packages
	$(MAKE) lint
	$(BIN)/python -m pytest

# Lint, types, the architecture contract and dead code (pyproject.toml: importlinter, vulture).
lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check ccm_graph tests benchmarks scripts
	$(BIN)/mypy
	$(BIN)/lint-imports
	$(BIN)/vulture

# The unit tier, under 15 s: no corpus conversions, servers, browser or Java.
test-fast: setup
	$(BIN)/python -m pytest -m "not slow and not browser and not java"

clean:
	rm -rf build .pytest_cache
