"""scikit-learn's text vectorizers with a Rust analyzer: the same estimators, parameters and
matrices, plus Arabic normalization, tokenization and stemming, on every core.

Each class subclasses its scikit-learn namesake, so everything scikit-learn documents for it
holds (``get_feature_names_out``, ``inverse_transform``, ``idf_``, cloning, pipelines). When a
configuration can run in Rust (no ``preprocessor``, ``tokenizer`` or ``strip_accents``, a
built-in ``analyzer``, and the default ``token_pattern`` in ``token_mode="sklearn"``), documents
are analysed and counted there; otherwise scikit-learn's own Python code runs with kalima's
normalizer, tokenizer, segmenter and stemmer plugged in, in the same order (the slow path, with
the same features).
"""

from __future__ import annotations

import itertools
import math
import os
import re
import sys
import warnings
from collections.abc import Iterable, Iterator, Mapping
from numbers import Integral
from typing import TYPE_CHECKING, Any, ClassVar

import numpy as np
import scipy.sparse as sp
from sklearn.base import _fit_context, clone
from sklearn.exceptions import NotFittedError
from sklearn.feature_extraction import text as sk
from sklearn.preprocessing import normalize as normalize_rows
from sklearn.utils._param_validation import Interval, StrOptions
from sklearn.utils.validation import check_is_fitted

from . import _kalima
from ._batch import MissingValueError, check_dtype, progress_bar, shown
from ._types import (
    HashtagAction,
    KindAction,
    Preset,
    StemMethod,
    TokenizerMode,
    VectorizerErrors,
)
from .normalize import Normalizer
from .stem import STEMMERS, Stemmer
from .tokenize import TOKENIZER_MODES, Tokenizer

__all__ = ["CountVectorizer", "HashingVectorizer", "TfidfVectorizer"]

_SKLEARN_PATTERN = r"(?u)\b\w\w+\b"
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
# Documents handed to Rust at a time: bounds the memory a generator's documents take at once.
_BATCH = 20_000
_NATIVE_DTYPES = {np.dtype(t): t for t in ("int64", "int32", "float64", "float32")}

try:  # scikit-learn ≥ 1.8 returns csr_array or csr_matrix per set_config(sparse_interface=...)
    from sklearn.utils._sparse import _align_api_if_sparse
except ImportError:  # pragma: no cover - older scikit-learn

    def _align_api_if_sparse(X):
        return sp.csr_matrix(X)


_KINDS = StrOptions({"keep", "drop", "placeholder"})
# scikit-learn validates these with its own (checked when fitting, with its error wording).
_KALIMA_CONSTRAINTS: dict[str, list[Any]] = {
    "stop_words": [StrOptions({"english", "arabic"}), list, tuple, set, frozenset, None],
    "normalize": [str, Normalizer, None],
    "token_mode": [StrOptions(set(TOKENIZER_MODES))],
    "stem": [StrOptions(set(STEMMERS)), None],
    "segment": ["boolean", Interval(Integral, 1, None, closed="left")],
    "keep_punct": ["boolean"],
    "urls": [_KINDS],
    "emails": [_KINDS],
    "mentions": [_KINDS],
    "hashtags": [StrOptions({"keep", "drop", "placeholder", "split"})],
    "numbers": [_KINDS],
    "emoji": [_KINDS],
    "n_jobs": [Integral, None],
    "errors": [StrOptions({"raise", "empty", "replace"})],
    "progress": ["boolean"],
}


if TYPE_CHECKING:
    # Each vectorizer lists this class before its scikit-learn namesake, whose parameters
    # (lowercase, analyzer, stop_words …) and methods it uses; scikit-learn has no type hints,
    # so to a type checker that base is Any.
    from sklearn.feature_extraction.text import _VectorizerMixin as _ScikitLearnVectorizer
else:
    _ScikitLearnVectorizer = object


def as_normalizer(normalize: Any) -> Normalizer | None:
    """The normalizer a ``normalize=`` parameter names: a preset name, a Normalizer or None."""
    if normalize is None or isinstance(normalize, Normalizer):
        return normalize
    if isinstance(normalize, str):
        return Normalizer(normalize)  # type: ignore[arg-type]  # the core checks the name
    raise TypeError(
        f"normalize must be a preset name, a Normalizer or None, not {type(normalize).__name__}"
    )


