//! Python bindings (`kalima._kalima`). Thin: read the documents where they live, release the
//! GIL, call the core, write the results. One file per concept (`normalize.rs`, `tokenize.rs`,
//! `stem.rs`, `segment.rs`, `vectorize.rs`, `dedup.rs`, `similar.rs`), one batch driver
//! (`batch.rs`) that every batch entry point and vectorizer goes through, and Arrow buffers in
//! and out (`arrow.rs`).
//!
//! The extension is built for one CPython version (not abi3), so that it can read a str's
//! PEP 393 data in place and write new strs directly.

mod arrow;
mod batch;
mod dedup;
mod normalize;
mod options;
mod segment;
mod similar;
mod stem;
mod tokenize;
mod vectorize;

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::PyDict;

use crate::normalize::Preset;
use crate::stem::Method;

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

/// The number of threads a batch with this `n_jobs` runs on here and now.
#[pyfunction]
#[pyo3(signature = (n_jobs = None))]
fn threads(py: Python<'_>, n_jobs: Option<i64>) -> PyResult<usize> {
    batch::threads(py, n_jobs)
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

#[pymodule(gil_used = false)]
fn _kalima(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<normalize::PyNormalizer>()?;
    m.add_class::<stem::PyStemmer>()?;
    m.add_class::<tokenize::PyTokenizer>()?;
    m.add_class::<arrow::ArrowStrings>()?;
    segment::register(m)?;
    m.add_function(wrap_pyfunction!(preset_options, m)?)?;
    m.add_function(wrap_pyfunction!(preset_names, m)?)?;
    m.add_function(wrap_pyfunction!(stemmer_names, m)?)?;
    m.add_function(wrap_pyfunction!(tokenize::tokenizer_modes, m)?)?;
    m.add_function(wrap_pyfunction!(tokenize::placeholders, m)?)?;
    m.add_function(wrap_pyfunction!(threads, m)?)?;
    vectorize::register(m)?;
    dedup::register(m)?;
    similar::register(m)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
