use super::overlap::*;
use super::words::*;
use super::*;

#[test]
fn inflection_suffixes() {
    assert!(suffix_allowed("", false, b'h', false));
    assert!(suffix_allowed("es", false, b'h', false));
    assert!(suffix_allowed("ped", false, b'p', false));
    assert!(!suffix_allowed("ped", false, b'h', false));
    assert!(suffix_allowed("ers", true, b'g', true));
    assert!(!suffix_allowed("ers", true, b'g', false));
    assert!(!suffix_allowed("er", false, b'l', false)); // deal → dealer
    assert!(suffix_allowed("ner", false, b'n', true));
    assert!(suffix_allowed("ing", true, b'g', false));
    assert!(!suffix_allowed("", true, b'g', false));
    assert!(!suffix_allowed("ly", false, b'h', false));
}

#[test]
fn longest_hits_win_however_many() {
    // Random hit sets, small and large, against the rule itself: sorted
    // longest first, then earliest, a hit stays if no byte of it is
    // already taken. Entry 4 is an `overlap` entry: all its hits stay and
    // take no bytes.
    let traits: Vec<EntryTraits> = (0..5)
        .map(|e| EntryTraits {
            weight: 1.0,
            category: crate::lexicon::Category::Hype,
            flags: if e == 4 { EntryTraits::OVERLAP } else { 0 },
        })
        .collect();
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
            if h.entry == 4 {
                return true;
            }
            let free = !taken[h.range.clone()].contains(&true);
            if free {
                taken[h.range.clone()].fill(true);
            }
            free
        });
        want.sort_by_key(|h| h.range.start);
        let winners = keep_longest(&mut hits, &mut claimed, 48, &traits);
        assert_eq!(winners, want.iter().filter(|h| h.entry != 4).count());
        assert!(hits[..winners].iter().all(|h| h.entry != 4));
        assert!(hits[winners..].iter().all(|h| h.entry == 4));
        assert!(hits[..winners]
            .windows(2)
            .all(|w| w[0].range.start <= w[1].range.start));
        hits.sort_by_key(|h| h.range.start);
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
