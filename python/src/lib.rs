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
//! * Spans in `explain` are *character* (code point) offsets into the Python
//!   string, not the library's byte offsets.
//! * A `str` with lone surrogates (not representable in UTF-8) is scored with
//!   each surrogate replaced by U+FFFD; that keeps one character per character,
//!   so spans still index the caller's string.

use std::borrow::Cow;
use std::ops::Range;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;
use std::sync::Arc;

use arrow_array::builder::StringBuilder;
use arrow_array::{
    make_array, Array, ArrayRef, Float32Array, Int32Array, LargeStringArray, ListArray,
    StringArray, StringViewArray, StructArray,
};
use arrow_buffer::{NullBuffer, OffsetBuffer, ScalarBuffer};
use arrow_data::ArrayData;
use arrow_pyarrow::{FromPyArrow, ToPyArrow};
use arrow_schema::{DataType, Field, Fields};
use clickbait::{Classifier, Verdict, Weights};
use pyo3::create_exception;
use pyo3::exceptions::{
    PyFileNotFoundError, PyOSError, PyPermissionError, PyTypeError, PyValueError,
};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyList, PyString, PyTuple};

create_exception!(
    clickbait,
    ClickbaitError,
    PyValueError,
    "A lexicon or weights file is invalid (the message names file:line), or the \
     library failed internally."
);

