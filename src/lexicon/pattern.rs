//! Pattern-entry helpers: how a user's regex is adapted to the normalized text
//! and how literal phrases decide which edges need a word boundary.

use crate::normalize::script::is_word_char;

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
