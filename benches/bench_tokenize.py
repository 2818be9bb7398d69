"""Tokenization speed on ../shared/corpora/ant_news, in one process: kalima's "sklearn" mode next
to scikit-learn's default tokenizer (`re.compile(r"(?u)\\b\\w\\w+\\b").findall`, which is what
`CountVectorizer().build_tokenizer()` returns), and kalima's "camel" mode next to CAMeL Tools'
`simple_word_tokenize`, which it reproduces; and the Rust core alone (benches/bench_tokenize.rs),
which builds no Python objects. Run with `make bench`; writes
benches/results/tokenize.md."""

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
    try:
        from camel_tools.tokenizers.word import simple_word_tokenize

        rows.append(
            (
                "CAMeL Tools `simple_word_tokenize`",
                best_of(lambda: [simple_word_tokenize(d) for d in docs], 1),
            )
        )
    except ImportError:
        pass
    for mode in ("sklearn", "camel"):
        tok = kalima.Tokenizer(mode)
        for n_jobs in (1, -1):
            rows.append(
                (
                    f"kalima `Tokenizer('{mode}').tokenize_batch`, n_jobs={n_jobs}",
                    best_of(lambda t=tok, j=n_jobs: t.tokenize_batch(docs, n_jobs=j)),
                )
            )
    # The Rust core alone, one thread, no Python objects: its MB/s, turned into seconds here.
    for mode, _tokens, mbps in cargo_bench("bench_tokenize", docs):
        rows.append((f"kalima core `Mode::{mode.capitalize()}` (Rust, 1 thread)", mb / float(mbps)))
    base = rows[0][1]
    camel = dict(rows).get("CAMeL Tools `simple_word_tokenize`")
    lines = [
        f"ant_news: {len(docs):,} documents, {mb:.1f} MB; {os.cpu_count()} cores; "
        "best of 3 (CAMeL Tools: 1 run). kalima's `sklearn` mode gives scikit-learn's tokens and "
        "its `camel` mode CAMeL Tools' tokens, exactly.",
        "",
        "| what (Python: list in, lists of tokens out; core: spans only) | MB/s "
        "| × scikit-learn | × CAMeL Tools |",
        "|---|---:|---:|---:|",
    ]
    lines += [
        f"| {name} | {mb / secs:,.0f} | {base / secs:.1f}× | "
        + (f"{camel / secs:.1f}× |" if camel else "– |")
        for name, secs in rows
    ]
    report("tokenize", lines)


if __name__ == "__main__":
    main()
