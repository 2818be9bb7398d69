"""similar_pairs: exactly the pairs of X @ X.T at or above the threshold, on random sparse
matrices and on TF-IDF of Arabic text, for any n_jobs; top_k; bad input."""

from __future__ import annotations

import numpy as np
import pytest
import scipy.sparse as sp
from hypothesis import assume, given
from hypothesis import strategies as st
from sklearn.preprocessing import normalize

import kalima
from kalima import TfidfVectorizer, similar_pairs

# Pairs whose product lies this close to the threshold may fall either way by rounding.
EDGE = 1e-9


def brute(X, threshold):
    """(i, j) → similarity of every pair i < j of X @ X.T at or above threshold, and the pairs
    too close to the threshold to call."""
    X = X.astype(np.float64)  # similar_pairs computes in float64 whatever the input
    S = (X @ X.T).toarray() if sp.issparse(X) else X @ X.T
    n = S.shape[0]
    sure, edge = {}, set()
    for i in range(n):
        for j in range(i + 1, n):
            if abs(S[i, j] - threshold) <= EDGE:
                edge.add((i, j))
            elif S[i, j] >= threshold:
                sure[(i, j)] = S[i, j]
    return sure, edge


def check(X, threshold, **kw):
    got = similar_pairs(X, threshold, **kw)
    sure, edge = brute(X, threshold)
    pairs = {(i, j): s for i, j, s in got.tolist()}
    assert set(pairs) - edge == set(sure) - edge
    for key, s in pairs.items():
        if key in sure:
            assert s == pytest.approx(sure[key], abs=1e-12)
    assert got.tolist() == sorted(got.tolist(), key=lambda p: (p[0], p[1]))
    return got


@st.composite
def matrices(draw):
    n = draw(st.integers(0, 25))
    m = draw(st.integers(1, 12))
    density = draw(st.floats(0.05, 0.8))
    seed = draw(st.integers(0, 2**32 - 1))
    rng = np.random.default_rng(seed)
    X = sp.random(n, m, density=density, format="csr", random_state=rng, dtype=np.float64)
    if n and draw(st.booleans()):
        X = normalize(X)
    if draw(st.booleans()):
        X = X.astype(np.float32)
    return X


@given(matrices(), st.sampled_from([0.05, 0.2, 0.5, 0.8, 0.95, 1.0]))
def test_equal_to_brute_force(X, threshold):
    one = check(X, threshold, n_jobs=1)
    two = similar_pairs(X, threshold, n_jobs=2)
    assert one.tolist() == two.tolist()


@given(matrices(), st.integers(1, 4))
def test_top_k_keeps_each_rows_best(X, k):
    X = X.astype(np.float64)
    S = (X @ X.T).toarray()
    n = S.shape[0]
    expected = set()
    for r in range(n):
        others = sorted(
            ((S[r, c], c) for c in range(n) if c != r and S[r, c] >= 0.1),
            key=lambda p: (-p[0], p[1]),  # highest first, ties to the lower row
        )
        # A near-tie at the cut may fall either way by rounding.
        values = [v for v, _ in others]
        assume(not any(abs(a - b) < 1e-9 and a != b for a, b in zip(values, values[1:])))
        assume(not any(abs(v - 0.1) < 1e-9 for v in S[r]))
        expected.update((min(r, c), max(r, c)) for _, c in others[:k])
    got = similar_pairs(X, 0.1, top_k=k)
    assert {(i, j) for i, j, _ in got.tolist()} == expected
    assert len(got) == len(expected)


def test_negative_values_and_dense_input():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(30, 6))
    X = normalize(X)
    check(X, 0.3)
    check(sp.csr_matrix(X), 0.7)
    check(sp.csc_array(X), 0.7)


