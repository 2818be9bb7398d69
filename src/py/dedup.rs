//! Bindings of the near-duplicate index: documents added and queried a list at a time through
//! the batch driver (the GIL released while they are shingled, hashed and compared), results
//! as numpy arrays, and the index's state for pickling.

use super::batch::{Errors, Input, Run, DOCUMENTS};
use super::vectorize::{release_free_memory, PyAnalyzer};
use crate::dedup::{Index, Pair, Params, Shingler, Sketch};
use crate::vectorize::Unit;
use numpy::{PyArray1, PyReadonlyArray1};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::PyTuple;

/// Code points per chunk of documents shingled at once.
const CHUNK: usize = 1 << 21;

#[pyclass(module = "kalima._kalima", name = "DedupIndex")]
pub(super) struct PyDedupIndex {
    shingler: Shingler,
    inner: Index,
}

fn shingler(analyzer: &PyAnalyzer, n: usize) -> PyResult<Shingler> {
    if n < 1 {
        return Err(PyValueError::new_err(format!(
            "n must be at least 1; got {n}"
        )));
    }
    if analyzer.inner.unit == Unit::CharWb {
        return Err(PyValueError::new_err(
            "shingles are word or char n-grams, not char_wb",
        ));
    }
    Ok(Shingler {
        analyzer: analyzer.inner.clone(),
        n,
    })
}

fn params(threshold: f64, num_perm: usize, seed: u64, verify: bool) -> PyResult<Params> {
    Params::new(threshold, num_perm, seed, verify).map_err(PyValueError::new_err)
}

impl PyDedupIndex {
    /// The sketches of `docs`, read through the batch driver (chunk by chunk, GIL released),
    /// with the run they were made on. Errors name `documents[first + i]`.
    fn sketch_all(
        &self,
        docs: &Bound<'_, PyAny>,
        first: usize,
        n_jobs: Option<i64>,
        errors: &str,
        progress: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<(Vec<Sketch>, Option<rayon::ThreadPool>)> {
        let run = Run::new(docs.py(), n_jobs, progress)?;
        let input = Input::read(docs)?;
        let docs = input.docs(DOCUMENTS, first, Errors::parse(errors, false)?)?;
        let mut sketches = Vec::with_capacity(input.len());
        let (inner, shingler) = (&self.inner, &self.shingler);
        run.each_chunk(&docs, CHUNK, |views, pool| {
            sketches.extend(inner.sketch(shingler, views, pool));
        })?;
        Ok((sketches, run.into_pool()))
    }
}

#[pymethods]
impl PyDedupIndex {
    /// An empty index: `analyzer` (a word or char analyzer) gives the token or character
    /// stream, `n` the shingle size.
    #[new]
    #[pyo3(signature = (analyzer, n, threshold, num_perm, seed, verify))]
    fn new(
        analyzer: PyRef<'_, PyAnalyzer>,
        n: usize,
        threshold: f64,
        num_perm: usize,
        seed: u64,
        verify: bool,
    ) -> PyResult<Self> {
        Ok(PyDedupIndex {
            shingler: shingler(&analyzer, n)?,
            inner: Index::new(params(threshold, num_perm, seed, verify)?),
        })
    }

    /// The LSH bands.
    #[getter]
    fn bands(&self) -> usize {
        self.inner.params().bands
    }

    /// Signature values per band.
    #[getter]
    fn rows(&self) -> usize {
        self.inner.params().rows
    }

    fn __len__(&self) -> usize {
        self.inner.len()
    }

    /// Adds `docs` after the documents already added; the pairs become those of them all.
    /// Errors name `documents[first + i]`.
    #[pyo3(signature = (docs, first, n_jobs, errors, progress = None))]
    fn add(
        &mut self,
        py: Python<'_>,
        docs: &Bound<'_, PyAny>,
        first: usize,
        n_jobs: Option<i64>,
        errors: &str,
        progress: Option<Bound<'_, PyAny>>,
    ) -> PyResult<()> {
        let (sketches, pool) = self.sketch_all(docs, first, n_jobs, errors, progress.as_ref())?;
        let inner = &mut self.inner;
        py.detach(|| {
            let added = inner.add(sketches, pool.as_ref());
            release_free_memory();
            added
        })
        .map_err(PyValueError::new_err)
    }

