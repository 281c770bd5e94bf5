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

use aho_corasick::automaton::{Automaton as AcAutomaton, StateID};
use aho_corasick::nfa::{contiguous, noncontiguous};
use aho_corasick::{dfa, Anchored, BuildError, MatchKind, StartKind};

/// aho-corasick's engine over the keys, unanchored, reporting every overlap: a
/// DFA when the keys allow one, else a contiguous NFA (slower, far smaller;
/// only a lexicon in the hundreds of thousands of entries needs it).
#[derive(Debug)]
enum Engine {
    Dfa(dfa::DFA),
    Nfa(contiguous::NFA),
}

impl Engine {
    fn build<K: AsRef<[u8]>>(keys: &[K]) -> Result<Engine, BuildError> {
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

    fn memory_usage(&self) -> usize {
        match self {
            Engine::Dfa(a) => a.memory_usage(),
            Engine::Nfa(a) => a.memory_usage(),
        }
    }
}

/// An automaton over some keys.
#[derive(Debug)]
enum Automaton {
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
struct Plan<'a> {
    /// Pattern ID → key index, when the automaton holds a subset of the keys.
    ids: Option<&'a [u32]>,
    /// Key index → its [`GUARD_START`] / [`GUARD_END`] bits.
    guards: &'a [u8],
    /// Pattern ID → the exact bytes a match must be, for keys folded with loss.
    verify: Vec<Option<Box<[u8]>>>,
}

impl Automaton {
    /// `codes`: fold the alphabet to that many classes when the keys use
    /// more bytes (see [`Alphabet`]).
    fn build(
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

    fn memory_usage(&self) -> usize {
        match self {
            Automaton::Dense(d) => d.memory_usage(),
            Automaton::Engine { engine, ids } => {
                engine.memory_usage() + ids.as_ref().map_or(0, |v| v.len() * 4)
            }
        }
    }

    #[inline]
    fn scan(&self, hay: &[u8], events: &mut Events, f: &mut impl FnMut(u32, usize, usize)) {
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

/// A narrower alphabet for an automaton: the most common bytes of its keys
/// keep codes of their own, the rest of the keys' bytes share one code, and
/// bytes in no key share another.
///
/// A DFA row has one cell per byte class, rounded up to a power of two. The
/// English keys use 35 distinct bytes (letters, space, ' - , . # and a few
/// digits), and with the gaps between them that makes 64-cell rows, twice the
/// table. Folded to 32 classes, rows halve and the table fits in cache. A key
/// with a shared-code byte ("#1 mistake") can then match text it does not
/// spell, so its matches are checked byte for byte.
///
/// The full key set folds the same way, to 64 classes: Chinese keys spread
/// over the 64 UTF-8 continuation bytes and more, and 110 columns would make
/// its table twice the size, and twice the work to build.
#[derive(Debug)]
struct Alphabet {
    map: [u8; 256],
    /// Codes `0..codes - 2` are single bytes; `codes - 2` is the rest of the
    /// keys' bytes; `codes - 1` every byte in no key.
    codes: u8,
}

impl Alphabet {
    /// The shared code.
    fn shared(&self) -> u8 {
        self.codes - 2
    }

    /// An alphabet of `codes` codes (at most 255) for `keys`; `None` when the
    /// keys' bytes already fit, or folding cannot help.
    fn for_keys(keys: &[&str], codes: u8) -> Option<Alphabet> {
        let exact = usize::from(codes.checked_sub(2)?);
        let mut freq = [0usize; 256];
        for k in keys {
            for b in k.bytes() {
                freq[usize::from(b)] += 1;
            }
        }
        let mut used: Vec<u8> = (0..=255u8).filter(|&b| freq[usize::from(b)] > 0).collect();
        if used.len() <= exact {
            return None;
        }
        // Most frequent first; ties by byte value, for a deterministic map.
        used.sort_by_key(|&b| (std::cmp::Reverse(freq[usize::from(b)]), b));
        let mut map = [codes - 1; 256];
        for (code, &b) in used.iter().enumerate() {
            map[usize::from(b)] = code.min(exact) as u8;
        }
        Some(Alphabet { map, codes })
    }

    fn fold(&self, key: &[u8]) -> Vec<u8> {
        key.iter().map(|&b| self.map[usize::from(b)]).collect()
    }

    /// Whether `key` folds without loss (no byte shares a code).
    fn is_exact(&self, key: &[u8]) -> bool {
        key.iter()
            .all(|&b| self.map[usize::from(b)] != self.shared())
    }
}

/// The columns of a [`Dense`] table: which column each text byte reads, and
/// which key byte (as given to aho-corasick's NFA) each column stands for.
struct Columns {
    map: [u8; 256],
    symbols: Vec<u8>,
}

impl Columns {
    /// The folded alphabet's codes are the columns; the NFA is built on codes.
    fn folded(alphabet: &Alphabet) -> Columns {
        Columns {
            map: alphabet.map,
            symbols: (0..alphabet.codes).collect(),
        }
    }

    /// A column per byte the keys use, and one shared by all other bytes
    /// (which every state treats alike). Most frequent bytes first, so the
    /// cells text reads most share a cache line.
    fn of_keys(keys: &[&str]) -> Columns {
        let mut freq = [0usize; 256];
        for k in keys {
            for b in k.bytes() {
                freq[usize::from(b)] += 1;
            }
        }
        let mut bytes: Vec<u8> = (0..=255).collect();
        bytes.sort_by_key(|&b| (std::cmp::Reverse(freq[usize::from(b)]), b));
        let used = bytes
            .iter()
            .take_while(|&&b| freq[usize::from(b)] > 0)
            .count();
        let mut symbols: Vec<u8> = bytes[..used].to_vec();
        let mut map = [0u8; 256];
        for (col, &b) in symbols.iter().enumerate() {
            map[usize::from(b)] = col as u8;
        }
        // At most 256 columns: with every byte used there is no "other" one.
        if let Some(&other) = bytes.get(used) {
            for &b in &bytes[used..] {
                map[usize::from(b)] = used as u8;
            }
            symbols.push(other);
        }
        Columns { map, symbols }
    }
}

/// A DFA laid out for the scan loop.
///
/// aho-corasick's own DFA numbers states in the order its trie grew, key by
/// key, so the few states nearly every byte visits (the start, and the first
/// letter or two of common keys) lie all over its table, in rows of 4-byte
/// cells. Here the states are numbered breadth first, the hot shallow ones
/// together at the front, with 2-byte cells in rows aligned so that a
/// 32-column row is one cache line. Match states are numbered last, so "is
/// this a match" is one comparison, and the keys each reports sit in a dense
/// table of their own.
#[derive(Debug)]
struct Dense {
    /// Text byte → column.
    columns: [u8; 256],
    /// log2 of the row length (columns rounded up to a power of two).
    stride: u32,
    /// Row-major transitions from `base` on: cell `(state << stride) | column`
    /// holds the next state.
    trans: Vec<u16>,
    /// Where the rows start in `trans`: the first cache-line boundary.
    base: usize,
    /// Per state: the length of the key prefix it stands for (saturating).
    depth: Vec<u16>,
    start: u16,
    /// States from this one on are match states.
    first_match: u16,
    /// Per match state (numbered from `first_match`): its run in `items`, as
    /// (start, length).
    runs: Vec<(u32, u32)>,
    items: Vec<Output>,
    /// The exact bytes of folded keys that must be checked, by
    /// [`Output::verify`].
    verify: Vec<Box<[u8]>>,
}

/// One key a match state reports.
#[derive(Clone, Copy, Debug)]
struct Output {
    key: u32,
    /// Index into [`Dense::verify`], or `u32::MAX` for a key that matched
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

impl Dense {
    /// Cells per cache line.
    const LINE: usize = 64 / std::mem::size_of::<u16>();

    /// Builds the table for `keys` (as the text will be fed through
    /// `columns`); `Ok(None)` when it has more states than 16-bit numbers can
    /// name.
    ///
    /// aho-corasick's noncontiguous NFA supplies the trie, and each state's
    /// keys (its own and those of its failure chain). The rows are then made
    /// the classic way, breadth first: a state's row is its failure state's
    /// row, already complete, with its own trie edges written over it. That
    /// asks the NFA one direct question per trie edge (found in a [`KeyTrie`]),
    /// where a DFA built by aho-corasick follows failure links for every
    /// cell, and then would still have to be copied into this layout.
    fn build<K: AsRef<[u8]>>(
        keys: &[K],
        columns: Columns,
        plan: &Plan,
    ) -> Result<Option<Dense>, BuildError> {
        let nfa = noncontiguous::NFA::builder()
            .match_kind(MatchKind::Standard)
            .prefilter(false)
            .build(keys)?;
        Ok(Self::from_nfa(&nfa, columns, keys, plan))
    }

    fn from_nfa<K: AsRef<[u8]>>(
        nfa: &noncontiguous::NFA,
        columns: Columns,
        keys: &[K],
        plan: &Plan,
    ) -> Option<Dense> {
        let start = nfa.start_state(Anchored::No).ok()?;
        let symbols = &columns.symbols;
        let w = symbols.len();
        // Per state, in breadth-first order: its NFA ID, depth, failure
        // state, and row (cells are state numbers in this order).
        let mut order = vec![start];
        let mut depth = vec![0u16];
        let mut fail = vec![0u16];
        // A trie has at most one state per key byte, plus the start: room
        // for all rows at once, rather than growing (and copying) megabytes.
        let most_states = 1 + keys.iter().map(|k| k.as_ref().len()).sum::<usize>();
        let mut rows: Vec<u16> = Vec::with_capacity(most_states.min(1 << 16) * w);
        let trie = KeyTrie::new(keys, &columns);
        // Per state: its node in `trie`.
        let mut node = vec![0u32];
        let mut next = 0;
        while let Some(&sid) = order.get(next) {
            let f = usize::from(fail[next]);
            if next == 0 {
                rows.resize(w, 0);
            } else {
                rows.extend_from_within(f * w..f * w + w);
            }
            for &(k, child) in trie.children(node[next]) {
                let k = usize::from(k);
                // Anchored: the trie edge alone, never a failure transition.
                let to = nfa.next_state(Anchored::Yes, sid, symbols[k]);
                if to == start || nfa.is_dead(to) {
                    continue;
                }
                if order.len() > usize::from(u16::MAX) {
                    return None;
                }
                let n = order.len() as u16;
                order.push(to);
                node.push(child);
                depth.push(depth[next].saturating_add(1));
                // A child of the start state fails to it; any other child to
                // where its parent's failure state goes on the same symbol.
                fail.push(if next == 0 { 0 } else { rows[f * w + k] });
                rows[next * w + k] = n;
            }
            next += 1;
        }
        // Renumber: match states after all others, both halves still
        // breadth first.
        let is_match: Vec<bool> = order.iter().map(|&sid| nfa.is_match(sid)).collect();
        let first_match = is_match.iter().filter(|&&m| !m).count();
        let (mut plain, mut matching) = (0, first_match);
        let renumber: Vec<u16> = is_match
            .iter()
            .map(|&m| {
                let counter = if m { &mut matching } else { &mut plain };
                *counter += 1;
                (*counter - 1) as u16
            })
            .collect();
        let first_match = u16::try_from(first_match).ok()?;

        let stride = w.next_power_of_two().trailing_zeros();
        let width = 1usize << stride;
        let mut trans = vec![0u16; order.len() * width + Self::LINE];
        let base = (trans.as_ptr() as usize / 2).wrapping_neg() % Self::LINE;
        let mut final_depth = vec![0u16; order.len()];
        for (i, row) in rows.chunks_exact(w).enumerate() {
            let to = usize::from(renumber[i]);
            final_depth[to] = depth[i];
            let cells = &mut trans[base + to * width..][..width];
            for (cell, &n) in cells.iter_mut().zip(row) {
                *cell = renumber[usize::from(n)];
            }
        }
        let mut match_states: Vec<(u16, StateID)> = order
            .iter()
            .zip(&renumber)
            .filter(|&(&sid, _)| nfa.is_match(sid))
            .map(|(&sid, &n)| (n, sid))
            .collect();
        match_states.sort_unstable_by_key(|&(n, _)| n);

        let mut verify = Vec::new();
        let by_pattern: Vec<u32> = plan
            .verify
            .iter()
            .map(|v| match v {
                Some(bytes) => {
                    verify.push(bytes.clone());
                    verify.len() as u32 - 1
                }
                None => u32::MAX,
            })
            .collect();
        let mut runs = Vec::new();
        let mut items = Vec::new();
        for &(_, sid) in &match_states {
            let from = items.len() as u32;
            for k in 0..nfa.match_len(sid) {
                let pid = nfa.match_pattern(sid, k);
                let key = plan.ids.map_or(pid.as_u32(), |ids| ids[pid.as_usize()]);
                items.push(Output {
                    key,
                    verify: by_pattern.get(pid.as_usize()).copied().unwrap_or(u32::MAX),
                    len: u16::try_from(keys.get(pid.as_usize())?.as_ref().len()).ok()?,
                    guard: plan.guards.get(key as usize).copied().unwrap_or(0),
                });
            }
            runs.push((from, items.len() as u32 - from));
        }
        Some(Dense {
            depth: final_depth,
            columns: columns.map,
            stride,
            trans,
            base,
            start: renumber[0],
            first_match,
            runs,
            items,
            verify,
        })
    }

    fn memory_usage(&self) -> usize {
        self.trans.len() * 2
            + self.depth.len() * 2
            + self.runs.len() * 8
            + self.items.len() * std::mem::size_of::<Output>()
            + self.verify.iter().map(|v| v.len() + 16).sum::<usize>()
    }

    /// Feeds `hay` through the table, calling `f(key, start, end)` for every
    /// match, in order of `end`.
    ///
    /// A DFA scan is one long chain of dependent loads: each byte's lookup
    /// needs the state the last one produced, so the CPU waits out the load
    /// latency on every byte. Titles of moderate length are therefore scanned
    /// as two halves at once, two independent chains the CPU overlaps (see
    /// [`scan_halves`](Self::scan_halves)); `events` is scratch for that.
    #[inline(always)]
    fn scan(&self, hay: &[u8], events: &mut Events, f: &mut impl FnMut(u32, usize, usize)) {
        if (Self::HALVES_MIN..=Self::HALVES_MAX).contains(&hay.len()) {
            self.scan_halves(hay, events, f);
        } else {
            self.scan_one_chain(hay, f);
        }
    }

    /// Shorter texts gain too little from two chains to pay for the set-up.
    const HALVES_MIN: usize = 24;
    /// Past this, the scratch would grow large for little gain.
    const HALVES_MAX: usize = 4096;

    /// The plain scan: one chain, reporting as it goes.
    #[inline(always)]
    fn scan_one_chain(&self, hay: &[u8], f: &mut impl FnMut(u32, usize, usize)) {
        let trans = &self.trans[self.base..];
        let first_match = usize::from(self.first_match);
        let mut state = usize::from(self.start);
        for (i, &b) in hay.iter().enumerate() {
            // The column does not depend on the state: it stays off the
            // critical path, which is one shift, one OR and one load per byte.
            let column = usize::from(self.columns[usize::from(b)]);
            state = usize::from(trans[(state << self.stride) | column]);
            if state >= first_match {
                self.report(state - first_match, hay, i + 1, f);
            }
        }
    }

    /// The two-chain scan. Chain A starts at the beginning, chain B at the
    /// middle, from the start state, in lockstep; neither stops to report:
    /// every byte writes its state and end to `events`, and only a match state
    /// advances the write position, so no branch depends on the text.
    ///
    /// B, having started late, may miss matches that began before the middle,
    /// but never reports a false one. A therefore walks on past the middle
    /// until its state is no deeper than the bytes B has read: from there on
    /// the two states are the same (a state is the longest suffix of the text
    /// read that begins some key, and B has read all of it), and B's events
    /// after that point are A's own. (More chains were tried: with titles this
    /// short, their catching up costs what the shorter chains save.)
    fn scan_halves(&self, hay: &[u8], events: &mut Events, f: &mut impl FnMut(u32, usize, usize)) {
        let n = hay.len();
        let mid = n / 2;
        let buf = &mut events.0;
        // A writes at most one event per byte into [0, n), B into [n, 2n).
        if buf.len() < 2 * n {
            buf.resize(2 * n, 0);
        }
        let (buf_a, buf_b) = buf.split_at_mut(n);
        let trans = &self.trans[self.base..];
        let stride = self.stride;
        let fm = usize::from(self.first_match);
        let step = |state: usize, b: u8| {
            usize::from(trans[(state << stride) | usize::from(self.columns[usize::from(b)])])
        };
        let event = |state: usize, end: usize| ((state as u32) << 16) | end as u32;
        let (head, tail) = hay.split_at(mid);
        let (mut a, mut b) = (usize::from(self.start), usize::from(self.start));
        let (mut ka, mut kb) = (0, 0);
        for (i, (&x, &y)) in head.iter().zip(tail).enumerate() {
            a = step(a, x);
            b = step(b, y);
            buf_a[ka] = event(a, i + 1);
            ka += usize::from(a >= fm);
            buf_b[kb] = event(b, mid + i + 1);
            kb += usize::from(b >= fm);
        }
        // An odd length leaves B one more byte.
        if let Some(&y) = tail.get(mid) {
            b = step(b, y);
            buf_b[kb] = event(b, n);
            kb += usize::from(b >= fm);
        }
        // A catches up until it agrees with B.
        let mut synced = n;
        for (j, &x) in tail.iter().enumerate() {
            a = step(a, x);
            buf_a[ka] = event(a, mid + j + 1);
            ka += usize::from(a >= fm);
            if usize::from(self.depth[a]) <= j + 1 {
                synced = mid + j + 1;
                break;
            }
        }
        let end_of = |e: u32| (e & 0xFFFF) as usize;
        let late = &buf_b[..kb];
        let late = &late[late.partition_point(|&e| end_of(e) <= synced)..];
        for &e in buf_a[..ka].iter().chain(late) {
            self.report((e >> 16) as usize - fm, hay, end_of(e), f);
        }
    }

    /// Reports the keys of match state `first_match + m`, ending at `end`.
    /// Kept out of line: inlined, its registers spill the scan loop's state to
    /// the stack, and every byte pays for that.
    #[inline(never)]
    fn report(&self, m: usize, hay: &[u8], end: usize, f: &mut impl FnMut(u32, usize, usize)) {
        let Some(&(from, len)) = self.runs.get(m) else {
            return;
        };
        let word_at = |i: usize| hay.get(i).is_some_and(u8::is_ascii_alphanumeric);
        for o in self.items.iter().skip(from as usize).take(len as usize) {
            let start = end - usize::from(o.len);
            if (o.guard & GUARD_START != 0 && start > 0 && word_at(start - 1))
                || (o.guard & GUARD_END != 0 && word_at(end))
            {
                continue;
            }
            if let Some(exact) = self.verify.get(o.verify as usize) {
                if hay.get(start..end) != Some(&exact[..]) {
                    continue;
                }
            }
            f(o.key, start, end);
        }
    }
}

/// The trie of a key set as child lists: where [`Dense::build`] has trie
/// edges to ask the NFA about. Asking about every column of every state
/// instead cost a fifth of the default classifier's build.
struct KeyTrie {
    /// Node `i`'s children are `edges[first[i]..first[i + 1]]`.
    first: Vec<u32>,
    /// (column, child node), each node's by column.
    edges: Vec<(u8, u32)>,
}

impl KeyTrie {
    /// Node 0 is the root; `columns` are the key bytes' columns (the keys
    /// are as given to the NFA: for a folded alphabet, already codes).
    fn new<K: AsRef<[u8]>>(keys: &[K], columns: &Columns) -> KeyTrie {
        let mut column_of = [0u8; 256];
        for (k, &sym) in columns.symbols.iter().enumerate() {
            // At most 256 columns (see `Columns`).
            column_of[usize::from(sym)] = k as u8;
        }
        let mut sorted: Vec<&[u8]> = keys.iter().map(AsRef::as_ref).collect();
        sorted.sort_unstable();
        sorted.dedup();
        // In sorted order a key shares its first `common` bytes with the one
        // before: those nodes exist, the rest are new.
        let mut edges: Vec<(u32, u8, u32)> = Vec::new();
        let mut path = vec![0u32];
        let mut prev: &[u8] = &[];
        let mut nodes = 1u32;
        for key in sorted {
            let common = prev.iter().zip(key).take_while(|(a, b)| a == b).count();
            path.truncate(common + 1);
            for &b in &key[common..] {
                let parent = path[path.len() - 1];
                edges.push((parent, column_of[usize::from(b)], nodes));
                path.push(nodes);
                nodes += 1;
            }
            prev = key;
        }
        // Grouped by parent, then by column.
        edges.sort_unstable();
        let mut first = vec![0u32; nodes as usize + 1];
        for &(parent, _, _) in &edges {
            first[parent as usize + 1] += 1;
        }
        for i in 1..first.len() {
            first[i] += first[i - 1];
        }
        KeyTrie {
            first,
            edges: edges
                .into_iter()
                .map(|(_, col, child)| (col, child))
                .collect(),
        }
    }

    fn children(&self, node: u32) -> &[(u8, u32)] {
        let i = node as usize;
        &self.edges[self.first[i] as usize..self.first[i + 1] as usize]
    }
}

/// Feeds `hay` through one of aho-corasick's engines, calling `f(key, start,
/// end)` for every match.
fn scan_engine<A: AcAutomaton>(
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

#[cfg(test)]
mod tests {
    use super::*;

    fn all(s: &Scanner, text: &str, keys: Keys) -> Vec<(u32, usize, usize)> {
        let mut v = Vec::new();
        s.scan(text, keys, &mut Events::default(), |k, a, b| {
            v.push((k, a, b))
        });
        v.sort();
        v
    }

    fn dense(a: &Automaton) -> &Dense {
        match a {
            Automaton::Dense(d) => d,
            Automaton::Engine { .. } => panic!("small key sets get a dense table"),
        }
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

    /// Every (key, start, end) of `keys` in `text`, by brute force.
    fn naive(keys: &[&str], text: &[u8]) -> Vec<(u32, usize, usize)> {
        let mut v = Vec::new();
        for (k, key) in keys.iter().enumerate() {
            let key = key.as_bytes();
            for start in 0..text.len() {
                if text[start..].starts_with(key) {
                    v.push((k as u32, start, start + key.len()));
                }
            }
        }
        v.sort();
        v
    }

    /// Texts over a few letters and spaces, long and short: keys overlap,
    /// repeat and straddle the middle, where the two chains meet.
    fn texts() -> impl Iterator<Item = Vec<u8>> {
        let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
        (0..3000).map(move |i| {
            let len = i % 90;
            (0..len)
                .map(|_| {
                    x ^= x << 13;
                    x ^= x >> 7;
                    x ^= x << 17;
                    b"aab b c"[(x % 7) as usize]
                })
                .collect()
        })
    }

    /// Runs `scan`, checks its matches come in order of end, and sorts them.
    fn collect(scan: impl FnOnce(&mut dyn FnMut(u32, usize, usize))) -> Vec<(u32, usize, usize)> {
        let mut v = Vec::new();
        scan(&mut |k, a, b| v.push((k, a, b)));
        assert!(v.windows(2).all(|w| w[0].2 <= w[1].2), "{v:?}");
        v.sort();
        v
    }

    #[test]
    fn every_engine_and_both_scans_agree_with_brute_force() {
        // Long keys make a chain started at the middle slow to agree with the
        // first: "a a a a a" spans many spaces.
        let keys = [
            "ab",
            "b",
            "aab",
            "a a a a a",
            "b ab",
            "bb b",
            "c",
            "ba ab ba",
            "aaaa",
        ];
        let nfa = Automaton::Engine {
            engine: Engine::Nfa(
                contiguous::NFA::builder()
                    .match_kind(MatchKind::Standard)
                    .prefilter(false)
                    .build(keys)
                    .unwrap(),
            ),
            ids: None,
        };
        let dfa = Automaton::Engine {
            engine: Engine::build(&keys).unwrap(),
            ids: None,
        };
        let table = Automaton::build(&keys, None, &[], 255).unwrap();
        let d = dense(&table);
        let mut events = Events::default();
        for text in texts() {
            let expected = naive(&keys, &text);
            let shown = String::from_utf8_lossy(&text);
            for aut in [&nfa, &dfa, &table] {
                let got = collect(|f| aut.scan(&text, &mut events, &mut |k, a, b| f(k, a, b)));
                assert_eq!(got, expected, "{shown}");
            }
            let one = collect(|f| d.scan_one_chain(&text, &mut |k, a, b| f(k, a, b)));
            assert_eq!(one, expected, "{shown}");
            if text.len() >= 2 {
                let two = collect(|f| d.scan_halves(&text, &mut events, &mut |k, a, b| f(k, a, b)));
                assert_eq!(two, expected, "{shown}");
            }
        }
    }

    #[test]
    fn guarded_keys_inside_words_are_dropped() {
        let keys: Vec<String> = ["so", "crash"].map(String::from).to_vec();
        let s = Scanner::build(&keys, &[], &[GUARD_START | GUARD_END, GUARD_START]).unwrap();
        // Few states: aho-corasick's first IDs may all be even, and the walk
        // must still find its way to a dense table.
        dense(&s.full);
        // "so" inside "also" and "crash" after a letter go; "crash" may be
        // followed by letters ("crashes"); a non-ASCII neighbour is left to
        // the caller.
        let text = "also so xcrash crashes";
        assert_eq!(all(&s, text, Keys::All), vec![(0, 5, 7), (1, 15, 20)]);
        // The same, split between two chains.
        let long = format!("{text} {text}");
        assert_eq!(
            all(&s, &long, Keys::All),
            vec![(0, 5, 7), (0, 28, 30), (1, 15, 20), (1, 38, 43)]
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
        // Folded: 32 columns; not folded: 38 bytes and "other", 64 columns.
        assert_eq!(dense(&s.common).stride, 5);
        assert_eq!(dense(&s.full).stride, 6);
        let strs: Vec<&str> = keys.iter().map(String::as_str).collect();
        let alphabet = Alphabet::for_keys(&strs, 32).expect("more than 30 bytes: folded");
        assert!(alphabet.is_exact(b"0123"));
        assert!(!alphabet.is_exact(keys[0].as_bytes()));
        // The spelled-out key matches; a text that folds the same does not.
        let text = "abcdefghijklmnopqrstuvwxyz abcdefghijklmnopqrzzzzzzzz 89 #";
        assert_eq!(all(&s, text, Keys::Common), vec![(0, 0, 26), (3, 54, 58)]);
        assert_eq!(all(&s, text, Keys::Common), all(&s, text, Keys::All));
        // Few distinct bytes: nothing to fold.
        assert!(Alphabet::for_keys(&strs[1..], 32).is_none());
    }

    #[test]
    fn hot_states_come_first_and_rows_are_aligned() {
        let keys = [
            "crash",
            "rash",
            "ash",
            "sh",
            "you",
            "your",
            "you won't believe",
        ];
        let aut = Automaton::build(&keys, None, &[], 255).unwrap();
        let d = dense(&aut);
        assert_eq!(d.start, 0);
        // Breadth first: depths never decrease within either half.
        let fm = usize::from(d.first_match);
        assert!(d.depth[..fm].windows(2).all(|w| w[0] <= w[1]));
        assert!(d.depth[fm..].windows(2).all(|w| w[0] <= w[1]));
        assert_eq!(
            d.depth[fm..].iter().min(),
            Some(&2),
            "\"sh\" is the shallowest match"
        );
        assert_eq!(d.runs.len(), d.depth.len() - fm);
        assert_eq!(d.trans[d.base..].as_ptr() as usize % 64, 0);
    }
}
