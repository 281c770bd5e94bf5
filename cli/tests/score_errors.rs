//! `clickbait score`: bad records become error records; bad setups exit 2.

mod common;

use common::{bin, json_lines, usage_error, write};
use predicates::prelude::*;

#[test]
fn invalid_utf8_on_line_3_is_an_error_record() {
    let dir = tempfile::tempdir().unwrap();
    let f = write(
        dir.path(),
        "in.txt",
        b"one\ntwo\nbad \xFF\xFE title\nfour\n",
    );
    let out = bin()
        .arg("score")
        .arg(&f)
        .assert()
        .code(1)
        .stderr(predicate::str::contains(format!(
            "{}:3: invalid UTF-8",
            f.display()
        )))
        .get_output()
        .clone();
    let v = json_lines(&out.stdout);
    assert_eq!(v.len(), 4);
    assert_eq!(v[2]["line"], 3);
    assert!(v[2]["error"].as_str().unwrap().contains("invalid UTF-8"));
    assert!(v[2].get("score").is_none());
    for i in [0, 1, 3] {
        assert!(
            v[i]["score"].is_number() && v[i].get("error").is_none(),
            "{}",
            v[i]
        );
    }
    assert_eq!(v[3]["title"], "four");
}

#[test]
fn invalid_utf8_in_tsv_and_csv_rows() {
    let dir = tempfile::tempdir().unwrap();
    for (name, sep) in [("in.tsv", b'\t'), ("in.csv", b',')] {
        let mut bytes = b"id_title\nA_ok\nB_\xC3(\n".to_vec();
        bytes
            .iter_mut()
            .filter(|b| **b == b'_')
            .for_each(|b| *b = sep);
        let f = write(dir.path(), name, bytes);
        let out = bin()
            .arg("score")
            .arg(&f)
            .arg("--column")
            .arg("title")
            .assert()
            .code(1)
            .get_output()
            .clone();
        let v = json_lines(&out.stdout);
        assert_eq!(v.len(), 2, "{name}");
        assert!(v[0]["score"].is_number(), "{name}");
        assert_eq!(v[1]["line"], 3, "{name}");
        assert_eq!(v[1]["id"], "B", "{name}");
    }
}

#[test]
fn malformed_and_non_object_json_lines() {
    let dir = tempfile::tempdir().unwrap();
    let f = write(
        dir.path(),
        "in.jsonl",
        "{\"title\":\"fine\"}\n{\"title\": oops\n\n[1,2]\n{\"title\":5}\n{\"headline\":\"x\"}\n{\"title\":\"last\"}\n",
    );
    let out = bin()
        .arg("score")
        .arg(&f)
        .assert()
        .code(1)
        .get_output()
        .clone();
    let v = json_lines(&out.stdout);
    assert_eq!(v.len(), 6, "blank line 3 is not a record");
    let lines: Vec<u64> = v[1..5]
        .iter()
        .map(|r| r["line"].as_u64().unwrap())
        .collect();
    assert_eq!(lines, [2, 4, 5, 6]);
    assert!(v[1]["error"]
        .as_str()
        .unwrap()
        .starts_with("malformed JSON"));
    assert!(v[2]["error"].as_str().unwrap().contains("not an object"));
    assert!(v[3]["error"].as_str().unwrap().contains("not a string"));
    assert_eq!(v[3]["title"], 5, "input fields are kept on error records");
    assert!(v[4]["error"]
        .as_str()
        .unwrap()
        .contains("missing field \"title\""));
    assert_eq!(v[5]["title"], "last");
    assert!(v[5]["score"].is_number());
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(err.lines().count(), 4, "{err}");
    assert!(err.contains(":2: malformed JSON"), "{err}");
}

#[test]
fn csv_row_with_a_missing_field() {
    let dir = tempfile::tempdir().unwrap();
    let f = write(
        dir.path(),
        "in.csv",
        "id,title,src\n1,\"quoted\nnewline\",a\n2,short\n3,fine,c\n",
    );
    let out = bin()
        .args(["score", "--format", "csv", "--errors-column"])
        .arg(&f)
        .assert()
        .code(1)
        .stderr(predicate::str::contains(":4: expected 3 fields, found 2"))
        .get_output()
        .clone();
    let mut r = csv::Reader::from_reader(&out.stdout[..]);
    let rows: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 3);
    assert_eq!(&rows[1][0], "2");
    assert_eq!(&rows[1][5], "expected 3 fields, found 2");
    assert_eq!(
        &rows[1][6], "4",
        "the record starts on line 4 after a quoted newline"
    );
    assert!(rows[2][3].parse::<f32>().is_ok());
}

