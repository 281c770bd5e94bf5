//! Context around a hit: negation, quotation, attribution, intensifiers, capitals.
//!
//! Each check looks only at a small window around the hit, found by binary
//! search over the cue list, so a title with many hits stays linear.

use std::ops::Range;

use crate::matcher::{cue, Cue};
use crate::normalize::script::{is_han, is_word_char};
use crate::verdict::Context;

/// How far a negator may stand before the hit: words (Latin) or characters (Han).
const NEGATION_REACH_WORDS: usize = 3;
const NEGATION_REACH_HAN: usize = 4;
/// Intensifiers sit right before what they intensify.
const INTENSIFIER_REACH_WORDS: usize = 1;
const INTENSIFIER_REACH_HAN: usize = 2;
/// Debunk and attribution cues reach further, across clause punctuation
/// ("小米回应：二手价崩盘系谣言"), in bytes of normalized text either side.
const DEBUNK_REACH: usize = 60;
/// Cues longer than this may lose part of their reach; none come close.
const CUE_MAX_BYTES: usize = 64;

/// Computes the context of a hit at `hit` (normalized range).
pub(crate) fn context_of(
    text: &str,
    hit: &Range<usize>,
    cues: &[Cue],
    quotes: &[Range<usize>],
    original_span: &str,
) -> Context {
    let mut ctx = Context::default();
    // Cues are sorted by start; one that starts this far back cannot end in reach.
    let lo = hit.start.saturating_sub(DEBUNK_REACH + CUE_MAX_BYTES);
    let first = cues.partition_point(|c| c.range.start < lo);
    for c in &cues[first..] {
        if c.range.start >= hit.end + DEBUNK_REACH {
            break;
        }
        if c.range.end + DEBUNK_REACH < hit.start {
            continue;
        }
        if c.kinds & cue::DEBUNK != 0 && !overlaps(&c.range, hit) {
            ctx.debunked = true;
        }
        if c.range.end <= hit.start {
            let gap = &text[c.range.end..hit.start];
            if c.kinds & cue::NEGATOR != 0 && within(gap, NEGATION_REACH_WORDS, NEGATION_REACH_HAN)
            {
                ctx.negated = true;
            }
            if c.kinds & cue::INTENSIFIER != 0
                && within(gap, INTENSIFIER_REACH_WORDS, INTENSIFIER_REACH_HAN)
            {
                ctx.intensified = true;
            }
        }
    }
    let q = quotes.partition_point(|q| q.end < hit.end);
    ctx.quoted = quotes
        .get(q)
        .is_some_and(|q| q.start < hit.start && hit.end <= q.end);
    ctx.shouted = is_shouted(original_span);
    ctx
}

/// Words a sentence closed by a full stop needs to read as prose.
pub(crate) const PROSE_FULL_STOP_WORDS: usize = 8;
/// Words that make any title read as prose.
pub(crate) const PROSE_WORDS: usize = 24;

/// Whether a title reads as prose rather than a headline: one sentence of
/// [`PROSE_FULL_STOP_WORDS`] or more words closed by a full stop (not an
/// ellipsis), or [`PROSE_WORDS`] or more words; never Title Case. `text` is
/// the normalized title, `original` the title as given (for its capitals). A
/// Han character counts half a word.
///
/// Headlines almost never end in a full stop; report and press-release
/// sentences nearly always do. Headlines that do are short dramatic sentences
/// in a row ("It's over. Sales have flatlined.") or Title Case.
pub(crate) fn reads_as_prose(text: &str, original: &str) -> bool {
    let b = text.as_bytes();
    // Bytes of a Han character: three; two Han characters make one word.
    let (spaces, non_ascii) = b.iter().fold((0usize, 0usize), |(s, n), &c| {
        (s + usize::from(c == b' '), n + usize::from(c >= 0x80))
    });
    let words = spaces + 1 + non_ascii / 6;
    if words < PROSE_FULL_STOP_WORDS {
        return false;
    }
    let body = text.trim_end_matches(['.', '。']);
    let full_stop = body.len() < text.len() && !text.ends_with("..");
    let one_sentence = !(body.contains(". ")
        || body.contains("! ")
        || body.contains("? ")
        || body.contains(['。', '！', '？']));
    let prose_shape = words >= PROSE_WORDS || (full_stop && one_sentence);
    prose_shape && !is_title_case(original)
}

/// Most words capitalised ("Then She Did The Last Thing You'd Expect"): a
/// headline's style, not a sentence's.
fn is_title_case(original: &str) -> bool {
    let (mut words, mut capitalised) = (0, 0);
    for w in original.split(' ') {
        let Some(first) = w.chars().find(|c| c.is_alphabetic()) else {
            continue;
        };
        if is_han(first) {
            continue;
        }
        words += 1;
        capitalised += usize::from(first.is_uppercase());
    }
    words >= 4 && capitalised * 10 >= words * 7
}

fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end && b.start < a.end
}

/// Whether the gap between a cue and a hit is short and stays in one clause.
fn within(gap: &str, words: usize, han: usize) -> bool {
    let mut spaces = 0;
    let mut hans = 0;
    for c in gap.chars() {
        if is_clause_break(c) {
            return false;
        }
        if c == ' ' {
            spaces += 1;
        } else if is_han(c) {
            hans += 1;
        }
        if spaces > words || hans > han {
            return false;
        }
    }
    true
}

fn is_clause_break(c: char) -> bool {
    matches!(
        c,
        ',' | '.' | ';' | ':' | '!' | '?' | '，' | '。' | '；' | '：' | '、' | '|'
    )
}

