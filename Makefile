# Shortcuts for maintainers; the README's two set-up commands need none of this.
PY ?= .venv/bin/python
GA ?= .venv/bin/guide-assistant

.PHONY: test lint eval bench ingest serve

test:
	$(PY) -m pytest

lint:
	$(PY) -m ruff check . && $(PY) -m ruff format --check .

ingest:
	$(GA) ingest

eval: ingest
	$(GA) eval --out eval-out

bench:
	$(GA) bench
