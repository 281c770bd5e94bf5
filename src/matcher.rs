//! One aho-corasick pass over normalized text finds every lexicon phrase, every
//! context cue and every anchor of a pattern entry; this module then checks word
//! boundaries and inflections and runs pattern entries around their anchors.

use std::collections::HashMap;
use std::ops::Range;

use crate::error::Error;
use crate::lexicon::Category;
use crate::lexicon::{edge_word_chars, Lexicon, Matcher as EntryMatcher};
use crate::listicle::ListicleShape;
use crate::normalize::script::{is_han, is_word_char};
use crate::normalize::Normalized;
use crate::scan::{Events, Keys, Scanner, GUARD_END, GUARD_START};
use crate::signals;
use crate::weights::Weights;

/// Cue kinds, as bit flags: one automaton pattern may be several at once.
pub(crate) mod cue {
    pub const NEGATOR: u8 = 1;
    pub const DEBUNK: u8 = 2;
    pub const INTENSIFIER: u8 = 4;
    pub const YOU: u8 = 8;
    pub const EMOJI: u8 = 16;
    /// A word a sum of money lost follows: the money signal's regexes run only
    /// after one.
    pub const MONEY: u8 = 32;
}

/// Built-in cues for two style signals, matched in the same pass as phrases.
const SECOND_PERSON: &[&str] = &[
    "you", "your", "you're", "youre", "yours", "yourself", "you'll", "you've", "you'd", "ya", "你",
    "您", "你们",
];
const ALARM_EMOJI: &[&str] = &[
    "😱", "🔥", "💥", "⚠", "🚨", "❗", "❕", "❓", "😭", "💔", "🤯", "😡", "😰", "😨", "💸", "📉",
    "🆘", "⛔", "❌", "😲", "😳", "🙀", "💣", "😤", "🤬", "😵", "🩸", "☠", "💀", "⁉",
];

/// How far (bytes of normalized text) a pattern entry may reach from its anchor.
pub(crate) const PATTERN_REACH: usize = 48;

/// A compiled lexicon entry, with overrides and scales already applied: what
/// only explanations and pattern runs need. The hot fields are in
/// [`EntryTraits`].
#[derive(Debug)]
pub(crate) struct CompiledEntry {
    pub phrase: String,
    pub regex: Option<regex::Regex>,
    /// For a pattern entry, how its matches start, when that is known.
    pub prefixes: Option<Prefixes>,
    /// For a listicle-shaped pattern, the same search without the regex.
    pub listicle: Option<ListicleShape>,
}

/// What every candidate match reads of its entry, in eight bytes: the table
/// of all of them stays in cache, where whole entries would not.
#[derive(Clone, Copy, Debug)]
pub(crate) struct EntryTraits {
    pub weight: f32,
    pub category: Category,
    flags: u8,
}

impl EntryTraits {
    const INFLECT: u8 = 1;
    /// `inflect` phrase ending in "e": the automaton holds the stem without it.
    const E_STEM: u8 = 2;
    const WHOLE_WORD: u8 = 4;
    /// The phrase starts / ends with a word character, so needs a boundary
    /// there when whole-word.
    const WORD_START: u8 = 8;
    const WORD_END: u8 = 16;
    const CASE_SENSITIVE: u8 = 32;

    fn has(self, flag: u8) -> bool {
        self.flags & flag != 0
    }
}

/// How every match of a pattern starts, read once from its syntax: a cheap
/// test that skips running the regex where it cannot match. Pattern entries
/// run around every occurrence of their anchor, and anchors are common words
/// ("things", "people"): without it they cost more than the rest of the
/// phrase pass.
#[derive(Debug)]
pub(crate) struct Prefixes {
    /// Matches start at the start of the text (the pattern begins with `^`).
    at_start: bool,
    /// The bytes a match can start with, as a bit set.
    first: [u64; 4],
    /// Every match starts with one of these; empty when only first bytes
    /// are known.
    literals: Vec<Vec<u8>>,
}

