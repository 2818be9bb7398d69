"""The exact per-preset mapping tables of docs/normalization.md, generated from kalima itself.

`python scripts/mapping_tables.py` (or `make tables`) rewrites them in that page;
tests/test_docs.py fails when the page and the code disagree. Each code point is probed between
two letters (ب…ت), so context rules (white-space trimming, elongation) do not hide what a
character becomes.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import kalima

PAGE = Path(__file__).resolve().parents[1] / "docs" / "normalization.md"

# For "light" and "search" the tables cover the blocks kalima's own rules act on; elsewhere those
# presets change characters only by Unicode's own mappings (NFKC, lowercase), which the page
# states. "camel" and "arclean" are tabulated over every code point.
OWN_BLOCKS = [(0x0000, 0x00FF), (0x0600, 0x06FF), (0x0750, 0x077F), (0x2000, 0x206F)]
SCOPE = {
    "camel": [(0, sys.maxunicode)],
    "arclean": [(0, sys.maxunicode)],
    "light": OWN_BLOCKS,
    "search": OWN_BLOCKS,
}


def probe(c: int) -> str:
    # Two different letters around it, so no output can make three in a row (elongation).
    return "ب" + chr(c) + "ت"


def changes(preset: str) -> list[tuple[int, int, str, str]]:
    """(first, last, first output, last output) for every run of consecutive code points that
    map either to one output or to outputs shifted by the same offset (A–Z → a–z)."""
    cps = [c for lo, hi in SCOPE[preset] for c in range(lo, hi + 1) if not 0xD800 <= c <= 0xDFFF]
    outs = kalima.Normalizer(preset).normalize_batch([probe(c) for c in cps], n_jobs=-1)
    runs: list[list] = []  # [first, last, first output, last output]
    for c, out in zip(cps, outs):
        result = out[1:-1]
        if result == chr(c):
            continue
        if runs and runs[-1][1] == c - 1:
            first, last, start, end = runs[-1]
            same = start == end == result
            shifted = (
                len(result) == len(end) == 1
                and ord(result) - c == ord(end) - last
                and (first == last or start != end)
            )
            if same or shifted:
                runs[-1][1], runs[-1][3] = c, result
                continue
        runs.append([c, c, result, result])
    return [tuple(r) for r in runs]


def shown(text: str) -> str:
    if text == "":
        return "removed"
    names = " ".join(f"U+{ord(ch):04X}" for ch in text)
    visible = "".join(ch if ch.isprintable() and not ch.isspace() else "·" for ch in text)
    return f"`{visible}` ({names})".replace("|", "\\|")


def table(preset: str) -> str:
    lines = ["| code points | becomes |", "|---|---|"]
    for a, b, start, end in changes(preset):
        span = f"U+{a:04X}" if a == b else f"U+{a:04X}–U+{b:04X}"
        becomes = shown(start) if start == end else f"{shown(start)} … {shown(end)}"
        lines.append(f"| {span} | {becomes} |")
    return "\n".join(lines)


def render(page: str) -> str:
    def block(match: re.Match) -> str:
        preset = match.group(1)
        return f"<!-- mappings:{preset} -->\n\n{table(preset)}\n\n<!-- /mappings -->"

    return re.sub(r"<!-- mappings:(\w+) -->.*?<!-- /mappings -->", block, page, flags=re.S)


if __name__ == "__main__":
    PAGE.write_text(render(PAGE.read_text(encoding="utf-8")), encoding="utf-8")
