"""pandas speed: kalima on ../shared/corpora/ant_news held as a list of str, next to the same
texts as pandas Series of object dtype and of the Arrow-backed dtypes (pandas 3's default ``str``
and ``string[pyarrow]``), in one process.

Arrow-backed Series are read from their Arrow buffers (`kalima/_arrow.py`), lists and object
Series from the strs' own storage. Run with `make bench`. Prints a Markdown table (MB/s of UTF-8
input, best of 3, and the ratio to the list) and writes it to benches/results/pandas.md.
"""

from __future__ import annotations

import os
import platform

import pandas as pd
from common import ant_news, best_of, report

import kalima

OPERATIONS = {
    "`Normalizer('camel').normalize_batch`": lambda: kalima.Normalizer("camel").normalize_batch,
    "`Normalizer('search').normalize_batch`": lambda: kalima.Normalizer("search").normalize_batch,
    "`Tokenizer().tokenize_batch`": lambda: kalima.Tokenizer().tokenize_batch,
    "`CountVectorizer().fit_transform`": lambda: kalima.CountVectorizer().fit_transform,
}


def main():
    docs = ant_news()
    mb = sum(len(d.encode("utf-8")) for d in docs) / 1e6
    containers = {
        "list of str": docs,
        "object Series": pd.Series(docs, dtype=object),
        "str Series (Arrow)": pd.Series(docs, dtype="str"),
        "string[pyarrow] Series": pd.Series(docs, dtype="string[pyarrow]"),
    }
    lines = [
        f"Corpus: ant_news, {len(docs):,} documents, {mb:.1f} MB UTF-8; {os.cpu_count()} cores; "
        f"Python {platform.python_version()}, pandas {pd.__version__}; n_jobs=None (every "
        "core); best of 3.",
        "",
        "| what | container | MB/s | × list of str |",
        "|---|---|---:|---:|",
    ]
    for name, make in OPERATIONS.items():
        run = make()
        seconds = {c: best_of(lambda d=d, r=run: r(d)) for c, d in containers.items()}
        for c, secs in seconds.items():
            ratio = seconds["list of str"] / secs
            lines.append(f"| {name} | {c} | {mb / secs:,.0f} | {ratio:.2f}× |")
            print(lines[-1], flush=True)
    report("pandas", lines)


if __name__ == "__main__":
    main()
