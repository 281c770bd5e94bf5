//! How Rust failures reach Python: one exception type, library errors with
//! their problems attached, and panics caught before they unwind into Python.

use std::panic::{catch_unwind, AssertUnwindSafe};

use pyo3::create_exception;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;

create_exception!(
    clickbait,
    ClickbaitError,
    PyValueError,
    "A lexicon or weights file is invalid (the message names file:line), or the \
     library failed internally."
);

/// Runs `f`, turning a panic into a `ClickbaitError` instead of unwinding into
/// Python.
pub fn guarded<T>(what: &str, f: impl FnOnce() -> T) -> PyResult<T> {
    catch_unwind(AssertUnwindSafe(f)).map_err(|payload| {
        let msg = payload
            .downcast_ref::<&str>()
            .map(|s| (*s).to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown panic".to_string());
        ClickbaitError::new_err(format!("internal error while {what}: {msg}"))
    })
}

/// A library error as `ClickbaitError(message)`, with `problems`: a list of
/// `(file, line, message)` for each problem in a lexicon or weights file
/// (line 0: the whole file), empty for other errors.
pub fn library_error(py: Python<'_>, e: &clickbait::Error) -> PyErr {
    let err = ClickbaitError::new_err(e.to_string());
    let problems: Vec<(String, usize, String)> = e
        .problems()
        .iter()
        .map(|p| (p.file.clone(), p.line, p.kind.to_string()))
        .collect();
    if let Err(set) = err.value(py).setattr("problems", problems) {
        return set;
    }
    err
}
