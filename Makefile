# Every target creates .venv on first use and installs the project into it,
# so a fresh machine needs nothing but Python 3.10+ (and, for `samples`, Debian's
# Android build tools: see samples/README.md).

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo test bench eval samples lint clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/consistency inspect samples/walkie/walkie.apk
	@echo
	$(BIN)/consistency check samples/walkie/walkie.apk samples/walkie/policy.md \
		--format html --output walkie-report.html --no-timestamp || true
	$(BIN)/consistency check samples/walkie/walkie.apk samples/walkie/policy.md --no-timestamp || true
	@echo
	@echo "HTML report written to $(CURDIR)/walkie-report.html"

test: $(STAMP)
	$(BIN)/python -m pytest -q

bench: $(STAMP)
	$(BIN)/python -m bench

eval: $(STAMP)
	$(BIN)/python -m consistency.policy.evaluate tests/data/policies

samples: $(STAMP)
	bash samples/build.sh

lint: $(STAMP)
	$(BIN)/ruff check consistency tests bench
	$(BIN)/ruff format --check consistency tests bench

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache walkie-report.html
