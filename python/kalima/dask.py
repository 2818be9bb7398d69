"""kalima on Dask: a distributed fit identical to a single-machine fit, transforms and text
functions per partition.

Needs Dask: ``pip install ".[dask]"`` from a clone. Everything runs on the active Dask scheduler: a
``dask.distributed.Client`` you created (a ``LocalCluster``, ``Client("tcp://scheduler:8786")``,
dask-jobqueue, dask-kubernetes), or Dask's default threads otherwise.

Texts are a ``dask.dataframe.Series`` of str, a ``dask.bag.Bag`` of str, or a list of
``dask.delayed`` partitions (each a list or pandas Series of str).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
import scipy.sparse as sp
from dask import delayed

from . import _kalima
from ._types import NormalizerOptions, Preset, TokenizerMode, TokenizerOptions
from .normalize import Normalizer
from .tokenize import Tokenizer

if TYPE_CHECKING:
    from typing_extensions import Unpack

__all__ = ["fit", "normalize", "tokenize", "transform"]


def _partitions(texts: Any) -> list[Any]:
    """The delayed partitions of `texts`."""
    if isinstance(texts, list) and all(hasattr(p, "dask") for p in texts):
        return texts
    if hasattr(texts, "to_delayed"):
        return list(texts.to_delayed())
    raise TypeError(
        "texts must be a dask Series, a dask Bag or a list of dask.delayed partitions, "
        f"not {type(texts).__name__}"
    )


def _frequencies(vectorizer: Any, partition: Any) -> Any:
    return vectorizer._frequencies_of(partition)


def _merge(*parts: Any) -> Any:
    merged = parts[0]
    for part in parts[1:]:
        _kalima.Frequencies.merge_into(merged, part)
    return merged


def fit(vectorizer: Any, texts: Any, *, split_every: int = 8) -> Any:
    """Fit a kalima ``CountVectorizer`` or ``TfidfVectorizer`` on ``texts``, distributed.

    Each partition counts its document and term frequencies in Rust on a worker; a tree
    reduction (``split_every`` parts per merge) adds them up; ``min_df``, ``max_df`` and
    ``max_features`` then apply to the whole corpus on the client. The vocabulary and ``idf_``
    are exactly those of ``vectorizer.fit`` on all the texts at once. Returns ``vectorizer``.

    Examples
    --------
    >>> import dask.dataframe as dd, pandas as pd
    >>> import kalima, kalima.dask
    >>> texts = dd.from_pandas(pd.Series(["قال الرئيس", "قال الوزير", "الوزير"]), npartitions=2)
    >>> tv = kalima.dask.fit(kalima.TfidfVectorizer(min_df=2), texts)
    >>> tv.get_feature_names_out().tolist()
    ['الوزير', 'قال']
    """
    if split_every < 2:
        raise ValueError(f"split_every must be at least 2, got {split_every}")
    vectorizer._validate_params()
    level = [delayed(_frequencies)(vectorizer, part) for part in _partitions(texts)]
    if not level:
        raise ValueError("empty vocabulary; perhaps the documents only contain stop words")
    while len(level) > 1:
        level = [
            delayed(_merge)(*level[i : i + split_every]) for i in range(0, len(level), split_every)
        ]
    return vectorizer._fit_frequencies(level[0].compute())


def transform(vectorizer: Any, texts: Any) -> Any:
    """``vectorizer.transform`` on every partition of ``texts``: a ``dask.array`` of scipy
    sparse chunks (rows in the order of the partitions, row counts unknown until computed),
    for dask-ml or incremental learners; ``.compute()`` gives the one sparse matrix.

    Works with a fitted ``CountVectorizer`` or ``TfidfVectorizer`` and with a
    ``HashingVectorizer`` (stateless). The vectorizer is sent to the workers once.
    """
    import dask.array as da

    n_features = (
        vectorizer.n_features
        if hasattr(vectorizer, "n_features")
        else len(vectorizer.get_feature_names_out())
    )
    dtype = np.dtype(vectorizer.dtype)
    shared = delayed(vectorizer)
    blocks = [
        da.from_delayed(
            delayed(_transform)(shared, part),
            shape=(np.nan, n_features),
            dtype=dtype,
            meta=sp.csr_matrix((0, n_features), dtype=dtype),
        )
        for part in _partitions(texts)
    ]
    return da.concatenate(blocks, axis=0, allow_unknown_chunksizes=True)


def _transform(vectorizer: Any, partition: Any) -> Any:
    return sp.csr_matrix(vectorizer.transform(partition))


def normalize(texts: Any, preset: Preset = "search", **options: Unpack[NormalizerOptions]) -> Any:
    """Normalize every partition of a dask Series of str; missing values stay missing.

    Examples
    --------
    >>> import dask.dataframe as dd, pandas as pd
    >>> import kalima.dask
    >>> s = dd.from_pandas(pd.Series(["قالَ الرئيسُ", None]), npartitions=1)
    >>> kalima.dask.normalize(s).compute().tolist()  # Dask keeps strings in Arrow: NA
    ['قال الرءيس', <NA>]
    """
    normalizer = Normalizer(preset, **options)
    return texts.map_partitions(
        lambda part: normalizer.normalize_batch(part, errors="keep"), meta=texts._meta
    )


def tokenize(
    texts: Any, mode: TokenizerMode = "arabic", **options: Unpack[TokenizerOptions]
) -> Any:
    """Tokenize every partition of a dask Series of str: a dask Series of token lists;
    missing values stay missing."""
    tokenizer = Tokenizer(mode, **options)
    meta = pd.Series([], dtype=object, name=texts.name)
    return texts.map_partitions(
        lambda part: tokenizer.tokenize_batch(part, errors="keep"), meta=meta
    )
