"""Exact outputs of every option and preset on real Arabic text, and the Python API contract."""

from __future__ import annotations

import copy
import html.entities
import pickle
import re
import sys

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

import kalima
from kalima import PRESETS, Normalizer, explain, normalize

NEWS = "قالَ الرئيسُ  الإيرانيُّ مسعود بزشكيان: «إنّ الحكومـــة مسؤولة عن الاقتصاد» عام ٢٠٢٥، BBC"


def only(**options):
    return Normalizer("none", **options)


@pytest.mark.parametrize(
    ("options", "text", "expected"),
    [
        ({"diacritics": True}, "وَقَدْ أَعْلَنَتِ الوِزارَةُ هٰذا", "وقد أعلنت الوزارة هذا"),
        ({"diacritics": True}, "ٱلرَّحْمَٰنِ ٱلرَّحِيمِ\u06da", "ٱلرحمن ٱلرحيم"),
        ({"diacritics": "harakat"}, "ٱلرَّحْمَٰنِ ٱلرَّحِيمِ\u06da", "ٱلرحمن ٱلرحيم\u06da"),
        ({"diacritics": "harakat"}, "ا\u0654لف", "ا\u0654لف"),
        ({"tatweel": True}, "العـــربية جميـــلة", "العربية جميلة"),
        ({"alef": True}, "أحمد وإبراهيم آمنا بٱلله ٲ", "احمد وابراهيم امنا بالله ا"),
        ({"alef": "common"}, "أحمد وإبراهيم آمنا بٱلله ٲ", "احمد وابراهيم امنا بالله ٲ"),
        ({"alef_maksura": True}, "مصطفى على المستشفى", "مصطفي علي المستشفي"),
        ({"teh_marbuta": True}, "المدرسة الثانوية", "المدرسه الثانويه"),
        ({"hamza": "carrier"}, "المسؤول رئيس الهيئة", "المسوول رييس الهيية"),
        ({"hamza": "bare"}, "المسؤول والمسئول عن شيئ", "المسءول والمسءول عن شيء"),
        ({"persian": True}, "پزشکیان و گروه چهار", "بزشكيان و كروه جهار"),
        ({"digits": "latin"}, "في عام ٢٠٢٥ و۱۴۰۳", "في عام 2025 و1403"),
        ({"digits": "latin"}, "ارتفع بنسبة ١٢٫٥ إلى ١٬٠٠٠", "ارتفع بنسبة 12.5 إلى 1,000"),
        ({"presentation_forms": True}, "\ufefb \ufef7\ufee3\ufeee\ufead", "لا لأمور"),
        ({"punctuation": "latin"}, "«نعم»، لماذا؟ حسناً؛", '"نعم", لماذا? حسناً;'),
        ({"invisible": True}, "\u200fمرحبا\u200e\u061c بكم\ufeff", "مرحبا بكم"),
        ({"whitespace": True}, "\u00a0 خبر\u00a0\u00a0عاجل\t\n", "خبر عاجل"),
        ({"whitespace": True, "keep_newlines": True}, "سطر\n\n  ثان", "سطر\nثان"),
        ({"elongation": "collapse"}, "جمييييل جداااا هههههه الله", "جميل جدا ه الله"),
        ({"elongation": 2}, "جمييييل جداااا", "جمييل جداا"),
        ({"lowercase": True}, "قالت Reuters وBBC", "قالت reuters وbbc"),
        ({"unicode_form": "NFC"}, "ا\u0654حمد", "أحمد"),
        ({"unicode_form": "NFKC"}, "\ufefb ²", "لا 2"),
    ],
)
def test_each_option(options, text, expected):
    assert only(**options).normalize(text) == expected


def test_presets_on_news():
    assert normalize(NEWS, preset="camel") == (
        "قال الرئيس  الايراني مسعود بزشكيان: «ان الحكومـــه مسؤوله عن الاقتصاد» عام ٢٠٢٥، BBC"
    )
    assert normalize(NEWS, preset="search") == (
        'قال الرءيس الايراني مسعود بزشكيان: "ان الحكومه مسءوله عن الاقتصاد" عام 2025, bbc'
    )
    assert normalize(NEWS, preset="light") == (
        "قالَ الرئيسُ الإيرانيُّ مسعود بزشكيان: «إنّ الحكومة مسؤولة عن الاقتصاد» عام ٢٠٢٥، BBC"
    )
    assert normalize(NEWS, preset="arclean") == (
        'قال الرئيس  الإيراني مسعود بزشكيان: "إن الحكومة مسؤولة عن الاقتصاد" عام 2025, BBC'
    )
    assert normalize(NEWS, preset="none") == NEWS