impl Prefixes {
    /// `None` when the pattern's starts are too varied to say anything.
    fn of(pattern: &str) -> Option<Prefixes> {
        use regex_syntax::hir::literal::{ExtractKind, Extractor, Seq};
        use regex_syntax::hir::Look;
        // Parsed with the defaults `regex::Regex::new` uses, as the entry was.
        let hir = regex_syntax::Parser::new().parse(pattern).ok()?;
        let at_start = hir.properties().look_set_prefix().contains(Look::Start);
        let usable = |seq: &Seq| {
            seq.literals()
                .filter(|l| !l.is_empty() && l.iter().all(|l| !l.as_bytes().is_empty()))
                .map(|l| l.iter().map(|l| l.as_bytes().to_vec()).collect::<Vec<_>>())
        };
        // Whole prefixes where there are few; else first bytes: `^\d{1,3} …`
        // has thousands of prefixes (Unicode digits) but 18 first bytes.
        let whole = Extractor::new()
            .kind(ExtractKind::Prefix)
            .limit_class(16)
            .limit_literal_len(8)
            .limit_total(64)
            .extract(&hir);
        let (first_of, literals) = match usable(&whole) {
            Some(l) => (l.clone(), l),
            None => {
                let firsts = Extractor::new()
                    .kind(ExtractKind::Prefix)
                    .limit_class(4096)
                    .limit_literal_len(1)
                    .limit_total(4096)
                    .extract(&hir);
                (usable(&firsts)?, Vec::new())
            }
        };
        let mut first = [0u64; 4];
        for l in &first_of {
            let b = l[0];
            first[usize::from(b >> 6)] |= 1 << (b & 63);
        }
        Some(Prefixes {
            at_start,
            first,
            literals,
        })
    }

    /// Whether a match could start at `at`.
    fn may_start_at(&self, text: &[u8], at: usize) -> bool {
        let Some(&b) = text.get(at) else {
            return false;
        };
        self.first[usize::from(b >> 6)] & (1 << (b & 63)) != 0
            && (self.literals.is_empty() || self.literals.iter().any(|l| text[at..].starts_with(l)))
    }

    /// Whether a match could start in `text[from..=last]`.
    fn may_start(&self, text: &[u8], from: usize, last: usize) -> bool {
        if self.at_start {
            return from == 0 && self.may_start_at(text, 0);
        }
        (from..=last).any(|at| self.may_start_at(text, at))
    }
}

/// What one automaton key stands for, while the matcher is built.
#[derive(Debug, Default, Clone)]
struct KeyUses {
    /// Literal entries with exactly this text: usually one, but a case-sensitive
    /// "CRASH" shares its text with "crash". Case-sensitive ones come first.
    literals: Vec<u32>,
    /// A literal entry whose doubled letters this text folds (loss → los): only
    /// accepted where the title had stretched letters.
    stretched: Option<u32>,
    /// Pattern entries anchored on this text.
    anchors: Vec<u32>,
    cues: u8,
    start_boundary: bool,
    end_boundary: bool,
}

/// [`KeyUses`] packed into sixteen bytes, entry lists in one shared array:
/// the table of all keys stays in cache.
#[derive(Debug, Clone, Copy)]
struct Meta {
    /// `literals` literal entries then `anchors` pattern entries, from here in
    /// [`PhraseMatcher::uses`].
    first: u32,
    literals: u16,
    anchors: u16,
    /// [`NONE`] when no entry folds to this key.
    stretched: u32,
    cues: u8,
    start_boundary: bool,
    end_boundary: bool,
}

/// No entry.
const NONE: u32 = u32::MAX;

/// A phrase found in normalized text.
#[derive(Clone, Debug)]
pub(crate) struct RawHit {
    pub entry: u32,
    pub range: Range<usize>,
}

/// A cue found in normalized text.
#[derive(Clone, Debug)]
pub(crate) struct Cue {
    pub kinds: u8,
    pub range: Range<usize>,
}

