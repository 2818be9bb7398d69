//! The one batch driver of the bindings: every batch entry point and every vectorizer reads its
//! documents, runs its work on the pool and reports a failing document through this module.
//!
//! Documents are read where they live. A `str` is its PEP 393 data (UCS-1, UCS-2 or UCS-4),
//! borrowed while the list's references keep it alive: CPython never changes a str's data once
//! more than one reference to it exists, so worker threads read it with the GIL released. An
//! Arrow string array is its UTF-8 data buffer (see `arrow.rs`). Workers widen each document to
//! code points in a buffer of their own, so nothing is copied while the GIL is held.

use std::hash::BuildHasher;
use std::ops::Range;

use hashbrown::HashTable;
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::ffi;
use pyo3::prelude::*;
use pyo3::types::string::PyStringData;
use pyo3::types::{PyBytes, PyFloat, PyList, PyString, PyTuple};
use pyo3::IntoPyObjectExt;
use rayon::prelude::*;
use rustc_hash::FxBuildHasher;

use super::arrow::{ArrowOutput, ArrowStrings, ArrowView};
use super::type_name;
use crate::normalize::first_surrogate;
use crate::parallel;

/// Code units per chunk of a batch: bounds the results held at once, lets other Python threads
/// run between chunks (and progress bars move), and is fine-grained enough for the work on one
/// chunk to overlap with writing the results of the one before.
const CHUNK_UNITS: usize = 1 << 20;

/// What a batch does with a missing document (None, NaN, pd.NA) and with lone surrogates.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum Errors {
    Raise,
    Keep,
    Empty,
    Replace,
}

impl Errors {
    /// `errors` checked; vectorizers cannot keep a missing document (`keep = false`).
    pub(super) fn parse(s: &str, keep: bool) -> PyResult<Self> {
        let errors = match s {
            "raise" => Errors::Raise,
            "keep" if keep => Errors::Keep,
            "empty" => Errors::Empty,
            "replace" => Errors::Replace,
            "keep" => {
                return Err(PyValueError::new_err(
                    "errors='keep' cannot keep a missing document as a matrix row; use 'empty' or 'raise'",
                ))
            }
            _ if keep => {
                return Err(PyValueError::new_err(format!(
                    "errors must be 'raise', 'keep', 'empty' or 'replace'; got '{s}'"
                )))
            }
            _ => {
                return Err(PyValueError::new_err(format!(
                    "errors must be 'raise', 'empty' or 'replace'; got '{s}'"
                )))
            }
        };
        Ok(errors)
    }
}

/// A document where it lives.
#[derive(Clone, Copy, Debug)]
pub(super) enum Text<'a> {
    Ucs1(&'a [u8]),
    Ucs2(&'a [u16]),
    Ucs4(&'a [u32]),
    /// From an Arrow buffer: UTF-8 unless the buffer was made by other means (checked on use).
    Utf8(&'a [u8]),
}

impl<'a> Text<'a> {
    /// The data of a str (GIL held; the caller keeps `s` alive while the view is used).
    pub(super) fn of_str(s: &'a Bound<'_, PyString>) -> PyResult<Self> {
        // SAFETY: `s` is a live str; `data` reads its PEP 393 header (this build is not abi3,
        // and CPython is checked at import), and the slice lives as long as the borrow of `s`.
        Ok(match unsafe { s.data() }? {
            PyStringData::Ucs1(b) => Text::Ucs1(b),
            PyStringData::Ucs2(u) => Text::Ucs2(u),
            PyStringData::Ucs4(u) => Text::Ucs4(u),
        })
    }

    /// Code units: the cost of a document, to size chunks.
    fn size(&self) -> usize {
        match self {
            Text::Ucs1(b) | Text::Utf8(b) => b.len(),
            Text::Ucs2(u) => u.len(),
            Text::Ucs4(u) => u.len(),
        }
    }

    /// The code points, widened into `buf` unless they are already UCS-4. A lone surrogate is
    /// an error unless `errors="replace"` (the core turns it into U+FFFD); so is invalid UTF-8.
    pub(super) fn units<'b>(
        &self,
        buf: &'b mut Vec<u32>,
        errors: Errors,
    ) -> Result<&'b [u32], String>
    where
        'a: 'b,
    {
        let (units, surrogates) = match *self {
            Text::Ucs1(b) => {
                buf.clear();
                buf.extend(b.iter().map(|&b| u32::from(b)));
                return Ok(buf);
            }
            Text::Utf8(b) => {
                decode_utf8(b, buf).map_err(|at| format!("is not valid UTF-8 (at byte {at})"))?;
                return Ok(buf);
            }
            Text::Ucs2(u) => {
                buf.clear();
                buf.extend(u.iter().map(|&u| u32::from(u)));
                (&buf[..], any_surrogate(u))
            }
            Text::Ucs4(u) => (u, any_surrogate(u)),
        };
        if surrogates && errors != Errors::Replace {
            if let Some(at) = first_surrogate(units) {
                return Err(format!(
                    "has a lone surrogate U+{:04X} at index {at}; pass errors='replace' to replace it with U+FFFD",
                    units[at]
                ));
            }
        }
        Ok(units)
    }
}

/// Whether any code unit is a surrogate (U+D800 to U+DFFF), in blocks the compiler can
/// vectorize: far cheaper than looking for the first one, which is only done when there is one.
fn any_surrogate<T: Copy + Into<u32>>(units: &[T]) -> bool {
    units.chunks(64).any(|block| {
        block.iter().fold(false, |found, &u| {
            found | (u.into() & 0xFFFF_F800 == 0xD800)
        })
    })
}

/// The documents of a batch as the caller handed them over, kept alive for the views.
pub(super) enum Input<'py> {
    /// The items of a list or tuple.
    Objects(Vec<Bound<'py, PyAny>>),
    Arrow(ArrowView<'py>),
}

impl<'py> Input<'py> {
    /// A list or tuple of documents, or an `ArrowStrings`.
    pub(super) fn read(docs: &Bound<'py, PyAny>) -> PyResult<Self> {
        if let Ok(list) = docs.cast::<PyList>() {
            return Ok(Input::Objects(list.iter().collect()));
        }
        if let Ok(tuple) = docs.cast::<PyTuple>() {
            return Ok(Input::Objects(tuple.iter().collect()));
        }
        if let Ok(arrow) = docs.cast::<ArrowStrings>() {
            return Ok(Input::Arrow(ArrowView::new(arrow)?));
        }
        Err(PyTypeError::new_err(format!(
            "expected a list or tuple of str, not {}",
            type_name(docs)
        )))
    }

    pub(super) fn len(&self) -> usize {
        match self {
            Input::Objects(items) => items.len(),
            Input::Arrow(view) => view.len(),
        }
    }

    /// The document views (None for a missing document), checked against `errors`: a missing
    /// document is an error under "raise" and "replace", anything but str always is. `name`
    /// and `first` (the position of the first document in the caller's stream) name documents
    /// in messages.
    pub(super) fn docs(
        &self,
        name: &'static str,
        first: usize,
        errors: Errors,
    ) -> PyResult<Docs<'_>> {
        let texts = match self {
            Input::Objects(items) => items
                .iter()
                .enumerate()
                .map(|(i, item)| item_text(item, name, first + i, errors))
                .collect::<PyResult<_>>()?,
            Input::Arrow(view) => {
                if let Some(i) = view.first_missing() {
                    missing(name, first + i, view.missing(), errors)?;
                }
                view.texts()
            }
        };
        Ok(Docs {
            name,
            first,
            texts,
            errors,
            positions: None,
            occurrences: None,
        })
    }

    /// The caller's object for document `i`, when it is one.
    fn original(&self, i: usize) -> Option<&Bound<'py, PyAny>> {
        match self {
            Input::Objects(items) => Some(&items[i]),
            Input::Arrow(_) => None,
        }
    }
}

/// One item of a list or tuple as a document: its view, None when it is missing (an error
/// under `errors` "raise" and "replace"), a `TypeError` naming `name[at]` when it is not a str.
fn item_text<'a>(
    item: &'a Bound<'_, PyAny>,
    name: &str,
    at: usize,
    errors: Errors,
) -> PyResult<Option<Text<'a>>> {
    if let Ok(s) = item.cast::<PyString>() {
        return Text::of_str(s).map(Some);
    }
    if is_missing(item)? {
        return missing(name, at, &missing_repr(item), errors).map(|()| None);
    }
    let hint = if item.is_instance_of::<PyBytes>() {
        " (decode bytes first, e.g. with .decode('utf-8'))"
    } else {
        ""
    };
    Err(PyTypeError::new_err(format!(
        "{name}[{at}] is {}; expected str{hint}",
        type_name(item)
    )))
}

