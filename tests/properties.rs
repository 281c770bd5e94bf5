//! Property tests over hostile Unicode input: scoring never panics, verdicts keep
//! their invariants (score in [0, 1], spans on char boundaries that slice back to
//! the phrase), scoring is deterministic, `score_value` agrees with `score`,
//! normalization is idempotent where it should be, and scoring stays linear in
//! the length of the title.
//!
//! The case counts are bounded so the whole file runs in seconds in debug builds.

use std::collections::HashMap;
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use clickbait::normalize::normalize;
use clickbait::EntryMatcher as Matcher;
use clickbait::{Classifier, Entry, Verdict};
use proptest::prelude::*;
use proptest::test_runner::Config as ProptestConfig;

// ---------------------------------------------------------------- helpers

/// Every entry of the default classifier by its `Hit::phrase`; later lexicons
/// override earlier ones, as in the classifier.
fn entries() -> &'static HashMap<String, &'static Entry> {
    static ENTRIES: OnceLock<HashMap<String, &'static Entry>> = OnceLock::new();
    ENTRIES.get_or_init(|| {
        let mut map = HashMap::new();
        for lex in Classifier::default_ref().lexicons() {
            for e in lex.entries() {
                map.insert(e.phrase().to_string(), e);
            }
        }
        map
    })
}

/// The literal phrases of the default lexicons, as written in the lexicon.
fn literal_phrases() -> Vec<String> {
    let mut v: Vec<String> = Classifier::default_ref()
        .lexicons()
        .iter()
        .flat_map(|l| l.entries())
        .filter(|e| matches!(e.matcher(), Matcher::Literal))
        .map(|e| e.phrase().to_string())
        .collect();
    v.sort();
    v
}

/// What a stretched spelling of `phrase` normalizes to: doubled letters folded
/// (loss → los), as the matcher's stretched-letter keys are built.
fn fold_doubles(phrase: &str) -> String {
    let mut out = String::with_capacity(phrase.len());
    let mut prev = None;
    for c in phrase.chars() {
        if Some(c) == prev && c.is_alphabetic() {
            continue;
        }
        out.push(c);
        prev = Some(c);
    }
    out
}

/// Checks every invariant of a verdict for `title`; panics with the title and the
/// offending hit on failure.
fn check_verdict(title: &str, v: &Verdict) {
    assert!(
        !v.score.is_nan() && (0.0..=1.0).contains(&v.score),
        "{title:?}: score {}",
        v.score
    );
    assert!(v.logit.is_finite(), "{title:?}: logit {}", v.logit);
    for h in &v.hits {
        let span = h.span.clone();
        assert!(span.start < span.end, "{title:?}: empty span in {h:?}");
        assert!(
            span.end <= title.len(),
            "{title:?}: span past the end in {h:?}"
        );
        assert!(
            title.is_char_boundary(span.start) && title.is_char_boundary(span.end),
            "{title:?}: span off char boundaries in {h:?}"
        );
        assert!(h.contribution.is_finite(), "{title:?}: {h:?}");
        let slice = &title[span];
        let norm = normalize(slice);
        let text = norm.as_str();
        let entry = entries()
            .get(&h.phrase)
            .unwrap_or_else(|| panic!("{title:?}: hit phrase {:?} is no entry", h.phrase));
        match entry.matcher() {
            Matcher::Pattern { pattern, .. } => assert!(
                // As the crate runs it: `\b` is an ASCII word boundary
                // ("you" before a combining mark still ends a word).
                regex::Regex::new(&pattern.replace(r"\b", r"(?-u:\b)"))
                    .unwrap()
                    .is_match(text),
                "{title:?}: pattern {:?} does not match {text:?} (slice {slice:?})",
                h.phrase
            ),
            _ => {
                // Case-sensitive entries keep the phrase as written: normalize it.
                let phrase = normalize(&h.phrase).as_str().to_string();
                let mut forms = vec![phrase.clone()];
                if entry.inflects() {
                    // crash → crashing; plunge → plunging (stem without its "e").
                    forms.push(phrase.strip_suffix('e').unwrap_or(&phrase).to_string());
                }
                if norm.had_stretched_letters() {
                    // lossssss → los: the stretched key folds doubled letters.
                    let folded: Vec<String> = forms.iter().map(|f| fold_doubles(f)).collect();
                    forms.extend(folded);
                }
                // The slice starts where the phrase starts, unless its first char
                // expands under NFKC into several (㍻ → 平成), in which case the
                // phrase may begin inside that expansion.
                let first = slice
                    .chars()
                    .next()
                    .map(|c| c.to_string())
                    .unwrap_or_default();
                let expands = normalize(&first).as_str().chars().count() > 1;
                let ok = forms.iter().any(|f| {
                    !f.is_empty()
                        && (text.starts_with(f.as_str()) || (expands && text.contains(f.as_str())))
                });
                assert!(
                    ok,
                    "{title:?}: hit {:?} slices to {slice:?}, which normalizes to {text:?}, not starting with any of {forms:?}",
                    h.phrase
                );
            }
        }
    }
}

