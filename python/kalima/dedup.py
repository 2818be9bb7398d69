"""Near-duplicate documents: syndicated copies, the same article filed twice, boilerplate
variants, found by MinHash and LSH on shingles of the normalized token stream, in Rust."""

from __future__ import annotations

from numbers import Integral, Real
from typing import Any, ClassVar

import numpy as np
from sklearn.base import BaseEstimator, _fit_context
from sklearn.utils._param_validation import Interval, StrOptions
from sklearn.utils.validation import check_is_fitted

from . import _kalima
from ._batch import check_dtype, progress_bar
from .normalize import Normalizer
from .tokenize import TOKENIZER_MODES, Tokenizer
from .vectorize import _KALIMA_CONSTRAINTS, as_normalizer, raw_batches

__all__ = ["NearDuplicates"]

PAIR_DTYPE = np.dtype([("i", np.int64), ("j", np.int64), ("jaccard", np.float64)])
QUERY_DTYPE = np.dtype([("query", np.int64), ("fitted", np.int64), ("jaccard", np.float64)])

_SOCIAL = ("keep_punct", "urls", "emails", "mentions", "hashtags", "numbers", "emoji")
# The parameters that make an index: fixed from the first fit or partial_fit on.
_INDEX_PARAMS = (
    "threshold",
    "shingle",
    "n",
    "normalize",
    "lowercase",
    "token_mode",
    *_SOCIAL,
    "num_perm",
    "seed",
    "verify",
)


