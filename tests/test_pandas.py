"""The ``.arabic`` Series accessor and the Arrow path: Arrow-backed Series and pyarrow arrays read
from their buffers give exactly what the object path gives."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest
from hypothesis import given
from hypothesis import strategies as st

import kalima

SAMPLE = [d["text"] for d in kalima.datasets.load_sample()]
ARROW_DTYPES = [
    "str",
    "string[pyarrow]",
    pd.ArrowDtype(pa.string()),
    pd.ArrowDtype(pa.large_string()),
    pd.ArrowDtype(pa.string_view()),
]


def values(series: pd.Series) -> list:
    """The values with missing ones as None (pandas' string_view arrays cannot be listed)."""
    return series.array.__arrow_array__().to_pylist()


# --- the accessor ---------------------------------------------------------------------------


def test_accessor_is_registered_whichever_is_imported_first():
    code = (
        "import sys, kalima; assert 'pandas' not in sys.modules; import pandas as pd; "
        "print(pd.Series(['إنّ']).arabic.normalize().tolist())"
    )
    for first in (
        code,
        code.replace("import sys, kalima;", "import sys;").replace(
            "import pandas as pd;", "import pandas as pd, kalima;"
        ),
    ):
        out = subprocess.run([sys.executable, "-c", first], capture_output=True, text=True)
        assert out.stdout.strip() == "['ان']", out.stderr


def test_accessor_keeps_index_name_and_missing_values():
    s = pd.Series(["مدرسةٌ", None, "إلى"], index=[10, 20, 30], name="t", dtype=object)
    out = s.arabic.normalize("camel")
    assert out.index.tolist() == [10, 20, 30] and out.name == "t" and out.dtype == object
    assert out.tolist() == ["مدرسه", None, "الي"]
    assert s.arabic.normalize("camel", errors="empty").tolist() == ["مدرسه", "", "الي"]
    with pytest.raises(TypeError, match=r"texts\[1\] is None"):
        s.arabic.normalize(errors="raise")
    assert s.arabic.normalize("search", hamza="carrier").tolist()[0] == "مدرسه"


def test_accessor_tokenize_stem_segment():
    s = pd.Series(["قالَ الرئيسُ", pd.NA], dtype="string[pyarrow]")
    tokens = s.arabic.tokenize(normalize="search")
    assert tokens.dtype == object and tokens[0] == ["قال", "الرءيس"] and tokens[1] is pd.NA
    words = pd.Series(["والمعلمون", None, "مكتوب"], name="w")
    assert values(words.arabic.stem("isri")) == ["علم", None, "كتب"]
    assert words.arabic.stem("light10").name == "w"
    assert words.arabic.segment(errors="empty").tolist() == [["و+", "ال+", "معلمون"], [], ["مكتوب"]]


def test_accessor_explain_takes_a_label():
    s = pd.Series(["قالَ", "إنّ"], index=["b", "a"])
    assert s.arabic.explain("a").normalized == "ان"
    assert [c.rule for c in s.arabic.explain("b", preset="camel").changes] == ["diacritics"]
    with pytest.raises(ValueError, match="not unique"):
        pd.Series(["قال", "ان"], index=["x", "x"]).arabic.explain("x")
    with pytest.raises(KeyError):
        s.arabic.explain(0)


# --- the Arrow path -----------------------------------------------------------------------------


@pytest.mark.parametrize("dtype", ARROW_DTYPES, ids=str)
@pytest.mark.parametrize("preset", kalima.PRESETS)
def test_arrow_series_match_the_object_path_on_the_sample(dtype, preset):
    texts = [*SAMPLE[:200], None, "", *SAMPLE[200:300]]
    expected = kalima.Normalizer(preset).normalize_batch(texts, errors="keep")
    s = pd.Series(texts, dtype=dtype, index=range(5, 5 + len(texts)), name="doc")
    for n_jobs in (1, 2):
        out = s.arabic.normalize(preset, n_jobs=n_jobs)
        assert out.dtype == s.dtype and out.name == "doc" and out.index.equals(s.index)
        assert values(out) == expected


def test_arrow_path_reads_buffers_not_objects(monkeypatch):
    # The object path goes through tolist(); the Arrow path never does.
    s = pd.Series(SAMPLE[:50], dtype="str")
    monkeypatch.setattr(pd.Series, "tolist", lambda self: pytest.fail("tolist called"))
    assert kalima.Normalizer().normalize_batch(s).array.__arrow_array__().to_pylist() == (
        kalima.Normalizer().normalize_batch(SAMPLE[:50])
    )


def test_pyarrow_arrays_come_back_as_pyarrow_arrays():
    norm = kalima.Normalizer("camel")
    array = pa.array(["مدرسةٌ", None, "إلى", "أهلاً"], type=pa.string())
    out = norm.normalize_batch(array[1:], errors="keep")  # a slice: offset 1
    assert isinstance(out, pa.StringArray) and out.to_pylist() == [None, "الي", "اهلا"]
    chunked = pa.chunked_array([["مدرسةٌ"], [], [None, "إلى"]], type=pa.large_string())
    out = norm.normalize_batch(chunked, errors="empty")
    assert isinstance(out, pa.ChunkedArray) and out.type == pa.large_string()
    assert out.to_pylist() == ["مدرسه", "", "الي"] and out.num_chunks == 3
    with pytest.raises(TypeError, match=r"texts\[1\] is None; expected str"):
        norm.normalize_batch(chunked)
    assert norm.normalize_batch(pa.array([], type=pa.string())).to_pylist() == []
    # Not text: the object path and its error.
    with pytest.raises(TypeError, match=r"texts\[0\] is int"):
        norm.normalize_batch(pa.array([1, 2]))


def test_arrow_missing_values_read_as_the_series_shows_them():
    norm = kalima.Normalizer()
    with pytest.raises(TypeError, match=r"texts\[1\] is nan"):
        norm.normalize_batch(pd.Series(["ا", None], dtype="str"))
    with pytest.raises(TypeError, match=r"texts\[1\] is <NA>"):
        norm.normalize_batch(pd.Series(["ا", None], dtype="string[pyarrow]"))


def test_stem_batch_takes_the_arrow_path_too():
    words = [w for d in SAMPLE[:100] for w in d.split()]
    s = pd.Series(words, dtype="str")
    for method in kalima.STEMMERS:
        assert values(kalima.Stemmer(method).stem_batch(s)) == kalima.Stemmer(method).stem_batch(
            words
        )


@given(
    st.lists(st.one_of(st.none(), st.text(st.characters(exclude_categories=["Cs"])))),
    st.sampled_from(["keep", "empty"]),
    st.integers(0, 3),
)
def test_arrow_path_equals_the_object_path_on_any_text(texts, errors, start):
    norm = kalima.Normalizer("search")
    expected = norm.normalize_batch(texts[start:], errors=errors)
    array = pa.array(texts, type=pa.string())[start:]
    assert norm.normalize_batch(array, errors=errors).to_pylist() == expected
    s = pd.Series(texts[start:], dtype="string[pyarrow]")
    assert values(norm.normalize_batch(s, n_jobs=2, errors=errors)) == expected


def _buffers(offsets, data, validity=None, offset=0, length=None):
    length = len(offsets) - 1 - offset if length is None else length
    return (validity, np.asarray(offsets), np.frombuffer(data, np.uint8), offset, length, "None")


@pytest.mark.parametrize(
    ("buffers", "message"),
    [
        (_buffers(np.array([0, 4, 2], np.int64), "قالَ".encode()), "offset 2 is negative, decr"),
        (_buffers(np.array([0, 99], np.int32), b"abc"), "past the 3 bytes"),
        (_buffers(np.array([-1, 2], np.int64), b"abc"), "offset 0 is negative"),
        (_buffers(np.array([0, 1], np.int64), b"abc", length=5), "too short for 5 strings"),
        (_buffers(np.array([0, 2], np.int64), b"\xd9\x82\xff", length=1), None),
        (_buffers(np.array([0, 3], np.int64), b"a\xd9\xff"), r"texts\[0\] is not valid UTF-8"),
        (
            _buffers(np.array([0] * 10, np.int32), b"", validity=np.zeros(1, np.uint8)),
            "the validity bitmap has 8 bits; the array needs 9",
        ),
    ],
)
def test_bad_arrow_buffers_raise_value_error(buffers, message):
    core = kalima.Normalizer()._core
    if message is None:  # a valid two-byte character: no error
        strings = kalima._kalima.ArrowStrings(*buffers)
        assert core.normalize_batch(strings)[0].tobytes() == "ق".encode()
        return
    with pytest.raises(ValueError, match=message):
        core.normalize_batch(kalima._kalima.ArrowStrings(*buffers))
    with pytest.raises(ValueError, match=message.replace("texts", "raw_documents")):
        kalima.CountVectorizer()._rust_analyzer().fit(
            kalima._kalima.CountBuilder(), kalima._kalima.ArrowStrings(*buffers), 1, "raise"
        )
    strings = kalima._kalima.ArrowStrings(None, np.zeros(2), np.zeros(0, np.uint8), 0, 1, "")
    with pytest.raises(TypeError, match="int32 or int64"):
        core.normalize_batch(strings)


def test_misaligned_arrow_buffers_are_read():
    # Offsets at an odd address, as after unpickling from a byte stream.
    import pyarrow as pa

    from kalima import Normalizer

    texts = ["قالَ الرئيسُ", None, "إلى المدرسة"]
    arr = pa.array(texts, type=pa.large_string())
    validity, offsets, data = arr.buffers()
    raw = bytearray(1) + offsets.to_pybytes()
    shifted = pa.py_buffer(raw)[1:]
    odd = pa.LargeStringArray.from_buffers(len(texts), shifted, data, validity, arr.null_count)
    assert odd.buffers()[1].address % 8 != 0
    out = Normalizer("camel").normalize_batch(odd, errors="keep")
    assert out.to_pylist() == ["قال الرئيس", None, "الي المدرسه"]
