"""The ``.arabic`` accessor of pandas Series, registered as soon as both kalima and pandas are
imported (in either order; ``import kalima`` never imports pandas itself)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pandas as pd

from ._types import Errors, NormalizerOptions, Preset, StemMethod, TokenizerMode, TokenizerOptions
from .normalize import Explanation, Normalizer
from .segment import Segmenter
from .stem import Stemmer
from .tokenize import Tokenizer

if TYPE_CHECKING:
    from typing_extensions import Unpack

__all__ = ["ArabicAccessor"]


@pd.api.extensions.register_series_accessor("arabic")
class ArabicAccessor:
    """kalima on a Series of Arabic text: ``s.arabic.normalize()``, ``.tokenize()``,
    ``.stem()``, ``.segment()``, ``.explain(label)``, ``.near_duplicates()`` and
    ``.drop_near_duplicates()``.

    Every method runs the batch method of the matching kalima class (with ``n_jobs`` and
    ``progress``), and returns a Series with the same index and name: the same dtype for
    ``normalize`` and ``stem`` (an Arrow-backed Series, such as pandas 3's default ``str``, is
    read from its Arrow buffers and comes back Arrow-backed), object dtype with one list per row
    for ``tokenize`` and ``segment``. Missing values (None, NaN, ``pd.NA``) stay missing by
    default (``errors="keep"``); ``errors="empty"`` makes them ``""`` (or ``[]``) and
    ``errors="raise"`` raises a ``TypeError`` naming the first one's position.

    Examples
    --------
    >>> import pandas as pd
    >>> import kalima
    >>> s = pd.Series(["قالَ الرئيسُ", None, "إنّ الحكومـــة مسؤولة"], name="text")
    >>> s.arabic.normalize()
    0           قال الرءيس
    1                  NaN
    2    ان الحكومه مسءوله
    Name: text, dtype: str
    >>> s.arabic.normalize("camel").tolist()
    ['قال الرئيس', nan, 'ان الحكومـــه مسؤوله']
    >>> s.arabic.tokenize(normalize="search", errors="empty").tolist()
    [['قال', 'الرءيس'], [], ['ان', 'الحكومه', 'مسءوله']]
    >>> words = pd.Series(["والمعلمون", "بالمدرسة"], index=["a", "b"])
    >>> words.arabic.stem("isri").tolist()
    ['علم', 'درس']
    >>> words.arabic.segment()
    a    [و+, ال+, معلمون]
    b     [ب+, ال+, مدرسة]
    dtype: object
    >>> words.arabic.explain("b").normalized
    'بالمدرسه'
    """

    def __init__(self, series: pd.Series) -> None:
        self._series = series

    def normalize(
        self,
        preset: Preset = "search",
        *,
        n_jobs: int | None = None,
        errors: Errors = "keep",
        progress: bool = False,
        **options: Unpack[NormalizerOptions],
    ) -> pd.Series:
        """Every text normalized with ``preset`` and option overrides, as
        :meth:`kalima.Normalizer.normalize_batch` does it."""
        return Normalizer(preset, **options).normalize_batch(
            self._series, n_jobs, errors=errors, progress=progress
        )

    def tokenize(
        self,
        mode: TokenizerMode = "arabic",
        *,
        n_jobs: int | None = None,
        errors: Errors = "keep",
        progress: bool = False,
        **options: Unpack[TokenizerOptions],
    ) -> pd.Series:
        """The tokens of every text, a list per row; ``options`` are :class:`kalima.Tokenizer`'s
        (``normalize="search"`` normalizes first)."""
        return Tokenizer(mode, **options).tokenize_batch(
            self._series, n_jobs, errors=errors, progress=progress
        )

    def stem(
        self,
        method: StemMethod,
        *,
        n_jobs: int | None = None,
        errors: Errors = "keep",
        progress: bool = False,
    ) -> pd.Series:
        """The stem of every word (one word per row; tokenize and ``explode`` first for
        running text); see :class:`kalima.Stemmer` for the methods."""
        return Stemmer(method).stem_batch(self._series, n_jobs, errors=errors, progress=progress)

    def segment(
        self,
        min_stem: int = 3,
        *,
        n_jobs: int | None = None,
        errors: Errors = "keep",
        progress: bool = False,
    ) -> pd.Series:
        """The clitic pieces of every word, a list per row; see :class:`kalima.Segmenter`."""
        return Segmenter(min_stem).segment_batch(
            self._series, n_jobs, errors=errors, progress=progress
        )

    def explain(
        self, label: Any, preset: Preset = "search", **options: Unpack[NormalizerOptions]
    ) -> Explanation:
        """Every change normalization makes to the text at index ``label`` (``s.loc[label]``,
        a label, not a position: ``kalima.explain(s.iloc[i])`` explains position ``i``); see
        :func:`kalima.explain`."""
        text = self._series.loc[label]
        if isinstance(text, pd.Series):
            raise ValueError(f"the index label {label!r} is not unique: it names {len(text)} rows")
        return Normalizer(preset, **options).explain(text)

    def near_duplicates(
        self,
        threshold: float = 0.8,
        *,
        n_jobs: int | None = None,
        errors: str = "empty",
        progress: bool = False,
        **params: Any,
    ) -> pd.Series:
        """The near-duplicate cluster of every row (int64, same index and name): rows whose
        shingle sets have a Jaccard of at least ``threshold`` are in one cluster, numbered from
        0 in order of their first row; -1 for a row with no near-duplicate. A missing value has
        no shingle and is -1 (``errors="raise"`` raises instead). ``params`` are
        :class:`kalima.NearDuplicates`'s (``n``, ``shingle``, ``normalize``, ``num_perm``, …).

        >>> s = pd.Series(["خبر عاجل عن الطقس", "فوز الفريق", "خبر عاجل عن الطقس"])
        >>> s.arabic.near_duplicates().tolist()
        [0, -1, 0]
        """
        nd = self._near_duplicates(threshold, n_jobs, errors, progress, params)
        return pd.Series(nd.labels_, index=self._series.index, name=self._series.name)

    def drop_near_duplicates(
        self,
        threshold: float = 0.8,
        *,
        n_jobs: int | None = None,
        errors: str = "empty",
        progress: bool = False,
        **params: Any,
    ) -> pd.Series:
        """The Series without the near-duplicates of earlier rows: the first row of each
        cluster is kept, as pandas' ``drop_duplicates()`` keeps the first of equal rows;
        parameters as for :meth:`near_duplicates`.

        >>> s = pd.Series(["خبر عاجل عن الطقس", "فوز الفريق", "خبر عاجل عن الطقس"])
        >>> s.arabic.drop_near_duplicates().index.tolist()
        [0, 1]
        """
        nd = self._near_duplicates(threshold, n_jobs, errors, progress, params)
        return self._series[~nd.duplicated_]

    def _near_duplicates(
        self, threshold: float, n_jobs: int | None, errors: str, progress: bool, params: dict
    ) -> Any:
        from .dedup import NearDuplicates

        return NearDuplicates(
            threshold=threshold, n_jobs=n_jobs, errors=errors, progress=progress, **params
        ).fit(self._series)
