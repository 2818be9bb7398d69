//! kalima: Arabic text made ready for machine learning.
//!
//! The crate is a pure Rust core; the Python bindings live in `py/` behind the `python` feature,
//! so `cargo test` never needs libpython.

pub mod dedup;
pub mod normalize;
pub mod parallel;
pub mod segment;
pub mod similar;
pub mod stem;
pub mod tokenize;
pub mod vectorize;

pub use normalize::{NormalizeOptions, Normalizer, Preset};

#[cfg(feature = "python")]
mod py;
