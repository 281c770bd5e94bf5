//! `clickbait._clickbait`: the Python extension module behind the `clickbait`
//! Python package.
//!
//! * Titles cross the boundary as Python `str` (one at a time or a list) or as
//!   Arrow string arrays through the Arrow C Data Interface (`__arrow_c_array__`,
//!   the PyCapsule interface), so a Spark or pandas batch is scored without a
//!   Python object per row.
//! * The GIL is released while Rust scores a batch.
//! * Every Rust error becomes a Python exception carrying the Rust message
//!   (`file:line: message` for a bad lexicon); a panic inside the library is
//!   caught and re-raised as `ClickbaitError`, never unwound into Python.
//! * Hits in `explain` have the one JSON shape of `clickbait::Hit`: byte
//!   (`start`, `end`) and *character* (`char_start`, `char_end`) offsets; the
//!   character ones index the Python string.
//! * A `str` with lone surrogates (not representable in UTF-8) is scored with
//!   each surrogate replaced by U+FFFD; that keeps one character per character,
//!   so spans still index the caller's string.

mod arrow;
mod batch;
mod classifier;
mod errors;
mod text;

use pyo3::prelude::*;
use pyo3::types::PyList;

use crate::classifier::PyClassifier;
use crate::errors::ClickbaitError;

#[pymodule]
fn _clickbait(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let error_type = m.py().get_type::<ClickbaitError>();
    // Instances from invalid files carry their own list; others see this default.
    error_type.setattr("problems", PyList::empty(m.py()))?;
    m.add("ClickbaitError", error_type)?;
    m.add_class::<PyClassifier>()?;
    m.add_function(wrap_pyfunction!(classifier::score, m)?)?;
    m.add_function(wrap_pyfunction!(classifier::is_clickbait, m)?)?;
    m.add_function(wrap_pyfunction!(classifier::explain, m)?)?;
    m.add_function(wrap_pyfunction!(classifier::_from_config, m)?)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
