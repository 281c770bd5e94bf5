//! Python strings in and out: titles from `str` (lone surrogates replaced),
//! verdicts back as dicts in the one JSON shape of a hit (byte and character
//! offsets), and `f32`s as the floats that print like them.

use std::borrow::Cow;

use clickbait::Verdict;
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyList, PyString};

/// A title from a Python `str`. Lone surrogates (which UTF-8 cannot hold)
/// become U+FFFD, one replacement per surrogate, so character offsets are
/// unchanged.
pub fn title_from_str<'a>(s: &'a Bound<'_, PyString>) -> PyResult<Cow<'a, str>> {
    match s.to_cow() {
        Ok(t) => Ok(t),
        Err(_) => {
            // `surrogatepass` writes each surrogate as the 3-byte sequence
            // ED A0..BF 80..BF; U+FFFD is also 3 bytes (EF BF BD).
            let bytes = s.call_method1("encode", ("utf-8", "surrogatepass"))?;
            let bytes = bytes.cast::<PyBytes>()?.as_bytes();
            let mut v = bytes.to_vec();
            let mut i = 0;
            while i + 2 < v.len() {
                if v[i] == 0xED && (0xA0..=0xBF).contains(&v[i + 1]) {
                    v[i..i + 3].copy_from_slice("\u{FFFD}".as_bytes());
                    i += 3;
                } else {
                    i += 1;
                }
            }
            Ok(Cow::Owned(match String::from_utf8(v) {
                Ok(t) => t,
                Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
            }))
        }
    }
}

/// A title argument: must be a `str`.
pub fn title_arg<'a>(ob: &'a Bound<'_, PyAny>) -> PyResult<Cow<'a, str>> {
    match ob.cast::<PyString>() {
        Ok(s) => title_from_str(s),
        Err(_) => Err(PyTypeError::new_err(format!(
            "title must be str, not {}",
            type_name(ob)
        ))),
    }
}

/// The name of `ob`'s type, for messages.
pub fn type_name(ob: &Bound<'_, PyAny>) -> String {
    ob.get_type()
        .name()
        .map(|n| n.to_string())
        .unwrap_or_else(|_| "?".to_string())
}

/// An `f32` as the Python float that prints like it: the shortest decimal
/// that reads back to the same `f32` (2.8, not 2.799999952316284).
/// `numpy.float32(x)` of the result is the original value.
pub fn py_float(x: f32) -> f64 {
    let mut buf = ryu::Buffer::new();
    buf.format(x).parse().unwrap_or(f64::from(x))
}

/// A verdict as a Python dict with the same fields as the Rust `Verdict`.
pub fn verdict_dict<'py>(py: Python<'py>, v: &Verdict) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    d.set_item("score", py_float(v.score))?;
    d.set_item("is_clickbait", v.is_clickbait)?;
    d.set_item("logit", py_float(v.logit))?;
    d.set_item("bias", py_float(v.bias))?;
    d.set_item("language", v.language.as_str())?;
    let hits = PyList::empty(py);
    for h in &v.hits {
        // The shape of `clickbait::Hit`'s JSON, key for key.
        let hd = PyDict::new(py);
        hd.set_item("phrase", &h.phrase)?;
        hd.set_item("category", h.category.as_str())?;
        hd.set_item("start", h.span.start)?;
        hd.set_item("end", h.span.end)?;
        hd.set_item("char_start", h.char_span.start)?;
        hd.set_item("char_end", h.char_span.end)?;
        hd.set_item("weight", py_float(h.weight))?;
        hd.set_item("contribution", py_float(h.contribution))?;
        hd.set_item("context", PyList::new(py, h.context.names())?)?;
        hits.append(hd)?;
    }
    d.set_item("hits", hits)?;
    let signals = PyList::empty(py);
    for s in &v.signals {
        let sd = PyDict::new(py);
        sd.set_item("signal", s.signal.as_str())?;
        sd.set_item("count", s.count)?;
        sd.set_item("contribution", py_float(s.contribution))?;
        signals.append(sd)?;
    }
    d.set_item("signals", signals)?;
    Ok(d)
}