/// A missing document under `errors`: fine, or the error that names it and the ways out.
fn missing(name: &str, at: usize, repr: &str, errors: Errors) -> PyResult<()> {
    if errors == Errors::Keep || errors == Errors::Empty {
        return Ok(());
    }
    // Vectorizers name their documents raw_documents, as scikit-learn does, and cannot keep one.
    let policies = if name == RAW_DOCUMENTS || name == DOCUMENTS {
        "errors='empty'"
    } else {
        "errors='keep' or errors='empty'"
    };
    Err(MissingValueError::new_err(format!(
        "{name}[{at}] is {repr}; expected str (pass {policies} to allow missing values)"
    )))
}

// Defined in Python: it derives from both TypeError and ValueError.
pyo3::import_exception!(kalima._batch, MissingValueError);

/// What vectorizers call their documents.
pub(super) const RAW_DOCUMENTS: &str = "raw_documents";

/// What the near-duplicate index calls its documents (it cannot keep a missing one either).
pub(super) const DOCUMENTS: &str = "documents";

/// The checked views of a batch's documents.
pub(super) struct Docs<'a> {
    name: &'static str,
    first: usize,
    texts: Vec<Option<Text<'a>>>,
    errors: Errors,
    /// Where each text sits in the caller's batch, when these are some of its texts.
    positions: Option<Vec<usize>>,
    /// How many of the caller's documents each text stands for (one each when None): what
    /// progress counts as done once it is.
    occurrences: Option<Vec<u32>>,
}

/// A document that cannot be worked on, found without the GIL: its index and the message after
/// `name[index]`.
type DocError = (usize, String);

