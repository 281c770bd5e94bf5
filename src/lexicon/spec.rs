//! The file schema: what a lexicon file may say, as serde reads it, before any
//! validation. Kept apart so the format has one definition that parsing, the
//! weights file and `clickbait fit` all share.

use serde::{Deserialize, Serialize};
use toml::Spanned;

/// The raw shape of a lexicon file, before validation.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawLexicon {
    pub(super) lang: Option<Spanned<String>>,
    #[serde(default)]
    pub(super) negators: Vec<Spanned<String>>,
    #[serde(default)]
    pub(super) debunk: Vec<Spanned<String>>,
    #[serde(default)]
    pub(super) intensifiers: Vec<Spanned<String>>,
    #[serde(default)]
    pub(super) entries: Vec<Spanned<EntrySpec>>,
}

/// One lexicon entry as written in a file, before validation. Weights files
/// written by `clickbait fit` carry mined entries in this form too.
///
/// ```
/// use clickbait::EntrySpec;
/// let mut w = clickbait::Weights::default();
/// w.entries.push(EntrySpec {
///     phrase: Some("fire sale".into()),
///     category: Some("slow_sales".into()),
///     weight: Some(2.5),
///     ..EntrySpec::default()
/// });
/// let c = clickbait::Classifier::builder().weights(w).build().unwrap();
/// assert!(c.score("Fire sale at the dealer").hits.iter().any(|h| h.phrase == "fire sale"));
/// ```
#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct EntrySpec {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    /// Literal phrase (exclusive with `pattern`).
    pub phrase: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    /// Regular expression (exclusive with `phrase`).
    pub pattern: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    /// Literal every `pattern` match contains.
    pub anchor: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    /// Category name, see [`Category`].
    pub category: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    /// Log-odds weight in [`WEIGHT_RANGE`].
    pub weight: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    /// English inflections of the last word. Unset: a literal English phrase
    /// ending in a letter takes -s, -es, -ed, -ing (crash → crashed); `true`
    /// adds -er, -ers (crasher); `false` matches the phrase exactly.
    pub inflect: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    /// Require word boundaries (default true).
    pub whole_word: Option<bool>,
    #[serde(default, skip_serializing_if = "is_false")]
    /// Compare case with the original title.
    pub case_sensitive: bool,
    #[serde(default, skip_serializing_if = "is_false")]
    /// Hits of this entry neither hide nor are hidden by overlapping hits (the
    /// rest follow longest-wins): how `clickbait fit` adds a bigram without
    /// losing its words.
    pub overlap: bool,
}

fn is_false(b: &bool) -> bool {
    !*b
}
