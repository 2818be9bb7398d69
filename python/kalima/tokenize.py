"""Tokenization from the Rust core."""

from __future__ import annotations

from typing import Any

from . import _kalima
from ._batch import map_batch
from ._immutable import Immutable

__all__ = ["TOKENIZER_MODES", "Tokenizer", "tokenize"]

#: Names of the tokenizer modes.
TOKENIZER_MODES: tuple[str, ...] = tuple(_kalima.tokenizer_modes())


class Tokenizer(Immutable):
    """An immutable, picklable tokenizer.

    Parameters
    ----------
    mode : str
        ``"sklearn"``: exactly the tokens of scikit-learn's default ``token_pattern``,
        ``(?u)\\b\\w\\w+\\b``, under Python's ``re`` (tested on every document of the shared
        corpora): maximal runs of characters that are ``str.isalnum()`` or ``_``, at least two
        long. Like scikit-learn, it splits vocalized Arabic at every mark and at ZWNJ and keeps
        tatweel inside words; it is there for exact migrations from scikit-learn.

        ``"camel"``: exactly the tokens of CAMeL Tools 1.6.0's ``simple_word_tokenize(text)``
        (``split_digits=False``; tested on every document of the shared corpora, the bundled
        sample and arbitrary, emoji-heavy Unicode text): the text is split at Python whitespace,
        then every punctuation mark or symbol (Unicode category P* or S*) and every emoji or
        emoji sequence listed by the ``emoji`` package (ZWJ families, skin tones, flags,
        keycaps) is a token of its own; marks, tatweel and ZWNJ stay inside words. Its tables
        are generated from Python's ``unicodedata``, the ``regex`` module and the ``emoji``
        package (``tests/tokenize_tables.py``).

    Examples
    --------
    >>> from kalima import Tokenizer
    >>> tok = Tokenizer("sklearn")
    >>> tok("قال الوزير إن النمو بلغ 3.5% عام ٢٠٢٥")
    ['قال', 'الوزير', 'إن', 'النمو', 'بلغ', 'عام', '٢٠٢٥']
    >>> tok.tokenize_with_offsets("قال الوزير")
    [('قال', 0, 3), ('الوزير', 4, 10)]
    >>> Tokenizer("camel")("قال: «نعم» 👍🏽 #السعودية")
    ['قال', ':', '«', 'نعم', '»', '👍🏽', '#', 'السعودية']
    """

    __slots__ = ("_core",)

    def __init__(self, mode: str) -> None:
        if not isinstance(mode, str):
            raise TypeError(f"mode must be a str, not {type(mode).__name__}")
        self._init(_core=_kalima.Tokenizer(mode))

    @property
    def mode(self) -> str:
        """The tokenizer mode."""
        return self._core.mode

    def tokenize(self, text: str, *, errors: str = "raise") -> list[str]:
        """The tokens of one text."""
        return self._core.tokenize(text, errors)

    __call__ = tokenize

    def tokenize_with_offsets(
        self, text: str, *, errors: str = "raise"
    ) -> list[tuple[str, int, int]]:
        """``(token, start, end)`` for every token; ``text[start:end] == token``."""
        return self._core.tokenize_with_offsets(text, errors)

    def tokenize_batch(
        self, texts: Any, n_jobs: int | None = None, *, errors: str = "raise"
    ) -> Any:
        """Tokenize many texts on ``n_jobs`` threads, GIL released; same containers, missing
        values and ``errors`` policy as :meth:`kalima.Normalizer.normalize_batch` (a missing text
        is kept, or becomes ``[]`` under ``errors="empty"``). A Series comes back as an object
        Series of token lists."""
        return map_batch(
            texts, lambda docs: self._core.tokenize_batch(docs, n_jobs, errors), text_out=False
        )

    def __repr__(self) -> str:
        return f"Tokenizer({self.mode!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Tokenizer) and self.mode == other.mode

    def __hash__(self) -> int:
        return hash(("Tokenizer", self.mode))

    def __reduce__(self) -> tuple[Any, ...]:
        return (Tokenizer, (self.mode,))


def tokenize(text: str, mode: str) -> list[str]:
    """The tokens of one text.

    Examples
    --------
    >>> from kalima import tokenize
    >>> tokenize("كَتَبَ الوَلَدُ الدرسَ", mode="sklearn")
    ['الو', 'الدرس']
    """
    return Tokenizer(mode).tokenize(text)
