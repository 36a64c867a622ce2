# presslens: two commands do all set-up.  `make report`  and  `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
INPUT  ?= seeds
OUT    ?= reports

.PHONY: setup test unit notebooks report lab benchmark check-pins clean help

help:
	@echo "make report     analyze $(INPUT)/ and write $(OUT)/ (report.html, CSV tables, PNG charts)"
	@echo "make test       unit tests and notebook checks"
	@echo "make lab        open JupyterLab at the project root on notebooks/ (kernel \"Python (presslens)\")"
	@echo "make benchmark  run the speed and memory benchmarks (writes docs/performance.md)"
	@echo "make check-pins ask the package registry whether the pins install on Python 3.10 and 3.11.2"
	@echo "make setup      create .venv and install presslens (done automatically by the others)"

setup: $(STAMP)

# Exact pins: constraints.txt for Python 3.11.5+, where the stored notebook outputs were made;
# constraints-3.10.txt for 3.10 up to 3.11.4 (Debian 12's 3.11.2), where some of those cannot install.
PINS = $(shell $(PYTHON) -c 'import sys; print("constraints.txt" if sys.version_info >= (3, 11, 5) else "constraints-3.10.txt")')
KERNEL := presslens

$(STAMP): pyproject.toml constraints.txt constraints-3.10.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c $(PINS) -e '.[dev,scale,lab]'
	$(BIN)/python -m ipykernel install --sys-prefix --name $(KERNEL) --display-name "Python (presslens)" >/dev/null
	touch $(STAMP)

test: unit notebooks

# The unit tests in TEST_WORKERS processes, each test file in one of them (pytest-xdist).
TEST_WORKERS ?= 2

unit: $(STAMP)
	$(BIN)/python -m pytest -n $(TEST_WORKERS) --dist loadfile tests

notebooks: $(STAMP)
	$(BIN)/python -m pytest --nbval --nbval-current-env --nbval-sanitize-with notebooks/sanitize.cfg -p no:cacheprovider notebooks

report: $(STAMP)
	$(BIN)/presslens analyze $(INPUT) --out $(OUT)
	@echo "Open $(OUT)/report.html in a browser."

# JupyterLab at the project root (reports/ and src/presslens/data/ are in its file browser), opened on
# notebooks/; the "presslens" kernel (the notebooks' kernel) lives inside .venv, so `make clean` removes it.
# As root (a container) JupyterLab refuses to start without --allow-root.
LAB_OPTIONS = --ServerApp.root_dir="$(CURDIR)" --LabApp.default_url=/lab/tree/notebooks \
	$(if $(filter 0,$(shell id -u)),--allow-root)

lab: $(STAMP)
	$(BIN)/jupyter lab $(LAB_OPTIONS)

# Asks the package registry whether the pins install on Python 3.10 and 3.11.2 (make test never does).
check-pins: $(STAMP)
	PRESSLENS_CHECK_PINS=1 $(BIN)/python -m pytest tests/test_packaging.py -k resolve

benchmark: $(STAMP)
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf $(VENV) $(OUT) .pytest_cache .ipynb_checkpoints notebooks/.ipynb_checkpoints .virtual_documents