/// Scores `title` and checks everything that must hold for any input.
fn check_title(title: &str) {
    let c = Classifier::default_ref();
    let v = c.score(title);
    check_verdict(title, &v);
    // Deterministic, also after the per-thread buffers served another title.
    let _ = c.score("二手車價格崩盤！Prices C-R-A-S-H 😱😱 \"slow sales\"");
    let again = c.score(title);
    assert_eq!(v, again, "{title:?}: scoring twice differs");
    assert_eq!(
        clickbait::score_value(title).to_bits(),
        clickbait::score(title).score.to_bits(),
        "{title:?}: score_value != score(..).score"
    );
    assert_eq!(
        c.score_value(title).to_bits(),
        v.score.to_bits(),
        "{title:?}"
    );
}

// ---------------------------------------------------------------- strategies

const SEPARATORS: &[&str] = &[
    " ", "  ", "-", ".", "_", "*", "/", "|", "~", "·", "•", "・", "－", "—", "～", "　", "\t", "\n",
];

const SPECIAL_CHARS: &[char] = &[
    '\0',
    '\u{1}',
    '\u{7}',
    '\u{8}',
    '\u{1B}',
    '\u{7F}',
    '\u{85}',
    '\u{9F}',
    '\u{AD}',
    '\u{300}',
    '\u{301}',
    '\u{308}',
    '\u{327}',
    '\u{34F}',
    '\u{361}',
    '\u{20DD}',
    '\u{200B}',
    '\u{200C}',
    '\u{200D}',
    '\u{200E}',
    '\u{200F}',
    '\u{202A}',
    '\u{202B}',
    '\u{202C}',
    '\u{202D}',
    '\u{202E}',
    '\u{2066}',
    '\u{2067}',
    '\u{2068}',
    '\u{2069}',
    '\u{061C}',
    '\u{2028}',
    '\u{2029}',
    '\u{3000}',
    '\u{D7FF}',
    '\u{E000}',
    '\u{F8FF}',
    '\u{FDD0}',
    '\u{FE0F}',
    '\u{FEFF}',
    '\u{FFFD}',
    '\u{FFFE}',
    '\u{FFFF}',
    '\u{10000}',
    '\u{E0001}',
    '\u{E0100}',
    '\u{10FFFF}',
    'İ',
    'ß',
    'ẞ',
    'Σ',
    'ς',
    'ﬁ',
    'ﬄ',
    'ǅ',
    '㍻',
    '㈱',
    '⑴',
    '⒜',
    '㎏',
    '½',
    '℃',
    '“',
    '”',
    '‘',
    '’',
    '"',
    '\'',
    '「',
    '」',
    '『',
    '』',
    '«',
    '»',
    '!',
    '！',
    '?',
    '？',
    '，',
    '。',
    '%',
    '$',
];

const FRAGMENTS: &[&str] = &[
    // Emoji, ZWJ sequences, flags, skin tones, keycaps.
    "👨\u{200D}👩\u{200D}👧\u{200D}👦",
    "🏳\u{FE0F}\u{200D}🌈",
    "👩🏽\u{200D}💻",
    "🇨🇳",
    "1\u{FE0F}\u{20E3}",
    "😱",
    "🔥🔥🔥",
    "⚠\u{FE0F}",
    "💸",
    // Right-to-left text and marks.
    "مرحبا بالعالم",
    "שלום",
    "\u{202E}hsarc\u{202C}",
    "\u{200F}خسارة\u{200F}",
    // Han, simplified and traditional, with evasions.
    "二手车",
    "二手車價格崩盤",
    "亏麻了",
    "虧麻了",
    "卖不动了",
    "賣不動",
    "亏 麻 了",
    "崩-盘",
    "速.看",
    "车商",
    "震惊",
    "亏了20万",
    "跌了8.5万",
    "打3折",
    "所有车主注意",
    "99%的人",
    "卖一台亏一台",
    "辟谣",
    "没有",
    "所谓",
    // Full-width and English evasions.
    "ＳＵ７",
    "ＣＲＡＳＨ",
    "C-R-A-S-H",
    "L O S I N G",
    "crashhhhh",
    "lossssss",
    "losinggg",
    "cr\u{200B}ash",
    "cafe\u{301}",
    "won\u{2019}t believe",
    "not",
    "never",
    "rumor",
    "really",
    "you",
    "lost $15,000",
    "10 things",
    "prices down 50%",
    "which car are you",
    "a b c",
    "s s s",
];

