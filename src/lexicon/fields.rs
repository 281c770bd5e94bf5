//! Unknown fields in a lexicon file, found with their lines before the file
//! is deserialized, so that a misspelled field (`categroy`) is one problem
//! among the others instead of the only one reported.

use serde::Deserialize;
use toml::de::{DeTable, DeValue, Deserializer};
use toml::Spanned;

use super::parse::{syntax_error, LineIndex};
use super::spec::RawLexicon;
use crate::error::{Error, Problem, ProblemKind};

/// The top-level fields of a lexicon file (`spec::RawLexicon`).
const TOP: [&str; 5] = ["lang", "negators", "debunk", "intensifiers", "entries"];

/// The fields of an entry (`spec::EntrySpec`).
const ENTRY: [&str; 9] = [
    "phrase",
    "pattern",
    "anchor",
    "category",
    "weight",
    "inflect",
    "whole_word",
    "case_sensitive",
    "overlap",
];

/// Removes from `table` every key not in `known`, reporting each with its line.
fn strip(
    table: &mut DeTable<'_>,
    known: &[&str],
    name: &str,
    lines: &LineIndex,
    problems: &mut Vec<Problem>,
) {
    let unknown: Vec<_> = table
        .keys()
        .filter(|key| !known.contains(&key.get_ref().as_ref()))
        .cloned()
        .collect();
    for key in unknown {
        let expected: Vec<String> = known.iter().map(|k| format!("`{k}`")).collect();
        problems.push(Problem {
            file: name.to_string(),
            line: lines.line(key.span().start),
            kind: ProblemKind::Syntax(format!(
                "unknown field `{}`, expected one of {}",
                key.get_ref(),
                expected.join(", ")
            )),
        });
        table.remove(&key);
    }
}

/// Parses a lexicon file's schema, every unknown field (top level or in an
/// entry) left out and reported in `problems` with its line.
///
/// # Errors
/// Invalid TOML, or a field of the wrong type.
pub(super) fn raw_lexicon(
    name: &str,
    text: &str,
    lines: &LineIndex,
    problems: &mut Vec<Problem>,
) -> Result<RawLexicon, Error> {
    let mut doc: Spanned<DeTable> =
        DeTable::parse(text).map_err(|e| syntax_error(name, text, &e))?;
    strip(doc.get_mut(), &TOP, name, lines, problems);
    if let Some(entries) = doc.get_mut().get_mut("entries") {
        if let DeValue::Array(items) = entries.get_mut() {
            for item in items.iter_mut() {
                if let DeValue::Table(t) = item.get_mut() {
                    strip(t, &ENTRY, name, lines, problems);
                }
            }
        }
    }
    RawLexicon::deserialize(Deserializer::from(doc)).map_err(|e| syntax_error(name, text, &e))
}

#[cfg(test)]
mod tests {
    use crate::Lexicon;

    #[test]
    fn a_misspelled_field_is_reported_with_every_other_problem() {
        let text = "lang = \"en\"\ncolour = 1\nentries = [\n  \
            { phrase = \"fire sale\", categroy = \"slow_sales\", weight = 2.5 },\n  \
            { phrase = \"big drop\", category = \"nope\", weight = 99 },\n  \
            { phrase = \"ok\", category = \"loss\", weight = 1.0, inflect = false, \
            whole_word = true, case_sensitive = false },\n]\n";
        let err = Lexicon::parse("bad.toml", text).unwrap_err();
        let got: Vec<String> = err.problems().iter().map(|p| p.to_string()).collect();
        assert_eq!(got.len(), 5, "{got:#?}");
        assert!(
            got[0].starts_with("bad.toml:2: unknown field `colour`"),
            "{got:#?}"
        );
        assert!(
            got[1].starts_with("bad.toml:4: unknown field `categroy`"),
            "{got:#?}"
        );
        assert_eq!(got[2], "bad.toml:4: missing field `category`");
        assert!(
            got[3].starts_with("bad.toml:5: unknown category \"nope\""),
            "{got:#?}"
        );
        assert!(got[4].starts_with("bad.toml:5: weight 99"), "{got:#?}");
    }

    #[test]
    fn every_schema_field_is_known() {
        let text = "lang = \"en\"\nnegators = [\"not\"]\ndebunk = [\"rumor\"]\n\
            intensifiers = [\"really\"]\nentries = [\n  \
            { phrase = \"big drop\", category = \"collapse\", weight = 1.0, inflect = true, \
            whole_word = true, case_sensitive = false, overlap = true },\n  \
            { pattern = 'only \\d+ left', anchor = \"only\", category = \"urgency\", weight = 1.0 },\n]\n";
        let lex = Lexicon::parse("ok.toml", text).unwrap();
        assert_eq!(lex.entries().len(), 2);
    }
}
