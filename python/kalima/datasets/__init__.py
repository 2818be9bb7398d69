"""Small bundled datasets."""

from __future__ import annotations

import json
from importlib import resources

__all__ = ["load_sample"]


def load_sample() -> list[dict[str, str]]:
    """The bundled sample corpus: 31 short Arabic news-style documents and social posts.

    Written by the kalima project for its tests, demo and notebooks (fiction; no text copied
    from anywhere). It covers what real Arabic text throws at a pipeline: full and partial
    diacritics, shadda, superscript alef, tatweel, every hamza and alef form, ى/ي and ة/ه,
    Persian letters and the spellings بزشكيان / بيزشكيان / بيزيشكيان / پزشکیان, Arabic-Indic and
    Persian digits with ٫ and ٬, presentation forms (ﻻ ﻷ), NBSP, zero-width and bidi controls,
    a BOM, Latin words, URLs, an email, @mentions, hashtags, emoji (ZWJ sequence, skin tone, flag,
    keycap), elongated letters, Arabic punctuation, and two pairs of near-duplicate stories worded
    differently (documents 0 and 20: an interest-rate rise; 2 and 18: a cup final).

    Returns
    -------
    list of dict
        A new list of new ``{"text": ..., "label": ...}`` dicts on every call, so callers may
        change them freely. Labels: politics, economy, sports, technology, culture, social.

    Examples
    --------
    >>> from kalima.datasets import load_sample
    >>> docs = load_sample()
    >>> len(docs)
    31
    >>> sorted(docs[0])
    ['label', 'text']
    >>> docs[4]["label"]
    'social'
    """
    path = resources.files("kalima.datasets").joinpath("sample.jsonl")
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]
