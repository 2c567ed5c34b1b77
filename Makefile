# `make run` and `make test` are the whole set-up: each creates .venv when it is missing and
# installs what it needs into it. A stamp file per extra re-installs only when pyproject changes.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DB ?= $(or $(COACHKIT_DB),data/coachkit.duckdb)

.PHONY: run test demo clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed-run: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $@ $(VENV)/.installed-run

run: $(VENV)/.installed-run
	@test -e "$(DB)" || $(BIN)/coachkit --db "$(DB)" demo --samples data/samples
	COACHKIT_DB="$(DB)" $(BIN)/streamlit run app.py --server.port 8501 --server.address localhost

demo: $(VENV)/.installed-run
	$(BIN)/coachkit --db "$(DB)" demo --force --samples data/samples

test: $(VENV)/.installed-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache
	$(BIN)/python -m pytest

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis .import_linter_cache
