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

__all__ = ["fit", "near_duplicates", "normalize", "tokenize", "transform"]


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


def near_duplicates(nd: Any, texts: Any) -> Any:
    """Fit a :class:`kalima.NearDuplicates` on ``texts``, distributed: the same ``pairs_``,
    ``labels_`` and ``duplicated_`` (and the same fitted index, so ``query`` works) as
    ``nd.fit`` on all the texts in order.

    Each partition is normalized, shingled and sketched by MinHash on a worker. Every band of
    every signature becomes a row (the band, its values, the document), and the rows are
    shuffled by band and values on the cluster, so documents that agree on a whole band meet
    in one partition however far apart they are, and the candidate pairs found there are
    de-duplicated on the cluster too. Only those pairs, the signatures and the shingle hashes
    come back to the client, where the pairs are verified (exact Jaccard) and the clusters
    formed, as one machine forms them. Needs ``verify=True``.
    """
    import dask
    import dask.dataframe as dd

    from .dedup import _INDEX_PARAMS, NearDuplicates, _new_index

    if not isinstance(nd, NearDuplicates):
        raise TypeError(f"nd must be a kalima.NearDuplicates, not {type(nd).__name__}")
    nd._validate_params()
    if not nd.verify:
        raise ValueError("kalima.dask.near_duplicates needs verify=True (it verifies every pair)")

    config = {name: getattr(nd, name) for name in _INDEX_PARAMS}
    probe = _new_index(config)
    bands, rows = probe.bands, probe.rows
    sketches = dask.persist(*[delayed(_sketch)(config, nd.errors, p) for p in _partitions(texts)])
    counts = dask.compute(*[delayed(_count)(s) for s in sketches])
    offsets = np.concatenate([[0], np.cumsum(counts)]).astype(np.int64)
    columns = ["band", *(f"v{k}" for k in range(rows))]
    band_meta = pd.DataFrame({c: pd.Series(dtype=np.int64) for c in [*columns, "doc"]})
    band_rows = dd.from_delayed(
        [delayed(_band_rows)(s, o, bands, rows) for s, o in zip(sketches, offsets)],
        meta=band_meta,
    )
    pair_meta = pd.DataFrame({"i": pd.Series(dtype=np.int64), "j": pd.Series(dtype=np.int64)})
    candidates = (
        band_rows.shuffle(on=columns)
        .map_partitions(_bucket_pairs, columns, meta=pair_meta)
        .drop_duplicates()
    )
    # Apart: one compute of delayed objects and a dataframe would materialize the latter.
    candidates = candidates.compute()
    parts = dask.compute(*sketches)
    shingles = np.concatenate([p[0] for p in parts]) if parts else np.empty(0, np.uint64)
    indptr = _joined_indptr([p[1] for p in parts])
    pairs = _verified(candidates, shingles, indptr, float(nd.threshold))
    state = (
        shingles,
        indptr,
        np.concatenate([p[2] for p in parts]) if parts else np.empty(0, np.uint32),
        pairs["i"].to_numpy(np.int64),
        pairs["j"].to_numpy(np.int64),
        pairs["jaccard"].to_numpy(np.float64),
    )
    nd._set_index(_new_index(config, state), config)
    return nd


def _sketch(config: dict, errors: str, partition: Any) -> tuple:
    """A partition's shingle hashes, their offsets and its signatures (on a worker)."""
    from .dedup import _new_index

    index = _new_index(config)
    index.add(list(partition), 0, 1, errors, None)
    shingles, indptr, signatures, *_ = index.state()
    return shingles, indptr, signatures


def _count(sketch: tuple) -> int:
    return len(sketch[1]) - 1


def _band_rows(sketch: tuple, offset: int, bands: int, rows: int) -> pd.DataFrame:
    """One row per band of every document that has a shingle: the band, its values, the
    document's position in the whole corpus."""
    _, indptr, signatures = sketch
    n = len(indptr) - 1
    has = np.flatnonzero(np.diff(np.asarray(indptr, dtype=np.int64)) > 0)
    if has.size == 0:
        columns = ["band", *(f"v{k}" for k in range(rows)), "doc"]
        return pd.DataFrame({c: pd.Series(dtype=np.int64) for c in columns})
    signatures = np.asarray(signatures, dtype=np.int64).reshape(n, -1)
    frames = []
    for band in range(bands):
        values = signatures[has, band * rows : (band + 1) * rows]
        frame = pd.DataFrame(values, columns=[f"v{k}" for k in range(rows)])
        frame.insert(0, "band", np.int64(band))
        frame["doc"] = has + offset
        frames.append(frame)
    return pd.concat(frames, ignore_index=True)


def _bucket_pairs(rows: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """Every pair of documents that share a bucket (band and values) in this partition."""
    pairs = []
    for docs in rows.groupby(columns, sort=False)["doc"]:
        found = np.unique(docs[1].to_numpy())
        for a in range(len(found)):
            for b in range(a + 1, len(found)):
                pairs.append((found[a], found[b]))
    return pd.DataFrame(pairs, columns=["i", "j"], dtype=np.int64)


def _verified(
    candidates: pd.DataFrame, shingles: np.ndarray, indptr: np.ndarray, threshold: float
) -> pd.DataFrame:
    """The candidate pairs whose exact Jaccard (of their sorted, distinct shingle hashes)
    reaches threshold, computed as the core does (shared over the union's size), sorted."""
    candidates = candidates.sort_values(["i", "j"], kind="stable")
    i, j = candidates["i"].to_numpy(np.int64), candidates["j"].to_numpy(np.int64)
    jaccard = np.zeros(len(i))
    for k in range(len(i)):
        a = shingles[indptr[i[k]] : indptr[i[k] + 1]]
        b = shingles[indptr[j[k]] : indptr[j[k] + 1]]
        common = np.intersect1d(a, b, assume_unique=True).size
        union = a.size + b.size - common
        jaccard[k] = common / union if union else 0.0
    keep = jaccard >= threshold
    return pd.DataFrame({"i": i[keep], "j": j[keep], "jaccard": jaccard[keep]})


def _joined_indptr(parts: list[Any]) -> np.ndarray:
    """The offsets of partitions' shingles laid end to end."""
    out, base = [np.zeros(1, dtype=np.uint64)], 0
    for indptr in parts:
        indptr = np.asarray(indptr, dtype=np.uint64)
        out.append(indptr[1:] + base)
        base += int(indptr[-1])
    return np.concatenate(out)
