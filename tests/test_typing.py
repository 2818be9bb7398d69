"""The public API's types say what the code does: one text gives one result and a list a list,
and a misspelt preset, mode, method or option value is a type error (`make typecheck` checks the
package itself; this checks code written against it)."""

from __future__ import annotations

import re

import pytest

mypy_api = pytest.importorskip("mypy.api")

USAGE = """\
import kalima
from typing_extensions import assert_type

assert_type(kalima.normalize("x"), str)
assert_type(kalima.normalize(["x"]), list[str])
assert_type(kalima.Normalizer("camel").normalize_batch(("x",)), list[str])
assert_type(kalima.explain("x"), kalima.Explanation)
assert_type(kalima.explain(["x"]), list[kalima.Explanation])
assert_type(kalima.tokenize("x"), list[str])
assert_type(kalima.tokenize(["x"], normalize="search"), list[list[str]])
assert_type(kalima.stem("x", "isri"), str)
assert_type(kalima.stem(["x"], "light10"), list[str])
assert_type(kalima.segment("x"), list[str])
assert_type(kalima.segment(["x"]), list[list[str]])
assert_type(kalima.stopwords("search", dialects=["gulf"]), frozenset[str])
kalima.Normalizer("search", hamza="carrier", elongation=2, diacritics="harakat")
kalima.TfidfVectorizer(stem="snowball", hashtags="split", errors="empty")

kalima.Normalizer("serch")  # E: preset
kalima.Normalizer(hamza="carier")  # E: option value
kalima.Normalizer(tatweeel=True)  # E: option name
kalima.tokenize("x", mode="nltk")  # E: mode
kalima.Tokenizer(urls="split")  # E: only hashtags split
kalima.stem("x", "porter")  # E: method
kalima.stopwords(dialects="iraqi")  # E: dialect
kalima.CountVectorizer(token_mode="camle")  # E: vectorizer keyword
kalima.Normalizer().normalize("x", errors="ignore")  # E: errors
"""


def test_the_api_types_catch_misuse(tmp_path):
    path = tmp_path / "usage.py"
    path.write_text(USAGE, encoding="utf-8")
    out, err, _ = mypy_api.run(
        ["--python-version", "3.11", "--no-error-summary", "--hide-error-context", str(path)]
    )
    errors = sorted({int(n) for n in re.findall(r"usage\.py:(\d+): error", out)})
    expected = [i for i, line in enumerate(USAGE.splitlines(), 1) if "# E:" in line]
    assert errors == expected, out + err
