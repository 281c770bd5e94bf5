//! `clickbait score`: one output record per input record, nothing lost
//! silently — thread limits, JSONL fields without a CSV/TSV column, input
//! names that clash with the added ones, and blank lines.

mod common;

use common::{bin, json_lines, write};
use predicates::prelude::*;
use serde_json::Value;

/// The added names an input may not use.
const RESERVED: [&str; 6] = ["score", "is_clickbait", "hits", "signals", "error", "line"];

/// Parses CSV output into rows of cells (header first).
fn csv_rows(out: &[u8]) -> Vec<Vec<String>> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(out)
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect()
}

#[test]
fn threads_zero_and_beyond_65535_are_usage_errors() {
    for n in ["0", "65536", "100000"] {
        bin()
            .args(["score", "--threads", n])
            .write_stdin("a title\n")
            .assert()
            .code(2)
            .stdout("")
            .stderr(predicate::str::contains("1..=65535"));
    }
}

#[test]
fn jsonl_field_missing_from_the_first_record_is_an_error_record_in_csv_and_tsv() {
    let input = "{\"title\":\"a\",\"x\":1}\n\
                 {\"x\":2,\"title\":\"b\"}\n\
                 {\"title\":\"c\"}\n\
                 {\"title\":\"d\",\"y\":\"kept?\"}\n\
                 {\"title\":\"e\",\"y\":1,\"z\":2}\n";
    let msg_y = "field \"y\" is not among the columns taken from the first record (line 1); \
                 use --format jsonl to keep every field";
    let out = bin()
        .args([
            "score",
            "--input",
            "jsonl",
            "--format",
            "csv",
            "--errors-column",
        ])
        .write_stdin(input)
        .assert()
        .code(1)
        .stderr(predicate::str::contains(format!("<stdin>:4: {msg_y}")))
        .stderr(predicate::str::contains(
            "<stdin>:5: fields \"y\", \"z\" are not among",
        ))
        .get_output()
        .clone();
    let rows = csv_rows(&out.stdout);
    assert_eq!(rows.len(), 6, "one row per record plus the header");
    assert_eq!(
        rows[0],
        ["title", "x", "score", "is_clickbait", "error", "line"]
    );
    // Same fields in another order, and a subset: scored, missing cells empty.
    assert_eq!(rows[2][..2], ["b", "2"]);
    assert_eq!(rows[3][..2], ["c", ""]);
    for row in &rows[1..4] {
        assert!(!row[2].is_empty() && row[4].is_empty(), "{row:?}");
    }
    // A field with no column: an error record with its line, not a lost field.
    assert_eq!(rows[4], ["d", "", "", "", msg_y, "4"]);
    assert_eq!(rows[5][5], "5");
    assert!(rows[5][2].is_empty());

    let out = bin()
        .args([
            "score",
            "--input",
            "jsonl",
            "--format",
            "tsv",
            "--errors-column",
        ])
        .write_stdin(input)
        .assert()
        .code(1)
        .get_output()
        .clone();
    let text = String::from_utf8(out.stdout).unwrap();
    let rows: Vec<Vec<&str>> = text.lines().map(|l| l.split('\t').collect()).collect();
    assert_eq!(rows[4], ["d", "", "", "", msg_y, "4"]);

    // JSONL output keeps every field: no error.
    let out = bin()
        .args(["score", "--input", "jsonl"])
        .write_stdin(input)
        .assert()
        .success()
        .get_output()
        .clone();
    let v = json_lines(&out.stdout);
    assert_eq!(v[3]["y"], "kept?");
    assert_eq!(v[4]["z"], 2);
}

#[test]
fn tsv_and_csv_header_clashing_with_an_added_name_exits_2_before_scoring() {
    let dir = tempfile::tempdir().unwrap();
    for name in RESERVED {
        for (file, text) in [
            ("in.tsv", format!("id\t{name}\ttitle\n1\tx\tBig news\n")),
            ("in.csv", format!("id,{name},title\n1,x,Big news\n")),
        ] {
            let f = write(dir.path(), file, text);
            for output in ["jsonl", "csv", "tsv"] {
                bin()
                    .args(["score", "--format", output])
                    .arg(&f)
                    .assert()
                    .code(2)
                    .stdout("")
                    .stderr(predicate::str::contains(format!(
                        "in.{}: header column \"{name}\" clashes with an output field \
                         of clickbait score",
                        &file[3..]
                    )))
                    .stderr(predicate::str::contains("rename it"));
            }
        }
    }
    let f = write(dir.path(), "two.tsv", "score\ttitle\tline\nx\ty\tz\n");
    bin()
        .arg("score")
        .arg(&f)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "header columns \"score\", \"line\" clash",
        ));
}

