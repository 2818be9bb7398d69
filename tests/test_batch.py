"""The one batch driver: every container of texts gives the result of a list of the same values,
in every batch method and vectorizer; strs are read in each of their storage kinds; results are
shared str objects; threads follow n_jobs, KALIMA_NUM_THREADS and worker processes."""

from __future__ import annotations

import os
import subprocess
import sys

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest
from hypothesis import given
from hypothesis import strategies as st
from joblib import Parallel, delayed

import kalima
from kalima import _kalima

TEXTS = [
    "قالَ الرئيسُ إنّ المدرسة مفتوحة",
    "café Beyrouth ١٢٫٥ كم",  # UCS-1 Latin letters next to Arabic: stored as UCS-2
    "naïve résumé",  # UCS-1: Latin-1 only
    "شكراً @Mo_Salah 🇪🇬 #مصر_تفوز",  # UCS-4: emoji beyond the BMP
    "",
    "والمعلمون في المدرسة",
    "\ufeff  مرحبا بكم  ",  # a BOM and spaces the normalizer trims: a part of the text stays
]

CONTAINERS = {
    "list": list,
    "tuple": tuple,
    "ndarray": lambda t: np.array(t, dtype=object),
    "object Series": lambda t: pd.Series(t, dtype=object),
    "str Series": lambda t: pd.Series(t, dtype="str"),
    "string[python]": lambda t: pd.Series(t, dtype="string[python]"),
    "string[pyarrow]": lambda t: pd.Series(t, dtype="string[pyarrow]"),
    "ArrowDtype string": lambda t: pd.Series(t, dtype=pd.ArrowDtype(pa.string())),
    "ArrowDtype large_string": lambda t: pd.Series(t, dtype=pd.ArrowDtype(pa.large_string())),
    "ArrowDtype string_view": lambda t: pd.Series(t, dtype=pd.ArrowDtype(pa.string_view())),
    "category": lambda t: pd.Series(t, dtype="category"),
    "category of str": lambda t: pd.Series(
        t, dtype=pd.CategoricalDtype(pd.Index(sorted({x for x in t if x is not None}), dtype="str"))
    ),
    "pyarrow array": pa.array,
    "chunked array": lambda t: pa.chunked_array([t[:2], t[2:3], [], t[3:]], type=pa.string()),
}


def as_list(out) -> list:
    """A batch result as a list whatever container it came back in."""
    if isinstance(out, (pa.Array, pa.ChunkedArray)):
        return out.to_pylist()
    if isinstance(out, pd.Series):
        return out.array.__arrow_array__().to_pylist() if out.dtype != object else out.tolist()
    return list(out)


@pytest.mark.parametrize("container", CONTAINERS)
def test_batch_methods_give_the_lists_result(container):
    docs = CONTAINERS[container](TEXTS)
    normalizer, tokenizer = kalima.Normalizer("search"), kalima.Tokenizer(normalize="search")
    assert as_list(normalizer.normalize_batch(docs)) == [normalizer(t) for t in TEXTS]
    assert as_list(tokenizer.tokenize_batch(docs)) == [tokenizer(t) for t in TEXTS]
    # Stemmers and the segmenter take words: the tokens of the texts.
    words = [w for t in TEXTS for w in kalima.tokenize(t)]
    stemmer, segmenter = kalima.Stemmer("isri"), kalima.Segmenter()
    assert as_list(stemmer.stem_batch(CONTAINERS[container](words))) == list(map(stemmer, words))
    segments = as_list(segmenter.segment_batch(CONTAINERS[container](words)))
    assert segments == list(map(segmenter, words))


