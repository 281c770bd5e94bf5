//! The public API as a published crate's user meets it (issue 18).

use clickbait::{Category, Classifier, EntryMatcher, Lexicon, Signal};

#[test]
fn word_boundary_forms_of_the_regex_crate_are_accepted() {
    // `\b{start}` / `\b{end}` used to be read as `\b` plus a quantifier.
    let c = Classifier::builder()
        .no_default_lexicons()
        .add_lexicon_str(
            "mine.toml",
            r#"entries = [
              { pattern = '\b{start}crash\b{end}', anchor = "crash", category = "collapse", weight = 3.0 },
              { pattern = '\<plunge\>', anchor = "plunge", category = "collapse", weight = 3.0 },
            ]"#,
        )
        .and_then(|b| b.build())
        .expect("valid regex syntax is accepted");
    assert!(c
        .score("Prices crash now")
        .hits
        .iter()
        .any(|h| h.phrase.contains("crash")));
    assert!(
        c.score("prices crashed").hits.is_empty(),
        "\\b{{end}} holds"
    );
    assert!(c.score("shares plunge").is_clickbait);
    // ASCII boundaries: a Han character next to the word is a boundary.
    assert!(!c.score("价格crash了").hits.is_empty());
}

#[test]
fn patterns_are_exposed_as_text() {
    let lex = Lexicon::parse(
        "x.toml",
        r#"entries = [ { pattern = '亏了\d+万', anchor = "亏了", category = "loss", weight = 1.5 } ]"#,
    )
    .unwrap();
    match lex.entries()[0].matcher() {
        EntryMatcher::Pattern { pattern, anchor } => {
            assert_eq!((pattern.as_str(), anchor.as_str()), (r"亏了\d+万", "亏了"));
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn category_and_signal_lists_are_slices() {
    let cats: &[Category] = Category::ALL;
    let sigs: &[Signal] = Signal::ALL;
    for (i, &c) in cats.iter().enumerate() {
        assert_eq!(c.index(), i);
        assert_eq!(c.as_str().parse::<Category>(), Ok(c));
    }
    for (i, &s) in sigs.iter().enumerate() {
        assert_eq!(s.index(), i);
    }
}

#[test]
fn the_default_lexicons_are_not_empty() {
    let d = Lexicon::defaults();
    assert_eq!(d.len(), 2);
    assert!(d.iter().all(|l| l.entries().len() > 100));
    assert!(clickbait::score("小米SU7二手价崩盘！车商亏麻了").is_clickbait);
}