/// Runs `f`, turning a panic into a `ClickbaitError` instead of unwinding into
/// Python.
fn guarded<T>(what: &str, f: impl FnOnce() -> T) -> PyResult<T> {
    catch_unwind(AssertUnwindSafe(f)).map_err(|payload| {
        let msg = payload
            .downcast_ref::<&str>()
            .map(|s| (*s).to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown panic".to_string());
        ClickbaitError::new_err(format!("internal error while {what}: {msg}"))
    })
}

// ---------------------------------------------------------------------------
// Python strings
// ---------------------------------------------------------------------------

/// A title from a Python `str`. Lone surrogates (which UTF-8 cannot hold)
/// become U+FFFD, one replacement per surrogate, so character offsets are
/// unchanged.
fn title_from_str<'a>(s: &'a Bound<'_, PyString>) -> PyResult<Cow<'a, str>> {
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
fn title_arg<'a>(ob: &'a Bound<'_, PyAny>) -> PyResult<Cow<'a, str>> {
    match ob.cast::<PyString>() {
        Ok(s) => title_from_str(s),
        Err(_) => Err(PyTypeError::new_err(format!(
            "title must be str, not {}",
            type_name(ob)
        ))),
    }
}

fn type_name(ob: &Bound<'_, PyAny>) -> String {
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
fn hit_char_spans(title: &str, v: &Verdict) -> Vec<Range<usize>> {
    let flat: Vec<usize> = v
        .hits
        .iter()
        .flat_map(|h| [h.span.start, h.span.end])
        .collect();
    let chars = char_offsets(title, &flat);
    chars.chunks_exact(2).map(|c| c[0]..c[1]).collect()
}

/// A verdict as a Python dict with the same fields as the Rust `Verdict`.
fn verdict_dict<'py>(py: Python<'py>, title: &str, v: &Verdict) -> PyResult<Bound<'py, PyDict>> {
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

// ---------------------------------------------------------------------------
// Arrow
// ---------------------------------------------------------------------------

/// An Arrow array of titles, any string layout.
enum Titles {
    Utf8(StringArray),
    Large(LargeStringArray),
    View(StringViewArray),
    AllNull(usize),
}

impl Titles {
    fn from_array(array: ArrayRef) -> PyResult<Titles> {
        let any = array.as_any();
        let t = match array.data_type() {
            DataType::Utf8 => any.downcast_ref::<StringArray>().cloned().map(Titles::Utf8),
            DataType::LargeUtf8 => any
                .downcast_ref::<LargeStringArray>()
                .cloned()
                .map(Titles::Large),
            DataType::Utf8View => any
                .downcast_ref::<StringViewArray>()
                .cloned()
                .map(Titles::View),
            DataType::Null => Some(Titles::AllNull(array.len())),
            _ => None,
        };
        t.ok_or_else(|| {
            PyTypeError::new_err(format!(
                "expected an Arrow string array (string, large_string or string_view), got {}",
                array.data_type()
            ))
        })
    }

    fn len(&self) -> usize {
        match self {
            Titles::Utf8(a) => a.len(),
            Titles::Large(a) => a.len(),
            Titles::View(a) => a.len(),
            Titles::AllNull(n) => *n,
        }
    }

    fn get(&self, i: usize) -> Option<&str> {
        match self {
            Titles::Utf8(a) => a.is_valid(i).then(|| a.value(i)),
            Titles::Large(a) => a.is_valid(i).then(|| a.value(i)),
            Titles::View(a) => a.is_valid(i).then(|| a.value(i)),
            Titles::AllNull(_) => None,
        }
    }

    fn nulls(&self) -> Option<NullBuffer> {
        match self {
            Titles::Utf8(a) => a.nulls().cloned(),
            Titles::Large(a) => a.nulls().cloned(),
            Titles::View(a) => a.nulls().cloned(),
            Titles::AllNull(n) => Some(NullBuffer::new_null(*n)),
        }
    }
}

/// Imports one Arrow array from any object with `__arrow_c_array__` (pyarrow,
/// polars, nanoarrow, ...).
fn import_titles(ob: &Bound<'_, PyAny>) -> PyResult<Titles> {
    if !ob.hasattr("__arrow_c_array__")? {
        return Err(PyTypeError::new_err(format!(
            "expected an Arrow string array (an object with __arrow_c_array__, such as \
             pyarrow.Array or pyarrow.ChunkedArray), got {}",
            type_name(ob)
        )));
    }
    let data = ArrayData::from_pyarrow_bound(ob)?;
    Titles::from_array(make_array(data))
}

fn thread_count(threads: usize) -> usize {
    if threads == 0 {
        std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(1)
    } else {
        threads
    }
}

/// Fills `out[i] = f(i)`, on `threads` threads when the batch is big enough.
fn fill<F: Fn(usize) -> f32 + Sync>(out: &mut [f32], threads: usize, f: F) {
    const MIN_PER_THREAD: usize = 2048;
    let threads = threads.min(out.len() / MIN_PER_THREAD).max(1);
    if threads == 1 {
        for (i, o) in out.iter_mut().enumerate() {
            *o = f(i);
        }
        return;
    }
    let chunk = out.len().div_ceil(threads);
    let f = &f;
    std::thread::scope(|s| {
        for (k, part) in out.chunks_mut(chunk).enumerate() {
            s.spawn(move || {
                for (j, o) in part.iter_mut().enumerate() {
                    *o = f(k * chunk + j);
                }
            });
        }
    });
}

/// The item type of the `explain_arrow` list: one struct per hit.
fn hit_fields() -> Fields {
    Fields::from(vec![
        Field::new("phrase", DataType::Utf8, false),
        Field::new("category", DataType::Utf8, false),
        Field::new("start", DataType::Int32, false),
        Field::new("end", DataType::Int32, false),
        Field::new("weight", DataType::Float32, false),
    ])
}

fn explain_titles(c: &Classifier, titles: &Titles) -> Result<ListArray, String> {
    let n = titles.len();
    let mut offsets: Vec<i32> = Vec::with_capacity(n + 1);
    offsets.push(0);
    let mut phrase = StringBuilder::new();
    let mut category = StringBuilder::new();
    let (mut start, mut end, mut weight) = (Vec::new(), Vec::new(), Vec::new());
    let to_i32 = |x: usize| i32::try_from(x).map_err(|_| "explain_arrow: offset exceeds i32");
    for i in 0..n {
        if let Some(t) = titles.get(i) {
            let v = c.score(t);
            for (h, span) in v.hits.iter().zip(hit_char_spans(t, &v)) {
                phrase.append_value(&h.phrase);
                category.append_value(h.category.as_str());
                start.push(to_i32(span.start)?);
                end.push(to_i32(span.end)?);
                weight.push(h.weight);
            }
        }
        offsets.push(to_i32(start.len())?);
    }
    let fields = hit_fields();
    let columns: Vec<ArrayRef> = vec![
        Arc::new(phrase.finish()),
        Arc::new(category.finish()),
        Arc::new(Int32Array::from(start)),
        Arc::new(Int32Array::from(end)),
        Arc::new(Float32Array::from(weight)),
    ];
    let hits = StructArray::try_new(fields.clone(), columns, None).map_err(|e| e.to_string())?;
    let item = Arc::new(Field::new("item", DataType::Struct(fields), true));
    ListArray::try_new(
        item,
        OffsetBuffer::new(ScalarBuffer::from(offsets)),
        Arc::new(hits),
        titles.nulls(),
    )
    .map_err(|e| e.to_string())
}

// ---------------------------------------------------------------------------
// Classifier
// ---------------------------------------------------------------------------

/// What a classifier was built from, with file contents rather than paths, so
/// that it can be rebuilt anywhere (a Spark executor has no access to the
/// driver's files).
#[derive(Clone, Debug)]
struct Config {
    /// `(name, text)` of every added lexicon, in order.
    lexicons: Vec<(String, String)>,
    default_lexicons: bool,
    /// `(name, text)` of the weights file.
    weights: Option<(String, String)>,
    threshold: Option<f64>,
}

impl Config {
    fn is_default(&self) -> bool {
        self.lexicons.is_empty()
            && self.default_lexicons
            && self.weights.is_none()
            && self.threshold.is_none()
    }

    fn build(&self, py: Python<'_>) -> PyResult<Classifier> {
        let r = guarded("building the classifier", || {
            let mut b = Classifier::builder();
            if !self.default_lexicons {
                b = b.no_default_lexicons();
            }
            for (name, text) in &self.lexicons {
                b = b.add_lexicon_str(name, text)?;
            }
            if let Some((name, text)) = &self.weights {
                b = b.weights(Weights::parse(name, text)?);
            }
            if let Some(t) = self.threshold {
                b = b.threshold(t as f32);
            }
            b.build()
        })?;
        r.map_err(|e| library_error(py, &e))
    }

    fn to_py<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        let lex: Vec<Bound<'py, PyTuple>> = self
            .lexicons
            .iter()
            .map(|(n, t)| PyTuple::new(py, [n, t]))
            .collect::<PyResult<_>>()?;
        let weights = match &self.weights {
            Some((n, t)) => PyTuple::new(py, [n, t])?.into_any(),
            None => py.None().into_bound(py),
        };
        PyTuple::new(
            py,
            [
                PyTuple::new(py, lex)?.into_any(),
                self.default_lexicons
                    .into_pyobject(py)?
                    .to_owned()
                    .into_any(),
                weights,
                self.threshold.into_pyobject(py)?.into_any(),
            ],
        )
    }

    fn from_py(ob: &Bound<'_, PyAny>) -> PyResult<Config> {
        type Raw = (
            Vec<(String, String)>,
            bool,
            Option<(String, String)>,
            Option<f64>,
        );
        let (lexicons, default_lexicons, weights, threshold): Raw = ob.extract()?;
        Ok(Config {
            lexicons,
            default_lexicons,
            weights,
            threshold,
        })
    }
}

/// A library error as `ClickbaitError(message)`, with `problems`: a list of
/// `(file, line, message)` for each problem in a lexicon or weights file
/// (line 0: the whole file), empty for other errors.
fn library_error(py: Python<'_>, e: &clickbait::Error) -> PyErr {
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

/// Reads a lexicon or weights file for the config, with an `OSError` subclass
/// naming the file when it cannot be read.
fn read_source(path: &PathBuf) -> PyResult<(String, String)> {
    let name = path.display().to_string();
    match std::fs::read_to_string(path) {
        Ok(text) => Ok((name, text)),
        Err(e) => {
            let msg = format!("cannot read {name}: {e}");
            let errno = e.raw_os_error().unwrap_or(0);
            Err(match e.kind() {
                std::io::ErrorKind::NotFound => PyFileNotFoundError::new_err((errno, msg, name)),
                std::io::ErrorKind::PermissionDenied => {
                    PyPermissionError::new_err((errno, msg, name))
                }
                std::io::ErrorKind::InvalidData => ClickbaitError::new_err(msg),
                _ => PyOSError::new_err((errno, msg, name)),
            })
        }
    }
}

enum Inner {
    /// The library's shared default classifier.
    Default,
    Owned(Box<Classifier>),
}

/// A configured scorer. Immutable and thread-safe: share one across threads.
#[pyclass(module = "clickbait._clickbait", name = "Classifier", frozen)]
struct PyClassifier {
    inner: Inner,
    config: Config,
}

impl PyClassifier {
    fn get(&self) -> &Classifier {
        match &self.inner {
            Inner::Default => Classifier::default_ref(),
            Inner::Owned(c) => c,
        }
    }

    fn from_config(py: Python<'_>, config: Config) -> PyResult<PyClassifier> {
        let inner = if config.is_default() {
            guarded("building the default classifier", || {
                Classifier::default_ref();
            })?;
            Inner::Default
        } else {
            Inner::Owned(Box::new(config.build(py)?))
        };
        Ok(PyClassifier { inner, config })
    }

    fn score_titles(&self, py: Python<'_>, titles: &Titles, threads: usize) -> PyResult<ArrayRef> {
        let c = self.get();
        let threads = thread_count(threads);
        let values = py.detach(|| {
            guarded("scoring", || {
                let mut out = vec![0.0f32; titles.len()];
                fill(&mut out, threads, |i| {
                    titles.get(i).map_or(0.0, |t| c.score_value(t))
                });
                out
            })
        })?;
        Ok(Arc::new(Float32Array::new(
            ScalarBuffer::from(values),
            titles.nulls(),
        )))
    }

    /// Applies `per_array` to one Arrow array, or to every chunk of a
    /// ChunkedArray / Arrow stream, returning the same shape.
    fn map_arrow<'py>(
        &self,
        ob: &Bound<'py, PyAny>,
        per_array: impl Fn(&Titles) -> PyResult<ArrayRef>,
        out_type: DataType,
    ) -> PyResult<Bound<'py, PyAny>> {
        let py = ob.py();
        if ob.hasattr("__arrow_c_array__")? {
            let titles = import_titles(ob)?;
            return per_array(&titles)?.to_data().to_pyarrow(py);
        }
        if ob.hasattr("__arrow_c_stream__")? {
            let pa = py.import("pyarrow")?;
            let chunked_type = pa.getattr("ChunkedArray")?;
            let chunked = if ob.is_instance(&chunked_type)? {
                ob.clone()
            } else {
                pa.call_method1("chunked_array", (ob,))?
            };
            let out = PyList::empty(py);
            for chunk in chunked.getattr("chunks")?.try_iter()? {
                let titles = import_titles(&chunk?)?;
                out.append(per_array(&titles)?.to_data().to_pyarrow(py)?)?;
            }
            let ty = out_type.to_pyarrow(py)?;
            return pa.call_method1("chunked_array", (out, ty));
        }
        Err(PyTypeError::new_err(format!(
            "expected an Arrow string array (pyarrow.Array, pyarrow.ChunkedArray or any \
             object with __arrow_c_array__ / __arrow_c_stream__), got {}",
            type_name(ob)
        )))
    }
}

