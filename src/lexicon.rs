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

use std::collections::HashMap;
use std::fmt;
use std::path::Path;

use serde::{Deserialize, Serialize};
use toml::Spanned;

use crate::category::Category;
use crate::error::{Error, Problem, ProblemKind};
use crate::normalize::normalize;
use crate::script::{is_han, is_word_char};

/// The smallest and largest weight an entry may carry.
pub const WEIGHT_RANGE: (f64, f64) = (-5.0, 5.0);

/// The English lexicon shipped with the crate.
pub const DEFAULT_EN: &str = include_str!("../lexicons/en.toml");
/// The Chinese lexicon shipped with the crate.
pub const DEFAULT_ZH: &str = include_str!("../lexicons/zh.toml");

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
/// ```
/// use clickbait::lexicon::Matcher;
/// let lex = clickbait::Lexicon::parse("x.toml",
///     r#"entries = [ { pattern = '亏了\d+万', anchor = "亏了", category = "loss", weight = 1.5 } ]"#).unwrap();
/// match lex.entries()[0].matcher() {
///     Matcher::Pattern { regex, anchor } => {
///         assert_eq!(anchor, "亏了");
///         assert!(regex.is_match("一年亏了20万"));
///     }
///     _ => unreachable!(),
/// }
/// ```
#[derive(Clone, Debug)]
#[non_exhaustive]
pub enum Matcher {
    /// A literal phrase (normalized).
    Literal,
    /// A regular expression, tried only around occurrences of `anchor`.
    Pattern {
        /// The compiled pattern, run on normalized text.
        regex: regex::Regex,
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
    pub(crate) matcher: Matcher,
    pub(crate) category: Category,
    pub(crate) weight: f32,
    pub(crate) language: Language,
    pub(crate) inflect: bool,
    pub(crate) whole_word: bool,
    pub(crate) case_sensitive: bool,
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
    /// assert!(matches!(lex.entries()[0].matcher(), clickbait::lexicon::Matcher::Literal));
    /// # Ok::<(), clickbait::Error>(())
    /// ```
    pub fn matcher(&self) -> &Matcher {
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
        let raw: RawLexicon = toml::from_str(text).map_err(|e| syntax_error(name, text, &e))?;
        let lines = LineIndex::new(text);
        let mut problems = Vec::new();
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
        lex.entries = entries(name, &lines, &raw.entries, file_lang, &mut problems);
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
        // The embedded files are checked by the test suite; a broken one is a bug
        // in this crate, but even then degrade to an empty lexicon, never panic.
        [
            ("lexicons/en.toml", DEFAULT_EN),
            ("lexicons/zh.toml", DEFAULT_ZH),
        ]
        .into_iter()
        .map(|(name, text)| Lexicon::parse(name, text).unwrap_or_default())
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

/// The raw shape of a lexicon file, before validation.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLexicon {
    lang: Option<Spanned<String>>,
    #[serde(default)]
    negators: Vec<Spanned<String>>,
    #[serde(default)]
    debunk: Vec<Spanned<String>>,
    #[serde(default)]
    intensifiers: Vec<Spanned<String>>,
    #[serde(default)]
    entries: Vec<Spanned<EntrySpec>>,
}

/// One lexicon entry as written in a file, before validation. Weights files
/// written by `clickbait fit` carry mined entries in this form too.
///
/// ```
/// use clickbait::lexicon::EntrySpec;
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
    #[serde(default, skip_serializing_if = "is_false")]
    /// Allow English inflections of the last word.
    pub inflect: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    /// Require word boundaries (default true).
    pub whole_word: Option<bool>,
    #[serde(default, skip_serializing_if = "is_false")]
    /// Compare case with the original title.
    pub case_sensitive: bool,
}

fn is_false(b: &bool) -> bool {
    !*b
}

/// Reads `path` and parses it with `parse`, naming problems after the path.
pub(crate) fn parse_file<T>(
    path: &Path,
    parse: impl FnOnce(&str, &str) -> Result<T, Error>,
) -> Result<T, Error> {
    let text = std::fs::read_to_string(path).map_err(|source| Error::Io {
        path: path.to_path_buf(),
        source,
    })?;
    parse(&path.display().to_string(), &text)
}

/// Turns a TOML error into a located problem.
pub(crate) fn syntax_error(name: &str, text: &str, e: &toml::de::Error) -> Error {
    let line = e
        .span()
        .map(|s| LineIndex::new(text).line(s.start))
        .unwrap_or(0);
    Error::Invalid(vec![Problem {
        file: name.to_string(),
        line,
        kind: ProblemKind::Syntax(e.message().trim().to_string()),
    }])
}

/// Byte offset → 1-based line number, in O(log lines).
pub(crate) struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    pub(crate) fn new(text: &str) -> LineIndex {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { starts }
    }

