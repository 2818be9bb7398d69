//! Bindings of the tokenizer (`kalima._kalima.Tokenizer`).

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::PyList;

use super::batch::{self, Input, Pieces, Run};
use super::choose;
use super::normalize::PyNormalizer;
use crate::tokenize::{decode, Action, Kind, KindActions, Mode, Tokenizer};

#[pyclass(frozen, module = "kalima._kalima", name = "Tokenizer")]
pub(super) struct PyTokenizer {
    pub(super) inner: Tokenizer,
}

impl PyTokenizer {
    /// The tokenizer as a batch op: each token's code points (lone surrogates, allowed only
    /// under errors="replace", as U+FFFD), or its placeholder.
    fn op(&self) -> impl Fn(&[u32]) -> Pieces + Sync + '_ {
        |units| {
            let (analysed, tokens) = self.inner.analyse(units);
            let analysed = analysed.as_slice(units);
            let mut pieces = Pieces::with_capacity(tokens.len(), analysed.len());
            for t in tokens {
                match t.placeholder {
                    Some(p) => pieces.push_placeholder(p),
                    None => pieces.push(decode(&analysed[t.start..t.end]).map(u32::from)),
                }
            }
            pieces
        }
    }
}

#[pymethods]
impl PyTokenizer {
    #[new]
    #[pyo3(signature = (mode, normalizer, lowercase, keep_punct, urls, emails, mentions, hashtags, numbers, emoji))]
    #[allow(clippy::too_many_arguments)] // the Python wrapper passes its keywords through
    fn new(
        mode: &str,
        normalizer: Option<PyRef<'_, PyNormalizer>>,
        lowercase: bool,
        keep_punct: bool,
        urls: &str,
        emails: &str,
        mentions: &str,
        hashtags: &str,
        numbers: &str,
        emoji: &str,
    ) -> PyResult<Self> {
        let mode = choose("tokenizer mode", mode, &Mode::ALL, Mode::name)?;
        // Only hashtags split (into their words); the choices offered say so.
        let action = |kind: &str, name: &str| {
            let choices: Vec<Action> = (Action::ALL.iter().copied())
                .filter(|&a| a != Action::Split || kind == "hashtags")
                .collect();
            choose(&format!("{kind} action"), name, &choices, Action::name)
        };
        let actions = KindActions {
            urls: action("urls", urls)?,
            emails: action("emails", emails)?,
            mentions: action("mentions", mentions)?,
            hashtags: action("hashtags", hashtags)?,
            numbers: action("numbers", numbers)?,
            emoji: action("emoji", emoji)?,
            keep_punct,
        };
        let normalize = normalizer.map(|n| *n.inner.options());
        let inner =
            Tokenizer::new(mode, actions, normalize, lowercase).map_err(PyValueError::new_err)?;
        Ok(PyTokenizer { inner })
    }

    #[pyo3(signature = (text, errors = "raise"))]
    fn tokenize<'py>(
        &self,
        text: &Bound<'py, PyAny>,
        errors: &str,
    ) -> PyResult<Bound<'py, PyList>> {
        batch::pieces_one(text, ("text", "tokenize_batch"), errors, &self.op())
    }

    /// `[(token, start, end), ...]` with character offsets into `text`.
    #[pyo3(signature = (text, errors = "raise"))]
    fn tokenize_with_offsets(
        &self,
        text: &Bound<'_, PyAny>,
        errors: &str,
    ) -> PyResult<Vec<(String, usize, usize)>> {
        let units = batch::read_one(text, "text", "", errors)?;
        let text: String = decode(&units).collect();
        Ok(self.inner.tokens_with_offsets(&text))
    }

    /// Tokenize every document of a list, a tuple or an `ArrowStrings`: a list of tokens per
    /// document, every distinct token one str object.
    #[pyo3(signature = (texts, n_jobs = None, errors = "raise", progress = None, first = 0))]
    fn tokenize_batch<'py>(
        &self,
        texts: &Bound<'py, PyAny>,
        n_jobs: Option<i64>,
        errors: &str,
        progress: Option<Bound<'py, PyAny>>,
        first: usize,
    ) -> PyResult<Bound<'py, PyList>> {
        let run = Run::new(texts.py(), n_jobs, progress.as_ref())?;
        let input = Input::read(texts)?;
        let docs = input.docs("texts", first, batch::Errors::parse(errors, true)?)?;
        batch::pieces_batch(&input, &docs, &run, &self.op())
    }
}

/// Names of the tokenizer modes.
#[pyfunction]
pub(super) fn tokenizer_modes() -> Vec<&'static str> {
    Mode::ALL.iter().map(|m| m.name()).collect()
}

/// The token each kind becomes under `"placeholder"` (`<URL>`, `<USER>`, …).
#[pyfunction]
pub(super) fn placeholders() -> Vec<&'static str> {
    Kind::ALL.iter().map(|k| k.placeholder()).collect()
}
