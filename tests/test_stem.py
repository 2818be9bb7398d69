"""The stemmers: exact stems, the API contract, and parity with NLTK (ISRI) and with the
`snowballstemmer` package (Snowball)."""

from __future__ import annotations

import pickle
from importlib.metadata import version

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from kalima import STEMMERS, Stemmer, stem
from kalima.datasets import load_sample

isri_module = pytest.importorskip("nltk.stem.isri", reason="nltk not installed")
NLTK = isri_module.ISRIStemmer()


@pytest.mark.parametrize(
    ("word", "root"),
    [
        ("مكتبة", "كتب"),
        ("كاتب", "كتب"),
        ("مكتوب", "كتب"),
        ("يكتبون", "كتب"),
        ("والمعلمون", "علم"),
        ("المدرسة", "درس"),
        ("انتخابات", "نخب"),
        ("استخدام", "خدم"),
        ("كَتَبَ", "كتب"),
        ("إسلام", "سلم"),
        ("الَّذِي", "الذي"),  # a stop word once its vowels are gone
        ("BBC", "BBC"),
        ("", ""),
    ],
)
def test_roots(word, root):
    assert stem(word, method="isri") == root


def test_batch_containers_and_series():
    words = ["مكتبة", "كاتب", None]
    assert stem(words[:2], method="isri") == ["كتب", "كتب"]
    s = pd.Series(words, index=[3, 4, 5], name="w", dtype=object)
    out = Stemmer("isri").stem_batch(s, errors="keep")
    assert out.tolist() == ["كتب", "كتب", None] and list(out.index) == [3, 4, 5]


def test_unchanged_word_is_the_same_object():
    word = "BBC"
    assert Stemmer("isri").stem(word) is word


def test_batch_stems_each_distinct_word_once():
    # Running text repeats its words: equal words give one str object, whether stemmed or
    # their own stem (the first of them), and missing values stay where they were.
    bbc = "".join(["BB", "C"])
    words = ["والمعلمون", bbc, None, "والمعلمون", "BBC", "للمعلمين", None]
    out = Stemmer("isri").stem_batch(words, errors="keep")
    assert out == ["علم", "BBC", None, "علم", "BBC", "علم", None]
    assert out[0] is out[3] is out[5] and out[1] is bbc and out[4] is bbc
    assert Stemmer("isri").stem_batch(words, errors="empty") == [
        "علم",
        "BBC",
        "",
        "علم",
        "BBC",
        "علم",
        "",
    ]
    # A word read once still reports where it first stands, counted over the whole batch.
    with pytest.raises(ValueError, match=r"words\[3\] has a lone surrogate U\+D800 at index 1"):
        Stemmer("isri").stem_batch(["كتب", "كتب", "كتب", "ك\ud800ب", "ك\ud800ب"])
    assert words == ["والمعلمون", bbc, None, "والمعلمون", "BBC", "للمعلمين", None]


def test_batch_of_mostly_distinct_words_equals_one_by_one():
    # A vocabulary (every word distinct) is taken as it comes after the first 65,536 words;
    # repeats after that point still give the right stems.
    letters = "بتثجحخدذرزسشصضطظعغفقكلمنهوي"
    words = [
        f"ال{a}{b}{c}{d}ون" for a in letters[:4] for b in letters for c in letters for d in letters
    ]
    assert len(words) == 78_732 == len(set(words))
    words += words[:10] + words[-10:] + [None]
    isri = Stemmer("isri")
    out = isri.stem_batch(words, errors="keep")
    assert out == [isri.stem(w) if w is not None else None for w in words]


def test_contract():
    isri = Stemmer("isri")
    assert STEMMERS == ("isri", "light10", "snowball")
    assert repr(isri) == "Stemmer('isri')" and isri.method == "isri"
    assert pickle.loads(pickle.dumps(isri)) == isri
    assert hash(isri) == hash(Stemmer("isri"))
    with pytest.raises(AttributeError, match="immutable"):
        isri.method = "light10"


def test_bad_input():
    isri = Stemmer("isri")
    with pytest.raises(
        ValueError,
        match="unknown stemming method 'porter'; choose one of 'isri', 'light10', 'snowball'",
    ):
        Stemmer("porter")
    with pytest.raises(TypeError, match="method must be a str"):
        Stemmer(None)
    with pytest.raises(TypeError, match=r"words\[1\] is None; expected str"):
        isri.stem_batch(["كتب", None])
    with pytest.raises(TypeError, match=r"words\[0\] is int; expected str"):
        isri.stem_batch([5])
    with pytest.raises(TypeError, match="word must be str, not bytes"):
        isri.stem(b"x")
    with pytest.raises(TypeError, match="got a single str"):
        isri.stem_batch("كتب")
    with pytest.raises(ValueError, match=r"word has a lone surrogate U\+D800 at index 1"):
        isri.stem("ك\ud800ب")
    assert isri.stem("ك\ud800ب", errors="replace") == "ك\ufffdب"


