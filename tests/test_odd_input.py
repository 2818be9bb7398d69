"""One test (or more) per row of the table "What kalima does with odd input" in
docs/odd-input.md; the last test checks that the table and these tests name the same rows."""

from __future__ import annotations

import os
import pickle
import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from sklearn.feature_extraction import text as sk

from kalima import (
    CountVectorizer,
    HashingVectorizer,
    Normalizer,
    Segmenter,
    Stemmer,
    TfidfVectorizer,
    Tokenizer,
    stopwords,
)
from kalima.datasets import load_sample

ROOT = Path(__file__).resolve().parents[1]
ROWS: dict[str, list[str]] = {}


def row(name: str):
    """Marks a test as backing the docs/odd-input.md row whose first cell is `name`."""

    def mark(test):
        ROWS.setdefault(name, []).append(test.__name__)
        return test

    return mark


SEARCH, TOK = Normalizer("search"), Tokenizer()
MISSING = "expected str (pass errors='keep' or errors='empty' to allow missing values)"


@row("`None`, `float('nan')`, `pd.NA`")
@pytest.mark.parametrize(("value", "shown"), [(None, "None"), (np.nan, "nan"), (pd.NA, "<NA>")])
def test_missing_values(value, shown):
    texts = ["كتبَ", value]
    with pytest.raises(TypeError, match=re.escape(f"texts[1] is {shown}; {MISSING}")):
        SEARCH.normalize_batch(texts)
    with pytest.raises(TypeError, match=re.escape(f"words[1] is {shown}")):
        Stemmer("isri").stem_batch(texts)
    kept = SEARCH.normalize_batch(texts, errors="keep")
    assert kept[0] == "كتب" and kept[1] is value
    assert SEARCH.normalize_batch(texts, errors="empty") == ["كتب", ""]
    assert TOK.tokenize_batch(texts, errors="empty") == [["كتبَ"], []]
    assert Segmenter().segment_batch(texts, errors="keep")[1] is value
    with pytest.raises(TypeError, match=re.escape("text must be str, not")):
        SEARCH(value)
    # pandas: missing values stay missing, as with the .str methods.
    series = pd.Series(texts, dtype=object)
    assert series.arabic.normalize().tolist()[1] is value
    assert series.tolist() == texts  # not mutated
    # Vectorizers: named by position; errors="empty" gives an all-zero row.
    # (they cannot keep a missing document, so they do not offer errors='keep')
    vectorizer_missing = "expected str (pass errors='empty' to allow missing values)"
    with pytest.raises(
        TypeError, match=re.escape(f"raw_documents[1] is {shown}; {vectorizer_missing}")
    ):
        CountVectorizer().fit(["كتب الولد", value])
    X = CountVectorizer(errors="empty").fit_transform(["كتب الولد", value])
    assert X.toarray().tolist() == [[1, 1], [0, 0]]
    assert texts == ["كتبَ", value]


@row("`bytes`, `int` or any other non-str")
@pytest.mark.parametrize("value", ["كتب".encode(), 7, 2.5, ["كتب"]])
def test_non_str(value):
    name = type(value).__name__
    hint = " (decode bytes first, e.g. with .decode('utf-8'))" if name == "bytes" else ""
    for errors in ("raise", "keep", "empty", "replace"):
        with pytest.raises(TypeError, match=re.escape(f"texts[2] is {name}; expected str{hint}")):
            SEARCH.normalize_batch(["a", "b", value], errors=errors)
    with pytest.raises(TypeError, match=re.escape(f"texts[2] is {name}; expected str")):
        TOK.tokenize_batch(["a", "b", value], errors="empty")
    with pytest.raises(TypeError, match=re.escape(f"text must be str, not {name}")):
        SEARCH(value)
    if name == "bytes":  # the vectorizers decode bytes with encoding, as scikit-learn's do
        vocabulary = TfidfVectorizer().fit(["كتب الولد", "قرأ", value]).vocabulary_
        assert sorted(vocabulary) == ["الولد", "قرا", "كتب"]
        return
    with pytest.raises(TypeError, match=re.escape(f"raw_documents[2] is {name}; expected str")):
        TfidfVectorizer(errors="empty").fit(["كتب الولد", "قرأ", value])


