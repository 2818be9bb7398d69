//! Bindings of the vectorizer core: an analyzer, count and hash builders that take documents a
//! list at a time (the GIL released while they work), and the fitted vocabulary.

use super::batch::{self, Errors, Input, Run, RAW_DOCUMENTS};
use super::choose;
use super::normalize::PyNormalizer;
use super::tokenize::PyTokenizer;
use crate::normalize::{NormalizeOptions, Normalizer};
use crate::parallel;
use crate::stem::Method;
use crate::vectorize::{self, Analyzer, Counts, Unit, Vocabulary};
use numpy::{PyArray1, PyReadonlyArray1};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::PyTuple;

#[pyclass(frozen, module = "kalima._kalima", name = "Analyzer")]
pub(super) struct PyAnalyzer {
    pub(super) inner: Analyzer,
}

#[pymethods]
impl PyAnalyzer {
    /// `tokenizer` (with its normalizer and lower-casing) makes word features; `normalizer`
    /// and `lowercase` preprocess character features.
    #[new]
    #[pyo3(signature = (unit, ngram_range, tokenizer, normalizer, lowercase, stop_words, stem, segment))]
    #[allow(clippy::too_many_arguments)] // the Python wrapper passes its parameters through
    fn new(
        unit: &str,
        ngram_range: (usize, usize),
        tokenizer: PyRef<'_, PyTokenizer>,
        normalizer: Option<PyRef<'_, PyNormalizer>>,
        lowercase: bool,
        stop_words: Vec<String>,
        stem: Option<&str>,
        segment: Option<usize>,
    ) -> PyResult<Self> {
        if segment == Some(0) {
            return Err(PyValueError::new_err(
                "the minimum stem length must be at least 1",
            ));
        }
        let unit = choose("analyzer", unit, &Unit::ALL, Unit::name)?;
        let (min_n, max_n) = ngram_range;
        if min_n < 1 || min_n > max_n {
            return Err(PyValueError::new_err(format!(
                "ngram_range must be (min_n, max_n) with 1 <= min_n <= max_n; got ({min_n}, {max_n})"
            )));
        }
        let stem = stem
            .map(|s| choose("stemming method", s, &Method::ALL, Method::name))
            .transpose()?;
        let normalizer = match (normalizer, lowercase) {
            (None, false) => None,
            (n, lowercase) => {
                let options = n.map_or_else(NormalizeOptions::default, |n| *n.inner.options());
                Some(Normalizer::new(NormalizeOptions {
                    lowercase: options.lowercase || lowercase,
                    ..options
                }))
            }
        };
        Ok(PyAnalyzer {
            inner: Analyzer {
                unit,
                ngram_range,
                tokenizer: tokenizer.inner.clone(),
                normalizer,
                stop_words: stop_words.into_iter().collect(),
                stem,
                segment,
            },
        })
    }

    /// The features of one document, in scikit-learn's order.
    fn analyze(&self, doc: &Bound<'_, PyAny>) -> PyResult<Vec<String>> {
        let units = batch::read_one(doc, "doc", "", "raise")?;
        let mut out = Vec::new();
        self.inner
            .features(&units, &mut |f| out.push(f.to_string()));
        Ok(out)
    }

    /// Counts every document of `docs` and learns their vocabulary, into `builder`.
    #[pyo3(signature = (builder, docs, n_jobs, errors, progress = None))]
    fn fit(
        &self,
        builder: &Bound<'_, PyCountBuilder>,
        docs: &Bound<'_, PyAny>,
        n_jobs: Option<i64>,
        errors: &str,
        progress: Option<Bound<'_, PyAny>>,
    ) -> PyResult<()> {
        let mut builder = builder.borrow_mut();
        let mut fit = std::mem::take(&mut builder.fit);
        let first = builder.documents;
        let done = for_each_chunk(docs, first, n_jobs, errors, progress, |docs, pool| {
            fit.add(&self.inner, docs, pool);
        });
        builder.fit = fit;
        builder.documents += done?;
        Ok(())
    }

    /// Counts the `vocabulary` terms of every document of `docs`, into `builder`.
    #[pyo3(signature = (builder, vocabulary, docs, n_jobs, errors, progress = None))]
    fn transform(
        &self,
        builder: &Bound<'_, PyCountBuilder>,
        vocabulary: &PyVocabulary,
        docs: &Bound<'_, PyAny>,
        n_jobs: Option<i64>,
        errors: &str,
        progress: Option<Bound<'_, PyAny>>,
    ) -> PyResult<()> {
        let mut builder = builder.borrow_mut();
        let mut counts = std::mem::take(&mut builder.transformed);
        let first = builder.documents;
        let done = for_each_chunk(docs, first, n_jobs, errors, progress, |docs, pool| {
            let part = vectorize::transform_counts(&self.inner, &vocabulary.inner, docs, pool);
            counts.append(part);
        });
        builder.transformed = counts;
        builder.documents += done?;
        Ok(())
    }

