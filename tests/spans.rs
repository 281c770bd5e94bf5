//! Every hit's span slices the caller's original string, on char boundaries, to
//! text that normalizes to the phrase (or, for a pattern entry, that the pattern
//! matches).

use clickbait::normalize::normalize;
use clickbait::Classifier;

const TITLES: &[&str] = &[
    "二手車價格崩盤！車商虧麻了",
    "亏 麻 了！崩-盘！速.看",
    "ＳＵ７二手价暴跌😱😱",
    "Used EV prices C-R-A-S-H, dealers L O S I N G money",
    "prices crashhhh and dealers are losinggg",
    "\u{201C}Slow sales\u{201D} claims are dealer hype, Xiaomi says",
    "Dealers can\u{2019}t give them away",
    "cr\u{200B}ash in used car prices",
    "一年亏了20万，车商血亏",
    "I lost $15,000 on my EV",
    "  leading spaces then a bloodbath  ",
    "mixed 中文 and English: 崩盘 plus crash",
];

#[test]
fn spans_round_trip() {
    let c = Classifier::default_ref();
    let mut checked = 0;
    for &title in TITLES {
        let v = c.score(title);
        for h in &v.hits {
            assert!(
                title.is_char_boundary(h.span.start) && title.is_char_boundary(h.span.end),
                "{title:?} {h:?}"
            );
            assert!(h.span.start < h.span.end, "{title:?} {h:?}");
            let original = &title[h.span.clone()];
            let norm = normalize(original);
            let entry = c
                .lexicons()
                .iter()
                .flat_map(|l| l.entries())
                .find(|e| e.phrase() == h.phrase)
                .unwrap();
            let text = norm.as_str();
            match entry.matcher() {
                // The pattern matches the whole slice: nothing more, nothing less.
                clickbait::EntryMatcher::Pattern { pattern, .. } => {
                    let m = regex::Regex::new(pattern).unwrap().find(text);
                    assert!(
                        m.is_some_and(|m| m.start() == 0 && m.end() == text.len()),
                        "{title:?}: {original:?} normalizes to {text:?}, not wholly matched by {}",
                        h.phrase
                    )
                }
                _ => {
                    // Exactly the phrase; or the phrase with an English inflection
                    // ("crash" in "crashing"); or a stretched spelling of it.
                    let stem = h.phrase.strip_suffix('e').unwrap_or(&h.phrase);
                    let inflected = entry.inflects()
                        && text.starts_with(stem)
                        && text[stem.len()..].len() <= 4
                        && text[stem.len()..].bytes().all(|b| b.is_ascii_lowercase());
                    let stretched = fold(text) == fold(&h.phrase) && fold(original) != original;
                    assert!(
                        text == h.phrase || inflected || stretched,
                        "{title:?}: {original:?} normalizes to {text:?}, phrase {:?}",
                        h.phrase
                    );
                }
            }
            checked += 1;
        }
    }
    assert!(checked >= 15, "only {checked} hits checked");
}

fn fold(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if !out.ends_with(c) {
            out.push(c);
        }
    }
    out
}

#[test]
fn evasions_hit_the_plain_phrase() {
    let c = Classifier::default_ref();
    let pairs = [
        ("二手车价格崩盘", "二手車價格崩盤"),
        ("车商亏麻了", "车商亏 麻 了"),
        ("价格崩盘", "价格崩-盘"),
        ("prices crash", "prices c-r-a-s-h"),
        ("prices crash", "prices CRASHHHH"),
        ("dealers losing money", "dealers L O S I N G money"),
    ];
    for (plain, evasive) in pairs {
        let a: Vec<String> = c.score(plain).hits.into_iter().map(|h| h.phrase).collect();
        let b: Vec<String> = c
            .score(evasive)
            .hits
            .into_iter()
            .map(|h| h.phrase)
            .collect();
        assert!(!a.is_empty(), "{plain}");
        assert_eq!(a, b, "{plain} vs {evasive}");
    }
}
