"""Clitic segmentation: exact pieces of real words, the API contract and bad input."""

from __future__ import annotations

import pickle

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from kalima import Segmenter, segment


@pytest.mark.parametrize(
    ("word", "pieces"),
    [
        # frequent words of the ANT news corpus
        ("وقال", ["و+", "قال"]),
        ("والتي", ["و+", "التي"]),
        ("بشكل", ["ب+", "شكل"]),
        ("بالنسبة", ["ب+", "ال+", "نسبة"]),
        ("للمرة", ["لل+", "مرة"]),
        ("لكرة", ["ل+", "كرة"]),
        ("المتحدة", ["ال+", "متحدة"]),
        ("الماضي", ["ال+", "ماضي"]),
        ("بلاده", ["بلاد", "+ه"]),
        ("بينهم", ["بين", "+هم"]),
        ("عليها", ["علي", "+ها"]),
        ("ولكنه", ["و+", "لكن", "+ه"]),
        ("وبحسب", ["و+", "ب+", "حسب"]),
        ("فإن", ["ف+", "إن"]),
        ("وزيرها", ["وزير", "+ها"]),
        ("والمعلمون", ["و+", "ال+", "معلمون"]),
        ("وبالمدرسة", ["و+", "ب+", "ال+", "مدرسة"]),
        ("كالمعتاد", ["ك+", "ال+", "معتاد"]),
        ("وللمدرسة", ["و+", "لل+", "مدرسة"]),
        ("باستخدام", ["ب+", "استخدام"]),
        ("فسيكتبونها", ["ف+", "سيكتبون", "+ها"]),
        ("كتابكما", ["كتاب", "+كما"]),
        # frequent words of the ASTD tweets
        ("والله", ["و+", "الله"]),
        ("الإخوان", ["ال+", "إخوان"]),
        ("وانا", ["و+", "انا"]),
        ("قلبك", ["قلب", "+ك"]),
        ("يمكنكم", ["يمكن", "+كم"]),
        ("ولهم", ["و+", "لهم"]),
        # diacritics stay with their letter
        ("وَبِالْمَدْرَسَةِ", ["وَ+", "بِ+", "الْ+", "مَدْرَسَةِ"]),
        ("كِتَابُهَا", ["كِتَابُ", "+هَا"]),
    ],
)
def test_real_words(word, pieces):
    assert segment(word) == pieces


@pytest.mark.parametrize(
    "word",
    [
        # short words: splitting would leave a stem under three letters
        "وجه", "ولد", "بلد", "كلم", "فلان", "لله", "فيه", "له", "منها", "أنها",
        # words that own their first or last letters
        "والد", "الله", "الذي", "وزير", "وقت", "ولاية", "بين", "بعد", "لكن", "كان", "هناك",
        "كتاب", "كبير", "فرنسا", "فريق", "بيانات", "لاعبا", "دوري", "خاشقجي", "مبارك",
        # not Arabic
        "BBC", "2025", "ﻻ", "بـ", "",
    ],
)  # fmt: skip
def test_words_left_whole(word):
    assert segment(word) == [word]


def test_min_stem():
    assert segment("ولد", min_stem=2) == ["و+", "لد"]
    assert segment("كتابه", min_stem=4) == ["كتاب", "+ه"]
    assert segment("كتابه", min_stem=5) == ["كتابه"]
    assert segment("والمدرسة", min_stem=5) == ["و+", "ال+", "مدرسة"]
    assert segment("والمدرسة", min_stem=6) == ["والمدرسة"]


WORDS = ["وبالمدرسة", "كتابها", "وجه", "BBC", "للمدرسة", "فسيكتبونها", "الله"]


def test_batch_containers_and_series():
    expected = [segment(w) for w in WORDS]
    seg = Segmenter()
    assert seg.segment_batch(WORDS) == expected
    assert seg.segment_batch(tuple(WORDS)) == expected
    assert seg.segment_batch(np.array(WORDS, dtype=object)) == expected
    assert segment(WORDS) == expected
    s = pd.Series([*WORDS[:2], None], index=[3, 4, 5], name="w", dtype=object)
    out = seg.segment_batch(s, errors="keep")
    assert out.tolist() == [*expected[:2], None] and list(out.index) == [3, 4, 5]
    assert seg.segment_batch(["كتابها", None], errors="empty") == [["كتاب", "+ها"], []]


def test_unsplit_word_is_the_same_object():
    word = "BBC"
    assert Segmenter().segment(word)[0] is word


