//! Bindings of the stemmers (`kalima._kalima.Stemmer`).

use std::cell::RefCell;

use pyo3::prelude::*;
use rustc_hash::FxHashMap;

use super::batch::{self, Input, Run, TextOut};
use super::choose;
use crate::stem::Method;
use crate::tokenize::decode;

#[pyclass(frozen, module = "kalima._kalima", name = "Stemmer")]
pub(super) struct PyStemmer {
    method: Method,
}

/// Words a thread remembers stems of: running text repeats its words (a tenth of ant_news'
/// tokens are distinct), and a lookup costs a fraction of stemming.
const REMEMBERED: usize = 1 << 16;

/// Words and their stems (None: the word itself) under one method.
type Stems = (Option<Method>, FxHashMap<Box<[u32]>, TextOut>);

thread_local! {
    /// The stems this thread computed last; emptied when full.
    static STEMS: RefCell<Stems> = RefCell::new((None, FxHashMap::default()));
}

impl PyStemmer {
    /// The stemmer as a batch op: None for a word that is its own stem. Lone surrogates
    /// (allowed only under errors="replace") become U+FFFD.
    fn op(&self) -> impl Fn(&[u32]) -> TextOut + Sync + '_ {
        |units| {
            STEMS.with_borrow_mut(|(method, stems)| {
                if *method != Some(self.method) || stems.len() >= REMEMBERED {
                    *method = Some(self.method);
                    stems.clear();
                }
                if let Some(stem) = stems.get(units) {
                    return stem.clone();
                }
                let stem = stem_units(self.method, units);
                stems.insert(units.into(), stem.clone());
                stem
            })
        }
    }
}

fn stem_units(method: Method, units: &[u32]) -> TextOut {
    let mut word: Vec<char> = decode(units).collect();
    method.stem_in_place(&mut word);
    let stem = word.iter().map(|&c| u32::from(c));
    (!stem.clone().eq(units.iter().copied())).then(|| stem.collect())
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
        batch::text_one(word, "word", errors, &self.op())
    }

    /// Stem every word of a list, a tuple or an `ArrowStrings` (then the result is Arrow
    /// buffers); equal stems are one str object.
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
        let input = Input::read(words)?;
        let docs = input.docs("words", first, batch::Errors::parse(errors, true)?)?;
        batch::text_batch(&input, &docs, &run, (&self.op(), None), true)
    }
}
