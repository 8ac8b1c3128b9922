# Plenary's everyday commands. On a fresh clone `make run` and `make test` are all you need:
# both create .venv first. Run `make help` for the list.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

PORT ?= 8000
VENV := .venv
PYTHON := $(VENV)/bin/python
MANAGE := $(PYTHON) manage.py
RUFF := $(VENV)/bin/ruff
MYPY := $(VENV)/bin/mypy
# Every installed package's version, the transitive ones too; `make constraints` writes it.
CONSTRAINTS := constraints.txt
# Re-installs only when pyproject.toml or the constraints are newer than this file.
STAMP := $(VENV)/.installed
PIP_VERSION := 26.3
CHROMIUM := /usr/bin/chromium
# The suite runs on this many processes (pytest-xdist): `auto` is one per core, 0 runs it in one.
PYTEST_WORKERS ?= auto

.PHONY: help venv constraints migrate demo run test test-quick check-chromium check-migrations \
	lint types format bench messages clean distclean

help:
	@echo "make run      create .venv, migrate, load the demo meeting, serve on 127.0.0.1:\$$PORT ($(PORT))"
	@echo "make test     ruff, mypy, migrations check and the whole pytest suite, browser tests included"
	@echo "make test-quick  the same without the browser tests, for a machine without Chromium"
	@echo "make lint     ruff check and ruff format --check;  make types  mypy with django-stubs"
	@echo "make format   sort imports and format with ruff"
	@echo "make bench    serve the demo and a 300-presentation meeting under gunicorn; wrk figures vs budgets"
	@echo "make migrate  apply migrations;  make demo  load the demo meeting"
	@echo "make venv     create or update .venv;  make clean  remove caches and build files"
	@echo "make constraints  re-pin every dependency, transitive ones too, in $(CONSTRAINTS)"
	@echo "make messages  gather new interface strings into locale/*/django.po, then compile the .mo files"

venv: $(STAMP)

