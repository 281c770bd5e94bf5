//! One aho-corasick pass over normalized text finds every lexicon phrase, every
//! context cue and every anchor of a pattern entry; this module then checks word
//! boundaries and inflections and runs pattern entries around their anchors.

pub(crate) mod cues;
mod entry;
mod listicle;
mod overlap;
mod scan;
#[cfg(test)]
mod tests;
mod words;

use std::collections::HashMap;
use std::ops::Range;

pub(crate) use self::cues::{cue, Cue};
use self::cues::{ALARM_EMOJI, MONEY_CUES, SECOND_PERSON};
use self::entry::Prefixes;
pub(crate) use self::entry::{CompiledEntry, EntryTraits, PATTERN_REACH};
use self::listicle::ListicleShape;
use self::overlap::keep_longest;
pub(crate) use self::scan::Events;
use self::scan::{Keys, Scanner, GUARD_END, GUARD_START};
use self::words::{
    fold_doubles, has_stretched_letters, suffix_allowed, word_char_at, word_char_before,
};
use crate::error::{AutomatonError, Error};
use crate::lexicon::{edge_word_chars, EntryMatcher, Lexicon};
use crate::normalize::Normalized;
use crate::score::weights::Weights;

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
                        | flag(e.case_sensitive, EntryTraits::CASE_SENSITIVE)
                        | flag(e.agent_nouns, EntryTraits::AGENT_NOUNS)
                        | flag(e.overlap, EntryTraits::OVERLAP),
                };
                let listicle = match &e.matcher {
                    EntryMatcher::Pattern { pattern, .. } => ListicleShape::of(pattern),
                    _ => None,
                };
                let compiled = CompiledEntry {
                    phrase: e.phrase.clone(),
                    regex: e.regex.clone(),
                    // A listicle's gate is its `^` (see `run_pattern`); its
                    // Unicode `\d` made the first-byte extraction a sixth of
                    // the whole build.
                    prefixes: match &e.regex {
                        Some(regex) if listicle.is_none() => Prefixes::of(regex.as_str()),
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
            (MONEY_CUES, cue::MONEY),
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
        let scanner = Scanner::build(&keys, &rare, &guards)
            .map_err(|e| Error::Automaton(AutomatonError::build(e)))?;
        let mut uses = Vec::new();
        let mut packed = Vec::with_capacity(metas.len());
        for mut m in metas {
            m.literals
                .sort_by_key(|&id| !traits[id as usize].has(EntryTraits::CASE_SENSITIVE));
            let count = |v: &Vec<u32>| {
                u16::try_from(v.len()).map_err(|_| Error::Automaton(AutomatonError::shared_key()))
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

    /// Finds phrases and cues in `norm`, appending to `hits` and `cues`: cues
    /// and the hits that won the overlap contest in text order, then the hits
    /// of `overlap` entries in no particular order.
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
        let competing = keep_longest(hits, claimed, text.len(), &self.traits);
        // A cue inside a chosen phrase is part of that phrase ("不会" in
        // "不会告诉你", "you" in "you won't believe"), not context for its neighbours.
        // A money word stays a money word, though: "lost" in "I lost $9,000".
        // Overlapping entries (fitted n-grams) leave cues alone.
        let chosen = &hits[..competing];
        cues.retain_mut(|c| {
            let i = chosen.partition_point(|h| h.range.end <= c.range.start);
            if chosen.get(i).is_some_and(|h| h.range.start < c.range.end) {
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
            let agent = t.has(EntryTraits::AGENT_NOUNS);
            if !suffix_allowed(suffix, t.has(EntryTraits::E_STEM), last, agent) {
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
        let regex = entry.regex.as_ref()?.get()?;
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
