//! Labelled files (a 0/1 label column beside the title), read the same way by
//! `eval` and `fit`.

use std::path::Path;

use serde_json::Value;

use crate::io::columns::{require, Needed};
use crate::io::input::{Header, InputArgs, InputFormat};
use crate::io::reader::RecordReader;
use crate::io::record::{kind, Record};
use crate::status::{warn, Reported, USAGE};

/// Reads a 0/1 label: "0"/"1" text, or JSON 0/1/false/true.
pub fn parse_label(rec: &Record, header: Option<&Header>, name: &str) -> Result<bool, String> {
    let text = match rec.json(name) {
        Some(Value::Bool(b)) => return Ok(*b),
        Some(Value::Number(n)) => n.to_string(),
        Some(Value::String(s)) => s.clone(),
        Some(v) => return Err(format!("bad label: field {name:?} is {}", kind(v))),
        None => rec.text(header, name)?.to_string(),
    };
    match text.trim() {
        "0" | "0.0" => Ok(false),
        "1" | "1.0" => Ok(true),
        other => Err(format!("bad label {other:?}: expected 0 or 1")),
    }
}

/// Opens a labelled file (TSV, CSV or JSONL; `lines` has no label column) for
/// `command` (`eval`, `fit`), and checks up front that it has the title
/// column (`input.column`) and the `label` column.
///
/// # Errors
/// A `lines` format, a file whose format its extension does not tell, or a
/// header or first JSONL record without the title or label column (usage
/// errors, exit 2), or an unreadable file.
pub fn open_labelled(
    command: &str,
    file: &Path,
    input: &InputArgs,
    label: &str,
) -> anyhow::Result<(RecordReader, InputFormat)> {
    let format = input
        .input
        .unwrap_or_else(|| InputFormat::for_path(Some(file)));
    if format == InputFormat::Lines {
        let why = if input.input.is_some() {
            "`lines` input has no label column".to_string()
        } else {
            format!("cannot tell the format of {} from its name", file.display())
        };
        warn(&format!(
            "clickbait {command}: needs a labelled TSV, CSV or JSONL file: {why}; \
             use --input tsv, csv or jsonl"
        ));
        return Err(Reported(USAGE).into());
    }
    let mut reader = RecordReader::open(Some(file), format)?;
    let name = reader.name().to_string();
    let header = reader.header().cloned();
    let first = reader.peek_chunk()?;
    let needed = [
        Needed {
            role: "title",
            name: &input.column,
            option: "--column",
        },
        Needed {
            role: "label",
            name: label,
            option: "--label-column",
        },
    ];
    require(&name, format, header.as_deref(), first, &needed)?;
    Ok((reader, format))
}
