//! Checking, before any record is scored, that the input has the columns a
//! command needs: a header (or first JSONL record) without the title or label
//! column is one usage error naming the columns that are there, not one error
//! per row.

use serde_json::Value;

use crate::io::input::{Chunk, Header, InputFormat};

/// A column a command needs, and the option that names it.
#[derive(Clone, Copy, Debug)]
pub struct Needed<'a> {
    /// What the column holds, for the message ("title", "label").
    pub role: &'static str,
    /// The column's name as configured.
    pub name: &'a str,
    /// The option that chooses it (`--column`, `--label-column`).
    pub option: &'static str,
}

/// `"a", "b"`: names quoted for a message.
fn quoted(names: &[&str]) -> String {
    if names.is_empty() {
        return "none".to_string();
    }
    names
        .iter()
        .map(|n| format!("{n:?}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Checks that the TSV/CSV header, or (JSONL) the first record of `first`
/// that is a JSON object, has every `needed` column. `lines` input, an empty
/// input and a first JSONL line that is not an object are not checked (the
/// records report their own errors).
///
/// # Errors
/// One message for every missing column, naming the input, the columns that
/// are there and the option to use (a usage error: exit 2).
pub fn require(
    input: &str,
    format: InputFormat,
    header: Option<&Header>,
    first: Option<&Chunk>,
    needed: &[Needed],
) -> anyhow::Result<()> {
    let (present, origin): (Vec<String>, String) = match format {
        InputFormat::Lines => return Ok(()),
        InputFormat::Tsv | InputFormat::Csv => match header {
            Some(h) => (h.names.clone(), "the header".to_string()),
            None => return Ok(()),
        },
        InputFormat::Jsonl => {
            let Some((line, bytes)) = first.and_then(|c| c.lines().next()) else {
                return Ok(());
            };
            match serde_json::from_slice::<Value>(bytes) {
                Ok(Value::Object(map)) => (
                    map.keys().cloned().collect(),
                    format!("the first record (line {line})"),
                ),
                _ => return Ok(()),
            }
        }
    };
    let what = if format == InputFormat::Jsonl {
        "field"
    } else {
        "column"
    };
    let missing: Vec<String> = needed
        .iter()
        .filter(|n| !present.iter().any(|p| p == n.name))
        .map(|n| {
            format!(
                "no {what} {:?} in {origin}; name the {} {what} with {} NAME",
                n.name, n.role, n.option
            )
        })
        .collect();
    if missing.is_empty() {
        return Ok(());
    }
    let names: Vec<&str> = present.iter().map(String::as_str).collect();
    anyhow::bail!(
        "{input}: {} (the {what}s are {})",
        missing.join("; "),
        quoted(&names)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    const TITLE: Needed = Needed {
        role: "title",
        name: "title",
        option: "--column",
    };

    #[test]
    fn a_header_without_the_title_names_what_is_there() {
        let h = Header::new(vec!["id".into(), "headline".into()]);
        let e = require("a.tsv", InputFormat::Tsv, Some(&h), None, &[TITLE]).unwrap_err();
        assert_eq!(
            e.to_string(),
            "a.tsv: no column \"title\" in the header; name the title column with \
             --column NAME (the columns are \"id\", \"headline\")"
        );
        let h = Header::new(vec!["title".into()]);
        assert!(require("a.tsv", InputFormat::Tsv, Some(&h), None, &[TITLE]).is_ok());
    }

    #[test]
    fn jsonl_checks_the_first_record_only_when_it_is_an_object() {
        let chunk = |text: &str| Chunk::Text {
            bytes: text.as_bytes().to_vec(),
            records: vec![(3, 0..text.len())],
        };
        let c = chunk("{\"headline\":\"x\"}");
        let e = require("a.jsonl", InputFormat::Jsonl, None, Some(&c), &[TITLE]).unwrap_err();
        assert!(e.to_string().contains("first record (line 3)"), "{e}");
        assert!(e.to_string().contains("\"headline\""), "{e}");
        let c = chunk("{oops");
        assert!(require("a.jsonl", InputFormat::Jsonl, None, Some(&c), &[TITLE]).is_ok());
        assert!(require("a.jsonl", InputFormat::Jsonl, None, None, &[TITLE]).is_ok());
    }
}
