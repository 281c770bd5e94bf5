//! Python strings in and out: titles from `str` (lone surrogates replaced),
//! and verdicts back as dicts with character, not byte, offsets.

use std::borrow::Cow;
use std::ops::Range;

use clickbait::Verdict;
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyList, PyString, PyTuple};

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

/// Character (code point) offsets for the given byte offsets into `title`.
/// Byte offsets inside a character count the character they start in (never
/// happens for library spans, which lie on char boundaries).
fn char_offsets(title: &str, byte_offsets: &[usize]) -> Vec<usize> {
    let bytes = title.as_bytes();
    let mut order: Vec<usize> = (0..byte_offsets.len()).collect();
    order.sort_by_key(|&i| byte_offsets[i]);
    let mut out = vec![0; byte_offsets.len()];
    let (mut pos, mut chars) = (0usize, 0usize);
    for i in order {
        let target = byte_offsets[i].min(bytes.len());
        chars += bytes[pos..target]
            .iter()
            .filter(|&&b| (b & 0xC0) != 0x80)
            .count();
        pos = target;
        out[i] = chars;
    }
    out
}

/// Character spans of a verdict's hits, in hit order.
pub fn hit_char_spans(title: &str, v: &Verdict) -> Vec<Range<usize>> {
    let flat: Vec<usize> = v
        .hits
        .iter()
        .flat_map(|h| [h.span.start, h.span.end])
        .collect();
    let chars = char_offsets(title, &flat);
    chars.chunks_exact(2).map(|c| c[0]..c[1]).collect()
}

/// A verdict as a Python dict with the same fields as the Rust `Verdict`.
pub fn verdict_dict<'py>(
    py: Python<'py>,
    title: &str,
    v: &Verdict,
) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    d.set_item("score", v.score)?;
    d.set_item("is_clickbait", v.is_clickbait)?;
    d.set_item("logit", v.logit)?;
    d.set_item("bias", v.bias)?;
    d.set_item("language", v.language.as_str())?;
    let hits = PyList::empty(py);
    for (h, span) in v.hits.iter().zip(hit_char_spans(title, v)) {
        let hd = PyDict::new(py);
        hd.set_item("phrase", &h.phrase)?;
        hd.set_item("category", h.category.as_str())?;
        hd.set_item("span", PyTuple::new(py, [span.start, span.end])?)?;
        hd.set_item("weight", h.weight)?;
        hd.set_item("contribution", h.contribution)?;
        let c = PyDict::new(py);
        c.set_item("negated", h.context.negated)?;
        c.set_item("quoted", h.context.quoted)?;
        c.set_item("debunked", h.context.debunked)?;
        c.set_item("intensified", h.context.intensified)?;
        c.set_item("shouted", h.context.shouted)?;
        c.set_item("prose", h.context.prose)?;
        hd.set_item("context", c)?;
        hits.append(hd)?;
    }
    d.set_item("hits", hits)?;
    let signals = PyList::empty(py);
    for s in &v.signals {
        let sd = PyDict::new(py);
        sd.set_item("signal", s.signal.as_str())?;
        sd.set_item("count", s.count)?;
        sd.set_item("contribution", s.contribution)?;
        signals.append(sd)?;
    }
    d.set_item("signals", signals)?;
    Ok(d)
}
