# The two commands of the README: `make demo` and `make test`.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
SAMPLE ?= samples/accessible-map

.PHONY: setup demo serve test lint typecheck check clean

# The development environment: dpgkit with its web extra and every tool `make test` uses.
$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -e '.[dev]'
	touch $(VENV)/.installed-core $@

# What `make demo` needs: dpgkit itself, without the web app or the development tools.
$(VENV)/.installed-core: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -e .
	touch $@

setup: $(VENV)/.installed

demo: $(VENV)/.installed-core
	$(VENV)/bin/dpg assess $(SAMPLE) --answers $(SAMPLE)/dpg-answers.yaml || [ $$? -eq 1 ]

serve: setup
	$(VENV)/bin/dpg serve $(SERVE_ARGS)

lint: setup
	$(VENV)/bin/ruff check src tests bench tools
	$(VENV)/bin/ruff format --check src tests bench tools

typecheck: setup
	$(VENV)/bin/mypy

test: setup
	bash tools/run-tests.sh

check: lint typecheck test

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