    /// Adds the document and term frequencies of `docs` to `frequencies` (`partial_fit`).
    #[pyo3(signature = (frequencies, docs, n_jobs, errors, progress = None))]
    fn frequencies(
        &self,
        frequencies: &Bound<'_, PyFrequencies>,
        docs: &Bound<'_, PyAny>,
        n_jobs: Option<i64>,
        errors: &str,
        progress: Option<Bound<'_, PyAny>>,
    ) -> PyResult<()> {
        let mut frequencies = frequencies.borrow_mut();
        let first = frequencies.inner.documents() as usize;
        let mut freq = std::mem::take(&mut frequencies.inner);
        let done = for_each_chunk(docs, first, n_jobs, errors, progress, |docs, pool| {
            freq.add(&self.inner, docs, pool);
        });
        frequencies.inner = freq;
        done.map(|_| ())
    }

    /// scikit-learn's `FeatureHasher` over the features of `docs`: `(data, indices, indptr)`.
    #[pyo3(signature = (docs, n_features, alternate_sign, dtype, n_jobs, errors, progress = None))]
    #[allow(clippy::too_many_arguments)]
    fn hash<'py>(
        &self,
        py: Python<'py>,
        docs: &Bound<'py, PyAny>,
        n_features: u32,
        alternate_sign: bool,
        dtype: &str,
        n_jobs: Option<i64>,
        errors: &str,
        progress: Option<Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyTuple>> {
        if n_features == 0 {
            return Err(PyValueError::new_err("n_features must be at least 1"));
        }
        let mut hashed = vectorize::Hashed {
            indptr: vec![0],
            ..Default::default()
        };
        for_each_chunk(docs, 0, n_jobs, errors, progress, |docs, pool| {
            hashed.append(vectorize::hash_documents(
                &self.inner,
                docs,
                n_features,
                alternate_sign,
                pool,
            ));
        })?;
        csr(py, hashed, n_features as usize, dtype)
    }
}

/// Code points per chunk: larger than a plain batch's, since every chunk's pieces count
/// against fresh vocabularies that are then merged.
const CHUNK: usize = 1 << 21;

/// Reads `docs` (a list, a tuple or an `ArrowStrings`) and calls `work` on a chunk of the
/// documents' code points at a time, without the GIL. Missing documents are empty under
/// `errors="empty"`; errors name `raw_documents[i]`, counted from `first`. Between chunks,
/// `progress` hears how many documents are done and Ctrl-C stops the loop (what was counted so
/// far stays in `work`'s state). Returns the number of documents.
fn for_each_chunk(
    docs: &Bound<'_, PyAny>,
    first: usize,
    n_jobs: Option<i64>,
    errors: &str,
    progress: Option<Bound<'_, PyAny>>,
    work: impl FnMut(&[&[u32]], Option<&rayon::ThreadPool>) + Send,
) -> PyResult<usize> {
    let run = Run::new(docs.py(), n_jobs, progress.as_ref())?;
    let input = Input::read(docs)?;
    let docs = input.docs(RAW_DOCUMENTS, first, Errors::parse(errors, false)?)?;
    run.each_chunk(&docs, CHUNK, work)?;
    release_free_memory();
    Ok(input.len())
}

/// Hands the pages of freed memory back to the system. Once glibc's malloc has served large
/// blocks from its heaps it keeps their pages when they are freed, and counting frees a lot
/// (every chunk's tables; at `finish_fit` the vocabulary before pruning): without this, the
/// matrix and the arrays numpy builds next stack on top of memory no longer in use. Once per
/// call, not per chunk: pages given back are faulted in again when reused.
pub(super) fn release_free_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        extern "C" {
            fn malloc_trim(pad: usize) -> std::ffi::c_int;
        }
        // SAFETY: malloc_trim only returns free pages to the system; it is thread-safe.
        unsafe {
            malloc_trim(0);
        }
    }
}

/// Document and term frequencies gathered over lists of documents (`partial_fit`).
#[pyclass(module = "kalima._kalima", name = "Frequencies")]
pub(super) struct PyFrequencies {
    inner: vectorize::Frequencies,
}

#[pymethods]
impl PyFrequencies {
    #[new]
    fn new() -> Self {
        PyFrequencies {
            inner: vectorize::Frequencies::default(),
        }
    }

    /// Documents counted so far.
    fn documents(&self) -> u64 {
        self.inner.documents()
    }

