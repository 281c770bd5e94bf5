//! Pattern-entry helpers: how a user's regex is adapted to the normalized text
//! and how literal phrases decide which edges need a word boundary.

use std::sync::{Arc, OnceLock};

use crate::normalize::script::is_word_char;

/// Size limit for one compiled pattern.
const PATTERN_SIZE_LIMIT: usize = 1 << 20;

/// A pattern entry's regex, compiled on first use. Compiling every pattern
/// of the embedded lexicons up front was most of a classifier's build time,
/// and a title stream runs only the patterns whose anchors occur. Shared
/// (`Arc`) so classifiers built from one lexicon compile each pattern once.
#[derive(Clone, Debug)]
pub(crate) struct LazyRegex(Arc<LazyInner>);

#[derive(Debug)]
struct LazyInner {
    /// The rewritten pattern (see [`pattern_for_matching`]).
    source: String,
    compiled: OnceLock<Option<regex::Regex>>,
}

impl LazyRegex {
    /// Compiles now: the lexicon came from a user, who should hear of a
    /// pattern the regex crate refuses (too large, say) when loading it.
    pub(crate) fn eager(source: String) -> Result<LazyRegex, regex::Error> {
        let regex = build(&source)?;
        Ok(LazyRegex(Arc::new(LazyInner {
            source,
            compiled: OnceLock::from(Some(regex)),
        })))
    }

    /// Checks the syntax now and compiles on first use: for the embedded
    /// lexicons, whose every pattern the test suite compiles.
    pub(crate) fn deferred(source: String) -> Result<LazyRegex, String> {
        regex_syntax::Parser::new()
            .parse(&source)
            .map_err(|e| e.to_string())?;
        Ok(LazyRegex(Arc::new(LazyInner {
            source,
            compiled: OnceLock::new(),
        })))
    }

    /// The compiled regex (`None` only if a deferred pattern failed to
    /// compile, which the embedded lexicons' tests rule out).
    pub(crate) fn get(&self) -> Option<&regex::Regex> {
        self.0
            .compiled
            .get_or_init(|| build(&self.0.source).ok())
            .as_ref()
    }

    /// The pattern as compiled.
    pub(crate) fn as_str(&self) -> &str {
        &self.0.source
    }
}

fn build(source: &str) -> Result<regex::Regex, regex::Error> {
    regex::RegexBuilder::new(source)
        .size_limit(PATTERN_SIZE_LIMIT)
        .build()
}

/// Rewrites a lexicon pattern into the form the crate compiles:
///
/// * every word-boundary assertion (`\b`, `\B`, `\b{start}`, `\<`, …) becomes
///   its ASCII form. Han characters then count as non-word characters, as
///   they do for literal phrases ("lost millions崩盘" has a boundary before
///   崩), and the regex engine stays on its fast path for Chinese text instead
///   of falling back (and allocating) per search;
/// * `\d` becomes `[0-9]`: the normalized text has ASCII digits only (NFKC
///   folds full-width ones), and the Unicode class costs a large automaton;
/// * capture groups become non-capturing: only the whole match is used, and
///   captures make the engine build (and run) slower machinery.
///
/// The pieces are found in the parsed syntax tree, not by scanning the
/// text, so `\b{start}`, escaped backslashes and classes are read as the regex
/// crate reads them. A pattern that does not parse is returned unchanged: the
/// regex crate then reports the error in its own words.
pub(crate) fn pattern_for_matching(pattern: &str) -> String {
    let Ok(ast) = regex_syntax::ast::parse::Parser::new().parse(pattern) else {
        return pattern.to_string();
    };
    let mut edits = match regex_syntax::ast::visit(&ast, Edits(Vec::new())) {
        Ok(edits) => edits,
        Err(never) => match never {},
    };
    edits.sort_by_key(|e| e.0);
    let mut out = String::with_capacity(pattern.len() + 8 * edits.len());
    let mut done = 0;
    for (start, end, with) in edits {
        out.push_str(&pattern[done..start]);
        match with {
            Edit::Ascii => {
                out.push_str("(?-u:");
                out.push_str(&pattern[start..end]);
                out.push(')');
            }
            Edit::Text(text) => out.push_str(text),
        }
        done = end;
    }
    out.push_str(&pattern[done..]);
    out
}

enum Edit {
    /// Wrap the span in `(?-u:…)`.
    Ascii,
    /// Replace the span.
    Text(&'static str),
}

/// Collects the rewrites, each as the byte span it replaces.
struct Edits(Vec<(usize, usize, Edit)>);

impl regex_syntax::ast::Visitor for Edits {
    type Output = Vec<(usize, usize, Edit)>;
    type Err = std::convert::Infallible;

    fn finish(self) -> Result<Self::Output, Self::Err> {
        Ok(self.0)
    }

    fn visit_pre(&mut self, ast: &regex_syntax::ast::Ast) -> Result<(), Self::Err> {
        use regex_syntax::ast::{AssertionKind as K, Ast, ClassPerlKind, GroupKind};
        match ast {
            Ast::Assertion(a)
                if !matches!(
                    a.kind,
                    K::StartLine | K::EndLine | K::StartText | K::EndText
                ) =>
            {
                self.0
                    .push((a.span.start.offset, a.span.end.offset, Edit::Ascii));
            }
            Ast::ClassPerl(c) if c.kind == ClassPerlKind::Digit => {
                let with = if c.negated { "[^0-9]" } else { "[0-9]" };
                self.0
                    .push((c.span.start.offset, c.span.end.offset, Edit::Text(with)));
            }
            Ast::Group(g) if matches!(g.kind, GroupKind::CaptureIndex(_)) => {
                let at = g.span.start.offset;
                self.0.push((at, at + 1, Edit::Text("(?:")));
            }
            _ => {}
        }
        Ok(())
    }

    fn visit_class_set_item_pre(
        &mut self,
        item: &regex_syntax::ast::ClassSetItem,
    ) -> Result<(), Self::Err> {
        use regex_syntax::ast::{ClassPerlKind, ClassSetItem};
        if let ClassSetItem::Perl(c) = item {
            if c.kind == ClassPerlKind::Digit && !c.negated {
                self.0
                    .push((c.span.start.offset, c.span.end.offset, Edit::Text("0-9")));
            }
        }
        Ok(())
    }
}

/// Whether `phrase` starts / ends with a word character (so needs a boundary there).
pub(crate) fn edge_word_chars(phrase: &str) -> (bool, bool) {
    (
        phrase.chars().next().is_some_and(is_word_char),
        phrase.chars().last().is_some_and(is_word_char),
    )
}