class _KalimaVectorizer(_ScikitLearnVectorizer):
    """What the three vectorizers share: the Arabic options, the choice between the Rust path
    and scikit-learn's Python path, and reading documents."""

    # kalima's parameters (set in __init__, as scikit-learn's are).
    normalize: Preset | Normalizer | None
    token_mode: TokenizerMode
    stem: StemMethod | None
    segment: bool | int
    keep_punct: bool
    urls: KindAction
    emails: KindAction
    mentions: KindAction
    hashtags: HashtagAction
    numbers: KindAction
    emoji: KindAction
    n_jobs: int | None
    errors: VectorizerErrors
    progress: bool

    def _init_kalima(self, **params: Any) -> None:
        for name, value in params.items():
            setattr(self, name, value)

    def _is_native(self) -> bool:
        native = (
            self.preprocessor is None
            and self.tokenizer is None
            and self.strip_accents is None
            and self.analyzer in ("word", "char", "char_wb")
            and (
                self.analyzer != "word"
                or self.token_mode != "sklearn"
                or self.token_pattern == _SKLEARN_PATTERN
            )
        )
        return native

    def _normalizer(self) -> Normalizer | None:
        return as_normalizer(self.normalize)

    def _tokenizer(self) -> Tokenizer:
        social = {
            name: getattr(self, name)
            for name in ("keep_punct", "urls", "emails", "mentions", "hashtags", "numbers", "emoji")
        }
        if self.token_mode != "arabic":
            social = {k: v for k, v in social.items() if v != Tokenizer().get_params()[k]}
        if self._min_stem() is not None:
            # The segmenter reads words as written; each piece is normalized after it.
            return Tokenizer(self.token_mode, **social)
        return Tokenizer(
            self.token_mode, normalize=self._normalizer(), lowercase=self.lowercase, **social
        )

    def _min_stem(self) -> int | None:
        """The segmenter's minimum stem length, or None without segmentation."""
        if self.segment is False or self.segment is None:
            return None
        if self.segment is True:
            return 3
        if isinstance(self.segment, int) and self.segment >= 1:
            return self.segment
        raise ValueError(
            f"segment must be False, True or a minimum stem length >= 1; got {self.segment!r}"
        )

    def _stop_list(self) -> frozenset[str] | None:
        normalizer = self._normalizer()
        if self.stop_words == "arabic":
            from .stopwords import stopwords

            return stopwords(normalizer)
        words = sk._check_stop_list(self.stop_words)
        if words is None or normalizer is None:
            return words
        # A stop word must match the token it stands for, which the normalizer has changed.
        lower = str.lower if self.lowercase else str
        return frozenset(normalizer(lower(w)) for w in words)

    def get_stop_words(self) -> frozenset[str] | None:
        """The effective stop words: scikit-learn's list, kalima's Arabic list for
        ``"arabic"``, or yours, normalized like the documents when ``normalize`` is set."""
        return self._stop_list()

    def _rust_analyzer(self, *, unigrams_as_written: bool = False) -> Any:
        """The Rust analyzer; ``unigrams_as_written`` leaves out n-grams, stop words and the
        stemmer (the pieces stop words are compared with)."""
        normalizer = self._normalizer()
        stop = self._stop_list() if self.analyzer == "word" else None
        if stop and not unigrams_as_written:
            self._check_stop_words_consistency(stop, None, None)
        return _kalima.Analyzer(
            self.analyzer,
            (1, 1) if unigrams_as_written else tuple(self.ngram_range),
            self._tokenizer()._core,
            None if normalizer is None else normalizer._core,
            self.lowercase,
            [] if unigrams_as_written else sorted(stop or ()),
            None if unigrams_as_written else self.stem,
            self._min_stem(),
        )

    def _check_stop_words_consistency(self, stop_words, preprocess, tokenize):
        """scikit-learn's check, once per ``stop_words`` object, on kalima's analysis: the stop
        words are normalized as the documents are, so a warning names only the entries that
        still cannot match a token or a piece, with scikit-learn's message first (filters
        written for it keep working). ``preprocess`` and ``tokenize`` are scikit-learn's steps
        on the Python path, None on the Rust path."""
        if id(self.stop_words) == getattr(self, "_stop_words_id", None):
            return None
        self._stop_words_id = id(self.stop_words)
        segmenting = self._min_stem() is not None
        if segmenting and isinstance(self.stop_words, str) and self.stop_words == "arabic":
            # kalima's list holds words with clitics (بانه, اليها), as written without
            # segmentation; with it, their pieces are what is compared, and they are listed.
            return None
        if preprocess is None:
            analyse = self._rust_analyzer(unigrams_as_written=True).analyze
        else:

            def analyse(word: str) -> list[str]:
                return [p for p, _ in self._pieces(list(tokenize(preprocess(word))))]

        generated: set[str] = set()
        entries = []
        try:
            for word in sorted(stop_words or ()):
                if segmenting and word != "+" and (word.startswith("+") or word.endswith("+")):
                    continue  # a clitic, as the segmenter writes one
                extra = [t for t in analyse(word) if t not in stop_words]
                if extra:
                    generated.update(extra)
                    entries.append(word)
        except Exception:  # a custom preprocessor or tokenizer that takes no stop word
            return "error"
        if entries:
            warnings.warn(
                "Your stop_words may be inconsistent with your preprocessing. Tokenizing the "
                f"stop words generated tokens {sorted(generated)!r} not in stop_words. kalima "
                "normalizes the stop words as it normalizes the documents; these still cannot "
                f"match a token: {entries[:20]!r}",
                UserWarning,
                stacklevel=3,
            )
        return not entries

    def build_analyzer(self):
        """A callable from one document to its features (Rust, or scikit-learn's Python
        analyzer with kalima's steps plugged in)."""
        if self._is_native():
            self._rust_analyzer()  # scikit-learn's stop-word check, on this vectorizer
            return _NativeAnalyzer(clone(self))
        return super().build_analyzer()

    def build_preprocessor(self):
        """Your preprocessor, or scikit-learn's accent stripping (``strip_accents``); then
        kalima's normalizer, which also lower-cases under ``lowercase`` as the Rust path does
        (links stay as written under ``"search"``). With ``segment``, the normalizer runs on
        each piece instead."""
        if self.preprocessor is not None:
            first = self.preprocessor
        elif callable(self.strip_accents):
            first = self.strip_accents
        else:
            first = {"ascii": sk.strip_accents_ascii, "unicode": sk.strip_accents_unicode}.get(
                self.strip_accents
            )
            if self.strip_accents is not None and first is None:
                return super().build_preprocessor()  # scikit-learn's error
        normalizer = None if self._min_stem() is not None else self._text_normalizer()
        if first is None:
            return normalizer or _unchanged
        return first if normalizer is None else _Then(first, normalizer)

    def build_tokenizer(self):
        """Your tokenizer, the ``token_pattern`` (``token_mode="sklearn"``) or kalima's
        tokenizer. Segmentation, stop words and stemming follow it, in the analyzer."""
        if self.tokenizer is not None or self.token_mode == "sklearn":
            return super().build_tokenizer()
        # The preprocessor has normalized and lower-cased the text already.
        params = {**self._tokenizer().get_params(), "normalize": None, "lowercase": False}
        return Tokenizer(**params).tokenize

    def _word_ngrams(self, tokens, stop_words=None):
        """scikit-learn's word n-grams after kalima's steps, in the Rust analyzer's order:
        each token segmented (each piece normalized), stop words dropped, what is left stemmed.
        Runs on the Python path only (the Rust analyzer does this itself)."""
        pieces = self._pieces(tokens)
        stop = stop_words or ()
        kept = [(p, stem) for p, stem in pieces if p and p not in stop]
        if self.stem is not None:
            stems = iter(Stemmer(self.stem).stem_batch([p for p, stem in kept if stem], n_jobs=1))
            kept = [(next(stems) if stem else p, stem) for p, stem in kept]
        return super()._word_ngrams([p for p, _ in kept])

    def _pieces(self, tokens: list[str]) -> list[tuple[str, bool]]:
        """The tokens, or with ``segment`` their normalized pieces, each with whether a stemmer
        may cut it."""
        min_stem = self._min_stem()
        if min_stem is None:
            return [(t, True) for t in tokens]
        return _segmented(tokens, min_stem, self._text_normalizer())

    def _text_normalizer(self) -> Normalizer | None:
        """The normalizer, lower-casing too under ``lowercase`` (unless a ``preprocessor``
        replaces lower-casing, as in scikit-learn): what the Rust path applies."""
        normalizer = self._normalizer()
        if not self.lowercase or self.preprocessor is not None:
            return normalizer
        if normalizer is None:
            return Normalizer("none", lowercase=True)
        return Normalizer(**{**normalizer.options, "lowercase": True})

    def _check_documents(self, raw_documents: Any) -> None:
        if isinstance(raw_documents, str):
            raise ValueError("Iterable over raw text documents expected, string object received.")
        check_dtype(raw_documents, "raw_documents")

    def _progress(self, raw_documents: Any, desc: str) -> Any:
        """The progress bar of one pass over the documents (a context giving its update
        function, or None without ``progress``); its total is unknown for a generator."""
        total = len(raw_documents) if hasattr(raw_documents, "__len__") else None
        # getattr: vectorizers pickled before kalima had `progress` lack the attribute.
        return progress_bar(getattr(self, "progress", False), total, desc)

    def _python_path(self, raw_documents: Iterable[Any]) -> Iterator[Any]:
        """The documents for scikit-learn's Python path under kalima's ``errors`` policy, as
        the Rust path applies it: a missing document raises, naming its position, or is empty;
        ``"replace"`` also replaces lone surrogates."""
        raw_documents = _python_objects(raw_documents)
        for i, doc in enumerate(raw_documents):
            if isinstance(doc, str):
                lone = _LONE_SURROGATE.search(doc)
                if lone and self.errors != "replace":
                    raise ValueError(
                        f"raw_documents[{i}] has a lone surrogate U+{ord(lone[0]):04X} at index "
                        f"{lone.start()}; pass errors='replace' to replace it with U+FFFD"
                    )
                yield _LONE_SURROGATE.sub("\ufffd", doc) if lone else doc
            elif shown(doc) in ("None", "nan", "<NA>"):
                if self.errors != "empty":
                    raise MissingValueError(
                        f"raw_documents[{i}] is {shown(doc)}; expected str (pass "
                        "errors='empty' to allow missing values)"
                    )
                yield ""
            else:
                yield doc  # bytes or a file for scikit-learn's decode, or its own error

    def _decode(self, doc: Any) -> Any:
        """scikit-learn's ``decode``: the file's or file name's content under ``input``, bytes
        decoded with ``encoding`` and ``decode_error``. Anything else (a missing document)
        is left for the ``errors`` policy."""
        if self.input == "filename" and isinstance(doc, (str, bytes, os.PathLike)):
            with open(doc, "rb") as fh:
                doc = fh.read()
        elif self.input == "file" and hasattr(doc, "read"):
            doc = doc.read()
        elif self.input == "file" and isinstance(doc, (str, bytes)):
            raise TypeError(
                f"input='file' reads file objects (with a read() method), not "
                f"{type(doc).__name__}; pass input='content' for text or input='filename' for "
                "file names"
            )
        if isinstance(doc, bytes):
            doc = doc.decode(self.encoding, self.decode_error)
        return doc

    def _batches(self, raw_documents: Iterable[Any]) -> Iterator[Any]:
        """Documents for Rust, `_BATCH` at a time, decoded as scikit-learn decodes them."""
        for batch in self._raw_batches(raw_documents):
            if isinstance(batch, list) and (
                self.input != "content" or any(isinstance(d, bytes) for d in batch)
            ):
                batch = [self._decode(d) for d in batch]
            yield batch

    def _raw_batches(self, raw_documents: Iterable[Any]) -> Iterator[Any]:
        return raw_batches(raw_documents, arrow=self.input == "content")

    def _csr(self, parts: tuple[Any, Any, Any], n_rows: int, n_columns: int) -> Any:
        data, indices, indptr = parts
        X = sp.csr_array((data, indices, indptr), shape=(n_rows, n_columns))
        X.has_sorted_indices = True
        X.has_canonical_format = True
        return _align_api_if_sparse(X)

    def _native_dtype(self) -> tuple[str, np.dtype | None]:
        """The dtype Rust builds data in, and the one to convert to afterwards (or None)."""
        dtype = np.dtype(self.dtype)
        if dtype in _NATIVE_DTYPES:
            return _NATIVE_DTYPES[dtype], None
        return ("float64" if dtype.kind == "f" else "int64"), dtype