    pub(crate) fn line(&self, offset: usize) -> usize {
        match self.starts.binary_search(&offset) {
            Ok(i) => i + 1,
            Err(i) => i,
        }
    }
}

fn cue_list(
    name: &str,
    lines: &LineIndex,
    raw: &[Spanned<String>],
    problems: &mut Vec<Problem>,
) -> Vec<String> {
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut out = Vec::with_capacity(raw.len());
    for cue in raw {
        let line = lines.line(cue.span().start);
        let norm = normalize(cue.get_ref()).as_str().to_string();
        let problem = if norm.is_empty() {
            Some(ProblemKind::EmptyPhrase)
        } else if let Some(&first_line) = seen.get(&norm) {
            Some(ProblemKind::Duplicate {
                phrase: norm.clone(),
                first_line,
            })
        } else {
            None
        };
        match problem {
            Some(kind) => problems.push(Problem {
                file: name.to_string(),
                line,
                kind,
            }),
            None => {
                seen.insert(norm.clone(), line);
                out.push(norm);
            }
        }
    }
    out
}

pub(crate) fn entries(
    name: &str,
    lines: &LineIndex,
    raw: &[Spanned<EntrySpec>],
    file_lang: Option<Language>,
    problems: &mut Vec<Problem>,
) -> Vec<Entry> {
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut out = Vec::with_capacity(raw.len());
    for spanned in raw {
        let line = lines.line(spanned.span().start);
        let mut report = |kind| {
            problems.push(Problem {
                file: name.to_string(),
                line,
                kind,
            })
        };
        // Duplicates are found whether or not either entry is otherwise valid,
        // so a file's problems all show up in one pass.
        let duplicate = match duplicate_key(spanned.get_ref()) {
            Some(key) => match seen.get(&key) {
                Some(&first_line) => Some(ProblemKind::Duplicate {
                    phrase: key,
                    first_line,
                }),
                None => {
                    seen.insert(key, line);
                    None
                }
            },
            None => None,
        };
        match entry(spanned.get_ref(), line, file_lang) {
            Err(kinds) => kinds.into_iter().chain(duplicate).for_each(&mut report),
            Ok(_) if duplicate.is_some() => duplicate.into_iter().for_each(&mut report),
            Ok(e) => out.push(e),
        }
    }
    out
}

/// What makes two entries the same: the phrase as it is matched (normalized,
/// or as written for a case-sensitive one), or the pattern source.
fn duplicate_key(raw: &EntrySpec) -> Option<String> {
    match (&raw.phrase, &raw.pattern) {
        (Some(p), None) if raw.case_sensitive => Some(p.clone()),
        (Some(p), None) => Some(normalize(p).as_str().to_string()).filter(|k| !k.is_empty()),
        (None, Some(p)) => Some(p.clone()),
        _ => None,
    }
}

