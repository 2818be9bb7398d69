"""The default "arabic" tokenizer mode: whole words, numbers and social-media tokens."""

from __future__ import annotations

import pickle

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from kalima import Normalizer, Tokenizer, tokenize
from kalima.datasets import load_sample

NEWS = (
    "أعلنَ الرئيسُ مسعود بزشكيان، يوم الأحد، أنّ معدّل التضخم تراجع إلى ١٢٫٥٪ "
    "مقابل 15.3% العام الماضي (بحسب البنك المركزي)."
)
TWEET = (
    "واااو 😍😍 المباراة كانت خرااافية!! شكراً @Mo_Salah11 🇪🇬👏🏽 "
    "#مصر_تفوز #AFCON2025 التفاصيل: https://t.co/Ab12Cd?x=1."
)


def test_news_sentence():
    assert tokenize(NEWS) == [
        "أعلنَ",
        "الرئيسُ",
        "مسعود",
        "بزشكيان",
        "يوم",
        "الأحد",
        "أنّ",
        "معدّل",
        "التضخم",
        "تراجع",
        "إلى",
        "١٢٫٥٪",
        "مقابل",
        "15.3%",
        "العام",
        "الماضي",
        "بحسب",
        "البنك",
        "المركزي",
    ]


def test_tweet():
    assert tokenize(TWEET) == [
        "واااو",
        "😍",
        "😍",
        "المباراة",
        "كانت",
        "خرااافية",
        "شكراً",
        "@Mo_Salah11",
        "🇪🇬",
        "👏🏽",
        "#مصر_تفوز",
        "#AFCON2025",
        "التفاصيل",
        "https://t.co/Ab12Cd?x=1",
    ]


def test_every_kind_dropped_replaced_or_split():
    tok = Tokenizer(
        urls="placeholder",
        mentions="drop",
        hashtags="split",
        emoji="placeholder",
        keep_punct=True,
    )
    assert tok(TWEET) == [
        "واااو",
        "<EMOJI>",
        "<EMOJI>",
        "المباراة",
        "كانت",
        "خرااافية",
        "!",
        "!",
        "شكراً",
        "<EMOJI>",
        "<EMOJI>",
        "مصر",
        "تفوز",
        "AFCON2025",
        "التفاصيل",
        ":",
        "<URL>",
        ".",
    ]
    text = "راسلونا على info@bbc.co.uk أو 0100"
    assert Tokenizer(emails="placeholder", numbers="drop")(text) == [
        "راسلونا",
        "على",
        "<EMAIL>",
        "أو",
    ]
    assert Tokenizer(hashtags="placeholder")("#مصر") == ["<HASHTAG>"]


def test_normalizer_runs_first_and_offsets_point_into_the_original():
    tok = Tokenizer(normalize="search", lowercase=True, hashtags="split")
    text = "أعلنَ الرئيـــسُ #مصر_تفوز عبر BBC"
    assert tok(text) == ["اعلن", "الرءيس", "مصر", "تفوز", "عبر", "bbc"]
    offsets = tok.tokenize_with_offsets(text)
    assert [t for t, _, _ in offsets] == tok(text)
    assert [text[a:b] for _, a, b in offsets] == ["أعلنَ", "الرئيـــسُ", "مصر", "تفوز", "عبر", "BBC"]
    # A Normalizer object works like its preset name; lowercase alone needs no preset.
    assert Tokenizer(normalize=Normalizer("search"))(text) == Tokenizer(normalize="search")(text)
    assert Tokenizer(lowercase=True)("BBC عربي") == ["bbc", "عربي"]


def test_batch_series_and_missing_values():
    tok = Tokenizer()
    texts = [NEWS, None, TWEET, ""]
    expected = [tok(NEWS), None, tok(TWEET), []]
    assert tok.tokenize_batch(texts, errors="keep") == expected
    assert tok.tokenize_batch(texts, n_jobs=2, errors="keep") == expected
    s = pd.Series(texts, index=list("abcd"), name="text", dtype="str")
    out = tok.tokenize_batch(s, errors="empty")
    assert list(out.index) == list("abcd") and out.name == "text"
    assert out.tolist() == [tok(NEWS), [], tok(TWEET), []]


def test_contract():
    tok = Tokenizer(normalize="search", urls="placeholder", keep_punct=True)
    assert (
        repr(tok) == "Tokenizer('arabic', normalize='search', keep_punct=True, urls='placeholder')"
    )
    assert repr(Tokenizer()) == "Tokenizer('arabic')"
    assert pickle.loads(pickle.dumps(tok)) == tok
    assert hash(tok) == hash(Tokenizer(normalize="search", urls="placeholder", keep_punct=True))
    assert tok != Tokenizer(normalize="search")
    assert tok.get_params()["urls"] == "placeholder" and tok.mode == "arabic"
    with pytest.raises(AttributeError, match="immutable"):
        tok.mode = "sklearn"


