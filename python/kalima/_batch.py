"""Turning the containers users hold (list, tuple, numpy array, pandas Series, pyarrow array) into
documents for the Rust core, and the results back into the container they expect; the progress
bar of a batch."""

from __future__ import annotations

import contextlib
import gc
import re
import sys
from collections.abc import Iterator
from typing import Any, Callable, Optional


class MissingValueError(TypeError, ValueError):
    """A batch holds a missing value (None, NaN, ``pd.NA``) where text is expected, under
    ``errors="raise"``; the message names its position and the ``errors`` values that allow it.

    Both a ``TypeError`` (no str is there, what kalima raised first) and a ``ValueError`` (what
    scikit-learn raises for ``np.nan`` as a document), so ``except`` clauses written for either
    keep working."""

    __module__ = "kalima"


# A progress callback: called with the number of documents finished since the last call.
Update = Optional[Callable[[int], object]]


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


def check_dtype(texts: Any, name: str) -> None:
    """`TypeError` naming the dtype for a numpy array or pandas Series of numbers, booleans,
    dates or durations: no text is there (a float array may hold text's missing values, NaN,
    and is checked value by value instead)."""
    dtype = getattr(texts, "dtype", None)
    if getattr(dtype, "kind", None) in tuple("iubcMm"):
        raise TypeError(
            f"{name} holds {dtype} values, not text; pass the text column, or convert with "
            ".astype(str) to treat the values as text"
        )


@contextlib.contextmanager
def progress_bar(progress: bool, total: int | None, desc: str) -> Iterator[Update]:
    """A tqdm bar (``tqdm.auto``: a widget in Jupyter) and its update function, or None when
    ``progress`` is False."""
    if not isinstance(progress, bool):
        raise TypeError(f"progress must be a bool, not {type(progress).__name__}")
    if not progress:
        yield None
        return
    try:
        from tqdm.auto import tqdm
    except ImportError:
        raise ImportError(
            "progress=True needs tqdm: pip install tqdm "
            "(or, from a clone of kalima, pip install '.[progress]')"
        ) from None
    with tqdm(total=total, desc=desc, unit="doc") as bar:
        yield bar.update


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """CPython's cyclic garbage collector paused while a batch builds its results: a list of
    tokens per text triggers collections that walk every list built so far (a quarter of
    tokenizing ant_news on two threads), though lists of str cannot form cycles. It runs
    again, as before, afterwards."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def map_batch(
    texts: Any,
    run: Callable[[Any, Update, int], Any],
    *,
    text_out: bool = True,
    progress: bool = False,
    desc: str = "kalima",
) -> Any:
    """Apply the binding `run` (documents, progress callback and the position of the first
    document in; a list, or Arrow buffers for Arrow input, out) to `texts`. A pandas Series comes
    back as a Series with the same index and name, and the same dtype when the results are texts
    (`text_out`), object dtype otherwise (lists of tokens).

    An Arrow-backed Series or a pyarrow array is read from its buffers, with no Python object
    per document; text results come back Arrow-backed."""
    check_dtype(texts, "texts")
    if "pyarrow" in sys.modules:  # an Arrow input has imported pyarrow
        from . import _arrow

        source = _arrow.source(texts)
        if source is not None:
            with progress_bar(progress, len(texts), desc) as update, collector_paused():
                return _arrow.map_arrow(source, run, update, text_out=text_out)
    docs = texts if isinstance(texts, tuple) else as_list(texts)
    with progress_bar(progress, len(docs), desc) as update, collector_paused():
        out = run(docs, update, 0)
    if _is_series(texts):
        import pandas as pd

        dtype = texts.dtype if text_out else object
        if isinstance(dtype, pd.CategoricalDtype):
            # New texts are not among the categories: they come back in the categories' dtype,
            # as pandas' own .str methods give them.
            dtype = dtype.categories.dtype
        return pd.Series(out, index=texts.index, name=texts.name, dtype=dtype)
    return out


def map_each(texts: Any, f: Callable[[str], Any], name: str) -> Any:
    """`f` on every text of the batch `texts`, one at a time (for what has no batch method in
    Rust); anything but a str raises `TypeError` naming its position. A Series comes back as an
    object Series with the same index and name, anything else as a list."""
    docs = as_list(texts)
    out = []
    for i, text in enumerate(docs):
        if not isinstance(text, str):
            raise TypeError(f"{name}[{i}] is {shown(text)}; expected str")
        out.append(f(text))
    if _is_series(texts):
        import pandas as pd

        return pd.Series(out, index=texts.index, name=texts.name, dtype=object)
    return out


def shown(value: Any) -> str:
    """A value that is not a str as the batch messages show it: a missing value as itself
    (None, nan, <NA>), anything else by its type."""
    if value is None or type(value).__name__ == "NAType":
        return str(value)
    if isinstance(value, float) and value != value:
        return "nan"
    return type(value).__name__


_WHITE_SPACE = re.compile(r"\s")


def check_one_word(word: Any, for_many: str, *args: Any) -> None:
    """`ValueError` when the str `word` holds white space (a text, where one word is expected:
    stemming or segmenting it whole would quietly give a wrong answer); `for_many.format(*args)`
    is the call that does it right (formatted only then: this runs for every word)."""
    if isinstance(word, str) and _WHITE_SPACE.search(word):
        shown = word if len(word) <= 40 else word[:40] + "…"
        raise ValueError(
            f"expected one word, got a text with white space ({shown!r}); tokenize it "
            f"first: {for_many.format(*args)}"
        )
