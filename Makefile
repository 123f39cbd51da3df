# Mitra: `make run` serves the demo on SQLite; `make test` runs every check. `make help` lists all.
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
# The second test pass runs on PostgreSQL; set MITRA_SKIP_POSTGRES=1 to opt out explicitly.
TEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/test
export TEST_DATABASE_URL_DEFAULT := $(TEST_DATABASE_URL)

# First interpreter of 3.12+ found: python3.13, python3.12, pyenv's, then python3.
PYTHON := $(shell for c in python3.13 python3.12 /root/.pyenv/versions/3.13*/bin/python3 /root/.pyenv/versions/3.12*/bin/python3 python3; do \
	p=$$(command -v $$c 2>/dev/null) || continue; \
	$$p -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)' 2>/dev/null && { echo $$p; break; }; done)

.PHONY: help venv deps assets translations migrate reference demo setup run test lint fmt check \
	test-sqlite test-postgres api-fuzz e2e bench loadtest messages lock extract-eval services chromium

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-14s %s\n", $$1, $$2}'

$(VENV)/.created:
	@if [ -z "$(PYTHON)" ]; then echo "Mitra needs Python 3.12 or newer. Install it (Debian 13: apt-get install python3.13 python3.13-venv; or pyenv install 3.12) and run make again." >&2; exit 1; fi
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	touch $@

$(VENV)/.deps: $(VENV)/.created requirements/base.txt requirements/dev.txt
	$(PY) -m pip install --quiet -r requirements/dev.txt
	touch $@

venv: $(VENV)/.created
deps: $(VENV)/.deps ## Create .venv and install pinned dependencies

node_modules/.installed: package.json package-lock.json
	@command -v npm >/dev/null || { echo "npm is missing: apt-get install -y nodejs npm" >&2; exit 1; }
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

assets: node_modules/.installed ## Install Bootstrap and htmx from the npm registry

translations: deps ## Compile the .po files (needs GNU gettext's msgfmt)
	@command -v msgfmt >/dev/null || { echo "Installing gettext (msgfmt)…"; apt-get install -y -qq gettext >/dev/null || { echo "msgfmt is missing: apt-get install gettext" >&2; exit 1; }; }
	$(PY) manage.py compilemessages --ignore=.venv --ignore=node_modules -v 0

migrate: deps
	$(PY) manage.py migrate --no-input -v 0
	$(PY) manage.py createcachetable

reference: migrate ## Load regions, government bodies and sectors (idempotent)
	$(PY) manage.py load_reference

demo: reference ## Load the canonical story, a spread of records and demo users (idempotent)
	$(PY) manage.py load_demo

setup: deps assets translations demo ## Everything `run` does, without serving
	$(PY) manage.py collectstatic --no-input -v 0

run: setup ## Set up and serve Mitra with demo data at http://127.0.0.1:$(PORT)
# DEBUG off (DJANGO_DEBUG=1 turns it on): the friendly 404/500 pages, not Django's technical
# ones; WhiteNoise serves the static files collected by `setup`.
	@echo "Mitra: http://127.0.0.1:$(PORT)/  (PORT=… changes the port; the task worker runs beside it and prints the emails)"
	@export MITRA_SITE_URL=$${MITRA_SITE_URL:-http://127.0.0.1:$(PORT)}; \
		export DJANGO_DEBUG=$${DJANGO_DEBUG:-0}; \
		$(PY) manage.py task_worker --no-startup-delay & worker=$$!; \
		trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
		$(PY) manage.py runserver 127.0.0.1:$(PORT)

lint: deps ## ruff (lint and format check), the import contracts (.importlinter) and mypy
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports --no-cache
	$(VENV)/bin/mypy mitra

fmt: deps ## Fix lint and formatting
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

check: deps assets translations ## Migrations complete, deploy checks, translations complete
	$(PY) manage.py makemigrations --check --dry-run -v 1
	DJANGO_SETTINGS_MODULE=config.settings.production DJANGO_SECRET_KEY=check-deploy-$$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n') \
		DJANGO_ALLOWED_HOSTS=mitra.example.go.id $(PY) manage.py check --deploy --fail-level WARNING
	$(PY) scripts/check_translations.py locale/id/LC_MESSAGES/django.po

services: ## Make sure PostgreSQL answers (starts the local cluster when it can)
	@bash scripts/ensure_postgres.sh

test-sqlite: deps assets translations ## The test suite on SQLite
	$(PY) -m pytest -q -p no:cacheprovider --ignore=e2e

test-postgres: deps assets translations ## The test suite on PostgreSQL (TEST_DATABASE_URL)
	@if [ "$(MITRA_SKIP_POSTGRES)" = "1" ]; then echo "PostgreSQL pass skipped: MITRA_SKIP_POSTGRES=1 was set."; else \
		bash scripts/ensure_postgres.sh && TEST_DATABASE_URL=$(TEST_DATABASE_URL) $(PY) -m pytest -q -p no:cacheprovider --ignore=e2e; fi

chromium: ## Install Debian's Chromium for the browser tests when it is missing
	@command -v /usr/bin/chromium >/dev/null || { echo "Installing Debian's chromium…"; apt-get update -qq && apt-get install -y -qq chromium >/dev/null; }

e2e: deps assets translations chromium ## Browser tests in Debian's Chromium (Playwright)
	$(PY) -m pytest -q -p no:cacheprovider e2e

test: lint check test-sqlite test-postgres api-fuzz e2e ## Every check: lint, migrations, deploy, i18n, SQLite, PostgreSQL, API fuzz, browser
	@echo "make test: all checks passed."

api-fuzz: deps translations ## schemathesis against the live demo app (officer, anonymous): 0 5xx, 0 schema violations
	$(PY) scripts/api_fuzz.py $(FUZZ_ARGS)

bench: deps assets translations ## National-scale benchmark → bench/results/latest.json
	$(PY) bench/run.py $(BENCH_ARGS)

loadtest: deps assets translations ## Throughput under wrk (gunicorn, PostgreSQL bench data) → bench/results/load.json
	$(PY) scripts/loadtest.py

extract-eval: deps ## Score the extractor on the press dev set: tuned part, set-aside part, gap
	$(PY) scripts/extract_eval.py ../shared/data/press/dev

messages: deps ## Refresh locale/id/LC_MESSAGES/django.po from the code (msgstrs kept), then check it
	$(PY) manage.py makemessages -l id --no-location --ignore=.venv --ignore=node_modules --ignore=staticfiles --ignore=e2e --ignore=bench
	$(PY) scripts/check_translations.py locale/id/LC_MESSAGES/django.po

.PHONY: openapi
openapi: deps ## Rewrite the OpenAPI snapshot docs/api/openapi.yaml (commit it with API changes)
	DJANGO_SETTINGS_MODULE=config.settings.test $(PY) manage.py spectacular --lang en --validate \
		--fail-on-warn --file docs/api/openapi.yaml

lock: ## Re-resolve requirements/*.txt from requirements/*.in
	bash scripts/lock.sh
