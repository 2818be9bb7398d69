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
    assert '{ path = "python/kalima/stopwords/*.txt", format = ["sdist", "wheel"] }' in (pyproject)


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


DIALECT_WORDS = {
    "egyptian": ["مش", "ده", "كده", "اللي", "عشان", "بس", "إزاي", "مفيش", "بتاع", "دلوقتي"],
    "levantine": ["شو", "هيك", "ليش", "هلق", "اللي", "بدي", "رح", "هون", "كتير"],
    "gulf": ["وش", "شلون", "الحين", "مب", "ماكو", "اللي", "واجد"],
    "maghrebi": ["برشا", "بزاف", "علاش", "كيفاش", "ديال", "متاع", "دابا", "باش", "اللي"],
}


def dialect_entries(name: str) -> list[str]:
    text = resources.files("kalima.stopwords").joinpath(f"{name}.txt").read_text("utf-8")
    assert "Not copied or derived from any other list" in text.replace("\n# ", " ")
    return [line for line in text.splitlines() if line and not line.startswith("#")]


@pytest.mark.parametrize("name", kalima.DIALECTS)
def test_dialect_lists(name):
    entries = dialect_entries(name)
    assert len(entries) == len(set(entries)) and set(entries) <= stopwords(None, dialects=name)
    tok = kalima.Tokenizer("sklearn")
    for word in entries:
        assert re.fullmatch(r"[\u0621-\u063A\u0641-\u064A]{2,}", word), word
        assert tok(word) == [word], word
    search = stopwords("search", dialects=name)
    assert {kalima.normalize(w) for w in DIALECT_WORDS[name]} <= search
    assert stopwords("search") < search


def test_dialect_words_are_added_only_when_asked_for():
    # The words the issue found missing, as tweets write them, normalized like the text.
    words = ["مش", "ده", "اللي", "عشان", "بس", "كده", "وش", "شو", "هيك", "برشا"]
    assert not set(words) & stopwords("search")
    assert set(words) <= stopwords("search", dialects=True)
    assert len(stopwords("search", dialects=True) - stopwords("search")) == 118  # as documented
    assert "برشا" not in stopwords(dialects="egyptian")
    both = stopwords(dialects=["egyptian", "maghrebi"])
    assert both == stopwords(dialects=("maghrebi", "egyptian")) and {"كده", "برشا"} <= both
    assert stopwords(dialects=True) is stopwords("search", dialects=list(kalima.DIALECTS))
    # Content words that some dialect spellings collide with stay out.
    for word in ["دول", "بقي", "عم", "بدو", "هادي", "ماشي", "ياسر", "زين", "حق", "قال", "الله"]:
        assert word not in stopwords("search", dialects=True), word


def test_dialect_words_drop_in_a_vectorizer():
    doc = ["مش عارف اللي حصل، برشا ناس قالوا هيك"]
    cv = kalima.CountVectorizer(stop_words=sorted(stopwords(None, dialects=True))).fit(doc)
    assert cv.get_feature_names_out().tolist() == ["حصل", "عارف", "قالوا", "ناس"]


def test_bad_dialect():
    with pytest.raises(ValueError, match="unknown dialect 'tunisian'; choose one of 'egyptian'"):
        stopwords(dialects="tunisian")
    with pytest.raises(ValueError, match="unknown dialect 3"):
        stopwords(dialects=3)
