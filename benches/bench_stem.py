"""Stemming speed: kalima's stemmers next to NLTK's ISRIStemmer, in one process, on the distinct
whitespace tokens of ../shared/corpora/ant_news. Run with `make bench`; prints a Markdown table
(words/s, best of 3) and writes it to benches/results/stem.md."""

from __future__ import annotations

import os

from common import ant_news, best_of, cargo_bench, report


def main():
    from nltk.stem.isri import ISRIStemmer

    import kalima

    texts = ant_news()
    words = sorted({w for text in texts for w in text.split()})
    nltk = ISRIStemmer()
    rows = [
        (
            "NLTK `ISRIStemmer().stem`, one word at a time",
            best_of(lambda: [nltk.stem(w) for w in words], 1),
        )
    ]
    for method in kalima.STEMMERS:
        stemmer = kalima.Stemmer(method)
        for n_jobs in (1, -1):
            rows.append(
                (
                    f"kalima `Stemmer({method!r}).stem_batch`, n_jobs={n_jobs}",
                    best_of(lambda s=stemmer, j=n_jobs: s.stem_batch(words, n_jobs=j)),
                )
            )
    base = rows[0][1]
    lines = [
        f"Distinct whitespace tokens of ant_news: {len(words):,}; {os.cpu_count()} cores.",
        "",
        "| what | words/s | × NLTK |",
        "|---|---:|---:|",
    ]
    lines += [f"| {name} | {len(words) / secs:,.0f} | {base / secs:.0f}× |" for name, secs in rows]
    for method, _, speed in cargo_bench("bench_stem", texts):
        core = float(speed)
        ratio = core * base / len(words)
        lines.append(f"| Rust core alone, `{method}`, one thread | {core:,.0f} | {ratio:.0f}× |")
    report("stem", lines)


if __name__ == "__main__":
    main()
