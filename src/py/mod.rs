//! Python bindings (`kalima._kalima`). Thin: convert, release the GIL, call the core, convert back.
//!
//! Strings cross the boundary as UCS-4 code points (`PyUnicode_AsUCS4` in, `PyUnicode_FromWideChar`
//! or `PyUnicode_DecodeUTF32` out, all in the limited API). That skips UTF-8 encoding and decoding,
//! which would cost more than the normalization itself, and gives Python's own character offsets.

mod arrow;
mod options;
mod segment;
mod vectorize;

use numpy::PyReadonlyArray1;
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::ffi;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyFloat, PyList, PyString};

use crate::normalize::{first_surrogate, Change, Normalizer, Preset, Ucs4Output};
use crate::parallel;
use crate::stem::Method;
use crate::tokenize::{decode, Action, KindActions, Mode, Token, Tokenizer};
use rayon::prelude::*;
use std::borrow::Cow;
use std::sync::Arc;

/// Code points per chunk of a batch: bounds the memory held at once, lets other Python threads
/// run between chunks, and is fine-grained enough for reading, normalizing and writing to overlap.
const CHUNK_CODE_POINTS: usize = 1 << 20;

/// Part of a batch, read out of its str objects: the code points of every document back to
/// back, and each document's span (None for a missing value).
struct Chunk {
    /// The batch's parameter name, for error messages.
    name: &'static str,
    start: usize,
    end: usize,
    units: Vec<u32>,
    spans: Vec<Option<(usize, usize)>>,
}

/// A lone surrogate found in a document: document index, offset, code unit.
type Surrogate = (usize, usize, u32);

/// What a batch does to each document: `run` on its code points without the GIL (on worker
/// threads), then `write` the result as a Python object with the GIL.
trait DocOp: Sync {
    type Out: Send;
    fn run(&self, units: &[u32]) -> Self::Out;
    /// The Python result for `original`, whose code points are `units`.
    fn write<'py>(
        &self,
        original: Bound<'py, PyAny>,
        units: &[u32],
        out: Self::Out,
    ) -> PyResult<Bound<'py, PyAny>>;
    /// The result for a missing document under `errors="empty"`.
    fn empty<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>>;
}

/// Text in, text out (normalizing, stemming): unchanged text is the input object itself.
struct TextOp<F>(F);

impl<F: Fn(&[u32]) -> Ucs4Output + Sync> DocOp for TextOp<F> {
    type Out = Ucs4Output;
    fn run(&self, units: &[u32]) -> Ucs4Output {
        (self.0)(units)
    }
    fn write<'py>(
        &self,
        original: Bound<'py, PyAny>,
        units: &[u32],
        out: Ucs4Output,
    ) -> PyResult<Bound<'py, PyAny>> {
        match out {
            Ucs4Output::Unchanged => Ok(original),
            out => Ok(ucs4_to_py(original.py(), out.as_slice(units))?.into_any()),
        }
    }
    fn empty<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Ok(PyString::new(py, "").into_any())
    }
}

/// Text in, tokens out. A token of unchanged text is a substring of the input object (no
/// re-encoding); others are built from the normalized code points, or are a placeholder.
struct TokenOp<'a>(&'a Tokenizer);