def test_name_spellings_meet_under_search():
    spellings = ["بزشكيان", "بزشکیان", "پزشکیان", "بزشكيان\u200c", "بـزشكيـان"]
    assert {normalize(s) for s in spellings} == {"بزشكيان"}


def test_social_text_under_search():
    tweet = (
        "جمييييل جداااا 😍😍 #هاشتاج_عربي @kalima_news https://example.com/a?b=1 👨\u200d👩\u200d👧"
    )
    assert normalize(tweet) == (
        "جميل جدا 😍😍 #هاشتاج_عربي @kalima_news https://example.com/a?b=1 👨\u200d👩\u200d👧"
    )


def test_unchanged_text_is_the_same_object():
    text = "كتب الطالب درسه"
    assert Normalizer("search").normalize(text) is text
    docs = [text, "مدرسة"]
    out = Normalizer("camel").normalize_batch(docs)
    assert out[0] is text and out[1] == "مدرسه"


def test_overrides_on_top_of_preset():
    norm = Normalizer("search", hamza="carrier", teh_marbuta=False)
    assert norm("مسؤولة") == "مسوولة"
    assert norm.options["hamza"] == "carrier"
    assert norm.options["teh_marbuta"] is False
    assert norm.options["alef_maksura"] is True


def test_options_are_listed_and_round_trip():
    for preset in PRESETS:
        norm = Normalizer(preset)
        assert Normalizer("none", **norm.options) == norm


def test_repr_and_equality():
    norm = Normalizer("search", hamza="carrier")
    assert repr(norm) == "Normalizer(preset='search', hamza='carrier')"
    assert norm == Normalizer("search", hamza="carrier")
    assert norm != Normalizer("search")
    assert hash(norm) == hash(Normalizer("search", hamza="carrier"))


def test_immutable():
    norm = Normalizer("camel")
    with pytest.raises(AttributeError, match="immutable"):
        norm.preset = "search"
    with pytest.raises(AttributeError):
        del norm._core


def test_pickle_and_copy():
    norm = Normalizer("camel", tatweel=True, elongation=2)
    for clone in (pickle.loads(pickle.dumps(norm)), copy.deepcopy(norm), copy.copy(norm)):
        assert clone == norm
        assert repr(clone) == repr(norm)
        assert clone("العـــربيةةة") == norm("العـــربيةةة") == "العربيهه"


def test_callable_as_preprocessor():
    norm = Normalizer("search")
    assert list(map(norm, ["أحمد", "مدرسة"])) == ["احمد", "مدرسه"]


@pytest.mark.parametrize(
    ("options", "error", "match"),
    [
        ({"hamza": "x"}, ValueError, "hamza must be None or one of 'carrier', 'bare'; got 'x'"),
        ({"diacritics": "yes"}, ValueError, "diacritics must be True, False or one of 'harakat'"),
        ({"elongation": 0}, ValueError, "elongation must be None, 'collapse' or an int >= 1"),
        ({"tatweel": 1}, TypeError, "tatweel must be True or False; got 1"),
        ({"colour": True}, TypeError, "unknown normalizer option 'colour'"),
        ({"keep_newlines": True, "whitespace": False}, ValueError, "needs whitespace=True"),
    ],
)
def test_bad_options(options, error, match):
    with pytest.raises(error, match=match):
        Normalizer("search", **options)


def test_bad_preset():
    with pytest.raises(
        ValueError,
        match="unknown preset 'serch'; choose one of 'camel', 'arclean', 'light', 'search', 'none'",
    ):
        Normalizer("serch")
    with pytest.raises(TypeError, match="preset must be a str"):
        Normalizer(None)


def test_batch_containers():
    norm = Normalizer("camel")
    texts = ["مدرسة", "إلى"]
    expected = ["مدرسه", "الي"]
    assert norm.normalize_batch(texts) == expected
    assert norm.normalize_batch(tuple(texts)) == expected
    assert norm.normalize_batch(np.array(texts)) == expected
    assert norm.normalize_batch(np.array(texts, dtype=object)) == expected
    assert norm.normalize_batch(iter(texts)) == expected
    assert norm.normalize_batch([]) == []