/// The automaton and everything needed to interpret its matches.
#[derive(Debug)]
pub(crate) struct PhraseMatcher {
    scanner: Scanner,
    metas: Vec<Meta>,
    /// Entry IDs of every key's uses; see [`Meta::first`].
    uses: Vec<u32>,
    pub entries: Vec<CompiledEntry>,
    /// By entry ID, like `entries`.
    pub traits: Vec<EntryTraits>,
}

impl PhraseMatcher {
    pub(crate) fn build(lexicons: &[Lexicon], weights: &Weights) -> Result<PhraseMatcher, Error> {
        let mut keys: Vec<String> = Vec::new();
        let mut metas: Vec<KeyUses> = Vec::new();
        let mut index: HashMap<String, usize> = HashMap::new();
        let mut entries: Vec<CompiledEntry> = Vec::new();
        let mut traits: Vec<EntryTraits> = Vec::new();
        // Later lexicons override earlier ones phrase by phrase.
        let mut by_phrase: HashMap<String, u32> = HashMap::new();

        let mut slot = |key: &str, keys: &mut Vec<String>, metas: &mut Vec<KeyUses>| -> usize {
            if let Some(&i) = index.get(key) {
                return i;
            }
            let (start, end) = edge_word_chars(key);
            index.insert(key.to_string(), metas.len());
            keys.push(key.to_string());
            metas.push(KeyUses {
                start_boundary: start,
                end_boundary: end,
                ..KeyUses::default()
            });
            metas.len() - 1
        };

        for lex in lexicons {
            for e in &lex.entries {
                let weight = weights.phrases.get(&e.phrase).copied().unwrap_or(e.weight)
                    * weights.category_scale(e.category);
                let lower = e.phrase.to_lowercase();
                let e_stem = e.inflect && lower.len() > 3 && lower.ends_with('e');
                let (word_start, word_end) = edge_word_chars(&e.phrase);
                let flag = |on: bool, flag: u8| if on { flag } else { 0 };
                let entry_traits = EntryTraits {
                    weight,
                    category: e.category,
                    flags: flag(e.inflect, EntryTraits::INFLECT)
                        | flag(e_stem, EntryTraits::E_STEM)
                        | flag(e.whole_word, EntryTraits::WHOLE_WORD)
                        | flag(word_start, EntryTraits::WORD_START)
                        | flag(word_end, EntryTraits::WORD_END)
                        | flag(e.case_sensitive, EntryTraits::CASE_SENSITIVE),
                };
                let listicle = match &e.matcher {
                    EntryMatcher::Pattern { regex, .. } => ListicleShape::of(regex.as_str()),
                    EntryMatcher::Literal => None,
                };
                let compiled = CompiledEntry {
                    phrase: e.phrase.clone(),
                    regex: match &e.matcher {
                        EntryMatcher::Pattern { regex, .. } => Some(regex.clone()),
                        EntryMatcher::Literal => None,
                    },
                    // A listicle's gate is its `^` (see `run_pattern`); its
                    // Unicode `\d` made the first-byte extraction a sixth of
                    // the whole build.
                    prefixes: match &e.matcher {
                        EntryMatcher::Pattern { regex, .. } if listicle.is_none() => {
                            Prefixes::of(regex.as_str())
                        }
                        _ => None,
                    },
                    listicle,
                };
                let id = match by_phrase.get(&e.phrase) {
                    Some(&id) => {
                        entries[id as usize] = compiled;
                        traits[id as usize] = entry_traits;
                        continue;
                    }
                    None => entries.len() as u32,
                };
                by_phrase.insert(e.phrase.clone(), id);
                entries.push(compiled);
                traits.push(entry_traits);
                match &e.matcher {
                    EntryMatcher::Pattern { anchor, .. } => {
                        let i = slot(anchor, &mut keys, &mut metas);
                        metas[i].anchors.push(id);
                    }
                    EntryMatcher::Literal => {
                        let key = if e_stem {
                            lower[..lower.len() - 1].to_string()
                        } else {
                            lower.clone()
                        };
                        let i = slot(&key, &mut keys, &mut metas);
                        metas[i].literals.push(id);
                        if let Some(folded) = fold_doubles(&key) {
                            let i = slot(&folded, &mut keys, &mut metas);
                            metas[i].stretched.get_or_insert(id);
                        }
                    }
                }
            }
            for (list, kind) in [
                (&lex.negators, cue::NEGATOR),
                (&lex.debunk, cue::DEBUNK),
                (&lex.intensifiers, cue::INTENSIFIER),
            ] {
                for c in list {
                    let i = slot(c, &mut keys, &mut metas);
                    metas[i].cues |= kind;
                }
            }
        }
        for (list, kind) in [
            (SECOND_PERSON, cue::YOU),
            (ALARM_EMOJI, cue::EMOJI),
            (signals::MONEY_CUES, cue::MONEY),
        ] {
            for c in list {
                let i = slot(c, &mut keys, &mut metas);
                metas[i].cues |= kind;
            }
        }
        // A key that only stands for stretched spellings is needed only where
        // letters were folded.
        let rare: Vec<bool> = metas
            .iter()
            .map(|m| {
                m.stretched.is_some()
                    && m.literals.is_empty()
                    && m.anchors.is_empty()
                    && m.cues == 0
            })
            .collect();
        // Which keys the scan may drop when a letter or digit touches them
        // ([`GUARD_START`] / [`GUARD_END`]): cues, stretched forms and anchors
        // always check both edges; a literal may skip the start (not
        // whole-word) or extend the end (inflections).
        let guards: Vec<u8> = metas
            .iter()
            .map(|m| {
                let literals = || m.literals.iter().map(|&id| traits[id as usize]);
                let whole =
                    |t: EntryTraits, edge: u8| t.has(EntryTraits::WHOLE_WORD) && t.has(edge);
                let start =
                    m.start_boundary && literals().all(|t| whole(t, EntryTraits::WORD_START));
                let end = m.end_boundary
                    && literals()
                        .all(|t| whole(t, EntryTraits::WORD_END) && !t.has(EntryTraits::INFLECT));
                (u8::from(start) * GUARD_START) | (u8::from(end) * GUARD_END)
            })
            .collect();
        let scanner =
            Scanner::build(&keys, &rare, &guards).map_err(|e| Error::Automaton(e.to_string()))?;
        let mut uses = Vec::new();
        let mut packed = Vec::with_capacity(metas.len());
        for mut m in metas {
            m.literals
                .sort_by_key(|&id| !traits[id as usize].has(EntryTraits::CASE_SENSITIVE));
            let count = |v: &Vec<u32>| {
                u16::try_from(v.len())
                    .map_err(|_| Error::Automaton("more than 65535 entries share one key".into()))
            };
            packed.push(Meta {
                first: uses.len() as u32,
                literals: count(&m.literals)?,
                anchors: count(&m.anchors)?,
                stretched: m.stretched.unwrap_or(NONE),
                cues: m.cues,
                start_boundary: m.start_boundary,
                end_boundary: m.end_boundary,
            });
            uses.extend(m.literals);
            uses.extend(m.anchors);
        }
        Ok(PhraseMatcher {
            scanner,
            metas: packed,
            uses,
            entries,
            traits,
        })
    }

