//! `clickbait score`: every input format round-trips its columns, in order.

mod common;

use common::{bin, json_lines, score_rows, write};
use serde_json::{json, Value};

/// Drops the score fields, leaving what came from the input.
fn input_part(v: &Value) -> Value {
    let mut v = v.clone();
    let obj = v.as_object_mut().unwrap();
    let score = obj.remove("score").expect("score").as_f64().unwrap();
    assert!((0.0..=1.0).contains(&score));
    assert!(obj
        .remove("is_clickbait")
        .expect("is_clickbait")
        .is_boolean());
    v
}

#[test]
fn jsonl_keeps_every_field_in_order() {
    let dir = tempfile::tempdir().unwrap();
    let input = "{\"z\":1,\"title\":\"Prices CRASH!!!\",\"meta\":{\"a\":[1,2]},\"b\":null}\n\
                 {\"title\":\"Quarterly results\",\"id\":\"x\"}\n";
    let f = write(dir.path(), "in.jsonl", input);
    let out = bin()
        .arg("score")
        .arg(&f)
        .assert()
        .success()
        .get_output()
        .clone();
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 2);
    assert!(
        lines[0].starts_with(
            "{\"z\":1,\"title\":\"Prices CRASH!!!\",\"meta\":{\"a\":[1,2]},\"b\":null,\"score\":"
        ),
        "{}",
        lines[0]
    );
    let v = json_lines(text.as_bytes());
    assert_eq!(
        input_part(&v[1]),
        json!({"title": "Quarterly results", "id": "x"})
    );
    assert_eq!(v[0]["is_clickbait"], true);
}

#[test]
fn tsv_title_starting_with_a_quote_reaches_the_scorer_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let f = write(
        dir.path(),
        "in.tsv",
        "id\ttitle\tsource\n1\t\"Shocking\" she said, \"really\"\tx\n2\tplain 'news'\ty\n",
    );
    let out = bin()
        .args(["score", "--explain"])
        .arg(&f)
        .assert()
        .success()
        .get_output()
        .clone();
    let v = json_lines(&out.stdout);
    assert_eq!(v.len(), 2);
    assert_eq!(v[0]["id"], "1");
    assert_eq!(v[0]["title"], "\"Shocking\" she said, \"really\"");
    assert_eq!(v[0]["source"], "x");
    assert_eq!(v[1]["title"], "plain 'news'");
    // The scorer saw the quotes: the hit is inside them, with offsets into the title.
    let hit = &v[0]["hits"][0];
    assert_eq!(hit["start"], 1);
    assert_eq!(hit["end"], 9);
    assert!(hit["context"]
        .as_array()
        .unwrap()
        .contains(&json!("quoted")));
}

#[test]
fn csv_with_quoted_newline_and_commas() {
    let dir = tempfile::tempdir().unwrap();
    let f = write(
        dir.path(),
        "in.csv",
        "id,title,note\n1,\"Dealers, in shock:\nprices crash\",\"a \"\"q\"\"\"\n2,calm title,b\n",
    );
    let v = score_rows(&f, 0);
    assert_eq!(v.len(), 2);
    assert_eq!(
        input_part(&v[0]),
        json!({"id": "1", "title": "Dealers, in shock:\nprices crash", "note": "a \"q\""})
    );
    assert_eq!(
        input_part(&v[1]),
        json!({"id": "2", "title": "calm title", "note": "b"})
    );
}

#[test]
fn csv_output_round_trips_through_a_csv_reader() {
    let dir = tempfile::tempdir().unwrap();
    let f = write(
        dir.path(),
        "in.csv",
        "id,title\n1,\"multi\nline, title\"\n2,plain\n",
    );
    let out = bin()
        .args(["score", "--format", "csv"])
        .arg(&f)
        .assert()
        .success()
        .get_output()
        .clone();
    let mut r = csv::Reader::from_reader(&out.stdout[..]);
    let header: Vec<String> = r.headers().unwrap().iter().map(String::from).collect();
    // No empty `error`/`line` columns unless asked for (issue 19.8).
    assert_eq!(header, ["id", "title", "score", "is_clickbait"]);
    let rows: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 2);
    assert_eq!(&rows[0][1], "multi\nline, title");
    assert_eq!(&rows[1][0], "2");
    assert!(rows[1][2].parse::<f32>().is_ok());
}

