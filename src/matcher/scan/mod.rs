//! The raw multi-pattern scan: every occurrence of every key, overlaps included.
//!
//! Two automata share the work. Most titles are plain ASCII text, and those are
//! scanned by an automaton holding only the keys they need: the ASCII ones,
//! less any the caller marks as needed only for unusual text (the folded forms
//! of stretched spellings, "los" for "lossss", which would otherwise fire inside
//! every "close"). On a folded alphabet of 32 byte classes (see [`Alphabet`])
//! its transition table is a small fraction of the full one and stays in cache.
//! Every other title uses the full set.
//!
//! aho-corasick builds each key set's trie and failure links (its
//! noncontiguous NFA); from those we make a DFA of our own ([`Dense`]), laid
//! out for a byte-at-a-time loop: every byte is one table lookup, and matches
//! go straight to the caller's closure without per-match bookkeeping. Only a
//! key set too large for 16-bit state numbers is left to aho-corasick's own
//! engines.

use aho_corasick::automaton::Automaton as AcAutomaton;
use aho_corasick::{Anchored, BuildError};

use self::automaton::Automaton;
pub(crate) use self::dense::{GUARD_END, GUARD_START};

/// Feeds `hay` through one of aho-corasick's engines, calling `f(key, start,
/// end)` for every match.
pub(super) fn scan_engine<A: AcAutomaton>(
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
            for k in 0..aut.match_len(sid) {
                let pid = aut.match_pattern(sid, k);
                let key = ids.map_or(pid.as_u32(), |ids| ids[pid.as_usize()]);
                f(key, i + 1 - aut.pattern_len(pid), i + 1);
            }
        }
    }
}

/// Scratch for [`Scanner::scan`]: keep one and pass it to every call, and the
/// scan allocates nothing once it has grown to the longest text it splits
/// (at most 32 KiB).
#[derive(Debug, Default)]
pub(crate) struct Events(Vec<u32>);

/// Keys compiled for scanning; keys are numbered by their position in the
/// slice given to [`Scanner::build`].
#[derive(Debug)]
pub(crate) struct Scanner {
    /// Every key.
    full: Automaton,
    /// The ASCII keys common text needs.
    common: Automaton,
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
    /// [`Keys::All`]. `guards[i]` holds key `i`'s [`GUARD_START`] /
    /// [`GUARD_END`] bits.
    pub(crate) fn build(
        keys: &[String],
        rare: &[bool],
        guards: &[u8],
    ) -> Result<Scanner, BuildError> {
        let (common_ids, common_keys): (Vec<u32>, Vec<&str>) = keys
            .iter()
            .enumerate()
            .filter(|&(i, k)| k.is_ascii() && !rare.get(i).copied().unwrap_or(false))
            .map(|(i, k)| (i as u32, k.as_str()))
            .unzip();
        let all: Vec<&str> = keys.iter().map(String::as_str).collect();
        Ok(Scanner {
            full: Automaton::build(&all, None, guards, 64)?,
            common: Automaton::build(&common_keys, Some(common_ids), guards, 32)?,
        })
    }

    /// Bytes of heap used by both automata and their tables.
    pub(crate) fn memory_usage(&self) -> usize {
        self.full.memory_usage() + self.common.memory_usage()
    }

    /// Calls `f(key, start, end)` for every occurrence in `text` of every key
    /// of the set `keys`, in order of `end`. [`Keys::Common`] is for ASCII
    /// text only (the caller knows, without another pass).
    pub(crate) fn scan(
        &self,
        text: &str,
        keys: Keys,
        events: &mut Events,
        mut f: impl FnMut(u32, usize, usize),
    ) {
        debug_assert!(keys == Keys::All || text.is_ascii());
        if keys == Keys::Common {
            self.common.scan(text.as_bytes(), events, &mut f);
        } else {
            self.full.scan(text.as_bytes(), events, &mut f);
        }
    }
}

mod automaton;
mod dense;
#[cfg(test)]
mod tests;
mod trie;