    /// Bytes of heap the automaton uses.
    pub(crate) fn memory_usage(&self) -> usize {
        self.scanner.memory_usage()
    }

    /// Finds phrases and cues in `norm`, appending to `hits` and `cues` in text order.
    pub(crate) fn find(
        &self,
        norm: &Normalized,
        original: &str,
        hits: &mut Vec<RawHit>,
        cues: &mut Vec<Cue>,
        claimed: &mut Vec<bool>,
        events: &mut Events,
    ) {
        let text = norm.as_str();
        // Every occurrence of every pattern, overlaps included: a long match that
        // fails its checks ("CRASHING" must be in capitals) must not hide a shorter
        // one that passes ("crash" + "ing"). The winners are chosen afterwards.
        let keys = if norm.is_ascii() && !norm.had_stretched_letters() {
            Keys::Common
        } else {
            Keys::All
        };
        self.scanner.scan(text, keys, events, |key, s, e| {
            // The money regexes see ASCII word boundaries only: a money word
            // after "é" ("I élost $5,000") still lets them run.
            let money_only = |meta: &Meta| {
                let ascii_word = |b: Option<&u8>| b.is_some_and(u8::is_ascii_alphanumeric);
                let bytes = text.as_bytes();
                meta.cues & cue::MONEY != 0
                    && !ascii_word(s.checked_sub(1).and_then(|i| bytes.get(i)))
                    && !ascii_word(bytes.get(e))
            };
            let meta = &self.metas[key as usize];
            let start_ok = !meta.start_boundary || !word_char_before(text, s);
            let end_ok = !meta.end_boundary || !word_char_at(text, e);
            let kinds = if start_ok && end_ok {
                meta.cues
            } else if money_only(meta) {
                cue::MONEY
            } else {
                0
            };
            if kinds != 0 {
                cues.push(Cue { kinds, range: s..e });
            }
            let first = meta.first as usize;
            let literals = &self.uses[first..first + usize::from(meta.literals)];
            let anchors = &self.uses[first + literals.len()..][..usize::from(meta.anchors)];
            let literal = literals.iter().find_map(|&id| {
                let end = self.accept_literal(id, text, e, start_ok)?;
                self.case_ok(id, norm, original, s..end)
                    .then_some((id, end))
            });
            // A literal and a pattern may share this text ("crash" and the anchor
            // of a "2008 … crash" pattern): both are candidates.
            if let Some((id, end)) = literal {
                hits.push(RawHit {
                    entry: id,
                    range: s..end,
                });
            } else if meta.stretched != NONE {
                let id = meta.stretched;
                // Only where letters were really folded: "los" from "lossss",
                // never from "Los Angeles".
                if norm.had_stretched_letters()
                    && start_ok
                    && end_ok
                    && original
                        .get(norm.original_span(s..e))
                        .is_some_and(has_stretched_letters)
                    && self.case_ok(id, norm, original, s..e)
                {
                    hits.push(RawHit {
                        entry: id,
                        range: s..e,
                    });
                }
            }
            for &id in anchors {
                if start_ok && end_ok {
                    if let Some(r) = self.run_pattern(id, text, norm.is_ascii(), s..e) {
                        hits.push(RawHit {
                            entry: id,
                            range: r,
                        });
                    }
                }
            }
        });
        keep_longest(hits, claimed, text.len());
        // A cue inside a chosen phrase is part of that phrase ("不会" in
        // "不会告诉你", "you" in "you won't believe"), not context for its neighbours.
        // A money word stays a money word, though: "lost" in "I lost $9,000".
        cues.retain_mut(|c| {
            let i = hits.partition_point(|h| h.range.end <= c.range.start);
            if hits.get(i).is_some_and(|h| h.range.start < c.range.end) {
                c.kinds &= cue::MONEY;
            }
            c.kinds != 0
        });
        cues.sort_unstable_by_key(|c| (c.range.start, c.range.end));
    }

