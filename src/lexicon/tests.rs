use super::pattern::pattern_for_matching;
use super::*;

fn problems(text: &str) -> Vec<String> {
    match Lexicon::parse("t.toml", text) {
        Ok(_) => vec![],
        Err(e) => e.problems().iter().map(|p| p.to_string()).collect(),
    }
}

#[test]
fn defaults_parse_cleanly() {
    for (name, text) in [
        ("en.toml", DEFAULT_LEXICON_EN),
        ("zh.toml", DEFAULT_LEXICON_ZH),
    ] {
        if let Err(e) = Lexicon::parse(name, text) {
            panic!("{e}");
        }
    }
}

#[test]
fn reports_every_problem_with_its_line() {
    let text = r#"entries = [
  { phrase = "", category = "loss", weight = 1.0 },
  { phrase = "ok", category = "gossip", weight = 1.0 },
  { phrase = "big", category = "hype", weight = 9.0 },
  { phrase = "dup", category = "hype", weight = 1.0 },
  { phrase = "DUP", category = "hype", weight = 1.0 },
  { phrase = "x", category = "hype", weight = nan },
  { pattern = "亏了\\d+万", category = "loss", weight = 1.0 },
  { pattern = "(", anchor = "a", category = "loss", weight = 1.0 },
  { category = "loss", weight = 1.0 },
  { phrase = "no weight", category = "loss" },
]"#;
    let p = problems(text);
    assert_eq!(p.len(), 9, "{p:#?}");
    assert_eq!(p[8], "t.toml:11: missing field `weight`");
    assert_eq!(p[0], "t.toml:2: empty phrase");
    assert!(p[1].starts_with("t.toml:3: unknown category \"gossip\""));
    assert_eq!(p[2], "t.toml:4: weight 9 out of range [-5, 5]");
    assert_eq!(p[3], "t.toml:6: duplicate phrase \"dup\" (first on line 5)");
    assert_eq!(p[4], "t.toml:7: weight must be a finite number");
    assert!(p[5].starts_with("t.toml:8: a `pattern` entry needs a non-empty `anchor`"));
    assert!(p[6].starts_with("t.toml:9: invalid pattern"));
    assert!(p[7].starts_with("t.toml:10: an entry needs exactly one"));
}

#[test]
fn duplicates_of_invalid_entries_and_foreign_anchors_are_reported() {
    let p = problems(
        "entries = [\n { phrase = \"bar\", category = \"hype\", weight = 9.0 },\n { phrase = \"Bar\", category = \"hype\", weight = 1.0 },\n { pattern = 'abc', anchor = \"x\", category = \"hype\", weight = 1.0 },\n]",
    );
    assert_eq!(p.len(), 3, "{p:?}");
    assert!(p[0].starts_with("t.toml:2: weight 9"), "{p:?}");
    assert_eq!(p[1], "t.toml:3: duplicate phrase \"bar\" (first on line 2)");
    assert!(
        p[2].starts_with("t.toml:4: `anchor` \"x\" must appear"),
        "{p:?}"
    );
}

#[test]
fn syntax_errors_name_the_line() {
    let p =
        problems("negators = [\"a\"]\nentries = [\n  { phrase = \"x\" category = \"loss\" },\n]");
    assert_eq!(p.len(), 1);
    assert!(p[0].starts_with("t.toml:3:"), "{p:?}");
    let p =
        problems("entries = [ { phrase = \"x\", category = \"loss\", weight = 1.0, colour = 1 } ]");
    assert!(p[0].contains("colour"), "{p:?}");
}

#[test]
fn junk_is_an_error_not_a_panic() {
    let junk: String = (0..200_000u32)
        .map(|i| char::from_u32(i % 0x2FFF + 1).unwrap_or('x'))
        .collect();
    assert!(!problems(&junk).is_empty());
}

#[test]
fn cues_are_normalized_and_checked() {
    let lex = Lexicon::parse("c.toml", "debunk = [\"闢謠\", \"Rumor\"]").unwrap();
    assert_eq!(lex.debunk_cues(), ["辟谣", "rumor"]);
    let p = problems("negators = [\"not\", \"NOT\", \" \"]");
    assert_eq!(p.len(), 2, "{p:?}");
}

#[test]
fn inflect_only_on_latin_literals() {
    let p = problems("entries = [ { phrase = \"崩盘\", category = \"collapse\", weight = 1.0, inflect = true } ]");
    assert_eq!(p.len(), 1);
    assert!(p[0].contains("inflect"));
}

