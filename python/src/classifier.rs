//! The `Classifier` binding and the module-level functions on the default
//! classifier: what Python calls to build and use a scorer.

use std::path::PathBuf;
use std::sync::Arc;

use arrow_array::ArrayRef;
use arrow_schema::{DataType, Field};
use clickbait::{Classifier, Weights};
use pyo3::exceptions::{PyFileNotFoundError, PyOSError, PyPermissionError, PyTypeError};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyString, PyTuple};

use crate::arrow::{explain_titles, hit_fields, map_arrow, score_titles, Titles};
use crate::batch::scores;
use crate::errors::{guarded, library_error, ClickbaitError};
use crate::text::{py_float, title_arg, title_from_str, type_name, verdict_dict};

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
pub struct PyClassifier {
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
    fn threshold(&self) -> f64 {
        py_float(self.get().threshold())
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
    fn score(&self, title: &Bound<'_, PyAny>) -> PyResult<f64> {
        let t = title_arg(title)?;
        guarded("scoring", || py_float(self.get().score_value(&t)))
    }

    /// Whether `title` scores at or above the threshold.
    fn is_clickbait(&self, title: &Bound<'_, PyAny>) -> PyResult<bool> {
        let t = title_arg(title)?;
        guarded("scoring", || self.get().is_clickbait(&t))
    }

    /// The full verdict as a dict; hits have byte (`start`, `end`) and
    /// character (`char_start`, `char_end`) offsets, as in the CLI's JSON.
    fn explain<'py>(&self, title: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyDict>> {
        let t = title_arg(title)?;
        let v = guarded("scoring", || self.get().score(&t))?;
        verdict_dict(title.py(), &v)
    }

    /// Scores a list (any iterable) of `str`; the GIL is released while scoring.
    #[pyo3(signature = (titles, threads=1))]
    fn score_batch(
        &self,
        py: Python<'_>,
        titles: &Bound<'_, PyAny>,
        threads: usize,
    ) -> PyResult<Vec<f64>> {
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
        py.detach(|| {
            guarded("scoring", || {
                scores(owned.len(), threads, |i| c.score_value(&owned[i]))
            })
        })?
        .map(|v| v.into_iter().map(py_float).collect())
        .map_err(ClickbaitError::new_err)
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
        map_arrow(
            array,
            |t| score_titles(self.get(), py, t, threads),
            DataType::Float32,
        )
    }

    /// The hits of every title of an Arrow string array, as
    /// `list<struct<phrase, category, start, end, char_start, char_end, weight,
    /// contribution, context>>` (byte and character offsets).
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
        map_arrow(array, per, DataType::List(Arc::new(item)))
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
pub fn _from_config(config: &Bound<'_, PyAny>) -> PyResult<PyClassifier> {
    PyClassifier::from_config(config.py(), Config::from_py(config)?)
}

/// Score of `title` with the default classifier, in [0, 1].
#[pyfunction]
pub fn score(title: &Bound<'_, PyAny>) -> PyResult<f64> {
    let t = title_arg(title)?;
    guarded("scoring", || py_float(clickbait::score_value(&t)))
}

/// Whether `title` is flagged by the default classifier.
#[pyfunction]
pub fn is_clickbait(title: &Bound<'_, PyAny>) -> PyResult<bool> {
    let t = title_arg(title)?;
    guarded("scoring", || Classifier::default_ref().is_clickbait(&t))
}

/// The default classifier's verdict as a dict; hits have byte (`start`,
/// `end`) and character (`char_start`, `char_end`) offsets, as in the CLI's JSON.
#[pyfunction]
pub fn explain<'py>(title: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyDict>> {
    let t = title_arg(title)?;
    let v = guarded("scoring", || clickbait::score(&t))?;
    verdict_dict(title.py(), &v)
}
