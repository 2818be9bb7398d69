"""Arrow-backed batches: pandas Series of ``str`` (pandas 3's default), ``string[pyarrow]`` or
``pd.ArrowDtype`` string dtypes, and pyarrow string arrays, read from their buffers (no Python
object per document) and rebuilt from the buffers Rust writes.

Imported only once pyarrow is (an Arrow-backed input has imported it)."""

from __future__ import annotations

from typing import Any, Callable, NamedTuple

import numpy as np
import pyarrow as pa

from . import _kalima
from ._batch import Update, _is_series


class Source(NamedTuple):
    """An Arrow-backed batch: its chunks, how its missing values read in error messages (as the
    object path prints them), and how to give a result back in the caller's container."""

    chunks: list[Any]
    missing: str
    rebuild: Callable[[Any], Any]
    rebuild_lists: Callable[[list[Any]], Any]


def _is_text(arrow_type: Any) -> bool:
    return (
        pa.types.is_string(arrow_type)
        or pa.types.is_large_string(arrow_type)
        or pa.types.is_string_view(arrow_type)
    )


def source(texts: Any) -> Source | None:
    """`texts` as Arrow chunks, or None when it is not Arrow-backed text."""
    if isinstance(texts, (pa.Array, pa.ChunkedArray)):
        if not _is_text(texts.type):
            return None
        if isinstance(texts, pa.ChunkedArray):
            return Source(texts.chunks, "None", lambda out: _cast(out, texts.type), list)
        return Source([texts], "None", lambda out: _only_chunk(_cast(out, texts.type)), list)
    if not _is_series(texts):
        return None
    import pandas as pd

    dtype = texts.dtype
    if isinstance(dtype, pd.ArrowDtype):
        if not _is_text(dtype.pyarrow_dtype):
            return None
    elif not (isinstance(dtype, pd.StringDtype) and dtype.storage == "pyarrow"):
        return None
    chunked = texts.array.__arrow_array__()

    def rebuild(out: Any) -> Any:
        values = dtype.__from_arrow__(_cast(out, chunked.type))
        return pd.Series(values, index=texts.index, name=texts.name)

    def rebuild_lists(out: list[Any]) -> Any:
        # A missing text kept as missing reads as the dtype's own missing value, as it does
        # through .tolist().
        na = dtype.na_value
        out = [na if v is None else v for v in out]
        return pd.Series(out, index=texts.index, name=texts.name, dtype=object)

    return Source(chunked.chunks, repr(dtype.na_value), rebuild, rebuild_lists)


def strings(chunk: Any, missing: str) -> Any:
    """One Arrow string array as the buffers Rust reads (`_kalima.ArrowStrings`), no copy."""
    if pa.types.is_string_view(chunk.type):
        # string_view has no offsets buffer: this cast copies the chunk once.
        chunk = chunk.cast(pa.large_string())
    validity, offsets, data = chunk.buffers()
    offset_type = np.int64 if pa.types.is_large_string(chunk.type) else np.int32
    return _kalima.ArrowStrings(
        None if validity is None else _view(validity, np.uint8),
        _view(offsets, offset_type),
        _view(data, np.uint8),
        chunk.offset,
        len(chunk),
        missing,
    )


def map_arrow(
    source: Source, run: Callable[[Any, Update, int], Any], update: Update, *, text_out: bool
) -> Any:
    """Runs the binding `run` (``Normalizer.normalize_batch`` and the like, with its batch
    options bound) on every chunk of `source`; the results in the caller's container: Arrow
    text for text results, a list (or an object Series) of lists otherwise."""
    out: list[Any] = []
    first = 0
    for chunk in source.chunks:
        result = run(strings(chunk, source.missing), update, first)
        if text_out:
            new_data, new_offsets, new_validity, nulls = result
            out.append(
                pa.LargeStringArray.from_buffers(
                    len(chunk),
                    pa.py_buffer(new_offsets),
                    pa.py_buffer(new_data),
                    None if new_validity is None else pa.py_buffer(new_validity),
                    nulls,
                )
            )
        else:
            out.extend(result)
        first += len(chunk)
    if text_out:
        return source.rebuild(pa.chunked_array(out, type=pa.large_string()))
    return source.rebuild_lists(out)


def _view(buffer: Any, dtype: Any) -> np.ndarray:
    """A numpy view of an Arrow buffer (no copy); empty for an absent one. A buffer unpickled
    from a byte stream (Dask, multiprocessing) can start at any address: Rust reads aligned
    offsets only, so a misaligned one is copied."""
    if buffer is None:
        return np.empty(0, dtype=dtype)
    view = np.frombuffer(buffer, dtype=dtype, count=buffer.size // np.dtype(dtype).itemsize)
    return view if view.flags.aligned else view.copy()


def _only_chunk(out: Any) -> Any:
    """The one chunk of a result (a cast drops an empty chunk)."""
    return out.chunk(0) if out.num_chunks else pa.array([], type=out.type)


def _cast(out: Any, arrow_type: Any) -> Any:
    """The results (large_string) in the input's Arrow type; large_string when they do not fit
    in a ``string`` array's int32 offsets."""
    if arrow_type == out.type:
        return out
    try:
        return out.cast(arrow_type)
    except pa.ArrowInvalid:
        return out
