//! The raw multi-pattern scan: every occurrence of every key, overlaps included.
//!
//! Two automata share the work. Most titles are plain ASCII text, and those are
//! scanned by an automaton holding only the keys they need: the ASCII ones,
//! less any the caller marks as needed only for unusual text (the folded forms
//! of stretched spellings, "los" for "lossss", which would otherwise fire inside
//! every "close"). On a folded alphabet of at most 32 byte classes (see
//! [`Alphabet`]) its transition table is a seventh the size of the full one and
//! stays in cache. Every other title uses the full set.
//!
//! The scan drives the automaton state by state rather than through an iterator:
//! every byte is one table lookup, and matches go straight to the caller's
//! closure without per-match bookkeeping.

use aho_corasick::automaton::{Automaton as AcAutomaton, StateID};
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
}

/// An automaton over some keys, and what its match states stand for.
#[derive(Debug)]
struct Automaton {
    engine: Engine,
    /// Pattern ID → key index, when the automaton holds a subset of the keys.
    ids: Option<Vec<u32>>,
    outputs: Option<Outputs>,
    /// The byte map the automaton was built and is fed through; see
    /// [`Alphabet`]. Only with `outputs`, which verify folded keys.
    alphabet: Option<Alphabet>,
}

impl Automaton {
    /// `fold`: narrow the alphabet when that helps (ASCII keys only).
    fn build(
        keys: &[&str],
        ids: Option<Vec<u32>>,
        guards: &[u8],
        fold: bool,
    ) -> Result<Automaton, BuildError> {
        if let Some(alphabet) = fold.then(|| Alphabet::for_keys(keys)).flatten() {
            let folded: Vec<Vec<u8>> = keys.iter().map(|k| alphabet.fold(k.as_bytes())).collect();
            if let Engine::Dfa(a) = Engine::build(&folded)? {
                let verify: Vec<Option<Box<[u8]>>> = keys
                    .iter()
                    .map(|k| (!alphabet.is_exact(k.as_bytes())).then(|| k.as_bytes().into()))
                    .collect();
                if let Some(outputs) = Outputs::build(&a, &folded, ids.as_deref(), guards, &verify)
                {
                    return Ok(Automaton {
                        engine: Engine::Dfa(a),
                        ids,
                        outputs: Some(outputs),
                        alphabet: Some(alphabet),
                    });
                }
            }
        }
        let engine = Engine::build(keys)?;
        let outputs = match &engine {
            Engine::Dfa(a) => Outputs::build(a, keys, ids.as_deref(), guards, &[]),
            Engine::Nfa(_) => None,
        };
        Ok(Automaton {
            engine,
            ids,
            outputs,
            alphabet: None,
        })
    }

    fn memory_usage(&self) -> usize {
        self.engine.memory_usage()
            + self.ids.as_ref().map_or(0, |v| v.len() * 4)
            + self.outputs.as_ref().map_or(0, Outputs::memory_usage)
    }

    #[inline]
    fn scan(&self, hay: &[u8], f: &mut impl FnMut(u32, usize, usize)) {
        let (ids, outputs) = (self.ids.as_deref(), self.outputs.as_ref());
        match (&self.engine, &self.alphabet) {
            (Engine::Dfa(a), Some(alphabet)) => {
                scan_with(a, hay, |b| alphabet.map[usize::from(b)], ids, outputs, f)
            }
            (Engine::Dfa(a), None) => scan_with(a, hay, |b| b, ids, outputs, f),
            (Engine::Nfa(a), _) => scan_with(a, hay, |b| b, ids, None, f),
        }
    }
}

/// A narrower alphabet for an automaton: the most common bytes of its keys
/// keep codes of their own, the rest of the keys' bytes share one code, and
/// bytes in no key share another.
///
/// A DFA row has one cell per byte class, rounded up to a power of two. The
/// English keys use 35 distinct bytes (letters, space, ' - , . # and a few
/// digits), and with the gaps between them that makes 64-cell rows: 1.9 MB of
/// transitions, twice the L2 cache. Folded to at most 32 classes, rows halve
/// and the table fits. A key with a shared-code byte ("#1 mistake") can then
/// match text it does not spell, so its matches are checked byte for byte.
#[derive(Debug)]
struct Alphabet {
    map: [u8; 256],
}

impl Alphabet {
    /// Codes `0..EXACT` are single bytes; `SHARED` is the rest of the keys'
    /// bytes; `OTHER` is every byte in no key. 31 codes in use plus the
    /// range above them: 32 classes.
    const EXACT: usize = 30;
    const SHARED: u8 = 30;
    const OTHER: u8 = 255;

