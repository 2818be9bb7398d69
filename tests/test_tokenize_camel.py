"""The "camel" tokenizer mode: CAMeL Tools 1.6.0's simple_word_tokenize (split_digits=False),
exactly: on fixed examples, the bundled sample, every document of the shared corpora and
arbitrary (emoji-heavy) text."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kalima import Tokenizer, tokenize
from kalima.datasets import load_sample

CAMEL = Tokenizer("camel")


@pytest.fixture(scope="module")
def camel() -> Callable[[str], list[str]]:
    word = pytest.importorskip("camel_tools.tokenizers.word", reason="camel-tools not installed")
    return word.simple_word_tokenize


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        (
            "قال الوزير: «إن النمو بلغ 3.14% عام ٢٠٢٥»، فهل يستمر؟",
            [
                *("قال", "الوزير", ":", "«", "إن", "النمو", "بلغ", "3", ".", "14", "%"),
                *("عام", "٢٠٢٥", "»", "،", "فهل", "يستمر", "؟"),
            ],
        ),
        ("كَتَبَ الوَلَدُ الدرسَ", ["كَتَبَ", "الوَلَدُ", "الدرسَ"]),  # marks stay in words
        ("العـــربية بسم\u200cالله", ["العـــربية", "بسم\u200cالله"]),  # tatweel and ZWNJ too
        ("٣٫٥ 1,000", ["٣", "٫", "٥", "1", ",", "000"]),
        (
            "مبروك👨\u200d👩\u200d👧للعائلة 👍🏽👍🏽 🇸🇦🇪🇬 1️⃣ #️⃣ ❤️🔥",
            [
                *("مبروك", "👨\u200d👩\u200d👧", "للعائلة", "👍🏽", "👍🏽", "🇸🇦", "🇪🇬"),
                *("1️⃣", "#️⃣", "❤️", "🔥"),
            ],
        ),
        ("😀\u200d😀", ["😀\u200d", "😀"]),  # not an EMOJI_DATA sequence: CAMeL moves on by one
        ("❤️\u200d🔥!", ["❤️\u200d🔥", "!"]),
        ("1\u20e3x", ["1\u20e3x"]),  # the pattern matches "1" only, which is no symbol
        ("🇸🇦🇪", ["🇸🇦", "🇪"]),
        ("🇦🇨\u200d⚕", ["🇦🇨", "\u200d", "⚕"]),  # CAMeL's pattern never joins onto a flag
        ("x🇨\u200d⚕", ["x🇨\u200d", "⚕"]),  # but onto a single regional indicator
        (
            "#المحكمة_الدستورية @user_1 https://x.org/a?b=1",
            [
                *("#", "المحكمة", "_", "الدستورية", "@", "user", "_", "1", "https", ":", "/"),
                *("/", "x", ".", "org", "/", "a", "?", "b", "=", "1"),
            ],
        ),
        (" a\x1cb\u3000c\u200bd\t", ["a", "b", "c\u200bd"]),  # Python's str.split() separators
        ("", []),
    ],
)
def test_tokens(text, tokens):
    assert tokenize(text, mode="camel") == tokens


def test_offsets_slice_the_text():
    text = "قال الوزيرُ: «النمو ١٢٫٥» 👍🏽🇸🇦"
    got = CAMEL.tokenize_with_offsets(text)
    assert all(text[start:end] == token for token, start, end in got)
    assert [t for t, _, _ in got] == [
        *("قال", "الوزيرُ", ":", "«", "النمو", "١٢", "٫", "٥", "»", "👍🏽", "🇸🇦"),
    ]


def test_lone_surrogates_become_replacement_tokens(camel):
    # Under errors="replace" a lone surrogate is U+FFFD, a symbol, so a token of its own; the
    # token is U+FFFD, not the surrogate, as CAMeL Tools gives for the replaced text.
    text = "ab\ud800cd x\udfff!"
    expected = ["ab", "\ufffd", "cd", "x", "\ufffd", "!"]
    assert camel(text.replace("\ud800", "\ufffd").replace("\udfff", "\ufffd")) == expected
    assert CAMEL.tokenize(text, errors="replace") == expected
    assert CAMEL.tokenize_batch([text], errors="replace", n_jobs=2) == [expected]
    assert CAMEL.tokenize_with_offsets(text, errors="replace")[:3] == [
        ("ab", 0, 2),
        ("\ufffd", 2, 3),
        ("cd", 3, 5),
    ]
    with pytest.raises(ValueError, match=r"lone surrogate U\+D800 at index 2"):
        CAMEL.tokenize(text)


@given(st.text(st.characters(codec=None), max_size=30))
def test_any_python_string_gives_tokens_or_value_error(text):
    has_surrogate = any(0xD800 <= ord(c) <= 0xDFFF for c in text)
    try:
        assert isinstance(CAMEL(text), list) and not has_surrogate
    except ValueError:
        assert has_surrogate
    replaced = CAMEL.tokenize(text, errors="replace")
    assert not any(0xD800 <= ord(c) <= 0xDFFF for t in replaced for c in t)


def test_bundled_sample(camel):
    texts = [d["text"] for d in load_sample()]
    assert CAMEL.tokenize_batch(texts) == [camel(t) for t in texts]


def test_every_document_of_the_shared_corpora(camel, shared_corpus):
    name, texts = shared_corpus
    ours = CAMEL.tokenize_batch(texts, n_jobs=-1)
    wrong = [i for i, (a, t) in enumerate(zip(ours, texts)) if a != camel(t)]
    assert not wrong, f"{name}: {len(wrong)} of {len(texts)} documents differ, first {wrong[:5]}"


@given(st.lists(st.text(st.characters(exclude_categories=("Cs",)), max_size=40), max_size=10))
def test_same_tokens_as_camel_on_any_text(camel, texts):
    assert CAMEL.tokenize_batch(texts) == CAMEL.tokenize_batch(texts, n_jobs=2)
    assert CAMEL.tokenize_batch(texts) == [camel(t) for t in texts]


def _emoji_keys() -> list[str]:
    emoji = pytest.importorskip("emoji", reason="emoji not installed")
    return sorted(emoji.EMOJI_DATA)


KEYS = _emoji_keys()
# Keys with the rarer parts of the pattern: joiners, tags, keycaps, modifiers, flags.
LONG_KEYS = [k for k in KEYS if len(k) > 1]
TAG_KEYS = [k for k in KEYS if "\U000e007f" in k]
KEYCAPS = [k for k in KEYS if "\u20e3" in k]

# The pieces of CAMeL's emoji pattern, and what lies around them in tweets: whole EMOJI_DATA keys
# with a joiner after them, and their prefixes and suffixes (sequences cut short), next to single
# pieces.
PIECES = st.one_of(
    st.sampled_from(
        [
            *(chr(c) for c in range(0x1F1E6, 0x1F200)),  # regional indicators
            *(chr(c) for c in range(0x1F3FB, 0x1F400)),  # skin tone modifiers
            *("\ufe0f", "\u20e3", "\u200d", "\U000e007f", "\u200c"),
            *"0123456789#*",
            *("ا", "ل", "م", "\u064e", "\u0640", "a", "Z", "_"),
            *("،", "؟", "!", ".", "«", "»", "©", "™", "$", "٫"),
            *(" ", "\n", "\u00a0", "\u3000"),
            *("😀", "👍", "👨", "👩", "❤", "🔥", "🏴", "☺", "🏳", "🫩"),
        ]
    ),
    st.integers(0xE0020, 0xE007F).map(chr),  # tags
    st.sampled_from(KEYS),
    st.sampled_from(LONG_KEYS),
    st.sampled_from(TAG_KEYS + KEYCAPS),
    st.sampled_from(LONG_KEYS).map(lambda k: k + "\u200d"),  # a key joined to what follows
    st.sampled_from(LONG_KEYS).flatmap(lambda k: st.integers(1, len(k) - 1).map(lambda i: k[:i])),
    st.sampled_from(LONG_KEYS).flatmap(lambda k: st.integers(1, len(k) - 1).map(lambda i: k[i:])),
)


@given(st.lists(PIECES, max_size=30).map("".join))
def test_same_tokens_as_camel_on_emoji_heavy_text(camel, text):
    assert CAMEL(text) == camel(text)