/// A lexicon phrase, possibly disguised the way clickbait writers do.
fn disguised_phrase() -> impl Strategy<Value = String> {
    (
        prop::sample::select(literal_phrases()),
        0..10u8,
        prop::sample::select(SEPARATORS),
        2..6usize,
    )
        .prop_map(|(p, how, sep, n)| match how {
            0 => p,
            1 => p.to_uppercase(),
            2 => p
                .chars()
                .map(|c| c.to_string())
                .collect::<Vec<_>>()
                .join(sep),
            3 => {
                let last = p.chars().last().unwrap_or('x');
                format!("{p}{}", last.to_string().repeat(n))
            }
            4 => format!("{p}{}", ["s", "es", "ed", "ing", "er", "ers", "ly"][n]),
            5 => p
                .chars()
                .map(|c| match c {
                    '!'..='~' => char::from_u32(c as u32 + 0xFEE0).unwrap_or(c),
                    ' ' => '\u{3000}',
                    c => c,
                })
                .collect(),
            6 => format!("\u{201C}{p}\u{201D}"),
            7 => format!("{} {p}", ["not", "never", "没有", "并未", "totally"][n % 5]),
            8 => p
                .chars()
                .map(|c| c.to_string())
                .collect::<Vec<_>>()
                .join("\u{200B}"),
            _ => format!("{p}{p}"),
        })
}

/// One char from the ranges that stress normalization.
fn interesting_char() -> impl Strategy<Value = char> {
    prop_oneof![
        4 => any::<char>(),
        3 => prop::sample::select(SPECIAL_CHARS),
        2 => (0x300u32..0x370).prop_map(|u| char::from_u32(u).unwrap_or('a')),
        2 => (0x4E00u32..0x9FFF).prop_map(|u| char::from_u32(u).unwrap_or('a')),
        1 => (0x3400u32..0x4DBF).prop_map(|u| char::from_u32(u).unwrap_or('a')),
        1 => (0xF900u32..0xFAFF).prop_map(|u| char::from_u32(u).unwrap_or('a')),
        2 => (0xFF01u32..0xFF5E).prop_map(|u| char::from_u32(u).unwrap_or('a')),
        1 => (0x0590u32..0x0700).prop_map(|u| char::from_u32(u).unwrap_or('a')),
        1 => (0u32..0x20).prop_map(|u| char::from_u32(u).unwrap_or('a')),
        1 => (0x1F300u32..0x1FAFF).prop_map(|u| char::from_u32(u).unwrap_or('a')),
        3 => prop::char::range('a', 'z'),
        1 => prop::char::range('A', 'Z'),
    ]
}

fn token() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => interesting_char().prop_map(String::from),
        2 => prop::collection::vec(interesting_char(), 1..8).prop_map(|v| v.into_iter().collect()),
        4 => disguised_phrase(),
        3 => prop::sample::select(FRAGMENTS).prop_map(str::to_string),
        3 => prop::sample::select(SEPARATORS).prop_map(str::to_string),
    ]
}

/// Titles made of hostile tokens.
fn title() -> impl Strategy<Value = String> {
    prop::collection::vec(token(), 0..24).prop_map(|v| v.concat())
}

/// Arbitrary Unicode strings, char by char.
fn any_unicode() -> impl Strategy<Value = String> {
    prop::collection::vec(interesting_char(), 0..64).prop_map(|v| v.into_iter().collect())
}

