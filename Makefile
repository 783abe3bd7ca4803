# The two quick-start commands (see README): `make run` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PORT ?= 5000

.PHONY: run test install install-test lint

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

install: $(BIN)/python
	$(BIN)/pip install --quiet -e .

install-test: $(BIN)/python
	$(BIN)/pip install --quiet -e '.[test]'

## Install, create the demo data (idempotent) and start the app on the embedded defaults.
run: install
	$(BIN)/flask --app app demo
	$(BIN)/flask --app app serve --port $(PORT)

## Install everything the suite needs and run the whole suite (ruff first).
test: install-test
	if [ -f package-lock.json ] && command -v npm >/dev/null; then npm ci --no-audit --no-fund --silent; fi
	$(BIN)/ruff check .
	$(BIN)/pytest -q -n 2 -p no:cacheprovider $(PYTEST_ARGS)

lint: install-test
	$(BIN)/ruff check .