@pytest.mark.parametrize("dtype", [object, "str", "string[pyarrow]"])
def test_series_keeps_index_name_and_dtype(dtype):
    s = pd.Series(["مدرسة", "إلى"], index=["a", "b"], name="text", dtype=dtype)
    out = Normalizer("camel").normalize_batch(s)
    assert isinstance(out, pd.Series)
    assert out.tolist() == ["مدرسه", "الي"]
    assert list(out.index) == ["a", "b"] and out.name == "text" and out.dtype == s.dtype
    assert s.tolist() == ["مدرسة", "إلى"]  # the input is not touched


def test_missing_values_policy():
    norm = Normalizer("camel")
    docs = ["مدرسة", None, float("nan"), pd.NA, np.float64("nan")]
    with pytest.raises(TypeError, match=r"texts\[1\] is None; expected str"):
        norm.normalize_batch(docs)
    kept = norm.normalize_batch(docs, errors="keep")
    assert kept[0] == "مدرسه" and kept[1] is None and kept[2] is docs[2] and kept[3] is pd.NA
    assert norm.normalize_batch(docs, errors="empty") == ["مدرسه", "", "", "", ""]
    s = pd.Series(["مدرسة", None], dtype=object)
    out = norm.normalize_batch(s, errors="keep")
    assert out[0] == "مدرسه" and out[1] is None


def test_wrong_types_name_their_position():
    norm = Normalizer("camel")
    with pytest.raises(TypeError, match=r"texts\[2\] is bytes; expected str"):
        norm.normalize_batch(["a", "b", b"c"])
    with pytest.raises(TypeError, match=r"texts\[0\] is int; expected str"):
        norm.normalize_batch([3], errors="keep")
    with pytest.raises(TypeError, match="got a single str"):
        norm.normalize_batch("مدرسة")
    with pytest.raises(TypeError, match="text must be str, not bytes"):
        norm.normalize(b"abc")
    with pytest.raises(TypeError, match="text must be str, not NoneType"):
        norm.normalize(None)
    with pytest.raises(
        ValueError, match="errors must be 'raise', 'keep', 'empty' or 'replace'; got 'ignore'"
    ):
        norm.normalize("a", errors="ignore")
    with pytest.raises(ValueError, match="got 'strict'"):
        norm.normalize_batch([], errors="strict")
    with pytest.raises(TypeError, match=r"(?s)'float' object.*'n_jobs'"):
        norm.normalize_batch(["a"], n_jobs=2.0)
    with pytest.raises(TypeError, match="text must be str, not int"):
        norm.explain(5)
    with pytest.raises(ValueError, match=r"lone surrogate U\+D800 at index 0"):
        norm.explain("\ud800")
    with pytest.raises(ValueError, match="n_jobs == 0"):
        norm.normalize_batch(["a"], n_jobs=0)


def test_lone_surrogates():
    norm = Normalizer("camel")
    with pytest.raises(ValueError, match=r"lone surrogate U\+D800 at index 3"):
        norm.normalize("مدر\ud800سة")
    with pytest.raises(ValueError, match=r"texts\[1\] has a lone surrogate U\+DC00 at index 0"):
        norm.normalize_batch(["ا", "\udc00"])
    assert norm.normalize("مدر\ud800سة", errors="replace") == "مدر\ufffdسه"
    assert norm.normalize_batch(["\udc00ة"], errors="replace") == ["\ufffdه"]


def test_inputs_are_not_mutated():
    docs = ["مدرسة", "إلى", None]
    before = list(docs)
    Normalizer("search").normalize_batch(docs, errors="keep")
    assert docs == before and all(a is b for a, b in zip(docs, before))


def test_refcounts_do_not_leak():
    text = "مدرسة " * 10
    docs = [text] * 3
    before = sys.getrefcount(text)
    for _ in range(100):
        Normalizer("camel").normalize_batch(docs)
        Normalizer("camel").normalize(text)
    assert sys.getrefcount(text) == before


def test_large_batch_spans_several_chunks():
    # more than one 4M-code-point chunk, with unchanged and changed documents interleaved
    docs = ["مدرسة " * 5000, "كتب " * 5000] * 120
    out = Normalizer("camel").normalize_batch(docs, n_jobs=2)
    assert out[0] == "مدرسه " * 5000 and out[1] is docs[1] and len(out) == len(docs)
    assert out == Normalizer("camel").normalize_batch(docs, n_jobs=1)


