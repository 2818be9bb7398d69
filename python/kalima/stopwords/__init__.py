"""The built-in Arabic stopword list, normalized like the text it is used on."""

from __future__ import annotations

import functools
from importlib import resources
from typing import Any

from ..normalize import Normalizer

__all__ = ["stopwords"]


@functools.cache
def _raw() -> tuple[str, ...]:
    text = resources.files("kalima.stopwords").joinpath("arabic.txt").read_text(encoding="utf-8")
    lines = (line.strip() for line in text.splitlines())
    return tuple(line for line in lines if line and not line.startswith("#"))


@functools.cache
def _normalized(normalizer: Normalizer) -> frozenset[str]:
    return frozenset(normalizer.normalize_batch(list(_raw())))


def stopwords(preset: Any = "search") -> frozenset[str]:
    """kalima's Arabic stopwords, normalized like the text they will be matched against.

    448 closed-class words written for kalima from Arabic grammar (prepositions, conjunctions
    and particles, interrogatives, pronouns, demonstratives, relative pronouns, kana, kada and
    their sisters, quantifiers), the common forms of these with an attached pronoun (منه، عليها)
    and with the conjunctions و and ف (وهو، فقد). Stored in full hamza spelling without
    diacritics, in ``kalima/stopwords/arabic.txt``.

    Parameters
    ----------
    preset : str, Normalizer or None, default="search"
        Normalize every entry with ``Normalizer(preset)``, or with the given
        :class:`~kalima.Normalizer`, so that an entry matches a word of text normalized the same
        way; ``None`` gives the list as stored. Entries that normalize to the same string
        (أن and إن under ``"search"``) become one.

    Returns
    -------
    frozenset of str
        The same object for the same preset on every call.

    Examples
    --------
    >>> from kalima import Normalizer, stopwords
    >>> "إلى" in stopwords(None), "الي" in stopwords("search")
    (True, True)
    >>> len(stopwords(None)), len(stopwords("search"))
    (448, 433)
    >>> stopwords(Normalizer("search")) is stopwords("search")
    True
    """
    if preset is None:
        return _none()
    if isinstance(preset, str):
        preset = Normalizer(preset)
    elif not isinstance(preset, Normalizer):
        raise TypeError(
            f"preset must be a preset name, a Normalizer or None, not {type(preset).__name__}"
        )
    return _normalized(preset)


@functools.cache
def _none() -> frozenset[str]:
    return frozenset(_raw())
