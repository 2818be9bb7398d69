"""Shared fixtures: the corpora in ../shared (skipped with a reason when absent)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from hypothesis import settings

ROOT = Path(__file__).resolve().parents[1]
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