    /// `None` when the keys' bytes already fit, or folding cannot help.
    fn for_keys(keys: &[&str]) -> Option<Alphabet> {
        let mut freq = [0usize; 256];
        for k in keys {
            for b in k.bytes() {
                freq[usize::from(b)] += 1;
            }
        }
        let mut used: Vec<u8> = (0..=255u8).filter(|&b| freq[usize::from(b)] > 0).collect();
        if used.len() <= Self::EXACT {
            return None;
        }
        // Most frequent first; ties by byte value, for a deterministic map.
        used.sort_by_key(|&b| (std::cmp::Reverse(freq[usize::from(b)]), b));
        let mut map = [Self::OTHER; 256];
        for (code, &b) in used.iter().enumerate() {
            map[usize::from(b)] = if code < Self::EXACT {
                code as u8
            } else {
                Self::SHARED
            };
        }
        Some(Alphabet { map })
    }

    fn fold(&self, key: &[u8]) -> Vec<u8> {
        key.iter().map(|&b| self.map[usize::from(b)]).collect()
    }

    /// Whether `key` folds without loss (no byte shares a code).
    fn is_exact(&self, key: &[u8]) -> bool {
        key.iter()
            .all(|&b| self.map[usize::from(b)] != Self::SHARED)
    }
}

/// The keys every match state reports, in a small table of our own.
///
/// Asking the automaton costs three dependent reads into its large tables for
/// every match, most of them cache misses. Match state IDs are multiples of a
/// power of two (the transition table's row stride), so shifted right they index
/// a dense array; the table is built by walking every key, which passes through
/// every state. Nothing here trusts that layout blindly: the build checks that
/// the table stays small, and a state missing from it is asked of the automaton.
#[derive(Debug)]
struct Outputs {
    shift: u32,
    /// Per shifted state ID: the state ID itself (so a state the walk missed
    /// cannot borrow another's slot) and its run in `items` as (start,
    /// length); length 0 for an unknown slot.
    runs: Vec<(u32, u32, u32)>,
    items: Vec<Output>,
    /// The exact bytes of folded keys that must be checked, by
    /// [`Output::verify`].
    verify: Vec<Box<[u8]>>,
    /// Pattern ID → index into `verify` (`u32::MAX`: exact), for a state the
    /// table does not know.
    by_pattern: Vec<u32>,
}

/// One key a match state reports.
#[derive(Clone, Copy, Debug)]
struct Output {
    key: u32,
    /// Index into [`Outputs::verify`], or `u32::MAX` for a key that matched
    /// exactly what it spells.
    verify: u32,
    len: u16,
    /// The key's [`GUARD_START`] / [`GUARD_END`] bits.
    guard: u8,
}

/// A key used only where no letter or digit precedes / follows it. Where the
/// neighbouring byte is an ASCII letter or digit, the scan drops the match
/// itself: most raw matches are a short key inside a longer word ("so" in
/// "also"). Other neighbours are left to the caller to judge.
pub(crate) const GUARD_START: u8 = 1;
pub(crate) const GUARD_END: u8 = 2;

impl Outputs {
    /// `keys` as the automaton was built from them; `verify[pattern]`, where
    /// present, the exact bytes a match of that pattern must be.
    fn build<K: AsRef<[u8]>>(
        aut: &dfa::DFA,
        keys: &[K],
        ids: Option<&[u32]>,
        guards: &[u8],
        verify: &[Option<Box<[u8]>>],
    ) -> Option<Outputs> {
        let start = aut.start_state(Anchored::No).ok()?;
        let mut states = Vec::new();
        for key in keys {
            let mut sid = start;
            for &b in key.as_ref() {
                sid = aut.next_state(Anchored::No, sid, b);
                if aut.is_match(sid) {
                    states.push(sid);
                }
            }
        }
        states.sort_unstable();
        states.dedup();
        let shift = states.iter().map(|s| s.as_u32().trailing_zeros()).min()?;
        let max = states.last()?.as_u32() >> shift;
        // Distinct IDs that all end in `shift` zero bits stay distinct shifted.
        if max as usize > 4 * states.len() + 1024 {
            return None;
        }
        let mut runs = vec![(0, 0, 0); max as usize + 1];
        let mut items = Vec::new();
        // Exact bytes once per pattern, shared by every state reporting it.
        let mut exact: Vec<Box<[u8]>> = Vec::new();
        let by_pattern: Vec<u32> = verify
            .iter()
            .map(|v| match v {
                Some(bytes) => {
                    exact.push(bytes.clone());
                    exact.len() as u32 - 1
                }
                None => u32::MAX,
            })
            .collect();
        for sid in states {
            let from = items.len() as u32;
            for k in 0..aut.match_len(sid) {
                let pid = aut.match_pattern(sid, k);
                let key = ids.map_or(pid.as_u32(), |ids| ids[pid.as_usize()]);
                let verify = by_pattern.get(pid.as_usize()).copied().unwrap_or(u32::MAX);
                items.push(Output {
                    key,
                    verify,
                    len: u16::try_from(aut.pattern_len(pid)).ok()?,
                    guard: guards.get(key as usize).copied().unwrap_or(0),
                });
            }
            runs[(sid.as_u32() >> shift) as usize] =
                (sid.as_u32(), from, items.len() as u32 - from);
        }
        Some(Outputs {
            shift,
            runs,
            items,
            verify: exact,
            by_pattern,
        })
    }