@row("a column of numbers, booleans or dates")
@pytest.mark.parametrize(
    "column",
    [
        pd.Series([3, 4]),
        pd.Series([True, False]),
        pd.Series(pd.to_datetime(["2025-01-01", "2025-01-02"])),
        np.array([3, 4]),
    ],
    ids=["int", "bool", "datetime", "ndarray"],
)
def test_non_text_column(column):
    import kalima

    dtype = str(column.dtype)
    message = (
        f"texts holds {dtype} values, not text; pass the text column, or convert with "
        ".astype(str) to treat the values as text"
    )
    for call in (SEARCH.normalize_batch, TOK.tokenize_batch, Stemmer("isri").stem_batch):
        with pytest.raises(TypeError, match=re.escape(message)):
            call(column)
    with pytest.raises(TypeError, match=re.escape(message.replace("texts", "raw_documents"))):
        CountVectorizer().fit(column)
    # The suggested conversion works.
    assert len(kalima.normalize(column.astype(str))) == 2


@row("a bare `str` where a batch is expected")
def test_bare_str():
    message = (
        "expected a batch of texts (list, tuple, numpy array or pandas Series), got a single str"
    )
    for batch in (SEARCH.normalize_batch, TOK.tokenize_batch, Stemmer("light10").stem_batch):
        with pytest.raises(TypeError, match=re.escape(message)):
            batch("كتب الولد")
    for vectorizer in (CountVectorizer(), TfidfVectorizer(), HashingVectorizer()):
        with pytest.raises(ValueError, match="Iterable over raw text documents expected"):
            vectorizer.fit_transform("كتب الولد")


@row("a batch where one text is expected")
def test_batch_for_one_text():
    import kalima

    texts = ["قالَ", "إنّ"]
    # The module's functions take either.
    assert kalima.normalize(texts) == ["قال", "ان"]
    assert kalima.tokenize(texts) == [["قالَ"], ["إنّ"]]
    assert kalima.stem(["والمعلمون", "بالمدرسة"], "light10") == ["معلم", "مدرس"]
    assert [e.normalized for e in kalima.explain(texts)] == ["قال", "ان"]
    # A method for one text names the method for many, and that method works.
    for one, many in [
        (SEARCH.normalize, SEARCH.normalize_batch),
        (TOK.tokenize, TOK.tokenize_batch),
        (Stemmer("isri").stem, Stemmer("isri").stem_batch),
        (Segmenter().segment, Segmenter().segment_batch),
    ]:
        what = "word" if many.__name__ in ("stem_batch", "segment_batch") else "text"
        message = f"{what} must be str, not list; for many {what}s, use {many.__name__}"
        with pytest.raises(TypeError, match=re.escape(message)):
            one(texts)
        assert len(many(texts)) == 2


@row("a text where one word is expected")
def test_text_for_one_word():
    import kalima

    text = "والمعلمون في المدرسة"
    for call, suggestion in [
        (lambda: kalima.stem(text, "isri"), "kalima.stem(kalima.tokenize(text), 'isri')"),
        (lambda: Stemmer("snowball").stem(text), "Stemmer('snowball').stem_batch"),
        (lambda: kalima.segment(text), "kalima.segment(kalima.tokenize(text), min_stem=3)"),
        (lambda: Segmenter(2).segment(text), "Segmenter(min_stem=2).segment_batch"),
    ]:
        with pytest.raises(ValueError, match=re.escape(suggestion)):
            call()
    assert kalima.stem(kalima.tokenize(text), "isri") == ["علم", "في", "درس"]
    assert Stemmer("snowball").stem_batch(kalima.tokenize(text)) == ["والمعلم", "في", "مدرس"]
    assert Segmenter(min_stem=2).segment_batch(kalima.tokenize(text))[2] == ["ال+", "مدرسة"]


@row("HTML character references")
def test_html_character_references():
    import kalima

    texts = ["قال &quot;نعم&quot;", "H&amp;M &#1573;ن", "&amp;quot;"]
    assert SEARCH.normalize_batch(texts) == ['قال "نعم"', "h&m ان", "&quot;"]
    assert kalima.tokenize(texts[0], normalize="search") == ["قال", "نعم"]
    cv = CountVectorizer().fit(texts[:2])
    assert cv.get_feature_names_out().tolist() == ["h", "m", "ان", "قال", "نعم"]
    assert Normalizer("light").normalize_batch(texts) == texts


@row("a URL or an e-mail address")
def test_urls_and_email_addresses():
    import kalima

    text = "شاهدوا https://t.co/hrBeHbkBNu و www.Aljazeera.net/ar/مقالة، Info@Moe.Gov.eg BBC"
    assert SEARCH(text) == (
        "شاهدوا https://t.co/hrBeHbkBNu و www.Aljazeera.net/ar/مقالة, Info@Moe.Gov.eg bbc"
    )
    tokens = kalima.tokenize(text, normalize="search")
    assert tokens[1] == "https://t.co/hrBeHbkBNu" and tokens[-2:] == ["Info@Moe.Gov.eg", "bbc"]
    cv = CountVectorizer().fit([text])
    assert "https://t.co/hrBeHbkBNu" in cv.vocabulary_


