//! The raw multi-pattern scan: every occurrence of every key, overlaps included.
//!
//! Two automata share the work. Most titles are plain ASCII text, and those are
//! scanned by an automaton holding only the keys they need: the ASCII ones,
//! less any the caller marks as needed only for unusual text (the folded forms
//! of stretched spellings, "los" for "lossss", which would otherwise fire inside
//! every "close"). With no UTF-8 bytes in its alphabet, its transition table is
//! a third the size of the full one and stays in cache. Every other title uses
//! the full set.
//!
//! The scan drives the automaton state by state rather than through an iterator:
//! every byte is one table lookup, and matches go straight to the caller's
//! closure without per-match bookkeeping.

use aho_corasick::automaton::Automaton;
use aho_corasick::{dfa, nfa::contiguous, Anchored, BuildError, MatchKind, StartKind};

/// One automaton: a DFA when the keys allow one, else a contiguous NFA (slower,
/// far smaller; only a lexicon in the hundreds of thousands of entries needs it).
#[derive(Debug)]
enum Engine {
    Dfa(dfa::DFA),
    Nfa(contiguous::NFA),
}

impl Engine {
    fn build<K: AsRef<[u8]>>(keys: &[K]) -> Result<Engine, BuildError> {
        // Unanchored only, and no prefilter: with hundreds of keys none would
        // skip much, and without one only match states are special.
        dfa::DFA::builder()
            .match_kind(MatchKind::Standard)
            .start_kind(StartKind::Unanchored)
            .prefilter(false)
            .build(keys)
            .map(Engine::Dfa)
            .or_else(|_| {
                contiguous::NFA::builder()
                    .match_kind(MatchKind::Standard)
                    .prefilter(false)
                    .build(keys)
                    .map(Engine::Nfa)
            })
    }

    fn memory_usage(&self) -> usize {
        match self {
            Engine::Dfa(a) => a.memory_usage(),
            Engine::Nfa(a) => a.memory_usage(),
        }
    }

    #[inline]
    fn scan(&self, hay: &[u8], ids: Option<&[u32]>, f: &mut impl FnMut(u32, usize, usize)) {
        match self {
            Engine::Dfa(a) => scan_with(a, hay, ids, f),
            Engine::Nfa(a) => scan_with(a, hay, ids, f),
        }
    }
}

/// Feeds `hay` through `aut`, calling `f(key, start, end)` for every match.
/// `ids` maps the automaton's pattern IDs to key indices when it holds a subset.
#[inline(always)]
fn scan_with<A: Automaton>(
    aut: &A,
    hay: &[u8],
    ids: Option<&[u32]>,
    f: &mut impl FnMut(u32, usize, usize),
) {
    // Only an automaton without an unanchored start state fails here, and both
    // engines are built with one.
    let Ok(mut sid) = aut.start_state(Anchored::No) else {
        return;
    };
    for (i, &b) in hay.iter().enumerate() {
        sid = aut.next_state(Anchored::No, sid, b);
        if aut.is_special(sid) && aut.is_match(sid) {
            report(aut, sid, i + 1, ids, f);
        }
    }
}

/// Reports the matches of match state `sid` ending at `end`. Kept out of line:
/// inlined, its registers spill the scan loop's state to the stack, and every
/// byte pays for that.
#[inline(never)]
fn report<A: Automaton>(
    aut: &A,
    sid: aho_corasick::automaton::StateID,
    end: usize,
    ids: Option<&[u32]>,
    f: &mut impl FnMut(u32, usize, usize),
) {
    for k in 0..aut.match_len(sid) {
        let pid = aut.match_pattern(sid, k);
        let start = end - aut.pattern_len(pid);
        let key = match ids {
            Some(ids) => ids[pid.as_usize()],
            None => pid.as_u32(),
        };
        f(key, start, end);
    }
}

/// Keys compiled for scanning; keys are numbered by their position in the
/// slice given to [`Scanner::build`].
#[derive(Debug)]
pub(crate) struct Scanner {
    /// Every key.
    full: Engine,
    /// The ASCII keys common text needs.
    common: Engine,
    /// Pattern ID in `common` → key index.
    common_ids: Vec<u32>,
}

