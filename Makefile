# The few commands people type. The virtual environment lives in .venv/ at the repo root.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1
export HF_HUB_DISABLE_TELEMETRY := 1
export ORT_DISABLE_TELEMETRY := 1
export TOKENIZERS_PARALLELISM := false
export ANONYMIZED_TELEMETRY := False

.PHONY: install run test bench lint clean judge-model injection-model

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# torch first, pinned to the CPU build on this machine's disk; otherwise pip pulls a multi-GB CUDA build.
# constraints.txt pins every package to the versions tested, so each machine exports and runs the same models.
$(VENV)/.installed: pyproject.toml constraints.txt | $(BIN)/python
	$(BIN)/pip install --quiet torch==2.13.0
	$(BIN)/pip install --quiet -c constraints.txt -e '.[test,bench]'
	touch $@

install: $(VENV)/.installed

run: install
	$(BIN)/manysides ingest --if-empty samples
	$(BIN)/streamlit run streamlit_app.py

test: install
	$(BIN)/python -m pytest

# Every benchmark in turn (about an hour here); each prints its figures, and says SKIPPED without ../shared/data.
bench: install
	for script in ingest embedding_quality retrieval latency answer summaries compare judge injection llm_server; do $(BIN)/python bench/$$script.py || exit 1; done

# Retrain the bundled pair judge (bot/judge_model/) from ../shared/data: about 40 minutes on 2 cores. CI never runs it.
judge-model: install
	$(BIN)/python train/judge.py --out bot/judge_model

# Retrain the injection screen's classifier (index/injection_model.json) from generated sentences and ../shared/data:
# under a minute on 2 cores. CI never runs it.
injection-model: install
	$(BIN)/python train/injection.py --out index/injection_model.json

lint: install
	$(BIN)/python -m ruff check index bot tests bench train streamlit_app.py
	$(BIN)/python -m mypy index bot

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache build *.egg-info
