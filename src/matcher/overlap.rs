//! Overlap policy: of overlapping phrase hits, the longest wins, then the
//! earliest; hits of `overlap` entries stand aside from the contest.

use super::entry::EntryTraits;
use super::RawHit;

/// Up to this many hits, [`keep_longest`] compares them pairwise.
pub(super) const FEW_HITS: usize = 16;

/// Resolves overlapping hits: the longest wins, then the earliest ("surprising
/// reason" over "the surprising"; for 亏麻了, 亏麻 over 麻了). `claimed` marks the
/// bytes already taken, so this stays linear in the total length of the hits.
///
/// Hits of entries with [`EntryTraits::OVERLAP`] (mined n-grams) neither hide
/// nor are hidden: they are all kept, after the winners. Returns how many
/// winners lead `hits`; they are sorted by position, and when there are no
/// overlap hits so is all of `hits`.
pub(super) fn keep_longest(
    hits: &mut Vec<RawHit>,
    claimed: &mut Vec<bool>,
    text_len: usize,
    traits: &[EntryTraits],
) -> usize {
    let stands_aside = |h: &RawHit| {
        traits
            .get(h.entry as usize)
            .is_some_and(|t| t.has(EntryTraits::OVERLAP))
    };
    if hits.len() <= 1 {
        return hits.iter().filter(|h| !stands_aside(h)).count();
    }
    // The contest first, the overlap hits after it (in any order).
    let mut contest = 0;
    for i in 0..hits.len() {
        if !stands_aside(&hits[i]) {
            hits.swap(contest, i);
            contest += 1;
        }
    }
    hits[..contest]
        .sort_unstable_by_key(|h| (std::cmp::Reverse(h.range.len()), h.range.start, h.entry));
    let kept = if contest <= FEW_HITS {
        // A title's usual handful: comparing with the hits kept so far
        // costs less than clearing a byte per character of the title.
        let mut kept = 0;
        for i in 0..contest {
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
        kept
    } else {
        claimed.clear();
        claimed.resize(text_len, false);
        let mut kept = 0;
        for i in 0..contest {
            let span = &mut claimed[hits[i].range.clone()];
            if !span.iter().any(|&c| c) {
                span.fill(true);
                hits.swap(kept, i);
                kept += 1;
            }
        }
        kept
    };
    // Drop the losers, keeping the overlap hits that follow them.
    hits.drain(kept..contest);
    hits[..kept].sort_unstable_by_key(|h| h.range.start);
    kept
}
