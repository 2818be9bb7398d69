//! Bindings for clitic segmentation (`kalima._kalima.Segmenter`).

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyList, PyString};

use super::{decode, map_batch, map_one, DocOp};
use crate::segment::{render, segment, Kind, Piece};

/// Word in, pieces out: a list of str, the word itself when it is not split.
struct SegmentOp(usize);

impl DocOp for SegmentOp {
    type Out = Vec<Piece>;
    fn run(&self, units: &[u32]) -> Vec<Piece> {
        let chars: Vec<char> = decode(units).collect();
        segment(&chars, self.0)
    }
    fn write<'py>(
        &self,
        original: Bound<'py, PyAny>,
        units: &[u32],
        pieces: Vec<Piece>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let py = original.py();
        let whole =
            matches!(pieces[..], [Piece { kind: Kind::Stem, start: 0, end }] if end == units.len());
        if whole && !units.iter().any(|&u| char::from_u32(u).is_none()) {
            return Ok(PyList::new(py, [original])?.into_any());
        }
        let chars: Vec<char> = decode(units).collect();
        let pieces = pieces
            .into_iter()
            .map(|p| PyString::new(py, &render(&chars, p)));
        Ok(PyList::new(py, pieces)?.into_any())
    }
    fn empty<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Ok(PyList::empty(py).into_any())
    }
}

#[pyclass(frozen, module = "kalima._kalima", name = "Segmenter")]
struct PySegmenter {
    min_stem: usize,
}

#[pymethods]
impl PySegmenter {
    #[new]
    fn new(min_stem: usize) -> PyResult<Self> {
        if min_stem == 0 {
            return Err(PyValueError::new_err("min_stem must be at least 1; got 0"));
        }
        Ok(PySegmenter { min_stem })
    }

    #[getter]
    fn min_stem(&self) -> usize {
        self.min_stem
    }

    #[pyo3(signature = (word, errors = "raise"))]
    fn segment<'py>(&self, word: &Bound<'py, PyAny>, errors: &str) -> PyResult<Bound<'py, PyAny>> {
        map_one(word, "word", errors, &SegmentOp(self.min_stem))
    }

    /// Segment every item of a list. Items must be str, or missing values handled per `errors`.
    #[pyo3(signature = (words, n_jobs = None, errors = "raise", progress = None))]
    fn segment_batch<'py>(
        &self,
        words: &Bound<'py, PyList>,
        n_jobs: Option<i64>,
        errors: &str,
        progress: Option<Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyList>> {
        map_batch(
            words,
            "words",
            n_jobs,
            errors,
            progress.as_ref(),
            &SegmentOp(self.min_stem),
        )
    }
}

pub(super) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PySegmenter>()
}
