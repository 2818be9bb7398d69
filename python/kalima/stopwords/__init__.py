"""The built-in Arabic stopword list, normalized like the text it is used on."""

from __future__ import annotations

import functools
from collections.abc import Iterable
from importlib import resources
from typing import Any, Union

from .._types import Dialect, Preset
from ..normalize import Normalizer

__all__ = ["DIALECTS", "stopwords"]


# The dialect lists, each in kalima/stopwords/<name>.txt.
DIALECTS: tuple[Dialect, ...] = ("egyptian", "levantine", "gulf", "maghrebi")

# What `dialects=` takes: all or none, one name, or several.
Dialects = Union[bool, Dialect, Iterable[Dialect], None]


@functools.cache
def _raw(name: str) -> tuple[str, ...]:
    text = resources.files("kalima.stopwords").joinpath(f"{name}.txt").read_text(encoding="utf-8")
    lines = (line.strip() for line in text.splitlines())
    return tuple(line for line in lines if line and not line.startswith("#"))


@functools.cache
def _words(normalizer: Normalizer | None, names: tuple[str, ...]) -> frozenset[str]:
    words = [w for name in names for w in _raw(name)]
    return frozenset(words if normalizer is None else normalizer.normalize_batch(words))


def _dialect_names(dialects: Dialects) -> tuple[str, ...]:
    if dialects is True:
        return DIALECTS
    if dialects is False or dialects is None:
        return ()
    names: tuple[Any, ...]
    if isinstance(dialects, str):
        names = (dialects,)
    else:
        try:
            names = tuple(dialects)
        except TypeError:
            names = (dialects,)
    for name in names:
        if name not in DIALECTS:
            raise ValueError(
                f"unknown dialect {name!r}; choose one of "
                + ", ".join(repr(d) for d in DIALECTS)
                + " (or a list of them, or True for all)"
            )
    return tuple(sorted(set(names), key=DIALECTS.index))


def stopwords(
    preset: Preset | Normalizer | None = "search", *, dialects: Dialects = False
) -> frozenset[str]:
    """kalima's Arabic stopwords, normalized like the text they will be matched against.

    448 closed-class words of Modern Standard Arabic written for kalima from Arabic grammar
    (prepositions, conjunctions and particles, interrogatives, pronouns, demonstratives,
    relative pronouns, kana, kada and their sisters, quantifiers), the common forms of these
    with an attached pronoun (منه، عليها) and with the conjunctions و and ف (وهو، فقد). Stored
    in full hamza spelling without diacritics, in ``kalima/stopwords/arabic.txt``.

    With ``dialects``, the function words of the spoken dialects as they are written online
    (negation such as مش، مو، موش; demonstratives such as ده، هيك، هاد; question words such as
    شو، وش، علاش; the relative اللي; particles such as عشان، بس، برشا), written for kalima,
    one list per dialect group in ``kalima/stopwords/<dialect>.txt``: ``"egyptian"``,
    ``"levantine"``, ``"gulf"`` (with Iraqi) and ``"maghrebi"``. Words that are also frequent
    Modern Standard Arabic content words once normalized (دول "states") are left out.

    Parameters
    ----------
    preset : str, Normalizer or None, default="search"
        Normalize every entry with ``Normalizer(preset)``, or with the given
        :class:`~kalima.Normalizer`, so that an entry matches a word of text normalized the same
        way; ``None`` gives the list as stored. Entries that normalize to the same string
        (أن and إن under ``"search"``) become one.
    dialects : bool, str or list of str, default=False
        ``True`` adds every dialect list to the Modern Standard Arabic one; a name or a list of
        names adds those.

    Returns
    -------
    frozenset of str
        The same object for the same arguments on every call.

    Examples
    --------
    >>> from kalima import Normalizer, stopwords
    >>> "إلى" in stopwords(None), "الي" in stopwords("search")
    (True, True)
    >>> len(stopwords(None)), len(stopwords("search"))
    (448, 433)
    >>> stopwords(Normalizer("search")) is stopwords("search")
    True
    >>> {"مش", "اللي", "برشا"} <= stopwords("search", dialects=True)
    True
    >>> "برشا" in stopwords(dialects="egyptian"), "برشا" in stopwords(dialects="maghrebi")
    (False, True)

    To drop them in a vectorizer (which normalizes a list like its text):
    ``CountVectorizer(stop_words=sorted(stopwords(None, dialects=True)))``.
    """
    names = ("arabic", *_dialect_names(dialects))
    if preset is None:
        return _words(None, names)
    if isinstance(preset, str):
        preset = Normalizer(preset)
    elif not isinstance(preset, Normalizer):
        raise TypeError(
            f"preset must be a preset name, a Normalizer or None, not {type(preset).__name__}"
        )
    return _words(preset, names)
