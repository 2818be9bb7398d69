"""The bundled sample corpus: fresh objects on every call, and the near-duplicate stories its
docstring promises really are each other's nearest neighbours."""

from __future__ import annotations

import math
from collections import Counter

from kalima import Normalizer, Tokenizer
from kalima.datasets import load_sample


def test_fresh_objects_every_call():
    first, second = load_sample(), load_sample()
    assert first == second and first is not second and first[0] is not second[0]
    first[0]["text"] = "changed"
    assert load_sample()[0]["text"] != "changed"


def test_labels():
    labels = {d["label"] for d in load_sample()}
    assert labels == {"politics", "economy", "sports", "technology", "culture", "social"}


def test_reworded_stories_are_nearest_neighbours():
    texts = Normalizer("search").normalize_batch([d["text"] for d in load_sample()])
    bags = [Counter(tokens) for tokens in Tokenizer("sklearn").tokenize_batch(texts)]

    def cosine(a: Counter, b: Counter) -> float:
        dot = sum(a[t] * b[t] for t in a.keys() & b.keys())
        norm = math.sqrt(sum(v * v for v in a.values())) * math.sqrt(sum(v * v for v in b.values()))
        return dot / norm if norm else 0.0

    def nearest(i: int) -> int:
        return max((j for j in range(len(bags)) if j != i), key=lambda j: cosine(bags[i], bags[j]))

    for a, b in [(0, 20), (2, 18)]:
        assert nearest(a) == b and nearest(b) == a
