//! Arrow string arrays in and out, without a Python object per document.
//!
//! Python hands over the buffers of a pyarrow `string` or `large_string` array as numpy views
//! (no copy): the validity bitmap, the offsets and the UTF-8 data, with the array's offset and
//! length. The documents are read straight from the data buffer, transformed on the worker
//! threads with the GIL released, and written as new UTF-8 data, int64 offsets and a validity
//! bitmap, from which Python builds a `large_string` array.

use std::borrow::Cow;

use numpy::{PyArray1, PyReadonlyArray1, PyUntypedArrayMethods};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use rayon::prelude::*;

use super::{between_chunks, parallel, Errors};

/// Bytes of input per chunk: progress and Ctrl-C are looked at between chunks.
const CHUNK_BYTES: usize = 1 << 22;

/// A new Arrow array's buffers: UTF-8 data, `len + 1` offsets, and a validity bitmap (None when
/// nothing is missing) with its count of missing values.
pub(super) type ArrowOut<'py> = (
    Bound<'py, PyArray1<u8>>,
    Bound<'py, PyArray1<i64>>,
    Option<Bound<'py, PyArray1<u8>>>,
    usize,
);

/// What went wrong in a document, found without the GIL: its index, and the message after
/// `name[index]`.
type DocError = (usize, String);

/// The input array, checked: document `i` is `data[offsets[i]..offsets[i + 1]]`, missing when
/// its validity bit is 0.
struct Strings<'a> {
    data: &'a [u8],
    offsets: Vec<usize>,
    validity: Option<(&'a [u8], usize)>,
}

impl Strings<'_> {
    fn is_valid(&self, i: usize) -> bool {
        self.validity.map_or(true, |(bits, offset)| {
            bits[(offset + i) / 8] >> ((offset + i) % 8) & 1 == 1
        })
    }

    fn bytes(&self, i: usize) -> &[u8] {
        &self.data[self.offsets[i]..self.offsets[i + 1]]
    }
}

/// Applies `f` to every document of an Arrow string array (see the module comment); missing
/// documents follow `errors` as in a list batch, `missing` being how they read in messages
/// (`None`, `nan`, `<NA>`), and `first` the position of the array's first document in the
/// caller's batch.
#[allow(clippy::too_many_arguments)] // the buffers and the batch options, passed through
pub(super) fn map_arrow<'py, F>(
    py: Python<'py>,
    name: &str,
    validity: Option<PyReadonlyArray1<'py, u8>>,
    offsets: &Bound<'py, PyAny>,
    data: PyReadonlyArray1<'py, u8>,
    (offset, length, first): (usize, usize, usize),
    (n_jobs, errors, missing): (Option<i64>, &str, &str),
    progress: Option<&Bound<'py, PyAny>>,
    f: F,
) -> PyResult<ArrowOut<'py>>
where
    F: for<'a> Fn(&'a str) -> Cow<'a, str> + Sync,
{
    let errors = Errors::parse(errors)?;
    let threads = parallel::threads_for(n_jobs).ok_or_else(|| {
        PyValueError::new_err("n_jobs == 0 has no meaning; use None, a positive int or -1")
    })?;
    let validity = validity.as_ref().map(|v| v.as_slice()).transpose()?;
    let strings = Strings {
        data: data.as_slice()?,
        offsets: read_offsets(offsets, offset, length, data.len())?,
        validity: validity.map(|bits| (bits, offset)),
    };
    if let Some((bits, _)) = strings.validity {
        if bits.len() * 8 < offset + length {
            return Err(PyValueError::new_err(format!(
                "the validity bitmap of {name} has {} bits; the array needs {}",
                bits.len() * 8,
                offset + length
            )));
        }
    }
    if errors == Errors::Raise || errors == Errors::Replace {
        if let Some(i) = (0..length).find(|&i| !strings.is_valid(i)) {
            return Err(PyTypeError::new_err(format!(
                "{name}[{}] is {missing}; expected str (pass errors='keep' or errors='empty' to allow missing values)",
                first + i
            )));
        }
    }
    let pool = parallel::pool(threads);
    let mut out = Vec::with_capacity(strings.data.len());
    let mut out_offsets = Vec::with_capacity(length + 1);
    out_offsets.push(0i64);
    let mut out_validity = vec![0u8; length.div_ceil(8)];
    let mut null_count = 0;
    let mut start = 0;
    while start < length {
        // Whole documents up to about CHUNK_BYTES of input (at least one).
        let base = strings.offsets[start];
        let end = strings.offsets[start + 1..]
            .partition_point(|&o| o - base <= CHUNK_BYTES)
            .max(1)
            + start;
        let chunk = py
            .detach(|| transform_chunk(&strings, start..end, pool.as_ref(), &f))
            .map_err(|(i, message)| {
                PyValueError::new_err(format!("{name}[{}] {message}", first + i))
            })?;
        for (i, piece) in (start..end).zip(chunk) {
            match piece {
                Some(text) => {
                    out.extend_from_slice(text.as_bytes());
                    out_validity[i / 8] |= 1 << (i % 8);
                }
                None if errors == Errors::Empty => out_validity[i / 8] |= 1 << (i % 8),
                None => null_count += 1,
            }
            out_offsets.push(
                i64::try_from(out.len()).map_err(|_| {
                    PyValueError::new_err("the output is too large for int64 offsets")
                })?,
            );
        }
        between_chunks(py, progress, end - start)?;
        start = end;
    }
    let validity = (null_count > 0).then(|| PyArray1::from_vec(py, out_validity));
    Ok((
        PyArray1::from_vec(py, out),
        PyArray1::from_vec(py, out_offsets),
        validity,
        null_count,
    ))
}

