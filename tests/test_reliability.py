"""Threads, fork and pathological documents: same results, no hang, no panic."""

from __future__ import annotations

import gc
import multiprocessing
import os
import subprocess
import sys
import threading

import pytest
from conftest import rebuild_from_changes

from kalima import CountVectorizer, Normalizer, Stemmer, TfidfVectorizer, Tokenizer
from kalima.datasets import load_sample

DOCS = [d["text"] for d in load_sample()] * 20


def in_threads(work, threads=8):
    """Runs `work` in `threads` threads at once and returns their results, after checking
    that none failed or hung."""
    results, errors = [], []

    def run():
        try:
            results.append(work())
        except BaseException as e:  # collected, asserted below
            errors.append(e)

    started = [threading.Thread(target=run) for _ in range(threads)]
    for t in started:
        t.start()
    for t in started:
        t.join(timeout=300)
    assert not errors and not any(t.is_alive() for t in started), errors
    return results


def test_threads_share_one_normalizer_and_stemmer():
    norm, isri = Normalizer("search"), Stemmer("isri")
    expected = (norm.normalize_batch(DOCS), isri.stem_batch(DOCS))
    results = in_threads(
        lambda: [(norm.normalize_batch(DOCS, n_jobs=2), isri.stem_batch(DOCS)) for _ in range(5)]
    )
    assert len(results) == 8 and all(r == [expected] * 5 for r in results)


def _child(queue):
    queue.put(Normalizer("camel").normalize_batch(DOCS, n_jobs=2))


@pytest.mark.skipif(sys.platform != "linux", reason="fork start method is Linux-only here")
@pytest.mark.filterwarnings("ignore:This process .* is multi-threaded:DeprecationWarning")
def test_fork_after_parallel_use_does_not_hang():
    expected = Normalizer("camel").normalize_batch(DOCS, n_jobs=2)  # worker threads existed
    ctx = multiprocessing.get_context("fork")
    queue = ctx.Queue()
    child = ctx.Process(target=_child, args=(queue,))
    child.start()
    got = queue.get(timeout=60)  # a deadlock fails here instead of hanging the suite
    child.join(timeout=60)
    assert child.exitcode == 0 and got == expected


@pytest.mark.parametrize("preset", ["camel", "arclean", "light", "search"])
def test_pathological_documents(preset):
    norm = Normalizer(preset)
    docs = [
        "ي" * 1_000_000,  # one letter a million times
        "كتب" * 2_000_000,  # 6 million characters without a space
        "\u064e" * 100_000,  # a storm of combining marks
        "\u200f\u202e\u2066" * 10_000 + "مرحبا",  # bidi controls
        " \u00a0\t\n" * 50_000,  # white space only
        "\ufeff",
        "",
    ]
    out = norm.normalize_batch(docs, n_jobs=2)
    assert out == [norm(d) for d in docs]
    assert all(norm(o) == o for o in out)  # still idempotent
    if preset == "search":
        assert out[0] == "ي" and out[2] == "" and out[3] == "مرحبا" and out[4] == ""


# Inputs `make fuzz` found, reduced by hand: a mark deleted between ٫ and a digit; a deleted
# character (or lower-casing) leaving a pair that NFKC composes only on a second pass; a mark
# deleted inside a run of letters that elongation then shortens; a ZWJ (deleted, as it is not
# between emoji) between ٫ and a digit.
FUZZ_FINDINGS = [
    "٥٫۩\u200d٢",
    "جمييٓييل",
    "1٫\u064e2 و",
    "X\u202a\u0308 z",
    "(Y\u0651\u030a",
    "\x0cTTTTT\u0308\ufffd  , @ahm",
    "!9 V(\x04B\x00ا\x00\x07\u200c٬⁋١",
]


@pytest.mark.parametrize("text", FUZZ_FINDINGS)
@pytest.mark.parametrize("preset", ["camel", "light", "search"])
def test_fuzz_findings_stay_fixed(text, preset):
    norm = Normalizer(preset)
    once = norm(text)
    assert norm(once) == once
    explained = norm.explain(text)
    assert explained.normalized == once
    assert rebuild_from_changes(text, explained.changes) == once
    tok = Tokenizer(normalize=norm, keep_punct=True)
    offsets = tok.tokenize_with_offsets(text)
    assert [t for t, _, _ in offsets] == tok(text)
    assert all(t in norm(text[a:b]) for t, a, b in offsets)


