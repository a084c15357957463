# Task Force Portal — the two commands a newcomer needs are `make run` and `make test`.
SHELL := /bin/bash
.DEFAULT_GOAL := help

# The first Python >= 3.12 found; pyenv's shims pick the version in .python-version.
PYTHON ?= $(shell for p in python3.13 python3.12 python3 python; do \
	command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null \
	&& { echo $$p; break; }; done)
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml requirements.lock | cksum | cut -d' ' -f1)
HOST ?= 127.0.0.1
PORT ?= 8000
# `make run` is for development on this machine; production sets its own environment.
RUN_ENV := DEBUG=$${DEBUG:-1}

.PHONY: help install run test lint fmt migrations-check messages bench e2e clean

help:
	@echo "make run               set everything up and serve the portal at http://$(HOST):$(PORT)/"
	@echo "make test              set everything up and run the whole test suite"
	@echo "make lint | fmt        ruff check and the layers (import-linter) | ruff format"
	@echo "make migrations-check  fail if a model change has no migration"
	@echo "make messages          update and compile the it/ru/en translation catalogues"
	@echo "make e2e               only the browser tests (Debian's Chromium: apt-get install chromium)"
	@echo "make bench             load test on demo data (wrk: apt-get install wrk); see docs/PERFORMANCE.md"

$(PY):
	@if [ -z "$(PYTHON)" ]; then \
		echo "error: no Python 3.12 or newer found. Install Python 3.13 (for example 'pyenv install 3.13')" >&2; \
		echo "       and run make again, or pass PYTHON=/path/to/python3.13." >&2; \
		exit 1; fi
	@echo "Creating the virtual environment with $$($(PYTHON) --version)…"
	$(PYTHON) -m venv $(VENV)

$(STAMP): $(PY) pyproject.toml requirements.lock
	@echo "Installing the pinned dependencies…"
	$(PY) -m pip install --quiet --disable-pip-version-check 'pip>=25.1'
	$(PY) -m pip install --quiet --disable-pip-version-check -c requirements.lock --group dev
	@rm -f $(VENV)/.installed-*
	@touch $(STAMP)

install: $(STAMP)

run: install
	@$(RUN_ENV) $(PY) manage.py migrate --noinput
	@$(RUN_ENV) $(PY) manage.py load_history
	@echo
	@echo "  The portal is at http://$(HOST):$(PORT)/  (back office: http://$(HOST):$(PORT)/admin/)"
	@echo "  To create a staff account, in another terminal run:"
	@echo "      DEBUG=1 $(PY) manage.py createsuperuser"
	@echo
	@$(RUN_ENV) $(PY) manage.py runserver $(HOST):$(PORT)

test: install
	$(PY) -m pytest

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports

fmt: install
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

migrations-check: install
	DEBUG=1 $(PY) manage.py makemigrations --check --dry-run

messages: install
	DEBUG=1 $(PY) manage.py makemessages --locale it --locale ru --locale en --no-obsolete \
		--ignore '.venv/*' --ignore 'staticfiles/*' --ignore 'tests/*'
	DEBUG=1 $(PY) manage.py compilemessages --ignore '.venv/*'

e2e: install
	$(PY) -m pytest tests/e2e

# Seeds the demo data sets into separate databases (bench/*.sqlite3, or <name>_bench_<scale>
# on the PostgreSQL server of DATABASE_URL), loads each page with wrk against gunicorn on
# 127.0.0.1, prints the table and writes bench/results/latest.json.
BENCH_ARGS ?=
bench: install
	@command -v wrk >/dev/null 2>&1 || { echo "wrk is not installed: apt-get install -y wrk" >&2; exit 1; }
	$(PY) bench/run.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache bench/staticfiles bench/*.sqlite3*