/// Which automaton a text needs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Keys {
    /// ASCII text without unusual spellings: the ASCII keys not marked rare.
    Common,
    /// Any text: every key.
    All,
}

impl Scanner {
    /// Compiles `keys`; those with `rare[i]` set are only found with
    /// [`Keys::All`].
    pub(crate) fn build(keys: &[String], rare: &[bool]) -> Result<Scanner, BuildError> {
        let (common_ids, common_keys): (Vec<u32>, Vec<&str>) = keys
            .iter()
            .enumerate()
            .filter(|&(i, k)| k.is_ascii() && !rare.get(i).copied().unwrap_or(false))
            .map(|(i, k)| (i as u32, k.as_str()))
            .unzip();
        Ok(Scanner {
            full: Engine::build(keys)?,
            common: Engine::build(&common_keys)?,
            common_ids,
        })
    }

    /// Bytes of heap used by both automata.
    pub(crate) fn memory_usage(&self) -> usize {
        self.full.memory_usage()
            + self.common.memory_usage()
            + self.common_ids.len() * std::mem::size_of::<u32>()
    }

    /// Calls `f(key, start, end)` for every occurrence in `text` of every key
    /// of the set `keys`, in order of `end`. A non-ASCII text is always
    /// scanned for every key.
    pub(crate) fn scan(&self, text: &str, keys: Keys, mut f: impl FnMut(u32, usize, usize)) {
        if keys == Keys::Common && text.is_ascii() {
            self.common
                .scan(text.as_bytes(), Some(&self.common_ids), &mut f);
        } else {
            self.full.scan(text.as_bytes(), None, &mut f);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(s: &Scanner, text: &str, keys: Keys) -> Vec<(u32, usize, usize)> {
        let mut v = Vec::new();
        s.scan(text, keys, |k, a, b| v.push((k, a, b)));
        v.sort();
        v
    }

    #[test]
    fn both_automata_report_every_overlap() {
        let keys: Vec<String> = ["亏麻", "麻了", "crash", "ash", "rash", "su7", "cras"]
            .map(String::from)
            .to_vec();
        let rare = [false, false, false, false, false, false, true];
        let s = Scanner::build(&keys, &rare).unwrap();
        // Common ASCII text: the small automaton, with key numbers of the full
        // list, and no rare key.
        assert_eq!(
            all(&s, "crash su7", Keys::Common),
            vec![(2, 0, 5), (3, 2, 5), (4, 1, 5), (5, 6, 9)]
        );
        assert_eq!(
            all(&s, "crash su7", Keys::All),
            vec![(2, 0, 5), (3, 2, 5), (4, 1, 5), (5, 6, 9), (6, 0, 4)]
        );
        // Any other text: every key.
        assert_eq!(
            all(&s, "su7亏麻了 crash", Keys::Common),
            vec![
                (0, 3, 9),
                (1, 6, 12),
                (2, 13, 18),
                (3, 15, 18),
                (4, 14, 18),
                (5, 0, 3),
                (6, 13, 17)
            ]
        );
        assert!(all(&s, "", Keys::All).is_empty());
        assert!(s.memory_usage() > 0);
    }

    #[test]
    fn nfa_engine_agrees_with_dfa() {
        let keys = ["ab", "b", "abc"];
        let nfa = Engine::Nfa(
            contiguous::NFA::builder()
                .match_kind(MatchKind::Standard)
                .prefilter(false)
                .build(keys)
                .unwrap(),
        );
        let dfa = Engine::build(&keys).unwrap();
        for engine in [nfa, dfa] {
            let mut v = Vec::new();
            engine.scan(b"xabcab", None, &mut |k, a, b| v.push((k, a, b)));
            v.sort();
            assert_eq!(
                v,
                vec![(0, 1, 3), (0, 4, 6), (1, 2, 3), (1, 5, 6), (2, 1, 4)]
            );
        }
    }
}
