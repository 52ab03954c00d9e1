# Tindak Lanjut Rakor — the README's commands.
#   make run    install, migrate, load the demo, start the web server and a huey consumer
#   make test   install what the tests need and run the whole suite
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install migrate demo run test lint format check messages clean bench bench-smoke bench-sweep eval-minutes

$(STAMP): pyproject.toml requirements.lock
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 11) else "Python 3.11 diperlukan (ditemukan %s)" % sys.version.split()[0])'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --constraint requirements.lock --editable ".[test]"
	@touch $(STAMP)

install: $(STAMP)

var:
	@mkdir -p var

messages: install
	$(BIN)/python scripts/compilemessages.py

migrate: install var messages
	$(BIN)/python manage.py migrate --noinput

demo: migrate
	$(BIN)/python manage.py load_demo
	$(BIN)/python manage.py run_sweep

run: demo
	@echo
	@echo "  Tindak Lanjut Rakor berjalan di http://$(HOST):$(PORT)"
	@echo "  (kata sandi semua akun demo: rakor2026; Ctrl+C untuk berhenti)"
	@echo
	@$(BIN)/python manage.py run_huey --quiet & huey_pid=$$!; \
	  trap 'kill $$huey_pid 2>/dev/null' EXIT INT TERM; \
	  $(BIN)/python manage.py runserver $(HOST):$(PORT)

test: install var messages
	$(BIN)/python -m pytest

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

check: install
	$(BIN)/python manage.py check
	$(BIN)/python manage.py makemigrations --check --dry-run

# Benchmarks write their figures to docs/benchmarks.md. BENCH_ARGS passes options through,
# e.g. make bench-sweep BENCH_ARGS="--cases 10000 --idle-cases 100000".
bench-sweep: install var
	$(BIN)/python bench/sweep.py $(BENCH_ARGS)

# The scale benchmark (issue 9): 10,000 vs 1,000,000 cases and 2M vs 20M history rows on
# PostgreSQL (DATABASE_URL), 10,000 vs 100,000 cases on SQLite. Writes docs/benchmarks.md.
bench: install var messages
	$(BIN)/python bench/scale.py $(BENCH_ARGS)

# The same at a tiny size: checks that every measurement runs; writes nothing (CI).
bench-smoke: install var messages
	$(BIN)/python bench/scale.py --smoke > /dev/null

clean:
	rm -rf $(VENV) var/test-media .pytest_cache

# Precision and recall of directive detection and lead accuracy of the minutes parser on
# the labelled set; offline. Writes the figures into docs/minutes.md.
eval-minutes: install
	$(BIN)/python -m rakor.minutes.evaluate tests/data/minutes --write docs/minutes.md
