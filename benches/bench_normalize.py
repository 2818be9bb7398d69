"""Normalization speed: kalima next to CAMeL Tools and PyArabic, in one process, on
../shared/corpora/ant_news (Python list in, Python list out), plus the Rust core alone.

Run with `make bench`. Prints a Markdown table (MB/s of UTF-8 input, best of 3, and the ratio to
the CAMeL Tools function with the same output) and writes it to benches/results/normalize.md.
"""

from __future__ import annotations

import os
import platform
import sys

from common import ant_news, best_of, cargo_bench, report


def peers():
    """The functions users run today, each as list -> list."""
    out = {}
    try:
        from camel_tools.utils.charmap import CharMapper
        from camel_tools.utils.dediac import dediac_ar
        from camel_tools.utils.normalize import (
            normalize_alef_ar,
            normalize_alef_maksura_ar,
            normalize_teh_marbuta_ar,
        )

        def camel_four(docs):
            return [
                normalize_teh_marbuta_ar(normalize_alef_maksura_ar(normalize_alef_ar(dediac_ar(d))))
                for d in docs
            ]

        arclean = CharMapper.builtin_mapper("arclean")
        out["CAMeL Tools: dediac_ar + alef + alef_maksura + teh_marbuta"] = camel_four
        out["CAMeL Tools: arclean"] = lambda docs: [arclean(d) for d in docs]
    except ImportError:
        print("camel-tools not installed: skipping its rows", file=sys.stderr)
    try:
        import pyarabic.araby as araby

        def pyarabic_four(docs):
            return [
                araby.normalize_teh(
                    araby.normalize_alef(araby.strip_tatweel(araby.strip_tashkeel(d)))
                )
                for d in docs
            ]

        out["PyArabic: strip_tashkeel + strip_tatweel + normalize_alef + normalize_teh"] = (
            pyarabic_four
        )
    except ImportError:
        print("pyarabic not installed: skipping its row", file=sys.stderr)
    return out


def main():
    import kalima

    docs = ant_news()
    mb = sum(len(d.encode("utf-8")) for d in docs) / 1e6
    cores = os.cpu_count()

    rows = []  # (what, seconds)
    peer_fns = peers()
    for name, fn in peer_fns.items():
        rows.append((name, best_of(lambda f=fn: f(docs))))
    for preset in ("camel", "arclean", "light", "search"):
        norm = kalima.Normalizer(preset)
        for n_jobs in (1, -1):
            label = f"kalima `Normalizer({preset!r}).normalize_batch`, n_jobs={n_jobs}"
            rows.append(
                (label, best_of(lambda n=norm, j=n_jobs: n.normalize_batch(docs, n_jobs=j)))
            )

    # Each kalima row against CAMeL Tools' four functions (what `camel` reproduces exactly;
    # `search` does more), against the CAMeL function with the same output, and n_jobs=-1
    # against n_jobs=1.
    timings = dict(rows)
    four = timings.get("CAMeL Tools: dediac_ar + alef + alef_maksura + teh_marbuta")
    same_output = {"camel": four, "arclean": timings.get("CAMeL Tools: arclean")}
    lines = [
        f"Corpus: ant_news, {len(docs):,} documents, {mb:.1f} MB UTF-8; {cores} cores; "
        f"Python {platform.python_version()}; best of 3.",
        "",
        "| what (Python list in, list out) | MB/s | × CAMeL Tools' four functions "
        "| × CAMeL Tools, same output | × n_jobs=1 |",
        "|---|---:|---:|---:|---:|",
    ]
    for name, secs in rows:
        preset = name.split("'")[1] if name.startswith("kalima") else None
        peer = same_output.get(preset)
        ratio = f"{peer / secs:.1f}×" if peer else "–"
        against_four = f"{four / secs:.1f}×" if four and preset else "–"
        one = timings.get(name.replace("n_jobs=-1", "n_jobs=1"))
        scaling = f"{one / secs:.2f}×" if preset and name.endswith("n_jobs=-1") else "–"
        lines.append(f"| {name} | {mb / secs:,.0f} | {against_four} | {ratio} | {scaling} |")
    lines += ["", "| Rust core alone, one thread | MB/s |", "|---|---:|"]
    for preset, speed in cargo_bench("bench_normalize", docs):
        lines.append(f"| `{preset}` | {float(speed):,.0f} |")
    report("normalize", lines)


if __name__ == "__main__":
    main()
