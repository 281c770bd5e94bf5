//! Listicle-shaped pattern entries, checked without the regex engine.
//!
//! The English lexicon's listicle entries all have one shape,
//! `^\d{1,3} (?:\S+ ){0,3}things\b`: a count opening the title, at most a few
//! words, then the noun. Their anchors ("things", "people", "ways") are common
//! words, so these patterns run on about one title in ten, and a regex search
//! there walks the lazy DFA's tables of one of a dozen regexes, which other
//! titles have pushed out of the cache: it cost as much as the rest of the
//! phrase pass. A pattern of exactly this shape is recognised when the matcher
//! is built and answered by [`ListicleShape::find`], a short walk over the
//! bytes that gives the match the regex would give.

/// A pattern of the form `^\d{1,digits} (?:\S+ ){0,words}noun\b`, where
/// `noun` is lowercase ASCII letters and digits.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct ListicleShape {
    /// Most digits the count may have.
    digits: usize,
    /// Most words between the count and the noun.
    words: usize,
    noun: Box<[u8]>,
}

impl ListicleShape {
    /// Recognises the shape in a pattern as compiled (with `\b` already
    /// rewritten to the ASCII `(?-u:\b)`); `None` for any other pattern.
    pub(crate) fn of(pattern: &str) -> Option<ListicleShape> {
        let rest = pattern.strip_prefix(r"^\d{1,")?;
        let (digits, rest) = rest.split_once('}')?;
        let rest = rest.strip_prefix(r" (?:\S+ ){0,")?;
        let (words, rest) = rest.split_once('}')?;
        let noun = rest.strip_suffix(r"(?-u:\b)")?;
        // One decimal digit each: the search keeps its candidate noun starts
        // in a fixed array (words), and longer counts are not listicles.
        let digit = |n: &str| match n.as_bytes() {
            &[d @ b'0'..=b'9'] => Some(usize::from(d - b'0')),
            _ => None,
        };
        let words = digit(words)?;
        let noun_ok = !noun.is_empty()
            && noun
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit());
        let digits = digit(digits).filter(|&d| d > 0)?;
        noun_ok.then(|| ListicleShape {
            digits,
            words,
            noun: noun.as_bytes().into(),
        })
    }

    /// The leftmost-first match of the pattern in `hay`, which must be ASCII
    /// (the regex's Unicode classes agree with ASCII ones only there).
    ///
    /// The regex tries the most words first, and each `\S+ ` can only take a
    /// whole word and the space after it (a shorter run is followed by a
    /// non-space); so the match is the noun after the most words that works.
    pub(crate) fn find(&self, hay: &[u8]) -> Option<std::ops::Range<usize>> {
        debug_assert!(hay.is_ascii());
        let count = hay.iter().take_while(|b| b.is_ascii_digit()).count();
        if count == 0 || count > self.digits || hay.get(count) != Some(&b' ') {
            return None;
        }
        // Where each candidate noun may start: after 0, 1, … words.
        let mut starts = [0usize; 10];
        starts[0] = count + 1;
        let mut reps = 0;
        while reps < self.words {
            let at = starts[reps];
            let word = hay[at..]
                .iter()
                .take_while(|b| !is_regex_space(**b))
                .count();
            if word == 0 || hay.get(at + word) != Some(&b' ') {
                break;
            }
            reps += 1;
            starts[reps] = at + word + 1;
        }
        starts[..=reps].iter().rev().find_map(|&at| {
            let end = at + self.noun.len();
            let boundary = hay.get(end).is_none_or(|b| !is_ascii_word(*b));
            (hay[at..].starts_with(&self.noun) && boundary).then_some(0..end)
        })
    }
}

/// What `\s` matches among ASCII bytes.
fn is_regex_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | 0x0B | 0x0C | b'\r')
}

/// What `(?-u:\b)` counts as a word byte.
fn is_ascii_word(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::pattern::ascii_word_boundaries;

    fn shape(p: &str) -> Option<ListicleShape> {
        ListicleShape::of(&ascii_word_boundaries(p))
    }

    #[test]
    fn recognises_only_the_exact_shape() {
        let s = shape(r"^\d{1,3} (?:\S+ ){0,3}things\b").unwrap();
        assert_eq!((s.digits, s.words, &*s.noun), (3, 3, &b"things"[..]));
        assert!(shape(r"^\d{1,2} (?:\S+ ){0,0}ways\b").is_some());
        for other in [
            r"\d{1,3} (?:\S+ ){0,3}things\b",    // not at the start
            r"^\d{1,3} (?:\S+ ){0,3}things",     // no boundary
            r"^\d{1,3} (?:\S+ ){0,3}Things\b",   // capitals never match
            r"^\d{1,3} (?:\S+ ){0,3}thing.\b",   // not a literal noun
            r"^\d{1,3} (?:\S+ ){0,3}of the\b",   // a space in the noun
            r"^\d{1,3} (?:\S+ ){0,12}things\b",  // too many words
            r"^\d{1,3} (?:\S+ ){1,3}things\b",   // a minimum of words
            r"^\d{1,3} (?:\S+ ){0,3}things\b|x", // an alternation
            r"^\d{1,3} (?:\S+ ){0,3}things\b\b", // anything after
            r"^\d{1,03} (?:\S+ ){0,3}things\b",  // odd numbers
        ] {
            assert_eq!(shape(other), None, "{other}");
        }
    }

    #[test]
    fn finds_what_the_regex_finds() {
        let patterns = [
            r"^\d{1,3} (?:\S+ ){0,3}things\b",
            r"^\d{1,2} (?:\S+ ){0,1}ways\b",
            r"^\d{1,1} (?:\S+ ){0,0}s\b",
            r"^\d{1,3} (?:\S+ ){0,2}a1\b",
        ];
        // Texts that exercise every branch: counts too long or missing, the
        // nouns inside longer words, doubled spaces, tabs, underscores and
        // punctuation at the boundary, more words than allowed.
        let counts = ["1", "17", "123", "2024", "x", ""];
        let words = [
            "things", "thingsy", "ways", "s", "a1", "a1_", "you", "x!", "-", "_", "9", "things!",
            "ways's", "",
        ];
        let spaces = [" ", " ", " ", "  ", "\t", ""];
        let mut rng = crate::test_rng::XorShift::new(0x9E37_79B9_7F4A_7C15);
        let mut next = |n: usize| rng.below(n);
        let mut matched = 0;
        for p in patterns {
            let regex = regex::Regex::new(&ascii_word_boundaries(p)).unwrap();
            let s = shape(p).unwrap();
            for _ in 0..20_000 {
                let mut text = counts[next(counts.len())].to_string();
                for _ in 0..next(6) {
                    text.push_str(spaces[next(spaces.len())]);
                    text.push_str(words[next(words.len())]);
                }
                let want = regex.find(&text).map(|m| m.range());
                assert_eq!(s.find(text.as_bytes()), want, "{p} on {text:?}");
                matched += usize::from(want.is_some());
            }
        }
        // The generator reaches matches, not only misses.
        assert!(matched > 1_000, "{matched}");
    }
}
