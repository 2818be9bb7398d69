# Two commands on a fresh machine (python3, pip and cargo): `make run` and `make test`.
# Both create .venv when it is missing and reuse it when it is there.

VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.deps-installed
CAMEL := camel-tools==1.6.0

PYTHON_DIRS := python tests benches scripts
# MkDocs 1.6 prints a notice about its successor on every build; the build itself is the same.
MKDOCS := NO_MKDOCS_2_WARNING=1 $(VENV)/bin/mkdocs

.PHONY: run test test-slow fuzz bench notebooks notebooks-clean build lint typecheck docs \
	docs-serve tables fmt clean help

help:
	@echo "make run        build kalima (release) and run the demo on the bundled sample corpus"
	@echo "make test       build, then fmt, clippy, ruff, mypy, stubtest, cargo test, pytest (with the"
	@echo "                README's and docs' examples) and make docs; about 6-8 minutes on 2 cores"
	@echo "make test-slow  property tests with 5,000 examples each, vectorizer parity on whole corpora,"
	@echo "                a 100 MB document in bounded memory"
	@echo "make docs       build the documentation site strictly into site/ (warnings fail)"
	@echo "make docs-serve serve the documentation on http://127.0.0.1:8000, rebuilt on every change"
	@echo "make typecheck  mypy on python/kalima and stubtest on the compiled core"
	@echo "make tables     regenerate the generated tables (scripts/*.py; tests check them)"
	@echo "make fuzz       cargo-fuzz on normalize, tokenize, stem, vectorize (FUZZ_SECONDS each, 600)"
	@echo "make bench      benchmarks against CAMeL Tools, PyArabic, NLTK and scikit-learn (needs ../shared)"
	@echo "make notebooks  run notebooks/*.ipynb into build/notebooks/ with their outputs (ANT news when"
	@echo "                in ../shared); the committed notebooks stay as they are"
	@echo "make notebooks-clean  strip outputs from the committed notebooks (they carry none)"
	@echo "make fmt        cargo fmt, ruff format and ruff check --fix"
	@echo "make clean      remove .venv, target, site and build"

$(STAMP): requirements-dev.txt
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	$(PY) -m pip install --quiet --no-deps $(CAMEL)
	touch $(STAMP)

build: $(STAMP)
	$(VENV)/bin/maturin develop --release --quiet

run: build
	$(VENV)/bin/kalima demo

lint: $(STAMP)
	cargo fmt --check
	cargo clippy --all-targets -- -D warnings
	cargo clippy --all-targets --features python -- -D warnings
	$(VENV)/bin/ruff check $(PYTHON_DIRS)
	$(VENV)/bin/ruff format --check $(PYTHON_DIRS)

# mypy reads python/kalima (configured in pyproject.toml); stubtest needs the built extension.
typecheck: build
	$(PY) -m mypy python/kalima
	$(PY) -m mypy.stubtest kalima._kalima

test: build lint typecheck
	cargo test
	$(PY) -m pytest -q
	$(MAKE) --no-print-directory docs

# The site is built from docs/ and the docstrings (mkdocs.yml); strict: any warning fails.
docs: $(STAMP)
	$(MKDOCS) build --strict --quiet

docs-serve: $(STAMP)
	$(MKDOCS) serve --strict

# The generated tables: the exact mappings in docs/normalization.md (from kalima itself) and the
# Unicode, emoji and HTML tables of the Rust core (from Python's data and the pinned packages).
tables: build
	$(PY) scripts/mapping_tables.py
	$(PY) scripts/tokenize_tables.py
	$(PY) scripts/python_word_table.py
	$(PY) scripts/html_entities.py

test-slow: build
	HYPOTHESIS_PROFILE=slow $(PY) -m pytest -q tests/test_properties.py tests/test_stem.py \
		tests/test_tokenize.py tests/test_tokenize_arabic.py tests/test_segment.py
	KALIMA_SLOW=1 $(PY) -m pytest -q tests/test_vectorize.py -k shared_corpora
	KALIMA_SLOW=1 $(PY) -m pytest -q tests/test_odd_input.py -k 100_mb

bench: build
	$(PY) benches/bench_normalize.py
	$(PY) benches/bench_stem.py
	$(PY) benches/bench_tokenize.py
	$(PY) benches/bench_vectorize.py
	$(PY) benches/bench_pandas.py
	$(PY) benches/quality.py
	$(PY) benches/bench_dask.py
	$(PY) benches/bench_hostile.py
	$(PY) benches/bench_dedup.py

# Committed notebooks carry no outputs; this writes executed copies to build/notebooks/ for viewing
# (jupyter-execute's output names are relative to the notebook's folder).
notebooks: build
	mkdir -p build/notebooks
	$(VENV)/bin/jupyter-execute --kernel_name=python3 --output='../build/notebooks/{notebook_name}' \
		notebooks/*.ipynb

notebooks-clean: $(STAMP)
	$(PY) tests/test_notebooks.py --strip

fmt:
	cargo fmt
	$(VENV)/bin/ruff format $(PYTHON_DIRS)
	$(VENV)/bin/ruff check --fix $(PYTHON_DIRS)

clean:
	rm -rf $(VENV) target site build

# Coverage-guided fuzzing of the Rust core, seeded with the bundled sample (fuzz/seed.py).
# cargo-fuzz needs nightly flags; RUSTC_BOOTSTRAP lets the stable toolchain take them. Crashes
# are kept in fuzz/artifacts/ and the run goes on (-fork, -ignore_crashes).
FUZZ_SECONDS ?= 600
fuzz: build
	command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
	$(PY) fuzz/seed.py
	for target in normalize tokenize stem vectorize; do \
		RUSTC_BOOTSTRAP=1 cargo fuzz run -O -s none $$target fuzz/corpus/$$target -- \
			-max_total_time=$(FUZZ_SECONDS) -max_len=4096 -fork=1 -ignore_crashes=1 \
			-print_final_stats=1 || exit 1; \
	done