def test_explain():
    e = explain("إنّ  الحكومـــة")
    assert e.normalized == "ان الحكومه"
    assert [(c.start, c.end, c.original, c.replacement, c.rule) for c in e.changes] == [
        (0, 1, "إ", "ا", "alef"),
        (2, 3, "\u0651", "", "diacritics"),
        (4, 5, " ", "", "whitespace"),
        (11, 12, "ـ", "", "tatweel"),
        (12, 13, "ـ", "", "tatweel"),
        (13, 14, "ـ", "", "tatweel"),
        (14, 15, "ة", "ه", "teh_marbuta"),
    ]
    for c in e.changes:
        assert e.original[c.start : c.end] == c.original
        assert e.normalized[c.norm_start : c.norm_end] == c.replacement
    html = e._repr_html_()
    assert "background" in html and "teh_marbuta" in html
    assert "ة" in repr(e)


def test_explain_shows_a_screenful_of_a_long_text():
    text = "إنّ الحكومة " * 10_000  # 3 changes a time, and the last space stripped
    e = explain(text)
    assert len(e.changes) == 30_001 and e.normalized == ("ان الحكومه " * 10_000)[:-1]
    html = e._repr_html_()
    assert html.count("<tr>") == 51  # the header and the first 50 changes
    assert "… and 29,951 more changes (all of them in <code>.changes</code>)" in html
    assert len(html) < 30_000  # a screenful, not the whole text
    lines = repr(e).splitlines()
    assert len(lines) == 53 and lines[-1] == "  … and 29,951 more changes (in .changes)"


def test_explain_says_when_nothing_changed():
    e = explain("قال الوزير")
    assert e.changes == [] and e.normalized == "قال الوزير"
    assert e._repr_html_().endswith("<p>no changes</p>") and "<table>" not in e._repr_html_()
    assert repr(e).splitlines()[-1] == "  no changes"


def test_module_functions_take_a_text_or_a_batch():
    texts = ["قالَ الوزيرُ", "إنّ"]
    assert normalize(texts) == ["قال الوزير", "ان"]
    assert normalize(tuple(texts), "camel") == ["قال الوزير", "ان"]
    series = pd.Series(texts, index=[7, 9], name="text")
    out = normalize(series)
    assert out.tolist() == ["قال الوزير", "ان"] and out.index.tolist() == [7, 9]
    assert out.name == "text" and out.dtype == series.dtype
    explained = explain(series)
    assert [e.normalized for e in explained] == ["قال الوزير", "ان"]
    assert explained.index.tolist() == [7, 9] and explained[9].changes[0].rule == "alef"
    assert [e.normalized for e in explain(np.array(texts, dtype=object))] == ["قال الوزير", "ان"]
    with pytest.raises(TypeError, match=r"texts\[1\] is None; expected str"):
        explain(["قال", None])
    for missing, shown in [(np.nan, "nan"), (pd.NA, "<NA>"), (3, "int")]:
        with pytest.raises(TypeError, match=re.escape(f"texts[1] is {shown}; expected str")):
            explain(pd.Series(["قال", missing], dtype=object))
    hint = "text must be str, not {}; for many texts, use {}"
    with pytest.raises(TypeError, match=hint.format("Series", "normalize_batch")):
        Normalizer().normalize(series)
    with pytest.raises(TypeError, match=re.escape(hint.format("list", "kalima.explain"))):
        Normalizer().explain(texts)


def test_explain_presentation_form_expands():
    e = explain("\ufef7", preset="light")
    assert [(c.original, c.replacement, c.rule) for c in e.changes] == [
        ("\ufef7", "لأ", "presentation_forms")
    ]
    e = explain("\ufef7", preset="search")
    assert [(c.original, c.replacement, c.rule) for c in e.changes] == [
        ("\ufef7", "لا", "unicode_form+alef")
    ]


def test_version():
    assert kalima.__version__ == "0.1.0"


# --- html: character references decoded first, as html.unescape ------------------------------

HTML_ONLY = Normalizer("none", html=True)


