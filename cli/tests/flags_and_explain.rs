//! Issue 19: flags that mean one thing in every subcommand (4), `explain` as
//! data (5), `lexicon` showing what scores (6), and explain's columns in
//! display width (8).

mod common;

use common::{bin, json_lines, write};
use predicates::prelude::*;

#[test]
fn format_names_the_format_and_output_names_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let f = write(dir.path(), "in.txt", "Prices CRASH!!!\nfine\n");
    let to = dir.path().join("out.csv");
    bin()
        .args(["score", "--format", "csv", "-o"])
        .arg(&to)
        .arg(&f)
        .assert()
        .success()
        .stdout("");
    let text = std::fs::read_to_string(&to).unwrap();
    assert!(text.starts_with("title,score,is_clickbait\n"), "{text}");
    // The old spelling of --format still works, with a warning.
    bin()
        .args(["score", "--output", "tsv"])
        .arg(&f)
        .assert()
        .success()
        .stdout(predicate::str::starts_with("title\tscore\tis_clickbait\n"))
        .stderr(predicate::str::contains("use `--format tsv`"));
}

#[test]
fn shared_flags_are_accepted_where_they_mean_something_only() {
    bin()
        .args([
            "explain",
            "--threads",
            "2",
            "--threshold",
            "0.9",
            "Prices CRASH",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains("threshold 0.90"));
    // `lexicon` lists entries: a threshold means nothing there.
    bin()
        .args(["lexicon", "--threshold", "0.3"])
        .assert()
        .code(2);
    // eval/fit help does not promise a `lines` default they refuse.
    let help = bin().args(["eval", "--help"]).output().unwrap().stdout;
    let help = String::from_utf8(help).unwrap();
    assert!(help.contains("an error for eval and fit"), "{help}");
}

#[test]
fn explain_json_reads_files_and_stdin_with_column() {
    let dir = tempfile::tempdir().unwrap();
    let f = write(
        dir.path(),
        "in.tsv",
        "id\theadline\n1\tPrices CRASH!!!\n2\t\n3\t二手车崩盘\n",
    );
    let out = bin()
        .args(["explain", "--json", "--column", "headline", "-f"])
        .arg(&f)
        .assert()
        .success()
        .get_output()
        .clone();
    let rows = json_lines(&out.stdout);
    assert_eq!(rows.len(), 2, "the empty title is skipped");
    assert_eq!(rows[0]["title"], "Prices CRASH!!!");
    assert_eq!(rows[0]["threshold"], 0.5);
    let v = clickbait::score("二手车崩盘");
    assert_eq!(rows[1]["hits"], serde_json::to_value(&v.hits).unwrap());
    assert_eq!(rows[1]["score"], serde_json::to_value(&v).unwrap()["score"]);
    // stdin, JSONL; a missing title column is one usage error.
    bin()
        .args(["explain", "--json", "--input", "jsonl"])
        .write_stdin("{\"title\":\"Prices CRASH\"}\n")
        .assert()
        .success()
        .stdout(predicate::str::contains("\"phrase\":\"prices crash\""));
    bin()
        .args(["explain", "-f"])
        .arg(&f)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no column \"title\""));
}

#[test]
fn explain_columns_line_up_in_display_width() {
    let out = bin()
        .args(["explain", "小米SU7二手价崩盘！车商亏麻了 prices crash"])
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let cols: Vec<usize> = text
        .lines()
        .filter(|l| l.contains(" weight "))
        .map(|l| {
            let before = &l[..l.find(" weight ").unwrap()];
            unicode_width(before)
        })
        .collect();
    assert!(cols.len() >= 3, "{text}");
    assert!(cols.windows(2).all(|w| w[0] == w[1]), "{cols:?}\n{text}");
}

/// Terminal width: CJK ideographs and full-width forms take two columns.
fn unicode_width(s: &str) -> usize {
    s.chars()
        .map(|c| match c as u32 {
            0x3000..=0x9FFF | 0xFF00..=0xFF60 => 2,
            _ => 1,
        })
        .sum()
}

#[test]
fn lexicon_weights_shows_the_fitted_weights_and_their_lines() {
    let dir = tempfile::tempdir().unwrap();
    let w = write(
        dir.path(),
        "w.toml",
        "bias = -1.5\n[phrases]\n\"prices crash\" = 4.0\n\n[[entries]]\n\
         phrase = \"zorblax\"\ncategory = \"hype\"\nweight = 2.5\n",
    );
    let out = bin()
        .args(["lexicon", "--weights"])
        .arg(&w)
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let name = w.display().to_string();
    assert!(
        text.contains(&format!("prices crash\tcollapse\t4\ten\t{name}:3\n")),
        "{text}"
    );
    assert!(
        text.contains(&format!("zorblax\thype\t2.5\ten\t{name}:5\n")),
        "{text}"
    );
}

#[test]
fn lexicon_check_reports_unknown_fields_with_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let f = write(
        dir.path(),
        "bad.toml",
        "entries = [\n  { phrase = \"a\", categroy = \"loss\", weight = 1.0 },\n  \
         { phrase = \"b\", category = \"nope\", weight = 9.0 },\n]\n",
    );
    let out = bin().args(["lexicon", "check"]).arg(&f).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains(":2: unknown field `categroy`"), "{err}");
    assert!(err.contains(":3: unknown category \"nope\""), "{err}");
    assert!(err.contains(":3: weight 9 out of range"), "{err}");
}