impl DocOp for TokenOp<'_> {
    type Out = (Ucs4Output, Vec<Token>);
    fn run(&self, units: &[u32]) -> Self::Out {
        self.0.analyse(units)
    }
    fn write<'py>(
        &self,
        original: Bound<'py, PyAny>,
        units: &[u32],
        (analysed, tokens): Self::Out,
    ) -> PyResult<Bound<'py, PyAny>> {
        let py = original.py();
        let text = original.cast::<PyString>()?;
        // Lone surrogates get this far only under errors="replace": then no token may carry
        // one, so tokens are built from the code points with U+FFFD in their place.
        let substrings =
            matches!(analysed, Ucs4Output::Unchanged) && first_surrogate(units).is_none();
        let analysed = analysed.as_slice(units);
        let tokens: Vec<Bound<'py, PyAny>> = tokens
            .into_iter()
            .map(|t| match t.placeholder {
                Some(p) => Ok(PyString::intern(py, p).into_any()),
                None if substrings => substring(text, t.start, t.end),
                None => {
                    let token: Vec<u32> =
                        decode(&analysed[t.start..t.end]).map(u32::from).collect();
                    Ok(ucs4_to_py(py, &token)?.into_any())
                }
            })
            .collect::<PyResult<_>>()?;
        Ok(PyList::new(py, tokens)?.into_any())
    }
    fn empty<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Ok(PyList::empty(py).into_any())
    }
}

/// `text[start:end]` in characters, as a new str (no re-encoding).
fn substring<'py>(
    text: &Bound<'py, PyString>,
    start: usize,
    end: usize,
) -> PyResult<Bound<'py, PyAny>> {
    let (start, end) = (
        ffi::Py_ssize_t::try_from(start).map_err(|_| PyValueError::new_err("text too long"))?,
        ffi::Py_ssize_t::try_from(end).map_err(|_| PyValueError::new_err("text too long"))?,
    );
    // SAFETY: `text` is a live str; PyUnicode_Substring returns a new reference or NULL with an
    // exception set, and clamps out-of-range offsets.
    unsafe {
        Bound::from_owned_ptr_or_err(
            text.py(),
            ffi::PyUnicode_Substring(text.as_ptr(), start, end),
        )
    }
}

impl Chunk {
    /// Reads documents from `start` until the chunk is full (GIL held). Also returns the objects
    /// read, so results pair with them even if another thread changes the list meanwhile.
    /// `units` is a buffer to fill (a finished chunk's, so fresh memory is not faulted in for
    /// every chunk); the chunk ends once it holds `limit` code points.
    fn read<'py>(
        texts: &Bound<'py, PyList>,
        name: &'static str,
        start: usize,
        errors: Errors,
        mut units: Vec<u32>,
        limit: usize,
    ) -> PyResult<(Chunk, Vec<Bound<'py, PyAny>>)> {
        units.clear();
        let n = texts.len();
        let mut originals = Vec::new();
        let mut chunk = Chunk {
            name,
            start,
            end: start,
            units,
            spans: Vec::new(),
        };
        while chunk.end < n && (chunk.units.len() < limit || chunk.end == start) {
            let item = texts.get_item(chunk.end)?;
            if let Ok(s) = item.cast::<PyString>() {
                let from = chunk.units.len();
                read_ucs4(s, &mut chunk.units)?;
                chunk.spans.push(Some((from, chunk.units.len())));
            } else if is_missing(&item)? {
                if errors == Errors::Raise || errors == Errors::Replace {
                    return Err(PyTypeError::new_err(format!(
                        "{name}[{}] is {}; expected str (pass errors='keep' or errors='empty' to allow missing values)",
                        chunk.end,
                        missing_repr(&item)
                    )));
                }
                chunk.spans.push(None);
            } else {
                let hint = if item.is_instance_of::<PyBytes>() {
                    " (decode bytes first, e.g. with .decode('utf-8'))"
                } else {
                    ""
                };
                return Err(PyTypeError::new_err(format!(
                    "{name}[{}] is {}; expected str{hint}",
                    chunk.end,
                    type_name(&item)
                )));
            }
            originals.push(item);
            chunk.end += 1;
        }
        Ok((chunk, originals))
    }

    /// Applies `f` to every document (no Python here); on `pool` when given.
    fn map<O: DocOp>(
        &self,
        op: &O,
        errors: Errors,
        pool: Option<&rayon::ThreadPool>,
    ) -> PyResult<Vec<Option<O::Out>>> {
        let one =
            |(i, span): (usize, &Option<(usize, usize)>)| -> Result<Option<O::Out>, Surrogate> {
                let Some((a, b)) = *span else {
                    return Ok(None);
                };
                let units = &self.units[a..b];
                if errors != Errors::Replace {
                    if let Some(at) = first_surrogate(units) {
                        return Err((self.start + i, at, units[at]));
                    }
                }
                Ok(Some(op.run(units)))
            };
        let results: Result<Vec<_>, Surrogate> = match pool {
            Some(pool) => pool.install(|| self.spans.par_iter().enumerate().map(one).collect()),
            None => self.spans.iter().enumerate().map(one).collect(),
        };
        let name = self.name;
        results.map_err(|(doc, at, unit)| {
            PyValueError::new_err(format!(
                "{name}[{doc}] has a lone surrogate U+{unit:04X} at index {at}; pass errors='replace' to replace it with U+FFFD"
            ))
        })
    }

    /// Appends the results to `out` (GIL held); missing documents stay as they are, or become
    /// the operation's empty value under `errors="empty"`.
    fn write<'py, O: DocOp>(
        &self,
        op: &O,
        originals: Vec<Bound<'py, PyAny>>,
        results: Vec<Option<O::Out>>,
        errors: Errors,
        out: &Bound<'py, PyList>,
    ) -> PyResult<()> {
        for ((span, result), original) in self.spans.iter().zip(results).zip(originals) {
            let value = match (span, result) {
                (Some((a, b)), Some(r)) => op.write(original, &self.units[*a..*b], r)?,
                _ if errors == Errors::Empty => op.empty(out.py())?,
                _ => original,
            };
            out.append(value)?;
        }
        Ok(())
    }
}