def test_threshold_edges():
    X = np.array([[1.0, 0.0], [1.0, 0.0], [0.6, 0.8], [0.0, 1.0], [0.0, 0.0]])
    assert similar_pairs(X, 1.0).tolist() == [(0, 1, 1.0)]
    assert similar_pairs(X, 0.8).tolist() == [(0, 1, 1.0), (2, 3, 0.8)]
    assert similar_pairs(X, 0.6).tolist() == [(0, 1, 1.0), (0, 2, 0.6), (1, 2, 0.6), (2, 3, 0.8)]
    assert similar_pairs(X[:0], 0.5).tolist() == []
    assert similar_pairs(X, 0.5).dtype.names == ("i", "j", "similarity")
    assert similar_pairs(X, 0.5, top_k=1).tolist() == [(0, 1, 1.0), (2, 3, 0.8)]


def test_on_tfidf_of_arabic_text():
    story = "أعلنت وزارة الصحة افتتاح مستشفى جديد في شمال المدينة يضم مئتي سرير"
    retold = "افتتحت الصحة مستشفى جديدا شمال المدينة بمئتي سرير كما أعلنت الوزارة"
    other = "فاز المنتخب على نظيره بثلاثة أهداف في المباراة"
    X = TfidfVectorizer().fit_transform([story, other, retold, story])
    got = check(X, 0.3)
    assert [(i, j) for i, j, _ in got.tolist()] == [(0, 2), (0, 3), (2, 3)]


@pytest.mark.parametrize(
    ("X", "threshold", "kw", "error", "message"),
    [
        (np.eye(2), 0, {}, ValueError, r"threshold must be in \(0, 1\]; got 0"),
        (np.eye(2), 1.5, {}, ValueError, r"threshold must be in \(0, 1\]; got 1.5"),
        (np.eye(2), float("nan"), {}, ValueError, "threshold must be in"),
        (np.eye(2), "0.5", {}, TypeError, "threshold must be a float in"),
        (np.eye(2), True, {}, TypeError, "threshold must be a float in"),
        (np.eye(2, dtype=int), 0.5, {}, TypeError, "X must have a float dtype"),
        (sp.csr_array(np.eye(2, dtype=int)), 0.5, {}, TypeError, "X must have a float dtype"),
        ([[1.0]], 0.5, {}, TypeError, "X must be a scipy sparse matrix or array"),
        (np.ones(3), 0.5, {}, ValueError, "X must be 2-D"),
        (np.array([[np.nan, 1.0]]), 0.5, {}, ValueError, "X holds NaN or infinity"),
        (np.eye(2), 0.5, {"top_k": 0}, ValueError, "top_k must be None or an int >= 1; got 0"),
        (np.eye(2), 0.5, {"top_k": 1.5}, TypeError, "top_k must be None or an int"),
        (np.eye(2), 0.5, {"n_jobs": 0}, ValueError, "n_jobs == 0 has no meaning"),
        (np.eye(2), 0.5, {"n_jobs": "2"}, TypeError, "n_jobs must be None or an int"),
    ],
)
def test_bad_input(X, threshold, kw, error, message):
    with pytest.raises(error, match=message):
        similar_pairs(X, threshold, **kw)


def test_malformed_csr_is_refused():
    with pytest.raises(ValueError, match="X is not a valid CSR matrix: a column index"):
        kalima._kalima.similar_pairs(
            np.array([0, 1], dtype=np.int64),
            np.array([7], dtype=np.int64),
            np.array([1.0]),
            2,
            0.5,
        )


def test_exported():
    assert kalima.similar_pairs is similar_pairs


def test_equal_to_brute_force_on_ant_news():
    from conftest import CORPORA, read_texts

    path = CORPORA / "ant_news" / "docs.jsonl"
    if not path.exists():
        pytest.skip(f"ant_news not found at {path} (set KALIMA_SHARED)")
    X = TfidfVectorizer().fit_transform(read_texts(path)[:2000])
    for threshold in (0.3, 0.5, 0.9):
        got = similar_pairs(X, threshold)
        S = sp.triu(X @ X.T, k=1).tocoo()
        keep = S.data >= threshold
        expected = sorted(zip(S.row[keep].tolist(), S.col[keep].tolist()))
        assert [(i, j) for i, j, _ in got.tolist()] == expected
        assert similar_pairs(X, threshold, n_jobs=1).tolist() == got.tolist()
