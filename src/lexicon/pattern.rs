//! Pattern-entry helpers: how a user's regex is adapted to the normalized text
//! and how literal phrases decide which edges need a word boundary.

use crate::normalize::script::is_word_char;

/// Rewrites every word-boundary assertion (`\b`, `\B`, `\b{start}`, `\<`, …)
/// as its ASCII form. Han characters then count as non-word characters, as they
/// do for literal phrases ("lost millions崩盘" has a boundary before 崩), and the
/// regex engine stays on its fast path for Chinese text instead of falling back
/// (and allocating) per search.
///
/// The assertions are found in the parsed syntax tree, not by scanning the
/// text, so `\b{start}`, escaped backslashes and classes are read as the regex
/// crate reads them. A pattern that does not parse is returned unchanged: the
/// regex crate then reports the error in its own words.
pub(crate) fn ascii_word_boundaries(pattern: &str) -> String {
    let Ok(ast) = regex_syntax::ast::parse::Parser::new().parse(pattern) else {
        return pattern.to_string();
    };
    let spans = match regex_syntax::ast::visit(&ast, WordAssertions(Vec::new())) {
        Ok(spans) => spans,
        Err(never) => match never {},
    };
    let mut out = String::with_capacity(pattern.len() + 8 * spans.len());
    let mut done = 0;
    for (start, end) in spans {
        out.push_str(&pattern[done..start]);
        out.push_str("(?-u:");
        out.push_str(&pattern[start..end]);
        out.push(')');
        done = end;
    }
    out.push_str(&pattern[done..]);
    out
}

/// Collects the byte spans of word-boundary assertions, in pattern order.
struct WordAssertions(Vec<(usize, usize)>);

impl regex_syntax::ast::Visitor for WordAssertions {
    type Output = Vec<(usize, usize)>;
    type Err = std::convert::Infallible;

    fn finish(self) -> Result<Self::Output, Self::Err> {
        Ok(self.0)
    }

    fn visit_pre(&mut self, ast: &regex_syntax::ast::Ast) -> Result<(), Self::Err> {
        use regex_syntax::ast::{AssertionKind as K, Ast};
        if let Ast::Assertion(a) = ast {
            let word = !matches!(
                a.kind,
                K::StartLine | K::EndLine | K::StartText | K::EndText
            );
            if word {
                self.0.push((a.span.start.offset, a.span.end.offset));
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