@row("a hashtag, mention, URL, e-mail address or number in a stemmer")
def test_typed_tokens_in_a_stemmer():
    words = ["#غزة", "@moe_egypt", "www.الجزيرة.نت", "info@moe.gov.eg", "٢٠٢٥", "المدرسة"]
    assert Stemmer("light10").stem_batch(words) == [*words[:5], "مدرس"]
    assert pd.Series(words).arabic.stem("snowball").tolist() == [*words[:5], "مدرس"]
    features = CountVectorizer(stem="isri", normalize=None).fit([" ".join(words)])
    assert features.get_feature_names_out().tolist() == [
        "#غزة",
        "@moe_egypt",
        "info@moe.gov.eg",
        "www.الجزيرة.نت",
        "درس",
        "٢٠٢٥",
    ]


@row("a lone surrogate")
def test_lone_surrogate():
    text = "كتب\ud800"
    hint = "lone surrogate U+D800 at index 3; pass errors='replace' to replace it with U+FFFD"
    with pytest.raises(ValueError, match=re.escape(f"text has a {hint}")):
        SEARCH(text)
    with pytest.raises(ValueError, match=re.escape(f"texts[1] has a {hint}")):
        SEARCH.normalize_batch(["", text])
    with pytest.raises(ValueError, match=re.escape(f"raw_documents[1] has a {hint}")):
        CountVectorizer().fit(["كتب", text])
    assert SEARCH(text, errors="replace") == "كتب\ufffd"
    assert TOK(text, errors="replace") == ["كتب"]  # U+FFFD is not a word character
    X = CountVectorizer(errors="replace").fit_transform(["كتب", text])
    assert X.toarray().tolist() == [[1], [1]]


@row('`""`')
def test_empty_string():
    assert SEARCH("") == "" and TOK("") == [] and Stemmer("isri")("") == ""
    assert SEARCH.explain("").changes == [] and Segmenter()("") == [""]  # pieces join to it
    X = CountVectorizer().fit_transform(["كتب الولد", ""])
    assert X.toarray().tolist() == [[1, 1], [0, 0]]


@row("white space only")
def test_white_space_only():
    text = " \t\n\u00a0\u3000"
    assert SEARCH(text) == "" and Normalizer("light")(text) == ""
    assert Normalizer("camel")(text) == text  # camel leaves white space alone, as CAMeL Tools
    assert Normalizer("search", keep_newlines=True)("كتب \n\n درس") == "كتب\nدرس"
    assert TOK(text) == [] and Tokenizer("camel")(text) == []
    X = TfidfVectorizer().fit_transform(["كتب الولد", text])
    assert X.toarray()[1].tolist() == [0.0, 0.0]


def huge_document(megabytes: float) -> tuple[str, str, int]:
    """(document, the sample joined, how many copies): the bundled sample repeated."""
    base = " ".join(d["text"] for d in load_sample())
    copies = int(megabytes * 1e6 / len(base.encode())) + 1
    return " ".join([base] * copies), base, copies


@row("a 100 MB document")
def test_huge_document_equals_its_pieces():
    doc, base, copies = huge_document(8)
    assert SEARCH(doc) == " ".join([SEARCH(base)] * copies)
    assert TOK(doc) == TOK(base) * copies
    X = CountVectorizer().fit_transform([doc, base])
    assert (X[0] != X[1] * copies).nnz == 0


HUGE = """
import resource, sys
sys.path.insert(0, sys.argv[1])
from test_odd_input import huge_document
import kalima
doc, base, copies = huge_document(100)
mb = len(doc.encode()) / 1e6
kalima.CountVectorizer().fit_transform(["تحميل"])  # imports scikit-learn first
work = {
    "normalize": lambda: kalima.Normalizer("search")(doc),
    "tokenize": lambda: kalima.Tokenizer()(doc),
    "count": lambda: kalima.CountVectorizer().fit_transform([doc]),
}[sys.argv[2]]
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
work()
print((resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 - before) / mb)
"""


