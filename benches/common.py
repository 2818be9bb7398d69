"""What the benchmark scripts share: the corpus, timing, the Rust bench binaries, the results."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("KALIMA_SHARED", ROOT.parent / "shared"))


def ant_news() -> list[str]:
    """The texts of ../shared/corpora/ant_news (exits with a message when it is absent)."""
    path = SHARED / "corpora/ant_news/docs.jsonl"
    if not path.exists():
        sys.exit(f"benchmark corpus not found: {path} (set KALIMA_SHARED)")
    with path.open(encoding="utf-8") as f:
        return [json.loads(line)["text"] for line in f]


def best_of(fn, repeat: int = 3) -> float:
    """The fastest of `repeat` runs of `fn`, in seconds."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def cargo_bench(name: str, texts: list[str]) -> list[list[str]]:
    """Runs the Rust bench binary `name` on `texts` (NUL-separated in a file); its output lines,
    split at tabs."""
    path = ROOT / "target/bench-corpus.txt"
    path.parent.mkdir(exist_ok=True)
    path.write_text("\0".join(texts), encoding="utf-8")
    run = subprocess.run(
        ["cargo", "bench", "-q", "--bench", name, "--", str(path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return [line.split("\t") for line in run.stdout.splitlines() if "\t" in line]


def report(name: str, lines: list[str]) -> None:
    """Prints a Markdown table and writes it to benches/results/NAME.md."""
    table = "\n".join(lines)
    print(table)
    results = ROOT / "benches/results" / f"{name}.md"
    results.parent.mkdir(parents=True, exist_ok=True)
    results.write_text(table + "\n", encoding="utf-8")