def raw_batches(documents: Iterable[Any], *, arrow: bool = True) -> Iterator[Any]:
    """`_BATCH` documents at a time for Rust: slices of a list or tuple as they are, Arrow text
    (pandas 3's ``str`` Series, pyarrow arrays) as its buffers when ``arrow``, anything else
    read into lists."""
    if arrow and "pyarrow" in sys.modules:  # Arrow input imports pyarrow
        from . import _arrow

        source = _arrow.source(documents)
        if source is not None:
            for chunk in source.chunks:
                for start in range(0, len(chunk), _BATCH):
                    yield _arrow.strings(chunk.slice(start, _BATCH), source.missing)
            if not any(len(chunk) for chunk in source.chunks):
                yield []
            return
    documents = _python_objects(documents)
    if isinstance(documents, (list, tuple)):
        for start in range(0, max(len(documents), 1), _BATCH):
            yield documents[start : start + _BATCH]
        return
    iterator = iter(documents)
    while batch := list(itertools.islice(iterator, _BATCH)):
        yield batch


# The callables of build_analyzer, build_preprocessor and build_tokenizer are classes, not
# lambdas or bound methods of Rust objects, so that they pickle as scikit-learn's do (joblib and
# multiprocessing send them to worker processes).


class _NativeAnalyzer:
    """The Rust analyzer of an unfitted copy of a vectorizer; it pickles as that copy."""

    def __init__(self, vectorizer: Any) -> None:
        self._vectorizer = vectorizer
        # build_analyzer checked the stop words; a worker process need not warn again.
        vectorizer._stop_words_id = id(vectorizer.stop_words)
        self._analyze = vectorizer._rust_analyzer().analyze

    def __call__(self, doc: Any) -> list[str]:
        return self._analyze(self._vectorizer._decode(doc))

    def __reduce__(self) -> tuple[Any, ...]:
        return (_NativeAnalyzer, (self._vectorizer,))


