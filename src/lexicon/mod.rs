//! Lexicon files: parsing, validation and the embedded defaults.
//!
//! A lexicon is a TOML file of scored phrases plus three small cue lists
//! (negators, debunk/attribution cues, intensifiers). The format is described in
//! `lexicons/FORMAT.md`; in short:
//!
//! ```toml
//! lang = "en"
//! negators = ["not", "never"]
//! debunk = ["rumor", "claims"]
//! intensifiers = ["really"]
//! entries = [
//!   { phrase = "slow sales", category = "slow_sales", weight = 1.6 },
//!   { phrase = "crash", category = "collapse", weight = 1.2, inflect = true },
//!   { pattern = '亏了\d+万', anchor = "亏了", category = "loss", weight = 1.8 },
//! ]
//! ```
//!
//! Loading checks every entry and reports every problem at once, each with its
//! file and line: see [`Problem`].

mod category;
mod fields;
mod parse;
pub(crate) mod pattern;
mod spec;
mod template;
#[cfg(test)]
mod tests;

use std::fmt;
use std::path::Path;

use serde::{Deserialize, Serialize};

pub use self::category::{Category, UnknownCategory};
use self::parse::cue_list;
pub(crate) use self::parse::{entries, parse_file, syntax_error, LineIndex};
pub(crate) use self::pattern::edge_word_chars;
pub use self::spec::EntrySpec;
use crate::error::{Error, Problem, ProblemKind};

/// The smallest and largest weight an entry may carry.
pub const WEIGHT_RANGE: (f64, f64) = (-5.0, 5.0);

/// The English lexicon shipped with the crate.
pub const DEFAULT_LEXICON_EN: &str = include_str!("../../lexicons/en.toml");
/// The Chinese lexicon shipped with the crate.
pub const DEFAULT_LEXICON_ZH: &str = include_str!("../../lexicons/zh.toml");

/// The script family of a phrase, which decides how it is matched.
///
/// ```
/// use clickbait::Language;
/// assert_eq!(clickbait::score("二手车价格").language, Language::Zh);
/// assert_eq!(clickbait::score("used car prices").language, Language::En);
/// assert_eq!(clickbait::score("!!! 123").language, Language::Unknown);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum Language {
    /// English (and other space-separated Latin text): word boundaries apply.
    En,
    /// Chinese: phrases match anywhere.
    Zh,
    /// No letters to tell (only digits, punctuation, emoji, or nothing). The default.
    #[default]
    Unknown,
}

impl Language {
    /// `"en"`, `"zh"` or `"unknown"`.
    ///
    /// ```
    /// use clickbait::Language;
    ///
    /// assert_eq!(Language::Zh.as_str(), "zh");
    /// assert_eq!(clickbait::score("used car prices").language.as_str(), "en");
    /// assert_eq!(Language::Unknown.to_string(), Language::Unknown.as_str());
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            Language::En => "en",
            Language::Zh => "zh",
            Language::Unknown => "unknown",
        }
    }
}