    /// Adds `other`'s documents (the frequencies of separate lists of documents, merged).
    #[staticmethod]
    fn merge_into(target: &Bound<'_, PyFrequencies>, other: &Bound<'_, PyFrequencies>) {
        if target.is(other) {
            let copy = target.borrow().inner.clone();
            target.borrow_mut().inner.merge(&copy);
        } else {
            let other = other.borrow();
            target.borrow_mut().inner.merge(&other.inner);
        }
    }

    /// Rebuilt from `(sorted(), documents())`; a `ValueError` when the state is not that.
    #[staticmethod]
    fn restore(state: &Bound<'_, PyAny>) -> PyResult<Self> {
        let corrupted =
            |e: String| PyValueError::new_err(format!("corrupted partial_fit state: {e}"));
        let (terms, df, tf, documents): (Vec<String>, Vec<u64>, Vec<u64>, u64) = state
            .extract()
            .map_err(|e: PyErr| corrupted(e.to_string()))?;
        vectorize::Frequencies::from_parts(terms, &df, &tf, documents)
            .map(|inner| PyFrequencies { inner })
            .map_err(|e| corrupted(e.to_string()))
    }

    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        let (terms, df, tf) = self.inner.sorted();
        let restore = py.get_type::<PyFrequencies>().getattr("restore")?;
        let state = (terms, df, tf, self.inner.documents()).into_pyobject(py)?;
        let args = PyTuple::new(py, [state.into_any()])?;
        PyTuple::new(py, [restore, args.into_any()])
    }

    /// `(terms, document frequencies, term frequencies)`, terms sorted.
    #[allow(clippy::type_complexity)]
    fn sorted<'py>(
        &self,
        py: Python<'py>,
    ) -> (
        Vec<String>,
        Bound<'py, PyArray1<i64>>,
        Bound<'py, PyArray1<i64>>,
    ) {
        let (terms, df, tf) = self.inner.sorted();
        let array = |v: Vec<u64>| PyArray1::from_vec(py, v.into_iter().map(|x| x as i64).collect());
        (terms, array(df), array(tf))
    }
}

/// Counts gathered over one or more lists of documents.
#[pyclass(module = "kalima._kalima", name = "CountBuilder")]
pub(super) struct PyCountBuilder {
    fit: vectorize::FitCounts,
    transformed: Counts,
    documents: usize,
}

#[pymethods]
impl PyCountBuilder {
    #[new]
    fn new() -> Self {
        PyCountBuilder {
            fit: vectorize::FitCounts::default(),
            transformed: Counts {
                indptr: vec![0],
                ..Counts::default()
            },
            documents: 0,
        }
    }

    /// Distinct terms counted so far by `fit`.
    fn fit_terms(&self) -> usize {
        self.fit.n_terms()
    }

    /// The counts of a fit, terms sorted, keeping the terms found in `min_docs` to `max_docs`
    /// documents; the builder emptied.
    #[pyo3(signature = (min_docs, max_docs, n_jobs = None))]
    fn finish_fit(
        &mut self,
        py: Python<'_>,
        min_docs: u64,
        max_docs: u64,
        n_jobs: Option<i64>,
    ) -> PyResult<PyCounts> {
        let pool = parallel::pool(batch::threads(py, n_jobs)?);
        let fit = std::mem::take(&mut self.fit);
        let inner = py.detach(|| {
            let inner = fit.finish(min_docs..=max_docs, pool.as_ref());
            release_free_memory();
            inner
        });
        Ok(PyCounts {
            n_columns: inner.terms.len(),
            inner,
        })
    }

    /// The counts of a transform against `vocabulary`, the builder emptied.
    fn finish_transform(&mut self, vocabulary: &PyVocabulary) -> PyCounts {
        PyCounts {
            inner: std::mem::take(&mut self.transformed),
            n_columns: vocabulary.inner.len(),
        }
    }
}

/// A document-term count matrix with its column terms.
#[pyclass(module = "kalima._kalima", name = "Counts")]
pub(super) struct PyCounts {
    inner: Counts,
    n_columns: usize,
}

#[pymethods]
impl PyCounts {
    fn document_frequencies<'py>(&self, py: Python<'py>) -> Bound<'py, PyArray1<i64>> {
        let df = self.inner.document_frequencies(self.n_columns);
        PyArray1::from_vec(py, df.into_iter().map(|d| d as i64).collect())
    }

    fn term_frequencies<'py>(&self, py: Python<'py>) -> Bound<'py, PyArray1<i64>> {
        let tf = self.inner.term_frequencies(self.n_columns);
        PyArray1::from_vec(py, tf.into_iter().map(|t| t as i64).collect())
    }

    fn binarize(&mut self) {
        self.inner.binarize();
    }

    fn keep_columns(&mut self, keep: PyReadonlyArray1<'_, bool>) -> PyResult<()> {
        let keep = keep.as_slice()?;
        if keep.len() != self.inner.terms.len() {
            return Err(PyValueError::new_err("keep has one entry per column"));
        }
        self.inner.keep_columns(keep);
        self.n_columns = self.inner.terms.len();
        Ok(())
    }

    /// The column terms as a vocabulary.
    fn vocabulary(&self) -> PyResult<PyVocabulary> {
        PyVocabulary::from_terms(self.inner.terms.clone())
    }

    /// `(data, indices, indptr)` for scipy, data in `dtype`; the matrix is left empty.
    fn take_csr<'py>(&mut self, py: Python<'py>, dtype: &str) -> PyResult<Bound<'py, PyTuple>> {
        csr_counts(py, std::mem::take(&mut self.inner), self.n_columns, dtype)
    }
}

