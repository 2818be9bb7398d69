"""Stemming speed: kalima's stemmers next to NLTK's ISRIStemmer and the snowballstemmer package's
Arabic stemmer, in one process, on the distinct whitespace tokens of ../shared/corpora/ant_news,
and on every whitespace token of it (running text, as a vectorizer or a tokenized column sees
it). Run with `make bench`; prints Markdown tables (words/s, best of 3; the two Python stemmers
one run each) and writes them to benches/results/stem.md."""

from __future__ import annotations

import os

from common import ant_news, best_of, cargo_bench, report


def times(ratio: float) -> str:
    """A speed ratio: whole numbers from 1× up, two decimals below."""
    return f"{ratio:.0f}×" if ratio >= 1 else f"{ratio:.2f}×"


def main():
    import snowballstemmer
    from nltk.stem.isri import ISRIStemmer

    import kalima

    texts = ant_news()
    words = sorted({w for text in texts for w in text.split()})
    nltk = ISRIStemmer()
    snowball = snowballstemmer.stemmer("arabic")
    rows = [
        (
            "NLTK `ISRIStemmer().stem`, one word at a time",
            best_of(lambda: [nltk.stem(w) for w in words], 1),
        ),
        (
            "snowballstemmer 3.1.1 `stemmer('arabic').stemWords`",
            best_of(lambda: snowball.stemWords(words), 1),
        ),
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
    for method, _, speed in cargo_bench("bench_stem", texts):
        rows.append((f"Rust core alone, `{method}`, one thread", len(words) / float(speed)))
    isri, snow = rows[0][1], rows[1][1]
    tokens = [w for text in texts for w in text.split()]
    every = [
        (
            "NLTK `ISRIStemmer().stem`, one token at a time",
            best_of(lambda: [nltk.stem(w) for w in tokens], 1),
        )
    ]
    isri_stemmer = kalima.Stemmer("isri")
    for n_jobs in (1, -1):
        every.append(
            (
                f"kalima `Stemmer('isri').stem_batch`, n_jobs={n_jobs}",
                best_of(lambda j=n_jobs: isri_stemmer.stem_batch(tokens, n_jobs=j)),
            )
        )
    lines = [
        f"Distinct whitespace tokens of ant_news: {len(words):,}; {os.cpu_count()} cores.",
        "",
        "| what | words/s | × NLTK ISRI | × snowballstemmer |",
        "|---|---:|---:|---:|",
    ]
    lines += [
        f"| {name} | {len(words) / secs:,.0f} | {times(isri / secs)} | {times(snow / secs)} |"
        for name, secs in rows
    ]
    lines += [
        "",
        f"Every whitespace token of ant_news: {len(tokens):,}.",
        "",
        "| what | tokens/s | × NLTK ISRI |",
        "|---|---:|---:|",
    ]
    lines += [
        f"| {name} | {len(tokens) / secs:,.0f} | {times(every[0][1] / secs)} |"
        for name, secs in every
    ]
    report("stem", lines)


if __name__ == "__main__":
    main()