#[pymethods]
impl PyClassifier {
    /// `Classifier(lexicons=None, default_lexicons=True, weights=None, threshold=None)`
    #[new]
    #[pyo3(signature = (lexicons=None, default_lexicons=true, weights=None, threshold=None))]
    fn new(
        py: Python<'_>,
        lexicons: Option<Vec<PathBuf>>,
        default_lexicons: bool,
        weights: Option<PathBuf>,
        threshold: Option<f64>,
    ) -> PyResult<PyClassifier> {
        let lexicons = lexicons
            .unwrap_or_default()
            .iter()
            .map(read_source)
            .collect::<PyResult<Vec<_>>>()?;
        let weights = weights.as_ref().map(read_source).transpose()?;
        PyClassifier::from_config(
            py,
            Config {
                lexicons,
                default_lexicons,
                weights,
                threshold,
            },
        )
    }

    /// The probability at or above which a title is flagged.
    #[getter]
    fn threshold(&self) -> f32 {
        self.get().threshold()
    }

    /// The constructor arguments, with file contents instead of paths:
    /// `((name, text) per lexicon, default_lexicons, (name, text) or None, threshold)`.
    #[getter]
    fn config<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        self.config.to_py(py)
    }

    /// Number of lexicon entries in use (defaults included).
    #[getter]
    fn entry_count(&self) -> usize {
        self.get()
            .lexicons()
            .iter()
            .map(|l| l.entries().len())
            .sum()
    }

    /// The probability that `title` is clickbait, in [0, 1].
    fn score(&self, title: &Bound<'_, PyAny>) -> PyResult<f32> {
        let t = title_arg(title)?;
        guarded("scoring", || self.get().score_value(&t))
    }

    /// Whether `title` scores at or above the threshold.
    fn is_clickbait(&self, title: &Bound<'_, PyAny>) -> PyResult<bool> {
        let t = title_arg(title)?;
        guarded("scoring", || self.get().is_clickbait(&t))
    }

    /// The full verdict as a dict; hit spans are character offsets.
    fn explain<'py>(&self, title: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyDict>> {
        let t = title_arg(title)?;
        let v = guarded("scoring", || self.get().score(&t))?;
        verdict_dict(title.py(), &t, &v)
    }

    /// Scores a list (any iterable) of `str`; the GIL is released while scoring.
    #[pyo3(signature = (titles, threads=1))]
    fn score_batch(
        &self,
        py: Python<'_>,
        titles: &Bound<'_, PyAny>,
        threads: usize,
    ) -> PyResult<Vec<f32>> {
        let mut owned: Vec<String> = Vec::new();
        if let Ok(n) = titles.len() {
            owned.reserve(n);
        }
        for (i, item) in titles.try_iter()?.enumerate() {
            let item = item?;
            let s = item.cast::<PyString>().map_err(|_| {
                PyTypeError::new_err(format!(
                    "score_batch: element {i} is {}, not str",
                    type_name(&item)
                ))
            })?;
            owned.push(title_from_str(s)?.into_owned());
        }
        let c = self.get();
        let threads = thread_count(threads);
        py.detach(|| {
            guarded("scoring", || {
                let mut out = vec![0.0f32; owned.len()];
                fill(&mut out, threads, |i| c.score_value(&owned[i]));
                out
            })
        })
    }

    /// Scores an Arrow string array (string, large_string, string_view; also a
    /// ChunkedArray) and returns float32 scores in the same order, nulls kept.
    #[pyo3(signature = (array, threads=1))]
    fn score_arrow<'py>(
        &self,
        py: Python<'py>,
        array: &Bound<'py, PyAny>,
        threads: usize,
    ) -> PyResult<Bound<'py, PyAny>> {
        self.map_arrow(
            array,
            |t| self.score_titles(py, t, threads),
            DataType::Float32,
        )
    }

    /// The hits of every title of an Arrow string array, as
    /// `list<struct<phrase, category, start, end, weight>>` (character offsets).
    fn explain_arrow<'py>(
        &self,
        py: Python<'py>,
        array: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let c = self.get();
        let per = |t: &Titles| -> PyResult<ArrayRef> {
            let list = py.detach(|| guarded("explaining", || explain_titles(c, t)))?;
            Ok(Arc::new(list.map_err(ClickbaitError::new_err)?))
        };
        let item = Field::new("item", DataType::Struct(hit_fields()), true);
        self.map_arrow(array, per, DataType::List(Arc::new(item)))
    }

    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        let rebuild = py.import("clickbait._clickbait")?.getattr("_from_config")?;
        PyTuple::new(
            py,
            [
                rebuild,
                PyTuple::new(py, [self.config.to_py(py)?])?.into_any(),
            ],
        )
    }

    fn __repr__(&self) -> String {
        let names: Vec<&str> = self
            .config
            .lexicons
            .iter()
            .map(|(n, _)| n.as_str())
            .collect();
        format!(
            "Classifier(lexicons={:?}, default_lexicons={}, weights={}, threshold={})",
            names,
            if self.config.default_lexicons {
                "True"
            } else {
                "False"
            },
            self.config
                .weights
                .as_ref()
                .map_or("None".to_string(), |(n, _)| format!("{n:?}")),
            self.get().threshold()
        )
    }
}