/// What a batch does with a missing document (None, NaN, pd.NA) and with lone surrogates.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Errors {
    Raise,
    Keep,
    Empty,
    Replace,
}

impl Errors {
    fn parse(s: &str) -> PyResult<Self> {
        Ok(match s {
            "raise" => Errors::Raise,
            "keep" => Errors::Keep,
            "empty" => Errors::Empty,
            "replace" => Errors::Replace,
            _ => {
                return Err(PyValueError::new_err(format!(
                    "errors must be 'raise', 'keep', 'empty' or 'replace'; got '{s}'"
                )))
            }
        })
    }
}

#[pyclass(frozen, module = "kalima._kalima", name = "Stemmer")]
struct PyStemmer {
    method: Method,
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
        map_one(
            word,
            "word",
            errors,
            &TextOp(|units: &[u32]| stem_ucs4(self.method, units)),
        )
    }

    /// Stem every item of a list. Items must be str, or missing values handled per `errors`.
    #[pyo3(signature = (words, n_jobs = None, errors = "raise", progress = None))]
    fn stem_batch<'py>(
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
            &TextOp(|units: &[u32]| stem_ucs4(self.method, units)),
        )
    }

    /// Stem an Arrow string array given as its buffers, as `Normalizer.normalize_arrow` does.
    #[pyo3(signature = (validity, offsets, data, offset, length, first, n_jobs, errors, missing, progress = None))]
    #[allow(clippy::too_many_arguments)] // an Arrow array's buffers and a batch's options
    fn stem_arrow<'py>(
        &self,
        py: Python<'py>,
        validity: Option<PyReadonlyArray1<'py, u8>>,
        offsets: &Bound<'py, PyAny>,
        data: PyReadonlyArray1<'py, u8>,
        offset: usize,
        length: usize,
        first: usize,
        n_jobs: Option<i64>,
        errors: &str,
        missing: &str,
        progress: Option<Bound<'py, PyAny>>,
    ) -> PyResult<arrow::ArrowOut<'py>> {
        arrow::map_arrow(
            py,
            "words",
            validity,
            offsets,
            data,
            (offset, length, first),
            (n_jobs, errors, missing),
            progress.as_ref(),
            |word| Cow::Owned(self.method.stem(word)),
        )
    }
}

