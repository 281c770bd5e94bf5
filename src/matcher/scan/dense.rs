//! Our dense DFA layout: byte classes, one row of 16-bit next states per state,
//! match ends packed beside them, built from aho-corasick's noncontiguous NFA and
//! walked a byte at a time (two halves of the text at once).

use aho_corasick::automaton::{Automaton as AcAutomaton, StateID};
use aho_corasick::nfa::noncontiguous;
use aho_corasick::{Anchored, BuildError, MatchKind};

use super::automaton::Plan;
use super::trie::KeyTrie;
use super::Events;

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
pub(super) struct Alphabet {
    pub(super) map: [u8; 256],
    /// Codes `0..codes - 2` are single bytes; `codes - 2` is the rest of the
    /// keys' bytes; `codes - 1` every byte in no key.
    pub(super) codes: u8,
}

impl Alphabet {
    /// The shared code.
    pub(super) fn shared(&self) -> u8 {
        self.codes - 2
    }

    /// An alphabet of `codes` codes (at most 255) for `keys`; `None` when the
    /// keys' bytes already fit, or folding cannot help.
    pub(super) fn for_keys(keys: &[&str], codes: u8) -> Option<Alphabet> {
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

    pub(super) fn fold(&self, key: &[u8]) -> Vec<u8> {
        key.iter().map(|&b| self.map[usize::from(b)]).collect()
    }

    /// Whether `key` folds without loss (no byte shares a code).
    pub(super) fn is_exact(&self, key: &[u8]) -> bool {
        key.iter()
            .all(|&b| self.map[usize::from(b)] != self.shared())
    }
}

/// The columns of a [`Dense`] table: which column each text byte reads, and
/// which key byte (as given to aho-corasick's NFA) each column stands for.
pub(super) struct Columns {
    pub(super) map: [u8; 256],
    pub(super) symbols: Vec<u8>,
}

impl Columns {
    /// The folded alphabet's codes are the columns; the NFA is built on codes.
    pub(super) fn folded(alphabet: &Alphabet) -> Columns {
        Columns {
            map: alphabet.map,
            symbols: (0..alphabet.codes).collect(),
        }
    }

    /// A column per byte the keys use, and one shared by all other bytes
    /// (which every state treats alike). Most frequent bytes first, so the
    /// cells text reads most share a cache line.
    pub(super) fn of_keys(keys: &[&str]) -> Columns {
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
pub(super) struct Dense {
    /// Text byte → column.
    pub(super) columns: [u8; 256],
    /// log2 of the row length (columns rounded up to a power of two).
    pub(super) stride: u32,
    /// Row-major transitions from `base` on: cell `(state << stride) | column`
    /// holds the next state.
    pub(super) trans: Vec<u16>,
    /// Where the rows start in `trans`: the first cache-line boundary.
    pub(super) base: usize,
    /// Per state: the length of the key prefix it stands for (saturating).
    pub(super) depth: Vec<u16>,
    pub(super) start: u16,
    /// States from this one on are match states.
    pub(super) first_match: u16,
    /// Per match state (numbered from `first_match`): its run in `items`, as
    /// (start, length).
    pub(super) runs: Vec<(u32, u32)>,
    pub(super) items: Vec<Output>,
    /// The exact bytes of folded keys that must be checked, by
    /// [`Output::verify`].
    pub(super) verify: Vec<Box<[u8]>>,
}

/// One key a match state reports.
#[derive(Clone, Copy, Debug)]
pub(super) struct Output {
    pub(super) key: u32,
    /// Index into [`Dense::verify`], or `u32::MAX` for a key that matched
    /// exactly what it spells.
    pub(super) verify: u32,
    pub(super) len: u16,
    /// The key's [`GUARD_START`] / [`GUARD_END`] bits.
    pub(super) guard: u8,
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
    pub(super) fn build<K: AsRef<[u8]>>(
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

    pub(super) fn from_nfa<K: AsRef<[u8]>>(
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

    pub(super) fn memory_usage(&self) -> usize {
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
    pub(super) fn scan(
        &self,
        hay: &[u8],
        events: &mut Events,
        f: &mut impl FnMut(u32, usize, usize),
    ) {
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
    pub(super) fn scan_one_chain(&self, hay: &[u8], f: &mut impl FnMut(u32, usize, usize)) {
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
    pub(super) fn scan_halves(
        &self,
        hay: &[u8],
        events: &mut Events,
        f: &mut impl FnMut(u32, usize, usize),
    ) {
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
    pub(super) fn report(
        &self,
        m: usize,
        hay: &[u8],
        end: usize,
        f: &mut impl FnMut(u32, usize, usize),
    ) {
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

// `scan_halves` packs each event's end offset into the low 16 bits of a `u32`
// (the state takes the high 16): every end up to `HALVES_MAX` must fit. A
// module-level const is always evaluated, so a larger `HALVES_MAX` fails to
// compile.
const _: () = assert!(Dense::HALVES_MAX <= u16::MAX as usize);
