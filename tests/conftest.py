"""Shared fixtures: the corpora in ../shared (skipped with a reason when absent). The table
generators in scripts/ are importable from the tests, which check that what they generate is
what is committed."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest
from hypothesis import settings

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
SHARED = Path(os.environ.get("KALIMA_SHARED", ROOT.parent / "shared"))
CORPORA = SHARED / "corpora"

settings.register_profile("default", max_examples=200, deadline=None)
settings.register_profile("slow", max_examples=5000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


def corpus_paths() -> list[Path]:
    return sorted(CORPORA.glob("*/docs.jsonl"))


def read_texts(path: Path) -> list[str]:
    with path.open(encoding="utf-8") as f:
        return [json.loads(line)["text"] for line in f]


@pytest.fixture(scope="session", params=[p.parent.name for p in corpus_paths()] or ["absent"])
def shared_corpus(request: pytest.FixtureRequest) -> tuple[str, list[str]]:
    """(name, texts) of each corpus in ../shared/corpora."""
    if request.param == "absent":
        pytest.skip(f"shared corpora not found at {CORPORA} (set KALIMA_SHARED to point at them)")
    return request.param, read_texts(CORPORA / request.param / "docs.jsonl")


def labelled_split(name: str) -> tuple[list[str], list[str], list[str], list[str]]:
    """(train texts, train labels, test texts, test labels) of a shared corpus: ant_news's
    stratified split, ASTD's official 4-class unbalanced one (train + validation to train).
    Skips the calling test when the corpus is absent."""
    folder = CORPORA / name
    if not (folder / "split.json").exists():
        pytest.skip(f"shared corpus {name} not found at {folder} (set KALIMA_SHARED)")
    with (folder / "docs.jsonl").open(encoding="utf-8") as f:
        docs = [json.loads(line) for line in f]
    split = json.loads((folder / "split.json").read_text(encoding="utf-8"))
    if "4class-unbalanced" in split:
        split = split["4class-unbalanced"]
        train, test = split["train"] + split["validation"], split["test"]
    else:
        train, test = split["train"], split["test"]
    return (
        [docs[i]["text"] for i in train],
        [docs[i]["label"] for i in train],
        [docs[i]["text"] for i in test],
        [docs[i]["label"] for i in test],
    )


def rebuild_from_changes(text: str, changes: list) -> str:
    """The normalized text from the original and `explain`'s changes alone: the stretches
    between changes pass through unchanged."""
    out, at = [], 0
    for c in changes:
        assert at <= c.start < c.end and c.norm_start <= c.norm_end
        out.append(text[at : c.start])
        assert len("".join(out)) == c.norm_start
        out.append(c.replacement)
        at = c.end
    out.append(text[at:])
    return "".join(out)