/// Stems code points (lone surrogates, allowed only under errors="replace", become U+FFFD).
fn stem_ucs4(method: Method, units: &[u32]) -> Ucs4Output {
    let mut word: Vec<char> = decode(units).collect();
    method.stem_in_place(&mut word);
    if word.iter().map(|&c| u32::from(c)).eq(units.iter().copied()) {
        Ucs4Output::Unchanged
    } else {
        Ucs4Output::Owned(word.into_iter().map(u32::from).collect())
    }
}

#[pyclass(frozen, module = "kalima._kalima", name = "Tokenizer")]
struct PyTokenizer {
    inner: Tokenizer,
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
        let action = |kind: &str, name: &str| {
            choose(&format!("{kind} action"), name, &Action::ALL, Action::name)
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
    fn tokenize<'py>(&self, text: &Bound<'py, PyAny>, errors: &str) -> PyResult<Bound<'py, PyAny>> {
        map_one(text, "text", errors, &TokenOp(&self.inner))
    }

    /// `[(token, start, end), ...]` with character offsets into `text`.
    #[pyo3(signature = (text, errors = "raise"))]
    fn tokenize_with_offsets(
        &self,
        text: &Bound<'_, PyAny>,
        errors: &str,
    ) -> PyResult<Vec<(String, usize, usize)>> {
        let (_, units) = read_text(text, "text", errors)?;
        let text: String = decode(&units).collect();
        Ok(self.inner.tokens_with_offsets(&text))
    }

    /// Tokenize every item of a list. Items must be str, or missing values handled per `errors`.
    #[pyo3(signature = (texts, n_jobs = None, errors = "raise", progress = None))]
    fn tokenize_batch<'py>(
        &self,
        texts: &Bound<'py, PyList>,
        n_jobs: Option<i64>,
        errors: &str,
        progress: Option<Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyList>> {
        map_batch(
            texts,
            "texts",
            n_jobs,
            errors,
            progress.as_ref(),
            &TokenOp(&self.inner),
        )
    }
}

/// Names of the tokenizer modes.
#[pyfunction]
fn tokenizer_modes() -> Vec<&'static str> {
    Mode::ALL.iter().map(|m| m.name()).collect()
}

#[pyclass(frozen, module = "kalima._kalima", name = "Normalizer")]
struct PyNormalizer {
    inner: Normalizer,
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
        map_one(
            text,
            "text",
            errors,
            &TextOp(|units: &[u32]| self.inner.normalize_ucs4(units)),
        )
    }

    /// Normalize every item of a list. Items must be str, or missing values handled per `errors`.
    #[pyo3(signature = (texts, n_jobs = None, errors = "raise", progress = None))]
    fn normalize_batch<'py>(
        &self,
        texts: &Bound<'py, PyList>,
        n_jobs: Option<i64>,
        errors: &str,
        progress: Option<Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyList>> {
        map_batch(
            texts,
            "texts",
            n_jobs,
            errors,
            progress.as_ref(),
            &TextOp(|units: &[u32]| self.inner.normalize_ucs4(units)),
        )
    }

    /// Normalize an Arrow string array given as its buffers (see `arrow.rs`): `(data, offsets,
    /// validity or None, null count)` of the normalized `large_string` array.
    #[pyo3(signature = (validity, offsets, data, offset, length, first, n_jobs, errors, missing, progress = None))]
    #[allow(clippy::too_many_arguments)] // an Arrow array's buffers and a batch's options
    fn normalize_arrow<'py>(
        &self,
        py: Python<'py>,
        validity: Option<PyReadonlyArray1<'py, u8>>,
        offsets: &Bound<'py, PyAny>,
        data: PyReadonlyArray1<'py, u8>,
        offset: usize,
        length: usize,
        first: usize,
        n_jobs: Option<i64>,
        errors: &str,
        missing: &str,
        progress: Option<Bound<'py, PyAny>>,
    ) -> PyResult<arrow::ArrowOut<'py>> {
        arrow::map_arrow(
            py,
            "texts",
            validity,
            offsets,
            data,
            (offset, length, first),
            (n_jobs, errors, missing),
            progress.as_ref(),
            |text| self.inner.normalize(text),
        )
    }

    /// `(normalized, [(orig_start, orig_end, norm_start, norm_end, [rule, ...]), ...])`.
    #[pyo3(signature = (text, errors = "raise"))]
    #[allow(clippy::type_complexity)]
    fn explain(
        &self,
        text: &Bound<'_, PyAny>,
        errors: &str,
    ) -> PyResult<(String, Vec<(usize, usize, usize, usize, Vec<&'static str>)>)> {
        let (_, units) = read_text(text, "text", errors)?;
        let chars: String = decode(&units).collect();
        let (normalized, changes) = self.inner.explain(&chars);
        let changes = changes.iter().map(Change::as_tuple).collect();
        Ok((normalized, changes))
    }
}