    /// The keys state `sid` reports, if the table knows it.
    #[inline]
    fn get(&self, sid: StateID) -> Option<&[Output]> {
        let &(known, from, len) = self.runs.get((sid.as_u32() >> self.shift) as usize)?;
        if len == 0 || known != sid.as_u32() {
            return None;
        }
        self.items.get(from as usize..(from + len) as usize)
    }

    fn memory_usage(&self) -> usize {
        self.runs.len() * 12
            + self.by_pattern.len() * 4
            + self.items.len() * std::mem::size_of::<Output>()
            + self.verify.iter().map(|v| v.len() + 16).sum::<usize>()
    }
}

/// Feeds `hay` through `aut`, calling `f(key, start, end)` for every match.
#[inline(always)]
fn scan_with<A: AcAutomaton>(
    aut: &A,
    hay: &[u8],
    map: impl Fn(u8) -> u8,
    ids: Option<&[u32]>,
    outputs: Option<&Outputs>,
    f: &mut impl FnMut(u32, usize, usize),
) {
    // Only an automaton without an unanchored start state fails here, and both
    // engines are built with one.
    let Ok(mut sid) = aut.start_state(Anchored::No) else {
        return;
    };
    for (i, &b) in hay.iter().enumerate() {
        // The map does not depend on the state: it stays off the critical path.
        sid = aut.next_state(Anchored::No, sid, map(b));
        if aut.is_special(sid) && aut.is_match(sid) {
            report(aut, sid, hay, i + 1, ids, outputs, f);
        }
    }
}