/// `offsets[offset..=offset + length]` of an int32 or int64 array, checked: non-negative,
/// never decreasing and within the data buffer, so that no document can be read out of bounds.
fn read_offsets(
    offsets: &Bound<'_, PyAny>,
    offset: usize,
    length: usize,
    data_len: usize,
) -> PyResult<Vec<usize>> {
    let range = offset..offset + length + 1;
    let values: Vec<i64> = if let Ok(o) = offsets.extract::<PyReadonlyArray1<'_, i64>>() {
        o.as_slice()?.get(range).map(<[i64]>::to_vec)
    } else if let Ok(o) = offsets.extract::<PyReadonlyArray1<'_, i32>>() {
        let o = o.as_slice()?;
        o.get(range)
            .map(|o| o.iter().map(|&x| i64::from(x)).collect())
    } else {
        return Err(PyTypeError::new_err(
            "Arrow offsets must be a 1-d int32 or int64 numpy array",
        ));
    }
    .ok_or_else(|| {
        PyValueError::new_err(format!(
            "the offsets buffer is too short for {length} strings at offset {offset}"
        ))
    })?;
    let mut previous = 0;
    values
        .into_iter()
        .enumerate()
        .map(|(i, o)| {
            let o = usize::try_from(o)
                .ok()
                .filter(|&o| o >= previous && o <= data_len);
            let o = o.ok_or_else(|| {
                PyValueError::new_err(format!(
                    "Arrow offset {} is negative, decreasing or past the {data_len} bytes of data",
                    offset + i
                ))
            })?;
            previous = o;
            Ok(o)
        })
        .collect()
}

/// The results of documents `range` (None for a missing one), on `pool` when given, in order.
fn transform_chunk<'s, F>(
    strings: &'s Strings<'_>,
    range: std::ops::Range<usize>,
    pool: Option<&rayon::ThreadPool>,
    f: &F,
) -> Result<Vec<Option<Cow<'s, str>>>, DocError>
where
    F: for<'a> Fn(&'a str) -> Cow<'a, str> + Sync,
{
    let one = |i: usize| -> Result<Option<Cow<'s, str>>, DocError> {
        if !strings.is_valid(i) {
            return Ok(None);
        }
        // Valid Arrow holds valid UTF-8; a buffer made by other means may not.
        let text = std::str::from_utf8(strings.bytes(i)).map_err(|e| {
            (
                i,
                format!("is not valid UTF-8 (at byte {})", e.valid_up_to()),
            )
        })?;
        Ok(Some(f(text)))
    };
    match pool {
        Some(pool) => pool.install(|| range.into_par_iter().map(one).collect()),
        None => range.map(one).collect(),
    }
}
