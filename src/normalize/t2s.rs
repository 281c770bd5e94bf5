//! Traditional → simplified Chinese, character by character.
//!
//! The table is data (`lexicons/t2s.txt`), embedded and parsed once on first use.
//! Character-level conversion is enough for matching: lexicon phrases are written
//! in simplified characters, and every traditional form of them maps 1:1.

use once_cell::sync::Lazy;

static TABLE_TEXT: &str = include_str!("../../lexicons/t2s.txt");

/// Sorted by traditional code point, for binary search.
static TABLE: Lazy<Vec<(char, char)>> = Lazy::new(|| {
    let mut pairs: Vec<(char, char)> = TABLE_TEXT
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| {
            let mut it = l.split('\t');
            let t = single_char(it.next()?)?;
            let s = single_char(it.next()?)?;
            Some((t, s))
        })
        .collect();
    pairs.sort_unstable();
    pairs.dedup_by_key(|p| p.0);
    // A few simplified forms are themselves listed as traditional (薴 → 苧 → 苎):
    // follow the chain so that simplifying twice changes nothing.
    let lookup = |pairs: &[(char, char)], c: char| {
        pairs
            .binary_search_by_key(&c, |p| p.0)
            .map_or(c, |i| pairs[i].1)
    };
    for i in 0..pairs.len() {
        let mut s = pairs[i].1;
        for _ in 0..4 {
            let next = lookup(&pairs, s);
            if next == s {
                break;
            }
            s = next;
        }
        pairs[i].1 = s;
    }
    pairs
});

fn single_char(s: &str) -> Option<char> {
    let mut cs = s.trim().chars();
    let c = cs.next()?;
    cs.next().is_none().then_some(c)
}

/// One bit per Basic Multilingual Plane code point: set where the table has an
/// entry. Most characters of a Chinese title are simplified already, and this
/// answers "nothing to do" without a search.
static IN_TABLE: Lazy<Vec<u64>> = Lazy::new(|| {
    let mut bits = vec![0u64; 0x10000 / 64];
    for &(t, _) in TABLE.iter() {
        let u = t as usize;
        if u < 0x10000 {
            bits[u / 64] |= 1 << (u % 64);
        }
    }
    bits
});

/// The simplified form of `c`, or `c` itself when it has none.
pub(crate) fn simplify(c: char) -> char {
    let u = c as usize;
    // Everything the table holds lies at or above U+3400.
    if u < 0x3400 || (u < 0x10000 && IN_TABLE[u / 64] & (1 << (u % 64)) == 0) {
        return c;
    }
    match TABLE.binary_search_by_key(&c, |p| p.0) {
        Ok(i) => TABLE[i].1,
        Err(_) => c,
    }
}

/// Forces the table to be parsed now rather than on the first Chinese title.
pub(crate) fn warm_up() {
    Lazy::force(&IN_TABLE);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_common_traditional_characters() {
        for (t, s) in [
            ('盤', '盘'),
            ('虧', '亏'),
            ('賣', '卖'),
            ('車', '车'),
            ('驚', '惊'),
        ] {
            assert_eq!(simplify(t), s, "{t}");
        }
    }

    #[test]
    fn simplifying_twice_changes_nothing() {
        for &(_, s) in TABLE.iter() {
            assert_eq!(simplify(s), s, "{s}");
        }
    }

    #[test]
    fn leaves_simplified_and_latin_alone() {
        for c in ['盘', '亏', 'a', '！', '😱'] {
            assert_eq!(simplify(c), c);
        }
    }
}
