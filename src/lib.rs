//! `clickbait` scores titles — English and Chinese — for sensational, alarmist
//! "clickbait" language, and explains every verdict.
//!
//! It is built for the titles second-hand car dealers and content farms write to
//! farm traffic ("slow sales", "prices CRASH", 卖不动了, 亏麻了, 崩盘, 震惊) and for
//! generic curiosity hooks ("you won't believe", 看完你就懂了), and it tells them
//! apart from sober news that shares their topic words ("EV unit's quarterly loss
//! narrows", 所谓"二手车卖不动"系车商夸大).
//!
//! # Overview
//!
//! The pipeline runs one way: **normalize → match → score → [`Verdict`]**.
//!
//! * [`normalize`] folds evasion tricks: NFKC (full-width ＳＵ７), case,
//!   traditional → simplified Chinese, invisible characters, separators inside
//!   words (亏 麻 了, c-r-a-s-h), stretched letters (CRASHHHH), keeping a map back
//!   to the original bytes.
//! * One aho-corasick automaton finds every lexicon phrase and every context cue
//!   in a single pass; English phrases must sit on word boundaries.
//! * The score is a transparent additive log-odds model: a bias, plus each hit's
//!   weight adjusted by its context (negated, quoted, debunked, intensified,
//!   shouted) with diminishing returns inside a category, plus style signals
//!   (exclamation runs, ALL CAPS, alarm emoji, "you", listicle numbers, sums of
//!   money lost). A logistic function turns it into a probability.
//!
//! The primary types are [`Classifier`] (immutable, `Send + Sync`),
//! [`ClassifierBuilder`], [`Verdict`] with its [`Hit`]s and [`SignalHit`]s,
//! [`Lexicon`] and [`Weights`].
//!
//! # Scoring with the defaults
//!
//! ```
//! let v = clickbait::score("小米SU7二手价崩盘！车商亏麻了");
//! assert!(v.is_clickbait);
//! for hit in &v.hits {
//!     // Spans index the caller's string.
//!     println!("{} {:?} {:?} {:+.2}", hit.phrase, hit.category, hit.span, hit.contribution);
//! }
//!
//! // Same topic, sober: a quoted, debunked claim.
//! let v = clickbait::score("Xiaomi says claims of 'slow sales' are dealer exaggeration");
//! assert!(!v.is_clickbait);
//! assert!(v.hits.iter().all(|h| h.context.quoted || h.context.debunked));
//! ```
//!
//! # Evasion tricks do not hide a phrase
//!
//! ```
//! for t in ["二手車價格崩盤", "二手车价格崩 - 盘", "PRICES C-R-A-S-H", "prices crashhhh"] {
//!     let v = clickbait::score(t);
//!     assert!(!v.hits.is_empty(), "{t}");
//!     // The span covers the evasive spelling in the original.
//!     let h = &v.hits[v.hits.len() - 1];
//!     assert!(t.is_char_boundary(h.span.start) && t.is_char_boundary(h.span.end));
//! }
//! ```
//!
//! # Your own lexicon and threshold
//!
//! ```
//! use clickbait::Classifier;
//!
//! let c = Classifier::builder()
//!     .with_default_lexicons()
//!     .add_lexicon_str("dealer.toml", r#"
//!         lang = "en"
//!         entries = [
//!           { phrase = "priced to move", category = "slow_sales", weight = 2.8 },
//!           { pattern = 'only \d+ left', anchor = "only", category = "urgency", weight = 2.0 },
//!         ]
//!     "#)?
//!     .threshold(0.6)
//!     .build()?;
//! assert!(c.score("Priced to move: only 3 left at this price!").is_clickbait);
//! # Ok::<(), clickbait::Error>(())
//! ```
//!
//! # Errors name the file and line
//!
//! ```
//! let err = clickbait::Lexicon::parse("mine.toml", r#"
//! entries = [
//!   { phrase = "fire sale", category = "bargains", weight = 2.0 },
//!   { phrase = "huge", category = "hype", weight = 50 },
//! ]"#).unwrap_err();
//! let lines: Vec<String> = err.problems().iter().map(|p| p.to_string()).collect();
//! assert!(lines[0].starts_with("mine.toml:3: unknown category \"bargains\""));
//! assert_eq!(lines[1], "mine.toml:4: weight 50 out of range [-5, 5]");
//! ```
//!
//! # Crate features
//!
//! * `rayon` — [`Classifier::score_batch`] scores in parallel.