impl Docs<'_> {
    /// The caller's documents that texts `range` stand for.
    fn done(&self, range: Range<usize>) -> usize {
        match &self.occurrences {
            Some(counts) => counts[range].iter().map(|&c| c as usize).sum(),
            None => range.len(),
        }
    }

    fn error(&self, (i, message): DocError) -> PyErr {
        let at = self.positions.as_ref().map_or(i, |p| p[i]);
        PyValueError::new_err(format!("{}[{}] {message}", self.name, self.first + at))
    }

    /// Consecutive ranges of documents of about `CHUNK_UNITS` code units (at least one each).
    fn chunks(&self, limit: usize) -> Vec<Range<usize>> {
        let mut chunks = Vec::new();
        let (mut start, mut size) = (0, 0);
        for (i, t) in self.texts.iter().enumerate() {
            size += t.map_or(0, |t| t.size());
            if size >= limit {
                chunks.push(start..i + 1);
                (start, size) = (i + 1, 0);
            }
        }
        if start < self.texts.len() {
            chunks.push(start..self.texts.len());
        }
        chunks
    }

    /// `op` on documents `range` (None for a missing one), on `pool` when given, in order.
    fn run<O: Op>(
        &self,
        op: &O,
        range: Range<usize>,
        pool: Option<&rayon::ThreadPool>,
    ) -> Result<Vec<Option<O::Out>>, DocError> {
        let one = |buf: &mut Vec<u32>, i: usize| -> Result<Option<O::Out>, DocError> {
            let Some(text) = self.texts[i] else {
                return Ok(None);
            };
            op.run_text(text, buf, self.errors)
                .map(Some)
                .map_err(|m| (i, m))
        };
        match pool {
            Some(pool) => pool.install(|| range.into_par_iter().map_init(Vec::new, one).collect()),
            None => {
                let mut buf = Vec::new();
                range.map(|i| one(&mut buf, i)).collect()
            }
        }
    }

    /// Every document's code points, widened on `pool`: one buffer per piece of documents
    /// (missing documents are empty), for work that takes whole chunks (the vectorizers).
    fn widen(
        &self,
        range: Range<usize>,
        pool: Option<&rayon::ThreadPool>,
    ) -> Result<Vec<Widened>, DocError> {
        let piece = |range: Range<usize>| -> Result<Widened, DocError> {
            let mut units = Vec::new();
            let mut spans = Vec::with_capacity(range.len());
            let mut buf = Vec::new();
            for i in range {
                let start = units.len();
                if let Some(text) = self.texts[i] {
                    let doc = text.units(&mut buf, self.errors).map_err(|m| (i, m))?;
                    units.extend_from_slice(doc);
                }
                spans.push(start..units.len());
            }
            Ok((units, spans))
        };
        let threads = pool.map_or(1, rayon::ThreadPool::current_num_threads);
        let size = range.len().div_ceil(threads).max(1);
        let pieces: Vec<Range<usize>> = range
            .clone()
            .step_by(size)
            .map(|a| a..(a + size).min(range.end))
            .collect();
        match pool {
            Some(pool) => pool.install(|| pieces.into_par_iter().map(piece).collect()),
            None => pieces.into_iter().map(piece).collect(),
        }
    }
}

/// The code points of documents back to back, and each one's span.
type Widened = (Vec<u32>, Vec<Range<usize>>);

/// What a batch does to each document, on worker threads with no Python: code points in, a
/// result out.
pub(super) trait Op: Sync {
    type Out: Send;
    fn run(&self, units: &[u32]) -> Self::Out;
    /// `run` on a document as it lives (`buf` to widen it into); `Err` is the message for a
    /// document that cannot be read (a lone surrogate, invalid UTF-8).
    fn run_text(
        &self,
        text: Text<'_>,
        buf: &mut Vec<u32>,
        errors: Errors,
    ) -> Result<Self::Out, String> {
        text.units(buf, errors).map(|units| self.run(units))
    }
}

impl<O: Send, F: Fn(&[u32]) -> O + Sync> Op for F {
    type Out = O;
    fn run(&self, units: &[u32]) -> O {
        self(units)
    }
}

/// How a batch call runs: threads, progress bar, and how results are written.
pub(super) struct Run<'py, 'a> {
    py: Python<'py>,
    pool: Option<rayon::ThreadPool>,
    progress: Option<&'a Bound<'py, PyAny>>,
}

impl<'py, 'a> Run<'py, 'a> {
    pub(super) fn new(
        py: Python<'py>,
        n_jobs: Option<i64>,
        progress: Option<&'a Bound<'py, PyAny>>,
    ) -> PyResult<Self> {
        Ok(Run {
            py,
            pool: parallel::pool(threads(py, n_jobs)?),
            progress,
        })
    }

    /// `op` on every document of `docs`, chunk by chunk; `write` gets each chunk's results in
    /// order (GIL held). With a pool, the work on chunk k+1 runs while chunk k is written. After
    /// each chunk, `progress` hears how many documents it held, and a pending Ctrl-C stops the
    /// batch with `KeyboardInterrupt` (the worker joined first).
    pub(super) fn each<O: Op>(
        &self,
        docs: &Docs<'_>,
        op: &O,
        mut write: impl FnMut(Range<usize>, Vec<Option<O::Out>>) -> PyResult<()>,
    ) -> PyResult<()> {
        let py = self.py;
        let chunks = docs.chunks(CHUNK_UNITS);
        let Some(pool) = self.pool.as_ref() else {
            for range in chunks {
                let results = py.detach(|| docs.run(op, range.clone(), None));
                write(range.clone(), results.map_err(|e| docs.error(e))?)?;
                self.between_chunks(docs.done(range))?;
            }
            return Ok(());
        };
        std::thread::scope(|scope| -> PyResult<()> {
            let spawn = |range: Range<usize>| scope.spawn(move || docs.run(op, range, Some(pool)));
            // Joined without the GIL: other Python threads run meanwhile.
            let join = |job: std::thread::ScopedJoinHandle<'_, _>| {
                py.detach(|| job.join())
                    .map_err(|_| PyValueError::new_err("a kalima worker thread failed"))
            };
            let mut chunks = chunks.into_iter();
            let Some(mut range) = chunks.next() else {
                return Ok(());
            };
            let mut job = spawn(range.clone());
            loop {
                let results = join(job)?;
                let next = chunks.next();
                let following = next.clone().map(spawn);
                let written = results
                    .map_err(|e| docs.error(e))
                    .and_then(|r| write(range.clone(), r))
                    .and_then(|()| self.between_chunks(docs.done(range.clone())));
                match (written, following) {
                    (Err(e), Some(job)) => {
                        // The next chunk's result is moot: this error comes first.
                        let _ = join(job);
                        return Err(e);
                    }
                    (Err(e), None) => return Err(e),
                    (Ok(()), None) => return Ok(()),
                    (Ok(()), Some(following)) => {
                        job = following;
                        range = next.unwrap_or_default();
                    }
                }
            }
        })
    }

    /// The pool of this call's threads (None for one thread), for work after the batch.
    pub(super) fn into_pool(self) -> Option<rayon::ThreadPool> {
        self.pool
    }

    /// `work` on every chunk of `docs` as code points (missing documents empty), GIL released;
    /// progress and Ctrl-C as in `each`.
    pub(super) fn each_chunk(
        &self,
        docs: &Docs<'_>,
        limit: usize,
        mut work: impl FnMut(&[&[u32]], Option<&rayon::ThreadPool>) + Send,
    ) -> PyResult<()> {
        for range in docs.chunks(limit) {
            let pool = self.pool.as_ref();
            self.py
                .detach(|| -> Result<(), DocError> {
                    let pieces = docs.widen(range.clone(), pool)?;
                    let views: Vec<&[u32]> = pieces
                        .iter()
                        .flat_map(|(units, spans)| spans.iter().map(|s| &units[s.clone()]))
                        .collect();
                    work(&views, pool);
                    Ok(())
                })
                .map_err(|e| docs.error(e))?;
            self.between_chunks(docs.done(range))?;
        }
        Ok(())
    }

    /// Between two chunks (GIL held): tells `progress` that `done` more documents are finished,
    /// then raises `KeyboardInterrupt` if Ctrl-C was pressed meanwhile (Python only notices
    /// signals when it runs bytecode, which it does not while a batch runs).
    fn between_chunks(&self, done: usize) -> PyResult<()> {
        if let Some(progress) = self.progress {
            progress.call1((done,))?;
        }
        self.py.check_signals()
    }
}

