"""Tokenization speed on ../shared/corpora/ant_news, in one process: kalima's "sklearn" mode next
to scikit-learn's default tokenizer (`re.compile(r"(?u)\\b\\w\\w+\\b").findall`, which is what
`CountVectorizer().build_tokenizer()` returns), with CAMeL Tools' `simple_word_tokenize` for
reference. Run with `make bench`; writes benches/results/tokenize.md."""

from __future__ import annotations

import os
import re

from common import ant_news, best_of, report


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
    try:
        from camel_tools.tokenizers.word import simple_word_tokenize

        rows.append(
            (
                "CAMeL Tools `simple_word_tokenize` (other rules)",
                best_of(lambda: [simple_word_tokenize(d) for d in docs], 1),
            )
        )
    except ImportError:
        pass
    tok = kalima.Tokenizer("sklearn")
    for n_jobs in (1, -1):
        rows.append(
            (
                f"kalima `Tokenizer('sklearn').tokenize_batch`, n_jobs={n_jobs}",
                best_of(lambda j=n_jobs: tok.tokenize_batch(docs, n_jobs=j)),
            )
        )
    base = rows[0][1]
    lines = [
        f"ant_news: {len(docs):,} documents, {mb:.1f} MB; {os.cpu_count()} cores; "
        "best of 3 (CAMeL Tools: 1 run).",
        "",
        "| what (Python list in, lists of tokens out) | MB/s | × scikit-learn |",
        "|---|---:|---:|",
    ]
    lines += [f"| {name} | {mb / secs:,.0f} | {base / secs:.1f}× |" for name, secs in rows]
    report("tokenize", lines)


if __name__ == "__main__":
    main()
