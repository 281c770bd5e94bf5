//! One place that writes scored records (JSONL, CSV or TSV, one chunk at a
//! time), so every output format carries the same fields.

use std::borrow::Cow;

use clap::ValueEnum;
use clickbait::Verdict;
use serde::Serialize;
use serde_json::Value;

use crate::io::input::Header;
use crate::io::record::{Fields, Record};

/// The layout of the output.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// One JSON object per line: the input fields, then the added ones.
    Jsonl,
    /// RFC 4180 CSV with a header row.
    Csv,
    /// Tab-separated values with a header row; tabs and newlines inside a field
    /// become spaces.
    Tsv,
}

/// The names `clickbait score` adds after the input's fields, reserved whether
/// or not `--explain` is given: an input column or field with one of these
/// names would be overwritten or duplicated, so it is refused instead.
pub const RESERVED: [&str; 6] = ["score", "is_clickbait", "hits", "signals", "error", "line"];

/// Whether `name` is one of the [`RESERVED`] output names.
pub fn is_reserved(name: &str) -> bool {
    RESERVED.contains(&name)
}

/// What scoring one record gave.
#[derive(Clone, Copy, Debug)]
pub enum Outcome<'a> {
    /// A score, and with `--explain` the full verdict.
    Scored {
        /// Probability in [0, 1].
        score: f32,
        /// Whether the score reached the threshold.
        is_clickbait: bool,
        /// The verdict, when explaining.
        verdict: Option<&'a Verdict>,
    },
    /// The record could not be scored.
    Error(&'a str),
}

/// The verdict's hits and signals as JSON text: the library's serde shape
/// (a hit's is documented on `clickbait::Hit`), so the CLI, Rust and Python
/// agree.
fn explanation(v: &Verdict) -> (String, String) {
    // Serializing hits and signals cannot fail.
    (
        serde_json::to_string(&v.hits).unwrap_or_default(),
        serde_json::to_string(&v.signals).unwrap_or_default(),
    )
}

/// Formats records; shared read-only by the workers.
#[derive(Clone, Debug)]
pub struct Formatter {
    /// The output format.
    format: OutputFormat,
    /// Whether to add hits and signals.
    explain: bool,
    /// Output columns taken from the input (CSV/TSV output).
    columns: Vec<String>,
    /// CSV/TSV: whether rows carry the `error` and `line` columns.
    errors_column: bool,
}

impl Formatter {
    /// A formatter for `format`; `columns` are the input columns that CSV/TSV
    /// output carries.
    pub fn new(format: OutputFormat, explain: bool, columns: Vec<String>) -> Formatter {
        Formatter {
            format,
            explain,
            columns,
            errors_column: false,
        }
    }

    /// CSV/TSV rows with (`true`) or without the `error` and `line` columns.
    pub fn with_errors_column(mut self, on: bool) -> Formatter {
        self.errors_column = on;
        self
    }

    /// The header row for CSV/TSV output; empty for JSONL.
    pub fn header(&self) -> Vec<u8> {
        let mut names: Vec<Cow<str>> = self.columns.iter().map(|c| Cow::from(c.as_str())).collect();
        names.extend(["score", "is_clickbait"].map(Cow::from));
        if self.explain {
            names.extend(["hits", "signals"].map(Cow::from));
        }
        if self.errors_column {
            names.extend(["error", "line"].map(Cow::from));
        }
        match self.format {
            OutputFormat::Jsonl => Vec::new(),
            OutputFormat::Csv => csv_row(names.iter().map(|c| c.as_ref())),
            OutputFormat::Tsv => tsv_row(names.iter().map(|c| c.as_ref())),
        }
    }

    /// Appends one record to `out`.
    pub fn write(&self, out: &mut Vec<u8>, rec: &Record, header: Option<&Header>, o: Outcome) {
        match self.format {
            OutputFormat::Jsonl => self.write_json(out, rec, header, o),
            OutputFormat::Csv => out.extend(csv_row(self.cells(rec, o).iter().map(|c| c.as_ref()))),
            OutputFormat::Tsv => out.extend(tsv_row(self.cells(rec, o).iter().map(|c| c.as_ref()))),
        }
    }