def test_html_references_are_decoded_before_every_rule():
    text = "قال الوزير &quot;إنّ&quot; H&amp;M &#1575;&#x644;&#1604;&#1607; &laquo;نعم&raquo;"
    assert HTML_ONLY(text) == 'قال الوزير "إنّ" H&M الله «نعم»'
    # search decodes, then folds what the references stood for (إ → ا, « → ").
    assert normalize(text) == 'قال الوزير "ان" h&m الله "نعم"'
    assert kalima.tokenize(text, normalize="search") == [
        "قال",
        "الوزير",
        "ان",
        "h",
        "m",
        "الله",
        "نعم",
    ]
    # Without the option, references stay as written.
    assert Normalizer("light")("H&amp;M") == "H&amp;M"
    assert Normalizer("search", html=False)("&quot;") == "&quot;"


def test_html_explain_points_at_the_reference():
    e = explain("&#1573;نّ &amp;")
    assert [(c.start, c.end, c.original, c.replacement, c.rule) for c in e.changes] == [
        (0, 7, "&#1573;", "ا", "html+alef"),
        (8, 9, "\u0651", "", "diacritics"),
        (10, 15, "&amp;", "&", "html"),
    ]
    tokens = kalima.Tokenizer(normalize="search").tokenize_with_offsets("قال &quot;نعم&quot;")
    assert tokens == [("قال", 0, 3), ("نعم", 10, 13)]


def test_html_table_is_pythons():
    from html_entities import RUST, render

    assert RUST.read_text(encoding="utf-8") == render(), "run python scripts/html_entities.py"


REFERENCE_PARTS = st.sampled_from(
    [
        *("&", ";", "#", "x", "&#", "&#x", "amp", "lt", "not", "notin", "quot;", "1575", "x627"),
        *(" ", "ب", "ت", "\u0651", "<", "\t", "0", "9", "a", "F", "&ampx", "&#0;", "&#128;"),
        "&#x1;",
    ]
)


HTML5_NAMES = st.sampled_from(sorted("&" + name for name in html.entities.html5))


@given(st.lists(st.one_of(REFERENCE_PARTS, HTML5_NAMES), max_size=12))
def test_html_decodes_exactly_as_python(parts):
    text = "".join(parts)
    expected = html.unescape(text)
    assert HTML_ONLY(text) == expected
    assert HTML_ONLY.normalize_batch([text, text], n_jobs=2) == [expected, expected]
    # explain gives the same text, and its changes alone rebuild it from the original.
    e = HTML_ONLY.explain(text)
    rebuilt, at = [], 0
    for c in e.changes:
        rebuilt += [text[at : c.start], c.replacement]
        at = c.end
    assert e.normalized == expected == "".join([*rebuilt, text[at:]])


# --- links: URLs and e-mail addresses as written --------------------------------------------


def test_links_are_left_as_written():
    text = "شاهدوا الفيديو https://t.co/hrBeHbkBNu وراسلونا Info@Moe.Gov.eg عبر BBC"
    assert normalize(text) == (
        "شاهدوا الفيديو https://t.co/hrBeHbkBNu وراسلونا Info@Moe.Gov.eg عبر bbc"
    )
    assert kalima.tokenize(text, normalize="search")[2:4] == [
        "https://t.co/hrBeHbkBNu",
        "وراسلونا",
    ]
    assert normalize("www.Aljazeera.net/ar/مقالة، BBC") == "www.Aljazeera.net/ar/مقالة, bbc"
    # Off: folded like the rest; a mention is no link.
    assert normalize("https://t.co/AbC", links=False) == "https://t.co/abc"
    assert normalize("@Mo_Salah") == "@mo_salah"
    assert Normalizer("search").options["links"] is True
    assert not any(Normalizer(p).options["links"] for p in ("camel", "arclean", "light", "none"))


LINK = st.builds(
    lambda scheme, host, path: scheme + host + path,
    st.sampled_from(["https://", "http://", "www.", "HTTPS://", "Www."]),
    st.sampled_from(["t.co/", "Aljazeera.net/", "موقع.com/", "EX.org/"]),
    st.text(st.sampled_from("AbZq09_-/?=&%مدرسةًٌ"), min_size=1, max_size=12),
)


@given(st.text(st.sampled_from("قالَ إنّ BBC، "), max_size=12), LINK, st.text(" قال", max_size=5))
def test_a_link_the_tokenizer_finds_comes_out_as_written(before, link, after):
    text = f"{before} {link} {after}"
    found = [t for t in kalima.tokenize(text) if t.startswith(link[:4])]
    out = normalize(text, html=False)
    for url in found:
        assert url in out
        assert url in kalima.tokenize(text, normalize="search")
