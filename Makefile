# The two commands: `make demo` and `make test`. Both work on a fresh machine
# with only Python 3.11+ and pip: they create .venv and install into it.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test

.PHONY: demo test test-fast bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(TEST_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $@ $(STAMP)

demo: $(STAMP)
	$(BIN)/actornet demo --out out

# The whole suite: unit tests, doctests of the library modules, CLI tests.
# pytest exits 5 when it collected no tests; make then fails, as it should.
test: $(TEST_STAMP)
	@$(BIN)/python -m pytest; status=$$?; \
	if [ $$status -eq 5 ]; then echo "make test: no tests were collected; that is a failure" >&2; fi; \
	exit $$status

# Everything but the slow integration and browser tests.
test-fast: $(TEST_STAMP)
	$(BIN)/python -m pytest -m "not neo4j and not browser"

bench: $(STAMP)
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf $(VENV) out .pytest_cache *.egg-info