    /// Checks boundaries (and inflection) for a literal hit; returns its end.
    fn accept_literal(&self, id: u32, text: &str, e: usize, start_ok: bool) -> Option<usize> {
        let t = self.traits[id as usize];
        let whole_word = t.has(EntryTraits::WHOLE_WORD);
        if whole_word && t.has(EntryTraits::WORD_START) && !start_ok {
            return None;
        }
        let mut end = e;
        if t.has(EntryTraits::INFLECT) {
            let rest = &text.as_bytes()[e..];
            let n = rest.iter().take_while(|b| b.is_ascii_alphabetic()).count();
            let suffix = &text[e..e + n];
            let last = text[..e].bytes().last().unwrap_or(b' ');
            if !suffix_allowed(suffix, t.has(EntryTraits::E_STEM), last) {
                return None;
            }
            end = e + n;
        }
        if whole_word && t.has(EntryTraits::WORD_END) && word_char_at(text, end) {
            return None;
        }
        Some(end)
    }

    fn case_ok(&self, id: u32, norm: &Normalized, original: &str, r: Range<usize>) -> bool {
        if !self.traits[id as usize].has(EntryTraits::CASE_SENSITIVE) {
            return true;
        }
        let entry = &self.entries[id as usize];
        let span = norm.original_span(r);
        let Some(orig) = original.get(span) else {
            return false;
        };
        orig.chars()
            .filter(|c| c.is_alphabetic())
            .eq(entry.phrase.chars().filter(|c| c.is_alphabetic()))
    }

