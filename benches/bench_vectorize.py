"""Vectorizer speed and memory on ../shared/corpora/ant_news: kalima next to scikit-learn, each
configuration in its own fresh process (so peak RSS is that configuration's alone), plus the
pickled size of the fitted vectorizers and how time grows with the corpus (1×, 2×, 4×).

kalima runs with its defaults (the "search" normalizer, the "arabic" tokenizer); scikit-learn with
its own. Run with `make bench`; writes benches/results/vectorize.md.
"""

from __future__ import annotations

import json
import os
import pickle
import resource
import subprocess
import sys
import time

from common import ROOT, ant_news, report

CONFIGS = {
    "CountVectorizer, word unigrams": ("CountVectorizer", {}),
    # kalima's options that make its matrix scikit-learn's exactly (its own defaults normalize
    # and tokenize Arabic): scikit-learn runs with its defaults.
    "CountVectorizer(normalize=None, token_mode='sklearn')": (
        "CountVectorizer",
        {"kalima": {"normalize": None, "token_mode": "sklearn"}},
    ),
    "TfidfVectorizer(ngram_range=(1, 2), min_df=2)": (
        "TfidfVectorizer",
        {"ngram_range": (1, 2), "min_df": 2},
    ),
    "TfidfVectorizer(analyzer='char_wb', ngram_range=(2, 4))": (
        "TfidfVectorizer",
        {"analyzer": "char_wb", "ngram_range": (2, 4)},
    ),
    "HashingVectorizer": ("HashingVectorizer", {}),
}


def run_one(library: str, cls: str, params: dict, n_jobs: int, repeat: int) -> dict:
    """In a child process: fit_transform (transform for hashing) on ant_news repeated `repeat`
    times; seconds, peak RSS and pickled size."""
    docs = ant_news() * repeat
    own = params.pop("kalima", {})
    params = {k: tuple(v) if isinstance(v, list) else v for k, v in params.items()}
    if library == "kalima":
        import kalima

        vec = getattr(kalima, cls)(**params, **own, n_jobs=n_jobs)
    else:
        from sklearn.feature_extraction import text

        vec = getattr(text, cls)(**params)
    start = time.perf_counter()
    X = vec.transform(docs) if cls == "HashingVectorizer" else vec.fit_transform(docs)
    seconds = time.perf_counter() - start
    return {
        "seconds": seconds,
        "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "pickle_mb": len(pickle.dumps(vec)) / 1e6,
        "nnz": int(X.nnz),
    }


def measure(library: str, cls: str, params: dict, n_jobs: int = 1, repeat: int = 1) -> dict:
    args = json.dumps([library, cls, params, n_jobs, repeat])
    out = subprocess.run(
        [sys.executable, __file__, "--child", args],
        check=True,
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    return json.loads(out.stdout.splitlines()[-1])


def main():
    docs = ant_news()
    mb = sum(len(d.encode("utf-8")) for d in docs) / 1e6
    lines = [
        f"ant_news: {len(docs):,} documents, {mb:.1f} MB; {os.cpu_count()} cores; one run per "
        "row, each in a fresh process (peak RSS of the whole process, corpus included).",
        "",
        "| configuration | scikit-learn MB/s | kalima n_jobs=1 | kalima n_jobs=-1 | × (n_jobs=-1) "
        "| peak RSS scikit-learn → kalima | pickle scikit-learn → kalima |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for name, (cls, params) in CONFIGS.items():
        theirs = measure("sklearn", cls, params)
        one = measure("kalima", cls, params, 1)
        every = measure("kalima", cls, params, -1)
        lines.append(
            f"| {name} | {mb / theirs['seconds']:.1f} | {mb / one['seconds']:.1f} | "
            f"{mb / every['seconds']:.1f} | {theirs['seconds'] / every['seconds']:.1f}× | "
            f"{theirs['rss_mb']:,.0f} → {every['rss_mb']:,.0f} MB | "
            f"{theirs['pickle_mb']:.1f} → {every['pickle_mb']:.1f} MB |"
        )
        print(lines[-1], flush=True)
    lines += [
        "",
        "Scaling (kalima `TfidfVectorizer(ngram_range=(1, 2), min_df=2)`, n_jobs=-1, "
        "ant_news repeated):",
        "",
        "| corpus | seconds | s per copy |",
        "|---|---:|---:|",
    ]
    for repeat in (1, 2, 4):
        r = measure("kalima", *CONFIGS["TfidfVectorizer(ngram_range=(1, 2), min_df=2)"], -1, repeat)
        lines.append(
            f"| {repeat}× ({mb * repeat:.0f} MB) | {r['seconds']:.2f} | "
            f"{r['seconds'] / repeat:.2f} |"
        )
        print(lines[-1], flush=True)
    report("vectorize", lines)


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--child":
        print(json.dumps(run_one(*json.loads(sys.argv[2]))))
    else:
        main()