    /// Appends one record as a JSON object: the input fields, then the added ones.
    fn write_json(&self, out: &mut Vec<u8>, rec: &Record, header: Option<&Header>, o: Outcome) {
        let mut first = true;
        let mut key = |out: &mut Vec<u8>, k: &str| {
            out.push(if first { b'{' } else { b',' });
            first = false;
            if k.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') {
                // Nothing to escape ("title", "score"): written as they are.
                out.push(b'"');
                out.extend(k.as_bytes());
                out.push(b'"');
            } else {
                json_into(out, &k);
            }
            out.push(b':');
        };
        // Input fields with reserved names only reach here in the error record
        // that reports the clash; they are left out so no key is doubled.
        match &rec.fields {
            Fields::Title(t) => {
                key(out, "title");
                json_str_into(out, t);
            }
            Fields::Columns(values) => {
                let names = header.map(|h| h.names.as_slice()).unwrap_or_default();
                for (i, v) in values.iter().enumerate() {
                    let name = names
                        .get(i)
                        .map_or_else(|| format!("column{}", i + 1), Clone::clone);
                    if !is_reserved(&name) {
                        key(out, &name);
                        json_into(out, v);
                    }
                }
            }
            Fields::Object(map) => {
                for (k, v) in map {
                    if !is_reserved(k) {
                        key(out, k);
                        json_into(out, v);
                    }
                }
            }
            Fields::Empty => {}
        }
        match o {
            Outcome::Scored {
                score,
                is_clickbait,
                verdict,
            } => {
                key(out, "score");
                out.extend(ryu::Buffer::new().format(score).as_bytes());
                key(out, "is_clickbait");
                out.extend(if is_clickbait { &b"true"[..] } else { b"false" });
                if let (true, Some(v)) = (self.explain, verdict) {
                    let (hits, signals) = explanation(v);
                    key(out, "hits");
                    out.extend(hits.as_bytes());
                    key(out, "signals");
                    out.extend(signals.as_bytes());
                }
            }
            Outcome::Error(msg) => {
                key(out, "error");
                json_into(out, msg);
                key(out, "line");
                out.extend(rec.line.to_string().as_bytes());
            }
        }
        if first {
            out.push(b'{');
        }
        out.extend(b"}\n");
    }

    /// The cells of a CSV/TSV row.
    fn cells<'a>(&self, rec: &'a Record, o: Outcome<'a>) -> Vec<Cow<'a, str>> {
        let mut cells: Vec<Cow<str>> = match &rec.fields {
            Fields::Columns(values) => (0..self.columns.len())
                .map(|i| {
                    values
                        .get(i)
                        .map_or(Cow::from(""), |v| Cow::from(v.as_str()))
                })
                .collect(),
            Fields::Object(map) => self
                .columns
                .iter()
                .map(|c| match map.get(c) {
                    None | Some(Value::Null) => Cow::from(""),
                    Some(Value::String(s)) => Cow::from(s.as_str()),
                    Some(v) => Cow::from(v.to_string()),
                })
                .collect(),
            Fields::Title(t) => self
                .columns
                .iter()
                .map(|c| {
                    if c == "title" {
                        Cow::from(t.as_str())
                    } else {
                        Cow::from("")
                    }
                })
                .collect(),
            Fields::Empty => self.columns.iter().map(|_| Cow::from("")).collect(),
        };
        let blank = || Cow::from("");
        match o {
            Outcome::Scored {
                score,
                is_clickbait,
                verdict,
            } => {
                cells.push(Cow::from(ryu::Buffer::new().format(score).to_owned()));
                cells.push(Cow::from(if is_clickbait { "true" } else { "false" }));
                if self.explain {
                    let (h, s) = verdict.map(explanation).unwrap_or_default();
                    cells.extend([Cow::from(h), Cow::from(s)]);
                }
                if self.errors_column {
                    cells.extend([blank(), blank()]);
                }
            }
            Outcome::Error(msg) => {
                cells.extend([blank(), blank()]);
                if self.explain {
                    cells.extend([blank(), blank()]);
                }
                if self.errors_column {
                    cells.extend([Cow::from(msg), Cow::from(rec.line.to_string())]);
                }
            }
        }
        cells
    }
}

/// Appends `s` as a JSON string. Most titles hold nothing JSON escapes (a
/// quotation mark, backslash or control character): those are copied as
/// they are, which a vectorized test tells faster than the escaper finds out.
fn json_str_into(out: &mut Vec<u8>, s: &str) {
    let plain = !s.bytes().fold(false, |any, b| {
        any | (b < 0x20) | (b == b'"') | (b == b'\\')
    });
    if plain {
        out.push(b'"');
        out.extend(s.as_bytes());
        out.push(b'"');
    } else {
        json_into(out, s);
    }
}

/// Appends `v` as JSON.
fn json_into<T: Serialize + ?Sized>(out: &mut Vec<u8>, v: &T) {
    // Writing strings and JSON values into a Vec cannot fail.
    let _ = serde_json::to_writer(out, v);
}

/// One CSV row with RFC 4180 quoting, ending in `\n`.
fn csv_row<'a>(cells: impl Iterator<Item = &'a str>) -> Vec<u8> {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    // Writing into a Vec cannot fail.
    let _ = w.write_record(cells);
    w.into_inner().unwrap_or_default()
}

/// One TSV row: tabs, carriage returns and newlines in a cell become spaces.
fn tsv_row<'a>(cells: impl Iterator<Item = &'a str>) -> Vec<u8> {
    let mut out = Vec::new();
    for (i, c) in cells.enumerate() {
        if i > 0 {
            out.push(b'\t');
        }
        out.extend(c.bytes().map(|b| {
            if matches!(b, b'\t' | b'\n' | b'\r') {
                b' '
            } else {
                b
            }
        }));
    }
    out.push(b'\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_strings_agree_with_serde_json() {
        for s in [
            "plain title",
            "quote \" inside",
            "back\\slash",
            "tab\there",
            "\u{7f} del",
            "二手车 “崩盘” \u{2028}",
            "",
        ] {
            let mut out = Vec::new();
            json_str_into(&mut out, s);
            assert_eq!(out, serde_json::to_vec(s).unwrap(), "{s:?}");
        }
    }

    #[test]
    fn tsv_cells_are_flattened() {
        assert_eq!(tsv_row(["a\tb", "c\nd"].into_iter()), b"a b\tc d\n");
    }

    #[test]
    fn csv_cells_are_quoted() {
        assert_eq!(
            csv_row(["a,b", "say \"hi\""].into_iter()),
            b"\"a,b\",\"say \"\"hi\"\"\"\n"
        );
    }

    #[test]
    fn json_keeps_order_and_adds_fields() {
        let f = Formatter::new(OutputFormat::Jsonl, false, vec![]);
        let mut map = serde_json::Map::new();
        map.insert("z".into(), Value::from(1));
        map.insert("title".into(), Value::from("x"));
        let rec = Record {
            line: 1,
            fields: Fields::Object(map),
            error: None,
        };
        let mut out = Vec::new();
        let o = Outcome::Scored {
            score: 0.25,
            is_clickbait: false,
            verdict: None,
        };
        f.write(&mut out, &rec, None, o);
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "{\"z\":1,\"title\":\"x\",\"score\":0.25,\"is_clickbait\":false}\n"
        );
    }
}