/// Applies `f` to one str (`what` names it in errors); an unchanged result is the same object.
fn map_one<'py, O: DocOp>(
    text: &Bound<'py, PyAny>,
    what: &str,
    errors: &str,
    op: &O,
) -> PyResult<Bound<'py, PyAny>> {
    let (_, units) = read_text(text, what, errors)?;
    let out = op.run(&units);
    op.write(text.clone(), &units, out)
}

/// The code points of `text` (`what` names it in errors), or a `TypeError` when it is not a
/// str, or a `ValueError` for a lone surrogate unless `errors="replace"`.
fn read_text<'a, 'py>(
    text: &'a Bound<'py, PyAny>,
    what: &str,
    errors: &str,
) -> PyResult<(&'a Bound<'py, PyString>, Vec<u32>)> {
    let errors = Errors::parse(errors)?;
    let Ok(s) = text.cast::<PyString>() else {
        return Err(PyTypeError::new_err(format!(
            "{what} must be str, not {}",
            type_name(text)
        )));
    };
    let mut units = Vec::new();
    read_ucs4(s, &mut units)?;
    check_surrogates(&units, errors, what)?;
    Ok((s, units))
}

/// Applies `f` to every str of a list (missing values handled per `errors`), releasing the GIL.
///
/// The list is cut into chunks. With more than one thread, reading chunk k+1 out of its str
/// objects and building the str results of chunk k-1 (both need the GIL) overlap with the work on
/// chunk k on the worker threads (which never touch Python). After each chunk is written,
/// `progress` (when given) hears how many documents it held, and a pending Ctrl-C stops the
/// batch with `KeyboardInterrupt`.
fn map_batch<'py, O: DocOp>(
    texts: &Bound<'py, PyList>,
    name: &'static str,
    n_jobs: Option<i64>,
    errors: &str,
    progress: Option<&Bound<'py, PyAny>>,
    op: &O,
) -> PyResult<Bound<'py, PyList>> {
    let py = texts.py();
    let errors = Errors::parse(errors)?;
    let threads = parallel::threads_for(n_jobs).ok_or_else(|| {
        PyValueError::new_err("n_jobs == 0 has no meaning; use None, a positive int or -1")
    })?;
    let out = PyList::empty(py);
    let Some(pool) = parallel::pool(threads) else {
        let (mut start, mut buffer) = (0, Vec::new());
        while start < texts.len() {
            let (chunk, originals) =
                Chunk::read(texts, name, start, errors, buffer, CHUNK_CODE_POINTS)?;
            let results = py.detach(|| chunk.map(op, errors, None));
            chunk.write(op, originals, results?, errors, &out)?;
            between_chunks(py, progress, chunk.end - chunk.start)?;
            start = chunk.end;
            buffer = chunk.units;
        }
        return Ok(out);
    };
    std::thread::scope(|scope| -> PyResult<()> {
        let spawn = |chunk: &Arc<Chunk>| {
            let chunk = Arc::clone(chunk);
            let pool = &pool;
            scope.spawn(move || chunk.map(op, errors, Some(pool)))
        };
        // On an error while a worker runs, wait for it without the GIL before raising: the
        // scope would otherwise join it with the GIL held, stalling every other Python thread.
        let join = |job: std::thread::ScopedJoinHandle<'_, _>| {
            py.detach(|| job.join())
                .map_err(|_| PyValueError::new_err("a kalima worker thread failed"))
        };
        let (first, mut originals) =
            Chunk::read(texts, name, 0, errors, Vec::new(), CHUNK_CODE_POINTS)?;
        let mut chunk = Arc::new(first);
        let mut job = spawn(&chunk);
        let mut spare = Vec::new();
        loop {
            let following = if chunk.end < texts.len() {
                let read = Chunk::read(
                    texts,
                    name,
                    chunk.end,
                    errors,
                    std::mem::take(&mut spare),
                    CHUNK_CODE_POINTS,
                );
                match read {
                    Ok((next, next_originals)) => Some((Arc::new(next), next_originals)),
                    Err(e) => {
                        // The worker's own result is moot: this error comes first.
                        let _ = join(job);
                        return Err(e);
                    }
                }
            } else {
                None
            };
            let results = join(job)?;
            let Some((next, next_originals)) = following else {
                chunk.write(op, originals, results?, errors, &out)?;
                return between_chunks(py, progress, chunk.end - chunk.start);
            };
            job = spawn(&next);
            let written = results
                .and_then(|results| chunk.write(op, originals, results, errors, &out))
                .and_then(|()| between_chunks(py, progress, chunk.end - chunk.start));
            if let Err(e) = written {
                let _ = join(job);
                return Err(e);
            }
            // The worker has dropped its handle on `chunk`: reuse its buffer.
            if let Ok(done) = Arc::try_unwrap(std::mem::replace(&mut chunk, next)) {
                spare = done.units;
            }
            originals = next_originals;
        }
    })?;
    Ok(out)
}