# The tokens kalima's tokenizer puts for a kind under "placeholder": whole tokens, never
# segmented or normalized.
_PLACEHOLDERS = frozenset(_kalima.placeholders())


def _segmented(
    tokens: list[str], min_stem: int, normalizer: Normalizer | None
) -> list[tuple[str, bool]]:
    """Each token's pieces, normalized, each with whether it is the stem (what a stemmer may
    cut): a word the segmenter splits has ``+`` on every clitic, and a word it leaves whole is
    its own stem."""
    from .segment import Segmenter

    words = [t for t in tokens if t not in _PLACEHOLDERS]
    split = iter(Segmenter(min_stem).segment_batch(words, n_jobs=1))
    pieces: list[tuple[str, bool]] = []
    normalize_at: list[int] = []  # the pieces the normalizer rewrites (not placeholders)
    for token in tokens:
        if token in _PLACEHOLDERS:
            pieces.append((token, True))
            continue
        parts = next(split)
        whole = len(parts) == 1
        for p in parts:
            normalize_at.append(len(pieces))
            pieces.append((p, whole or not (p.startswith("+") or p.endswith("+"))))
    if normalizer is not None:
        normalized = normalizer.normalize_batch([pieces[i][0] for i in normalize_at], n_jobs=1)
        for i, text in zip(normalize_at, normalized):
            pieces[i] = (text, pieces[i][1])
    return pieces


def _python_objects(documents: Any) -> Any:
    """A numpy array, pandas Series or pyarrow array as a list of its Python values (str, or
    None and NaN where one is missing); anything else as it is."""
    if hasattr(documents, "to_pylist"):  # pyarrow: iterating would give its scalars
        return documents.to_pylist()
    if hasattr(documents, "tolist") and hasattr(documents, "ndim"):
        return documents.tolist()
    return documents


def _unchanged(doc: Any) -> Any:
    return doc


class _Then:
    """`second(first(doc))`."""

    def __init__(self, first: Any, second: Any) -> None:
        self.first, self.second = first, second

    def __call__(self, doc: Any) -> Any:
        return self.second(self.first(doc))


class _VocabularyView(Mapping):
    """The fitted vocabulary, kept compact in Rust (a term's column found without a Python
    object per term); ``as_dict`` builds scikit-learn's ``vocabulary_`` dict from it when first
    asked for."""

    def __init__(self, vocabulary: Any) -> None:
        self._vocabulary = vocabulary
        self._dict: dict[str, int] | None = None

    def as_dict(self) -> dict[str, int]:
        if self._dict is None:
            self._dict = dict(zip(self._vocabulary.terms(), itertools.count()))
        return self._dict

    def __getitem__(self, term: str) -> int:
        column = self._vocabulary.get(term) if isinstance(term, str) else None
        if column is None:
            raise KeyError(term)
        return column

    def __contains__(self, term: object) -> bool:
        return isinstance(term, str) and self._vocabulary.get(term) is not None

    def __len__(self) -> int:
        return len(self._vocabulary)

    def __iter__(self) -> Iterator[str]:
        return iter(self._vocabulary.terms())

    def __repr__(self) -> str:
        return f"<vocabulary of {len(self)} terms>"

    def __reduce__(self) -> tuple[Any, ...]:
        return (_VocabularyView._from_terms, (self._vocabulary.terms(),))

    @staticmethod
    def _from_terms(terms: Any) -> _VocabularyView:
        if not isinstance(terms, list) or not all(isinstance(t, str) for t in terms):
            raise ValueError("corrupted vocabulary in pickled state: expected a list of str")
        return _VocabularyView(_kalima.Vocabulary(terms))


def _vocabulary_from_mapping(vocabulary: Mapping[str, int]) -> Any:
    # A column with no term keeps its None, which Vocabulary refuses (a ValueError).
    terms: list[Any] = [None] * len(vocabulary)
    for term, column in vocabulary.items():
        terms[column] = term
    return _kalima.Vocabulary(terms)


