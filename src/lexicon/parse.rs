//! Parsing and validation: turns the raw schema into checked [`Entry`] values and
//! collects every problem, each with its file and line, instead of stopping at
//! the first.

use std::collections::HashMap;
use std::path::Path;

use toml::Spanned;

use super::pattern::{pattern_for_matching, LazyRegex};
use super::template::{self, is_template};
use super::{Category, Entry, EntryMatcher, EntrySpec, Language, WEIGHT_RANGE};
use crate::error::{Error, Problem, ProblemKind};
use crate::normalize::normalize;
use crate::normalize::script::is_han;

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

pub(super) fn cue_list(
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
    eager: bool,
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
        match entry(spanned.get_ref(), line, file_lang, eager) {
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
        (Some(p), None) if raw.case_sensitive || is_template(p) => Some(p.clone()),
        (Some(p), None) => Some(normalize(p).as_str().to_string()).filter(|k| !k.is_empty()),
        (None, Some(p)) => Some(p.clone()),
        _ => None,
    }
}

/// Rewrites and checks a pattern; compiles it now if `eager`.
fn compile(pattern: &str, eager: bool) -> Result<LazyRegex, String> {
    let source = pattern_for_matching(pattern);
    if eager {
        LazyRegex::eager(source).map_err(|e| e.to_string())
    } else {
        LazyRegex::deferred(source)
    }
}

/// Validates one raw entry; every problem with it is returned.
fn entry(
    raw: &EntrySpec,
    line: usize,
    file_lang: Option<Language>,
    eager: bool,
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
    let (phrase, matcher, regex) = match (&raw.phrase, &raw.pattern) {
        (Some(p), None) if is_template(p) => {
            if raw.anchor.is_some() {
                problems.push(ProblemKind::BadFlag(
                    "a template finds its own anchor (its longest literal piece): drop `anchor`"
                        .into(),
                ));
            }
            if raw.case_sensitive {
                problems.push(ProblemKind::BadFlag(
                    "`case_sensitive` needs a literal phrase, not a template".into(),
                ));
            }
            let compiled = template::compile(p)
                .and_then(|t| compile(&t.pattern, eager).map(|regex| (t, regex)));
            match compiled {
                Ok((t, regex)) => (
                    t.display,
                    EntryMatcher::Pattern {
                        pattern: t.pattern,
                        anchor: t.anchor,
                    },
                    Some(regex),
                ),
                Err(msg) => {
                    problems.push(ProblemKind::BadTemplate(msg));
                    (p.clone(), EntryMatcher::Literal, None)
                }
            }
        }
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
            (norm, EntryMatcher::Literal, None)
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
            match compile(p, eager) {
                Ok(regex) => {
                    // A match must contain the anchor; an anchor the pattern does
                    // not spell out literally would leave the entry silently dead.
                    if !anchor.is_empty() && !p.trim().is_empty() && !p.contains(anchor.as_str()) {
                        problems.push(ProblemKind::BadFlag(format!(
                            "`anchor` {anchor:?} must appear literally in the pattern"
                        )));
                    }
                    (
                        p.clone(),
                        EntryMatcher::Pattern {
                            pattern: p.clone(),
                            anchor,
                        },
                        Some(regex),
                    )
                }
                Err(e) => {
                    problems.push(ProblemKind::BadPattern(e));
                    (p.clone(), EntryMatcher::Literal, None)
                }
            }
        }
        _ => {
            problems.push(ProblemKind::PhraseOrPattern);
            (String::new(), EntryMatcher::Literal, None)
        }
    };
    let has_han = phrase.chars().any(is_han);
    let language = match file_lang {
        Some(l) => l,
        None if has_han => Language::Zh,
        None => Language::En,
    };
    let last_is_letter = phrase
        .chars()
        .last()
        .is_some_and(|c| c.is_ascii_alphabetic());
    let literal = matches!(matcher, EntryMatcher::Literal);
    if raw.inflect == Some(true) && (!literal || !last_is_letter) {
        problems.push(ProblemKind::BadFlag(
            "`inflect` needs a literal phrase ending in an English letter".into(),
        ));
    }
    // English phrases inflect unless told not to: "collapsed", "wiped" are the
    // forms paraphrases use. Case-sensitive ones compare letters exactly.
    let inflect = raw
        .inflect
        .unwrap_or(literal && last_is_letter && language == Language::En && !raw.case_sensitive);
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
            regex,
            category,
            weight: weight as f32,
            language,
            inflect,
            agent_nouns: raw.inflect == Some(true),
            whole_word: raw.whole_word.unwrap_or(true),
            case_sensitive: raw.case_sensitive,
            overlap: raw.overlap,
            line,
        }),
        _ => Err(problems),
    }
}