@pytest.mark.parametrize(
    ("word", "stem_"),
    [
        ("والمعلمون", "معلم"),
        ("بالمدرسة", "مدرس"),
        ("للطالبات", "طالب"),
        ("كتابها", "كتاب"),
        ("مستشفى", "مستشف"),
        ("وقلم", "قلم"),
        ("ولد", "ولد"),
        ("الم", "الم"),
        ("فيه", "في"),
        ("أَحْمَد", "احمد"),
    ],
)
def test_light10(word, stem_):
    assert stem(word, method="light10") == stem_


ARABIC_WORD = st.text(
    st.one_of(
        st.sampled_from(list("اأإآبتثجحخدذرزسشصضطظعغفقكلمنهويىةءؤئ")),
        st.characters(min_codepoint=0x064B, max_codepoint=0x0652),
        st.characters(min_codepoint=0x0600, max_codepoint=0x06FF),
    ),
    max_size=10,
)


@given(st.lists(ARABIC_WORD, max_size=20))
def test_light10_batch_equals_one_by_one(words):
    light10 = Stemmer("light10")
    expected = [light10(w) for w in words]
    assert light10.stem_batch(words) == light10.stem_batch(words, n_jobs=2) == expected


@given(st.lists(ARABIC_WORD, max_size=20))
def test_matches_nltk_on_any_arabic_word(words):
    expected = expected_stems(NLTK.stem, words)
    assert Stemmer("isri").stem_batch(words) == expected
    assert Stemmer("isri").stem_batch(words, n_jobs=2) == expected
    assert [stem(w, method="isri") for w in words] == expected


@given(st.text(st.characters(codec=None), max_size=12))
def test_any_python_string_gives_str_or_value_error(word):
    has_surrogate = any(0xD800 <= ord(c) <= 0xDFFF for c in word)
    is_text = any(c.isspace() for c in word)
    for method in STEMMERS:
        stemmer = Stemmer(method)
        try:
            assert isinstance(stemmer(word), str) and not has_surrogate and not is_text
        except ValueError:
            assert has_surrogate or is_text
        if not is_text:
            assert isinstance(stemmer(word, errors="replace"), str)


def test_a_text_is_not_stemmed_as_one_word():
    text = "والمعلمون في المدرسة"
    with pytest.raises(ValueError, match="expected one word, got a text with white space") as e:
        stem(text, "isri")
    # The call the message suggests works, and stems every word.
    assert "kalima.stem(kalima.tokenize(text), 'isri')" in str(e.value)
    import kalima

    assert kalima.stem(kalima.tokenize(text), "isri") == ["علم", "في", "درس"]
    with pytest.raises(ValueError, match=r"Stemmer\('light10'\)\.stem_batch") as e:
        Stemmer("light10").stem("قال\tالرئيس")
    assert Stemmer("light10").stem_batch(kalima.tokenize("قال\tالرئيس")) == ["قال", "رئيس"]
    with pytest.raises(ValueError, match="white space"):
        stem("كتب\u00a0", "snowball")


def distinct_tokens(texts):
    return sorted({token for text in texts for token in text.split()})


DIGITS = "0123456789٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹"


def typed(token):
    """Hashtags, mentions, e-mail addresses, URLs and numbers: the tokens every stemmer leaves
    whole (where NLTK and Snowball would cut them)."""
    return (
        (len(token) > 1 and token[0] in "#@")
        or "@" in token[1:-1]
        or token[:4].lower() == "www."
        or "://" in token
        or (any(c in DIGITS for c in token) and all(c in DIGITS + ".,٫٬" for c in token))
    )


def expected_stems(reference, tokens):
    """The reference's stems, with typed tokens whole."""
    return [t if typed(t) else reference(t) for t in tokens]


TYPED = [
    "#غزة",
    "#المحكمة_الدستورية",
    "@المدرسة",
    "@news_desk",
    "https://t.co/hrBeHbkBNu",
    "WWW.الجزيرة.نت",
    "info@وزارة.مصر",
    "٢٠٢٥",
    "١٢٫٥",
    "3,500",
]


@pytest.mark.parametrize("method", STEMMERS)
def test_typed_tokens_come_back_whole(method):
    stemmer = Stemmer(method)
    assert stemmer.stem_batch(TYPED) == TYPED
    assert [stem(t, method) for t in TYPED] == TYPED
    assert all(typed(t) for t in TYPED)
    # The same signs in a word, or alone, do not make it typed.
    assert stemmer.stem_batch(["#", "@", "ك@"]) == ["#", "@", "ك@"]
    assert stemmer.stem("والمعلمون") != "والمعلمون"


def test_matches_nltk_on_the_bundled_sample():
    tokens = distinct_tokens(d["text"] for d in load_sample())
    assert Stemmer("isri").stem_batch(tokens) == expected_stems(NLTK.stem, tokens)


