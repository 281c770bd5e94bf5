//! The floor both `benches/score.rs` and `examples/prof.rs` measure against: a
//! bare aho-corasick pass, as the performance issue defines it.

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use clickbait::Classifier;
use clickbait::EntryMatcher as Matcher;

/// The floor: lowercase into a reused buffer, then one leftmost-longest
/// aho-corasick pass over the classifier's own phrase set, counting matches.
pub struct Floor {
    pub ac: AhoCorasick,
    buf: String,
    /// Distinct phrases in the automaton, and their bytes.
    pub phrases: usize,
    pub phrase_bytes: usize,
}

impl Floor {
    /// The floor over `c`'s own phrases (pattern entries by their anchors).
    pub fn new(c: &Classifier) -> Floor {
        let mut phrases: Vec<String> = c
            .lexicons()
            .iter()
            .flat_map(|l| l.entries())
            .map(|e| match e.matcher() {
                Matcher::Pattern { anchor, .. } => anchor.to_lowercase(),
                _ => e.phrase().to_lowercase(),
            })
            .collect();
        phrases.sort();
        phrases.dedup();
        let phrase_bytes = phrases.iter().map(String::len).sum();
        // The same automaton kind as the classifier uses.
        let ac = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .kind(Some(AhoCorasickKind::DFA))
            .build(&phrases)
            .expect("floor automaton");
        Floor {
            ac,
            buf: String::with_capacity(1024),
            phrases: phrases.len(),
            phrase_bytes,
        }
    }

    /// Lowercases `title` and counts its leftmost-longest matches.
    pub fn count(&mut self, title: &str) -> usize {
        self.buf.clear();
        if title.is_ascii() {
            self.buf
                .extend(title.bytes().map(|b| b.to_ascii_lowercase() as char));
        } else {
            for ch in title.chars() {
                self.buf.extend(ch.to_lowercase());
            }
        }
        self.ac.find_iter(&self.buf).count()
    }
}
