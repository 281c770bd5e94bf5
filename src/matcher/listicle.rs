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
    /// Recognises the shape in a pattern's source, read from its parsed syntax
    /// tree (so `{1,3}` and `{1, 3}` are the same repetition); `None` for any
    /// other pattern, including one that sets flags or does not parse.
    pub(crate) fn of(pattern: &str) -> Option<ListicleShape> {
        use regex_syntax::ast::{AssertionKind, Ast, ClassPerlKind, GroupKind};
        let ast = regex_syntax::ast::parse::Parser::new()
            .parse(pattern)
            .ok()?;
        let Ast::Concat(concat) = &ast else {
            return None;
        };
        let (head, noun) = concat.asts.split_at_checked(4)?;
        let (last, noun) = noun.split_last()?;
        let [start, count, space, words] = head else {
            return None;
        };
        let is_assertion =
            |a: &Ast, kind: AssertionKind| matches!(a, Ast::Assertion(x) if x.kind == kind);
        let is_char = |a: &Ast, c: char| matches!(a, Ast::Literal(l) if l.c == c);
        let is_perl = |a: &Ast, kind: ClassPerlKind, negated: bool| matches!(a, Ast::ClassPerl(p) if p.kind == kind && p.negated == negated);
        if !is_assertion(start, AssertionKind::StartLine)
            || !is_char(space, ' ')
            || !is_assertion(last, AssertionKind::WordBoundary)
        {
            return None;
        }
        // `\d{1,n}`: between one and n digits.
        let (1, digits) = bounded(count)? else {
            return None;
        };
        if !is_perl(repeated(count)?, ClassPerlKind::Digit, false) {
            return None;
        }
        // `(?:\S+ ){0,n}`: up to n words, each followed by one space.
        let (0, words_max) = bounded(words)? else {
            return None;
        };
        let Ast::Group(group) = repeated(words)? else {
            return None;
        };
        let GroupKind::NonCapturing(flags) = &group.kind else {
            return None;
        };
        let Ast::Concat(word) = &*group.ast else {
            return None;
        };
        let [word, after] = &word.asts[..] else {
            return None;
        };
        let one_or_more = matches!(word, Ast::Repetition(r) if r.greedy
            && r.op.kind == regex_syntax::ast::RepetitionKind::OneOrMore
            && is_perl(&r.ast, ClassPerlKind::Space, true));
        if !flags.items.is_empty() || !one_or_more || !is_char(after, ' ') {
            return None;
        }
        // The noun: lowercase ASCII letters and digits, written literally.
        let noun: Option<Vec<u8>> = noun
            .iter()
            .map(|a| match a {
                Ast::Literal(l) if l.c.is_ascii_lowercase() || l.c.is_ascii_digit() => {
                    Some(l.c as u8)
                }
                _ => None,
            })
            .collect();
        let noun = noun.filter(|n| !n.is_empty())?;
        // One decimal digit each: the search keeps its candidate noun starts
        // in a fixed array (words), and longer counts are not listicles.
        ((1..=9).contains(&digits) && words_max <= 9).then(|| ListicleShape {
            digits: digits as usize,
            words: words_max as usize,
            noun: noun.into(),
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

/// The bounds of a greedy `{min,max}` repetition.
fn bounded(ast: &regex_syntax::ast::Ast) -> Option<(u32, u32)> {
    use regex_syntax::ast::{Ast, RepetitionKind, RepetitionRange};
    match ast {
        Ast::Repetition(r) if r.greedy => match r.op.kind {
            RepetitionKind::Range(RepetitionRange::Bounded(min, max)) => Some((min, max)),
            _ => None,
        },
        _ => None,
    }
}

/// What a repetition repeats.
fn repeated(ast: &regex_syntax::ast::Ast) -> Option<&regex_syntax::ast::Ast> {
    match ast {
        regex_syntax::ast::Ast::Repetition(r) => Some(&r.ast),
        _ => None,
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
    use crate::lexicon::pattern::pattern_for_matching;

    fn shape(p: &str) -> Option<ListicleShape> {
        ListicleShape::of(p)
    }

    #[test]
    fn recognises_only_the_exact_shape() {
        let s = shape(r"^\d{1,3} (?:\S+ ){0,3}things\b").unwrap();
        assert_eq!((s.digits, s.words, &*s.noun), (3, 3, &b"things"[..]));
        assert!(shape(r"^\d{1,2} (?:\S+ ){0,0}ways\b").is_some());
        for other in [
            r"\d{1,3} (?:\S+ ){0,3}things\b",      // not at the start
            r"^\d{1,3} (?:\S+ ){0,3}things",       // no boundary
            r"^\d{1,3} (?:\S+ ){0,3}Things\b",     // capitals never match
            r"^\d{1,3} (?:\S+ ){0,3}thing.\b",     // not a literal noun
            r"^\d{1,3} (?:\S+ ){0,3}of the\b",     // a space in the noun
            r"^\d{1,3} (?:\S+ ){0,12}things\b",    // too many words
            r"^\d{1,3} (?:\S+ ){1,3}things\b",     // a minimum of words
            r"^\d{1,3} (?:\S+ ){0,3}things\b|x",   // an alternation
            r"^\d{1,3} (?:\S+ ){0,3}things\b\b",   // anything after
            r"^\d{1,3} (?:\S+ ){0,3}?things\b",    // a lazy repetition
            r"(?i)^\d{1,3} (?:\S+ ){0,3}things\b", // flags
            r"^\d{1,3} (?i:\S+ ){0,3}things\b",    // flags in the group
            r"^\d{1,3} (\S+ ){0,3}things\b",       // a capture group
            r"^\d{1,3} (?:\s+ ){0,3}things\b",     // \s for \S
            r"^\d{0,3} (?:\S+ ){0,3}things\b",     // a count of no digits
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
            let regex = regex::Regex::new(&pattern_for_matching(p)).unwrap();
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
