//! Binding of the all-pairs similarity search: the CSR arrays in (read in place), the GIL
//! released while rows are searched, the pairs out as numpy arrays.

use super::batch;
use crate::parallel;
use crate::similar::{self, Csr};
use numpy::{PyArray1, PyReadonlyArray1};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::PyTuple;

/// `(i, j, similarity)` arrays of every pair of rows `i < j` whose dot product is at least
/// `threshold`, sorted; the CSR arrays must be contiguous, each row's columns sorted.
#[pyfunction]
#[pyo3(signature = (indptr, indices, data, n_cols, threshold, top_k = None, n_jobs = None))]
#[allow(clippy::too_many_arguments)]
pub(super) fn similar_pairs<'py>(
    py: Python<'py>,
    indptr: PyReadonlyArray1<'py, i64>,
    indices: PyReadonlyArray1<'py, i64>,
    data: PyReadonlyArray1<'py, f64>,
    n_cols: usize,
    threshold: f64,
    top_k: Option<usize>,
    n_jobs: Option<i64>,
) -> PyResult<Bound<'py, PyTuple>> {
    if !(threshold > 0.0 && threshold <= 1.0) {
        return Err(PyValueError::new_err(format!(
            "threshold must be in (0, 1]; got {threshold}"
        )));
    }
    if top_k == Some(0) {
        return Err(PyValueError::new_err("top_k must be None or at least 1"));
    }
    let pool = parallel::pool(batch::threads(py, n_jobs)?);
    let x = Csr {
        indptr: indptr.as_slice()?,
        indices: indices.as_slice()?,
        data: data.as_slice()?,
        n_cols,
    };
    if x.indptr.len() > u32::MAX as usize {
        return Err(PyValueError::new_err("X has more than 2^32 - 1 rows"));
    }
    let pairs = py
        .detach(|| {
            x.check()?;
            Ok(similar::similar_pairs(x, threshold, top_k, pool.as_ref()))
        })
        .map_err(|e: String| PyValueError::new_err(format!("X is not a valid CSR matrix: {e}")))?;
    let i: Vec<i64> = pairs.iter().map(|p| i64::from(p.0)).collect();
    let j: Vec<i64> = pairs.iter().map(|p| i64::from(p.1)).collect();
    let s: Vec<f64> = pairs.iter().map(|p| p.2).collect();
    let items: [Bound<'py, PyAny>; 3] = [
        PyArray1::from_vec(py, i).into_any(),
        PyArray1::from_vec(py, j).into_any(),
        PyArray1::from_vec(py, s).into_any(),
    ];
    PyTuple::new(py, items)
}

pub(super) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(similar_pairs, m)?)
}
