# Two commands on a fresh machine (python3, pip and cargo): `make run` and `make test`.
# Both create .venv when it is missing and reuse it when it is there.

VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.deps-installed
CAMEL := camel-tools==1.6.0

.PHONY: run test test-slow fuzz bench notebooks notebooks-clean build lint fmt clean help

help:
	@echo "make run        build kalima (release) and run the demo on the bundled sample corpus"
	@echo "make test       build, then cargo test, pytest, fmt, clippy, ruff and stubtest"
	@echo "make test-slow  property tests with 5,000 examples each, vectorizer parity on whole corpora,"
	@echo "                a 100 MB document in bounded memory"
	@echo "make fuzz       cargo-fuzz on normalize, tokenize, stem, vectorize (FUZZ_SECONDS each, 600)"
	@echo "make bench      benchmarks against CAMeL Tools, PyArabic and NLTK (needs ../shared)"
	@echo "make notebooks  run notebooks/*.ipynb in place, writing their outputs (ANT news when in ../shared)"
	@echo "make notebooks-clean  strip the notebooks' outputs again (committed notebooks carry none)"

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
	$(VENV)/bin/ruff check python tests benches
	$(VENV)/bin/ruff format --check python tests benches
	$(PY) -m mypy.stubtest kalima._kalima

test: build lint
	cargo test
	$(PY) -m pytest -q

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

# Committed notebooks carry no outputs; this writes them for viewing, notebooks-clean strips them.
notebooks: build
	$(VENV)/bin/jupyter-execute --inplace --kernel_name=python3 notebooks/*.ipynb

notebooks-clean: $(STAMP)
	$(PY) tests/test_notebooks.py --strip

fmt:
	cargo fmt
	$(VENV)/bin/ruff format python tests benches
	$(VENV)/bin/ruff check --fix python tests benches

clean:
	rm -rf $(VENV) target

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
