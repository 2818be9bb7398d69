"""Tokenization speed on ../shared/corpora/ant_news, in one process: kalima's modes next to
scikit-learn's default tokenizer (`re.compile(r"(?u)\\b\\w\\w+\\b").findall`, which is what
`CountVectorizer().build_tokenizer()` returns), CAMeL Tools' `simple_word_tokenize` and PyArabic's
`araby.tokenize`, plus the Rust core alone (benches/bench_tokenize.rs). Run with `make bench`;
writes benches/results/tokenize.md."""

from __future__ import annotations

import os
import re

from common import ant_news, best_of, cargo_bench, report


def main():
    import kalima

    docs = ant_news()
    mb = sum(len(d.encode("utf-8")) for d in docs) / 1e6
    sklearn_tokenize = re.compile(r"(?u)\b\w\w+\b").findall
    rows = [
        (
            "scikit-learn default tokenizer (`token_pattern` findall)",
            best_of(lambda: [sklearn_tokenize(d) for d in docs]),
        )
    ]
    from camel_tools.tokenizers.word import simple_word_tokenize
    from pyarabic import araby

    rows.append(
        (
            "CAMeL Tools `simple_word_tokenize`",
            best_of(lambda: [simple_word_tokenize(d) for d in docs], 1),
        )
    )
    rows.append(
        ("PyArabic `araby.tokenize`", best_of(lambda: [araby.tokenize(d) for d in docs], 1))
    )
    for mode in kalima.TOKENIZER_MODES:
        tok = kalima.Tokenizer(mode)
        for n_jobs in (1, -1):
            rows.append(
                (
                    f"kalima `Tokenizer('{mode}').tokenize_batch`, n_jobs={n_jobs}",
                    best_of(lambda t=tok, j=n_jobs: t.tokenize_batch(docs, n_jobs=j)),
                )
            )
    for mode, _, mb_per_s in cargo_bench("bench_tokenize", docs):
        rows.append(
            (f"Rust core alone, mode {mode}, one thread (no Python objects)", mb / float(mb_per_s))
        )
    sklearn, camel = rows[0][1], rows[1][1]
    lines = [
        f"ant_news: {len(docs):,} documents, {mb:.1f} MB; {os.cpu_count()} cores; "
        "best of 3 (CAMeL Tools and PyArabic: 1 run). Each tool splits by its own rules.",
        "",
        "| what (Python list in, lists of tokens out) | MB/s | × scikit-learn | × CAMeL Tools |",
        "|---|---:|---:|---:|",
    ]
    lines += [
        f"| {name} | {mb / secs:,.0f} | {sklearn / secs:.1f}× | {camel / secs:.0f}× |"
        for name, secs in rows
    ]
    report("tokenize", lines)


if __name__ == "__main__":
    main()
