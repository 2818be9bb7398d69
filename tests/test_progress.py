"""Progress bars and Ctrl-C: batches report the documents done after every chunk, and stop between
chunks with KeyboardInterrupt, leaving everything usable."""

from __future__ import annotations

import _thread
import sys
import threading
import time

import pandas as pd
import pytest

import kalima

SAMPLE = [d["text"] for d in kalima.datasets.load_sample()]
# About 3 million code points: three chunks of a batch, two of a vectorizer.
MANY = SAMPLE * (3_000_000 // sum(map(len, SAMPLE)) + 1)

BATCHES = {
    "normalize": lambda docs, **kw: kalima.Normalizer("search").normalize_batch(docs, **kw),
    "stem": lambda docs, **kw: kalima.Stemmer("isri").stem_batch(docs, **kw),
    "tokenize": lambda docs, **kw: kalima.Tokenizer().tokenize_batch(docs, **kw),
    "segment": lambda docs, **kw: kalima.Segmenter().segment_batch(docs, **kw),
}


def core_call(name):
    """The binding behind a batch method, with a progress callback."""
    return {
        "normalize": lambda docs, n_jobs, update: kalima.Normalizer("search")._core.normalize_batch(
            docs, n_jobs, "raise", update
        ),
        "stem": lambda docs, n_jobs, update: kalima.Stemmer("isri")._core.stem_batch(
            docs, n_jobs, "raise", update
        ),
        "tokenize": lambda docs, n_jobs, update: kalima.Tokenizer()._core.tokenize_batch(
            docs, n_jobs, "raise", update
        ),
        "segment": lambda docs, n_jobs, update: kalima.Segmenter()._core.segment_batch(
            docs, n_jobs, "raise", update
        ),
    }[name]


@pytest.mark.parametrize("n_jobs", [1, 2])
@pytest.mark.parametrize("name", BATCHES)
def test_progress_counts_add_up_per_chunk(name, n_jobs):
    counts = []
    out = core_call(name)(MANY, n_jobs, counts.append)
    # A stem batch works on the distinct texts (MANY's are the sample's 31), each chunk of
    # them counting every document it stands for.
    assert len(counts) >= (1 if name == "stem" else 3)
    assert sum(counts) == len(MANY) and all(c > 0 for c in counts)
    assert out[: len(SAMPLE)] == BATCHES[name](SAMPLE)


def test_stem_progress_counts_every_occurrence_and_missing_value():
    words = [f"كتاب{i}" for i in range(300_000)]
    docs = words + words[:1000] + [None] * 5
    counts = []
    out = kalima.Stemmer("isri")._core.stem_batch(docs, 2, "keep", counts.append)
    assert len(counts) >= 3 and sum(counts) == len(docs) and all(c > 0 for c in counts)
    assert counts[-1] == 5 and out[-6:] == [out[999], None, None, None, None, None]


@pytest.mark.parametrize("n_jobs", [1, 2])
@pytest.mark.parametrize("name", BATCHES)
@pytest.mark.parametrize("how", ["raise", "signal"])
def test_interrupt_stops_after_the_chunk_and_the_next_call_works(name, n_jobs, how):
    calls = []

    def interrupt(done):
        calls.append(done)
        if how == "raise":
            raise KeyboardInterrupt
        _thread.interrupt_main()  # as Ctrl-C does: the batch notices it between chunks

    with pytest.raises(KeyboardInterrupt):
        core_call(name)(MANY, n_jobs, interrupt)
    assert len(calls) == 1
    assert core_call(name)(SAMPLE, n_jobs, None) == BATCHES[name](SAMPLE)


@pytest.mark.parametrize("n_jobs", [1, 2])
def test_ctrl_c_from_another_thread_stops_a_long_batch(n_jobs):
    # About 100 million code points: more than a second of "search" normalizing on one thread.
    huge = MANY * 33
    norm = kalima.Normalizer("search")
    timer = threading.Timer(0.05, _thread.interrupt_main)
    start = time.perf_counter()
    timer.start()
    with pytest.raises(KeyboardInterrupt):
        norm.normalize_batch(huge, n_jobs=n_jobs)
    assert time.perf_counter() - start < 0.8
    timer.join()
    assert norm.normalize_batch(SAMPLE, n_jobs=n_jobs) == [norm(t) for t in SAMPLE]


def test_progress_bar_runs_tqdm_and_needs_it(monkeypatch, capsys):
    s = pd.Series(SAMPLE, dtype="str")
    norm = kalima.Normalizer()
    assert norm.normalize_batch(s, progress=True).tolist() == norm.normalize_batch(SAMPLE)
    assert f"{len(SAMPLE)}/{len(SAMPLE)}" in capsys.readouterr().err
    assert kalima.Segmenter().segment_batch(["وبالمدرسة"], progress=True) == [
        ["و+", "ب+", "ال+", "مدرسة"]
    ]
    monkeypatch.setitem(sys.modules, "tqdm.auto", None)
    with pytest.raises(ImportError, match="progress=True needs tqdm"):
        norm.normalize_batch(SAMPLE, progress=True)
    with pytest.raises(TypeError, match="progress must be a bool"):
        norm.normalize_batch(SAMPLE, progress=1)


def test_vectorizer_progress_and_interrupt(capsys):
    from kalima import CountVectorizer, HashingVectorizer

    docs = MANY  # two chunks of a vectorizer
    cv = CountVectorizer(progress=True)
    X = cv.fit_transform(docs)
    assert f"{len(docs)}/{len(docs)}" in capsys.readouterr().err
    assert cv.get_params()["progress"] is True

    analyzer = CountVectorizer()._rust_analyzer()
    builder = kalima._kalima.CountBuilder()
    counts = []
    analyzer.fit(builder, docs, None, "raise", counts.append)
    assert len(counts) >= 2 and sum(counts) == len(docs)

    def interrupt(done):
        _thread.interrupt_main()

    for call in (
        lambda: analyzer.fit(kalima._kalima.CountBuilder(), docs, 2, "raise", interrupt),
        lambda: analyzer.hash(docs, 16, True, "float64", None, "raise", interrupt),
        lambda: analyzer.frequencies(kalima._kalima.Frequencies(), docs, None, "raise", interrupt),
    ):
        with pytest.raises(KeyboardInterrupt):
            call()
    # The vectorizer is as it was: a second fit gives the same matrix.
    assert (CountVectorizer().fit_transform(docs) != X).nnz == 0
    assert HashingVectorizer(progress=True).transform(SAMPLE).shape == (len(SAMPLE), 2**20)
    assert f"{len(SAMPLE)}/{len(SAMPLE)}" in capsys.readouterr().err
