//! One decoding of raw records into fields, and of field lookups by name, so
//! every command finds titles and labels the same way and reports the same errors.

use serde_json::{Map, Value};

use crate::io::input::{Body, Header, InputFormat, RawRecord};

/// The fields of one decoded record.
#[derive(Clone, Debug, PartialEq)]
pub enum Fields {
    /// A `lines` record: just the title.
    Title(String),
    /// A TSV or CSV row, matching the header's columns.
    Columns(Vec<String>),
    /// A JSONL object, fields in their original order.
    Object(Map<String, Value>),
    /// Nothing could be decoded (malformed JSON, a line that is not an object).
    Empty,
}

/// One decoded record.
#[derive(Clone, Debug, PartialEq)]
pub struct Record {
    /// 1-based line on which the record starts.
    pub line: usize,
    /// Its fields (lossily decoded when the bytes were not UTF-8).
    pub fields: Fields,
    /// Why the record as a whole is unusable, if it is.
    pub error: Option<String>,
}

/// Decodes `bytes` as UTF-8; invalid input is decoded lossily and described.
fn utf8(bytes: Vec<u8>, error: &mut Option<String>) -> String {
    String::from_utf8(bytes).unwrap_or_else(|e| {
        if error.is_none() {
            *error = Some(format!(
                "invalid UTF-8 (at byte {})",
                e.utf8_error().valid_up_to() + 1
            ));
        }
        String::from_utf8_lossy(e.as_bytes()).into_owned()
    })
}

/// Checks a row's field count against the header.
fn check_width(found: usize, header: Option<&Header>, error: &mut Option<String>) {
    let expected = header.map_or(found, |h| h.names.len());
    if found != expected && error.is_none() {
        *error = Some(format!("expected {expected} fields, found {found}"));
    }
}

/// Decodes one raw record of `format`; `header` is the TSV/CSV header.
pub fn decode(raw: RawRecord, format: InputFormat, header: Option<&Header>) -> Record {
    let mut error = None;
    let fields = match (raw.body, format) {
        (Body::Csv(rec), _) => {
            let mut utf8_error = None;
            let values: Vec<String> = rec
                .iter()
                .map(|f| utf8(f.to_vec(), &mut utf8_error))
                .collect();
            check_width(values.len(), header, &mut error);
            error = error.or(utf8_error);
            Fields::Columns(values)
        }
        (Body::Text(bytes), InputFormat::Lines) => Fields::Title(utf8(bytes, &mut error)),
        (Body::Text(bytes), InputFormat::Tsv | InputFormat::Csv) => {
            let values: Vec<String> = bytes
                .split(|&b| b == b'\t')
                .map(|f| utf8(f.to_vec(), &mut error))
                .collect();
            check_width(values.len(), header, &mut error);
            Fields::Columns(values)
        }
        (Body::Text(bytes), InputFormat::Jsonl) => {
            let text = utf8(bytes, &mut error);
            if error.is_some() {
                Fields::Empty
            } else {
                match serde_json::from_str::<Value>(&text) {
                    Ok(Value::Object(map)) => Fields::Object(map),
                    Ok(other) => {
                        error = Some(format!(
                            "JSON line is not an object (found {})",
                            kind(&other)
                        ));
                        Fields::Empty
                    }
                    Err(e) => {
                        error = Some(format!("malformed JSON: {e}"));
                        Fields::Empty
                    }
                }
            }
        }
    };
    Record {
        line: raw.line,
        fields,
        error,
    }
}

/// A JSON value's type, for messages.
pub fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

impl Record {
    /// The text of column/field `name`.
    ///
    /// # Errors
    /// A message when the record is unusable, the column or field is missing,
    /// or (JSONL) the field is not a string.
    pub fn text(&self, header: Option<&Header>, name: &str) -> Result<&str, String> {
        if let Some(e) = &self.error {
            return Err(e.clone());
        }
        match &self.fields {
            Fields::Title(t) => Ok(t),
            Fields::Columns(values) => {
                let Some(i) = header.and_then(|h| h.position(name)) else {
                    return Err(format!("no column {name:?} in the header"));
                };
                values
                    .get(i)
                    .map(String::as_str)
                    .ok_or_else(|| format!("missing column {name:?}"))
            }
            Fields::Object(map) => match map.get(name) {
                None => Err(format!("missing field {name:?}")),
                Some(Value::String(s)) => Ok(s),
                Some(v) => Err(format!("field {name:?} is {}, not a string", kind(v))),
            },
            Fields::Empty => Err("no fields".to_string()),
        }
    }

    /// The raw JSON value of field `name` (JSONL only).
    pub fn json(&self, name: &str) -> Option<&Value> {
        match &self.fields {
            Fields::Object(map) => map.get(name),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(line: &str) -> RawRecord {
        RawRecord {
            line: 7,
            body: Body::Text(line.as_bytes().to_vec()),
        }
    }

    #[test]
    fn tsv_keeps_quotes_and_checks_width() {
        let h = Header::new(vec!["id".into(), "title".into()]);
        let r = decode(text("1\t\"Quoted\" start"), InputFormat::Tsv, Some(&h));
        assert_eq!(r.text(Some(&h), "title"), Ok("\"Quoted\" start"));
        let r = decode(text("1"), InputFormat::Tsv, Some(&h));
        assert_eq!(r.error.as_deref(), Some("expected 2 fields, found 1"));
        assert!(r.text(Some(&h), "nope").is_err());
    }

    #[test]
    fn jsonl_errors() {
        let r = decode(text("[1]"), InputFormat::Jsonl, None);
        assert!(r.error.unwrap().contains("not an object"));
        let r = decode(text("{\"title\": 3}"), InputFormat::Jsonl, None);
        assert_eq!(
            r.text(None, "title"),
            Err("field \"title\" is a number, not a string".to_string())
        );
        let r = decode(text("{oops"), InputFormat::Jsonl, None);
        assert!(r.error.unwrap().starts_with("malformed JSON"));
    }

    #[test]
    fn invalid_utf8_is_reported_and_decoded_lossily() {
        let raw = RawRecord {
            line: 3,
            body: Body::Text(b"ab\xFFcd".to_vec()),
        };
        let r = decode(raw, InputFormat::Lines, None);
        assert_eq!(r.error.as_deref(), Some("invalid UTF-8 (at byte 3)"));
        assert_eq!(r.fields, Fields::Title("ab\u{FFFD}cd".into()));
    }
}