/// Capitals in the original: the whole span ("CRASH", "C-R-A-S-H"; at least three
/// letters) or one word of four or more letters in it ("prices CRASH"). Short
/// acronyms (EV, BYD) do not count.
fn is_shouted(original: &str) -> bool {
    // Both rules need three capitals; most hits have none.
    let capitals = if original.is_ascii() {
        original.bytes().filter(u8::is_ascii_uppercase).count()
    } else {
        original.chars().filter(|c| c.is_uppercase()).count()
    };
    if capitals < 3 {
        return false;
    }
    let all = letters_all_upper(original);
    all.0 && all.1 >= 3
        || original
            .split(|c: char| !c.is_alphabetic())
            .map(letters_all_upper)
            .any(|(upper, n)| upper && n >= 4)
}

/// Whether every cased letter is upper case, and how many letters there are.
fn letters_all_upper(s: &str) -> (bool, usize) {
    let mut n = 0;
    for c in s.chars() {
        if c.is_lowercase() {
            return (false, n);
        }
        n += c.is_uppercase() as usize;
    }
    (true, n)
}

/// Finds quoted stretches of normalized text: "…", 「…」, 『…』, 《…》, '…'.
/// An unclosed double quote or corner bracket runs to the end of the title;
/// an unclosed single quote is taken for an apostrophe.
pub(crate) fn find_quotes(text: &str, out: &mut Vec<Range<usize>>) {
    let mut double: Option<usize> = None;
    let mut single: Option<usize> = None;
    let mut corner: Option<(usize, char)> = None;
    // Only quotation marks matter, and every one starts with '"', '\'' or 0xE3
    // (a CJK bracket): a vectorized search jumps from one to the next, and
    // neighbours are decoded only around an apostrophe.
    let bytes = text.as_bytes();
    for i in memchr::memchr3_iter(b'"', b'\'', 0xE3, bytes) {
        match bytes[i] {
            b'"' => match double.take() {
                Some(open) => out.push(open..i + 1),
                None => double = Some(i),
            },
            b'\'' => {
                let wordy = |c: char| is_word_char(c) || is_han(c);
                let word_before = text[..i].chars().next_back().is_some_and(wordy);
                let word_after = text[i + 1..].chars().next().is_some_and(wordy);
                match (word_before, word_after, single) {
                    (false, true, None) => single = Some(i),
                    (true, false, Some(open)) => {
                        out.push(open..i + 1);
                        single = None;
                    }
                    _ => {}
                }
            }
            0xE3 => {
                let c = text[i..].chars().next().unwrap_or(' ');
                match c {
                    '「' | '『' | '《' | '〈' if corner.is_none() => {
                        corner = Some((i, closer(c)))
                    }
                    '」' | '』' | '》' | '〉' => {
                        if let Some((open, want)) = corner {
                            if want == c {
                                out.push(open..i + c.len_utf8());
                                corner = None;
                            }
                        }
                    }
                    _ => {}
                }
            }
            _ => {}
        }
    }
    if let Some(open) = double {
        out.push(open..text.len());
    }
    if let Some((open, _)) = corner {
        out.push(open..text.len());
    }
    out.sort_by_key(|r| r.end);
}

fn closer(open: char) -> char {
    match open {
        '「' => '」',
        '『' => '』',
        '《' => '》',
        _ => '〉',
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prose_is_a_long_sentence_or_a_full_stop() {
        // A headline: no full stop, short.
        let prose = |t: &str| reads_as_prose(t, t);
        assert!(!prose("used ev prices crash as dealers panic"));
        // The same words closed by a full stop read as a sentence of a report.
        assert!(prose("used ev prices crash as dealers panic over stock."));
        // Too short to be prose even with a full stop.
        assert!(!prose("prices crash."));
        // An ellipsis is a teaser, not a full stop.
        assert!(!prose("you won't believe what the dealer said next..."));
        // Short sentences in a row are a headline's drumbeat.
        assert!(!prose(
            "it's over for car dealers. sales have completely flatlined."
        ));
        // Title Case is a headline's style.
        let title = "Lioness Spotted A Baby Fox, Then She Did The Last Thing You'd Expect.";
        assert!(!reads_as_prose(&title.to_lowercase(), title));
        let long =
            "the group said the agreement strengthens its position in the nordic market and \
                    supports its growth strategy for the coming years as demand for services rises";
        assert!(prose(long));
        assert!(prose("受业绩预告影响该公司股价周三盘中一度暴跌收盘报元。"));
        assert!(!prose("二手车价格崩盘车商亏麻了"));
    }

    fn quotes(text: &str) -> Vec<&str> {
        let mut out = Vec::new();
        find_quotes(text, &mut out);
        out.into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn finds_quotes_of_every_kind() {
        assert_eq!(
            quotes("claims of \"slow sales\" denied"),
            ["\"slow sales\""]
        );
        assert_eq!(quotes("所谓「卖不动」系夸大"), ["「卖不动」"]);
        assert_eq!(
            quotes("'slow sales' are hype, dealers' say"),
            ["'slow sales'"]
        );
        assert_eq!(quotes("don't panic"), Vec::<&str>::new());
        assert_eq!(quotes("unclosed \"crash"), ["\"crash"]);
    }

    #[test]
    fn clause_limits_negation() {
        assert!(within(" ", 3, 4));
        assert!(within(" really ", 3, 4));
        assert!(!within(", but ", 3, 4));
        assert!(!within("一二三四五", 3, 4));
    }

    #[test]
    fn shouting_needs_three_capitals() {
        assert!(is_shouted("CRASH"));
        assert!(is_shouted("C-R-A-S-H"));
        assert!(!is_shouted("Crash"));
        assert!(!is_shouted("EV"));
        assert!(is_shouted("prices CRASH"));
        assert!(!is_shouted("BYD prices crash"));
        assert!(!is_shouted("崩盘"));
    }
}
