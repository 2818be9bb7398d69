"""Arabic stemmers from the Rust core."""

from __future__ import annotations

from typing import Any, Literal, overload

from . import _kalima
from ._batch import check_one_word, map_batch
from ._immutable import Immutable
from ._pickle import rebuild
from ._types import Errors, StemMethod, TextErrors, TextList

__all__ = ["STEMMERS", "Stemmer", "stem"]

#: Names of the stemming methods.
STEMMERS: tuple[str, ...] = tuple(_kalima.stemmer_names())


class Stemmer(Immutable):
    """An immutable, picklable stemmer.

    Parameters
    ----------
    method : str
        ``"isri"``: the ISRI root stemmer (Taghva et al. 2005), with output identical to NLTK's
        ``ISRIStemmer`` (tested on every distinct token of the shared corpora). It removes short
        vowels, leaves ISRI's 49 stop words as they are, strips prefixes and suffixes, and
        matches word patterns to extract mostly three-letter roots.

        ``"light10"``: the light stemmer of Larkey, Ballesteros & Connell (2007), as Lucene's
        Arabic normalizer and stemmer apply it: normalize alef, alef maksura and teh marbuta,
        remove tatweel and short vowels, then one prefix (ال وال بال كال فال لل و) and the
        suffixes ها ان ات ون ين يه ية ه ة ي, always keeping at least two letters.

        ``"snowball"``: the Snowball project's Arabic light stemmer, with output identical to the
        ``snowballstemmer`` package 3.1.1 (tested on every distinct token of the shared corpora).
        It removes tatweel and short vowels, maps Arabic-Indic digits to ASCII and presentation
        forms to letters, strips verb suffixes (pronouns, subject endings) or noun suffixes
        (ة ات ون ين ي ...), then prefixes (و ف, ال بال كال لل, ب ك, the future س, يست → است), and
        finally writes hamza carriers as plain letters (أ إ آ → ا, ؤ → و, ئ → ي; a final one → ء).

    Examples
    --------
    >>> from kalima import Stemmer
    >>> isri = Stemmer("isri")
    >>> isri("المدرسة")
    'درس'
    >>> isri.stem_batch(["والمعلمون", "مكتوب", "BBC"])
    ['علم', 'كتب', 'BBC']
    >>> Stemmer("light10").stem_batch(["والمعلمون", "بالمدرسة"])
    ['معلم', 'مدرس']
    >>> Stemmer("snowball").stem_batch(["الحكومة", "سيكتبون", "بالمدرسة"])
    ['حكوم', 'يكتب', 'مدرس']
    """

    __slots__ = ("_core",)
    _core: _kalima.Stemmer

    def __init__(self, method: StemMethod) -> None:
        if not isinstance(method, str):
            raise TypeError(f"method must be a str, not {type(method).__name__}")
        self._init(_core=_kalima.Stemmer(method))

    @property
    def method(self) -> str:
        """The stemming method."""
        return self._core.method

    def stem(self, word: str, *, errors: TextErrors = "raise") -> str:
        """Stem one word; the same ``str`` object comes back when it is its own stem. A text
        with white space raises ``ValueError``: tokenize it first."""
        check_one_word(word, "Stemmer({!r}).stem_batch(kalima.tokenize(text))", self.method)
        return self._core.stem(word, errors)

    __call__ = stem

    @overload
    def stem_batch(
        self,
        words: TextList,
        n_jobs: int | None = None,
        *,
        errors: Literal["raise", "empty", "replace"] = "raise",
        progress: bool = False,
    ) -> list[str]: ...
    @overload
    def stem_batch(
        self,
        words: TextList,
        n_jobs: int | None = None,
        *,
        errors: Literal["keep"],
        progress: bool = False,
    ) -> list[Any]: ...
    @overload
    def stem_batch(
        self,
        words: Any,
        n_jobs: int | None = None,
        *,
        errors: Errors = "raise",
        progress: bool = False,
    ) -> Any: ...
    def stem_batch(
        self,
        words: Any,
        n_jobs: int | None = None,
        *,
        errors: Errors = "raise",
        progress: bool = False,
    ) -> Any:
        """Stem many words on ``n_jobs`` threads, GIL released; same containers (an Arrow-backed
        Series or pyarrow array is read from its buffers), missing values, ``errors`` policy and
        ``progress`` bar as :meth:`kalima.Normalizer.normalize_batch`. Each distinct word is
        stemmed once per call, and equal results are one str object (a word that is its own
        stem comes back as the first str equal to it)."""
        return map_batch(
            words,
            lambda docs, update, first: self._core.stem_batch(docs, n_jobs, errors, update, first),
            progress=progress,
            desc="stem",
        )

    def __repr__(self) -> str:
        return f"Stemmer({self.method!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Stemmer) and self.method == other.method

    def __hash__(self) -> int:
        return hash(("Stemmer", self.method))

    def __reduce__(self) -> tuple[Any, ...]:
        return (rebuild, (Stemmer, {"method": self.method}))


@overload
def stem(word_or_words: str, method: StemMethod, n_jobs: int | None = None) -> str: ...
@overload
def stem(word_or_words: TextList, method: StemMethod, n_jobs: int | None = None) -> list[str]: ...
@overload
def stem(word_or_words: Any, method: StemMethod, n_jobs: int | None = None) -> Any: ...
def stem(word_or_words: Any, method: StemMethod, n_jobs: int | None = None) -> Any:
    """Stem a word (str in, str out) or a batch of words (list, tuple, numpy array or Series).
    A str with white space raises ``ValueError``: tokenize a text first,
    ``stem(tokenize(text), method)``.

    Examples
    --------
    >>> from kalima import stem
    >>> stem("يكتبون", method="isri")
    'كتب'
    >>> stem(["انتخابات", "استخدام"], method="isri")
    ['نخب', 'خدم']
    """
    stemmer = Stemmer(method)
    if isinstance(word_or_words, str):
        check_one_word(word_or_words, "kalima.stem(kalima.tokenize(text), {!r})", method)
        return stemmer.stem(word_or_words)
    return stemmer.stem_batch(word_or_words, n_jobs=n_jobs)
