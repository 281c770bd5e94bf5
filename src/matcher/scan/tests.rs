use aho_corasick::nfa::contiguous;
use aho_corasick::MatchKind;

use super::automaton::*;
use super::dense::*;
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
