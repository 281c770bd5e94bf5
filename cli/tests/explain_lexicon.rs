//! `clickbait explain` and `clickbait lexicon`.

mod common;

use common::{bin, test_model, write};
use predicates::prelude::*;

#[test]
fn explain_shows_hits_spans_score_and_sum() {
    let out = bin()
        .args([
            "explain",
            "Used car prices CRASH, dealers not losing money!!!",
        ])
        .env_remove("NO_COLOR")
        .assert()
        .success()
        .get_output()
        .clone();
    let text = String::from_utf8(out.stdout).unwrap();
    // Not a terminal: spans are bracketed, no ANSI escapes.
    assert!(!text.contains('\x1b'), "{text}");
    assert!(
        text.contains("[CRASH]") || text.contains("[prices CRASH]"),
        "{text}"
    );
    assert!(text.contains("score 0."), "{text}");
    assert!(text.contains("CLICKBAIT"), "{text}");
    assert!(text.contains("shouted"), "{text}");
    assert!(text.contains("negated"), "{text}");
    assert!(text.contains("exclamation"), "{text}");
    assert!(text.contains("bias") && text.contains("= +"), "{text}");
}

#[test]
fn explain_with_a_custom_lexicon_is_exact() {
    let dir = tempfile::tempdir().unwrap();
    bin()
        .args(["explain", "the alpha test"])
        .args(test_model(dir.path()))
        .assert()
        .success()
        .stdout(predicate::str::contains("the [alpha] test"))
        .stdout(predicate::str::contains("\"alpha\""))
        .stdout(predicate::str::contains("shock"))
        .stdout(predicate::str::contains("score 0.881"))
        .stdout(predicate::str::contains("-2.00 bias"))
        .stdout(predicate::str::contains("= +2.00"));
}

#[test]
fn explain_reads_stdin_lines() {
    let dir = tempfile::tempdir().unwrap();
    let out = bin()
        .arg("explain")
        .args(test_model(dir.path()))
        .write_stdin("\u{FEFF}beta one\r\n\ngamma two\n")
        .assert()
        .success()
        .get_output()
        .clone();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("[beta] one\n"), "{text}");
    assert!(text.contains("[gamma] two\n"), "{text}");
    assert_eq!(text.matches("\n  score ").count(), 2, "{text}");
}

#[test]
fn lexicon_lists_entries_with_filters_and_sources() {
    let dir = tempfile::tempdir().unwrap();
    let model = test_model(dir.path());
    let out = bin()
        .arg("lexicon")
        .args(&model)
        .args(["--category", "hype"])
        .assert()
        .success()
        .get_output()
        .clone();
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "phrase\tcategory\tweight\tlang\tsource");
    assert_eq!(lines.len(), 2, "{text}");
    let lex = dir.path().join("test.toml");
    assert_eq!(lines[1], format!("beta\thype\t2\ten\t{}:4", lex.display()));
    // Default lexicons, Chinese only.
    let out = bin()
        .args(["lexicon", "--lang", "zh"])
        .assert()
        .success()
        .get_output()
        .clone();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.lines().count() > 10);
    assert!(
        text.lines()
            .skip(1)
            .all(|l| l.split('\t').nth(3) == Some("zh")),
        "{text}"
    );
    bin()
        .args(["lexicon", "--category", "gossip"])
        .assert()
        .code(2);
}

#[test]
fn lexicon_check_lists_every_problem() {
    let dir = tempfile::tempdir().unwrap();
    let bad = write(
        dir.path(),
        "bad.toml",
        "entries = [\n  { phrase = \"\", category = \"loss\", weight = 1.0 },\n  { phrase = \"ok\", category = \"gossip\", weight = 1.0 },\n  { phrase = \"big\", category = \"hype\", weight = 9.0 },\n  { phrase = \"dup\", category = \"hype\", weight = 1.0 },\n  { phrase = \"DUP\", category = \"hype\", weight = 1.0 },\n]\n",
    );
    let good = write(dir.path(), "good.toml", common::TEST_LEXICON);
    let b = bad.display().to_string();
    let out = bin()
        .args(["lexicon", "check"])
        .arg(&good)
        .arg(&bad)
        .assert()
        .code(1)
        .stdout(format!("{}: 3 entries OK\n", good.display()))
        .get_output()
        .clone();
    let err = String::from_utf8(out.stderr).unwrap();
    let want = [
        format!("{b}:2: empty phrase"),
        format!("{b}:3: unknown category \"gossip\""),
        format!("{b}:4: weight 9 out of range"),
        format!("{b}:6: duplicate phrase \"dup\" (first on line 5)"),
    ];
    for w in &want {
        assert!(err.contains(w.as_str()), "missing {w:?} in\n{err}");
    }
    assert_eq!(err.lines().count(), 4, "{err}");
    bin()
        .args(["lexicon", "check"])
        .arg(&good)
        .assert()
        .success();
    bin()
        .args(["lexicon", "check", "/nonexistent/x.toml"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("/nonexistent/x.toml"));
}