    /// Runs a pattern entry in a window around its anchor; a match must contain
    /// the anchor. `ascii`: the text is ASCII.
    fn run_pattern(
        &self,
        id: u32,
        text: &str,
        ascii: bool,
        anchor: Range<usize>,
    ) -> Option<Range<usize>> {
        let entry = &self.entries[id as usize];
        let regex = entry.regex.as_ref()?;
        let mut from = anchor.start.saturating_sub(PATTERN_REACH);
        while !text.is_char_boundary(from) {
            from -= 1;
        }
        // A match contains the anchor, so starts in `from..=anchor.start`.
        if let Some(p) = &entry.prefixes {
            if !p.may_start(text.as_bytes(), from, anchor.start) {
                return None;
            }
        }
        let mut to = (anchor.end + PATTERN_REACH).min(text.len());
        while !text.is_char_boundary(to) {
            to += 1;
        }
        // Search the whole text up to `to`, starting at `from`: `^` still means
        // the start of the title and `\b` sees the text before the window.
        let hay = &text[..to];
        if let Some(shape) = &entry.listicle {
            // Anchored at the start of the title: one match at most, found
            // only when the window reaches back to it.
            if from != 0 {
                return None;
            }
            if ascii {
                let r = shape.find(hay.as_bytes())?;
                return (r.start <= anchor.start && r.end >= anchor.end).then_some(r);
            }
        }
        let mut at = from;
        while at <= hay.len() {
            let m = regex.find_at(hay, at)?;
            // A pattern may need the space around its words; the hit is the words.
            let t = m.as_str();
            let lead = t.len() - t.trim_start_matches(' ').len();
            let trail = t.len() - t.trim_end_matches(' ').len();
            let r = m.start() + lead..(m.end() - trail).max(m.start() + lead);
            if r.start <= anchor.start && r.end >= anchor.end {
                return Some(r);
            }
            if m.start() > anchor.start {
                return None;
            }
            // Step past the match (at least one char, for an empty match).
            at = if m.end() > at {
                m.end()
            } else {
                at + hay[at..].chars().next().map_or(1, char::len_utf8)
            };
        }
        None
    }
}

/// Up to this many hits, [`keep_longest`] compares them pairwise.
const FEW_HITS: usize = 16;

/// Resolves overlapping hits: the longest wins, then the earliest ("surprising
/// reason" over "the surprising"; for 亏麻了, 亏麻 over 麻了). `claimed` marks the
/// bytes already taken, so this stays linear in the total length of the hits.
/// Leaves the hits sorted by position.
fn keep_longest(hits: &mut Vec<RawHit>, claimed: &mut Vec<bool>, text_len: usize) {
    if hits.len() <= 1 {
        return;
    }
    hits.sort_unstable_by_key(|h| (std::cmp::Reverse(h.range.len()), h.range.start, h.entry));
    if hits.len() <= FEW_HITS {
        // A title's usual handful: comparing with the hits kept so far
        // costs less than clearing a byte per character of the title.
        let mut kept = 0;
        for i in 0..hits.len() {
            let r = &hits[i].range;
            let free = r.is_empty()
                || hits[..kept]
                    .iter()
                    .all(|k| k.range.end <= r.start || r.end <= k.range.start);
            if free {
                hits.swap(kept, i);
                kept += 1;
            }
        }
        hits.truncate(kept);
    } else {
        claimed.clear();
        claimed.resize(text_len, false);
        hits.retain(|h| {
            let span = &mut claimed[h.range.clone()];
            let free = !span.iter().any(|&c| c);
            if free {
                span.fill(true);
            }
            free
        });
    }
    hits.sort_unstable_by_key(|h| h.range.start);
}