#[test]
fn missing_title_column_is_one_usage_error_naming_the_columns() {
    let dir = tempfile::tempdir().unwrap();
    let f = write(dir.path(), "in.tsv", "id\theadline\n1\ta\n2\tb\n");
    let out = bin()
        .arg("score")
        .arg(&f)
        .assert()
        .code(2)
        .get_output()
        .clone();
    assert!(out.stdout.is_empty(), "nothing is scored");
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(err.lines().count(), 1, "one error, not one per row: {err}");
    assert!(
        err.contains("no column \"title\" in the header")
            && err.contains("\"id\", \"headline\"")
            && err.contains("--column"),
        "{err}"
    );
    // The same for the first JSONL record, and for CSV.
    let f = write(
        dir.path(),
        "in.jsonl",
        "{\"headline\":\"a\"}\n{\"title\":\"b\"}\n",
    );
    let needle = "no field \"title\" in the first record (line 1)";
    usage_error(&["score"], &f, needle);
    let f = write(dir.path(), "in.csv", "id,headline\n1,a\n");
    bin()
        .args(["score", "--column", "headline"])
        .arg(&f)
        .assert()
        .success();
}

#[test]
fn eval_and_fit_refuse_a_file_without_label_or_title_up_front() {
    let dir = tempfile::tempdir().unwrap();
    let f = write(dir.path(), "in.tsv", "lbl\ttitle\n1\ta\n0\tb\n");
    for cmd in ["eval", "fit"] {
        let mut c = bin();
        c.arg(cmd).arg(&f);
        if cmd == "fit" {
            c.arg("-o").arg(dir.path().join("m.toml"));
        }
        c.assert().code(2).stderr(predicate::str::contains(
            "no column \"label\" in the header; name the label column with --label-column NAME \
             (the columns are \"lbl\", \"title\")",
        ));
    }
    let f = write(dir.path(), "in.jsonl", "{\"label\":1,\"headline\":\"a\"}\n");
    usage_error(&["eval"], &f, "no field \"title\"");
}

#[test]
fn unreadable_input_exits_2_naming_the_file() {
    bin()
        .args(["score", "/nonexistent/titles.tsv"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("/nonexistent/titles.tsv"));
    let dir = tempfile::tempdir().unwrap();
    bin()
        .arg("score")
        .arg(dir.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains(dir.path().display().to_string()));
}

#[test]
fn usage_errors_exit_2() {
    bin().args(["score", "--threads", "0"]).assert().code(2);
    bin().args(["score", "--threshold", "1.5"]).assert().code(2);
    bin().args(["score", "--format", "xml"]).assert().code(2);
    bin().arg("frobnicate").assert().code(2);
}

#[test]
fn bad_lexicon_exits_2_with_every_problem_located() {
    let dir = tempfile::tempdir().unwrap();
    let lex = write(
        dir.path(),
        "bad.toml",
        "entries = [\n  { phrase = \"ok\", category = \"hype\", weight = 1.0 },\n  { phrase = \"x\", category = \"gossip\", weight = 1.0 },\n  { phrase = \"y\", category = \"hype\", weight = 50 },\n]\n",
    );
    let name = lex.display().to_string();
    bin()
        .args(["score", "--lexicon"])
        .arg(&lex)
        .write_stdin("title\n")
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains(format!(
            "{name}:3: unknown category \"gossip\""
        )))
        .stderr(predicate::str::contains(format!(
            "{name}:4: weight 50 out of range"
        )));
    bin()
        .args(["score", "--lexicon", "/nonexistent/lex.toml"])
        .write_stdin("title\n")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("/nonexistent/lex.toml"));
}

#[test]
fn bad_weights_file_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    let w = write(dir.path(), "w.toml", "bias = \"high\"\n");
    bin()
        .args(["score", "--weights"])
        .arg(&w)
        .write_stdin("title\n")
        .assert()
        .code(2)
        .stderr(predicate::str::contains(format!("{}:1", w.display())));
}
