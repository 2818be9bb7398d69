"""pandas speed: normalizing ../shared/corpora/ant_news as a Series, object dtype next to
Arrow-backed dtypes (pandas 3's default ``str`` and ``string[pyarrow]``), in one process.

Arrow-backed Series are read from their Arrow buffers (`kalima/_arrow.py`); the row "via a list"
is what the same ``str`` Series costs through Python str objects (``tolist()``, the list batch,
then a ``str`` Series again), which is what kalima did before it read Arrow buffers.

Run with `make bench`. Prints a Markdown table (MB/s of UTF-8 input, best of 3, and the ratio to
the object-dtype Series) and writes it to benches/results/pandas.md.
"""

from __future__ import annotations

import os
import platform

import pandas as pd
from common import ant_news, best_of, report

import kalima


def timings(norm, series, n_jobs):
    """Seconds per row of the table, for one normalizer and n_jobs."""
    rows = {
        name: best_of(lambda s=s: norm.normalize_batch(s, n_jobs=n_jobs))
        for name, s in series.items()
    }
    s = series["str (Arrow)"]
    rows["str, via a list of str"] = best_of(
        lambda: pd.Series(
            norm.normalize_batch(s.tolist(), n_jobs=n_jobs), index=s.index, name=s.name, dtype="str"
        )
    )
    return rows


def main():
    docs = ant_news()
    mb = sum(len(d.encode("utf-8")) for d in docs) / 1e6
    series = {
        "object": pd.Series(docs, dtype=object),
        "str (Arrow)": pd.Series(docs, dtype="str"),
        "string[pyarrow]": pd.Series(docs, dtype="string[pyarrow]"),
    }
    lines = [
        f"Corpus: ant_news, {len(docs):,} documents, {mb:.1f} MB UTF-8; {os.cpu_count()} cores; "
        f"Python {platform.python_version()}, pandas {pd.__version__}; best of 3.",
        "",
        "| preset | n_jobs | Series dtype | MB/s | × object dtype |",
        "|---|---:|---|---:|---:|",
    ]
    for preset in ("camel", "search"):
        for n_jobs in (1, -1):
            rows = timings(kalima.Normalizer(preset), series, n_jobs)
            for name, secs in rows.items():
                ratio = rows["object"] / secs
                lines.append(
                    f"| `{preset}` | {n_jobs} | {name} | {mb / secs:,.0f} | {ratio:.2f}× |"
                )
    report("pandas", lines)


if __name__ == "__main__":
    main()