class CountVectorizer(_KalimaVectorizer, sk.CountVectorizer):
    """scikit-learn's ``CountVectorizer`` with a Rust analyzer and Arabic options.

    Every scikit-learn parameter keeps its name, default and meaning. kalima adds:

    Parameters
    ----------
    normalize : str, Normalizer or None, default="search"
        A normalizer preset or object applied before tokenizing (after ``lowercase``).
    token_mode : {"arabic", "sklearn"}, default="arabic"
        kalima's tokenizer mode; ``"sklearn"`` uses ``token_pattern`` (exactly scikit-learn's
        tokens with the default pattern).
    stem : {None, "isri", "light10", "snowball"}, default=None
        Stem every word token (after stop words are removed).
    segment : bool or int, default=False
        Split clitics off every word token (:func:`kalima.segment`; an int is the minimum stem
        length, ``True`` means 3): ``وبالمدرسة`` gives the tokens ``و+``, ``ب+``, ``ال+``,
        ``مدرسه``. The segmenter reads words as written, and each piece is normalized after it;
        ``stem`` applies to the stem piece. Add clitics such as ``"و+"`` to ``stop_words`` to
        drop them.
    keep_punct, urls, emails, mentions, hashtags, numbers, emoji
        The tokenizer's per-kind options (``token_mode="arabic"``); see
        :class:`kalima.Tokenizer`.
    n_jobs : int or None, default=None
        Threads for analysing and counting. Unlike scikit-learn's ``n_jobs`` (processes, and
        ``None`` meaning one), these are threads of one process, and ``None`` uses every core,
        at most ``KALIMA_NUM_THREADS`` when that is set, and one thread inside a worker process
        (``GridSearchCV(n_jobs=2)``, multiprocessing, Dask), so nothing oversubscribes; ``-1``
        is every core, ``1`` one thread. Output never depends on it.
    errors : {"raise", "empty", "replace"}, default="raise"
        A missing document (None, NaN, ``pd.NA``) raises :class:`kalima.MissingValueError` (a
        ``TypeError`` and a ``ValueError``, as scikit-learn raises for NaN) naming its position,
        or is an empty row under ``"empty"``; ``"replace"`` also replaces lone surrogates.
    progress : bool, default=False
        Show a tqdm bar (needs ``tqdm``) while ``fit``, ``fit_transform``, ``transform`` and
        ``partial_fit`` read documents (Rust path only). Ctrl-C stops them within a chunk of
        documents with ``KeyboardInterrupt``; the vectorizer keeps its previous fit (an
        interrupted ``partial_fit`` adds none of its documents).

    Examples
    --------
    >>> from kalima import CountVectorizer
    >>> cv = CountVectorizer()
    >>> X = cv.fit_transform(["قالَ الرئيسُ", "قال الرئيس إنّ النمو ٣٪"])
    >>> cv.get_feature_names_out().tolist()
    ['3%', 'الرءيس', 'النمو', 'ان', 'قال']
    >>> X.toarray().tolist()
    [[0, 1, 0, 0, 1], [1, 1, 1, 1, 1]]
    """

    _parameter_constraints: ClassVar[dict] = {
        **sk.CountVectorizer._parameter_constraints,
        **_KALIMA_CONSTRAINTS,
    }

    def __init__(
        self,
        *,
        input="content",
        encoding="utf-8",
        decode_error="strict",
        strip_accents=None,
        lowercase=True,
        preprocessor=None,
        tokenizer=None,
        stop_words=None,
        token_pattern=_SKLEARN_PATTERN,
        ngram_range=(1, 1),
        analyzer="word",
        max_df=1.0,
        min_df=1,
        max_features=None,
        vocabulary=None,
        binary=False,
        dtype=np.int64,
        normalize: Preset | Normalizer | None = "search",
        token_mode: TokenizerMode = "arabic",
        stem: StemMethod | None = None,
        segment: bool | int = False,
        keep_punct: bool = False,
        urls: KindAction = "keep",
        emails: KindAction = "keep",
        mentions: KindAction = "keep",
        hashtags: HashtagAction = "keep",
        numbers: KindAction = "keep",
        emoji: KindAction = "keep",
        n_jobs: int | None = None,
        errors: VectorizerErrors = "raise",
        progress: bool = False,
    ) -> None:
        super().__init__(
            input=input,
            encoding=encoding,
            decode_error=decode_error,
            strip_accents=strip_accents,
            lowercase=lowercase,
            preprocessor=preprocessor,
            tokenizer=tokenizer,
            stop_words=stop_words,
            token_pattern=token_pattern,
            ngram_range=ngram_range,
            analyzer=analyzer,
            max_df=max_df,
            min_df=min_df,
            max_features=max_features,
            vocabulary=vocabulary,
            binary=binary,
            dtype=dtype,
        )
        self._init_kalima(
            normalize=normalize,
            token_mode=token_mode,
            stem=stem,
            segment=segment,
            keep_punct=keep_punct,
            urls=urls,
            emails=emails,
            mentions=mentions,
            hashtags=hashtags,
            numbers=numbers,
            emoji=emoji,
            n_jobs=n_jobs,
            errors=errors,
            progress=progress,
        )

    @property
    def vocabulary_(self) -> dict[str, int]:
        """Term → column, scikit-learn's dict. Fitting keeps the vocabulary compact in Rust
        and builds this dict on first access (a str and a dict entry per term); changing it
        does not change the vectorizer: assign a new mapping to ``vocabulary_`` for that."""
        try:
            return self._vocabulary_.as_dict()
        except AttributeError:
            raise AttributeError("vocabulary_") from None

    @vocabulary_.setter
    def vocabulary_(self, vocabulary: Mapping[str, int]) -> None:
        self._vocabulary_ = _VocabularyView(_vocabulary_from_mapping(vocabulary))

    def _check_vocabulary(self) -> None:
        # scikit-learn's, without building the vocabulary_ dict.
        if not hasattr(self, "_vocabulary_"):
            self._validate_vocabulary()
            if not self.fixed_vocabulary_:
                raise NotFittedError("Vocabulary not fitted or provided")
        if len(self._vocabulary_) == 0:
            raise ValueError("Vocabulary is empty")

    def fit(self, raw_documents, y=None):
        """Learn the vocabulary of ``raw_documents``."""
        self.fit_transform(raw_documents)
        return self

    @_fit_context(prefer_skip_nested_validation=True)
    def fit_transform(self, raw_documents, y=None):
        """Learn the vocabulary and return the document-term matrix."""
        self._check_documents(raw_documents)
        if not self._is_native():
            self._warn_for_vocabulary(upper_case=False)  # scikit-learn's fit warns of that
            # Counts only (not a TfidfVectorizer's fit_transform): TF-IDF weighs them itself.
            return sk.CountVectorizer.fit_transform(self, self._python_path(raw_documents))
        self._validate_ngram_range()
        self._warn_for_unused_params()
        self._validate_vocabulary()
        self._warn_for_vocabulary(upper_case=True)
        analyzer = self._rust_analyzer()
        builder = _kalima.CountBuilder()
        n_rows = 0
        if self.fixed_vocabulary_:
            vocabulary = self._vocabulary_._vocabulary
            with self._progress(raw_documents, "transform") as update:
                for docs in self._batches(raw_documents):
                    analyzer.transform(builder, vocabulary, docs, self.n_jobs, self.errors, update)
                    n_rows += len(docs)
            counts = builder.finish_transform(vocabulary)
        else:
            with self._progress(raw_documents, "fit") as update:
                for docs in self._batches(raw_documents):
                    analyzer.fit(builder, docs, self.n_jobs, self.errors, update)
                    n_rows += len(docs)
            if not builder.fit_terms():
                raise ValueError("empty vocabulary; perhaps the documents only contain stop words")
            # min_df and max_df prune in Rust, before the terms are sorted.
            counts = builder.finish_fit(*self._doc_count_bounds(n_rows), self.n_jobs)
        if self.binary:
            counts.binarize()
        if not self.fixed_vocabulary_:
            self._prune(counts, n_rows)
            self._vocabulary_ = _VocabularyView(counts.vocabulary())
        return self._matrix(counts, n_rows, len(self._vocabulary_))

    def _warn_for_vocabulary(self, *, upper_case: bool) -> None:
        """Terms of a given vocabulary that no document can produce: scikit-learn's warning for
        upper-case ones under ``lowercase``, and kalima's for word terms the normalizer would
        rewrite (``أحمد`` under ``"search"``, which writes ``احمد``)."""
        if self.vocabulary is None:
            return
        terms = [t for t in self.vocabulary if isinstance(t, str)]
        if upper_case and self.lowercase and any(any(map(str.isupper, t)) for t in terms):
            warnings.warn(
                "Upper case characters found in vocabulary while 'lowercase' is True. These "
                "entries will not be matched with any documents",
                stacklevel=3,
            )
        normalizer = self._normalizer()
        if normalizer is None or self.analyzer != "word" or self.stem is not None:
            return
        words = sorted({w for t in terms for w in t.split(" ") if w not in _PLACEHOLDERS})
        rewritten = [(w, n) for w, n in zip(words, normalizer.normalize_batch(words)) if w != n]
        if not rewritten:
            return
        how = (
            f"[kalima.normalize(term, preset={self.normalize!r}) for term in vocabulary]"
            if isinstance(self.normalize, str)
            else "[normalize(term) for term in vocabulary] with the Normalizer given as normalize"
        )
        listed = ", ".join(f"{w!r} (→ {n!r})" for w, n in rewritten[:10])
        warnings.warn(
            f"{len(rewritten)} word(s) of the vocabulary are not written as normalize="
            f"{self.normalize!r} writes the documents, so the terms holding them will not be "
            f"matched with any document: {listed}. Normalize the vocabulary first: {how}",
            UserWarning,
            stacklevel=3,
        )

    def _doc_count_bounds(self, n_rows: int) -> tuple[int, int]:
        """scikit-learn's ``min_df`` and ``max_df`` as document counts: a term is kept when
        ``low <= df <= high`` (the same test as scikit-learn's float comparisons)."""
        max_df, min_df = self.max_df, self.min_df
        max_doc_count = max_df if isinstance(max_df, (int, np.integer)) else max_df * n_rows
        min_doc_count = min_df if isinstance(min_df, (int, np.integer)) else min_df * n_rows
        if max_doc_count < min_doc_count:
            raise ValueError("max_df corresponds to < documents than min_df")
        return max(math.ceil(min_doc_count), 0), math.floor(max_doc_count)

    def _kept(self, dfs: np.ndarray, tfs: Any, n_rows: int) -> np.ndarray | None:
        """scikit-learn's ``min_df``, ``max_df`` and ``max_features``, step for step: the columns
        to keep, or None for all (ties at the ``max_features`` cut fall as numpy's ``argsort``
        puts them, as in scikit-learn). ``tfs`` is called only when needed."""
        low, high = self._doc_count_bounds(n_rows)
        mask = (dfs >= low) & (dfs <= high)
        if self.max_features is not None and mask.sum() > self.max_features:
            mask_inds = (-tfs()[mask]).argsort()[: self.max_features]
            new_mask = np.zeros(len(dfs), dtype=bool)
            new_mask[np.where(mask)[0][mask_inds]] = True
            mask = new_mask
        if mask.all():
            if not len(mask):
                raise ValueError(
                    "After pruning, no terms remain. Try a lower min_df or a higher max_df."
                )
            return None
        if not mask.any():
            raise ValueError(
                "After pruning, no terms remain. Try a lower min_df or a higher max_df."
            )
        return mask

    def _prune(self, counts: Any, n_rows: int) -> None:
        mask = self._kept(counts.document_frequencies(), counts.term_frequencies, n_rows)
        if mask is not None:
            counts.keep_columns(mask)

    @_fit_context(prefer_skip_nested_validation=True)
    def partial_fit(self, raw_documents, y=None):
        """Add ``raw_documents`` to the documents seen so far: the vocabulary becomes the one a
        single ``fit`` on all of them learns (out-of-core fitting, one list or generator of
        documents at a time)."""
        frequencies = self._frequencies_of(raw_documents)
        if hasattr(self, "_frequencies"):
            _kalima.Frequencies.merge_into(frequencies, self._frequencies)
        return self._fit_frequencies(frequencies)

    def _frequencies_of(self, raw_documents) -> Any:
        """The document and term frequencies of ``raw_documents`` (a part of a distributed or
        out-of-core fit; parts merge with ``Frequencies.merge``)."""
        self._check_documents(raw_documents)
        if not self._is_native():
            raise ValueError(
                "partial_fit needs the Rust analyzer: no preprocessor, tokenizer, strip_accents "
                "or custom analyzer or token_pattern"
            )
        self._validate_ngram_range()
        self._validate_vocabulary()
        if self.fixed_vocabulary_:
            raise ValueError("partial_fit learns a vocabulary; this vectorizer has a fixed one")
        frequencies = _kalima.Frequencies()
        analyzer = self._rust_analyzer()
        with self._progress(raw_documents, "partial_fit") as update:
            for docs in self._batches(raw_documents):
                analyzer.frequencies(frequencies, docs, self.n_jobs, self.errors, update)
        return frequencies

    def _fit_frequencies(self, frequencies: Any):
        """Fitted from the frequencies of every document seen: the vocabulary (pruned as
        scikit-learn prunes) and, for TF-IDF, the idf."""
        terms, dfs, tfs = frequencies.sorted()
        if not terms:
            raise ValueError("empty vocabulary; perhaps the documents only contain stop words")
        n_rows = frequencies.documents()
        mask = self._kept(dfs, lambda: dfs if self.binary else tfs, n_rows)
        if mask is not None:
            terms = [t for t, keep in zip(terms, mask) if keep]
            dfs = dfs[mask]
        self._frequencies = frequencies
        self._vocabulary_ = _VocabularyView(_kalima.Vocabulary(terms))
        self._partial_fitted(dfs, n_rows)
        return self

    def _partial_fitted(self, dfs: np.ndarray, n_rows: int) -> None:
        """What a subclass learns besides the vocabulary (TF-IDF: the idf)."""

    def _matrix(self, counts: Any, n_rows: int, n_columns: int) -> Any:
        dtype, convert = self._native_dtype()
        X = self._csr(counts.take_csr(dtype), n_rows, n_columns)
        return X if convert is None else X.astype(convert)

    def transform(self, raw_documents):
        """The document-term matrix of ``raw_documents`` over the learned vocabulary."""
        self._check_documents(raw_documents)
        if not self._is_native():
            return sk.CountVectorizer.transform(self, self._python_path(raw_documents))
        self._check_vocabulary()
        vocabulary = self._vocabulary_._vocabulary
        analyzer = self._rust_analyzer()
        builder = _kalima.CountBuilder()
        n_rows = 0
        with self._progress(raw_documents, "transform") as update:
            for docs in self._batches(raw_documents):
                analyzer.transform(builder, vocabulary, docs, self.n_jobs, self.errors, update)
                n_rows += len(docs)
        counts = builder.finish_transform(vocabulary)
        if self.binary:
            counts.binarize()
        return self._matrix(counts, n_rows, len(vocabulary))

    def get_feature_names_out(self, input_features=None):
        """The column terms, as an object array (scikit-learn's)."""
        self._check_vocabulary()
        return np.asarray(self._vocabulary_._vocabulary.terms(), dtype=object)


