"""The values kalima's options take, for type checkers and the API reference.

Everything here is plain `typing` (no import at run time beyond it): `Literal` names of the
presets, modes, methods and actions, the `errors` policies, and the normalizer's options as a
`TypedDict`, so that ``Normalizer("search", hamza="carier")`` is an error in an editor before it
is a `ValueError` at run time.
"""

from __future__ import annotations

from typing import Any, Literal, TypedDict, Union

#: A normalizer preset (``kalima.PRESETS``).
Preset = Literal["camel", "arclean", "light", "search", "none"]
#: A tokenizer mode (``kalima.TOKENIZER_MODES``).
TokenizerMode = Literal["arabic", "sklearn", "camel"]
#: A stemming method (``kalima.STEMMERS``).
StemMethod = Literal["isri", "light10", "snowball"]
#: A dialect list of the stopwords (``kalima.DIALECTS``).
Dialect = Literal["egyptian", "levantine", "gulf", "maghrebi"]
#: What the tokenizer does with a kind of token.
KindAction = Literal["keep", "drop", "placeholder"]
#: What the tokenizer does with hashtags: a kind's actions, or split them into their words.
HashtagAction = Literal["keep", "drop", "placeholder", "split"]
#: What a batch does with a missing value (None, NaN, ``pd.NA``) or a lone surrogate.
Errors = Literal["raise", "keep", "empty", "replace"]
#: The policies of one text (missing values are a `TypeError` there): raise on a lone
#: surrogate, or replace it with U+FFFD.
TextErrors = Literal["raise", "replace"]
#: The vectorizers' policies: a matrix row cannot be missing, so no ``"keep"``.
VectorizerErrors = Literal["raise", "empty", "replace"]
#: A batch as a list or tuple: the containers whose result is always a list. (A numpy array
#: gives a list too, a pandas Series a Series and a pyarrow array a pyarrow array.)
TextList = Union[list[Any], tuple[Any, ...]]


class NormalizerOptions(TypedDict, total=False):
    """The keyword options of `kalima.Normalizer` and everything that takes them; each is
    described in the options table of the normalization guide."""

    html: bool
    links: bool
    diacritics: bool | Literal["harakat"]
    tatweel: bool
    alef: bool | Literal["common"]
    alef_maksura: bool
    teh_marbuta: bool
    hamza: Literal["carrier", "bare"] | None
    persian: bool
    digits: Literal["latin"] | None
    presentation_forms: bool
    punctuation: Literal["latin"] | None
    invisible: bool
    whitespace: bool
    keep_newlines: bool
    elongation: Literal["collapse"] | int | None
    lowercase: bool
    unicode_form: Literal["NFC", "NFKC"] | None
    arclean: bool


class TokenizerOptions(TypedDict, total=False):
    """The keyword options of `kalima.Tokenizer`, which `kalima.tokenize` passes on."""

    normalize: Preset | Any  # a preset name or a kalima.Normalizer
    lowercase: bool
    keep_punct: bool
    urls: KindAction
    emails: KindAction
    mentions: KindAction
    hashtags: HashtagAction
    numbers: KindAction
    emoji: KindAction
