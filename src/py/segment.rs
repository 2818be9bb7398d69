//! Bindings for clitic segmentation (`kalima._kalima.Segmenter`).

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::PyList;

use super::batch::{self, Input, Pieces, Run};
use crate::segment::{render, segment, Kind, Piece};
use crate::tokenize::decode;

#[pyclass(frozen, module = "kalima._kalima", name = "Segmenter")]
pub(super) struct PySegmenter {
    min_stem: usize,
}

impl PySegmenter {
    /// Word in, pieces out (the word itself when it is not split).
    fn op(&self) -> impl Fn(&[u32]) -> Pieces + Sync + '_ {
        |units| {
            let chars: Vec<char> = decode(units).collect();
            let split = segment(&chars, self.min_stem);
            let unsplit = matches!(split[..], [Piece { kind: Kind::Stem, start: 0, end }] if end == chars.len());
            // A word with a lone surrogate (only under errors="replace") is rendered with U+FFFD.
            if unsplit
                && chars
                    .iter()
                    .map(|&c| u32::from(c))
                    .eq(units.iter().copied())
            {
                return Pieces::whole(units);
            }
            let mut pieces = Pieces::default();
            for piece in split {
                pieces.push(render(&chars, piece).chars().map(u32::from));
            }
            pieces
        }
    }
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
    fn segment<'py>(&self, word: &Bound<'py, PyAny>, errors: &str) -> PyResult<Bound<'py, PyList>> {
        batch::pieces_one(word, ("word", "segment_batch"), errors, &self.op())
    }

    /// Segment every word of a list, a tuple or an `ArrowStrings`: a list of pieces per word.
    #[pyo3(signature = (words, n_jobs = None, errors = "raise", progress = None, first = 0))]
    fn segment_batch<'py>(
        &self,
        words: &Bound<'py, PyAny>,
        n_jobs: Option<i64>,
        errors: &str,
        progress: Option<Bound<'py, PyAny>>,
        first: usize,
    ) -> PyResult<Bound<'py, PyList>> {
        let run = Run::new(words.py(), n_jobs, progress.as_ref())?;
        let input = Input::read(words)?;
        let docs = input.docs("words", first, batch::Errors::parse(errors, true)?)?;
        batch::pieces_batch(&input, &docs, &run, &self.op())
    }
}

pub(super) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PySegmenter>()
}
