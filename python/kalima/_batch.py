"""Turning the containers users hold (list, tuple, numpy array, pandas Series) into a list of
documents for the Rust core, and the results back into the container they expect."""

from __future__ import annotations

from typing import Any, Callable


def as_list(texts: Any) -> list[Any]:
    """The documents of `texts` as a list, without copying the str objects themselves."""
    if isinstance(texts, (str, bytes)):
        raise TypeError(
            f"expected a batch of texts (list, tuple, numpy array or pandas Series), "
            f"got a single {type(texts).__name__}; wrap it in a list, or use the one-text method"
        )
    if isinstance(texts, list):
        return texts
    if hasattr(texts, "tolist"):  # numpy arrays and pandas Series
        return texts.tolist()
    try:
        return list(texts)
    except TypeError:
        raise TypeError(
            f"expected a batch of texts (list, tuple, numpy array or pandas Series), "
            f"got {type(texts).__name__}"
        ) from None


def _is_series(obj: Any) -> bool:
    return type(obj).__name__ == "Series" and type(obj).__module__.startswith("pandas")


def map_batch(texts: Any, run: Callable[[list[Any]], list[Any]], *, text_out: bool = True) -> Any:
    """Apply `run` (list in, list out) to `texts`; a pandas Series comes back as a Series with the
    same index and name, and the same dtype when the results are texts (`text_out`), object
    dtype otherwise (lists of tokens)."""
    docs = as_list(texts)
    out = run(docs)
    if _is_series(texts):
        import pandas as pd

        dtype = texts.dtype if text_out else object
        return pd.Series(out, index=texts.index, name=texts.name, dtype=dtype)
    return out