#[test]
fn word_boundaries_become_ascii() {
    assert_eq!(pattern_for_matching(r"\blost\b"), r"(?-u:\b)lost(?-u:\b)");
    assert_eq!(pattern_for_matching(r"a\\b\B"), r"a\\b(?-u:\B)");
    // A pattern that does not parse is left for the regex crate to report.
    assert_eq!(pattern_for_matching(r"\d+万\"), r"\d+万\");
}

#[test]
fn digits_become_ascii_and_groups_stop_capturing() {
    assert_eq!(
        pattern_for_matching(r"亏了?\d+(\.\d+)?万"),
        r"亏了?[0-9]+(?:\.[0-9]+)?万"
    );
    assert_eq!(
        pattern_for_matching(r"lost \$[\d,.]+\D"),
        r"lost \$[0-9,.]+[^0-9]"
    );
    // Already non-capturing groups, escaped parentheses and named groups stay.
    assert_eq!(
        pattern_for_matching(r"(?:a|b)\(x\)(?P<n>c)"),
        r"(?:a|b)\(x\)(?P<n>c)"
    );
    // The rewrite matches the same text.
    for (pattern, text) in [
        (r"亏了?\d+(\.\d+)?万", "一年亏了20.5万"),
        (r"(跌|涨)(了)?\d+%", "暴跌了30%"),
    ] {
        let re = regex::Regex::new(&pattern_for_matching(pattern)).unwrap();
        let plain = regex::Regex::new(pattern).unwrap();
        assert_eq!(
            re.find(text).map(|m| m.range()),
            plain.find(text).map(|m| m.range())
        );
    }
}

#[test]
fn line_index() {
    let li = LineIndex::new("a\nbc\n\nd");
    assert_eq!(
        [0, 1, 2, 3, 4, 5, 6].map(|o| li.line(o)),
        [1, 1, 2, 2, 2, 3, 4]
    );
}

/// The embedded lexicons compile their patterns on first use; this is the
/// check that lets them: every one compiles.
#[test]
fn every_embedded_pattern_compiles() {
    let mut patterns = 0;
    for lex in Lexicon::defaults() {
        for e in lex.entries() {
            if let Some(regex) = &e.regex {
                assert!(
                    regex.get().is_some(),
                    "{}:{}: {}",
                    lex.name(),
                    e.line(),
                    regex.as_str()
                );
                patterns += 1;
            }
        }
    }
    assert!(patterns > 50, "{patterns} patterns");
}

#[test]
fn a_user_pattern_too_large_to_compile_is_reported_at_load() {
    let text = r#"entries = [ { pattern = '(?:\w{100}){100}x', anchor = "x", category = "hype", weight = 1.0 } ]"#;
    let err = Lexicon::parse("u.toml", text).unwrap_err().to_string();
    assert!(err.starts_with("u.toml:1: invalid pattern"), "{err}");
}

#[test]
fn overlap_entries_stand_beside_longer_hits_and_leave_cues_alone() {
    let lex = |overlap: bool| {
        let text = format!(
            r#"entries = [
  {{ phrase = "prices crash", category = "collapse", weight = 2.0 }},
  {{ phrase = "prices", category = "sober", weight = -0.5, overlap = {overlap} }},
  {{ phrase = "you", category = "curiosity", weight = 0.3, overlap = {overlap} }},
]"#
        );
        crate::Classifier::builder()
            .no_default_lexicons()
            .add_lexicon_str("t.toml", &text)
            .and_then(|b| b.build())
            .unwrap()
    };
    let phrases = |c: &crate::Classifier, t: &str| -> Vec<String> {
        c.score(t).hits.into_iter().map(|h| h.phrase).collect()
    };
    // Longest wins by default: "prices crash" hides "prices".
    assert_eq!(phrases(&lex(false), "Prices crash"), ["prices crash"]);
    // An overlap entry is counted beside it, and the verdict lists hits in order.
    let both = lex(true);
    assert_eq!(phrases(&both, "Prices crash"), ["prices", "prices crash"]);
    let v = both.score("Prices crash");
    assert!((v.logit - (v.bias + 2.0 - 0.5)).abs() < 1e-5, "{v:?}");
    // The second-person cue inside the overlap hit "you" still counts.
    let v = both.score("you will see");
    assert!(
        v.signals
            .iter()
            .any(|s| s.signal == crate::Signal::SecondPerson),
        "{v:?}"
    );
    assert_eq!(v.score, both.score_value("you will see"));
}