/// Worker threads for `n_jobs`. `None` is every core (at most `KALIMA_NUM_THREADS`), but one
/// thread inside a worker process of joblib, multiprocessing or Dask (`GridSearchCV(n_jobs=2)`
/// runs its fits in such processes), whose siblings already use the other cores.
pub(super) fn threads(py: Python<'_>, n_jobs: Option<i64>) -> PyResult<usize> {
    if n_jobs.is_none() {
        parallel::default_threads().map_err(PyValueError::new_err)?;
        if in_worker_process(py)? {
            return Ok(1);
        }
    }
    parallel::threads_for(n_jobs).ok_or_else(|| {
        PyValueError::new_err("n_jobs == 0 has no meaning; use None, a positive int or -1")
    })
}

/// `multiprocessing.parent_process()` is set (joblib's loky workers, multiprocessing pools and
/// Dask's worker processes all start that way). Asked at every call: a spawned worker may
/// import kalima before multiprocessing has recorded its parent.
fn in_worker_process(py: Python<'_>) -> PyResult<bool> {
    let modules = py.import("sys")?.getattr("modules")?;
    let Some(mp) = modules.get_item("multiprocessing").ok() else {
        return Ok(false);
    };
    Ok(!mp.call_method0("parent_process")?.is_none())
}

/// The result of text in, text out (normalizing, stemming): None when the text is unchanged.
pub(super) type TextOut = Option<Vec<u32>>;

/// The same op on UTF-8 text, for Arrow input: None when the text is unchanged, else the new
/// UTF-8 (normalizing has a UTF-8 path of its own, which spares decoding and encoding).
pub(super) type Utf8Op<'a> = &'a (dyn Fn(&str) -> Option<Vec<u8>> + Sync);

/// A text op's results as UTF-8, encoded on the worker threads (for an Arrow array).
struct Encoded<'a, O> {
    op: &'a O,
    utf8: Option<Utf8Op<'a>>,
}

impl<O: Op<Out = TextOut>> Op for Encoded<'_, O> {
    type Out = Option<Vec<u8>>;
    fn run(&self, units: &[u32]) -> Self::Out {
        self.op.run(units).map(|out| utf8(&out))
    }
    fn run_text(
        &self,
        text: Text<'_>,
        buf: &mut Vec<u32>,
        errors: Errors,
    ) -> Result<Self::Out, String> {
        match (text, self.utf8) {
            (Text::Utf8(bytes), Some(utf8)) => {
                // simdutf8 checks Arabic text several times as fast as str::from_utf8 (whose
                // fast path is ASCII only; it was a sixth of a str Series' normalizing).
                let text = simdutf8::compat::from_utf8(bytes)
                    .map_err(|e| format!("is not valid UTF-8 (at byte {})", e.valid_up_to()))?;
                Ok(utf8(text))
            }
            _ => text.units(buf, errors).map(|units| self.run(units)),
        }
    }
}

/// A text op over a whole batch: a list of str for a list or tuple (an unchanged text is the
/// caller's own object; a missing one stays, or is '' under `errors="empty"`), Arrow buffers
/// for an Arrow array (through `utf8` when given). With `intern`, equal results are one str
/// object.
pub(super) fn text_batch<'py, O: Op<Out = TextOut>>(
    input: &Input<'py>,
    docs: &Docs<'_>,
    run: &Run<'py, '_>,
    (op, utf8): (&O, Option<Utf8Op<'_>>),
    intern: bool,
) -> PyResult<Bound<'py, PyAny>> {
    let py = run.py;
    if let Input::Arrow(view) = input {
        let mut out = ArrowOutput::new(input.len(), view.data_len());
        // Results copied into the array with the GIL.
        let encoded = Encoded { op, utf8 };
        run.each(docs, &encoded, |range, results| {
            for (i, result) in range.zip(results) {
                match (result, view.bytes(i)) {
                    (Some(Some(bytes)), _) => out.push_bytes(&bytes),
                    (Some(None), Some(bytes)) => out.push_bytes(bytes),
                    (None, _) if docs.errors == Errors::Empty => out.push_bytes(b""),
                    _ => out.push_missing(),
                }
            }
            Ok(())
        })?;
        return out.into_py(py)?.into_bound_py_any(py);
    }
    if intern {
        let mut strs = Interner::new(true);
        text_list(input, docs, run, op, |units| strs.get(py, &units))
    } else {
        // Results narrowed to their str storage kind on the worker threads: with the GIL, a new
        // str is one copy (writing them was most of a batch's GIL-held time).
        let narrowed = |units: &[u32]| op.run(units).map(Narrow::new);
        text_list(input, docs, run, &narrowed, |narrow| narrow.to_str(py))
    }
}