// One `unsafe` block in the crate: the call into the SSE2 byte classifier in
// `normalize`, safe on every x86_64 CPU (SSE2 is part of the baseline).
#![deny(unsafe_code)]
#![warn(missing_docs)]

mod builder;
mod classifier;
mod error;
mod json;
mod lexicon;
mod matcher;
pub mod normalize;
mod score;
#[cfg(test)]
mod test_rng;
mod verdict;

use once_cell::sync::Lazy;

pub use crate::builder::ClassifierBuilder;
pub use crate::classifier::Classifier;
pub use crate::error::{AutomatonError, Error, Problem, ProblemKind};
pub use crate::lexicon::{
    Category, Entry, EntryMatcher, EntrySpec, Language, Lexicon, UnknownCategory,
    DEFAULT_LEXICON_EN, DEFAULT_LEXICON_ZH, WEIGHT_RANGE,
};
pub use crate::score::weights::{ContextWeights, LanguageBias, SignalWeights, Weights};
pub use crate::verdict::{Context, Hit, Signal, SignalHit, Verdict};

/// Character classes for tools that must split text the way the matcher does
/// (the CLI's feature miner). Not part of the stable API.
#[doc(hidden)]
pub mod __tokenize {
    pub use crate::normalize::script::{is_han, is_word_char};
}

static DEFAULT: Lazy<Classifier> = Lazy::new(|| {
    // Invariant: the embedded lexicons and default weights build (the test
    // suite checks it). A fallback would hide the bug behind a classifier that
    // flags nothing.
    Classifier::builder()
        .build()
        .unwrap_or_else(|e| panic!("the embedded default lexicons do not build: {e}"))
});

pub(crate) fn default_classifier() -> &'static Classifier {
    &DEFAULT
}

/// Scores `title` with the default classifier (built on first use).
///
/// ```
/// let v = clickbait::score("Dealers are LOSING money: used EV prices crash!!!");
/// assert!(v.is_clickbait);
/// assert!(v.score > 0.5);
/// ```
pub fn score(title: &str) -> Verdict {
    DEFAULT.score(title)
}

/// The default classifier's score alone, in `[0, 1]`, without allocating.
///
/// ```
/// assert!(clickbait::score_value("亏麻了！二手车彻底卖不动了") > 0.5);
/// assert!(clickbait::score_value("一季度二手车交易量同比增长3%") < 0.5);
/// ```
pub fn score_value(title: &str) -> f32 {
    DEFAULT.score_value(title)
}

/// Each public item has one path: the crate root, plus `normalize` for the
/// normalizer. These must not compile (checked as doc-tests, not rendered):
///
/// ```compile_fail
/// use clickbait::lexicon::Lexicon;
/// ```
/// ```compile_fail
/// use clickbait::classifier::Classifier;
/// ```
/// ```compile_fail
/// use clickbait::verdict::Verdict;
/// ```
/// ```compile_fail
/// use clickbait::error::Error;
/// ```
/// ```compile_fail
/// use clickbait::score::weights::Weights;
/// ```
/// ```compile_fail
/// // The script helpers the CLI needs are not part of `normalize`'s API.
/// use clickbait::normalize::script::is_han;
/// ```
/// ```compile_fail
/// use clickbait::normalize::is_han;
/// ```
///
/// The root paths do compile:
///
/// ```
/// use clickbait::{Classifier, Error, Lexicon, Verdict, Weights};
/// use clickbait::normalize::{normalize, Normalized};
/// ```
#[cfg(doctest)]
pub struct OnePathPerItem;
