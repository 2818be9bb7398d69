"""The built-in stopword list: clean, normalized like the text, shipped in the package."""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path

import pytest

import kalima
from kalima import PRESETS, Normalizer, stopwords

RAW = stopwords(None)


def file_entries() -> list[str]:
    text = resources.files("kalima.stopwords").joinpath("arabic.txt").read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line and not line.startswith("#")]


def test_the_file_is_in_the_package_and_has_no_duplicates():
    entries = file_entries()
    assert len(entries) == len(set(entries)) == len(RAW) == 448
    assert set(entries) == RAW
    header = resources.files("kalima.stopwords").joinpath("arabic.txt").read_text("utf-8")
    assert "Not copied or derived from any other stopword" in header.replace("\n# ", " ")
    assert "MIT" in header


def test_the_wheel_includes_the_file():
    pyproject = (Path(__file__).resolve().parents[1] / "pyproject.toml").read_text("utf-8")
    assert '{ path = "python/kalima/stopwords/arabic.txt", format = ["sdist", "wheel"] }' in (
        pyproject
    )


def test_entries_are_clean_arabic_words():
    for word in RAW:
        assert re.fullmatch(r"[\u0621-\u063A\u0641-\u064A]+", word), word
        assert len(word) >= 2 or word == "و"
        assert kalima.normalize(word, preset="light") == word  # no marks or tatweel to remove


def test_every_entry_is_one_token():
    tok = kalima.Tokenizer("sklearn")
    for word in RAW - {"و"}:
        assert tok(word) == [word], word


@pytest.mark.parametrize(
    "word",
    ["في", "إلى", "الذي", "هؤلاء", "أولئك", "كان", "ليست", "مازال", "عليها", "وهو", "فقد", "لكنه"],
)
def test_real_function_words_are_listed_as_written(word):
    assert word in RAW


@pytest.mark.parametrize("word", ["قال", "الرئيس", "مصر", "علي", "الله", "ب", "ل", ""])
def test_content_words_letters_and_names_are_not(word):
    assert word not in RAW


def test_entries_match_text_normalized_the_same_way():
    search = stopwords("search")
    assert {"الي", "ان", "هءلاء", "الذي", "اولءك", "لكن", "وهو", "عليها"} <= search
    assert {"إلى", "أن", "هؤلاء"}.isdisjoint(search)
    text = kalima.normalize("قال إنّ هؤلاء سيذهبون إلى المدرسة", preset="search")
    assert [w for w in text.split() if w not in search] == ["قال", "سيذهبون", "المدرسه"]
    camel = stopwords("camel")
    assert {"الي", "هؤلاء", "اولئك"} <= camel and "هءلاء" not in camel
    assert stopwords("none") == RAW


@pytest.mark.parametrize("preset", PRESETS)
def test_each_preset_is_the_normalizer_applied_to_the_raw_list(preset):
    norm = Normalizer(preset)
    expected = frozenset(norm(w) for w in RAW)
    assert stopwords(preset) == stopwords(norm) == expected
    assert "" not in expected


def test_cached_and_immutable():
    assert stopwords() is stopwords("search") is stopwords(Normalizer("search"))
    assert isinstance(stopwords(), frozenset)
    assert stopwords(Normalizer("search", hamza="carrier")) != stopwords("search")


def test_bad_preset():
    with pytest.raises(ValueError, match="unknown preset 'arabic'"):
        stopwords("arabic")
    with pytest.raises(TypeError, match="preset must be a preset name, a Normalizer or None"):
        stopwords(3)