/// `text_batch` for an op whose result depends on the text alone: over a list or tuple, the op
/// runs once per distinct text, since running text repeats its words many times (ant_news:
/// 7.8 M whitespace tokens, 0.4 M distinct), and the items are read in one pass (with millions
/// of small strs, touching each one is most of the cost). Equal results are one str object,
/// and an unchanged text is the first str equal to it. An Arrow array goes through `text_batch`.
pub(super) fn distinct_text_batch<'py, O: Op<Out = TextOut>>(
    words: &Bound<'py, PyAny>,
    (name, first, errors): (&'static str, usize, Errors),
    run: &Run<'py, '_>,
    op: &O,
) -> PyResult<Bound<'py, PyAny>> {
    let py = run.py;
    let distinct = if let Ok(list) = words.cast::<PyList>() {
        Distinct::read(list.iter(), name, first, errors)?
    } else if let Ok(tuple) = words.cast::<PyTuple>() {
        Distinct::read(tuple.iter(), name, first, errors)?
    } else {
        let input = Input::read(words)?;
        let docs = input.docs(name, first, errors)?;
        return text_batch(&input, &docs, run, (op, None), true);
    };
    let docs = Docs {
        name,
        first,
        texts: (distinct.strs.iter())
            .map(|s| Text::of_str(s).map(Some))
            .collect::<PyResult<_>>()?,
        errors,
        positions: Some(distinct.positions),
        occurrences: Some(distinct.occurrences),
    };
    let mut strs = Interner::new(true);
    let mut results = Vec::with_capacity(distinct.strs.len());
    run.each(&docs, op, |range, chunk| {
        for (k, result) in range.zip(chunk) {
            results.push(match result.flatten() {
                Some(new) => strs.get(py, &new)?.into_any(),
                None => distinct.strs[k].clone().into_any(),
            });
        }
        Ok(())
    })?;
    if !distinct.missing.is_empty() {
        run.between_chunks(distinct.missing.len())?;
    }
    let empty = PyString::intern(py, "").into_any();
    let mut missing = distinct.missing.into_iter();
    let len = ffi::Py_ssize_t::try_from(distinct.ids.len())
        .map_err(|_| PyValueError::new_err("too many texts"))?;
    // SAFETY: PyList_New returns a new list of `len` NULL slots (or NULL with an exception
    // set); each slot is set once, in order, with a reference the list takes over.
    let list = unsafe { Bound::from_owned_ptr_or_err(py, ffi::PyList_New(len))? };
    for (i, &id) in distinct.ids.iter().enumerate() {
        let value = match results.get(id as usize) {
            Some(result) => result.clone(),
            None if errors == Errors::Empty => empty.clone(),
            None => missing.next().expect("one object per missing text"),
        };
        // SAFETY: `i < len`, and slot `i` is still empty.
        unsafe { ffi::PyList_SET_ITEM(list.as_ptr(), i as ffi::Py_ssize_t, value.into_ptr()) };
    }
    Ok(list)
}

/// Items read before `Distinct::read` decides whether looking them up pays: in running text,
/// about a third of the first 65,536 words are distinct (ant_news), in a vocabulary all are.
const DEDUPE_SAMPLE: usize = 1 << 16;

/// The distinct strs of a list or tuple, each once in order of first appearance (after
/// `DEDUPE_SAMPLE` items that are mostly distinct, every later item counts as new).
struct Distinct<'py> {
    strs: Vec<Bound<'py, PyString>>,
    /// Where each of `strs` first appears, and how many items it is.
    positions: Vec<usize>,
    occurrences: Vec<u32>,
    /// For every item, the index of its str in `strs`; `u32::MAX` for a missing one.
    ids: Vec<u32>,
    /// The missing items, in order.
    missing: Vec<Bound<'py, PyAny>>,
}