#[test]
fn tsv_output_header_and_flattened_fields() {
    let dir = tempfile::tempdir().unwrap();
    let f = write(dir.path(), "in.csv", "id,title\n1,\"two\nlines\ttab\"\n");
    let out = bin()
        .args(["score", "--format", "tsv", "--errors-column"])
        .arg(&f)
        .assert()
        .success()
        .get_output()
        .clone();
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "id\ttitle\tscore\tis_clickbait\terror\tline");
    assert_eq!(lines.len(), 2);
    let cells: Vec<&str> = lines[1].split('\t').collect();
    assert_eq!(cells[..2], ["1", "two lines tab"]);
    assert_eq!(cells.len(), 6);
}

#[test]
fn lines_input_with_bom_crlf_and_empty_line() {
    let dir = tempfile::tempdir().unwrap();
    let f = write(
        dir.path(),
        "in.txt",
        "\u{FEFF}First title\r\n\r\nThird \"quoted\"\r\n",
    );
    let v = score_rows(&f, 0);
    let titles: Vec<&str> = v.iter().map(|r| r["title"].as_str().unwrap()).collect();
    assert_eq!(titles, ["First title", "", "Third \"quoted\""]);
    assert_eq!(input_part(&v[0]), json!({"title": "First title"}));
}

#[test]
fn bom_and_crlf_in_tsv_csv_and_jsonl() {
    let dir = tempfile::tempdir().unwrap();
    let cases = [
        ("a.tsv", "\u{FEFF}title\tid\r\nHello\t1\r\n"),
        ("a.csv", "\u{FEFF}title,id\r\nHello,1\r\n"),
        ("a.jsonl", "\u{FEFF}{\"title\":\"Hello\",\"id\":\"1\"}\r\n"),
    ];
    for (name, text) in cases {
        let f = write(dir.path(), name, text);
        let out = bin()
            .arg("score")
            .arg(&f)
            .assert()
            .success()
            .get_output()
            .clone();
        let v = json_lines(&out.stdout);
        assert_eq!(v.len(), 1, "{name}");
        assert_eq!(
            input_part(&v[0]),
            json!({"title": "Hello", "id": "1"}),
            "{name}"
        );
    }
}

#[test]
fn stdin_with_explicit_format_and_column() {
    let out = bin()
        .args(["score", "--input", "tsv", "--column", "headline", "-"])
        .write_stdin("headline\tid\n亏麻了！二手车卖不动了\t7\n")
        .assert()
        .success()
        .get_output()
        .clone();
    let v = json_lines(&out.stdout);
    assert_eq!(v[0]["headline"], "亏麻了！二手车卖不动了");
    assert_eq!(v[0]["id"], "7");
    assert_eq!(v[0]["is_clickbait"], true);
    // No FILE argument reads stdin as lines.
    let out = bin()
        .arg("score")
        .write_stdin("a\nb\n")
        .assert()
        .success()
        .get_output()
        .clone();
    assert_eq!(json_lines(&out.stdout).len(), 2);
}

#[test]
fn empty_and_header_only_inputs_give_empty_output() {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in [
        ("empty.txt", ""),
        ("empty.tsv", ""),
        ("header.tsv", "id\ttitle\n"),
        ("header.csv", "id,title\n"),
        ("empty.jsonl", ""),
    ] {
        let f = write(dir.path(), name, text);
        for fmt in ["jsonl", "csv", "tsv"] {
            bin()
                .args(["score", "--format", fmt])
                .arg(&f)
                .assert()
                .success()
                .stdout("")
                .stderr("");
        }
    }
    bin()
        .arg("score")
        .write_stdin("")
        .assert()
        .success()
        .stdout("");
}

#[test]
fn jsonl_to_csv_uses_the_first_objects_fields() {
    let out = bin()
        .args(["score", "--input", "jsonl", "--format", "csv"])
        .write_stdin("{\"title\":\"a\",\"n\":3,\"tags\":[\"x\"]}\n{\"n\":4,\"title\":\"b\"}\n")
        .assert()
        .success()
        .get_output()
        .clone();
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "title,n,tags,score,is_clickbait");
    assert!(lines[1].starts_with("a,3,\"[\"\"x\"\"]\","), "{}", lines[1]);
    assert!(lines[2].starts_with("b,4,,"), "{}", lines[2]);
}