def test_bad_options():
    with pytest.raises(
        ValueError, match="unknown urls action 'mask'; choose one of 'keep', 'drop'"
    ):
        Tokenizer(urls="mask")
    # Only hashtags split: no other kind offers it.
    with pytest.raises(
        ValueError,
        match=r"unknown emoji action 'split'; choose one of 'keep', 'drop', 'placeholder'$",
    ):
        Tokenizer(emoji="split")
    with pytest.raises(ValueError, match="apply to mode 'arabic' only, not 'sklearn'"):
        Tokenizer("sklearn", keep_punct=True)
    with pytest.raises(TypeError, match="keep_punct must be a bool, not int"):
        Tokenizer(keep_punct=1)
    with pytest.raises(TypeError, match="hashtags must be a str, not NoneType"):
        Tokenizer(hashtags=None)
    with pytest.raises(TypeError, match="normalize must be a preset name, a Normalizer or None"):
        Tokenizer(normalize=3)
    with pytest.raises(ValueError, match="unknown preset 'fast'"):
        Tokenizer(normalize="fast")


def test_bad_input():
    tok = Tokenizer()
    with pytest.raises(TypeError, match=r"texts\[1\] is nan; expected str"):
        tok.tokenize_batch(["a", float("nan")])
    with pytest.raises(TypeError, match="text must be str, not bytes"):
        tok(b"abc")
    with pytest.raises(ValueError, match=r"lone surrogate U\+DC00 at index 3"):
        tok.tokenize_with_offsets("كتب\udc00")
    # U+FFFD is a symbol: dropped like punctuation unless keep_punct=True, and then it is
    # U+FFFD in the token too, never the surrogate.
    assert tok("كتب\udc00قرأ", errors="replace") == ["كتب", "قرأ"]
    assert Tokenizer(keep_punct=True)("كتب\udc00", errors="replace") == ["كتب", "\ufffd"]


def test_ten_megabytes_without_a_space():
    text = "كتب" * 3_500_000
    assert tokenize(text) == [text]
    assert tokenize("😂" * 1_000_000) == ["😂"] * 1_000_000


def test_bundled_sample_batch_equals_one_by_one():
    texts = [d["text"] for d in load_sample()]
    tok = Tokenizer(normalize="search", hashtags="split", keep_punct=True)
    one_by_one = [tok(t) for t in texts]
    assert tok.tokenize_batch(texts) == tok.tokenize_batch(texts, n_jobs=2) == one_by_one
    assert all(tokens for tokens in one_by_one)


TEXT = st.text(
    st.one_of(
        st.characters(exclude_categories=("Cs",)),
        st.sampled_from("ـًٌٍَُِّْ\u200c\u200d\u200f #@_.:/%٪٫٬0٣😂🏽🇸🇦\ufe0f\u20e3 wwhttps"),
        st.characters(min_codepoint=0x0600, max_codepoint=0x06FF),
    ),
    max_size=60,
)


@given(TEXT)
def test_offsets_slice_the_original(text):
    for token, start, end in Tokenizer(keep_punct=True).tokenize_with_offsets(text):
        assert text[start:end] == token


@pytest.mark.parametrize("preset", ["light", "search"])
@given(text=TEXT)
def test_offsets_under_a_normalizer(preset, text):
    # search applies NFKC, which rewrites a piece of text as a whole (¼ → 1⁄4, three tokens
    # from one character), so tokens can share their source; they never go backwards.
    norm = Normalizer(preset)
    tok = Tokenizer(normalize=norm, keep_punct=True)
    offsets = tok.tokenize_with_offsets(text)
    assert [t for t, _, _ in offsets] == tok(text)
    for (token, start, end), (_, last_start, last_end) in zip(offsets, [("", 0, 0), *offsets]):
        assert last_start <= start < end <= len(text) and last_end <= end
        assert token in norm(text[start:end])


@given(st.lists(TEXT, max_size=8))
def test_batch_equals_one_by_one_for_every_n_jobs(texts):
    tok = Tokenizer(hashtags="split", numbers="placeholder", keep_punct=True)
    expected = [tok(t) for t in texts]
    assert tok.tokenize_batch(texts) == tok.tokenize_batch(texts, n_jobs=2) == expected


def test_email_parts_are_no_longer_than_rfc_5321_allows():
    # The bound also keeps the look-ahead linear on text like a-a-a-…
    tok = Tokenizer(emails="placeholder")
    assert tok("راسلنا على " + "a" * 64 + "@example.com") == ["راسلنا", "على", "<EMAIL>"]
    assert tok("a" * 65 + "@example.com")[0] == "a" * 65
    assert tok("x@" + "d" * 251 + ".com") == ["<EMAIL>"]  # a 255-character domain
    # Too long for an address: a word and a handle (dots may sit inside one).
    assert tok("x@" + "d" * 252 + ".com") == ["x", "@" + "d" * 252 + ".com"]