/// Between two chunks of a batch (GIL held): tells `progress` that `done` more documents are
/// finished, then raises `KeyboardInterrupt` if Ctrl-C was pressed meanwhile (Python only
/// notices signals when it runs bytecode, which it does not while a batch runs).
fn between_chunks(
    py: Python<'_>,
    progress: Option<&Bound<'_, PyAny>>,
    done: usize,
) -> PyResult<()> {
    if let Some(progress) = progress {
        progress.call1((done,))?;
    }
    py.check_signals()
}

/// The resolved options of a preset, as a dict.
#[pyfunction]
fn preset_options<'py>(py: Python<'py>, name: &str) -> PyResult<Bound<'py, PyDict>> {
    options::to_dict(py, &options::preset(name)?.options())
}

/// Names of the stemming methods.
#[pyfunction]
fn stemmer_names() -> Vec<&'static str> {
    Method::ALL.iter().map(|m| m.name()).collect()
}

/// Names of the presets.
#[pyfunction]
fn preset_names() -> Vec<&'static str> {
    Preset::ALL.iter().map(|p| p.name()).collect()
}

/// The item of `all` called `name`, or a `ValueError` listing the names.
fn choose<T: Copy>(
    kind: &str,
    name: &str,
    all: &[T],
    name_of: fn(T) -> &'static str,
) -> PyResult<T> {
    all.iter()
        .copied()
        .find(|&t| name_of(t) == name)
        .ok_or_else(|| {
            let names: Vec<String> = all.iter().map(|&t| format!("'{}'", name_of(t))).collect();
            PyValueError::new_err(format!(
                "unknown {kind} '{name}'; choose one of {}",
                names.join(", ")
            ))
        })
}

fn type_name(obj: &Bound<'_, PyAny>) -> String {
    obj.get_type()
        .name()
        .map_or_else(|_| "an object".to_string(), |n| n.to_string())
}

