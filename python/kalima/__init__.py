"""kalima (كلمة): Arabic text made ready for machine learning.

Fast, exact normalization with named presets, stemming and tokenization, from a Rust core.

>>> import kalima
>>> kalima.normalize("أهلاً بالعالَم")
'اهلا بالعالم'
"""

from __future__ import annotations

from . import datasets
from ._kalima import __version__
from .normalize import PRESETS, Change, Explanation, Normalizer, explain, normalize
from .segment import Segmenter, segment
from .stem import STEMMERS, Stemmer, stem
from .stopwords import stopwords
from .tokenize import TOKENIZER_MODES, Tokenizer, tokenize

__all__ = [
    "PRESETS",
    "STEMMERS",
    "TOKENIZER_MODES",
    "Change",
    "CountVectorizer",
    "Explanation",
    "HashingVectorizer",
    "Normalizer",
    "Segmenter",
    "Stemmer",
    "TfidfVectorizer",
    "Tokenizer",
    "__version__",
    "datasets",
    "explain",
    "normalize",
    "segment",
    "stem",
    "stopwords",
    "tokenize",
]

_VECTORIZERS = ("CountVectorizer", "HashingVectorizer", "TfidfVectorizer")


def __getattr__(name: str):
    # The vectorizers import scikit-learn and scipy: only when first used, so that
    # `import kalima` stays quick for normalizing and tokenizing.
    if name in _VECTORIZERS:
        from . import vectorize

        return getattr(vectorize, name)
    raise AttributeError(f"module 'kalima' has no attribute {name!r}")