impl<'py> Distinct<'py> {
    /// `items` checked as `Input::docs` does. Equal strs have equal storage (a str's kind is the
    /// narrowest that holds it), so strs are compared by kind and data.
    fn read(
        items: impl Iterator<Item = Bound<'py, PyAny>>,
        name: &str,
        first: usize,
        errors: Errors,
    ) -> PyResult<Self> {
        let mut distinct = Distinct {
            strs: Vec::new(),
            positions: Vec::new(),
            occurrences: Vec::new(),
            ids: Vec::with_capacity(items.size_hint().0),
            missing: Vec::new(),
        };
        // Each distinct str's index, kind, and where its data sits in `keys` (in the table
        // itself: one memory access fewer per item, most of the cost of a probe).
        let mut table = HashTable::<(u32, u8, usize, usize)>::new();
        let mut keys = Vec::<u8>::new();
        let mut dedupe = true;
        for (i, item) in items.enumerate() {
            if i == DEDUPE_SAMPLE && distinct.strs.len() * 4 > DEDUPE_SAMPLE * 3 {
                // Mostly distinct (a vocabulary, not running text): looking them up costs
                // more than it saves; the rest are taken as they come.
                dedupe = false;
            }
            let Some(text) = item_text(&item, name, first + i, errors)? else {
                distinct.ids.push(u32::MAX);
                distinct.missing.push(item);
                continue;
            };
            let id = u32::try_from(distinct.strs.len())
                .map_err(|_| PyValueError::new_err("too many distinct texts"))?;
            if !dedupe {
                distinct.ids.push(id);
                distinct.positions.push(i);
                distinct.occurrences.push(1);
                // SAFETY: `item_text` gave a view of it: it is a str.
                distinct.strs.push(unsafe { item.cast_into_unchecked() });
                continue;
            }
            // SAFETY: u16 and u32 slices read as the bytes they are made of.
            let bytes = |p: *const u8, n: usize| unsafe { std::slice::from_raw_parts(p, n) };
            let (kind, data) = match text {
                Text::Ucs1(b) | Text::Utf8(b) => (1, b),
                Text::Ucs2(u) => (2, bytes(u.as_ptr().cast(), u.len() * 2)),
                Text::Ucs4(u) => (4, bytes(u.as_ptr().cast(), u.len() * 4)),
            };
            let hash = FxBuildHasher.hash_one(data);
            // Compared byte by byte: the keys are short, and slice equality calls memcmp.
            let same = |&(_, k, start, end): &(u32, u8, usize, usize)| {
                let seen = &keys[start..end];
                k == kind && seen.len() == data.len() && seen.iter().zip(data).all(|(a, b)| a == b)
            };
            if let Some(&(id, ..)) = table.find(hash, same) {
                distinct.ids.push(id);
                distinct.occurrences[id as usize] += 1;
                continue;
            }
            let start = keys.len();
            keys.extend_from_slice(data);
            table.insert_unique(
                hash,
                (id, kind, start, keys.len()),
                |&(_, _, start, end)| FxBuildHasher.hash_one(&keys[start..end]),
            );
            distinct.ids.push(id);
            distinct.positions.push(i);
            distinct.occurrences.push(1);
            // SAFETY: `item_text` gave a view of it: it is a str.
            distinct.strs.push(unsafe { item.cast_into_unchecked() });
        }
        Ok(distinct)
    }
}

/// A text op's results as a list: a new text made a str by `make`, an unchanged one the
/// caller's own object, a missing one kept, or '' under `errors="empty"`.
fn text_list<'py, T: Send, O: Op<Out = Option<T>>>(
    input: &Input<'py>,
    docs: &Docs<'_>,
    run: &Run<'py, '_>,
    op: &O,
    mut make: impl FnMut(T) -> PyResult<Bound<'py, PyString>>,
) -> PyResult<Bound<'py, PyAny>> {
    let py = run.py;
    let list = PyList::empty(py);
    run.each(docs, op, |range, results| {
        for (i, result) in range.zip(results) {
            let original = input.original(i).expect("an object input");
            let value = match result {
                Some(Some(new)) => make(new)?.into_any(),
                None if docs.errors == Errors::Empty => PyString::intern(py, "").into_any(),
                Some(None) | None => original.clone(),
            };
            list.append(value)?;
        }
        Ok(())
    })?;
    Ok(list.into_any())
}

/// A result text in the storage kind CPython gives a str of its characters (the narrowest
/// that holds its widest character), and that character.
pub(super) struct Narrow {
    max: u32,
    data: NarrowData,
}

enum NarrowData {
    Ucs1(Vec<u8>),
    Ucs2(Vec<u16>),
    Ucs4(Vec<u32>),
}

impl Narrow {
    fn new(units: Vec<u32>) -> Self {
        let max = units.iter().copied().max().unwrap_or(0);
        let data = match max {
            0..=0xFF => NarrowData::Ucs1(units.iter().map(|&u| u as u8).collect()),
            0x100..=0xFFFF => NarrowData::Ucs2(units.iter().map(|&u| u as u16).collect()),
            _ => NarrowData::Ucs4(units),
        };
        Narrow { max, data }
    }

    /// The str, copied into storage of its own kind.
    fn to_str<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyString>> {
        let (ptr, len, size) = match &self.data {
            NarrowData::Ucs1(d) => (d.as_ptr().cast::<u8>(), d.len(), 1),
            NarrowData::Ucs2(d) => (d.as_ptr().cast::<u8>(), d.len(), 2),
            NarrowData::Ucs4(d) => (d.as_ptr().cast::<u8>(), d.len(), 4),
        };
        let n =
            ffi::Py_ssize_t::try_from(len).map_err(|_| PyValueError::new_err("text too long"))?;
        // SAFETY: PyUnicode_New returns a new, uninitialised str of `len` code points whose kind
        // is the one `max` calls for (or NULL with an exception set), which is this data's
        // kind: its storage holds exactly `len * size` bytes, written in full here.
        unsafe {
            let obj = Bound::from_owned_ptr_or_err(py, ffi::PyUnicode_New(n, self.max))?;
            let data = ffi::PyUnicode_DATA(obj.as_ptr()).cast::<u8>();
            std::ptr::copy_nonoverlapping(ptr, data, len * size);
            Ok(obj.cast_into_unchecked::<PyString>())
        }
    }
}

/// Code points (no surrogates: the core turned them into U+FFFD) as UTF-8, written byte by
/// byte (`char::encode_utf8` into a slice costs a `memcpy` call per character).
fn utf8(units: &[u32]) -> Vec<u8> {
    let mut out = Vec::with_capacity(units.len() * 2);
    for &u in units {
        let u = if char::from_u32(u).is_some() {
            u
        } else {
            0xFFFD
        };
        match u {
            0..=0x7F => out.push(u as u8),
            0x80..=0x7FF => out.extend([0xC0 | (u >> 6) as u8, 0x80 | (u & 0x3F) as u8]),
            0x800..=0xFFFF => out.extend([
                0xE0 | (u >> 12) as u8,
                0x80 | ((u >> 6) & 0x3F) as u8,
                0x80 | (u & 0x3F) as u8,
            ]),
            _ => out.extend([
                0xF0 | (u >> 18) as u8,
                0x80 | ((u >> 12) & 0x3F) as u8,
                0x80 | ((u >> 6) & 0x3F) as u8,
                0x80 | (u & 0x3F) as u8,
            ]),
        }
    }
    out
}