# Python 3.12 or newer: python3.13 or python3.12 on PATH, else a pyenv build. A pyenv shim on PATH
# answers `command -v` even when its version is not selected, so each candidate must really run.
$(STAMP): pyproject.toml $(CONSTRAINTS)
	@if ! $(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null; then \
	  rm -rf $(VENV); \
	  candidates="python3.13 python3.12"; \
	  if command -v pyenv >/dev/null 2>&1; then \
	    root="$$(pyenv root)"; \
	    candidates="$$candidates $$(ls -d "$$root"/versions/3.13*/bin/python 2>/dev/null | sort -rV) $$(ls -d "$$root"/versions/3.12*/bin/python 2>/dev/null | sort -rV)"; \
	  fi; \
	  python=""; \
	  for candidate in $$candidates; do \
	    if "$$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 12))' >/dev/null 2>&1; then \
	      python="$$candidate"; break; \
	    fi; \
	  done; \
	  if [ -z "$$python" ]; then \
	    echo "Plenary needs Python 3.12 or 3.13, and none was found (tried python3.13, python3.12" >&2; \
	    echo "on PATH and pyenv's versions/3.13* and 3.12*). Install one, for example with" >&2; \
	    echo "'pyenv install 3.13' or your system's python3.13 package, then run make again." >&2; \
	    exit 1; \
	  fi; \
	  echo "Creating $(VENV) with $$("$$python" --version) ($$python)"; \
	  "$$python" -m venv $(VENV); \
	fi
	@if ! $(PYTHON) -c 'import icu' 2>/dev/null && ! pkg-config --exists icu-i18n 2>/dev/null; then \
	  echo "PyICU (names sorted by each language's rules) builds against the system's ICU, and" >&2; \
	  echo "pkg-config finds none. On Debian or Ubuntu: apt-get install libicu-dev pkg-config g++" >&2; \
	  echo "(on macOS: brew install icu4c pkg-config), then run make again." >&2; \
	  exit 1; \
	fi
	$(PYTHON) -m pip install --quiet --disable-pip-version-check --upgrade pip==$(PIP_VERSION)
	$(PYTHON) -m pip install --quiet --disable-pip-version-check -c $(CONSTRAINTS) -e '.[dev]'
	@touch $(STAMP)

# After changing a dependency in pyproject.toml: resolves it afresh in a throw-away virtualenv
# (so nothing installed by hand in .venv slips in) and writes every version that pip chose.
constraints: venv
	@tmp="$$(mktemp -d)"; trap 'rm -rf "$$tmp"' EXIT; \
	$(PYTHON) -m venv "$$tmp/venv"; \
	"$$tmp/venv/bin/python" -m pip install --quiet --disable-pip-version-check --upgrade pip==$(PIP_VERSION); \
	"$$tmp/venv/bin/python" -m pip install --quiet --disable-pip-version-check -e '.[dev]'; \
	{ \
	  echo "# Every package that \`pip install -e '.[dev]'\` installs, at the version CI tests."; \
	  echo "# Used by \`make venv\` (pip install -c $(CONSTRAINTS) ...). Do not edit: run \`make constraints\`."; \
	  "$$tmp/venv/bin/python" -m pip freeze --exclude plenary; \
	} > $(CONSTRAINTS)
	@echo "Wrote $(CONSTRAINTS); run make venv to install it."

migrate: venv
	@mkdir -p var
	$(MANAGE) migrate --no-input

demo: migrate
	$(MANAGE) load_demo

# In DEBUG (the default) runserver serves static files itself: no collectstatic needed. Links in
# the mail it prints point at this server unless DJANGO_SITE_URL says otherwise.
# The background worker (file checks, mail) runs beside the server, its output in the same
# terminal; it stops when the server does (Ctrl-C), or the server when it stops.
run: venv migrate demo
	@$(MANAGE) fail_stalled_checks
	@$(MANAGE) db_worker --no-reload --interval 1 & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null || true' EXIT INT TERM; \
	DJANGO_SITE_URL="$${DJANGO_SITE_URL:-http://127.0.0.1:$(PORT)}" $(MANAGE) runserver 127.0.0.1:$(PORT)

check-chromium:
	@if [ ! -x $(CHROMIUM) ]; then \
	  echo "Browser tests need Debian's Chromium at $(CHROMIUM). Install it with:" >&2; \
	  echo "    apt-get install chromium      (as root; sudo apt-get install chromium otherwise)" >&2; \
	  exit 1; \
	fi

# The whole suite; DATABASE_URL (if set) picks the database, as everywhere else. The slowest
# tests are named at the end, so that a CI log shows where its minutes went.
test: venv check-chromium lint types check-migrations
	$(VENV)/bin/pytest -n $(PYTEST_WORKERS) --durations=15

# Everything but the browser tests: for a machine without Chromium.
test-quick: venv lint types check-migrations
	$(VENV)/bin/pytest -n $(PYTEST_WORKERS) -m "not browser"

check-migrations: venv
	@mkdir -p var
	$(MANAGE) makemigrations --check --dry-run

lint: venv
	$(RUFF) check .
	$(RUFF) format --check .

# The files mypy checks, and how strictly, are in [tool.mypy] in pyproject.toml.
types: venv
	$(MYPY)

format: venv
	$(RUFF) check --select I --fix .
	$(RUFF) format .

# Benchmarks live in bench/ (not collected by pytest). bench/serve.py is the main one: the site
# under gunicorn with production settings, measured with wrk, printed as one table against the
# budgets (README, "Scaling"); the others print their own figures. Each runs in its own throw-away
# database. `make bench BENCH=bench/serve.py` runs only the table.
BENCH ?= bench/serve.py bench/programme.py bench/slow_clients.py
bench: venv
	@for script in $(BENCH); do echo "== $$script"; $(PYTHON) "$$script"; done

# The interface catalogues (README, "Languages"): new strings are added to each .po untranslated,
# and the .mo files, committed with them, are compiled again. Needs GNU gettext (msgfmt).
LOCALES := ar zh_Hans fr ru es
messages: venv
	$(MANAGE) makemessages $(addprefix -l ,$(LOCALES)) --no-obsolete \
		--ignore=.venv --ignore=tests --ignore=bench --ignore=static --ignore=var
	$(MANAGE) compilemessages --ignore=.venv

clean:
	find . -path ./$(VENV) -prune -o -name __pycache__ -type d -prune -exec rm -rf {} +
	rm -rf .pytest_cache .ruff_cache .mypy_cache build *.egg-info test-results var/static

# Also removes the virtualenv and the local SQLite database and uploads.
distclean: clean
	rm -rf $(VENV) var/plenary.sqlite3 var/media