@pytest.mark.parametrize("container", CONTAINERS)
def test_vectorizers_give_the_lists_result(container):
    docs = CONTAINERS[container](TEXTS)
    for make in (
        lambda: kalima.CountVectorizer(),
        lambda: kalima.TfidfVectorizer(ngram_range=(1, 2)),
        lambda: kalima.TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 3)),
    ):
        expected, got = make(), make()
        X = expected.fit_transform(TEXTS)
        Y = got.fit_transform(docs)
        assert list(got.get_feature_names_out()) == list(expected.get_feature_names_out())
        assert (X != Y).nnz == 0
        assert (got.transform(docs) != expected.transform(TEXTS)).nnz == 0
    hashed = kalima.HashingVectorizer(n_features=2**10)
    assert (hashed.transform(docs) != hashed.transform(TEXTS)).nnz == 0
    # The Python path (strip_accents) reads them too.
    expected = kalima.CountVectorizer(strip_accents="unicode").fit_transform(TEXTS)
    got = kalima.CountVectorizer(strip_accents="unicode").fit_transform(docs)
    assert (got != expected).nnz == 0
    partial = kalima.CountVectorizer().partial_fit(docs)
    whole = kalima.CountVectorizer().fit(TEXTS)
    assert list(partial.get_feature_names_out()) == list(whole.get_feature_names_out())


@pytest.mark.parametrize("container", [c for c in CONTAINERS if c not in ("list", "tuple")])
def test_missing_values_give_the_lists_result(container):
    texts = ["قالَ الرئيسُ", None, "المدرسة"]
    docs = CONTAINERS[container](texts)
    listed = list(docs) if not isinstance(docs, (pa.Array, pa.ChunkedArray)) else texts
    normalizer = kalima.Normalizer("search")
    with pytest.raises(TypeError, match=r"texts\[1\] is .*; expected str"):
        normalizer.normalize_batch(docs)
    kept = as_list(normalizer.normalize_batch(docs, errors="keep"))
    assert kept[0] == "قال الرءيس" and kept[2] == "المدرسه" and pd.isna(kept[1])
    assert as_list(normalizer.normalize_batch(docs, errors="empty")) == (
        normalizer.normalize_batch(listed, errors="empty")
    )
    tokens = as_list(kalima.Tokenizer().tokenize_batch(docs, errors="empty"))
    assert tokens == [["قالَ", "الرئيسُ"], [], ["المدرسة"]]
    stems = as_list(kalima.Stemmer("light10").stem_batch(docs, errors="keep"))
    assert stems[2] == "مدرس" and pd.isna(stems[1])
    X = kalima.CountVectorizer(errors="empty").fit_transform(docs)
    assert X.shape == (3, 3) and X[[1]].nnz == 0
    for params in ({}, {"strip_accents": "unicode"}):
        with pytest.raises(TypeError, match=r"raw_documents\[1\] is .*; expected str"):
            kalima.CountVectorizer(**params).fit(docs)
        X = kalima.CountVectorizer(errors="empty", **params).fit_transform(docs)
        assert X.shape == (3, 3) and X[[1]].nnz == 0


def test_categories_that_are_not_text_are_named():
    with pytest.raises(TypeError, match=r"texts\[0\] is int; expected str"):
        kalima.Normalizer().normalize_batch(pd.Series([3, 4], dtype="category"))


def test_token_results_are_shared_objects():
    tokens = kalima.Tokenizer().tokenize_batch(["كتب الولد الدرس", "الولد كتب"])
    assert tokens == [["كتب", "الولد", "الدرس"], ["الولد", "كتب"]]
    assert tokens[0][1] is tokens[1][0] and tokens[0][0] is tokens[1][1]
    arrow = kalima.Tokenizer().tokenize_batch(pa.array(["كتب الولد", "الولد"]))
    assert arrow[0][1] is arrow[1][0]
    stems = kalima.Stemmer("light10").stem_batch(["المدرسة", "والمدرسة", "المدرسة"])
    assert stems == ["مدرس", "مدرس", "مدرس"] and stems[0] is stems[1] is stems[2]


def test_unchanged_texts_are_the_callers_objects():
    docs = ["كتب الولد", "قالَ"]
    out = kalima.Normalizer("camel").normalize_batch(tuple(docs))
    assert out == ["كتب الولد", "قال"] and out[0] is docs[0]


