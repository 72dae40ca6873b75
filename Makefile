# Nestwell — the two commands:
#   make run    set everything up and start the app (SQLite in ./data), prints the URL
#   make test   install the test needs and run the whole suite
# Also: make demo (run with demo households), make lint, make clean.

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
export NESTWELL_DATA_DIR ?= $(CURDIR)/data

.PHONY: run demo test lint browser bench clean messages compile-messages

$(VENV)/.python-ok:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Nestwell needs Python 3.11 or newer (found %s)" % sys.version.split()[0])'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	@touch $@

$(VENV)/.installed-run: pyproject.toml $(VENV)/.python-ok
	$(BIN)/pip install --quiet -e .
	@touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed-run
	$(BIN)/pip install --quiet -e ".[test]"
	@touch $@

run: $(VENV)/.installed-run
	$(BIN)/nestwell serve $(ARGS)

demo: $(VENV)/.installed-run
	$(BIN)/nestwell serve --demo $(ARGS)

browser:
	@scripts/install-browser.sh

lint: $(VENV)/.installed-test
	$(BIN)/ruff check .

# The suite runs in TEST_WORKERS processes (pytest-xdist). Most of a browser test's time is
# spent waiting for the page, so more workers than cores still shortens the run;
# TEST_WORKERS=0 runs everything in one process. Workers steal tests from each other
# (--dist worksteal), so a long test near the end does not leave three workers idle.
TEST_WORKERS ?= 4
test: $(VENV)/.installed-test browser lint
	$(BIN)/pytest -n $(TEST_WORKERS) $(if $(filter 0,$(TEST_WORKERS)),,--dist worksteal) $(PYTEST_ARGS)

# Benchmarks (docs/performance.md): make bench PROFILE=twins-3y DB=sqlite,postgres
PROFILE ?= twins-3y
DB ?= sqlite,postgres
bench: $(VENV)/.installed-test
	$(BIN)/python -m bench.run --profile $(PROFILE) --db $(DB) --out artifacts/bench-$(PROFILE).json

# Catalogues (docs/development.md, "Words in every language"): make messages needs GNU
# gettext (Debian: apt-get install gettext); compile-messages compiles each complete
# catalogue in Python. Only for changing words: running or testing Nestwell needs neither.
LOCALES ?= fr de es ar en_US
messages: $(VENV)/.installed-run
	cd nestwell && ../$(BIN)/python -m nestwell.cli manage makemessages --no-location --no-obsolete $(addprefix -l ,$(LOCALES))

compile-messages: $(VENV)/.installed-test
	$(BIN)/python scripts/compile-messages.py

clean:
	rm -rf $(VENV) artifacts .pytest_cache .ruff_cache