@row("a 100 MB document")
@pytest.mark.skipif(not os.environ.get("KALIMA_SLOW"), reason="100 MB: run with make test-slow")
@pytest.mark.skipif(sys.platform != "linux", reason="ru_maxrss is in kB on Linux only")
@pytest.mark.parametrize(("work", "bound"), [("normalize", 8), ("tokenize", 20), ("count", 25)])
def test_100_mb_document_in_bounded_memory(work, bound):
    out = subprocess.run(
        [sys.executable, "-c", HUGE, str(Path(__file__).parent), work],
        capture_output=True,
        text=True,
        check=True,
        timeout=900,
    )
    # Peak memory grows with the document by a constant factor (benches/results/hostile.md):
    # code points in and out for normalize, one Python str per token for tokenize.
    assert float(out.stdout) < bound


@row("emoji ZWJ sequences")
def test_emoji_zwj_sequences():
    family, thumbs, flag = "👩\u200d👩\u200d👧", "👍🏽", "🇸🇦"
    text = f"{family} {thumbs} {flag} مبروك\u200d"
    assert SEARCH(text) == f"{family} {thumbs} {flag} مبروك"  # the joiner after a word goes
    assert Normalizer("camel")(text) == text
    assert TOK(text) == [family, thumbs, flag, "مبروك"]  # no token ends in an invisible
    assert Tokenizer(emoji="placeholder")(text) == ["<EMOJI>"] * 3 + ["مبروك"]
    assert Tokenizer(emoji="drop")(text) == ["مبروك"]
    assert Tokenizer("camel")(text) == [family, thumbs, flag, "مبروك\u200d"]
    features = CountVectorizer().fit([text]).get_feature_names_out().tolist()
    assert features == ["مبروك", flag, thumbs, family]


@row("RTL and bidi controls")
def test_bidi_controls():
    text = "\u202bمرحبا\u202c \u200fكتب\u200e abc\u200f \u2067x\u2069"
    assert SEARCH(text) == "مرحبا كتب abc x" == Normalizer("light")(text)
    assert Normalizer("camel")(text) == text  # as CAMeL Tools: the controls stay
    assert TOK(text) == ["مرحبا", "كتب", "abc", "x"]  # never part of a token
    offsets = TOK.tokenize_with_offsets(text)
    assert [text[a:b] for _, a, b in offsets] == ["مرحبا", "كتب", "abc", "x"]
    inside = "ab\u200ecd كت\u200fب"
    assert TOK(inside) == ["ab\u200ecd", "كت", "ب"]  # UAX #29 inside Latin; Arabic splits
    assert Tokenizer(normalize="search")(inside) == ["abcd", "كتب"]
    features = CountVectorizer().fit([text]).get_feature_names_out().tolist()
    assert features == ["abc", "x", "كتب", "مرحبا"]


@row("an empty corpus")
def test_empty_corpus():
    for ours, theirs in (
        (CountVectorizer, sk.CountVectorizer),
        (TfidfVectorizer, sk.TfidfVectorizer),
    ):
        with pytest.raises(ValueError) as sklearn:
            theirs().fit([])
        with pytest.raises(ValueError) as mine:
            ours().fit([])
        assert (
            str(mine.value)
            == str(sklearn.value)
            == ("empty vocabulary; perhaps the documents only contain stop words")
        )
    # scikit-learn's HashingVectorizer raises a bare StopIteration here; kalima a ValueError.
    with pytest.raises(ValueError, match=re.escape("Found array with 0 sample(s)")):
        HashingVectorizer().fit_transform([])
    assert SEARCH.normalize_batch([]) == [] and TOK.tokenize_batch([]) == []
    fitted = CountVectorizer().fit(["كتب الولد"])
    assert fitted.transform([]).shape == (0, 2)


@row("an all-stopword corpus")
def test_all_stopword_corpus():
    docs = ["في من على", "إلى عن مع ذلك", ""]
    with pytest.raises(ValueError, match=r"^empty vocabulary; perhaps the documents only contain"):
        CountVectorizer(stop_words="arabic").fit(docs)
    normalized = SEARCH.normalize_batch(docs)
    with pytest.raises(ValueError, match=r"^empty vocabulary; perhaps the documents only contain"):
        sk.TfidfVectorizer(stop_words=list(stopwords("search"))).fit(normalized)
    with pytest.raises(ValueError, match=r"^empty vocabulary; perhaps the documents only contain"):
        TfidfVectorizer(stop_words="arabic").fit(docs)


@row("a long text in `explain`")
def test_explain_of_a_long_text():
    import kalima

    e = kalima.explain("الحكـــومة " * 100_000)
    assert len(e.changes) == 400_001  # three tatweel and a teh marbuta a word, the last space
    html = e._repr_html_()
    assert len(html) < 30_000 and "… and 399,951 more changes" in html
    assert kalima.explain("قال الوزير")._repr_html_().endswith("<p>no changes</p>")