/// Whether `s` has a run of three or more of the same letter (any case).
fn has_stretched_letters(s: &str) -> bool {
    let mut prev = None;
    let mut run = 0;
    for c in s.chars().flat_map(char::to_lowercase) {
        run = if Some(c) == prev { run + 1 } else { 1 };
        prev = Some(c);
        if run >= 3 && c.is_alphabetic() && !is_han(c) {
            return true;
        }
    }
    false
}

/// `loss` → `los`, `good` → `god`: the form a stretched spelling ("lossssss",
/// "gooooood") normalizes to. `None` when the phrase has no doubled letter.
/// Han characters are never folded (偷偷 stays), as normalization leaves them.
fn fold_doubles(phrase: &str) -> Option<String> {
    let mut out = String::with_capacity(phrase.len());
    let mut prev = None;
    let mut changed = false;
    for c in phrase.chars() {
        if Some(c) == prev && c.is_alphabetic() && !is_han(c) {
            changed = true;
            continue;
        }
        out.push(c);
        prev = Some(c);
    }
    changed.then_some(out)
}

/// English inflections accepted after an `inflect` phrase: crash → crashes,
/// crashed, crashing; plunge (stem "plung") → plunges, plunged, plunging;
/// drop → dropped, dropping.
fn suffix_allowed(suffix: &str, e_stem: bool, last: u8) -> bool {
    if e_stem {
        return matches!(suffix, "e" | "es" | "ed" | "ing" | "er" | "ers");
    }
    match suffix {
        "" | "s" | "es" | "ed" | "ing" | "er" | "ers" => true,
        _ => {
            let b = suffix.as_bytes();
            b.first() == Some(&last) && matches!(&suffix[1..], "ed" | "ing" | "er" | "ers")
        }
    }
}

fn word_char_before(text: &str, at: usize) -> bool {
    match text.as_bytes()[..at].last() {
        Some(&b) if b.is_ascii() => b.is_ascii_alphanumeric(),
        Some(_) => text[..at].chars().next_back().is_some_and(is_word_char),
        None => false,
    }
}