fn csr_counts<'py>(
    py: Python<'py>,
    counts: Counts,
    n_cols: usize,
    dtype: &str,
) -> PyResult<Bound<'py, PyTuple>> {
    let values = counts.values;
    let data: Bound<'py, PyAny> = match dtype {
        "int64" => PyArray1::from_vec(py, values.into_iter().map(i64::from).collect()).into_any(),
        // Same size as u32: collected in place, no second buffer.
        "int32" => {
            PyArray1::from_vec(py, values.into_iter().map(|v| v as i32).collect()).into_any()
        }
        "float64" => PyArray1::from_vec(py, values.into_iter().map(f64::from).collect()).into_any(),
        "float32" => {
            PyArray1::from_vec(py, values.into_iter().map(|v| v as f32).collect()).into_any()
        }
        other => return Err(PyValueError::new_err(format!("unsupported dtype {other}"))),
    };
    index_arrays(py, data, counts.indices, counts.indptr, n_cols)
}

fn csr<'py>(
    py: Python<'py>,
    hashed: vectorize::Hashed,
    n_cols: usize,
    dtype: &str,
) -> PyResult<Bound<'py, PyTuple>> {
    let values = hashed.values;
    let data: Bound<'py, PyAny> = match dtype {
        "float64" => PyArray1::from_vec(py, values).into_any(),
        "float32" => {
            PyArray1::from_vec(py, values.into_iter().map(|v| v as f32).collect()).into_any()
        }
        other => return Err(PyValueError::new_err(format!("unsupported dtype {other}"))),
    };
    index_arrays(py, data, hashed.indices, hashed.indptr, n_cols)
}

/// `(data, indices, indptr)` with int32 indices whenever the matrix allows (as scipy chooses),
/// int64 otherwise. The arrays take over the vectors' memory (int32 indices in place).
fn index_arrays<'py>(
    py: Python<'py>,
    data: Bound<'py, PyAny>,
    indices: Vec<u32>,
    indptr: Vec<usize>,
    n_cols: usize,
) -> PyResult<Bound<'py, PyTuple>> {
    let small = indices.len().max(n_cols) <= i32::MAX as usize;
    let (indices, indptr): (Bound<'py, PyAny>, Bound<'py, PyAny>) = if small {
        (
            PyArray1::from_vec(py, indices.into_iter().map(|j| j as i32).collect()).into_any(),
            PyArray1::from_vec(py, indptr.into_iter().map(|p| p as i32).collect()).into_any(),
        )
    } else {
        (
            PyArray1::from_vec(py, indices.into_iter().map(i64::from).collect()).into_any(),
            PyArray1::from_vec(py, indptr.into_iter().map(|p| p as i64).collect()).into_any(),
        )
    };
    PyTuple::new(py, [data, indices, indptr])
}

/// The learned or given vocabulary, compact: the terms and a sorted index, no hash table.
#[pyclass(frozen, module = "kalima._kalima", name = "Vocabulary")]
pub(super) struct PyVocabulary {
    inner: Vocabulary,
}

impl PyVocabulary {
    fn from_terms(terms: Vec<String>) -> PyResult<Self> {
        Vocabulary::new(terms)
            .map(|inner| PyVocabulary { inner })
            .map_err(|t| PyValueError::new_err(format!("Duplicate term in vocabulary: {t:?}")))
    }
}

#[pymethods]
impl PyVocabulary {
    /// Terms in column order; a term may appear once only.
    #[new]
    fn new(terms: Vec<String>) -> PyResult<Self> {
        Self::from_terms(terms)
    }

    fn __len__(&self) -> usize {
        self.inner.len()
    }

    fn get(&self, term: &str) -> Option<u32> {
        self.inner.get(term)
    }

    /// The terms in column order.
    fn terms(&self) -> Vec<String> {
        self.inner.terms().to_vec()
    }
}

pub(super) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyAnalyzer>()?;
    m.add_class::<PyCountBuilder>()?;
    m.add_class::<PyCounts>()?;
    m.add_class::<PyFrequencies>()?;
    m.add_class::<PyVocabulary>()?;
    Ok(())
}