def test_threads_share_one_fitted_vectorizer_normalizer_and_tokenizer():
    vectorizer = TfidfVectorizer(ngram_range=(1, 2), n_jobs=2).fit(DOCS)
    norm, tok = Normalizer("light"), Tokenizer(normalize="search", hashtags="split")
    serial = (vectorizer.transform(DOCS), norm.normalize_batch(DOCS), tok.tokenize_batch(DOCS))
    results = in_threads(
        lambda: (vectorizer.transform(DOCS), norm.normalize_batch(DOCS), tok.tokenize_batch(DOCS))
    )
    assert len(results) == 8
    for X, normalized, tokens in results:
        assert (X != serial[0]).nnz == 0 and normalized == serial[1] and tokens == serial[2]


def rss_mb() -> float:
    """Resident memory now (not the peak), from /proc."""
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1e6


@pytest.mark.skipif(sys.platform != "linux", reason="reads /proc/self/statm")
def test_repeated_fit_and_transform_keep_memory_flat():
    docs = DOCS[:40]
    norm, tok = Normalizer("search"), Tokenizer()

    def cycle():
        vectorizer = CountVectorizer(ngram_range=(1, 2)).fit(docs)
        vectorizer.transform(docs)
        TfidfVectorizer(analyzer="char_wb").fit_transform(docs)
        norm.normalize_batch(docs)
        tok.tokenize_batch(docs)
        norm.explain(docs[0])

    for _ in range(100):  # warm up: allocator pools, lazy imports, caches
        cycle()
    gc.collect()
    before = rss_mb()
    for _ in range(1000):
        cycle()
    gc.collect()
    growth = rss_mb() - before
    # A leak of even one term per document per call would add far more than this.
    assert growth < 10, f"RSS grew {growth:.1f} MB over 1,000 cycles"


def test_inputs_keep_their_reference_counts():
    # A NaN object stands for the missing values: None's count moves with everything else.
    docs = [f"كتب الولد الدرس رقم {i}" for i in range(50)] + [float("nan")]
    counts = [sys.getrefcount(d) for d in docs]
    list_count = sys.getrefcount(docs)
    norm, tok = Normalizer("search"), Tokenizer()
    for _ in range(20):
        norm.normalize_batch(docs, errors="keep")
        tok.tokenize_batch(docs, errors="empty")
        Stemmer("isri").stem_batch(docs, errors="keep")
        CountVectorizer(errors="empty").fit_transform(docs)
        [norm(d) for d in docs[:-1]]
        [tok.tokenize_with_offsets(d) for d in docs[:-1]]
    gc.collect()
    assert [sys.getrefcount(d) for d in docs] == counts
    assert sys.getrefcount(docs) == list_count


HOSTILE = """
import sys, kalima
n = int(sys.argv[1])
patterns = ["ﻻ 1٫5 ", "a-", "5%", "👩\\u200d", "ي", "\\u064e", "\\u202b\\u200f"]
patterns.append("http://a" + ")" * 9)
for pattern in patterns:
    doc = pattern * (n // len(pattern))
    kalima.Normalizer("search")(doc)
    kalima.Normalizer("search").explain(doc[:200_000])
    kalima.Tokenizer()(doc)
    kalima.Tokenizer("camel")(doc)
    kalima.Tokenizer(normalize="search").tokenize_with_offsets(doc)
"""


def test_pathological_patterns_finish():
    # Linear work on 2M characters takes about a second; a quadratic path takes hours, so the
    # generous limit tells a hang from slowness without timing anything.
    subprocess.run([sys.executable, "-c", HOSTILE, "2000000"], check=True, timeout=300)


FREE_THREADED = """
import sys, sysconfig
real = sysconfig.get_config_var
sysconfig.get_config_var = lambda name: 1 if name == "Py_GIL_DISABLED" else real(name)
try:
    import kalima
except ImportError as e:
    print(e)
print("kalima._kalima" in sys.modules)  # refused before the Rust core is loaded
"""


def test_free_threaded_python_is_refused_at_import():
    # A stand-in: this interpreter is told it was built with --disable-gil.
    out = subprocess.run([sys.executable, "-c", FREE_THREADED], capture_output=True, text=True)
    assert out.stdout.splitlines() == [
        "kalima does not support free-threaded CPython (this interpreter was built with "
        "--disable-gil); use a standard CPython 3.9 or later",
        "False",
    ]
