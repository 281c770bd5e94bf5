//! Which engine runs a key set: our dense table when the states fit 16 bits,
//! else aho-corasick's own DFA or NFA, chosen once at build time.

use aho_corasick::automaton::Automaton as AcAutomaton;
use aho_corasick::nfa::contiguous;
use aho_corasick::{dfa, BuildError, MatchKind, StartKind};

use super::dense::{Alphabet, Columns, Dense};
use super::{scan_engine, Events};

/// aho-corasick's engine over the keys, unanchored, reporting every overlap: a
/// DFA when the keys allow one, else a contiguous NFA (slower, far smaller;
/// only a lexicon in the hundreds of thousands of entries needs it).
#[derive(Debug)]
pub(super) enum Engine {
    Dfa(dfa::DFA),
    Nfa(contiguous::NFA),
}

impl Engine {
    pub(super) fn build<K: AsRef<[u8]>>(keys: &[K]) -> Result<Engine, BuildError> {
        // No prefilter: with hundreds of keys none would skip much, and
        // without one only match states are special.
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

    pub(super) fn memory_usage(&self) -> usize {
        match self {
            Engine::Dfa(a) => a.memory_usage(),
            Engine::Nfa(a) => a.memory_usage(),
        }
    }
}

/// An automaton over some keys.
#[derive(Debug)]
pub(super) enum Automaton {
    /// The usual case: a DFA in our own layout.
    Dense(Dense),
    /// Too many states for [`Dense`]: aho-corasick's engine, asked directly.
    Engine {
        engine: Engine,
        /// Pattern ID → key index, when the engine holds a subset of the keys.
        ids: Option<Vec<u32>>,
    },
}

/// What [`Dense::build`] needs besides the keys: which keys the patterns are,
/// and how to check and guard them.
pub(super) struct Plan<'a> {
    /// Pattern ID → key index, when the automaton holds a subset of the keys.
    pub(super) ids: Option<&'a [u32]>,
    /// Key index → its [`GUARD_START`] / [`GUARD_END`] bits.
    pub(super) guards: &'a [u8],
    /// Pattern ID → the exact bytes a match must be, for keys folded with loss.
    pub(super) verify: Vec<Option<Box<[u8]>>>,
}

impl Automaton {
    /// `codes`: fold the alphabet to that many classes when the keys use
    /// more bytes (see [`Alphabet`]).
    pub(super) fn build(
        keys: &[&str],
        ids: Option<Vec<u32>>,
        guards: &[u8],
        codes: u8,
    ) -> Result<Automaton, BuildError> {
        let plan = Plan {
            ids: ids.as_deref(),
            guards,
            verify: Vec::new(),
        };
        let dense = match Alphabet::for_keys(keys, codes) {
            Some(alphabet) => {
                let folded: Vec<Vec<u8>> =
                    keys.iter().map(|k| alphabet.fold(k.as_bytes())).collect();
                let plan = Plan {
                    verify: keys
                        .iter()
                        .map(|k| (!alphabet.is_exact(k.as_bytes())).then(|| k.as_bytes().into()))
                        .collect(),
                    ..plan
                };
                Dense::build(&folded, Columns::folded(&alphabet), &plan)?
            }
            None => Dense::build(keys, Columns::of_keys(keys), &plan)?,
        };
        if let Some(dense) = dense {
            return Ok(Automaton::Dense(dense));
        }
        Ok(Automaton::Engine {
            engine: Engine::build(keys)?,
            ids,
        })
    }

    pub(super) fn memory_usage(&self) -> usize {
        match self {
            Automaton::Dense(d) => d.memory_usage(),
            Automaton::Engine { engine, ids } => {
                engine.memory_usage() + ids.as_ref().map_or(0, |v| v.len() * 4)
            }
        }
    }

    #[inline]
    pub(super) fn scan(
        &self,
        hay: &[u8],
        events: &mut Events,
        f: &mut impl FnMut(u32, usize, usize),
    ) {
        match self {
            Automaton::Dense(d) => d.scan(hay, events, f),
            Automaton::Engine {
                engine: Engine::Dfa(a),
                ids,
            } => scan_engine(a, hay, ids.as_deref(), f),
            Automaton::Engine {
                engine: Engine::Nfa(a),
                ids,
            } => scan_engine(a, hay, ids.as_deref(), f),
        }
    }
}