impl fmt::Display for Language {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How an entry is found in text.
///
/// The pattern is given as its source text: the compiled form is the crate's
/// own business, so the `regex` crate stays out of this API.
///
/// ```
/// use clickbait::EntryMatcher;
/// let lex = clickbait::Lexicon::parse("x.toml",
///     r#"entries = [ { pattern = '亏了\d+万', anchor = "亏了", category = "loss", weight = 1.5 } ]"#).unwrap();
/// match lex.entries()[0].matcher() {
///     EntryMatcher::Pattern { pattern, anchor } => {
///         assert_eq!(pattern, r"亏了\d+万");
///         assert_eq!(anchor, "亏了");
///     }
///     _ => unreachable!(),
/// }
/// assert!(clickbait::score("一年亏了20万").hits.iter().any(|h| h.phrase.starts_with("亏了")));
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum EntryMatcher {
    /// A literal phrase (normalized).
    Literal,
    /// A regular expression, tried only around occurrences of `anchor`.
    Pattern {
        /// The pattern as written in the lexicon, run on normalized text
        /// (lowercase, simplified; `\b` means an ASCII word boundary).
        pattern: String,
        /// Literal text (normalized) that every match contains.
        anchor: String,
    },
}

/// One scored phrase of a lexicon.
///
/// ```
/// let lex = clickbait::Lexicon::parse("x.toml",
///     "entries = [ { phrase = \"Crash\", category = \"collapse\", weight = 1.0, inflect = true } ]").unwrap();
/// let e = &lex.entries()[0];
/// assert_eq!((e.phrase(), e.weight(), e.inflects(), e.line()), ("crash", 1.0, true, 1));
/// assert_eq!(e.language(), clickbait::Language::En);
/// ```
#[derive(Clone, Debug)]
pub struct Entry {
    pub(crate) phrase: String,
    pub(crate) matcher: EntryMatcher,
    /// The compiled pattern of a pattern entry.
    pub(crate) regex: Option<pattern::LazyRegex>,
    pub(crate) category: Category,
    pub(crate) weight: f32,
    pub(crate) language: Language,
    pub(crate) inflect: bool,
    /// `inflect = true` as written: -er and -ers forms too.
    pub(crate) agent_nouns: bool,
    pub(crate) whole_word: bool,
    pub(crate) case_sensitive: bool,
    pub(crate) overlap: bool,
    pub(crate) line: usize,
}

impl Entry {
    /// The phrase in normalized form (for a pattern entry, the pattern source).
    ///
    /// ```
    /// let lex = clickbait::Lexicon::parse("x.toml", r#"entries = [ { phrase = "Prices  CRASH", category = "collapse", weight = 2.0 } ]"#)?;
    /// assert_eq!(lex.entries()[0].phrase(), "prices crash"); // normalized
    /// # Ok::<(), clickbait::Error>(())
    /// ```
    pub fn phrase(&self) -> &str {
        &self.phrase
    }
    /// How the entry is matched.
    ///
    /// ```
    /// let lex = clickbait::Lexicon::parse("x.toml", r#"entries = [ { phrase = "slow sales", category = "slow_sales", weight = 1.6 } ]"#)?;
    /// assert!(matches!(lex.entries()[0].matcher(), clickbait::EntryMatcher::Literal));
    /// # Ok::<(), clickbait::Error>(())
    /// ```
    pub fn matcher(&self) -> &EntryMatcher {
        &self.matcher
    }
    /// The entry's category.
    ///
    /// ```
    /// let lex = clickbait::Lexicon::parse("x.toml", r#"entries = [ { phrase = "slow sales", category = "slow_sales", weight = 1.6 } ]"#)?;
    /// assert_eq!(lex.entries()[0].category(), clickbait::Category::SlowSales);
    /// # Ok::<(), clickbait::Error>(())
    /// ```
    pub fn category(&self) -> Category {
        self.category
    }
    /// The log-odds weight of one plain hit.
    ///
    /// ```
    /// let lex = clickbait::Lexicon::parse("x.toml", r#"entries = [ { phrase = "slow sales", category = "slow_sales", weight = 1.6 } ]"#)?;
    /// assert_eq!(lex.entries()[0].weight(), 1.6);
    /// # Ok::<(), clickbait::Error>(())
    /// ```
    pub fn weight(&self) -> f32 {
        self.weight
    }
    /// Whether the phrase is English-style (word boundaries) or Chinese.
    ///
    /// ```
    /// let lex = clickbait::Lexicon::parse("x.toml", r#"entries = [ { phrase = "崩盘", category = "collapse", weight = 2.8 } ]"#)?;
    /// assert_eq!(lex.entries()[0].language(), clickbait::Language::Zh); // detected from the script
    /// # Ok::<(), clickbait::Error>(())
    /// ```
    pub fn language(&self) -> Language {
        self.language
    }
    /// Whether the last word may carry an English inflection.
    ///
    /// ```
    /// let lex = clickbait::Lexicon::parse("x.toml", r#"entries = [ { phrase = "crash", category = "collapse", weight = 0.5, inflect = true } ]"#)?;
    /// assert!(lex.entries()[0].inflects());
    /// # Ok::<(), clickbait::Error>(())
    /// ```
    pub fn inflects(&self) -> bool {
        self.inflect
    }
    /// Whether the entry's hits stand beside overlapping hits instead of
    /// competing with them (longest wins).
    ///
    /// ```
    /// let lex = clickbait::Lexicon::parse("x.toml", r#"entries = [ { phrase = "prices", category = "sober", weight = -0.5, overlap = true } ]"#)?;
    /// assert!(lex.entries()[0].overlaps());
    /// # Ok::<(), clickbait::Error>(())
    /// ```
    pub fn overlaps(&self) -> bool {
        self.overlap
    }
    /// The 1-based line of the entry in its file.
    ///
    /// ```
    /// let lex = clickbait::Lexicon::parse("x.toml", "entries = [\n  { phrase = \"a\", category = \"hype\", weight = 1.0 },\n  { phrase = \"b\", category = \"hype\", weight = 1.0 },\n]")?;
    /// assert_eq!(lex.entries()[1].line(), 3);
    /// # Ok::<(), clickbait::Error>(())
    /// ```
    pub fn line(&self) -> usize {
        self.line
    }
}

/// A parsed, validated lexicon.
///
/// ```
/// use clickbait::{Category, Lexicon};
///
/// let lex = Lexicon::parse("mine.toml", r#"
/// negators = ["not"]
/// entries = [
///   { phrase = "Fire Sale", category = "slow_sales", weight = 2.0 },
///   { phrase = "清仓", category = "slow_sales", weight = 1.5 },
/// ]
/// "#).unwrap();
/// assert_eq!(lex.entries().len(), 2);
/// assert_eq!(lex.entries()[0].phrase(), "fire sale"); // stored normalized
/// assert_eq!(lex.entries()[1].category(), Category::SlowSales);
/// assert_eq!(lex.negators(), ["not"]);
/// ```
#[derive(Clone, Debug, Default)]
pub struct Lexicon {
    pub(crate) name: String,
    pub(crate) entries: Vec<Entry>,
    pub(crate) negators: Vec<String>,
    pub(crate) debunk: Vec<String>,
    pub(crate) intensifiers: Vec<String>,
}

impl Lexicon {
    /// Parses and validates lexicon text. `name` labels problems (usually the
    /// file name).
    ///
    /// ```
    /// use clickbait::Lexicon;
    ///
    /// let lex = Lexicon::parse("mine.toml", r#"
    ///     entries = [ { phrase = "Fire Sale", category = "slow_sales", weight = 2.0 } ]
    /// "#)?;
    /// assert_eq!(lex.entries()[0].phrase(), "fire sale");
    ///
    /// // Every problem is reported, each with its line.
    /// let err = Lexicon::parse("bad.toml", "entries = [
    ///   { phrase = \"a\", category = \"gossip\", weight = 1.0 },
    ///   { phrase = \"b\", category = \"loss\", weight = 9.0 },
    /// ]").unwrap_err();
    /// let lines: Vec<usize> = err.problems().iter().map(|p| p.line).collect();
    /// assert_eq!(lines, [2, 3]);
    /// # Ok::<(), clickbait::Error>(())
    /// ```
    ///
    /// # Errors
    /// [`Error::Invalid`] listing every problem with its line.
    pub fn parse(name: &str, text: &str) -> Result<Lexicon, Error> {
        Lexicon::parse_with(name, text, true)
    }

