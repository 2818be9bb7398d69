"""kalima (كلمة): Arabic text made ready for machine learning.

Fast, exact normalization with named presets and stemming, from a Rust core.

>>> import kalima
>>> kalima.normalize("أهلاً بالعالَم")
'اهلا بالعالم'
"""

from __future__ import annotations

from . import datasets
from ._kalima import __version__
from .normalize import PRESETS, Change, Explanation, Normalizer, explain, normalize
from .stem import STEMMERS, Stemmer, stem

__all__ = [
    "PRESETS",
    "STEMMERS",
    "Change",
    "Explanation",
    "Normalizer",
    "Stemmer",
    "__version__",
    "datasets",
    "explain",
    "normalize",
    "stem",
]