class TfidfVectorizer(CountVectorizer, sk.TfidfVectorizer):
    """scikit-learn's ``TfidfVectorizer`` with a Rust analyzer and Arabic options: counting as
    :class:`kalima.CountVectorizer` does it, then scikit-learn's own ``TfidfTransformer``.

    Examples
    --------
    >>> from kalima import TfidfVectorizer
    >>> tv = TfidfVectorizer(sublinear_tf=True)
    >>> X = tv.fit_transform(["قالَ الرئيسُ", "قال الرئيس إنّ النمو ٣٪"])
    >>> X.shape, round(float(X[0, 1]), 4)
    ((2, 5), 0.7071)
    """

    _parameter_constraints: ClassVar[dict] = {
        **sk.TfidfVectorizer._parameter_constraints,
        **_KALIMA_CONSTRAINTS,
    }

    def __init__(
        self,
        *,
        input="content",
        encoding="utf-8",
        decode_error="strict",
        strip_accents=None,
        lowercase=True,
        preprocessor=None,
        tokenizer=None,
        analyzer="word",
        stop_words=None,
        token_pattern=_SKLEARN_PATTERN,
        ngram_range=(1, 1),
        max_df=1.0,
        min_df=1,
        max_features=None,
        vocabulary=None,
        binary=False,
        dtype=np.float64,
        norm="l2",
        use_idf=True,
        smooth_idf=True,
        sublinear_tf=False,
        normalize: Preset | Normalizer | None = "search",
        token_mode: TokenizerMode = "arabic",
        stem: StemMethod | None = None,
        segment: bool | int = False,
        keep_punct: bool = False,
        urls: KindAction = "keep",
        emails: KindAction = "keep",
        mentions: KindAction = "keep",
        hashtags: HashtagAction = "keep",
        numbers: KindAction = "keep",
        emoji: KindAction = "keep",
        n_jobs: int | None = None,
        errors: VectorizerErrors = "raise",
        progress: bool = False,
    ) -> None:
        super().__init__(
            input=input,
            encoding=encoding,
            decode_error=decode_error,
            strip_accents=strip_accents,
            lowercase=lowercase,
            preprocessor=preprocessor,
            tokenizer=tokenizer,
            analyzer=analyzer,
            stop_words=stop_words,
            token_pattern=token_pattern,
            ngram_range=ngram_range,
            max_df=max_df,
            min_df=min_df,
            max_features=max_features,
            vocabulary=vocabulary,
            binary=binary,
            dtype=dtype,
            normalize=normalize,
            token_mode=token_mode,
            stem=stem,
            segment=segment,
            keep_punct=keep_punct,
            urls=urls,
            emails=emails,
            mentions=mentions,
            hashtags=hashtags,
            numbers=numbers,
            emoji=emoji,
            n_jobs=n_jobs,
            errors=errors,
            progress=progress,
        )
        self.norm = norm
        self.use_idf = use_idf
        self.smooth_idf = smooth_idf
        self.sublinear_tf = sublinear_tf

    def _partial_fitted(self, dfs: np.ndarray, n_rows: int) -> None:
        # scikit-learn's TfidfTransformer.fit, from the document frequencies (fitted on one
        # empty row first, so it knows its number of features; that row's idf, which divides
        # by zero without smooth_idf, is replaced below).
        self._check_params()
        self._tfidf = sk.TfidfTransformer(
            norm=self.norm,
            use_idf=self.use_idf,
            smooth_idf=self.smooth_idf,
            sublinear_tf=self.sublinear_tf,
        )
        with np.errstate(divide="ignore"):
            self._tfidf.fit(sp.csr_array((1, len(dfs)), dtype=self.dtype))
        if self.use_idf:
            dtype = self.dtype if np.dtype(self.dtype) in (np.float64, np.float32) else np.float64
            df = dfs.astype(dtype) + float(self.smooth_idf)
            idf = np.full_like(df, fill_value=n_rows + int(self.smooth_idf), dtype=dtype)
            idf /= df
            np.log(idf, out=idf)
            idf += 1.0
            self._tfidf.idf_ = idf

    def fit(self, raw_documents, y=None):
        """Learn the vocabulary and idf of ``raw_documents``."""
        self.fit_transform(raw_documents)
        return self

    @_fit_context(prefer_skip_nested_validation=True)
    def fit_transform(self, raw_documents, y=None):
        """Learn the vocabulary and idf, and return the TF-IDF matrix."""
        self._check_params()
        X = _float_csr(CountVectorizer.fit_transform(self, raw_documents))
        self._partial_fitted(_document_frequencies(X), X.shape[0])
        return self._weigh(X)

    def transform(self, raw_documents):
        """The TF-IDF matrix of ``raw_documents`` with the learned vocabulary and idf."""
        check_is_fitted(self, msg="The TF-IDF vectorizer is not fitted")
        return self._weigh(_float_csr(CountVectorizer.transform(self, raw_documents)))

    def _weigh(self, X: Any) -> Any:
        """scikit-learn's ``TfidfTransformer.transform(X, copy=False)`` step for step, the idf
        product a slice at a time: its ``idf_[X.indices]`` is a temporary as large as the
        matrix's data, which would raise the peak memory of a fit by half the matrix."""
        data = X.data
        if self.sublinear_tf:
            np.log(data, data)
            data += 1.0
        if self.use_idf:
            idf = self._tfidf.idf_
            for start in range(0, len(data), _SLICE):
                data[start : start + _SLICE] *= idf[X.indices[start : start + _SLICE]]
        if self.norm is not None:
            X = normalize_rows(X, norm=self.norm, copy=False)
        return _align_api_if_sparse(X)


