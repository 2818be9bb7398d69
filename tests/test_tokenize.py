"""The tokenizer modes: "sklearn" (scikit-learn's default token_pattern, exactly), "camel"
(CAMeL Tools' simple_word_tokenize, exactly), and the generated tables behind them."""

from __future__ import annotations

import pickle
import re
import unicodedata
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st
from python_word_table import render
from tokenize_tables import render as render_tables
from tokenize_tables import tables, versions

from kalima import TOKENIZER_MODES, Tokenizer, tokenize
from kalima.datasets import load_sample

ROOT = Path(__file__).resolve().parents[1]

# scikit-learn's default CountVectorizer.token_pattern, compiled the way scikit-learn does.
SKLEARN = re.compile(r"(?u)\b\w\w+\b")


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        (
            "قال الوزير إن النمو بلغ 3.5% عام ٢٠٢٥",
            ["قال", "الوزير", "إن", "النمو", "بلغ", "عام", "٢٠٢٥"],
        ),
        ("كَتَبَ الوَلَدُ الدرسَ", ["الو", "الدرس"]),  # marks split words, as in scikit-learn
        ("بسم\u200cالله العـــربية", ["بسم", "الله", "العـــربية"]),  # ZWNJ splits, tatweel stays
        (
            "#المحكمة_الدستورية @user_1 https://x.org",
            ["المحكمة_الدستورية", "user_1", "https", "org"],
        ),
        ("", []),
        ("a b c", []),
    ],
)
def test_tokens(text, tokens):
    assert tokenize(text, mode="sklearn") == tokens == SKLEARN.findall(text)


def test_offsets_slice_the_text():
    text = "قال الوزيرُ: «النمو ١٢٫٥»"
    for token, start, end in Tokenizer("sklearn").tokenize_with_offsets(text):
        assert text[start:end] == token
    assert [t for t, _, _ in Tokenizer("sklearn").tokenize_with_offsets(text)] == SKLEARN.findall(
        text
    )


def test_batch_and_series():
    tok = Tokenizer("sklearn")
    texts = ["قال الوزير", None, "النمو ٢٠٢٥"]
    assert tok.tokenize_batch(texts, errors="keep") == [["قال", "الوزير"], None, ["النمو", "٢٠٢٥"]]
    assert tok.tokenize_batch(texts, errors="empty")[1] == []
    s = pd.Series(texts, index=[7, 8, 9], name="t", dtype="str")
    out = tok.tokenize_batch(s, errors="empty")
    assert out.dtype == object and list(out.index) == [7, 8, 9] and out.name == "t"
    assert out.tolist() == [["قال", "الوزير"], [], ["النمو", "٢٠٢٥"]]


def test_tokenize_takes_a_text_or_a_batch():
    texts = ["قال الوزير", "إنّ #غزة"]
    assert tokenize(texts) == [["قال", "الوزير"], ["إنّ", "#غزة"]]
    out = tokenize(pd.Series(texts, index=[3, 4]), normalize="search")
    assert out.tolist() == [["قال", "الوزير"], ["ان", "#غزه"]] and out.index.tolist() == [3, 4]
    hint = "text must be str, not tuple; for many texts, use tokenize_batch"
    with pytest.raises(TypeError, match=hint):
        Tokenizer().tokenize(tuple(texts))


def test_contract_and_bad_input():
    tok = Tokenizer("sklearn")
    assert TOKENIZER_MODES == ("arabic", "sklearn", "camel")
    assert repr(tok) == "Tokenizer('sklearn')" and pickle.loads(pickle.dumps(tok)) == tok
    with pytest.raises(
        ValueError,
        match="unknown tokenizer mode 'word'; choose one of 'arabic', 'sklearn', 'camel'",
    ):
        Tokenizer("word")
    assert (
        Tokenizer("camel") != tok and pickle.loads(pickle.dumps(Tokenizer("camel"))).mode == "camel"
    )
    with pytest.raises(TypeError, match=r"texts\[1\] is None; expected str"):
        tok.tokenize_batch(["a", None])
    with pytest.raises(TypeError, match="text must be str, not int"):
        tok.tokenize(3)
    with pytest.raises(TypeError, match="text must be str, not int"):
        tok.tokenize_with_offsets(3)
    with pytest.raises(ValueError, match=r"lone surrogate U\+D800 at index 2"):
        tok.tokenize("ab\ud800cd")
    assert tok.tokenize("ab\ud800cd", errors="replace") == ["ab", "cd"]


@given(st.lists(st.text(st.characters(exclude_categories=("Cs",)), max_size=40), max_size=10))
def test_same_tokens_as_python_re_on_any_text(texts):
    tok = Tokenizer("sklearn")
    expected = [SKLEARN.findall(t) for t in texts]
    assert tok.tokenize_batch(texts) == tok.tokenize_batch(texts, n_jobs=2) == expected


@given(st.text(st.characters(codec=None), max_size=30))
def test_any_python_string_gives_tokens_or_value_error(text):
    has_surrogate = any(0xD800 <= ord(c) <= 0xDFFF for c in text)
    try:
        assert isinstance(Tokenizer("sklearn")(text), list) and not has_surrogate
    except ValueError:
        assert has_surrogate


def test_bundled_sample():
    texts = [d["text"] for d in load_sample()]
    assert Tokenizer("sklearn").tokenize_batch(texts) == [SKLEARN.findall(t) for t in texts]


def test_every_document_of_the_shared_corpora(shared_corpus):
    name, texts = shared_corpus
    ours = Tokenizer("sklearn").tokenize_batch(texts, n_jobs=-1)
    wrong = [i for i, (a, t) in enumerate(zip(ours, texts)) if a != SKLEARN.findall(t)]
    assert not wrong, f"{name}: {len(wrong)} of {len(texts)} documents differ, first {wrong[:5]}"


def test_word_table_matches_this_python():
    # The committed table was generated from this Unicode version; on another one, Python's \w
    # itself differs for newly assigned characters.
    table = pytest.importorskip("pathlib").Path(__file__).parents[1] / "src/tokenize/python_word.rs"
    committed = table.read_text(encoding="utf-8")
    if f'"{unicodedata.unidata_version}"' not in committed:
        pytest.skip(
            f"table is for another Unicode version than this Python's {unicodedata.unidata_version}"
        )
    assert render() == committed, "regenerate: python scripts/python_word_table.py"


def test_tokenize_tables_match_the_installed_sources():
    # src/tokenize/tables.rs comes from this Python's unicodedata, the regex module and the emoji
    # package; regenerating it with the same versions must give the committed file.
    table = ROOT / "src/tokenize/tables.rs"
    committed = table.read_text(encoding="utf-8")
    made_with = {
        name: re.search(rf'pub const {name}: &str = "([^"]*)";', committed)[1]  # type: ignore[index]
        for name in versions()
    }
    if made_with != versions():
        pytest.skip(f"table made with {made_with}, installed are {versions()}")
    assert render_tables() == committed, "regenerate: python scripts/tokenize_tables.py"


def test_tables_are_camel_tools_charsets():
    charsets = pytest.importorskip("camel_tools.utils.charsets")
    t = tables()
    assert {chr(c) for c in t["PUNCT_SYMBOL"]} == charsets.UNICODE_PUNCT_SYMBOL_CHARSET
    assert {chr(c) for c in t["EMOJI_SINGLE"]} == charsets.EMOJI_SINGLECHAR_CHARSET