/// The code points of UTF-8 `bytes`, into `out`; `Err` with the byte offset where the bytes
/// stop being UTF-8. simdutf8 checks them (several times as fast as `str::from_utf8` on Arabic
/// text), then a decoder that may trust them writes the code points (`str::chars` into a Vec
/// grows it element by element).
fn decode_utf8(bytes: &[u8], out: &mut Vec<u32>) -> Result<(), usize> {
    let text = simdutf8::compat::from_utf8(bytes).map_err(|e| e.valid_up_to())?;
    let bytes = text.as_bytes();
    out.clear();
    out.reserve(bytes.len());
    let at = |i: usize| u32::from(bytes[i] & 0x3F);
    let mut i = 0;
    while i < bytes.len() {
        let b = u32::from(bytes[i]);
        let (u, len) = match b {
            0x00..=0x7F => (b, 1),
            0xC0..=0xDF => (((b & 0x1F) << 6) | at(i + 1), 2),
            0xE0..=0xEF => (((b & 0x0F) << 12) | (at(i + 1) << 6) | at(i + 2), 3),
            _ => (
                ((b & 0x07) << 18) | (at(i + 1) << 12) | (at(i + 2) << 6) | at(i + 3),
                4,
            ),
        };
        out.push(u);
        i += len;
    }
    Ok(())
}

/// Pieces of a document (tokens, segments): their code points back to back, and where each
/// ends, or the fixed text that stands for it (a placeholder).
#[derive(Default)]
pub(super) struct Pieces {
    units: Vec<u32>,
    /// Where each piece ends, and its hash for the interner (computed on the worker thread),
    /// or its placeholder.
    ends: Vec<(usize, Result<u64, &'static str>)>,
    /// The one piece is the document itself, unchanged: given back as the caller's object.
    whole: bool,
}

impl Pieces {
    /// Room for `pieces` pieces of `units` code points in all.
    pub(super) fn with_capacity(pieces: usize, units: usize) -> Self {
        Pieces {
            units: Vec::with_capacity(units),
            ends: Vec::with_capacity(pieces),
            whole: false,
        }
    }

    /// The document as its only piece.
    pub(super) fn whole(units: &[u32]) -> Self {
        let mut pieces = Pieces::default();
        pieces.push(units.iter().copied());
        pieces.whole = true;
        pieces
    }

    pub(super) fn push(&mut self, piece: impl IntoIterator<Item = u32>) {
        let start = self.units.len();
        self.units.extend(piece);
        let hash = Interner::hash(&self.units[start..]);
        self.ends.push((self.units.len(), Ok(hash)));
    }

    pub(super) fn push_placeholder(&mut self, text: &'static str) {
        self.ends.push((self.units.len(), Err(text)));
    }

    /// The pieces as a list of str, equal pieces being one object; `original` is the caller's
    /// str for the document, when there is one.
    fn to_list<'py>(
        &self,
        py: Python<'py>,
        strs: &mut Interner<'py>,
        original: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyList>> {
        if let (true, Some(original)) = (self.whole, original) {
            return PyList::new(py, [original]);
        }
        let len = ffi::Py_ssize_t::try_from(self.ends.len())
            .map_err(|_| PyValueError::new_err("too many pieces"))?;
        // SAFETY: PyList_New returns a new list of `len` NULL slots (or NULL with an exception
        // set); each slot is set once, in order, with a reference the list takes over. A list
        // dropped half-filled releases what it holds and skips the NULL slots.
        let list = unsafe { Bound::from_owned_ptr_or_err(py, ffi::PyList_New(len))? };
        let mut start = 0;
        for (i, &(end, hash)) in self.ends.iter().enumerate() {
            let piece = match hash {
                Err(placeholder) => PyString::intern(py, placeholder),
                Ok(hash) => strs.get_hashed(py, &self.units[start..end], hash)?,
            };
            start = end;
            // SAFETY: `i < len`, and slot `i` is still empty.
            unsafe { ffi::PyList_SET_ITEM(list.as_ptr(), i as ffi::Py_ssize_t, piece.into_ptr()) };
        }
        // SAFETY: `list` is a list.
        Ok(unsafe { list.cast_into_unchecked() })
    }
}

/// A pieces op over a whole batch: a list with a list of str per document (a missing one stays
/// as it is, or is [] under `errors="empty"`); every distinct piece is one str object.
pub(super) fn pieces_batch<'py, O: Op<Out = Pieces>>(
    input: &Input<'py>,
    docs: &Docs<'_>,
    run: &Run<'py, '_>,
    op: &O,
) -> PyResult<Bound<'py, PyList>> {
    let py = run.py;
    let list = PyList::empty(py);
    let mut strs = Interner::new(true);
    run.each(docs, op, |range, results| {
        for (i, result) in range.zip(results) {
            let value = match result {
                Some(pieces) => pieces.to_list(py, &mut strs, input.original(i))?.into_any(),
                None if docs.errors == Errors::Empty => PyList::empty(py).into_any(),
                None => match input.original(i) {
                    Some(original) => original.clone(),
                    None => py.None().into_bound(py),
                },
            };
            list.append(value)?;
        }
        Ok(())
    })?;
    Ok(list)
}

/// One str checked and widened (`what` names it in errors): a `TypeError` when it is not a str
/// (naming `batch`, the method for many, when it is a list, a tuple, an array or a Series), a
/// `ValueError` for a lone surrogate unless `errors="replace"`.
pub(super) fn read_one(
    text: &Bound<'_, PyAny>,
    what: &str,
    batch: &str,
    errors: &str,
) -> PyResult<Vec<u32>> {
    let errors = Errors::parse(errors, true)?;
    let Ok(s) = text.cast::<PyString>() else {
        let many = text.is_instance_of::<PyList>()
            || text.is_instance_of::<PyTuple>()
            || text.hasattr("__array__")?;
        let hint = match many && !batch.is_empty() {
            true => format!("; for many {what}s, use {batch}"),
            false => String::new(),
        };
        return Err(PyTypeError::new_err(format!(
            "{what} must be str, not {}{hint}",
            type_name(text)
        )));
    };
    let mut buf = Vec::new();
    let units = Text::of_str(s)?
        .units(&mut buf, errors)
        .map_err(|m| PyValueError::new_err(format!("{what} {m}")))?;
    Ok(units.to_vec())
}