/// None, a float NaN (also numpy's), or pandas' NA.
fn is_missing(obj: &Bound<'_, PyAny>) -> PyResult<bool> {
    if obj.is_none() {
        return Ok(true);
    }
    if let Ok(f) = obj.cast::<PyFloat>() {
        return Ok(f.value().is_nan());
    }
    let ty = obj.get_type();
    Ok(ty.name()?.to_cow()? == "NAType" && ty.module()?.to_cow()?.starts_with("pandas"))
}

fn missing_repr(obj: &Bound<'_, PyAny>) -> String {
    obj.repr()
        .map_or_else(|_| "missing".to_string(), |r| r.to_string())
}

fn check_surrogates(units: &[u32], errors: Errors, what: &str) -> PyResult<()> {
    match first_surrogate(units) {
        Some(at) if errors != Errors::Replace => Err(PyValueError::new_err(format!(
            "{what} has a lone surrogate U+{:04X} at index {at}; pass errors='replace' to replace it with U+FFFD",
            units[at]
        ))),
        _ => Ok(()),
    }
}

/// Appends the code points of `s` to `out`.
fn read_ucs4(s: &Bound<'_, PyString>, out: &mut Vec<u32>) -> PyResult<()> {
    let py = s.py();
    // SAFETY: `s` is a live str object; the length query has no other precondition.
    let len = unsafe { ffi::PyUnicode_GetLength(s.as_ptr()) };
    let len = usize::try_from(len).map_err(|_| PyErr::fetch(py))?;
    if len == 0 {
        return Ok(());
    }
    let start = out.len();
    out.reserve(len);
    // SAFETY: `reserve` guarantees room for `len` code points after `start`; AsUCS4 writes exactly
    // `len` of them (no trailing NUL, copy_null = 0) or fails without touching the length.
    unsafe {
        let dst = out.as_mut_ptr().add(start);
        let buflen =
            ffi::Py_ssize_t::try_from(len).map_err(|_| PyValueError::new_err("text too long"))?;
        if ffi::PyUnicode_AsUCS4(s.as_ptr(), dst, buflen, 0).is_null() {
            return Err(PyErr::fetch(py));
        }
        out.set_len(start + len);
    }
    Ok(())
}

/// A new str from code points (which hold no surrogates).
fn ucs4_to_py<'py>(py: Python<'py>, units: &[u32]) -> PyResult<Bound<'py, PyString>> {
    let len = ffi::Py_ssize_t::try_from(units.len())
        .map_err(|_| PyValueError::new_err("text too long"))?;
    // SAFETY: the pointer and length describe `units`, which outlives the call; both functions
    // copy the data. wchar_t is UCS-4 everywhere but Windows, where it is UTF-16.
    let obj = unsafe {
        if cfg!(not(windows)) {
            ffi::PyUnicode_FromWideChar(units.as_ptr().cast(), len)
        } else {
            let mut native: std::os::raw::c_int = if cfg!(target_endian = "little") {
                -1
            } else {
                1
            };
            ffi::PyUnicode_DecodeUTF32(
                units.as_ptr().cast(),
                len * 4,
                std::ptr::null(),
                &raw mut native,
            )
        }
    };
    // SAFETY: a new reference or NULL with an exception set, as both functions document.
    let obj = unsafe { Bound::from_owned_ptr_or_err(py, obj)? };
    Ok(obj.cast_into::<PyString>()?)
}

#[pymodule(gil_used = false)]
fn _kalima(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyNormalizer>()?;
    m.add_class::<PyStemmer>()?;
    m.add_class::<PyTokenizer>()?;
    segment::register(m)?;
    m.add_function(wrap_pyfunction!(preset_options, m)?)?;
    m.add_function(wrap_pyfunction!(preset_names, m)?)?;
    m.add_function(wrap_pyfunction!(stemmer_names, m)?)?;
    m.add_function(wrap_pyfunction!(tokenizer_modes, m)?)?;
    vectorize::register(m)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
