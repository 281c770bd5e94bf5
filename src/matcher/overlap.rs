//! Overlap policy: of overlapping phrase hits, the longest wins, then the earliest.

use super::RawHit;

/// Up to this many hits, [`keep_longest`] compares them pairwise.
pub(super) const FEW_HITS: usize = 16;

/// Resolves overlapping hits: the longest wins, then the earliest ("surprising
/// reason" over "the surprising"; for 亏麻了, 亏麻 over 麻了). `claimed` marks the
/// bytes already taken, so this stays linear in the total length of the hits.
/// Leaves the hits sorted by position.
pub(super) fn keep_longest(hits: &mut Vec<RawHit>, claimed: &mut Vec<bool>, text_len: usize) {
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