    /// For each of `docs`, the added documents it nearly duplicates: `(query, fitted,
    /// jaccard)` arrays, sorted by query, then fitted document; queries count from 0, errors
    /// name `documents[first + i]`.
    #[pyo3(signature = (docs, first, n_jobs, errors, progress = None))]
    #[allow(clippy::too_many_arguments)]
    fn query<'py>(
        &self,
        py: Python<'py>,
        docs: &Bound<'py, PyAny>,
        first: usize,
        n_jobs: Option<i64>,
        errors: &str,
        progress: Option<Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyTuple>> {
        let (sketches, pool) = self.sketch_all(docs, first, n_jobs, errors, progress.as_ref())?;
        let inner = &self.inner;
        let found = py.detach(|| inner.query(&sketches, pool.as_ref()));
        let q = found.iter().map(|f| i64::from(f.0)).collect();
        let d = found.iter().map(|f| i64::from(f.1)).collect();
        let s = found.iter().map(|f| f.2).collect();
        triple(py, q, d, s)
    }

    /// `(i, j, jaccard)` arrays of every pair, `i < j`, sorted.
    fn pairs<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        let pairs = self.inner.pairs();
        let i = pairs.iter().map(|p| i64::from(p.i)).collect();
        let j = pairs.iter().map(|p| i64::from(p.j)).collect();
        let s = pairs.iter().map(|p| p.jaccard).collect();
        triple(py, i, j, s)
    }

    /// One cluster label per document, -1 for a document in no pair.
    fn labels<'py>(&self, py: Python<'py>) -> Bound<'py, PyArray1<i64>> {
        PyArray1::from_vec(py, self.inner.labels())
    }

    /// True for every member of a cluster but its first.
    fn duplicated<'py>(&self, py: Python<'py>) -> Bound<'py, PyArray1<bool>> {
        PyArray1::from_vec(py, self.inner.duplicated())
    }

    /// `(shingles, offsets, signatures, i, j, jaccard)`: what `restore` rebuilds the index
    /// from (the buckets are recomputed from the signatures).
    fn state<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        let (shingles, indptr, signatures, _) = self.inner.parts();
        let indptr: Vec<u64> = indptr.iter().map(|&p| p as u64).collect();
        let pair_arrays = self.pairs(py)?;
        let mut items: Vec<Bound<'py, PyAny>> = vec![
            PyArray1::from_slice(py, shingles).into_any(),
            PyArray1::from_vec(py, indptr).into_any(),
            PyArray1::from_slice(py, signatures).into_any(),
        ];
        items.extend(pair_arrays.iter());
        PyTuple::new(py, items)
    }

    /// The index of `state()`, with these parameters; a `ValueError` when the state is not
    /// one they can have made.
    #[staticmethod]
    #[pyo3(signature = (analyzer, n, threshold, num_perm, seed, verify, state))]
    fn restore(
        analyzer: PyRef<'_, PyAnalyzer>,
        n: usize,
        threshold: f64,
        num_perm: usize,
        seed: u64,
        verify: bool,
        state: &Bound<'_, PyAny>,
    ) -> PyResult<Self> {
        let corrupted =
            |e: String| PyValueError::new_err(format!("corrupted NearDuplicates state: {e}"));
        type State<'a> = (
            PyReadonlyArray1<'a, u64>,
            PyReadonlyArray1<'a, u64>,
            PyReadonlyArray1<'a, u32>,
            PyReadonlyArray1<'a, i64>,
            PyReadonlyArray1<'a, i64>,
            PyReadonlyArray1<'a, f64>,
        );
        let (shingles, indptr, signatures, i, j, s): State<'_> = state
            .extract()
            .map_err(|e: PyErr| corrupted(e.to_string()))?;
        let (i, j, s) = (i.as_array(), j.as_array(), s.as_array());
        if i.len() != j.len() || i.len() != s.len() {
            return Err(corrupted("pair arrays differ in length".into()));
        }
        let index =
            |x: i64| u32::try_from(x).map_err(|_| corrupted("a pair is out of range".into()));
        let mut pairs = Vec::with_capacity(i.len());
        for k in 0..i.len() {
            pairs.push(Pair {
                i: index(i[k])?,
                j: index(j[k])?,
                jaccard: s[k],
            });
        }
        let offsets = indptr.as_array().iter().map(|&p| p as usize).collect();
        let inner = Index::from_parts(
            params(threshold, num_perm, seed, verify)?,
            shingles.as_array().to_vec(),
            offsets,
            signatures.as_array().to_vec(),
            pairs,
        )
        .map_err(|e| corrupted(e.to_string()))?;
        Ok(PyDedupIndex {
            shingler: shingler(&analyzer, n)?,
            inner,
        })
    }
}

fn triple<'py>(
    py: Python<'py>,
    a: Vec<i64>,
    b: Vec<i64>,
    c: Vec<f64>,
) -> PyResult<Bound<'py, PyTuple>> {
    let items: [Bound<'py, PyAny>; 3] = [
        PyArray1::from_vec(py, a).into_any(),
        PyArray1::from_vec(py, b).into_any(),
        PyArray1::from_vec(py, c).into_any(),
    ];
    PyTuple::new(py, items)
}

pub(super) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyDedupIndex>()
}