/// A text op on one str: an unchanged text is the same object.
pub(super) fn text_one<'py, O: Op<Out = TextOut>>(
    text: &Bound<'py, PyAny>,
    (what, batch): (&str, &str),
    errors: &str,
    op: &O,
) -> PyResult<Bound<'py, PyAny>> {
    let units = read_one(text, what, batch, errors)?;
    Ok(match op.run(&units) {
        None => text.clone(),
        Some(out) => new_str(text.py(), &out)?.into_any(),
    })
}

/// A pieces op on one str.
pub(super) fn pieces_one<'py, O: Op<Out = Pieces>>(
    text: &Bound<'py, PyAny>,
    (what, batch): (&str, &str),
    errors: &str,
    op: &O,
) -> PyResult<Bound<'py, PyList>> {
    let units = read_one(text, what, batch, errors)?;
    op.run(&units)
        .to_list(text.py(), &mut Interner::new(true), Some(text))
}

/// Distinct results made one str each within a batch call, as pandas' CSV reader and pyarrow's
/// `to_pandas` do with repeated values: a token repeated a million times is one object. Only
/// short texts are looked up (long ones rarely repeat), and the table stops growing at
/// `INTERN_MAX_ENTRIES`, so a batch of all-distinct results costs little more than without it.
pub(super) struct Interner<'py> {
    on: bool,
    table: HashTable<u32>,
    strs: Vec<Bound<'py, PyString>>,
    /// The code points of every entry back to back, and where each starts.
    keys: Vec<u32>,
    starts: Vec<usize>,
}

const INTERN_MAX_LEN: usize = 32;
const INTERN_MAX_ENTRIES: usize = 1 << 20;

impl<'py> Interner<'py> {
    pub(super) fn new(on: bool) -> Self {
        Interner {
            on,
            table: HashTable::new(),
            strs: Vec::new(),
            keys: Vec::new(),
            starts: vec![0],
        }
    }

    fn key(&self, k: u32) -> &[u32] {
        &self.keys[self.starts[k as usize]..self.starts[k as usize + 1]]
    }

    fn hash(units: &[u32]) -> u64 {
        FxBuildHasher.hash_one(units)
    }

    pub(super) fn get(&mut self, py: Python<'py>, units: &[u32]) -> PyResult<Bound<'py, PyString>> {
        if !self.on || units.len() > INTERN_MAX_LEN {
            return new_str(py, units);
        }
        self.get_hashed(py, units, Interner::hash(units))
    }

    /// `get` with the hash of `units` already computed.
    fn get_hashed(
        &mut self,
        py: Python<'py>,
        units: &[u32],
        hash: u64,
    ) -> PyResult<Bound<'py, PyString>> {
        if !self.on || units.len() > INTERN_MAX_LEN {
            return new_str(py, units);
        }
        // Compared element by element: the keys are short, and slice equality calls memcmp
        // (8% of stemming every token of ant_news).
        let same = |k: &u32| {
            let key = self.key(*k);
            key.len() == units.len() && key.iter().zip(units).all(|(a, b)| a == b)
        };
        if let Some(&k) = self.table.find(hash, same) {
            return Ok(self.strs[k as usize].clone());
        }
        let s = new_str(py, units)?;
        if self.strs.len() < INTERN_MAX_ENTRIES {
            let k = self.strs.len() as u32;
            self.keys.extend_from_slice(units);
            self.starts.push(self.keys.len());
            self.strs.push(s.clone());
            let (keys, starts) = (&self.keys, &self.starts);
            self.table.insert_unique(hash, k, |&k| {
                Interner::hash(&keys[starts[k as usize]..starts[k as usize + 1]])
            });
        }
        Ok(s)
    }
}

/// A new str of code points (no surrogates: the core turned them into U+FFFD), written straight
/// into the str's own storage in its narrowest kind, as CPython's own constructors do.
pub(super) fn new_str<'py>(py: Python<'py>, units: &[u32]) -> PyResult<Bound<'py, PyString>> {
    let max = units.iter().copied().max().unwrap_or(0);
    let len = ffi::Py_ssize_t::try_from(units.len())
        .map_err(|_| PyValueError::new_err("text too long"))?;
    // SAFETY: PyUnicode_New returns a new, uninitialised str of `len` code points whose kind
    // fits `max` (or NULL with an exception set); it is written in full before anyone sees it.
    unsafe {
        let obj = Bound::from_owned_ptr_or_err(py, ffi::PyUnicode_New(len, max))?;
        let data = ffi::PyUnicode_DATA(obj.as_ptr());
        match ffi::PyUnicode_KIND(obj.as_ptr()) {
            ffi::PyUnicode_1BYTE_KIND => {
                let out = std::slice::from_raw_parts_mut(data.cast::<u8>(), units.len());
                out.iter_mut().zip(units).for_each(|(o, &u)| *o = u as u8);
            }
            ffi::PyUnicode_2BYTE_KIND => {
                let out = std::slice::from_raw_parts_mut(data.cast::<u16>(), units.len());
                out.iter_mut().zip(units).for_each(|(o, &u)| *o = u as u16);
            }
            _ => std::ptr::copy_nonoverlapping(units.as_ptr(), data.cast::<u32>(), units.len()),
        }
        Ok(obj.cast_into_unchecked::<PyString>())
    }
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