/// Reports the matches of match state `sid` ending at `end`. Kept out of line:
/// inlined, its registers spill the scan loop's state to the stack, and every
/// byte pays for that.
#[inline(never)]
fn report<A: AcAutomaton>(
    aut: &A,
    sid: StateID,
    hay: &[u8],
    end: usize,
    ids: Option<&[u32]>,
    outputs: Option<&Outputs>,
    f: &mut impl FnMut(u32, usize, usize),
) {
    if let Some(items) = outputs.and_then(|o| o.get(sid)) {
        let word_at = |i: usize| hay.get(i).is_some_and(u8::is_ascii_alphanumeric);
        for o in items {
            let start = end - usize::from(o.len);
            if (o.guard & GUARD_START != 0 && start > 0 && word_at(start - 1))
                || (o.guard & GUARD_END != 0 && word_at(end))
            {
                continue;
            }
            if let Some(Some(exact)) = (o.verify != u32::MAX)
                .then(|| outputs.and_then(|t| t.verify.get(o.verify as usize)))
            {
                if hay.get(start..end) != Some(&exact[..]) {
                    continue;
                }
            }
            f(o.key, start, end);
        }
        return;
    }
    for k in 0..aut.match_len(sid) {
        let pid = aut.match_pattern(sid, k);
        let start = end - aut.pattern_len(pid);
        // A folded key must still spell what it matched.
        let exact = outputs.and_then(|o| {
            let i = *o.by_pattern.get(pid.as_usize())?;
            o.verify.get(i as usize)
        });
        if exact.is_some_and(|e| hay.get(start..end) != Some(&e[..])) {
            continue;
        }
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
            full: Automaton::build(&all, None, guards, false)?,
            common: Automaton::build(&common_keys, Some(common_ids), guards, true)?,
        })
    }

    /// Bytes of heap used by both automata and their tables.
    pub(crate) fn memory_usage(&self) -> usize {
        self.full.memory_usage() + self.common.memory_usage()
    }

    /// Calls `f(key, start, end)` for every occurrence in `text` of every key
    /// of the set `keys`, in order of `end`. [`Keys::Common`] is for ASCII
    /// text only (the caller knows, without another pass).
    pub(crate) fn scan(&self, text: &str, keys: Keys, mut f: impl FnMut(u32, usize, usize)) {
        debug_assert!(keys == Keys::All || text.is_ascii());
        if keys == Keys::Common {
            self.common.scan(text.as_bytes(), &mut f);
        } else {
            self.full.scan(text.as_bytes(), &mut f);
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
        let s = Scanner::build(&keys, &rare, &[]).unwrap();
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
            all(&s, "su7亏麻了 crash", Keys::All),
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
        let plain = Automaton::build(&keys, None, &[], false).unwrap();
        assert!(plain.outputs.is_some(), "a DFA gets its output table");
        for engine in [nfa, dfa] {
            let aut = Automaton {
                engine,
                ids: None,
                outputs: None,
                alphabet: None,
            };
            for aut in [&aut, &plain] {
                let mut v = Vec::new();
                aut.scan(b"xabcab", &mut |k, a, b| v.push((k, a, b)));
                v.sort();
                assert_eq!(
                    v,
                    vec![(0, 1, 3), (0, 4, 6), (1, 2, 3), (1, 5, 6), (2, 1, 4)]
                );
            }
        }
    }

    #[test]
    fn guarded_keys_inside_words_are_dropped() {
        let keys: Vec<String> = ["so", "crash"].map(String::from).to_vec();
        let s = Scanner::build(&keys, &[], &[GUARD_START | GUARD_END, GUARD_START]).unwrap();
        // "so" inside "also" and "crash" after a letter go; "crash" may be
        // followed by letters ("crashes"); a non-ASCII neighbour is left to
        // the caller.
        assert_eq!(
            all(&s, "also so xcrash crashes", Keys::All),
            vec![(0, 5, 7), (1, 15, 20)]
        );
        assert_eq!(all(&s, "é so", Keys::All), vec![(0, 3, 5)]);
        assert_eq!(all(&s, "éso", Keys::All), vec![(0, 2, 4)]);
    }

    #[test]
    fn folded_alphabet_checks_inexact_keys() {
        // 38 distinct bytes, each used once: the first 30 by byte value keep
        // codes of their own, 's'..='z' share one, so the long key folds.
        let keys: Vec<String> = ["abcdefghijklmnopqrstuvwxyz", "0123", "4567", "89 #"]
            .map(String::from)
            .to_vec();
        let s = Scanner::build(&keys, &[], &[]).unwrap();
        assert!(s.full.alphabet.is_none());
        let alphabet = s
            .common
            .alphabet
            .as_ref()
            .expect("more than 30 bytes: folded");
        assert!(alphabet.is_exact(b"0123"));
        assert!(!alphabet.is_exact(keys[0].as_bytes()));
        // The spelled-out key matches; a text that folds the same does not.
        let text = "abcdefghijklmnopqrstuvwxyz abcdefghijklmnopqrzzzzzzzz 89 #";
        assert_eq!(all(&s, text, Keys::Common), vec![(0, 0, 26), (3, 54, 58)]);
        assert_eq!(all(&s, text, Keys::Common), all(&s, text, Keys::All));
        // States the table does not know are asked of the automaton, and
        // still checked.
        let mut s = s;
        if let Some(o) = s.common.outputs.as_mut() {
            o.runs.iter_mut().for_each(|r| *r = (0, 0, 0));
        }
        assert_eq!(all(&s, text, Keys::Common), vec![(0, 0, 26), (3, 54, 58)]);
        // Few distinct bytes: nothing to fold.
        let small = Scanner::build(&keys[1..], &[], &[]).unwrap();
        assert!(small.common.alphabet.is_none());
    }

    #[test]
    fn output_table_knows_every_match_state() {
        // Every state is reached by walking some key, so the table never has
        // to fall back on the automaton for a lexicon's own keys.
        let keys = [
            "crash",
            "rash",
            "ash",
            "sh",
            "you",
            "your",
            "you won't believe",
        ];
        let aut = Automaton::build(&keys, None, &[], false).unwrap();
        let Engine::Dfa(dfa) = &aut.engine else {
            panic!("small key sets build a DFA");
        };
        let outputs = aut.outputs.as_ref().unwrap();
        let start = dfa.start_state(Anchored::No).unwrap();
        for key in keys {
            let mut sid = start;
            for &b in key.as_bytes() {
                sid = dfa.next_state(Anchored::No, sid, b);
                if dfa.is_match(sid) {
                    let known = outputs.get(sid).expect("state in the table");
                    assert_eq!(known.len(), dfa.match_len(sid));
                }
            }
        }
    }
}