@row("a bad line, or an output named for another format, on the command line")
def test_command_line_bad_line_and_output_name(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes("مدرسة\n".encode() + b"\xff\n")
    out = tmp_path / "out.txt"
    run = [sys.executable, "-m", "kalima.cli", "normalize", str(bad), "-o", str(out)]
    proc = subprocess.run(run, capture_output=True, text=True, check=False)
    assert proc.returncode == 2 and "line 2 is not valid UTF-8" in proc.stderr
    assert out.read_text(encoding="utf-8") == "مدرسه\n"  # the lines before it are written
    good = tmp_path / "in.jsonl"
    good.write_text('{"text": "مدرسة"}\n', encoding="utf-8")
    named_csv = str(tmp_path / "x.csv")
    run = [sys.executable, "-m", "kalima.cli", "normalize", str(good), "-o", named_csv]
    proc = subprocess.run(run, capture_output=True, text=True, check=False)
    assert proc.returncode == 2 and "names CSV output, but the input is JSONL" in proc.stderr


@row("a malformed or truncated pickle")
def test_malformed_pickles():
    objects = [
        Normalizer("search", elongation=2),
        Tokenizer(hashtags="split", normalize="light"),
        Stemmer("isri"),
        Segmenter(4),
        CountVectorizer().fit(["كتب الولد الدرس"]),
        CountVectorizer().partial_fit(["كتب الولد الدرس"]),
    ]
    for obj in objects:
        blob = pickle.dumps(obj)
        for cut in range(len(blob)):  # every truncation fails in pickle, before kalima runs
            with pytest.raises((pickle.UnpicklingError, EOFError, ValueError)):
                pickle.loads(blob[:cut])
    # State that does not make a valid object: ValueError, whatever is wrong with it.
    from kalima._pickle import rebuild

    for cls, params in [
        (Normalizer, {"preset": "sarch"}),
        (Normalizer, {"preset": "search", "elongation": "x"}),
        (Normalizer, {"preset": 3}),
        (Tokenizer, {"mode": "arabic", "hashtags": 1}),
        (Stemmer, {"method": None}),
        (Segmenter, {"min_stem": -1}),
        (Segmenter, {"size": 3}),
        (Stemmer, ("isri",)),
    ]:
        with pytest.raises(ValueError, match=f"malformed pickled {cls.__name__} state"):
            rebuild(cls, params)
    fn, args = Stemmer("isri").__reduce__()
    assert fn(*args) == Stemmer("isri")


def _choices(message: str) -> list[str]:
    """The values a message offers: quoted after 'one of', 'must be' or 'among'."""
    offered = re.split(r"one of|must be|among", message, maxsplit=1)[1]
    return re.findall(r"'([^']*)'", offered.split("; got")[0].split(". Got")[0])


@row("an unknown preset, mode, method, action or `errors`")
@pytest.mark.parametrize(
    "make",
    [
        lambda v: Normalizer(v),
        lambda v: Normalizer(hamza=v),
        lambda v: Normalizer(punctuation=v),
        lambda v: Tokenizer(v),
        lambda v: Stemmer(v),
        lambda v: stopwords(v),
        lambda v: stopwords(dialects=v),
        *[lambda v, k=k: Tokenizer(**{k: v}) for k in ("urls", "mentions", "hashtags", "emoji")],
        lambda v: SEARCH.normalize_batch(["كتب"], errors=v),
        lambda v: TOK.tokenize_batch(["كتب"], errors=v),
        lambda v: CountVectorizer(errors=v).fit(["كتب الولد"]),
        lambda v: CountVectorizer(stem=v).fit(["كتب الولد"]),
        lambda v: CountVectorizer(urls=v).fit(["كتب الولد"]),
        lambda v: TfidfVectorizer(token_mode=v).fit(["كتب الولد"]),
    ],
)
def test_every_choice_a_message_offers_works(make):
    with pytest.raises(ValueError) as refused:
        make("nonsense")
    choices = _choices(str(refused.value))
    assert choices, str(refused.value)
    for choice in choices:
        make(choice)  # every value the message offers is accepted


def test_every_row_of_the_docs_table_has_a_test():
    page = (ROOT / "docs" / "odd-input.md").read_text(encoding="utf-8")
    section = page.split("## What kalima does with odd input", 1)[1]
    table = section.split("\n| input | what happens |\n|---|---|\n", 1)[1].split("\n\n", 1)[0]
    rows = [line.split(" | ")[0].removeprefix("| ") for line in table.splitlines()]
    assert rows == list(ROWS), "the rows of docs/odd-input.md and the tests differ"
