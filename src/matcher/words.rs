//! English word rules for literal hits: word boundaries, allowed inflections,
//! and the folded forms of stretched spellings (lossss → los).

use crate::normalize::script::{is_han, is_word_char};

/// Whether `s` has a run of three or more of the same letter (any case).
pub(super) fn has_stretched_letters(s: &str) -> bool {
    let mut prev = None;
    let mut run = 0;
    for c in s.chars().flat_map(char::to_lowercase) {
        run = if Some(c) == prev { run + 1 } else { 1 };
        prev = Some(c);
        if run >= 3 && c.is_alphabetic() && !is_han(c) {
            return true;
        }
    }
    false
}

/// `loss` → `los`, `good` → `god`: the form a stretched spelling ("lossssss",
/// "gooooood") normalizes to. `None` when the phrase has no doubled letter.
/// Han characters are never folded (偷偷 stays), as normalization leaves them.
pub(super) fn fold_doubles(phrase: &str) -> Option<String> {
    let mut out = String::with_capacity(phrase.len());
    let mut prev = None;
    let mut changed = false;
    for c in phrase.chars() {
        if Some(c) == prev && c.is_alphabetic() && !is_han(c) {
            changed = true;
            continue;
        }
        out.push(c);
        prev = Some(c);
    }
    changed.then_some(out)
}

/// English inflections accepted after an inflecting phrase: crash → crashes,
/// crashed, crashing; plunge (stem "plung") → plunges, plunged, plunging;
/// drop → dropped, dropping. `agent`: -er and -ers too (crasher), which only
/// an explicit `inflect = true` allows (deal must not match dealer).
pub(super) fn suffix_allowed(suffix: &str, e_stem: bool, last: u8, agent: bool) -> bool {
    let agent_form = |s: &str| agent && matches!(s, "er" | "ers");
    if e_stem {
        return matches!(suffix, "e" | "es" | "ed" | "ing") || agent_form(suffix);
    }
    match suffix {
        "" | "s" | "es" | "ed" | "ing" => true,
        s if agent_form(s) => true,
        _ => {
            let b = suffix.as_bytes();
            let rest = &suffix[1..];
            b.first() == Some(&last) && (matches!(rest, "ed" | "ing") || agent_form(rest))
        }
    }
}

pub(super) fn word_char_before(text: &str, at: usize) -> bool {
    match text.as_bytes()[..at].last() {
        Some(&b) if b.is_ascii() => b.is_ascii_alphanumeric(),
        Some(_) => text[..at].chars().next_back().is_some_and(is_word_char),
        None => false,
    }
}

pub(super) fn word_char_at(text: &str, at: usize) -> bool {
    match text.as_bytes().get(at) {
        Some(&b) if b.is_ascii() => b.is_ascii_alphanumeric(),
        Some(_) => text[at..].chars().next().is_some_and(is_word_char),
        None => false,
    }
}
