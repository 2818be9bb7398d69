//! Arrow string arrays in and out, without a Python object per document.
//!
//! Python hands over the buffers of a pyarrow `string` or `large_string` array as numpy views
//! (no copy) in an `ArrowStrings`: the validity bitmap, the offsets and the UTF-8 data, with the
//! array's offset and length. The batch driver reads documents straight from the data buffer;
//! text results are written as new UTF-8 data, int64 offsets and a validity bitmap, from which
//! Python builds a `large_string` array.

use numpy::{PyArray1, PyReadonlyArray1, PyUntypedArrayMethods};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;

use super::batch::Text;

/// The buffers of one Arrow string array (see the module comment). `missing` is how a missing
/// value reads in messages (`None`, `nan`, `<NA>`), as the object path prints it.
#[pyclass(frozen, module = "kalima._kalima", name = "ArrowStrings")]
pub(super) struct ArrowStrings {
    validity: Option<Py<PyAny>>,
    offsets: Py<PyAny>,
    data: Py<PyAny>,
    offset: usize,
    length: usize,
    missing: String,
}

#[pymethods]
impl ArrowStrings {
    #[new]
    #[pyo3(signature = (validity, offsets, data, offset, length, missing))]
    fn new(
        validity: Option<Py<PyAny>>,
        offsets: Py<PyAny>,
        data: Py<PyAny>,
        offset: usize,
        length: usize,
        missing: String,
    ) -> Self {
        ArrowStrings {
            validity,
            offsets,
            data,
            offset,
            length,
            missing,
        }
    }

    fn __len__(&self) -> usize {
        self.length
    }
}

/// An `ArrowStrings` checked and borrowed: document `i` is `data[offsets[i]..offsets[i + 1]]`,
/// missing when its validity bit is 0.
pub(super) struct ArrowView<'py> {
    data: PyReadonlyArray1<'py, u8>,
    offsets: Vec<usize>,
    validity: Option<(PyReadonlyArray1<'py, u8>, usize)>,
    missing: String,
}

impl<'py> ArrowView<'py> {
    pub(super) fn new(strings: &Bound<'py, ArrowStrings>) -> PyResult<Self> {
        let py = strings.py();
        let s = strings.get();
        let bytes = |obj: &Py<PyAny>, what: &str| {
            obj.bind(py)
                .extract::<PyReadonlyArray1<'py, u8>>()
                .map_err(|_| {
                    PyTypeError::new_err(format!("Arrow {what} must be a 1-d uint8 numpy array"))
                })
        };
        let data = bytes(&s.data, "data")?;
        let offsets = read_offsets(s.offsets.bind(py), s.offset, s.length, data.len())?;
        let validity = match &s.validity {
            Some(v) => {
                let v = bytes(v, "validity")?;
                if v.len() * 8 < s.offset + s.length {
                    return Err(PyValueError::new_err(format!(
                        "the validity bitmap has {} bits; the array needs {}",
                        v.len() * 8,
                        s.offset + s.length
                    )));
                }
                Some((v, s.offset))
            }
            None => None,
        };
        Ok(ArrowView {
            data,
            offsets,
            validity,
            missing: s.missing.clone(),
        })
    }

    pub(super) fn len(&self) -> usize {
        self.offsets.len() - 1
    }

    /// Bytes of text in the array's span.
    pub(super) fn data_len(&self) -> usize {
        self.offsets[self.len()] - self.offsets[0]
    }

    pub(super) fn missing(&self) -> &str {
        &self.missing
    }

    fn is_valid(&self, i: usize) -> bool {
        self.validity.as_ref().map_or(true, |(bits, offset)| {
            let bits = bits.as_slice().unwrap_or(&[]);
            bits[(offset + i) / 8] >> ((offset + i) % 8) & 1 == 1
        })
    }

    pub(super) fn first_missing(&self) -> Option<usize> {
        (0..self.len()).find(|&i| !self.is_valid(i))
    }

    /// The UTF-8 of document `i`, None when it is missing.
    pub(super) fn bytes(&self, i: usize) -> Option<&[u8]> {
        let data = self.data.as_slice().ok()?;
        self.is_valid(i)
            .then(|| &data[self.offsets[i]..self.offsets[i + 1]])
    }

    pub(super) fn texts(&self) -> Vec<Option<Text<'_>>> {
        (0..self.len())
            .map(|i| self.bytes(i).map(Text::Utf8))
            .collect()
    }
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

/// A new Arrow array's buffers: UTF-8 data, `len + 1` offsets, and a validity bitmap (None when
/// nothing is missing) with its count of missing values.
pub(super) type ArrowOut<'py> = (
    Bound<'py, PyArray1<u8>>,
    Bound<'py, PyArray1<i64>>,
    Option<Bound<'py, PyArray1<u8>>>,
    usize,
);

/// The buffers of a `large_string` array being written, one document after another.
pub(super) struct ArrowOutput {
    data: Vec<u8>,
    offsets: Vec<i64>,
    validity: Vec<u8>,
    nulls: usize,
}

impl ArrowOutput {
    /// Room for `length` documents and `bytes` bytes (the input's size: normalizing and
    /// stemming rarely make text longer).
    pub(super) fn new(length: usize, bytes: usize) -> Self {
        let mut offsets = Vec::with_capacity(length + 1);
        offsets.push(0);
        ArrowOutput {
            data: Vec::with_capacity(bytes),
            offsets,
            validity: vec![0; length.div_ceil(8)],
            nulls: 0,
        }
    }

    fn close(&mut self, valid: bool) {
        let i = self.offsets.len() - 1;
        if valid {
            self.validity[i / 8] |= 1 << (i % 8);
        } else {
            self.nulls += 1;
        }
        // A Vec never holds more than isize::MAX bytes.
        self.offsets.push(self.data.len() as i64);
    }

    pub(super) fn push_bytes(&mut self, bytes: &[u8]) {
        self.data.extend_from_slice(bytes);
        self.close(true);
    }

    pub(super) fn push_missing(&mut self) {
        self.close(false);
    }

    pub(super) fn into_py(self, py: Python<'_>) -> PyResult<ArrowOut<'_>> {
        let validity = (self.nulls > 0).then(|| PyArray1::from_vec(py, self.validity));
        Ok((
            PyArray1::from_vec(py, self.data),
            PyArray1::from_vec(py, self.offsets),
            validity,
            self.nulls,
        ))
    }
}
