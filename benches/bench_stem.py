"""Stemming speed: kalima's stemmers next to NLTK's ISRIStemmer, in one process, on the distinct
whitespace tokens of ../shared/corpora/ant_news. Run with `make bench`; prints a Markdown table
(words/s, best of 3) and writes it to benches/results/stem.md."""

from __future__ import annotations

import json
import os
import subprocess
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = (
    Path(os.environ.get("KALIMA_SHARED", ROOT.parent / "shared")) / "corpora/ant_news/docs.jsonl"
)
RESULTS = ROOT / "benches/results/stem.md"


def best_of(fn, repeat=3):
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def rust_core(texts):
    """Words/s of each Rust stemmer alone, from the cargo bench binary (same distinct words)."""
    path = ROOT / "target/bench-corpus.txt"
    path.write_text("\0".join(texts), encoding="utf-8")
    run = subprocess.run(
        ["cargo", "bench", "-q", "--bench", "bench_stem", "--", str(path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return {
        name: float(speed) for name, _, speed in (ln.split("\t") for ln in run.stdout.splitlines())
    }


def main():
    from nltk.stem.isri import ISRIStemmer

    import kalima

    with CORPUS.open(encoding="utf-8") as f:
        texts = [json.loads(line)["text"] for line in f]
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
    for method, core in rust_core(texts).items():
        ratio = core * base / len(words)
        lines.append(f"| Rust core alone, `{method}`, one thread | {core:,.0f} | {ratio:.0f}× |")
    table = "\n".join(lines)
    print(table)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(table + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