    /// [`Lexicon::parse`]; `eager`: compile pattern entries now (a user's
    /// lexicon: every problem is reported at load) or on first use (the
    /// embedded ones, which the tests compile in full).
    fn parse_with(name: &str, text: &str, eager: bool) -> Result<Lexicon, Error> {
        let lines = LineIndex::new(text);
        let mut problems = Vec::new();
        let raw = fields::raw_lexicon(name, text, &lines, &mut problems)?;
        let mut lex = Lexicon {
            name: name.to_string(),
            ..Lexicon::default()
        };
        let file_lang = match &raw.lang {
            None => None,
            Some(l) => match l.get_ref().as_str() {
                "en" => Some(Language::En),
                "zh" => Some(Language::Zh),
                other => {
                    problems.push(Problem {
                        file: name.to_string(),
                        line: lines.line(l.span().start),
                        kind: ProblemKind::Syntax(format!(
                            "unknown lang {other:?}; expected \"en\" or \"zh\""
                        )),
                    });
                    None
                }
            },
        };
        lex.negators = cue_list(name, &lines, &raw.negators, &mut problems);
        lex.debunk = cue_list(name, &lines, &raw.debunk, &mut problems);
        lex.intensifiers = cue_list(name, &lines, &raw.intensifiers, &mut problems);
        lex.entries = entries(name, &lines, &raw.entries, file_lang, eager, &mut problems);
        // Unknown fields were found first; report everything in file order.
        problems.sort_by_key(|p| p.line);
        if problems.is_empty() {
            Ok(lex)
        } else {
            Err(Error::Invalid(problems))
        }
    }

