//! Bindings of the normalizer (`kalima._kalima.Normalizer`).

use std::borrow::Cow;

use pyo3::prelude::*;
use pyo3::types::PyDict;

use super::batch::{self, Input, Run, TextOut};
use super::options;
use crate::normalize::{Change, Normalizer, Ucs4Output};
use crate::tokenize::decode;

#[pyclass(frozen, module = "kalima._kalima", name = "Normalizer")]
pub(super) struct PyNormalizer {
    pub(super) inner: Normalizer,
}

impl PyNormalizer {
    /// The normalizer as a batch op: None for unchanged text.
    fn op(&self) -> impl Fn(&[u32]) -> TextOut + Sync + '_ {
        |units| match self.inner.normalize_ucs4(units) {
            Ucs4Output::Unchanged => None,
            Ucs4Output::Slice(range) => Some(units[range].to_vec()),
            Ucs4Output::Owned(out) => Some(out),
        }
    }
}

#[pymethods]
impl PyNormalizer {
    #[new]
    #[pyo3(signature = (preset, overrides))]
    fn new(preset: &str, overrides: &Bound<'_, PyDict>) -> PyResult<Self> {
        Ok(PyNormalizer {
            inner: Normalizer::new(options::resolve(preset, overrides)?),
        })
    }

    /// The resolved options, with the public names and values.
    fn options<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        options::to_dict(py, self.inner.options())
    }

    #[pyo3(signature = (text, errors = "raise"))]
    fn normalize<'py>(
        &self,
        text: &Bound<'py, PyAny>,
        errors: &str,
    ) -> PyResult<Bound<'py, PyAny>> {
        batch::text_one(text, ("text", "normalize_batch"), errors, &self.op())
    }

    /// Normalize every document of a list, a tuple or an `ArrowStrings` (then the result is
    /// Arrow buffers). `first` is the position of the first document in the caller's batch.
    #[pyo3(signature = (texts, n_jobs = None, errors = "raise", progress = None, first = 0))]
    fn normalize_batch<'py>(
        &self,
        texts: &Bound<'py, PyAny>,
        n_jobs: Option<i64>,
        errors: &str,
        progress: Option<Bound<'py, PyAny>>,
        first: usize,
    ) -> PyResult<Bound<'py, PyAny>> {
        let run = Run::new(texts.py(), n_jobs, progress.as_ref())?;
        let input = Input::read(texts)?;
        let docs = input.docs("texts", first, batch::Errors::parse(errors, true)?)?;
        // A borrowed result can be a part of the text (trimmed white space, an invisible
        // character dropped at an end): unchanged only when it is all of it.
        let utf8 = |text: &str| match self.inner.normalize(text) {
            Cow::Borrowed(out) if out.len() == text.len() => None,
            out => Some(out.into_owned().into_bytes()),
        };
        batch::text_batch(&input, &docs, &run, (&self.op(), Some(&utf8)), false)
    }

    /// `(normalized, [(orig_start, orig_end, norm_start, norm_end, [rule, ...]), ...])`.
    #[pyo3(signature = (text, errors = "raise"))]
    #[allow(clippy::type_complexity)]
    fn explain(
        &self,
        text: &Bound<'_, PyAny>,
        errors: &str,
    ) -> PyResult<(String, Vec<(usize, usize, usize, usize, Vec<&'static str>)>)> {
        let units = batch::read_one(text, "text", "kalima.explain", errors)?;
        let chars: String = decode(&units).collect();
        let (normalized, changes) = self.inner.explain(&chars);
        let changes = changes.iter().map(Change::as_tuple).collect();
        Ok((normalized, changes))
    }
}
