"""Light, rule-based clitic segmentation from the Rust core."""

from __future__ import annotations

from typing import Any, Literal, overload

from . import _kalima
from ._batch import check_one_word, map_batch
from ._immutable import Immutable
from ._pickle import rebuild
from ._types import Errors, TextErrors, TextList

__all__ = ["Segmenter", "segment"]


class Segmenter(Immutable):
    """An immutable, picklable clitic segmenter: splits a word into its proclitics, stem and
    pronoun suffix, ATB style (``و+``, ``ب+``, ``ال+``, stem, ``+ها``).

    Proclitics, in grammar order: a conjunction (و; ف only before the article, a function word
    or the future prefix س), a preposition (ب or ل; ك only before the article) and the article
    ال. ل with the article is spelled لل and comes back as one piece, ``"لل+"``. Then at most one
    pronoun suffix (هما كما هم هن ها كم كن نا ه ك), never on a word that took the article. Every
    piece is a substring of the word, diacritics included, so joining the pieces without their
    ``+`` markers gives the word back. Words with characters other than Arabic letters,
    diacritics and tatweel come back whole. The documentation (docs/stemming.md) lists the rules
    and known wrong splits.

    Parameters
    ----------
    min_stem : int, default=3
        The fewest letters (diacritics not counted) a stem may keep: a clitic is not split off
        when less would remain, so short words such as وجه and ولد stay whole.

    Examples
    --------
    >>> from kalima import Segmenter
    >>> seg = Segmenter()
    >>> seg("وبالمدرسة")
    ['و+', 'ب+', 'ال+', 'مدرسة']
    >>> seg.segment_batch(["كتابها", "للمدرسة", "وجه", "BBC"])
    [['كتاب', '+ها'], ['لل+', 'مدرسة'], ['وجه'], ['BBC']]
    >>> Segmenter(min_stem=2)("ولد")
    ['و+', 'لد']
    """

    __slots__ = ("_core",)
    _core: _kalima.Segmenter

    def __init__(self, min_stem: int = 3) -> None:
        if isinstance(min_stem, bool) or not isinstance(min_stem, int):
            raise TypeError(f"min_stem must be an int, not {type(min_stem).__name__}")
        if min_stem < 1:
            raise ValueError(f"min_stem must be at least 1; got {min_stem}")
        self._init(_core=_kalima.Segmenter(min_stem))

    @property
    def min_stem(self) -> int:
        """The minimum stem length, in letters."""
        return self._core.min_stem

    def segment(self, word: str, *, errors: TextErrors = "raise") -> list[str]:
        """The pieces of one word; ``[word]`` when it is not split. A text with white space
        raises ``ValueError``: tokenize it first."""
        check_one_word(
            word, "Segmenter(min_stem={}).segment_batch(kalima.tokenize(text))", self.min_stem
        )
        return self._core.segment(word, errors)

    __call__ = segment

    @overload
    def segment_batch(
        self,
        words: TextList,
        n_jobs: int | None = None,
        *,
        errors: Literal["raise", "empty", "replace"] = "raise",
        progress: bool = False,
    ) -> list[list[str]]: ...
    @overload
    def segment_batch(
        self,
        words: TextList,
        n_jobs: int | None = None,
        *,
        errors: Literal["keep"],
        progress: bool = False,
    ) -> list[Any]: ...
    @overload
    def segment_batch(
        self,
        words: Any,
        n_jobs: int | None = None,
        *,
        errors: Errors = "raise",
        progress: bool = False,
    ) -> Any: ...
    def segment_batch(
        self,
        words: Any,
        n_jobs: int | None = None,
        *,
        errors: Errors = "raise",
        progress: bool = False,
    ) -> Any:
        """Segment many words on ``n_jobs`` threads, GIL released; same containers, missing
        values, ``errors`` policy and ``progress`` bar as
        :meth:`kalima.Normalizer.normalize_batch`, except that ``errors="empty"`` turns a
        missing word into ``[]``."""
        return map_batch(
            words,
            lambda docs, update, first: self._core.segment_batch(
                docs, n_jobs, errors, update, first
            ),
            text_out=False,
            progress=progress,
            desc="segment",
        )

    def __repr__(self) -> str:
        return f"Segmenter(min_stem={self.min_stem})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Segmenter) and self.min_stem == other.min_stem

    def __hash__(self) -> int:
        return hash(("Segmenter", self.min_stem))

    def __reduce__(self) -> tuple[Any, ...]:
        return (rebuild, (Segmenter, {"min_stem": self.min_stem}))


@overload
def segment(word_or_words: str, *, min_stem: int = 3, n_jobs: int | None = None) -> list[str]: ...
@overload
def segment(
    word_or_words: TextList, *, min_stem: int = 3, n_jobs: int | None = None
) -> list[list[str]]: ...
@overload
def segment(word_or_words: Any, *, min_stem: int = 3, n_jobs: int | None = None) -> Any: ...
def segment(word_or_words: Any, *, min_stem: int = 3, n_jobs: int | None = None) -> Any:
    """Segment a word (str in, list of pieces out) or a batch of words (list, tuple, numpy
    array or Series in, one list of pieces per word out); see :class:`Segmenter`.

    Examples
    --------
    >>> from kalima import segment
    >>> segment("فسيكتبونها")
    ['ف+', 'سيكتبون', '+ها']
    >>> segment(["والمعلمون", "الله", "بلاده"])
    [['و+', 'ال+', 'معلمون'], ['الله'], ['بلاد', '+ه']]
    """
    segmenter = Segmenter(min_stem)
    if isinstance(word_or_words, str):
        check_one_word(
            word_or_words, "kalima.segment(kalima.tokenize(text), min_stem={})", min_stem
        )
        return segmenter.segment(word_or_words)
    return segmenter.segment_batch(word_or_words, n_jobs=n_jobs)