/// Validates one raw entry; every problem with it is returned.
fn entry(
    raw: &EntrySpec,
    line: usize,
    file_lang: Option<Language>,
) -> Result<Entry, Vec<ProblemKind>> {
    let mut problems = Vec::new();
    let category = match &raw.category {
        None => {
            problems.push(ProblemKind::Missing("category"));
            None
        }
        Some(c) => c
            .parse::<Category>()
            .map_err(|e| problems.push(ProblemKind::UnknownCategory(e.0)))
            .ok(),
    };
    let weight = raw.weight.unwrap_or_else(|| {
        problems.push(ProblemKind::Missing("weight"));
        0.0
    });
    let (min, max) = WEIGHT_RANGE;
    if !weight.is_finite() {
        problems.push(ProblemKind::NonFiniteWeight);
    } else if !(min..=max).contains(&weight) {
        problems.push(ProblemKind::WeightOutOfRange { weight, min, max });
    }
    let (phrase, matcher) = match (&raw.phrase, &raw.pattern) {
        (Some(p), None) => {
            let norm = normalize(p).as_str().to_string();
            if norm.is_empty() {
                problems.push(ProblemKind::EmptyPhrase);
            }
            if raw.anchor.is_some() {
                problems.push(ProblemKind::BadFlag(
                    "`anchor` belongs to `pattern` entries only".into(),
                ));
            }
            (norm, Matcher::Literal)
        }
        (None, Some(p)) => {
            let anchor = raw
                .anchor
                .as_deref()
                .map(|a| normalize(a).as_str().to_string())
                .unwrap_or_default();
            if anchor.is_empty() {
                problems.push(ProblemKind::MissingAnchor);
            }
            if p.trim().is_empty() {
                problems.push(ProblemKind::EmptyPhrase);
            }
            match regex::RegexBuilder::new(&ascii_word_boundaries(p))
                .size_limit(1 << 20)
                .build()
            {
                Ok(regex) => {
                    // A match must contain the anchor; an anchor the pattern does
                    // not spell out literally would leave the entry silently dead.
                    if !anchor.is_empty() && !p.trim().is_empty() && !p.contains(anchor.as_str()) {
                        problems.push(ProblemKind::BadFlag(format!(
                            "`anchor` {anchor:?} must appear literally in the pattern"
                        )));
                    }
                    (p.clone(), Matcher::Pattern { regex, anchor })
                }
                Err(e) => {
                    problems.push(ProblemKind::BadPattern(e.to_string()));
                    (p.clone(), Matcher::Literal)
                }
            }
        }
        _ => {
            problems.push(ProblemKind::PhraseOrPattern);
            (String::new(), Matcher::Literal)
        }
    };
    let has_han = phrase.chars().any(is_han);
    let language = match file_lang {
        Some(l) => l,
        None if has_han => Language::Zh,
        None => Language::En,
    };
    if raw.inflect {
        let last_is_letter = phrase
            .chars()
            .last()
            .is_some_and(|c| c.is_ascii_alphabetic());
        if !matches!(matcher, Matcher::Literal) || !last_is_letter {
            problems.push(ProblemKind::BadFlag(
                "`inflect` needs a literal phrase ending in an English letter".into(),
            ));
        }
    }
    if raw.case_sensitive && !phrase.chars().any(char::is_alphabetic) {
        problems.push(ProblemKind::BadFlag(
            "`case_sensitive` needs a phrase with letters".into(),
        ));
    }
    // Case-sensitive entries keep the case as written, to compare with the title.
    let phrase = if raw.case_sensitive {
        raw.phrase.clone().unwrap_or(phrase)
    } else {
        phrase
    };
    match (problems.is_empty(), category) {
        (true, Some(category)) => Ok(Entry {
            phrase,
            matcher,
            category,
            weight: weight as f32,
            language,
            inflect: raw.inflect,
            whole_word: raw.whole_word.unwrap_or(true),
            case_sensitive: raw.case_sensitive,
            line,
        }),
        _ => Err(problems),
    }
}

/// Rewrites `\b` and `\B` as ASCII word boundaries. Han characters then count
/// as non-word characters, as they do for literal phrases ("lost millions崩盘"
/// has a boundary before 崩), and the regex engine stays on its fast path for
/// Chinese text instead of falling back (and allocating) per search.
pub(crate) fn ascii_word_boundaries(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len() + 8);
    let mut chars = pattern.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some(b @ ('b' | 'B')) => {
                out.push_str("(?-u:\\");
                out.push(b);
                out.push(')');
            }
            Some(other) => {
                out.push('\\');
                out.push(other);
            }
            None => out.push('\\'),
        }
    }
    out
}