class NearDuplicates(BaseEstimator):
    """Near-duplicate documents by the Jaccard similarity of their shingle sets.

    Each document is normalized and tokenized as the vectorizers do it, cut into shingles
    (word ``n``-grams of its tokens, or character ``n``-grams of its normalized text) hashed
    to 64 bits in Rust, and sketched by MinHash with ``num_perm`` hash functions. The
    signatures are cut into ``bands_`` bands of ``rows_`` values, and documents that agree on a
    whole band become candidate pairs. ``bands_`` and ``rows_`` are chosen from ``threshold``
    and ``num_perm`` by the integral method of datasketch's ``MinHashLSH``: the split that
    minimises the false-positive probability integrated over Jaccard 0 to ``threshold`` plus
    the false-negative probability integrated over ``threshold`` to 1, here weighted 0.1 and
    0.9, since a candidate below the threshold only costs its verification while a missed pair
    is a copy left in the corpus (14 bands of 9 rows for 0.8 and 128: a pair at Jaccard 0.8 is
    found with probability 0.87, one at 0.9 with probability 0.999; equal weights would give
    9 bands of 13 rows and 0.40 at 0.8). With ``verify`` (the default) every candidate pair's exact
    Jaccard is computed from the shingle sets, so nothing below ``threshold`` is reported;
    without it, the fraction of signature values the two share estimates it.

    A document with fewer than ``n`` tokens (characters) but at least one has one shingle of
    them all; a document with none (empty, only punctuation, missing under
    ``errors="empty"``) has no shingle and is no one's near-duplicate.

    Parameters
    ----------
    threshold : float in (0, 1], default=0.8
        Pairs whose Jaccard is at least this are near-duplicates.
    shingle : {"word", "char"}, default="word"
        Word n-grams of the tokens, or character n-grams of the normalized text (white-space
        runs made one space).
    n : int in [1, 2**32 - 1], default=5
        Tokens (characters) per shingle.
    normalize : str, Normalizer or None, default="search"
        A normalizer preset or object applied before shingling (``"search"`` folds hamza forms
        of alef, teh marbuta, alef maksura, diacritics and tatweel, so spelling variants of a
        copy match).
    lowercase : bool, default=True
        Lower-case Latin text first.
    token_mode, keep_punct, urls, emails, mentions, hashtags, numbers, emoji
        The tokenizer's options, as the vectorizers take them (see :class:`kalima.Tokenizer`).
    num_perm : int in [1, 4096], default=128
        MinHash functions per document.
    seed : int >= 0, default=0
        Seeds the hash functions: the same seed gives the same result.
    verify : bool, default=True
        Compute the exact Jaccard of every candidate pair (else report the MinHash estimate).
    n_jobs : int or None, default=None
        Threads (as for the vectorizers; ``None`` is every core). The result never depends on
        it.
    progress : bool, default=False
        Show a tqdm bar while documents are read.
    errors : {"raise", "empty", "replace"}, default="raise"
        A missing document raises :class:`kalima.MissingValueError` naming its position, or
        is empty (no shingle) under ``"empty"``; ``"replace"`` also replaces lone surrogates.

    Attributes
    ----------
    labels_ : ndarray of int64, one per document
        The cluster of each document: clusters are the connected components of the pairs,
        numbered from 0 in order of their first document; -1 for a document with no
        near-duplicate (as DBSCAN marks noise).
    pairs_ : structured ndarray with fields ``i``, ``j`` (int64) and ``jaccard`` (float64)
        Every near-duplicate pair, ``i < j``, sorted by ``i`` then ``j``;
        ``pd.DataFrame(nd.pairs_)`` makes a table of them.
    duplicated_ : ndarray of bool, one per document
        True for every member of a cluster but its first, so ``docs[~nd.duplicated_]`` keeps
        one document of each cluster (the first, as pandas' ``duplicated()`` keeps it).
    bands_, rows_ : int
        The LSH bands and the signature values per band.
    n_documents_ : int
        Documents fitted (over every ``partial_fit`` call).

    Examples
    --------
    >>> from kalima import NearDuplicates
    >>> story = "أعلنت الوزارة اليوم افتتاح مستشفى جديد في المدينة يضم مئتي سرير"
    >>> docs = [story, "فاز الفريق بالمباراة", story.replace("أعلنت", "اعلنت"), ""]
    >>> nd = NearDuplicates().fit(docs)
    >>> nd.labels_.tolist(), nd.duplicated_.tolist()
    ([0, -1, 0, -1], [False, False, True, False])
    >>> nd.pairs_.tolist()
    [(0, 2, 1.0)]
    """

    _parameter_constraints: ClassVar[dict] = {
        "threshold": [Interval(Real, 0, 1, closed="right")],
        "shingle": [StrOptions({"word", "char"})],
        "n": [Interval(Integral, 1, 2**32 - 1, closed="both")],
        "normalize": _KALIMA_CONSTRAINTS["normalize"],
        "lowercase": ["boolean"],
        "token_mode": [StrOptions(set(TOKENIZER_MODES))],
        **{name: _KALIMA_CONSTRAINTS[name] for name in _SOCIAL},
        "num_perm": [Interval(Integral, 1, 4096, closed="both")],
        "seed": [Interval(Integral, 0, 2**64 - 1, closed="both")],
        "verify": ["boolean"],
        "n_jobs": _KALIMA_CONSTRAINTS["n_jobs"],
        "progress": ["boolean"],
        "errors": _KALIMA_CONSTRAINTS["errors"],
    }

    def __init__(
        self,
        *,
        threshold=0.8,
        shingle="word",
        n=5,
        normalize="search",
        lowercase=True,
        token_mode="arabic",
        keep_punct=False,
        urls="keep",
        emails="keep",
        mentions="keep",
        hashtags="keep",
        numbers="keep",
        emoji="keep",
        num_perm=128,
        seed=0,
        verify=True,
        n_jobs=None,
        progress=False,
        errors="raise",
    ):
        self.threshold = threshold
        self.shingle = shingle
        self.n = n
        self.normalize = normalize
        self.lowercase = lowercase
        self.token_mode = token_mode
        self.keep_punct = keep_punct
        self.urls = urls
        self.emails = emails
        self.mentions = mentions
        self.hashtags = hashtags
        self.numbers = numbers
        self.emoji = emoji
        self.num_perm = num_perm
        self.seed = seed
        self.verify = verify
        self.n_jobs = n_jobs
        self.progress = progress
        self.errors = errors

    @_fit_context(prefer_skip_nested_validation=True)
    def fit(self, documents, y=None):
        """Find the near-duplicates among ``documents`` (a list, tuple, numpy array, pandas
        Series or pyarrow array of str, or any iterable of str)."""
        config = {name: getattr(self, name) for name in _INDEX_PARAMS}
        index = _new_index(config)
        self._add(index, documents, "fit")
        self._set_index(index, config)
        return self

    @_fit_context(prefer_skip_nested_validation=True)
    def partial_fit(self, documents, y=None):
        """Add ``documents`` after those fitted so far: the attributes become those of one
        ``fit`` on all of them (numbered in the order seen). The index's parameters are those
        of the first call; changing them afterwards raises ``ValueError``. A call that fails
        part-way keeps the documents it read before the failure."""
        config = {name: getattr(self, name) for name in _INDEX_PARAMS}
        index = getattr(self, "_index", None)
        if index is None:
            index = _new_index(config)
        else:
            changed = [k for k in _INDEX_PARAMS if not _same(config[k], self._config[k])]
            if changed:
                raise ValueError(
                    f"partial_fit cannot change {', '.join(changed)} of a fitted index; "
                    "fit again instead"
                )
        try:
            self._add(index, documents, "partial_fit")
        finally:
            self._set_index(index, self._config if hasattr(self, "_config") else config)
        return self

    def query(self, documents):
        """For each of ``documents`` (new, not added to the index), the fitted documents it
        nearly duplicates: a structured array with fields ``query`` (the position in
        ``documents``), ``fitted`` (the position among the fitted documents) and ``jaccard``,
        sorted by ``query`` then ``fitted`` (one row per pair, like ``pairs_``;
        ``pd.DataFrame(nd.query(docs))`` makes a table of them)."""
        check_is_fitted(self, "_index")
        _check_documents(documents)
        parts = []
        first = 0
        with progress_bar(self.progress, _total(documents), "query") as update:
            for docs in raw_batches(documents):
                q, fitted, jaccard = self._index.query(
                    docs, first, self.n_jobs, self.errors, update
                )
                out = np.empty(len(q), dtype=QUERY_DTYPE)
                out["query"], out["fitted"], out["jaccard"] = q + first, fitted, jaccard
                parts.append(out)
                first += len(docs)
        return np.concatenate(parts) if parts else np.empty(0, dtype=QUERY_DTYPE)

    def _add(self, index: Any, documents: Any, desc: str) -> None:
        _check_documents(documents)
        first = 0
        with progress_bar(self.progress, _total(documents), desc) as update:
            for docs in raw_batches(documents):
                index.add(docs, first, self.n_jobs, self.errors, update)
                first += len(docs)

    def _set_index(self, index: Any, config: dict[str, Any]) -> None:
        self._index = index
        self._config = config
        i, j, jaccard = index.pairs()
        pairs = np.empty(len(i), dtype=PAIR_DTYPE)
        pairs["i"], pairs["j"], pairs["jaccard"] = i, j, jaccard
        self.pairs_ = pairs
        self.labels_ = index.labels()
        self.duplicated_ = index.duplicated()
        self.bands_ = index.bands
        self.rows_ = index.rows
        self.n_documents_ = len(index)

    def __getstate__(self) -> dict[str, Any]:
        # The index as its arrays (shingles, signatures, pairs); the attributes derived from
        # it are rebuilt on load.
        state = dict(super().__getstate__())  # object's is the instance's own __dict__
        index = state.pop("_index", None)
        for name in ("pairs_", "labels_", "duplicated_", "bands_", "rows_", "n_documents_"):
            state.pop(name, None)
        if index is not None:
            state["_index_state"] = index.state()
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        state = dict(state)
        index_state = state.pop("_index_state", None)
        super().__setstate__(state)
        if index_state is None:
            return
        config = state.get("_config")
        if not isinstance(config, dict) or set(config) != set(_INDEX_PARAMS):
            raise ValueError("corrupted NearDuplicates state: the index parameters are missing")
        self._set_index(_new_index(config, index_state), config)


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, Normalizer) or isinstance(b, Normalizer):
        return isinstance(a, Normalizer) and isinstance(b, Normalizer) and a.options == b.options
    return type(a) is type(b) and a == b


