//! Arrow batches in and out through the Arrow C Data Interface, so a Spark or
//! pandas batch is scored without a Python object per row.

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
use clickbait::Classifier;
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::PyList;

use crate::batch::scores;
use crate::errors::{guarded, ClickbaitError};
use crate::text::type_name;

/// An Arrow array of titles, any string layout.
pub enum Titles {
    Utf8(StringArray),
    Large(LargeStringArray),
    View(StringViewArray),
    AllNull(usize),
}

impl Titles {
    pub fn from_array(array: ArrayRef) -> PyResult<Titles> {
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

    pub fn len(&self) -> usize {
        match self {
            Titles::Utf8(a) => a.len(),
            Titles::Large(a) => a.len(),
            Titles::View(a) => a.len(),
            Titles::AllNull(n) => *n,
        }
    }

    pub fn get(&self, i: usize) -> Option<&str> {
        match self {
            Titles::Utf8(a) => a.is_valid(i).then(|| a.value(i)),
            Titles::Large(a) => a.is_valid(i).then(|| a.value(i)),
            Titles::View(a) => a.is_valid(i).then(|| a.value(i)),
            Titles::AllNull(_) => None,
        }
    }

    pub fn nulls(&self) -> Option<NullBuffer> {
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
pub fn import_titles(ob: &Bound<'_, PyAny>) -> PyResult<Titles> {
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

/// The item type of the `explain_arrow` list: one struct per hit, with the
/// fields of a hit's JSON (`clickbait::Hit`): byte and character offsets,
/// weight, contribution and the list of contexts.
pub fn hit_fields() -> Fields {
    let context = Field::new("item", DataType::Utf8, false);
    Fields::from(vec![
        Field::new("phrase", DataType::Utf8, false),
        Field::new("category", DataType::Utf8, false),
        Field::new("start", DataType::Int32, false),
        Field::new("end", DataType::Int32, false),
        Field::new("char_start", DataType::Int32, false),
        Field::new("char_end", DataType::Int32, false),
        Field::new("weight", DataType::Float32, false),
        Field::new("contribution", DataType::Float32, false),
        Field::new("context", DataType::List(Arc::new(context)), false),
    ])
}

/// The columns of the hits struct array, filled hit by hit.
#[derive(Default)]
struct HitColumns {
    phrase: StringBuilder,
    category: StringBuilder,
    offsets: [Vec<i32>; 4],
    weight: Vec<f32>,
    contribution: Vec<f32>,
    context: Vec<i32>,
    names: StringBuilder,
}

/// A length or offset as Arrow's i32.
fn to_i32(x: usize) -> Result<i32, String> {
    i32::try_from(x).map_err(|_| "explain_arrow: offset exceeds i32".to_string())
}

impl HitColumns {
    /// Appends one hit.
    fn push(&mut self, h: &clickbait::Hit) -> Result<(), String> {
        self.phrase.append_value(&h.phrase);
        self.category.append_value(h.category.as_str());
        let spans = [h.span.start, h.span.end, h.char_span.start, h.char_span.end];
        for (col, x) in self.offsets.iter_mut().zip(spans) {
            col.push(to_i32(x)?);
        }
        self.weight.push(h.weight);
        self.contribution.push(h.contribution);
        if self.context.is_empty() {
            self.context.push(0);
        }
        let mut n = *self.context.last().unwrap_or(&0);
        for name in h.context.names() {
            self.names.append_value(name);
            n += 1;
        }
        self.context.push(n);
        Ok(())
    }

    /// The struct array of every hit pushed.
    fn finish(mut self) -> Result<StructArray, String> {
        let fields = hit_fields();
        if self.context.is_empty() {
            self.context.push(0);
        }
        let DataType::List(item) = fields[8].data_type().clone() else {
            return Err("explain_arrow: context is not a list".to_string());
        };
        let context = ListArray::try_new(
            item,
            OffsetBuffer::new(ScalarBuffer::from(self.context)),
            Arc::new(self.names.finish()),
            None,
        )
        .map_err(|e| e.to_string())?;
        let [start, end, char_start, char_end] = self.offsets;
        let columns: Vec<ArrayRef> = vec![
            Arc::new(self.phrase.finish()),
            Arc::new(self.category.finish()),
            Arc::new(Int32Array::from(start)),
            Arc::new(Int32Array::from(end)),
            Arc::new(Int32Array::from(char_start)),
            Arc::new(Int32Array::from(char_end)),
            Arc::new(Float32Array::from(self.weight)),
            Arc::new(Float32Array::from(self.contribution)),
            Arc::new(context),
        ];
        StructArray::try_new(fields, columns, None).map_err(|e| e.to_string())
    }
}

/// The hits of every title, as `explain_arrow` returns them.
pub fn explain_titles(c: &Classifier, titles: &Titles) -> Result<ListArray, String> {
    let n = titles.len();
    let mut offsets: Vec<i32> = Vec::with_capacity(n + 1);
    offsets.push(0);
    let mut cols = HitColumns::default();
    let mut count = 0usize;
    for i in 0..n {
        if let Some(t) = titles.get(i) {
            let v = c.score(t);
            for h in &v.hits {
                cols.push(h)?;
            }
            count += v.hits.len();
        }
        offsets.push(to_i32(count)?);
    }
    let hits = cols.finish()?;
    let item = Arc::new(Field::new("item", DataType::Struct(hit_fields()), true));
    ListArray::try_new(
        item,
        OffsetBuffer::new(ScalarBuffer::from(offsets)),
        Arc::new(hits),
        titles.nulls(),
    )
    .map_err(|e| e.to_string())
}

/// Float32 scores of `titles` by `c`, nulls kept; the GIL is released while scoring.
pub fn score_titles(
    c: &Classifier,
    py: Python<'_>,
    titles: &Titles,
    threads: usize,
) -> PyResult<ArrayRef> {
    let values = py
        .detach(|| {
            guarded("scoring", || {
                scores(titles.len(), threads, |i| {
                    titles.get(i).map_or(0.0, |t| c.score_value(t))
                })
            })
        })?
        .map_err(ClickbaitError::new_err)?;
    Ok(Arc::new(Float32Array::new(
        ScalarBuffer::from(values),
        titles.nulls(),
    )))
}

/// Applies `per_array` to one Arrow array, or to every chunk of a
/// ChunkedArray / Arrow stream, returning the same shape.
pub fn map_arrow<'py>(
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