def test_contract():
    seg = Segmenter()
    assert repr(seg) == "Segmenter(min_stem=3)" and seg.min_stem == 3
    assert repr(Segmenter(min_stem=4)) == "Segmenter(min_stem=4)"
    assert pickle.loads(pickle.dumps(seg)) == seg
    assert pickle.loads(pickle.dumps(Segmenter(5))).min_stem == 5
    assert seg == Segmenter(3) and seg != Segmenter(4)
    assert hash(seg) == hash(Segmenter(3))
    with pytest.raises(AttributeError, match="immutable"):
        seg.min_stem = 4


def test_bad_input():
    seg = Segmenter()
    with pytest.raises(ValueError, match="min_stem must be at least 1; got 0"):
        Segmenter(0)
    with pytest.raises(TypeError, match="min_stem must be an int, not str"):
        Segmenter("3")
    with pytest.raises(TypeError, match="min_stem must be an int, not bool"):
        Segmenter(True)
    with pytest.raises(TypeError, match=r"words\[1\] is None; expected str"):
        seg.segment_batch(["كتاب", None])
    with pytest.raises(TypeError, match=r"words\[0\] is int; expected str"):
        seg.segment_batch([5])
    with pytest.raises(TypeError, match="word must be str, not bytes"):
        seg.segment(b"x")
    with pytest.raises(TypeError, match="got a single str"):
        seg.segment_batch("كتاب")
    with pytest.raises(ValueError, match="errors must be"):
        seg.segment("كتاب", errors="ignore")
    with pytest.raises(ValueError, match="n_jobs == 0"):
        seg.segment_batch(["كتاب"], n_jobs=0)
    with pytest.raises(ValueError, match=r"word has a lone surrogate U\+D800 at index 1"):
        seg.segment("ك\ud800ب")
    with pytest.raises(ValueError, match=r"words\[1\] has a lone surrogate U\+D800 at index 4"):
        seg.segment_batch(["كتاب", "وبال\ud800"])
    assert seg.segment("و\ud800", errors="replace") == ["و\ufffd"]


# Letters, clitics, marks and the whole Arabic block, so that every rule gets exercised.
ARABIC_WORD = st.lists(
    st.one_of(
        st.sampled_from(list("اأإآبتثجحخدذرزسشصضطظعغفقكلمنهويىةءؤئ")),
        st.sampled_from(["ال", "لل", "و", "ف", "ب", "ك", "ها", "هم", "ه", "نا", "ـ"]),
        st.characters(min_codepoint=0x064B, max_codepoint=0x0652),
        st.characters(min_codepoint=0x0600, max_codepoint=0x06FF),
    ),
    max_size=8,
).map("".join)


def unmarked(pieces: list[str]) -> str:
    """The pieces joined without their + markers (a proclitic's last, an enclitic's first)."""
    out = []
    for i, p in enumerate(pieces):
        if len(pieces) > 1 and p.endswith("+") and i < len(pieces) - 1:
            p = p[:-1]
        elif len(pieces) > 1 and p.startswith("+") and i > 0:
            p = p[1:]
        out.append(p)
    return "".join(out)


@given(st.lists(ARABIC_WORD, max_size=20), st.integers(1, 5))
def test_batch_equals_one_by_one_for_any_n_jobs(words, min_stem):
    seg = Segmenter(min_stem)
    expected = [seg(w) for w in words]
    assert seg.segment_batch(words) == seg.segment_batch(words, n_jobs=2) == expected
    assert seg.segment_batch(words, n_jobs=-1) == expected
    for word, pieces in zip(words, expected):
        assert unmarked(pieces) == word
        assert all(pieces) or pieces == [""]


@given(st.text(st.characters(codec=None), max_size=12))
def test_any_python_string_gives_pieces_or_value_error(word):
    has_surrogate = any(0xD800 <= ord(c) <= 0xDFFF for c in word)
    is_text = any(c.isspace() for c in word)
    try:
        pieces = segment(word)
        assert not has_surrogate and not is_text and unmarked(pieces) == word
    except ValueError:
        assert has_surrogate or is_text
    if not is_text:
        assert isinstance(Segmenter().segment(word, errors="replace"), list)


def test_a_text_is_not_segmented_as_one_word():
    import kalima

    text = "والمعلمون في المدرسة"
    with pytest.raises(ValueError, match="expected one word, got a text with white space") as e:
        segment(text, min_stem=2)
    assert "kalima.segment(kalima.tokenize(text), min_stem=2)" in str(e.value)
    assert kalima.segment(kalima.tokenize(text), min_stem=2) == [
        ["و+", "ال+", "معلمون"],
        ["في"],
        ["ال+", "مدرسة"],
    ]
    with pytest.raises(ValueError, match=r"Segmenter\(min_stem=3\)\.segment_batch"):
        Segmenter().segment("في المدرسة")
