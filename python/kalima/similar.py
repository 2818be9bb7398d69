"""Re-told stories: pairs of documents whose TF-IDF vectors are close, found by an all-pairs
similarity search in Rust instead of a brute-force ``X @ X.T``."""

from __future__ import annotations

from numbers import Integral, Real
from typing import Any

import numpy as np
import scipy.sparse as sp

from . import _kalima

__all__ = ["SIMILAR_DTYPE", "similar_pairs"]

SIMILAR_DTYPE = np.dtype([("i", np.int64), ("j", np.int64), ("similarity", np.float64)])


def similar_pairs(X: Any, threshold: float, *, n_jobs: int | None = None, top_k: int | None = None):
    """Every pair of rows ``i < j`` of ``X`` whose dot product is at least ``threshold``.

    For the L2-normalized rows :class:`kalima.TfidfVectorizer` gives (its default
    ``norm="l2"``), the dot product is the cosine similarity; rows are taken as they are, not
    normalized here, so the pairs are exactly those of ``X @ X.T`` at or above ``threshold``
    off the diagonal (computed in float64 whatever the input's float dtype, each similarity
    summed in column order, so it may differ from scipy's in the last bit). The search is
    All-Pairs (Bayardo et al., 2007): an inverted index over each row's rarest features only,
    those after a prefix whose products with the columns' largest values cannot reach
    ``threshold`` (with a negative value anywhere, every feature is indexed), then the exact
    dot product of each candidate, in parallel over rows. Memory is the matrix, the index and
    the output, never the n × n product.

    Parameters
    ----------
    X : sparse matrix or array, or 2-D ndarray, of float32 or float64
        One row per document.
    threshold : float in (0, 1]
        The smallest similarity reported.
    n_jobs : int or None, default=None
        Threads (``None`` is every core); the result never depends on it.
    top_k : int >= 1 or None, default=None
        Keep only each row's ``top_k`` most similar other rows (ties to the lower row): the
        pairs are the union of those, each once.

    Returns
    -------
    pairs : structured ndarray with fields ``i``, ``j`` (int64) and ``similarity`` (float64)
        Sorted by ``i`` then ``j``, like ``NearDuplicates.pairs_``; ``pd.DataFrame(pairs)``
        makes a table of them.

    Examples
    --------
    >>> import numpy as np
    >>> from kalima import similar_pairs
    >>> X = np.array([[1.0, 0.0], [0.6, 0.8], [0.0, 1.0]])
    >>> similar_pairs(X, 0.5).tolist()
    [(0, 1, 0.6), (1, 2, 0.8)]
    """
    if isinstance(threshold, bool) or not isinstance(threshold, Real):
        raise TypeError(f"threshold must be a float in (0, 1], not {type(threshold).__name__}")
    if not 0 < threshold <= 1:
        raise ValueError(f"threshold must be in (0, 1]; got {threshold!r}")
    if top_k is not None and (isinstance(top_k, bool) or not isinstance(top_k, Integral)):
        raise TypeError(f"top_k must be None or an int >= 1, not {type(top_k).__name__}")
    if top_k is not None and top_k < 1:
        raise ValueError(f"top_k must be None or an int >= 1; got {top_k}")
    if n_jobs is not None and (isinstance(n_jobs, bool) or not isinstance(n_jobs, Integral)):
        raise TypeError(f"n_jobs must be None or an int, not {type(n_jobs).__name__}")
    X = _as_csr(X)
    i, j, similarity = _kalima.similar_pairs(
        np.ascontiguousarray(X.indptr, dtype=np.int64),
        np.ascontiguousarray(X.indices, dtype=np.int64),
        np.ascontiguousarray(X.data, dtype=np.float64),
        X.shape[1],
        float(threshold),
        None if top_k is None else int(top_k),
        None if n_jobs is None else int(n_jobs),
    )
    out = np.empty(len(i), dtype=SIMILAR_DTYPE)
    out["i"], out["j"], out["similarity"] = i, j, similarity
    return out


def _as_csr(X: Any) -> Any:
    """``X`` as a CSR array with sorted, distinct columns in each row, checked: 2-D, float,
    finite."""
    if sp.issparse(X):
        dtype = X.dtype
    elif isinstance(X, np.ndarray):
        dtype = X.dtype
        if X.ndim != 2:
            raise ValueError(f"X must be 2-D (one row per document); got {X.ndim} dimension(s)")
    else:
        raise TypeError(
            f"X must be a scipy sparse matrix or array, or a 2-D numpy array, "
            f"not {type(X).__name__}"
        )
    if dtype.kind != "f":
        raise TypeError(
            f"X must have a float dtype (float32 or float64, as TfidfVectorizer gives); got {dtype}"
        )
    X = sp.csr_array(X, dtype=np.float64, copy=True)
    X.sum_duplicates()  # sorts each row's columns, too
    if not np.isfinite(X.data).all():
        raise ValueError("X holds NaN or infinity")
    return X