# Stored values per slice when weighing a matrix in place: temporaries stay a few MB.
_SLICE = 1 << 20


def _float_csr(X: Any) -> Any:
    """``X`` with float data, as scikit-learn's ``TfidfTransformer`` validates it."""
    return X if X.dtype in (np.float64, np.float32) else X.astype(np.float64)


def _document_frequencies(X: Any) -> np.ndarray:
    """Documents containing each column of the CSR matrix ``X`` (scikit-learn's
    ``_document_frequency``), counted a slice at a time: ``np.bincount`` copies int32 indices
    to intp, a temporary as large as the matrix's indices."""
    df = np.zeros(X.shape[1], dtype=np.int64)
    for start in range(0, X.nnz, _SLICE):
        df += np.bincount(X.indices[start : start + _SLICE], minlength=X.shape[1])
    return df


class HashingVectorizer(_KalimaVectorizer, sk.HashingVectorizer):
    """scikit-learn's ``HashingVectorizer`` with a Rust analyzer and Arabic options: the same
    MurmurHash3 columns and signs, so ``token_mode="sklearn", normalize=None`` gives
    scikit-learn's matrix bit for bit. Stateless: any iterable streams through in batches.

    Examples
    --------
    >>> from kalima import HashingVectorizer
    >>> X = HashingVectorizer(n_features=2**10).transform(["قال الرئيس", "قالَ الرئيسُ"])
    >>> X.shape, (X[0] != X[1]).nnz
    ((2, 1024), 0)
    """

    _parameter_constraints: ClassVar[dict] = {
        **sk.HashingVectorizer._parameter_constraints,
        **_KALIMA_CONSTRAINTS,
    }

    def __init__(
        self,
        *,
        input="content",
        encoding="utf-8",
        decode_error="strict",
        strip_accents=None,
        lowercase=True,
        preprocessor=None,
        tokenizer=None,
        stop_words=None,
        token_pattern=_SKLEARN_PATTERN,
        ngram_range=(1, 1),
        analyzer="word",
        n_features=(2**20),
        binary=False,
        norm="l2",
        alternate_sign=True,
        dtype=np.float64,
        normalize: Preset | Normalizer | None = "search",
        token_mode: TokenizerMode = "arabic",
        stem: StemMethod | None = None,
        segment: bool | int = False,
        keep_punct: bool = False,
        urls: KindAction = "keep",
        emails: KindAction = "keep",
        mentions: KindAction = "keep",
        hashtags: HashtagAction = "keep",
        numbers: KindAction = "keep",
        emoji: KindAction = "keep",
        n_jobs: int | None = None,
        errors: VectorizerErrors = "raise",
        progress: bool = False,
    ) -> None:
        super().__init__(
            input=input,
            encoding=encoding,
            decode_error=decode_error,
            strip_accents=strip_accents,
            lowercase=lowercase,
            preprocessor=preprocessor,
            tokenizer=tokenizer,
            stop_words=stop_words,
            token_pattern=token_pattern,
            ngram_range=ngram_range,
            analyzer=analyzer,
            n_features=n_features,
            binary=binary,
            norm=norm,
            alternate_sign=alternate_sign,
            dtype=dtype,
        )
        self._init_kalima(
            normalize=normalize,
            token_mode=token_mode,
            stem=stem,
            segment=segment,
            keep_punct=keep_punct,
            urls=urls,
            emails=emails,
            mentions=mentions,
            hashtags=hashtags,
            numbers=numbers,
            emoji=emoji,
            n_jobs=n_jobs,
            errors=errors,
            progress=progress,
        )

    def transform(self, X):
        """The hashed document-term matrix of the documents ``X``."""
        self._check_documents(X)
        if not self._is_native():
            return super().transform(self._python_path(X))
        self._validate_ngram_range()
        self._warn_for_unused_params()
        analyzer = self._rust_analyzer()
        dtype = np.dtype(self.dtype)
        native = "float32" if dtype == np.float32 else "float64"
        with self._progress(X, "transform") as update:
            blocks = [
                self._csr(
                    analyzer.hash(
                        docs,
                        self.n_features,
                        self.alternate_sign,
                        native,
                        self.n_jobs,
                        self.errors,
                        update,
                    ),
                    len(docs),
                    self.n_features,
                )
                for docs in self._batches(X)
            ]
        out = blocks[0] if len(blocks) == 1 else sp.vstack(blocks, format="csr")
        if dtype != np.dtype(native):
            out = out.astype(dtype)
        if self.binary:
            out.data.fill(1)
        if self.norm is not None:
            out = normalize_rows(out, norm=self.norm, copy=False)
        return _align_api_if_sparse(out)
