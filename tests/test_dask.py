"""kalima on Dask: a real LocalCluster with two worker processes gives exactly the single-machine
vocabulary, idf and matrices; forking after use never hangs."""

from __future__ import annotations

import multiprocessing
import pickle

import numpy as np
import pandas as pd
import pytest

dask = pytest.importorskip("dask", reason="dask not installed (pip install kalima[dask])")
distributed = pytest.importorskip("distributed", reason="dask.distributed not installed")

import cloudpickle  # noqa: E402
import dask.bag as db  # noqa: E402
import dask.dataframe as dd  # noqa: E402

import kalima.dask  # noqa: E402
from kalima import CountVectorizer, HashingVectorizer, TfidfVectorizer  # noqa: E402
from kalima.datasets import load_sample  # noqa: E402

SAMPLE = [d["text"] for d in load_sample()]


@pytest.fixture(scope="module")
def client():
    cluster = distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    )
    with distributed.Client(cluster) as client:
        yield client
    cluster.close()


def same_fit(distributed_vectorizer, single):
    assert (
        distributed_vectorizer.get_feature_names_out().tolist()
        == single.get_feature_names_out().tolist()
    )
    if hasattr(single, "idf_"):
        assert (distributed_vectorizer.idf_ == single.idf_).all()


@pytest.mark.parametrize(
    "make",
    [
        lambda: TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True),
        lambda: CountVectorizer(max_features=60, max_df=0.8, stem="light10"),
    ],
    ids=["tfidf", "count"],
)
def test_distributed_fit_and_transform_equal_one_machine(client, make):
    texts = dd.from_pandas(pd.Series(SAMPLE), npartitions=5)
    ours = kalima.dask.fit(make(), texts, split_every=2)
    single = make().fit(SAMPLE)
    same_fit(ours, single)
    X = kalima.dask.transform(ours, texts).compute()
    assert X.shape == (len(SAMPLE), len(single.vocabulary_))
    assert np.abs(X - single.transform(SAMPLE)).max() == 0


def test_bags_delayed_partitions_and_hashing(client):
    bag = db.from_sequence(SAMPLE, npartitions=3)
    same_fit(kalima.dask.fit(CountVectorizer(), bag), CountVectorizer().fit(SAMPLE))
    parts = [dask.delayed(SAMPLE[:10]), dask.delayed(SAMPLE[10:])]
    same_fit(kalima.dask.fit(CountVectorizer(), parts), CountVectorizer().fit(SAMPLE))
    hashing = HashingVectorizer(n_features=2**12)
    X = kalima.dask.transform(hashing, bag).compute()
    assert (X != hashing.transform(SAMPLE)).nnz == 0
    with pytest.raises(TypeError, match="texts must be a dask Series, a dask Bag"):
        kalima.dask.fit(CountVectorizer(), SAMPLE)


def test_text_functions_per_partition(client):
    s = dd.from_pandas(pd.Series([*SAMPLE[:6], None], dtype=object, name="text"), npartitions=3)
    # Dask stores the strings in Arrow, so the missing value comes back as pd.NA.
    normalized = kalima.dask.normalize(s, "camel").compute()
    assert normalized[:6].tolist() == kalima.Normalizer("camel").normalize_batch(SAMPLE[:6])
    assert pd.isna(normalized[6]) and normalized.name == "text"
    tokens = kalima.dask.tokenize(s, hashtags="split").compute()
    expected = kalima.Tokenizer(hashtags="split").tokenize_batch(SAMPLE[:6])
    assert tokens[:6].tolist() == expected and pd.isna(tokens[6])


def test_shared_corpus_slice(client, shared_corpus):
    _, texts = shared_corpus
    part = texts[:2000]  # the graph carries the texts: Dask warns above 10 MB
    series = dd.from_pandas(pd.Series(part), npartitions=8)
    ours = kalima.dask.fit(TfidfVectorizer(min_df=2, n_jobs=1), series)
    single = TfidfVectorizer(min_df=2).fit(part)
    same_fit(ours, single)
    X = kalima.dask.transform(ours, series).compute()
    assert np.abs(X - single.transform(part)).max() == 0


def test_fitted_vectorizers_cloudpickle_small_and_whole():
    from sklearn.feature_extraction.text import TfidfVectorizer as SklearnTfidf

    tv = TfidfVectorizer().fit(SAMPLE)
    blob = cloudpickle.dumps(tv)
    # The terms and their idf, no Python dict: smaller than scikit-learn's own pickle.
    assert len(blob) < len(pickle.dumps(SklearnTfidf().fit(SAMPLE))) and len(blob) < 16_000
    restored = cloudpickle.loads(blob)
    assert (restored.transform(SAMPLE) != tv.transform(SAMPLE)).nnz == 0


def _transform_in_child(vectorizer, queue):
    queue.put(vectorizer.transform(SAMPLE).nnz)


def test_fork_after_fit_does_not_hang():
    tv = TfidfVectorizer(n_jobs=2).fit(SAMPLE * 3)  # the parent used its thread pool
    expected = tv.transform(SAMPLE).nnz
    context = multiprocessing.get_context("fork")
    queue = context.Queue()
    children = [context.Process(target=_transform_in_child, args=(tv, queue)) for _ in range(2)]
    for child in children:
        child.start()
    for child in children:
        child.join(timeout=60)
        assert child.exitcode == 0, "a forked child hung or failed"
    assert [queue.get(timeout=5), queue.get(timeout=5)] == [expected, expected]


def test_near_duplicates_equal_one_machine(client):
    # Copies of sample stories filed at the end (another partition than their originals), one
    # of them twice, with missing and empty documents.
    copies = ["القاهرة (رويترز) - " + SAMPLE[k].replace("أ", "ا") for k in (0, 2, 6, 8)]
    docs = [*SAMPLE, None, "", *copies, copies[1]]
    texts = dd.from_pandas(pd.Series(docs, dtype=object), npartitions=4)
    ours = kalima.dask.near_duplicates(kalima.NearDuplicates(errors="empty"), texts)
    single = kalima.NearDuplicates(errors="empty").fit(docs)
    assert ours.pairs_.tolist() == single.pairs_.tolist()
    assert len(single.pairs_) >= 4
    assert ours.labels_.tolist() == single.labels_.tolist()
    assert ours.duplicated_.tolist() == single.duplicated_.tolist()
    assert ours.n_documents_ == len(docs)
    assert ours.query(copies).tolist() == single.query(copies).tolist()
    with pytest.raises(ValueError, match="needs verify=True"):
        kalima.dask.near_duplicates(kalima.NearDuplicates(verify=False), texts)
    with pytest.raises(
        TypeError, match=r"nd must be a kalima\.NearDuplicates, not TfidfVectorizer"
    ):
        kalima.dask.near_duplicates(TfidfVectorizer(), texts)
