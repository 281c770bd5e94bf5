//! Leet and symbol folding: digits and symbols written for letters inside a
//! Latin word ("D0N'T", "l0sing", "v@lues", "$cam") become the letters they
//! stand for, so the phrase under the disguise matches.
//!
//! Each folded byte is one ASCII byte replaced by one ASCII letter, so the
//! offset map is untouched and spans still point into the original title.
//! The rules are narrow on purpose: model names, units and ordinals (SU7,
//! iPhone 15, 4WD, 1st, 10th, $5k) keep their digits.

/// The letter a leet byte stands for, if it is one.
#[inline]
fn letter_for(b: u8) -> Option<u8> {
    match b {
        b'0' => Some(b'o'),
        b'1' => Some(b'i'),
        b'3' => Some(b'e'),
        b'4' => Some(b'a'),
        b'5' | b'$' => Some(b's'),
        b'@' => Some(b'a'),
        _ => None,
    }
}

/// Bytes that make up a word for this rule: letters, digits, `@`, `$`.
#[inline]
fn in_token(b: u8) -> bool {
    b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'@' || b == b'$'
}

/// Whether a lowercase ASCII text may hold a disguised word: a leet byte
/// right after a letter, or `$`/`@` right before one. Cheap, and false for
/// nearly every title, so the folding pass rarely runs.
pub(super) fn may_have_leet(text: &[u8]) -> bool {
    text.windows(2).any(|w| {
        (w[0].is_ascii_lowercase() && letter_for(w[1]).is_some())
            || ((w[0] == b'$' || w[0] == b'@') && w[1].is_ascii_lowercase())
    })
}

/// Folds disguised words in `text` (lowercase; non-ASCII bytes are word
/// breaks and never change). A word (a run of letters, digits, `@`, `$`) is
/// folded when it has at least two letters, no more leet bytes than letters,
/// no digit that stands for no letter (2, 6–9), and starts with a letter —
/// or with one leet byte before a letter when it has three letters or more
/// ("$cam"). Inside it, a leet byte folds when a letter (or a folded byte)
/// precedes it; a single trailing one only in words of three letters or
/// more ("h3ll0"), and never a trailing run of two or more ("iphone15").
/// A fold that would create a run of three identical letters is not made,
/// so normalizing the result again changes nothing.
pub(super) fn fold_leet(text: &mut [u8]) {
    let mut i = 0;
    while i < text.len() {
        if !in_token(text[i]) {
            i += 1;
            continue;
        }
        let start = i;
        while i < text.len() && in_token(text[i]) {
            i += 1;
        }
        // A non-ASCII byte right after may be a combining mark, which would
        // compose with the folded letter when normalized again ($ + ̧ stays
        // two chars, s + ̧ becomes ş): the last byte then stays.
        let touches_mark = text.get(i).is_some_and(|&b| b >= 0x80);
        fold_word(&mut text[start..i], touches_mark);
    }
}

/// Folds until nothing changes: a fold adds a letter, which may make another
/// leet byte foldable ("a0a$" → "aoa$" → "aoas"), and normalizing the result
/// again must change nothing.
fn fold_word(w: &mut [u8], keep_last: bool) {
    let end = if keep_last { w.len() - 1 } else { w.len() };
    while fold_word_once(w, end) {}
}

/// One folding pass over a word; whether any byte changed.
/// Only bytes before `end` may change.
fn fold_word_once(w: &mut [u8], end: usize) -> bool {
    let letters = w.iter().filter(|b| b.is_ascii_lowercase()).count();
    let leet = w.iter().filter(|&&b| letter_for(b).is_some()).count();
    let other_digit = w
        .iter()
        .any(|&b| b.is_ascii_digit() && letter_for(b).is_none());
    if letters < 2 || leet == 0 || leet > letters || other_digit {
        return false;
    }
    let leading_ok = match w {
        [first, ..] if first.is_ascii_lowercase() => true,
        [first, second, ..] => {
            letter_for(*first).is_some() && second.is_ascii_lowercase() && letters >= 3
        }
        _ => false,
    };
    if !leading_ok {
        return false;
    }
    // A trailing run of two or more leet bytes is a number (iphone15).
    let trailing = w
        .iter()
        .rev()
        .take_while(|&&b| letter_for(b).is_some())
        .count();
    let keep_from = if trailing >= 2 || (trailing == 1 && letters < 3) {
        w.len() - trailing
    } else {
        w.len()
    }
    .min(end);
    let mut changed = false;
    for k in 0..keep_from {
        let Some(letter) = letter_for(w[k]) else {
            continue;
        };
        let after_letter = k > 0 && w[k - 1].is_ascii_lowercase();
        if !(after_letter || k == 0) {
            continue;
        }
        let run_before = k >= 2 && w[k - 1] == letter && w[k - 2] == letter;
        let run_around = k >= 1 && k + 1 < w.len() && w[k - 1] == letter && w[k + 1] == letter;
        let run_after = k + 2 < w.len() && w[k + 1] == letter && w[k + 2] == letter;
        if run_before || run_around || run_after {
            continue;
        }
        w[k] = letter;
        changed = true;
    }
    changed
}

#[cfg(test)]
mod tests {
    use crate::normalize::normalize;

    #[test]
    fn disguised_words_fold() {
        for (title, folded) in [
            ("D0N'T BUY", "don't buy"),
            ("dealers are l0sing money", "dealers are losing money"),
            ("v@lues", "values"),
            ("total $cam", "total scam"),
            ("h3ll0 there", "hello there"),
            ("cr4sh", "crash"),
            ("l00k", "look"),
            ("l0s1ng", "losing"),
        ] {
            assert_eq!(normalize(title).as_str(), folded, "{title:?}");
        }
    }

    #[test]
    fn model_names_units_and_money_keep_their_digits() {
        for title in [
            "su7", "iphone15", "4wd", "1st", "3rd", "10th", "$5k", "q3", "a4", "mp3", "x5",
            "1080p", "30mph", "covid-19", "2nd", "5g", "4x4", "b2b", "e46", "$1,000", "m340i",
        ] {
            assert_eq!(normalize(title).as_str(), title, "{title:?}");
        }
    }

    #[test]
    fn spans_point_into_the_original() {
        let title = "Dealers are L0SING money";
        let n = normalize(title);
        let at = n.as_str().find("losing").unwrap();
        assert_eq!(&title[n.original_span(at..at + 6)], "L0SING");
    }

    #[test]
    fn folding_twice_changes_nothing() {
        for title in [
            "90s kid＄\u{327}",
            "h3ll0\u{301}",
            "l0o0ser",
            "0ops",
            "b00o0k",
            "w000t",
            "$$cam",
            "a@b.c0m",
            "a０Ａ$ ",
            "a0a$",
            "x0$y",
        ] {
            let once = normalize(title);
            assert_eq!(
                normalize(once.as_str()).as_str(),
                once.as_str(),
                "{title:?}"
            );
        }
    }
}
