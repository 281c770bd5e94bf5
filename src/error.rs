//! Errors: every one says what is wrong and, for files, where.

use std::fmt;
use std::path::PathBuf;

/// Everything that can go wrong while building a [`Classifier`](crate::Classifier).
///
/// Scoring itself never fails: any `&str` gets a verdict.
///
/// ```
/// let err = clickbait::Classifier::builder()
///     .no_default_lexicons()
///     .add_lexicon_str("mine.toml", "entries = [ { phrase = \"\", category = \"loss\", weight = 1.0 } ]")
///     .unwrap_err();
/// assert_eq!(err.to_string(), "mine.toml:1: empty phrase");
///
/// let err = clickbait::Classifier::builder().no_default_lexicons().build().unwrap_err();
/// assert!(matches!(err, clickbait::Error::EmptyLexicon));
/// ```
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    /// A lexicon or weights file could not be read.
    Io {
        /// The file that could not be read.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// One or more problems in lexicon or weights files; all of them are listed,
    /// not just the first.
    Invalid(Vec<Problem>),
    /// The classifier has no phrases at all (for example, default lexicons turned
    /// off and nothing added).
    EmptyLexicon,
    /// The multi-pattern automaton could not be built (the lexicon is too large).
    Automaton(AutomatonError),
}

/// Why the phrase automaton could not be built: the lexicons hold too many or
/// too long phrases. [`std::error::Error::source`] gives the underlying
/// automaton library's error where there is one.
#[derive(Debug)]
pub struct AutomatonError {
    reason: AutomatonReason,
}

#[derive(Debug)]
enum AutomatonReason {
    /// aho-corasick refused the key set.
    Build(aho_corasick::BuildError),
    /// One automaton key stands for more entries than its 16-bit count holds.
    SharedKey,
}

impl AutomatonError {
    pub(crate) fn build(e: aho_corasick::BuildError) -> AutomatonError {
        AutomatonError {
            reason: AutomatonReason::Build(e),
        }
    }

    pub(crate) fn shared_key() -> AutomatonError {
        AutomatonError {
            reason: AutomatonReason::SharedKey,
        }
    }
}

impl fmt::Display for AutomatonError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.reason {
            AutomatonReason::Build(e) => {
                write!(f, "{e}; split the lexicons or remove rarely useful phrases")
            }
            AutomatonReason::SharedKey => {
                f.write_str("more than 65535 entries share one phrase or anchor; remove duplicates")
            }
        }
    }
}

impl std::error::Error for AutomatonError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match &self.reason {
            AutomatonReason::Build(e) => Some(e),
            AutomatonReason::SharedKey => None,
        }
    }
}

impl Error {
    /// The file problems behind an [`Error::Invalid`]; empty for other errors.
    ///
    /// ```
    /// let err = clickbait::Lexicon::parse("m.toml", "entries = [
    ///   { phrase = \"\", category = \"loss\", weight = 1.0 },
    ///   { phrase = \"x\", category = \"loss\" },
    /// ]").unwrap_err();
    /// let lines: Vec<usize> = err.problems().iter().map(|p| p.line).collect();
    /// assert_eq!(lines, [2, 3]);
    /// assert!(clickbait::Error::EmptyLexicon.problems().is_empty());
    /// ```
    pub fn problems(&self) -> &[Problem] {
        match self {
            Error::Invalid(p) => p,
            _ => &[],
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Io { path, source } => write!(f, "cannot read {}: {}", path.display(), source),
            Error::Invalid(problems) => {
                for (i, p) in problems.iter().enumerate() {
                    if i > 0 {
                        f.write_str("\n")?;
                    }
                    write!(f, "{p}")?;
                }
                Ok(())
            }
            Error::EmptyLexicon => f.write_str(
                "no lexicon phrases to match: keep the default lexicons or add a lexicon with entries",
            ),
            Error::Automaton(e) => write!(f, "cannot build the phrase matcher: {e}"),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Io { source, .. } => Some(source),
            Error::Automaton(e) => Some(e),
            _ => None,
        }
    }
}

/// One problem in a lexicon or weights file, with its location.
///
/// ```
/// use clickbait::ProblemKind;
/// let err = clickbait::Lexicon::parse("m.toml", "negators = [\"not\", \"not\"]").unwrap_err();
/// let p = &err.problems()[0];
/// assert_eq!((p.file.as_str(), p.line), ("m.toml", 1));
/// assert!(matches!(p.kind, ProblemKind::Duplicate { .. }));
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct Problem {
    /// The file name (or the label given to a lexicon read from a string).
    pub file: String,
    /// 1-based line number; 0 when the problem concerns the whole file.
    pub line: usize,
    /// What is wrong.
    pub kind: ProblemKind,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line == 0 {
            write!(f, "{}: {}", self.file, self.kind)
        } else {
            write!(f, "{}:{}: {}", self.file, self.line, self.kind)
        }
    }
}

