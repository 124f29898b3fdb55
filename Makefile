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

test: setup
	command -v chromium >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium)
	command -v java >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless)
	$(BIN)/ruff check .
	$(BIN)/python -m pytest

clean:
	rm -rf build .pytest_cache
