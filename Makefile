# Two commands set up everything on a fresh machine: `make site` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
AUDITS := node_modules/.installed

.PHONY: site test lint check serve schema verify sweep bounds ci bench-build bench-verify bench-sweep bench-site clean

$(STAMP): requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --requirement requirements.txt
	touch $(STAMP)

# The audit tools the tests and the site benchmark run (axe-core, the Nu HTML Checker, Lighthouse),
# exactly as package-lock.json pins them; no install script runs (the checker uses Debian's Java).
$(AUDITS): package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $(AUDITS)

site: $(STAMP)        ## validate, generate docs/ and build site/ for every language
	$(PY) -m generator build

test: lint $(AUDITS) ## lint and types, then the whole test suite
	$(PY) -m pytest

lint: $(STAMP)        ## ruff (lint, import order, formatting) and mypy on generator/ and tests/
	$(VENV)/bin/ruff check --quiet generator tests
	$(VENV)/bin/ruff format --check --quiet generator tests
	$(VENV)/bin/mypy

check: $(STAMP)       ## validate matrix/ and the catalogs only
	@$(PY) -m generator check

serve: $(STAMP)       ## live preview; LOCALE=ru for another language
	$(PY) -m generator serve $(if $(LOCALE),--locale $(LOCALE))

verify: $(STAMP)      ## run every snippet in every runtime and refresh the committed report the site shows
	$(PY) -m generator verify --report matrix/verification.json

sweep: $(STAMP)       ## run every snippet with every TensorFlow and tensorflow_hub release pair; refresh matrix/sweep.json.gz
	$(PY) -m generator sweep

bounds: $(STAMP)      ## the version bounds the sweep supports, against those declared; `bounds --write` applies them
	$(PY) -m generator bounds

schema: $(STAMP)      ## regenerate matrix/schema/ after changing generator/matrix/model.py
	$(PY) -m generator schema

ci: $(STAMP)          ## write .github/workflows/site.yml from matrix/runtimes.yaml
	$(PY) -m generator ci

bench-build: $(STAMP) ## generator time and memory at 1x, 10x, 100x the matrix; its share of a full build
	$(PY) -m tests.benchmarks.build

bench-verify: $(STAMP) ## verification: cold and warm runs of the real matrix, against a floor, per-mode workers and a naive runner
	$(PY) -m tests.benchmarks.verify

bench-sweep: $(STAMP) ## a whole release sweep, cold, in a copy: wall time, time per runtime, peak disk and memory
	$(PY) -m tests.benchmarks.sweep

bench-site: $(STAMP) $(AUDITS) ## every language's build in sequence and side by side, search indexing, bytes a reader downloads, Lighthouse's scores
	$(PY) -m tests.benchmarks.site

clean:
	rm -rf $(VENV) .build site .runtimes node_modules
