//! Bindings of the stemmers (`kalima._kalima.Stemmer`).

use std::cell::RefCell;

use pyo3::prelude::*;

use super::batch::{self, Run, TextOut};
use super::choose;
use crate::stem::Method;
use crate::tokenize::decode;

thread_local! {
    /// The word being stemmed on this thread: one buffer for every word, not one each.
    static WORD: RefCell<Vec<char>> = const { RefCell::new(Vec::new()) };
}

#[pyclass(frozen, module = "kalima._kalima", name = "Stemmer")]
pub(super) struct PyStemmer {
    method: Method,
}

impl PyStemmer {
    /// The stemmer as a batch op: None for a word that is its own stem. Lone surrogates
    /// (allowed only under errors="replace") become U+FFFD.
    fn op(&self) -> impl Fn(&[u32]) -> TextOut + Sync + '_ {
        |units| {
            WORD.with_borrow_mut(|word| {
                word.clear();
                word.extend(decode(units));
                self.method.stem_in_place(word);
                let stem = word.iter().map(|&c| u32::from(c));
                (!stem.clone().eq(units.iter().copied())).then(|| stem.collect())
            })
        }
    }
}

#[pymethods]
impl PyStemmer {
    #[new]
    fn new(method: &str) -> PyResult<Self> {
        let method = choose("stemming method", method, &Method::ALL, Method::name)?;
        Ok(PyStemmer { method })
    }

    #[getter]
    fn method(&self) -> &'static str {
        self.method.name()
    }

    #[pyo3(signature = (word, errors = "raise"))]
    fn stem<'py>(&self, word: &Bound<'py, PyAny>, errors: &str) -> PyResult<Bound<'py, PyAny>> {
        batch::text_one(word, ("word", "stem_batch"), errors, &self.op())
    }

    /// Stem every word of a list, a tuple or an `ArrowStrings` (then the result is Arrow
    /// buffers), each distinct word once; equal stems are one str object, and so are equal
    /// words that are their own stems.
    #[pyo3(signature = (words, n_jobs = None, errors = "raise", progress = None, first = 0))]
    fn stem_batch<'py>(
        &self,
        words: &Bound<'py, PyAny>,
        n_jobs: Option<i64>,
        errors: &str,
        progress: Option<Bound<'py, PyAny>>,
        first: usize,
    ) -> PyResult<Bound<'py, PyAny>> {
        let run = Run::new(words.py(), n_jobs, progress.as_ref())?;
        let errors = batch::Errors::parse(errors, true)?;
        batch::distinct_text_batch(words, ("words", first, errors), &run, &self.op())
    }
}
