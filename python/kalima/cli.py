"""The ``kalima`` command line.

Examples (a shell)::

    kalima demo
    echo "قالَ الرئيسُ" | kalima normalize --preset camel
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections import Counter

from . import __version__
from .datasets import load_sample
from .normalize import PRESETS, Normalizer


def _demo(args: argparse.Namespace) -> int:
    docs = load_sample()
    texts = [d["text"] for d in docs]
    size = sum(len(t.encode("utf-8")) for t in texts)
    norm = Normalizer(args.preset)
    start = time.perf_counter()
    out = norm.normalize_batch(texts)
    took = time.perf_counter() - start
    changed = sum(a is not b for a, b in zip(texts, out))
    print(f"kalima {__version__} — preset {args.preset!r} on the bundled sample corpus")
    print(f"{len(texts)} documents, {size:,} bytes, {changed} changed, {took * 1e3:.2f} ms\n")

    rules: Counter[str] = Counter()
    for t in texts:
        rules.update(c.rule for c in norm.explain(t).changes)
    print("changes by rule:")
    for rule, n in rules.most_common():
        print(f"  {rule:<32} {n:>5}")

    shown = sorted(range(len(texts)), key=lambda i: -len(norm.explain(texts[i]).changes))[:3]
    for i in shown:
        print(f"\n[{i}] {docs[i]['label']}")
        print(f"  before: {texts[i][:160]!r}")
        print(f"  after:  {out[i][:160]!r}")
    return 0


def _normalize(args: argparse.Namespace) -> int:
    norm = Normalizer(args.preset)
    for line in args.input:
        sys.stdout.write(norm.normalize(line.rstrip("\n"), errors="replace") + "\n")
    return 0


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``kalima`` console script."""
    parser = argparse.ArgumentParser(
        prog="kalima", description="Arabic text made ready for machine learning."
    )
    parser.add_argument("--version", action="version", version=f"kalima {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    demo = sub.add_parser("demo", help="normalize the bundled sample corpus and show what changed")
    demo.add_argument("--preset", default="search", choices=PRESETS)
    demo.set_defaults(run=_demo)

    norm = sub.add_parser(
        "normalize",
        help="normalize text line by line",
        description="Normalize each line: echo 'قالَ الرئيسُ' | kalima normalize --preset camel",
    )
    norm.add_argument(
        "input", nargs="?", type=argparse.FileType("r", encoding="utf-8"), default=sys.stdin
    )
    norm.add_argument("--preset", default="search", choices=PRESETS)
    norm.set_defaults(run=_normalize)

    args = parser.parse_args(argv)
    try:
        return int(args.run(args))
    except BrokenPipeError:
        # The reader went away (`kalima demo | head`): stop quietly, as Unix tools do, and keep
        # the interpreter's last flush of stdout from failing again.
        try:
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        except (OSError, ValueError):
            pass
        return 0


if __name__ == "__main__":
    raise SystemExit(main())
