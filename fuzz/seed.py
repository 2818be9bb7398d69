"""Seeds the fuzz corpora with real text: every document of kalima's bundled sample (and its
words, for the stemmer), so the fuzzers start from Arabic news and tweets, not from nothing."""

from __future__ import annotations

from pathlib import Path

from kalima.datasets import load_sample

ROOT = Path(__file__).resolve().parent / "corpus"


def main() -> None:
    texts = [d["text"] for d in load_sample()]
    words = sorted({w for t in texts for w in t.split()})
    seeds = {
        "normalize": texts,
        "tokenize": texts,
        "vectorize": ["\n".join(texts[i : i + 3]) for i in range(0, len(texts), 3)],
        "stem": words,
    }
    for target, items in seeds.items():
        folder = ROOT / target
        folder.mkdir(parents=True, exist_ok=True)
        for i, item in enumerate(items):
            (folder / f"seed-{i:04d}").write_text(item, encoding="utf-8")


if __name__ == "__main__":
    main()
