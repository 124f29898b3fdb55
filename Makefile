# Two entry points: `make run` (set up, build the bundled corpus, show the summary)
# and `make test` (set up, lint, run the whole test suite).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run test setup clean

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
	$(BIN)/ruff check .
	$(BIN)/python -m pytest

clean:
	rm -rf build .pytest_cache