/// What is wrong in a [`Problem`].
///
/// ```
/// use clickbait::ProblemKind;
/// let err = clickbait::Lexicon::parse("m.toml",
///     "entries = [ { phrase = \"x\", category = \"loss\", weight = inf } ]").unwrap_err();
/// assert_eq!(err.problems()[0].kind, ProblemKind::NonFiniteWeight);
/// ```
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum ProblemKind {
    /// The file is not valid TOML, or has a field of the wrong type or an unknown field.
    Syntax(String),
    /// An entry's phrase (or a cue) is empty, or becomes empty after normalization.
    EmptyPhrase,
    /// The category is not one of [`Category::ALL`](crate::Category::ALL).
    UnknownCategory(String),
    /// The same phrase (after normalization) appears twice in one file.
    Duplicate {
        /// The phrase, normalized.
        phrase: String,
        /// Where it appeared first.
        first_line: usize,
    },
    /// A weight is NaN or infinite.
    NonFiniteWeight,
    /// A weight lies outside the allowed range.
    WeightOutOfRange {
        /// The weight given.
        weight: f64,
        /// Smallest allowed.
        min: f64,
        /// Largest allowed.
        max: f64,
    },
    /// An entry has both or neither of `phrase` and `pattern`.
    PhraseOrPattern,
    /// A required field is absent.
    Missing(&'static str),
    /// A `pattern` entry has no `anchor`, or the anchor is empty.
    MissingAnchor,
    /// A `pattern` is not a valid regular expression.
    BadPattern(String),
    /// A phrase template (a phrase with `{…}` slots) is malformed.
    BadTemplate(String),
    /// A flag that makes no sense for this entry (e.g. `inflect` on a Chinese phrase).
    BadFlag(String),
}

impl fmt::Display for ProblemKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ProblemKind::Syntax(msg) => write!(f, "{msg}"),
            ProblemKind::EmptyPhrase => f.write_str("empty phrase"),
            ProblemKind::UnknownCategory(name) => {
                write!(f, "{}", crate::lexicon::UnknownCategory(name.clone()))
            }
            ProblemKind::Duplicate { phrase, first_line } => {
                write!(
                    f,
                    "duplicate phrase {phrase:?} (first on line {first_line})"
                )
            }
            ProblemKind::NonFiniteWeight => f.write_str("weight must be a finite number"),
            ProblemKind::WeightOutOfRange { weight, min, max } => {
                write!(f, "weight {weight} out of range [{min}, {max}]")
            }
            ProblemKind::Missing(field) => write!(f, "missing field `{field}`"),
            ProblemKind::PhraseOrPattern => {
                f.write_str("an entry needs exactly one of `phrase` or `pattern`")
            }
            ProblemKind::MissingAnchor => f.write_str(
                "a `pattern` entry needs a non-empty `anchor`: literal text every match contains",
            ),
            ProblemKind::BadPattern(msg) => write!(f, "invalid pattern: {msg}"),
            ProblemKind::BadTemplate(msg) => write!(f, "invalid template: {msg}"),
            ProblemKind::BadFlag(msg) => f.write_str(msg),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn problem_display_names_file_and_line() {
        let p = Problem {
            file: "en.toml".into(),
            line: 12,
            kind: ProblemKind::WeightOutOfRange {
                weight: 9.0,
                min: -5.0,
                max: 5.0,
            },
        };
        assert_eq!(p.to_string(), "en.toml:12: weight 9 out of range [-5, 5]");
        let whole = Problem {
            file: "x.toml".into(),
            line: 0,
            kind: ProblemKind::EmptyPhrase,
        };
        assert_eq!(whole.to_string(), "x.toml: empty phrase");
    }

    #[test]
    fn invalid_lists_every_problem() {
        let e = Error::Invalid(vec![
            Problem {
                file: "a".into(),
                line: 1,
                kind: ProblemKind::EmptyPhrase,
            },
            Problem {
                file: "a".into(),
                line: 2,
                kind: ProblemKind::NonFiniteWeight,
            },
        ]);
        assert_eq!(
            e.to_string(),
            "a:1: empty phrase\na:2: weight must be a finite number"
        );
        assert_eq!(e.problems().len(), 2);
    }

    #[test]
    fn automaton_error_is_kept_as_the_source() {
        use std::error::Error as _;
        let e = Error::Automaton(AutomatonError::shared_key());
        let source = e.source().expect("Error::Automaton has a source");
        assert!(source.downcast_ref::<AutomatonError>().is_some());
        assert!(e
            .to_string()
            .starts_with("cannot build the phrase matcher: "));
        assert!(e.to_string().ends_with(&source.to_string()));
    }
}