/// Rebuilds a classifier from `Classifier.config` (used by pickle and Spark).
#[pyfunction]
fn _from_config(config: &Bound<'_, PyAny>) -> PyResult<PyClassifier> {
    PyClassifier::from_config(config.py(), Config::from_py(config)?)
}

/// Score of `title` with the default classifier, in [0, 1].
#[pyfunction]
fn score(title: &Bound<'_, PyAny>) -> PyResult<f32> {
    let t = title_arg(title)?;
    guarded("scoring", || clickbait::score_value(&t))
}

/// Whether `title` is flagged by the default classifier.
#[pyfunction]
fn is_clickbait(title: &Bound<'_, PyAny>) -> PyResult<bool> {
    let t = title_arg(title)?;
    guarded("scoring", || Classifier::default_ref().is_clickbait(&t))
}

/// The default classifier's verdict as a dict; hit spans are character offsets.
#[pyfunction]
fn explain<'py>(title: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyDict>> {
    let t = title_arg(title)?;
    let v = guarded("scoring", || clickbait::score(&t))?;
    verdict_dict(title.py(), &t, &v)
}

#[pymodule]
fn _clickbait(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let error_type = m.py().get_type::<ClickbaitError>();
    // Instances from invalid files carry their own list; others see this default.
    error_type.setattr("problems", PyList::empty(m.py()))?;
    m.add("ClickbaitError", error_type)?;
    m.add_class::<PyClassifier>()?;
    m.add_function(wrap_pyfunction!(score, m)?)?;
    m.add_function(wrap_pyfunction!(is_clickbait, m)?)?;
    m.add_function(wrap_pyfunction!(explain, m)?)?;
    m.add_function(wrap_pyfunction!(_from_config, m)?)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
