# Every target creates .venv on first use and installs the locked dependency set
# (requirements.lock, with hashes) and then the project into it, so a fresh machine
# needs nothing but Python 3.11 (and, for `samples`, Debian's Android build tools:
# see samples/README.md). An upstream release cannot change what `make test` runs
# until `make lock` is run and the new lock committed; `make test-latest` tries the
# newest releases in a separate venv to see such drift early.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo test test-latest lock bench fuzz eval eval-realpairs eval-app350 samples lint clean

LOCK        := requirements.lock
LATEST_VENV := .venv-latest
LOCK_VENV   := .venv-lock

$(STAMP): pyproject.toml $(LOCK)
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r $(LOCK)
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $(STAMP)

# Regenerate the lock from pyproject.toml (runtime + dev), with hashes.
lock:
	test -x $(LOCK_VENV)/bin/python || $(PYTHON) -m venv $(LOCK_VENV)
	$(LOCK_VENV)/bin/python -m pip install --quiet pip-tools
	$(LOCK_VENV)/bin/pip-compile --quiet --upgrade --allow-unsafe --extra=dev --generate-hashes \
		--no-emit-find-links --no-emit-index-url --strip-extras --output-file=$(LOCK) pyproject.toml

# The suite against the newest releases of every dependency, in its own venv.
test-latest:
	rm -rf $(LATEST_VENV)
	$(PYTHON) -m venv $(LATEST_VENV)
	$(LATEST_VENV)/bin/python -m pip install --quiet --upgrade --upgrade-strategy eager -e '.[dev]'
	$(LATEST_VENV)/bin/python -m pip list --format=freeze > $(LATEST_VENV)/versions.txt
	$(LATEST_VENV)/bin/python -m pytest -q -p no:cacheprovider

demo: $(STAMP)
	$(BIN)/consistency inspect samples/walkie/walkie.apk
	@echo
	$(BIN)/consistency check samples/walkie/walkie.apk samples/walkie/policy.md \
		--format html --output walkie-report.html --no-timestamp || true
	$(BIN)/consistency check samples/walkie/walkie.apk samples/walkie/policy.md --no-timestamp || true
	@echo
	@echo "The Data safety form, three ways (chatter's form has planted mismatches):"
	$(BIN)/consistency check samples/chatter/chatter.apk samples/chatter/policy.html \
		--data-safety samples/chatter/datasafety.csv --no-timestamp --fail-on none
	@echo
	@echo "HTML report written to $(CURDIR)/walkie-report.html"

test: $(STAMP)
	$(BIN)/python -m pytest -q

bench: $(STAMP)
	$(BIN)/python -m bench

# Every fuzz target (tests/fuzz) with a budget adding up to 100,000 inputs or more
# (CONSISTENCY_FUZZ_EXAMPLES per target); prints crashes, hangs (> 2 s) and peak memory.
# About 20 minutes of one core; `make test` runs the same targets with a small budget.
fuzz: $(STAMP)
	$(BIN)/python -m bench.fuzz

eval: $(STAMP)
	$(BIN)/python -m tools.evaluate tests/data/policies

# Reviewer checks on real app + policy pairs (tests/data/realpairs.yaml): the shared
# pairs plus your own in DIR (folders <pair id>/app.apk + policy.*, never committed).
DIR ?= ../corpora/realpairs
eval-realpairs: $(STAMP)
	$(BIN)/python -m tools.realpairs ../shared/corpus/pairs $(DIR)

# APP-350 (research licence, never committed): APP350=path/to/APP_350_v1_1
eval-app350: $(STAMP)
	@test -n "$(APP350)" || { echo "usage: make eval-app350 APP350=DIR" >&2; exit 2; }
	$(BIN)/python -m tools.eval_app350 "$(APP350)"

samples: $(STAMP)
	bash samples/build.sh

lint: $(STAMP)
	$(BIN)/ruff check consistency tests bench tools
	$(BIN)/ruff format --check consistency tests bench tools

clean:
	rm -rf $(VENV) $(LATEST_VENV) $(LOCK_VENV) build dist *.egg-info .pytest_cache walkie-report.html
