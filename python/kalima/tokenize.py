"""Tokenization from the Rust core."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal, overload

from . import _kalima
from ._batch import map_batch
from ._immutable import Immutable
from ._pickle import rebuild
from ._types import (
    Errors,
    HashtagAction,
    KindAction,
    Preset,
    TextErrors,
    TextList,
    TokenizerMode,
    TokenizerOptions,
)
from .normalize import Normalizer

if TYPE_CHECKING:
    from typing_extensions import Unpack

__all__ = ["TOKENIZER_MODES", "Tokenizer", "tokenize"]

#: Names of the tokenizer modes.
TOKENIZER_MODES: tuple[str, ...] = tuple(_kalima.tokenizer_modes())


_DEFAULTS: dict[str, Any] = {
    "normalize": None,
    "lowercase": False,
    "keep_punct": False,
    "urls": "keep",
    "emails": "keep",
    "mentions": "keep",
    "hashtags": "keep",
    "numbers": "keep",
    "emoji": "keep",
}


class Tokenizer(Immutable):
    """An immutable, picklable tokenizer.

    Parameters
    ----------
    mode : str, default="arabic"
        ``"arabic"``: words keep their diacritics, shadda, tatweel and ZWNJ (only a normalizer
        removes them); numbers stay whole (``3.14``, ``1,000``, ``١٢٫٥``, ``15%``); URLs,
        e-mail addresses, @mentions, #hashtags and emoji (ZWJ sequences, skin tones, flags,
        keycaps) stay whole and typed; punctuation is dropped unless ``keep_punct=True``; the
        rest follows Unicode word boundaries (UAX #29).

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
        package (``scripts/tokenize_tables.py``).
    normalize : str, Normalizer or None, default=None
        A preset name or a :class:`kalima.Normalizer` that runs before tokenizing. Offsets from
        :meth:`tokenize_with_offsets` still point into the original text.
    lowercase : bool, default=False
        Lower-case the text first (the normalizer's ``lowercase`` rule).
    keep_punct : bool, default=False
        Keep punctuation and symbols as tokens (``"arabic"`` mode).
    urls, emails, mentions, hashtags, numbers, emoji : str, default="keep"
        ``"keep"``, ``"drop"`` or ``"placeholder"`` (``<URL>``, ``<EMAIL>``, ``<USER>``,
        ``<HASHTAG>``, ``<NUM>``, ``<EMOJI>``); hashtags can also ``"split"`` into their words.
        ``"arabic"`` mode only.

    Examples
    --------
    >>> from kalima import Tokenizer
    >>> tok = Tokenizer()
    >>> tok("قالَ الوزير: النمو بلغ 3.5% عام ٢٠٢٥ 👍🏽 #الاقتصاد_المصري")
    ['قالَ', 'الوزير', 'النمو', 'بلغ', '3.5%', 'عام', '٢٠٢٥', '👍🏽', '#الاقتصاد_المصري']
    >>> Tokenizer(hashtags="split", numbers="placeholder", emoji="drop")(
    ...     "النمو 3.5% 👍🏽 #الاقتصاد_المصري")
    ['النمو', '<NUM>', 'الاقتصاد', 'المصري']
    >>> Tokenizer(normalize="search").tokenize_with_offsets("قالَ الرئيسُ")
    [('قال', 0, 4), ('الرءيس', 5, 12)]
    >>> Tokenizer("sklearn")("كَتَبَ الوَلَدُ الدرسَ")
    ['الو', 'الدرس']
    >>> Tokenizer("camel")("قال: «نعم» 👍🏽 #السعودية")
    ['قال', ':', '«', 'نعم', '»', '👍🏽', '#', 'السعودية']
    """

    __slots__ = ("_core", "_params")
    _core: _kalima.Tokenizer
    _params: dict[str, Any]

    def __init__(
        self,
        mode: TokenizerMode = "arabic",
        *,
        normalize: Preset | Normalizer | None = None,
        lowercase: bool = False,
        keep_punct: bool = False,
        urls: KindAction = "keep",
        emails: KindAction = "keep",
        mentions: KindAction = "keep",
        hashtags: HashtagAction = "keep",
        numbers: KindAction = "keep",
        emoji: KindAction = "keep",
    ) -> None:
        params = {
            "normalize": normalize,
            "lowercase": lowercase,
            "keep_punct": keep_punct,
            "urls": urls,
            "emails": emails,
            "mentions": mentions,
            "hashtags": hashtags,
            "numbers": numbers,
            "emoji": emoji,
        }
        if not isinstance(mode, str):
            raise TypeError(f"mode must be a str, not {type(mode).__name__}")
        for name in ("lowercase", "keep_punct"):
            if not isinstance(params[name], bool):
                raise TypeError(f"{name} must be a bool, not {type(params[name]).__name__}")
        for name in ("urls", "emails", "mentions", "hashtags", "numbers", "emoji"):
            if not isinstance(params[name], str):
                raise TypeError(f"{name} must be a str, not {type(params[name]).__name__}")
        normalizer = None if normalize is None else _normalizer(normalize)._core
        core = _kalima.Tokenizer(
            mode,
            normalizer,
            lowercase,
            keep_punct,
            urls,
            emails,
            mentions,
            hashtags,
            numbers,
            emoji,
        )
        self._init(_core=core, _params={"mode": mode, **params})

    @property
    def mode(self) -> TokenizerMode:
        """The tokenizer mode."""
        return self._params["mode"]

    def get_params(self) -> dict[str, Any]:
        """The constructor arguments, ``mode`` first."""
        return dict(self._params)

    def tokenize(self, text: str, *, errors: TextErrors = "raise") -> list[str]:
        """The tokens of one text."""
        return self._core.tokenize(text, errors)

    __call__ = tokenize

    def tokenize_with_offsets(
        self, text: str, *, errors: TextErrors = "raise"
    ) -> list[tuple[str, int, int]]:
        """``(token, start, end)`` for every token, in characters of ``text``. Without a
        normalizer, ``text[start:end] == token``; with one, ``text[start:end]`` is every original
        character behind the token (with the marks and tatweel the normalizer removed from it),
        and a placeholder spans what it replaced."""
        return self._core.tokenize_with_offsets(text, errors)

    @overload
    def tokenize_batch(
        self,
        texts: TextList,
        n_jobs: int | None = None,
        *,
        errors: Literal["raise", "empty", "replace"] = "raise",
        progress: bool = False,
    ) -> list[list[str]]: ...
    @overload
    def tokenize_batch(
        self,
        texts: TextList,
        n_jobs: int | None = None,
        *,
        errors: Literal["keep"],
        progress: bool = False,
    ) -> list[Any]: ...
    @overload
    def tokenize_batch(
        self,
        texts: Any,
        n_jobs: int | None = None,
        *,
        errors: Errors = "raise",
        progress: bool = False,
    ) -> Any: ...
    def tokenize_batch(
        self,
        texts: Any,
        n_jobs: int | None = None,
        *,
        errors: Errors = "raise",
        progress: bool = False,
    ) -> Any:
        """Tokenize many texts on ``n_jobs`` threads, GIL released; same containers, missing
        values, ``errors`` policy and ``progress`` bar as
        :meth:`kalima.Normalizer.normalize_batch` (a missing text is kept, or becomes ``[]``
        under ``errors="empty"``). A Series comes back as an object Series of token lists.
        Every distinct token is one str object within a call, shared by all its occurrences
        (as pandas' CSV reader does with repeated values): the lists are ordinary lists of str
        that take far less memory."""
        return map_batch(
            texts,
            lambda docs, update, first: self._core.tokenize_batch(
                docs, n_jobs, errors, update, first
            ),
            text_out=False,
            progress=progress,
            desc="tokenize",
        )

    def __repr__(self) -> str:
        changed = [
            f"{k}={v!r}" for k, v in self._params.items() if k != "mode" and v != _DEFAULTS[k]
        ]
        return f"Tokenizer({', '.join([repr(self.mode), *changed])})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Tokenizer) and self._params == other._params

    def __hash__(self) -> int:
        return hash(("Tokenizer", *self._params.values()))

    def __reduce__(self) -> tuple[Any, ...]:
        return (rebuild, (Tokenizer, self._params))


def _normalizer(normalize: Preset | Normalizer) -> Normalizer:
    if isinstance(normalize, Normalizer):
        return normalize
    if isinstance(normalize, str):
        return Normalizer(normalize)
    raise TypeError(
        f"normalize must be a preset name, a Normalizer or None, not {type(normalize).__name__}"
    )


@overload
def tokenize(
    text: str,
    mode: TokenizerMode = "arabic",
    n_jobs: int | None = None,
    **options: Unpack[TokenizerOptions],
) -> list[str]: ...
@overload
def tokenize(
    text: TextList,
    mode: TokenizerMode = "arabic",
    n_jobs: int | None = None,
    **options: Unpack[TokenizerOptions],
) -> list[list[str]]: ...
@overload
def tokenize(
    text: Any,
    mode: TokenizerMode = "arabic",
    n_jobs: int | None = None,
    **options: Unpack[TokenizerOptions],
) -> Any: ...
def tokenize(
    text: Any,
    mode: TokenizerMode = "arabic",
    n_jobs: int | None = None,
    **options: Unpack[TokenizerOptions],
) -> Any:
    """The tokens of one text (str in, list of tokens out) or of a batch of texts (list, tuple,
    numpy array, pandas Series or pyarrow array in, one list per text out; see
    :meth:`Tokenizer.tokenize_batch`); ``options`` are :class:`Tokenizer`'s.

    Examples
    --------
    >>> from kalima import tokenize
    >>> tokenize("كَتَبَ الوَلَدُ الدرسَ")
    ['كَتَبَ', 'الوَلَدُ', 'الدرسَ']
    >>> tokenize("كَتَبَ الوَلَدُ الدرسَ", normalize="search")
    ['كتب', 'الولد', 'الدرس']
    >>> tokenize("كَتَبَ الوَلَدُ الدرسَ", mode="sklearn")
    ['الو', 'الدرس']
    >>> tokenize(["قال الرئيس", "إنّ"])
    [['قال', 'الرئيس'], ['إنّ']]
    """
    tokenizer = Tokenizer(mode, **options)
    if isinstance(text, str):
        return tokenizer.tokenize(text)
    return tokenizer.tokenize_batch(text, n_jobs)
