"""kalima (كلمة): Arabic text made ready for machine learning.

Fast, exact normalization with named presets, stemming and tokenization, from a Rust core.

>>> import kalima
>>> kalima.normalize("أهلاً بالعالَم")
'اهلا بالعالم'
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

from . import (
    _interpreter,  # noqa: F401  (first: refuses interpreters kalima does not support)
    datasets,
)
from ._batch import MissingValueError
from ._kalima import __version__
from .normalize import PRESETS, Change, Explanation, Normalizer, explain, normalize
from .segment import Segmenter, segment
from .stem import STEMMERS, Stemmer, stem
from .stopwords import DIALECTS, stopwords
from .tokenize import TOKENIZER_MODES, Tokenizer, tokenize

if TYPE_CHECKING:  # imported on first use at run time (__getattr__ below)
    from .vectorize import CountVectorizer, HashingVectorizer, TfidfVectorizer

__all__ = [
    "DIALECTS",
    "PRESETS",
    "STEMMERS",
    "TOKENIZER_MODES",
    "Change",
    "CountVectorizer",
    "Explanation",
    "HashingVectorizer",
    "MissingValueError",
    "NearDuplicates",
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
    "similar_pairs",
    "stem",
    "stopwords",
    "tokenize",
]


class _AfterPandas:
    """Registers the ``.arabic`` Series accessor once pandas is imported. pandas takes most of
    a second to import, so `import kalima` must not import it; this finder (a meta path finder;
    not subclassing importlib.abc's keeps that module out of `import kalima`) waits for it
    instead, and removes itself on the first import of pandas, found or not."""

    def find_spec(self, name: str, path: Any = None, target: Any = None) -> Any:
        if name != "pandas":
            return None
        import importlib.util

        sys.meta_path.remove(self)
        spec = importlib.util.find_spec(name)  # from the other finders
        if spec is None or spec.loader is None or not hasattr(spec.loader, "exec_module"):
            return spec
        exec_pandas = spec.loader.exec_module

        def exec_module(module: Any) -> None:
            exec_pandas(module)
            from . import pandas  # noqa: F401 - registers the accessor

        spec.loader.exec_module = exec_module  # type: ignore[method-assign]
        return spec


if "pandas" in sys.modules:
    from . import pandas  # noqa: F401 - registers the accessor
elif not any(isinstance(f, _AfterPandas) for f in sys.meta_path):
    sys.meta_path.insert(0, _AfterPandas())

_VECTORIZERS = ("CountVectorizer", "HashingVectorizer", "TfidfVectorizer")


def __getattr__(name: str):
    # The vectorizers import scikit-learn and scipy: only when first used, so that
    # `import kalima` stays quick for normalizing and tokenizing.
    if name in _VECTORIZERS:
        from . import vectorize

        return getattr(vectorize, name)
    if name == "NearDuplicates":
        from . import dedup

        return dedup.NearDuplicates
    if name == "similar_pairs":
        from . import similar

        return similar.similar_pairs
    raise AttributeError(f"module 'kalima' has no attribute {name!r}")
