"""The "camel" and "arclean" presets against CAMeL Tools itself: every code point, the bundled
sample, and every document of the shared corpora."""

from __future__ import annotations

import sys

import pytest

from kalima import Normalizer
from kalima.datasets import load_sample

camel_dediac = pytest.importorskip("camel_tools.utils.dediac", reason="camel-tools not installed")
from camel_tools.utils.charmap import CharMapper  # noqa: E402
from camel_tools.utils.normalize import (  # noqa: E402
    normalize_alef_ar,
    normalize_alef_maksura_ar,
    normalize_teh_marbuta_ar,
)

ARCLEAN = CharMapper.builtin_mapper("arclean")


def camel_four(text: str) -> str:
    text = camel_dediac.dediac_ar(text)
    return normalize_teh_marbuta_ar(normalize_alef_maksura_ar(normalize_alef_ar(text)))


PEERS = {"camel": camel_four, "arclean": ARCLEAN.map_string}

EVERY_CODE_POINT = [chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF]


def first_mismatch(ours: list[str], theirs: list[str], docs: list[str]) -> str:
    for i, (a, b) in enumerate(zip(ours, theirs)):
        if a != b:
            return f"doc {i}: {docs[i][:80]!r}: kalima {a[:80]!r} vs CAMeL {b[:80]!r}"
    return ""


@pytest.mark.parametrize("preset", sorted(PEERS))
def test_every_code_point_between_letters(preset):
    # Each character between two beh: catches both single-character maps and context effects.
    docs = ["ب" + c + "ب" for c in EVERY_CODE_POINT]
    ours = Normalizer(preset).normalize_batch(docs, n_jobs=-1)
    theirs = [PEERS[preset](d) for d in docs]
    assert ours == theirs, first_mismatch(ours, theirs, docs)


@pytest.mark.parametrize("preset", sorted(PEERS))
def test_bundled_sample(preset):
    docs = [d["text"] for d in load_sample()]
    ours = Normalizer(preset).normalize_batch(docs)
    theirs = [PEERS[preset](d) for d in docs]
    assert ours == theirs, first_mismatch(ours, theirs, docs)


@pytest.mark.parametrize("preset", sorted(PEERS))
def test_shared_corpora(preset, shared_corpus):
    name, docs = shared_corpus
    ours = Normalizer(preset).normalize_batch(docs, n_jobs=-1)
    theirs = [PEERS[preset](d) for d in docs]
    same = sum(a == b for a, b in zip(ours, theirs))
    assert same == len(docs), f"{name}: {same}/{len(docs)} identical; " + first_mismatch(
        ours, theirs, docs
    )
