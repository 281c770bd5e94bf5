//! A lexicon entry as the matcher keeps it: the few hot bytes every candidate
//! reads ([`EntryTraits`]) apart from what only explanations and pattern runs
//! need ([`CompiledEntry`]), and the prefix test that spares most pattern runs.

use super::listicle::ListicleShape;
use crate::lexicon::Category;

/// How far (bytes of normalized text) a pattern entry may reach from its anchor.
pub(crate) const PATTERN_REACH: usize = 48;

/// A compiled lexicon entry, with overrides and scales already applied: what
/// only explanations and pattern runs need. The hot fields are in
/// [`EntryTraits`].
#[derive(Debug)]
pub(crate) struct CompiledEntry {
    pub phrase: String,
    pub regex: Option<crate::lexicon::pattern::LazyRegex>,
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
    pub(super) flags: u8,
}

impl EntryTraits {
    pub(super) const INFLECT: u8 = 1;
    /// `inflect` phrase ending in "e": the automaton holds the stem without it.
    pub(super) const E_STEM: u8 = 2;
    pub(super) const WHOLE_WORD: u8 = 4;
    /// The phrase starts / ends with a word character, so needs a boundary
    /// there when whole-word.
    pub(super) const WORD_START: u8 = 8;
    pub(super) const WORD_END: u8 = 16;
    pub(super) const CASE_SENSITIVE: u8 = 32;
    /// Inflections include -er, -ers (explicit `inflect = true`).
    pub(super) const AGENT_NOUNS: u8 = 64;
    /// Hits stand beside overlapping ones (see [`super::overlap`]).
    pub(super) const OVERLAP: u8 = 128;

    pub(super) fn has(self, flag: u8) -> bool {
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
    pub(super) at_start: bool,
    /// The bytes a match can start with, as a bit set.
    pub(super) first: [u64; 4],
    /// Every match starts with one of these; empty when only first bytes
    /// are known.
    pub(super) literals: Vec<Vec<u8>>,
}

impl Prefixes {
    /// `None` when the pattern's starts are too varied to say anything.
    pub(super) fn of(pattern: &str) -> Option<Prefixes> {
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
    pub(super) fn may_start_at(&self, text: &[u8], at: usize) -> bool {
        let Some(&b) = text.get(at) else {
            return false;
        };
        self.first[usize::from(b >> 6)] & (1 << (b & 63)) != 0
            && (self.literals.is_empty() || self.literals.iter().any(|l| text[at..].starts_with(l)))
    }

    /// Whether a match could start in `text[from..=last]`.
    pub(super) fn may_start(&self, text: &[u8], from: usize, last: usize) -> bool {
        if self.at_start {
            return from == 0 && self.may_start_at(text, 0);
        }
        (from..=last).any(|at| self.may_start_at(text, at))
    }
}