fn word_char_at(text: &str, at: usize) -> bool {
    match text.as_bytes().get(at) {
        Some(&b) if b.is_ascii() => b.is_ascii_alphanumeric(),
        Some(_) => text[at..].chars().next().is_some_and(is_word_char),
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inflection_suffixes() {
        assert!(suffix_allowed("", false, b'h'));
        assert!(suffix_allowed("es", false, b'h'));
        assert!(suffix_allowed("ped", false, b'p'));
        assert!(!suffix_allowed("ped", false, b'h'));
        assert!(suffix_allowed("ers", true, b'g'));
        assert!(suffix_allowed("ing", true, b'g'));
        assert!(!suffix_allowed("", true, b'g'));
        assert!(!suffix_allowed("ly", false, b'h'));
    }

    #[test]
    fn longest_hits_win_however_many() {
        // Random hit sets, small and large, against the rule itself: sorted
        // longest first, then earliest, a hit stays if no byte of it is
        // already taken.
        let mut rng = crate::test_rng::XorShift::new(0x9E37_79B9_7F4A_7C15);
        let mut next = |n: usize| rng.below(n);
        let mut claimed = Vec::new();
        for round in 0..5_000 {
            let n = if round % 4 == 0 {
                17 + next(20)
            } else {
                next(FEW_HITS + 1)
            };
            let mut hits: Vec<RawHit> = (0..n)
                .map(|_| {
                    let start = next(40);
                    RawHit {
                        entry: next(5) as u32,
                        range: start..start + next(8),
                    }
                })
                .collect();
            let mut want = hits.clone();
            want.sort_by_key(|h| (std::cmp::Reverse(h.range.len()), h.range.start, h.entry));
            let mut taken = [false; 64];
            want.retain(|h| {
                let free = !taken[h.range.clone()].contains(&true);
                if free {
                    taken[h.range.clone()].fill(true);
                }
                free
            });
            want.sort_by_key(|h| h.range.start);
            keep_longest(&mut hits, &mut claimed, 48);
            // In text order; empty hits may share a start with another.
            let key = |v: &[RawHit]| {
                assert!(v.windows(2).all(|w| w[0].range.start <= w[1].range.start));
                let mut k: Vec<_> = v
                    .iter()
                    .map(|h| (h.range.start, h.range.end, h.entry))
                    .collect();
                k.sort();
                k
            };
            assert_eq!(key(&hits), key(&want));
        }
    }

    #[test]
    fn stretched_runs() {
        assert!(has_stretched_letters("LOSSSS"));
        assert!(has_stretched_letters("sOoO"));
        assert!(!has_stretched_letters("l-o-s"));
        assert!(!has_stretched_letters("loss"));
        assert!(!has_stretched_letters("偷偷偷"));
    }

    #[test]
    fn listicle_entries_skip_the_regex_on_ascii_text_only() {
        let c = crate::Classifier::default_ref();
        let m = PhraseMatcher::build(c.lexicons(), &Weights::default()).unwrap();
        let shaped: Vec<u32> = (0..m.entries.len() as u32)
            .filter(|&id| m.entries[id as usize].listicle.is_some())
            .collect();
        // Every default listicle entry has the shape (en.toml has fourteen).
        assert!(shaped.len() >= 10, "{}", shaped.len());
        let things = shaped
            .iter()
            .copied()
            .find(|&id| m.entries[id as usize].phrase.ends_with(r"things\b"))
            .unwrap();
        let run = |text: &str, ascii| {
            let at = text.find("things").unwrap();
            m.run_pattern(things, text, ascii, at..at + "things".len())
        };
        let t = "17 things dealers hide";
        assert_eq!(run(t, true), Some(0..9));
        assert_eq!(run(t, false), Some(0..9), "the regex agrees");
        assert_eq!(run("17 very odd little secret things", true), None);
        // A non-ASCII title goes to the regex, whose \S takes any letter.
        assert_eq!(run("17 é things", false), Some(0.."17 é things".len()));
    }

    #[test]
    fn pattern_prefixes() {
        let p = Prefixes::of(r"^\d{1,3} (?:\S+ ){0,3}things\b").unwrap();
        assert!(p.at_start);
        assert!(p.may_start(b"10 things", 0, 3));
        assert!(!p.may_start(b"the things", 0, 4));
        assert!(!p.may_start(b"x 10 things", 1, 5), "not at the start");
        let p = Prefixes::of(r"(?-u:\b)which(?-u:\b).{1,60}(?-u:\b)are you(?-u:\b)").unwrap();
        assert!(!p.at_start);
        let t = b"which car are you";
        assert!(p.may_start(t, 0, 10));
        assert!(!p.may_start(t, 1, 10), "'which' starts before the window");
        assert!(!p.may_start(b"so are you", 0, 3));
        // Starts too varied to list: no gate.
        assert!(Prefixes::of(r"\w+ crash").is_none());
        assert!(Prefixes::of(r"(?:x)?crash").is_some());
    }

    #[test]
    fn doubles_fold() {
        assert_eq!(fold_doubles("偷偷"), None);
        assert_eq!(fold_doubles("loss").as_deref(), Some("los"));
        assert_eq!(fold_doubles("crash"), None);
        assert_eq!(fold_doubles("sell off").as_deref(), Some("sel of"));
    }
}