#[test]
fn jsonl_field_clashing_with_an_added_name_is_an_error_record() {
    for name in RESERVED {
        let input = format!(
            "{{\"title\":\"first\",\"id\":1}}\n\
             {{\"title\":\"second\",\"id\":2,\"{name}\":\"mine\"}}\n\
             {{\"title\":\"third\",\"id\":3}}\n"
        );
        let msg = format!(
            "input field \"{name}\" clashes with an output field of clickbait score; rename it"
        );
        let out = bin()
            .args(["score", "--input", "jsonl", "--explain"])
            .write_stdin(input.clone())
            .assert()
            .code(1)
            .stderr(predicate::str::contains(format!("<stdin>:2: {msg}")))
            .get_output()
            .clone();
        let v = json_lines(&out.stdout);
        assert_eq!(v.len(), 3);
        assert!(v[0]["score"].is_number() && v[2]["score"].is_number());
        // The error record: the other fields, then error and line; no key twice.
        let keys: Vec<&str> = v[1]
            .as_object()
            .unwrap()
            .keys()
            .map(|k| k.as_str())
            .collect();
        assert_eq!(keys, ["title", "id", "error", "line"], "{name}");
        assert_eq!(v[1]["error"], Value::from(msg.clone()));
        assert_eq!(v[1]["line"], 2);
        let raw = String::from_utf8(out.stdout.clone()).unwrap();
        let line2 = raw.lines().nth(1).unwrap();
        let want = usize::from(name == "error" || name == "line");
        assert_eq!(
            line2.matches(&format!("\"{name}\":")).count(),
            want,
            "{line2}"
        );

        // CSV output: the header has each name once.
        let out = bin()
            .args([
                "score",
                "--input",
                "jsonl",
                "--format",
                "csv",
                "--errors-column",
            ])
            .write_stdin(input)
            .assert()
            .code(1)
            .get_output()
            .clone();
        let rows = csv_rows(&out.stdout);
        assert_eq!(
            rows[0],
            ["title", "id", "score", "is_clickbait", "error", "line"]
        );
        assert_eq!(rows[2], ["second", "2", "", "", msg.as_str(), "2"]);
    }
    // A clash in the first object: its reserved field gets no column either.
    let out = bin()
        .args([
            "score",
            "--input",
            "jsonl",
            "--format",
            "csv",
            "--errors-column",
        ])
        .write_stdin("{\"score\":9,\"error\":\"e\",\"title\":\"t\"}\n{\"title\":\"u\"}\n")
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "<stdin>:1: input fields \"score\", \"error\" clash with output fields",
        ))
        .get_output()
        .clone();
    let rows = csv_rows(&out.stdout);
    assert_eq!(rows[0], ["title", "score", "is_clickbait", "error", "line"]);
    assert_eq!(rows[1][4], "1");
    assert!(!rows[2][1].is_empty());
}

#[test]
fn blank_lines_are_skipped_except_in_lines_input_and_still_counted() {
    let dir = tempfile::tempdir().unwrap();
    // The bad record sits on line 5 in every file, after blank lines.
    let cases = [
        ("a.tsv", &b"id\ttitle\n\n1\tok\n\n2\t\xff\n"[..]),
        ("a.csv", &b"id,title\r\n\r\n1,ok\r\n\r\n2,\xff\r\n"[..]),
        (
            "a.jsonl",
            &b"{\"title\":\"ok\"}\n  \n\n\t\n{\"title\":3}\n"[..],
        ),
    ];
    for (name, bytes) in cases {
        let f = write(dir.path(), name, bytes);
        let out = bin()
            .arg("score")
            .arg(&f)
            .assert()
            .code(1)
            .stderr(predicate::str::contains(format!("{name}:5: ")))
            .get_output()
            .clone();
        let v = json_lines(&out.stdout);
        assert_eq!(v.len(), 2, "{name}: blank lines are not records");
        assert_eq!(v[1]["line"], 5, "{name}");
    }
    // `lines`: an empty line is a record with an empty title.
    let f = write(dir.path(), "a.txt", b"first\n\n\xff\n");
    let out = bin()
        .arg("score")
        .arg(&f)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("a.txt:3: invalid UTF-8"))
        .get_output()
        .clone();
    let v = json_lines(&out.stdout);
    assert_eq!(v.len(), 3);
    assert_eq!(v[1]["title"], "");
    assert!(v[1]["score"].is_number());
}

#[test]
fn help_documents_reserved_names_blank_lines_and_threads() {
    bin()
        .args(["score", "--help"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "Reserved names: `score`, `is_clickbait`, `hits`, `signals`, `error` and `line`",
        ))
        .stdout(predicate::str::contains(
            "use --format jsonl to keep every field",
        ))
        .stdout(predicate::str::contains(
            "in `lines` input an empty line is a record with an empty title",
        ))
        .stdout(predicate::str::contains("Worker threads, 1 to 65535"));
}

#[test]
fn repeated_header_names_exit_2_before_scoring() {
    let dir = tempfile::tempdir().unwrap();
    for (file, text) in [
        ("dup.tsv", "id\ttitle\tid\n1\tBig news\t2\n"),
        ("dup.csv", "id,title,id\n1,Big news,2\n"),
    ] {
        let f = write(dir.path(), file, text);
        bin()
            .arg("score")
            .arg(&f)
            .assert()
            .code(2)
            .stdout("")
            .stderr(predicate::str::contains(format!(
                "{file}: header names \"id\" more than once"
            )));
    }
}