def test_matches_nltk_on_every_distinct_token_of_the_shared_corpora(shared_corpus):
    name, texts = shared_corpus
    tokens = distinct_tokens(texts)
    ours = Stemmer("isri").stem_batch(tokens, n_jobs=-1)
    theirs = expected_stems(NLTK.stem, tokens)
    wrong = [(t, a, b) for t, a, b in zip(tokens, ours, theirs) if a != b]
    assert not wrong, f"{name}: {len(wrong)} of {len(tokens)} tokens differ, e.g. {wrong[:5]}"


@pytest.fixture(scope="module")
def snowball_reference():
    """The `snowballstemmer` package's Arabic stemmer, the version kalima claims parity with."""
    module = pytest.importorskip("snowballstemmer", reason="snowballstemmer not installed")
    if version("snowballstemmer") != "3.1.1":
        pytest.skip(
            f"parity is claimed with snowballstemmer 3.1.1, not {version('snowballstemmer')}"
        )
    return module.stemmer("arabic")


@pytest.mark.parametrize(
    ("word", "stem_"),
    [
        ("الحكومة", "حكوم"),
        ("الانتخابات", "انتخاب"),
        ("بالمدرسة", "مدرس"),
        ("للطالبات", "طالب"),
        ("المصرية", "مصر"),
        ("الرئيس", "رييس"),
        ("والمعلمون", "والمعلم"),
        ("يكتبون", "يكتب"),
        ("سيكتبون", "يكتب"),
        ("كتبوا", "كتب"),
        ("ضربتموها", "ضرب"),
        ("يستخدم", "استخدم"),
        ("سيستخدمون", "يستخدم"),
        ("مدرستها", "مدرس"),
        ("صديقي", "صديق"),
        ("مستشفى", "مستشفي"),
        ("قرآن", "قرء"),
        ("الْمَكْتَبَةُ", "مكتب"),
        ("الحكـــومة", "حكوم"),
        ("٢٠٢٤م", "2024م"),
        ("٢٠٢٤", "٢٠٢٤"),  # a number: left whole
        ("\ufe8d\ufedf\ufedc\ufe98\ufe8e\ufe8f", "كتاب"),
        ("BBC", "BBC"),
        ("", ""),
    ],
)
def test_snowball(word, stem_):
    assert stem(word, method="snowball") == stem_


# Every character the Snowball normalization rewrites (tatweel, harakat, Arabic-Indic digits,
# Presentation Forms-B) and the hamza forms, at the start, inside and at the end of words.
SNOWBALL_SPECIALS = [
    chr(c)
    for r in ((0x0640, 0x0640), (0x064B, 0x0652), (0x0660, 0x0669), (0xFE80, 0xFEFC))
    for c in range(r[0], r[1] + 1)
] + list("ءآأؤإئى")


@pytest.mark.parametrize("context", ["{}", "{}كتاب", "ال{}كتب", "يكتب{}", "سي{}ستعملون"])
def test_snowball_matches_snowballstemmer_on_every_special_character(snowball_reference, context):
    words = [context.format(c) for c in SNOWBALL_SPECIALS]
    expected = expected_stems(snowball_reference.stemWord, words)
    assert Stemmer("snowball").stem_batch(words) == expected


@given(st.lists(ARABIC_WORD, max_size=20))
def test_snowball_matches_snowballstemmer_on_any_arabic_word(snowball_reference, words):
    expected = expected_stems(snowball_reference.stemWord, words)
    assert Stemmer("snowball").stem_batch(words) == expected
    assert Stemmer("snowball").stem_batch(words, n_jobs=2) == expected
    assert [stem(w, method="snowball") for w in words] == expected


@given(st.text(st.characters(exclude_categories=["Cs"]), max_size=12))
def test_snowball_matches_snowballstemmer_on_any_string(snowball_reference, word):
    # A word: no white space (a text is refused, see below).
    word = "".join(c for c in word if not c.isspace())
    assert [Stemmer("snowball")(word)] == expected_stems(snowball_reference.stemWord, [word])


def test_snowball_matches_snowballstemmer_on_the_bundled_sample(snowball_reference):
    tokens = distinct_tokens(d["text"] for d in load_sample())
    expected = expected_stems(snowball_reference.stemWord, tokens)
    assert Stemmer("snowball").stem_batch(tokens) == expected


def test_snowball_matches_snowballstemmer_on_every_distinct_token_of_the_shared_corpora(
    snowball_reference, shared_corpus
):
    name, texts = shared_corpus
    tokens = distinct_tokens(texts)
    ours = Stemmer("snowball").stem_batch(tokens, n_jobs=-1)
    theirs = expected_stems(snowball_reference.stemWord, tokens)
    wrong = [(t, a, b) for t, a, b in zip(tokens, ours, theirs) if a != b]
    assert not wrong, f"{name}: {len(wrong)} of {len(tokens)} tokens differ, e.g. {wrong[:5]}"