/// Whether `phrase` starts / ends with a word character (so needs a boundary there).
pub(crate) fn edge_word_chars(phrase: &str) -> (bool, bool) {
    (
        phrase.chars().next().is_some_and(is_word_char),
        phrase.chars().last().is_some_and(is_word_char),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problems(text: &str) -> Vec<String> {
        match Lexicon::parse("t.toml", text) {
            Ok(_) => vec![],
            Err(e) => e.problems().iter().map(|p| p.to_string()).collect(),
        }
    }

    #[test]
    fn defaults_parse_cleanly() {
        for (name, text) in [("en.toml", DEFAULT_EN), ("zh.toml", DEFAULT_ZH)] {
            if let Err(e) = Lexicon::parse(name, text) {
                panic!("{e}");
            }
        }
    }

    #[test]
    fn reports_every_problem_with_its_line() {
        let text = r#"entries = [
  { phrase = "", category = "loss", weight = 1.0 },
  { phrase = "ok", category = "gossip", weight = 1.0 },
  { phrase = "big", category = "hype", weight = 9.0 },
  { phrase = "dup", category = "hype", weight = 1.0 },
  { phrase = "DUP", category = "hype", weight = 1.0 },
  { phrase = "x", category = "hype", weight = nan },
  { pattern = "亏了\\d+万", category = "loss", weight = 1.0 },
  { pattern = "(", anchor = "a", category = "loss", weight = 1.0 },
  { category = "loss", weight = 1.0 },
  { phrase = "no weight", category = "loss" },
]"#;
        let p = problems(text);
        assert_eq!(p.len(), 9, "{p:#?}");
        assert_eq!(p[8], "t.toml:11: missing field `weight`");
        assert_eq!(p[0], "t.toml:2: empty phrase");
        assert!(p[1].starts_with("t.toml:3: unknown category \"gossip\""));
        assert_eq!(p[2], "t.toml:4: weight 9 out of range [-5, 5]");
        assert_eq!(p[3], "t.toml:6: duplicate phrase \"dup\" (first on line 5)");
        assert_eq!(p[4], "t.toml:7: weight must be a finite number");
        assert!(p[5].starts_with("t.toml:8: a `pattern` entry needs a non-empty `anchor`"));
        assert!(p[6].starts_with("t.toml:9: invalid pattern"));
        assert!(p[7].starts_with("t.toml:10: an entry needs exactly one"));
    }

    #[test]
    fn duplicates_of_invalid_entries_and_foreign_anchors_are_reported() {
        let p = problems(
            "entries = [\n { phrase = \"bar\", category = \"hype\", weight = 9.0 },\n { phrase = \"Bar\", category = \"hype\", weight = 1.0 },\n { pattern = 'abc', anchor = \"x\", category = \"hype\", weight = 1.0 },\n]",
        );
        assert_eq!(p.len(), 3, "{p:?}");
        assert!(p[0].starts_with("t.toml:2: weight 9"), "{p:?}");
        assert_eq!(p[1], "t.toml:3: duplicate phrase \"bar\" (first on line 2)");
        assert!(
            p[2].starts_with("t.toml:4: `anchor` \"x\" must appear"),
            "{p:?}"
        );
    }

    #[test]
    fn syntax_errors_name_the_line() {
        let p = problems(
            "negators = [\"a\"]\nentries = [\n  { phrase = \"x\" category = \"loss\" },\n]",
        );
        assert_eq!(p.len(), 1);
        assert!(p[0].starts_with("t.toml:3:"), "{p:?}");
        let p = problems(
            "entries = [ { phrase = \"x\", category = \"loss\", weight = 1.0, colour = 1 } ]",
        );
        assert!(p[0].contains("colour"), "{p:?}");
    }

    #[test]
    fn junk_is_an_error_not_a_panic() {
        let junk: String = (0..200_000u32)
            .map(|i| char::from_u32(i % 0x2FFF + 1).unwrap_or('x'))
            .collect();
        assert!(!problems(&junk).is_empty());
    }

    #[test]
    fn cues_are_normalized_and_checked() {
        let lex = Lexicon::parse("c.toml", "debunk = [\"闢謠\", \"Rumor\"]").unwrap();
        assert_eq!(lex.debunk_cues(), ["辟谣", "rumor"]);
        let p = problems("negators = [\"not\", \"NOT\", \" \"]");
        assert_eq!(p.len(), 2, "{p:?}");
    }

    #[test]
    fn inflect_only_on_latin_literals() {
        let p = problems("entries = [ { phrase = \"崩盘\", category = \"collapse\", weight = 1.0, inflect = true } ]");
        assert_eq!(p.len(), 1);
        assert!(p[0].contains("inflect"));
    }

    #[test]
    fn word_boundaries_become_ascii() {
        assert_eq!(ascii_word_boundaries(r"\blost\b"), r"(?-u:\b)lost(?-u:\b)");
        assert_eq!(ascii_word_boundaries(r"a\\b\B"), r"a\\b(?-u:\B)");
        assert_eq!(ascii_word_boundaries(r"\d+万\"), r"\d+万\");
    }

    #[test]
    fn line_index() {
        let li = LineIndex::new("a\nbc\n\nd");
        assert_eq!(
            [0, 1, 2, 3, 4, 5, 6].map(|o| li.line(o)),
            [1, 1, 2, 2, 2, 3, 4]
        );
    }
}