fn config(cases: u32) -> ProptestConfig {
    ProptestConfig {
        cases,
        // Regressions found are kept below as literal tests instead.
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

// ---------------------------------------------------------------- properties

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn arbitrary_unicode_scores_within_invariants(t in any_unicode()) {
        check_title(&t);
    }

    #[test]
    fn hostile_titles_score_within_invariants(t in title()) {
        check_title(&t);
    }

    #[test]
    fn normalized_spans_are_char_aligned(t in title()) {
        let n = normalize(&t);
        for (i, c) in n.as_str().char_indices() {
            let span = n.original_span(i..i + c.len_utf8());
            prop_assert!(span.end <= t.len(), "{:?}: {:?}", t, span);
            prop_assert!(t.is_char_boundary(span.start) && t.is_char_boundary(span.end), "{:?}: {:?}", t, span);
        }
    }
}

proptest! {
    #![proptest_config(config(24))]

    /// Huge repetitions of one token, with and without a tail.
    #[test]
    fn huge_repetitions_score_within_invariants(
        t in token(),
        n in 200..4000usize,
        tail in title(),
    ) {
        let title = format!("{}{tail}", t.repeat(n));
        check_title(&title);
    }
}

// ---------------------------------------------------------------- idempotence

proptest! {
    #![proptest_config(config(512))]

    /// normalize(normalize(t)) == normalize(t).
    #[test]
    fn normalization_is_idempotent(t in prop_oneof![title(), any_unicode()]) {
        let once = normalize(&t);
        let twice = normalize(once.as_str());
        prop_assert_eq!(once.as_str(), twice.as_str(), "input {:?}", t);
    }
}

#[test]
fn single_chars_normalize_idempotently() {
    // Every assigned-plane scalar value on its own (planes 4-13 hold nothing).
    let mut bad = Vec::new();
    let planes = (0..0x40000u32).chain(0xE0000..=0x10FFFF);
    for c in planes.filter_map(char::from_u32) {
        let s = c.to_string();
        let once = normalize(&s);
        if normalize(once.as_str()).as_str() != once.as_str() {
            bad.push(c);
        }
    }
    assert_eq!(
        bad,
        Vec::<char>::new(),
        "chars whose normalization is not idempotent"
    );
}

/// Found by `normalization_is_idempotent`: joining spaced letters made a run
/// of three ("s s s" → "sss") after the stretched-letter fold had run.
#[test]
fn spaced_letters_that_make_a_stretched_run_fold() {
    let once = normalize("s s s");
    assert_eq!(once.as_str(), "s");
    assert_eq!(normalize(once.as_str()).as_str(), "s");
}

/// Found by `normalization_is_idempotent`: İ lowercases to i + a combining dot,
/// which landed after marks already in canonical order.
#[test]
fn dotted_capital_i_stays_in_canonical_order() {
    let once = normalize("\u{130}\u{316}");
    assert_eq!(normalize(once.as_str()).as_str(), once.as_str());
}

/// Found by `single_chars_normalize_idempotently`: the t2s table chained
/// (薴 → 苧 → 苎).
#[test]
fn traditional_chains_resolve_in_one_step() {
    let once = normalize("薴");
    assert_eq!(normalize(once.as_str()).as_str(), once.as_str());
}

// ---------------------------------------------------------------- literal cases

#[test]
fn literal_hostile_titles() {
    let cases = [
        String::new(),
        "\0".to_string(),
        "\0\0\0crash\0\0".to_string(),
        "\u{D7FF}\u{E000}\u{FFFD}\u{10FFFF}".to_string(),
        "crash\u{10FFFF}".to_string(),
        "\u{202E}hsarc\u{202C} prices crash \u{200F}".to_string(),
        "👨\u{200D}👩\u{200D}👧\u{200D}👦 prices crash 👩🏽\u{200D}💻".to_string(),
        "ＰＲＩＣＥＳ　ＣＲＡＳＨ！！！".to_string(),
        "c\u{301}r\u{301}a\u{301}s\u{301}h\u{301}".to_string(),
        "\u{301}\u{301}\u{301}crash".to_string(),
        "İ\u{316}crash".to_string(),
        "㍻崩盘".to_string(),
        "二手車價格崩 - 盤".to_string(),
        "亏\u{200D}麻\u{200B}了".to_string(),
        "s s s crash s s s".to_string(),
        "c-r-a-s-h-i-n-g".to_string(),
        "crashhhhhhhhhhhhhhhhhhhhhhhhhhhing".to_string(),
        "lossssss lossssses".to_string(),
        "\"".repeat(1000) + "crash",
        "not ".repeat(1000) + "crash",
        "亏了".repeat(1000) + "20万",
        "lost $".repeat(500) + "15,000",
        "10 ".repeat(300) + "things",
        "which ".repeat(200) + "are you",
    ];
    for t in &cases {
        check_title(t);
    }
}

/// Minimal inputs found by `hostile_titles_score_within_invariants`: a spaced-out
/// or zero-width-split "los" is taken for a stretched "loss" when another word of
/// the title has stretched letters. "L.O.S. Angeles sooo good" scores a `loss`
/// hit on "L.O.S".
#[test]
fn regression_stretched_key_without_stretched_letters() {
    for t in [
        "l-o-s sooo",
        "l o s sooo",
        "lo\u{200B}s sooo",
        "L.O.S. Angeles sooo good",
        "l o s s没有 #1 mistake00sss",
        // Han doubles fold too (偷偷 → key 偷), though normalization never
        // stretches Han: a lone 偷 with a combining mark is taken for 偷偷.
        "偷\u{306} sooo",
        "偷偷偷偷偷\u{306}00sss",
    ] {
        let v = clickbait::score(t);
        // Real 偷偷 in "偷偷偷偷偷" may hit; a hit must cover its whole phrase.
        for h in v
            .hits
            .iter()
            .filter(|h| h.phrase == "loss" || h.phrase == "偷偷")
        {
            let slice = normalize(&t[h.span.clone()]);
            assert!(
                slice.as_str().starts_with(h.phrase.as_str()),
                "{t:?}: {h:?}"
            );
        }
    }
}

// ---------------------------------------------------------------- linear time

/// The fastest of three runs of scoring `title`.
fn min_time(title: &str) -> Duration {
    (0..3)
        .map(|_| {
            let t = Instant::now();
            std::hint::black_box(clickbait::score(std::hint::black_box(title)));
            t.elapsed()
        })
        .min()
        .unwrap_or_default()
}

/// `unit` repeated to (at least) `bytes` bytes.
fn repeat_to(unit: &str, bytes: usize) -> String {
    unit.repeat(bytes.div_ceil(unit.len()))
}

/// 10 KB vs 1 MB (and 100 KB vs 1 MB) titles of near-matches, min of 3 runs each.
///
/// Measured in debug builds: 10 KB → 1 MB is ~100× for Chinese but ~300-330×
/// for ASCII ("crashcrashcras "), because a 10 KB title stays in cache and in the
/// thread's kept buffers while anything over 64 KB (`SCRATCH_KEEP_BYTES`) is
/// scored in fresh buffers (8 bytes of offset map per byte of text); from 100 KB
/// up the growth is linear (100 KB → 1 MB ≈ 10×, 1 MB → 2 MB ≈ 2.4×). So the
/// 10 KB → 1 MB bound is 1000 (quadratic would be ~10,000×) and the 100 KB → 1 MB
/// bound, where both sizes take the same path, is 30 (linear ~10, quadratic ~100).
#[test]
fn scoring_time_is_linear_in_title_length() {
    // Kept to six shapes so the test stays within seconds in debug builds; the
    // pattern entries (regex windows around anchors) are exercised by the last.
    let units = [
        "crashcrashcras ",
        "亏麻亏麻亏",
        "not not not crash ",
        "\"crash\" \u{201C}崩盘\u{201D} '",
        "\"",
        "所有所有注意 亏了亏了1 lost lost $1 ",
    ];
    let mut report = Vec::new();
    for unit in units {
        let small = repeat_to(unit, 10_000);
        let medium = repeat_to(unit, 100_000);
        let big = repeat_to(unit, 1_000_000);
        // Warm up the classifier and the thread's buffers.
        clickbait::score(&small);
        let (ts, tm, tb) = (min_time(&small), min_time(&medium), min_time(&big));
        let ratio = tb.as_secs_f64() / ts.as_secs_f64().max(1e-9);
        let ratio_m = tb.as_secs_f64() / tm.as_secs_f64().max(1e-9);
        report.push(format!(
            "{unit:?}: 10 KB {ts:?}, 100 KB {tm:?}, 1 MB {tb:?} (x{ratio:.0} / x{ratio_m:.1})"
        ));
        assert!(
            ratio < 1000.0 && ratio_m < 30.0,
            "{unit:?}: not linear\n{}",
            report.join("\n")
        );
    }
    println!("{}", report.join("\n"));
}
