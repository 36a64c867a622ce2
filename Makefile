# presslens: two commands do all set-up.  `make report`  and  `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
INPUT  ?= seeds
OUT    ?= reports

.PHONY: setup test unit notebooks report lab benchmark clean help

help:
	@echo "make report     analyze $(INPUT)/ and write $(OUT)/ (report.html, CSV tables, PNG charts)"
	@echo "make test       unit tests and notebook checks"
	@echo "make lab        open JupyterLab on notebooks/"
	@echo "make benchmark  run the speed and memory benchmarks (writes docs/performance.md)"
	@echo "make setup      create .venv and install presslens (done automatically by the others)"

setup: $(STAMP)

# Exact pins (constraints.txt) are for Python 3.11+, where the stored notebook outputs were made.
$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	@if $(BIN)/python -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then \
		$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[dev,scale]'; \
	else \
		echo "Python < 3.11: installing without exact pins (notebook outputs may differ slightly)"; \
		$(BIN)/python -m pip install --quiet -e '.[dev,scale]'; \
	fi
	touch $(STAMP)

test: unit notebooks

unit: $(STAMP)
	$(BIN)/python -m pytest tests

notebooks: $(STAMP)
	$(BIN)/python -m pytest --nbval --nbval-current-env --nbval-sanitize-with notebooks/sanitize.cfg -p no:cacheprovider notebooks

report: $(STAMP)
	$(BIN)/presslens analyze $(INPUT) --out $(OUT)
	@echo "Open $(OUT)/report.html in a browser."

lab: $(STAMP)
	$(BIN)/python -m ipykernel install --user --name presslens --display-name "Python (presslens)"
	$(BIN)/jupyter lab notebooks

benchmark: $(STAMP)
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf $(VENV) $(OUT) .pytest_cache