# A tweet as scraped, where the text met its links and handles with no space between.
GLUED = (
    "عاجل: انفجار قرب المرفأالتفاصيلhttps://t.co/Qw3Er5Ty7u#بيروت_تنتفض "
    "عبر@Beirut_Live.24حصريا وهنا https://t.co/Zx9Cv8Bn7m@NewsDesk "
    "تابعوا الرابط:https://www.annahar.com/arabic/section/7-لبنان…"
)


def test_a_tweet_with_glued_links_and_handles():
    assert tokenize(GLUED) == [
        "عاجل",
        "انفجار",
        "قرب",
        "المرفأالتفاصيل",
        "https://t.co/Qw3Er5Ty7u",
        "#بيروت_تنتفض",
        "عبر",
        "@Beirut_Live.24",
        "حصريا",
        "وهنا",
        "https://t.co/Zx9Cv8Bn7m",
        "@NewsDesk",
        "تابعوا",
        "الرابط",
        "https://www.annahar.com/arabic/section/7-لبنان",
    ]
    tok = Tokenizer(urls="placeholder", mentions="placeholder", hashtags="split")
    assert tok(GLUED)[3:8] == ["المرفأالتفاصيل", "<URL>", "بيروت", "تنتفض", "عبر"]


ARABIC_WORD = st.text("ابتثجحخدذرزسشصضطظعغفقكلمنهويءأإآةى", min_size=1, max_size=7)
HANDLE = st.from_regex(r"[A-Za-z][A-Za-z0-9_]{0,9}", fullmatch=True)
LABEL = st.from_regex(r"[a-z0-9]{1,8}", fullmatch=True)
PATH = st.lists(st.from_regex(r"[A-Za-z0-9]{1,10}", fullmatch=True), max_size=3)
URL = st.builds(
    lambda scheme, host, tld, path: scheme + host + "." + tld + "".join("/" + p for p in path),
    st.sampled_from(["https://", "http://", "www.", "HTTPS://"]),
    LABEL,
    st.sampled_from(["co", "com", "net", "eg"]),
    PATH,
)
BEFORE = st.one_of(
    ARABIC_WORD,
    ARABIC_WORD.map("#".__add__),
    HANDLE.map("@".__add__),
    st.from_regex(r"[0-9٠-٩]{1,4}", fullmatch=True),
    st.sampled_from([":", "«", "(", "،", "!", '"', "Read", "Watch"]),
)
AFTER = st.one_of(
    ARABIC_WORD,
    ARABIC_WORD.map("#".__add__),
    HANDLE.map("@".__add__),
    ARABIC_WORD.map("…".__add__),
    st.sampled_from(["…", "،", "!", "»", ")"]),
)


@pytest.mark.parametrize("normalize", [None, "search"])
@given(before=BEFORE, url=URL, after=AFTER)
def test_a_space_between_a_word_and_a_url_changes_nothing(normalize, before, url, after):
    tok = Tokenizer(normalize=normalize, keep_punct=True)
    spaced = tok(f"{before} {url} {after}")
    assert tok(f"{before}{url}{after}") == tok(f"{before}{url} {after}") == spaced
    assert tok(f"{before} {url}{after}") == spaced
    assert url in spaced  # whole, and as written under search (its links option)


def test_links_and_handles_glued_into_real_tweets_come_out_whole():
    # Real tweets (ASTD, stripped of links upstream) with a link and a handle glued in at
    # random places, with or without a space, the link often followed by a tag or an ellipsis.
    import random
    import string

    from conftest import CORPORA, read_texts

    path = CORPORA / "astd" / "docs.jsonl"
    if not path.exists():
        pytest.skip(f"shared corpus astd not found at {path} (set KALIMA_SHARED)")
    rng = random.Random(14)
    code = string.ascii_letters + string.digits

    def glue(words, token):
        at = rng.randint(0, len(words))
        left, right = " ".join(words[:at]), " ".join(words[at:])
        return left + rng.choice(["", " "]) + token + rng.choice(["", " "]) + right

    urls = mentions = texts = 0
    for tweet in read_texts(path):
        url = rng.choice(["https://t.co/", "http://bit.ly/", "www.youm7.com/News/"])
        url += "".join(rng.choices(code, k=10))
        handle = "@" + rng.choice(string.ascii_letters) + "".join(rng.choices(code + "_", k=8))
        after = rng.choice(["", "…", "#مصر", "#Egypt", "😂"])
        tokens = tokenize(glue(glue(tweet.split(), url + after).split(" "), handle))
        texts += 1
        urls += url in tokens
        mentions += handle in tokens
    assert urls / texts >= 0.995 and mentions / texts >= 0.99, (urls, mentions, texts)