    /// Reads and parses a lexicon file.
    ///
    /// ```
    /// use clickbait::Lexicon;
    ///
    /// let path = std::env::temp_dir()
    ///     .join(format!("clickbait-doc-lexicon-from-file-{}.toml", std::process::id()));
    /// std::fs::write(&path, r#"
    ///     entries = [ { phrase = "fire sale", category = "slow_sales", weight = 2.0 } ]
    /// "#).unwrap();
    /// let lex = Lexicon::from_file(&path);
    /// std::fs::remove_file(&path).unwrap();
    /// let lex = lex?;
    /// assert_eq!(lex.name(), path.display().to_string()); // problems name the path
    /// assert_eq!(lex.entries()[0].phrase(), "fire sale");
    /// assert!(matches!(Lexicon::from_file(&path), Err(clickbait::Error::Io { .. })));
    /// # Ok::<(), clickbait::Error>(())
    /// ```
    ///
    /// # Errors
    /// [`Error::Io`] if the file cannot be read (or is not UTF-8), otherwise as
    /// [`Lexicon::parse`].
    pub fn from_file(path: impl AsRef<Path>) -> Result<Lexicon, Error> {
        parse_file(path.as_ref(), Lexicon::parse)
    }

    /// The embedded English and Chinese lexicons.
    ///
    /// ```
    /// let defaults = clickbait::Lexicon::defaults();
    /// let names: Vec<&str> = defaults.iter().map(|l| l.name()).collect();
    /// assert_eq!(names, ["lexicons/en.toml", "lexicons/zh.toml"]);
    /// assert!(defaults[0].entries().iter().any(|e| e.phrase() == "slow sales"));
    /// assert!(defaults[1].entries().iter().any(|e| e.phrase() == "崩盘"));
    /// ```
    pub fn defaults() -> Vec<Lexicon> {
        [
            ("lexicons/en.toml", DEFAULT_LEXICON_EN),
            ("lexicons/zh.toml", DEFAULT_LEXICON_ZH),
        ]
        .into_iter()
        // Invariant: the embedded files parse (the test suite checks them). A
        // broken one is a bug in this crate; an empty stand-in would make the
        // default classifier quietly flag nothing.
        .map(|(name, text)| {
            Lexicon::parse_with(name, text, false)
                .unwrap_or_else(|e| panic!("embedded lexicon {name} is invalid:\n{e}"))
        })
        .collect()
    }

    /// The name given when parsing (usually the file name).
    ///
    /// ```
    /// let lex = clickbait::Lexicon::parse("dealer.toml", "")?;
    /// assert_eq!(lex.name(), "dealer.toml");
    /// # Ok::<(), clickbait::Error>(())
    /// ```
    pub fn name(&self) -> &str {
        &self.name
    }
    /// The scored entries, in file order.
    ///
    /// ```
    /// let lex = clickbait::Lexicon::parse("x.toml", r#"entries = [
    ///     { phrase = "fire sale", category = "slow_sales", weight = 2.0 },
    ///     { phrase = "崩盘", category = "collapse", weight = 2.8 },
    /// ]"#)?;
    /// let phrases: Vec<&str> = lex.entries().iter().map(|e| e.phrase()).collect();
    /// assert_eq!(phrases, ["fire sale", "崩盘"]);
    /// # Ok::<(), clickbait::Error>(())
    /// ```
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }
    /// Negation cues (normalized).
    ///
    /// ```
    /// let lex = clickbait::Lexicon::parse("x.toml", r#"negators = ["NOT", "並未"]"#)?;
    /// assert_eq!(lex.negators(), ["not", "并未"]);
    /// # Ok::<(), clickbait::Error>(())
    /// ```
    pub fn negators(&self) -> &[String] {
        &self.negators
    }
    /// Debunk / attribution cues (normalized).
    ///
    /// ```
    /// let lex = clickbait::Lexicon::parse("x.toml", r#"debunk = ["Rumor", "闢謠"]"#)?;
    /// assert_eq!(lex.debunk_cues(), ["rumor", "辟谣"]);
    /// # Ok::<(), clickbait::Error>(())
    /// ```
    pub fn debunk_cues(&self) -> &[String] {
        &self.debunk
    }
    /// Intensifier cues (normalized).
    ///
    /// ```
    /// let lex = clickbait::Lexicon::parse("x.toml", r#"intensifiers = ["Really", "徹底"]"#)?;
    /// assert_eq!(lex.intensifiers(), ["really", "彻底"]);
    /// # Ok::<(), clickbait::Error>(())
    /// ```
    pub fn intensifiers(&self) -> &[String] {
        &self.intensifiers
    }
}