@pytest.mark.parametrize("text", ["a\udc80b", "🇪🇬\ud800", "قال\udfff"])  # UCS-2, UCS-4, UCS-2
def test_lone_surrogates_in_every_storage_kind(text):
    docs = ["كتب", text]
    with pytest.raises(ValueError, match=r"texts\[1\] has a lone surrogate U\+D[8-F][0-9A-F]{2}"):
        kalima.Normalizer().normalize_batch(docs)
    with pytest.raises(ValueError, match=r"raw_documents\[1\] has a lone surrogate"):
        kalima.CountVectorizer().fit(docs)
    replaced = "".join("\ufffd" if "\ud800" <= c <= "\udfff" else c for c in text)
    assert kalima.Normalizer("search").normalize_batch(docs, errors="replace")[1] == (
        kalima.normalize(replaced)
    )
    assert kalima.Tokenizer().tokenize_batch(docs, errors="replace")[1] == (
        kalima.tokenize(replaced)
    )


def test_missing_values_in_arrow_vectorizer_input_name_the_position():
    chunked = pd.Series(
        pd.arrays.ArrowStringArray(pa.chunked_array([["كتب", "قرأ"], ["درس", None]])),
    )
    with pytest.raises(TypeError) as error:
        kalima.CountVectorizer().fit(chunked)
    assert str(error.value) == (
        "raw_documents[3] is <NA>; expected str (pass errors='empty' to allow missing values)"
    )
    X = kalima.CountVectorizer(errors="empty").fit_transform(chunked)
    assert X.shape == (4, 3) and X[[3]].nnz == 0
    with pytest.raises(ValueError, match="The 'errors' parameter of CountVectorizer must be a str"):
        kalima.CountVectorizer(errors="keep").fit(["كتب"])


def test_missing_values_in_arrow_token_input_stay_the_dtypes_missing_value():
    s = pd.Series(["قال", None], dtype="str")
    tokens = kalima.Tokenizer().tokenize_batch(s, errors="keep")
    assert tokens.dtype == object and tokens[0] == ["قال"] and np.isnan(tokens[1])
    assert kalima.Tokenizer().tokenize_batch(pa.array(["قال", None]), errors="keep") == [
        ["قال"],
        None,
    ]
    with pytest.raises(TypeError, match=r"texts\[1\] is nan; expected str"):
        kalima.Tokenizer().tokenize_batch(s)


def test_default_threads_use_every_core_but_one_in_worker_processes():
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    assert _kalima.threads() == os.cpu_count() or _kalima.threads() == cores
    assert _kalima.threads(1) == 1
    in_workers = Parallel(n_jobs=2)(delayed(_kalima.threads)() for _ in range(2))
    assert in_workers == [1, 1]
    assert Parallel(n_jobs=2)(delayed(_kalima.threads)(2) for _ in range(2)) == [2, 2]


@pytest.mark.parametrize("value, expected", [("1", "1"), ("64", str(os.cpu_count()))])
def test_kalima_num_threads_caps_the_default(value, expected):
    code = "from kalima import _kalima; print(_kalima.threads(), _kalima.threads(-1))"
    env = {**os.environ, "KALIMA_NUM_THREADS": value}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert out.stdout.split() == [expected, str(os.cpu_count())], out.stderr


def test_a_bad_kalima_num_threads_is_named():
    code = "import kalima; kalima.Normalizer().normalize_batch(['قال'])"
    env = {**os.environ, "KALIMA_NUM_THREADS": "two"}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert 'ValueError: KALIMA_NUM_THREADS must be a positive integer; got "two"' in out.stderr
    env["KALIMA_NUM_THREADS"] = "two"
    code = "import kalima; print(kalima.Normalizer().normalize_batch(['قالَ'], n_jobs=1))"
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert out.stdout.strip() == "['قال']", out.stderr