def _new_index(config: dict[str, Any], state: Any = None) -> Any:
    """An empty index with the parameters of ``config``, or the one pickled as ``state``."""
    normalizer = as_normalizer(config["normalize"])
    social = {name: config[name] for name in _SOCIAL}
    if config["token_mode"] != "arabic":
        defaults = Tokenizer().get_params()
        social = {k: v for k, v in social.items() if v != defaults[k]}
    tokenizer = Tokenizer(
        config["token_mode"], normalize=normalizer, lowercase=config["lowercase"], **social
    )
    analyzer = _kalima.Analyzer(
        config["shingle"],
        (1, 1),
        tokenizer._core,
        None if normalizer is None else normalizer._core,
        config["lowercase"],
        [],
        None,
        None,
    )
    args = (
        analyzer,
        config["n"],
        float(config["threshold"]),
        config["num_perm"],
        config["seed"],
        config["verify"],
    )
    if state is None:
        return _kalima.DedupIndex(*args)
    return _kalima.DedupIndex.restore(*args, state)


def _check_documents(documents: Any) -> None:
    if isinstance(documents, (str, bytes)):
        raise TypeError(
            f"documents must be a batch of texts (list, tuple, numpy array or pandas Series), "
            f"not a single {type(documents).__name__}; wrap it in a list"
        )
    check_dtype(documents, "documents")


def _total(documents: Any) -> int | None:
    return len(documents) if hasattr(documents, "__len__") else None
