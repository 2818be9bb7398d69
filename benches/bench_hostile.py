"""Hostile sizes: one huge document, a million tiny ones, and pathological patterns. Each
measurement runs in a fresh process, which reports its time and how far its peak RSS grew
while working (the input already built). Time and memory should grow linearly with the input;
scikit-learn's CountVectorizer runs beside kalima's for scale. Needs ../shared (ant_news).
Run with `make bench`; writes benches/results/hostile.md."""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import time

from common import ant_news, report

MB = 1e6


def build(kind: str, size: int) -> list[str]:
    """`size` MB of ant_news as one document ("doc"), or `size` documents of three words
    ("tiny"), or a pattern repeated to `size` characters."""
    if kind == "doc":
        texts, doc, total = ant_news(), [], 0
        while total < size * MB:
            for t in texts:
                doc.append(t)
                total += len(t.encode()) + 1
                if total >= size * MB:
                    break
        return [" ".join(doc)]
    if kind == "tiny":
        words = " ".join(ant_news()[:2000]).split()
        return [
            " ".join(words[i % (len(words) - 3) : i % (len(words) - 3) + 3]) for i in range(size)
        ]
    return [PATTERNS[kind] * (size // len(PATTERNS[kind]))]


PATTERNS = {
    "ligature and ٫ (the Unicode form path with look-ahead)": "ﻻ 1٫5 ",
    "a-a-a- (e-mail look-ahead)": "a-",
    "5%5% (numbers and e-mail look-ahead)": "5%",
    "joiner chain 👩‍👩‍ (CAMeL's emoji pattern)": "👩\u200d",
    "one letter repeated (elongation)": "ي",
    "combining-mark storm": "\u064e",
    "bidi controls": "\u202b\u200f",
}


def run(op: str, kind: str, size: int) -> dict:
    """Runs one measurement in this process."""
    import kalima

    docs = build(kind, size)
    mb = sum(len(d.encode()) for d in docs) / MB
    if op == "sklearn":
        from sklearn.feature_extraction.text import CountVectorizer

        work = CountVectorizer().fit_transform
    else:
        work = {
            "normalize": kalima.Normalizer("search").normalize_batch,
            "tokenize": kalima.Tokenizer().tokenize_batch,
            "tokenize camel": kalima.Tokenizer("camel").tokenize_batch,
            "count": kalima.CountVectorizer().fit_transform,
        }[op]
        kalima.CountVectorizer().fit_transform(["تحميل المكتبات"])  # imports scikit-learn
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    start = time.perf_counter()
    work(docs)
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"mb": mb, "seconds": seconds, "growth": max(0.0, peak - before)}


def measure(op: str, kind: str, size: int) -> dict:
    out = subprocess.run(
        [sys.executable, __file__, op, kind, str(size)], capture_output=True, text=True, check=True
    )
    return json.loads(out.stdout)


OPS = {
    "normalize": "kalima `Normalizer('search')`",
    "tokenize": "kalima `Tokenizer()`",
    "count": "kalima `CountVectorizer()`",
    "sklearn": "scikit-learn `CountVectorizer()`",
}


def measure_all(kind: str, sizes: tuple[int, ...]):
    """(label, size, measurement) for every op in OPS and every size."""
    for op, label in OPS.items():
        for size in sizes:
            yield label, size, measure(op, kind, size)


def main():
    lines = [
        f"ant_news text; {os.cpu_count()} cores; each cell one run in a fresh process. "
        "Memory is how far the peak RSS grew while working, the input already in memory.",
        "",
        "**One huge document** (ant_news articles joined):",
        "",
        "| what | MB | seconds | MB/s | peak growth | growth / MB |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for label, _, r in measure_all("doc", (25, 50, 100)):
        lines.append(
            f"| {label} | {r['mb']:.0f} | {r['seconds']:.2f} | {r['mb'] / r['seconds']:.0f} "
            f"| {r['growth']:,.0f} MB | {r['growth'] / r['mb']:.1f} |"
        )
    lines += [
        "",
        "**Many tiny documents** (three words each):",
        "",
        "| what | documents | seconds | µs per document | peak growth |",
        "|---|---:|---:|---:|---:|",
    ]
    for label, size, r in measure_all("tiny", (250_000, 500_000, 1_000_000)):
        lines.append(
            f"| {label} | {size:,} | {r['seconds']:.2f} | {r['seconds'] / size * 1e6:.2f} "
            f"| {r['growth']:,.0f} MB |"
        )
    lines += [
        "",
        "**Pathological patterns**, one document each; time for 8M characters over time for "
        "2M (4.0 is linear):",
        "",
        "| pattern | normalize | tokenize | tokenize camel | seconds at 8M (slowest) |",
        "|---|---:|---:|---:|---:|",
    ]
    for kind in PATTERNS:
        ratios, slowest = [], 0.0
        for op in ("normalize", "tokenize", "tokenize camel"):
            small, large = measure(op, kind, 2_000_000), measure(op, kind, 8_000_000)
            ratios.append(large["seconds"] / max(small["seconds"], 1e-6))
            slowest = max(slowest, large["seconds"])
        cells = " | ".join(f"{r:.1f}" for r in ratios)
        lines.append(f"| {kind} | {cells} | {slowest:.2f} |")
    report("hostile", lines)


if __name__ == "__main__":
    if len(sys.argv) == 4:
        print(json.dumps(run(sys.argv[1], sys.argv[2], int(sys.argv[3]))))
    else:
        main()