def test_other_containers_are_refused_by_the_binding():
    with pytest.raises(TypeError, match="expected a list or tuple of str, not dict"):
        _kalima.Normalizer("search", {}).normalize_batch({"a": 1})


def test_stems_in_batches_are_each_methods_own():
    words = ["المدرسة", "والمعلمون", "مكتوب", "المدرسة"]
    expected = {
        "isri": ["درس", "علم", "كتب", "درس"],
        "light10": ["مدرس", "معلم", "مكتوب", "مدرس"],
        "snowball": ["مدرس", "والمعلم", "مكتوب", "مدرس"],
    }
    for _ in range(2):
        for method, stems in expected.items():
            stemmer = kalima.Stemmer(method)
            assert stemmer.stem_batch(words, n_jobs=1) == stems
            assert stemmer.stem_batch(words, n_jobs=2) == stems
            assert [stemmer(w) for w in words] == stems


def test_str_subclasses_are_read_like_str():
    class Text(str):
        pass

    docs = [Text("قالَ"), Text("naïve"), Text("إنّ 🇪🇬")]
    assert kalima.Normalizer("camel").normalize_batch(docs) == ["قال", "naïve", "ان 🇪🇬"]
    assert kalima.Tokenizer().tokenize_batch(docs) == [["قالَ"], ["naïve"], ["إنّ", "🇪🇬"]]


@given(st.binary(max_size=24) | st.text(max_size=12).map(lambda t: t.encode("utf-8", "replace")))
def test_arrow_bytes_are_decoded_exactly_as_python_decodes_them(data):
    strings = _kalima.ArrowStrings(
        None, np.array([0, len(data)], np.int64), np.frombuffer(data, np.uint8), 0, 1, "None"
    )
    core = kalima.Normalizer("none")._core
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        with pytest.raises(
            ValueError, match=rf"texts\[0\] is not valid UTF-8 \(at byte {error.start}\)"
        ):
            core.normalize_batch(strings)
        return
    assert core.normalize_batch(strings)[0].tobytes() == data
    assert kalima.Tokenizer()._core.tokenize_batch(strings) == [kalima.tokenize(text)]


def test_the_garbage_collector_is_as_it_was_after_a_batch():
    import gc

    tokenizer = kalima.Tokenizer()
    assert gc.isenabled()
    assert tokenizer.tokenize_batch(["كتب الولد"]) == [["كتب", "الولد"]]
    assert gc.isenabled()
    with pytest.raises(TypeError):
        tokenizer.tokenize_batch(["كتب", 3])
    assert gc.isenabled()
    gc.disable()
    try:
        tokenizer.tokenize_batch(pa.array(["كتب"]))
        assert not gc.isenabled()
    finally:
        gc.enable()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ABC  DEF", "abc def"),  # ASCII
        ("CAFÉ", "café"),  # Latin-1
        ("إنّ الكتابَ", "ان الكتاب"),  # UCS-2
        ("إنّ 🇪🇬", "ان 🇪🇬"),  # UCS-4
    ],
)
def test_new_strs_are_stored_as_python_stores_them(text, expected):
    # Result strs are written by kalima into storage of their own kind: they must be exactly
    # the str Python would make (equal, same hash, same size, usable as a dict key).
    search = kalima.Normalizer("search")
    made = [search.normalize_batch([text])[0], search(text), *search.normalize_batch([text])]
    made += kalima.Tokenizer(normalize="search").tokenize_batch([text])[0][-1:]
    for out in made[:3]:
        assert out == expected and hash(out) == hash(expected)
        assert sys.getsizeof(out) == sys.getsizeof("".join(list(expected)))
        assert {expected: 1}[out] == 1 and out.isascii() == expected.isascii()
    token = made[3]
    last = expected.split()[-1]
    assert token == last and sys.getsizeof(token) == sys.getsizeof("".join(list(last)))
