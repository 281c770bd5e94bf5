//! `clickbait eval` against a labelled file whose metrics are worked out by hand.

mod common;

use common::{bin, test_model, write, LABELLED};
use predicates::prelude::*;
use serde_json::{json, Value};

fn close(v: &Value, want: f64) {
    let got = v.as_f64().unwrap_or_else(|| panic!("{v} is not a number"));
    assert!((got - want).abs() < 1e-4, "{got} != {want}");
}

#[test]
fn json_metrics_match_the_hand_computed_ones() {
    let dir = tempfile::tempdir().unwrap();
    let f = write(dir.path(), "labelled.tsv", LABELLED);
    let out = bin()
        .arg("eval")
        .arg(&f)
        .arg("--json")
        .args(test_model(dir.path()))
        .assert()
        .code(1)
        .stderr(predicate::str::contains(format!(
            "{}:9: bad label \"maybe\"",
            f.display()
        )))
        .get_output()
        .clone();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let o = &v["overall"];
    assert_eq!(
        [&o["n"], &o["tp"], &o["fp"], &o["tn"], &o["fn"]],
        [&json!(7), &json!(2), &json!(1), &json!(3), &json!(1)]
    );
    close(&o["precision"], 2.0 / 3.0);
    close(&o["recall"], 2.0 / 3.0);
    close(&o["f1"], 2.0 / 3.0);
    close(&o["accuracy"], 5.0 / 7.0);
    close(&o["roc_auc"], 8.5 / 12.0);

    let en = &v["by_lang"]["en"];
    assert_eq!(
        [&en["tp"], &en["fp"], &en["tn"], &en["fn"]],
        [&json!(2), &json!(1), &json!(1), &json!(0)]
    );
    close(&en["precision"], 2.0 / 3.0);
    close(&en["recall"], 1.0);
    close(&en["f1"], 0.8);
    close(&en["accuracy"], 0.75);
    close(&en["roc_auc"], 0.875);

    let zh = &v["by_lang"]["zh"];
    assert_eq!(zh["n"], 3);
    assert!(zh["precision"].is_null());
    close(&zh["recall"], 0.0);
    assert!(zh["f1"].is_null());
    close(&zh["accuracy"], 2.0 / 3.0);
    close(&zh["roc_auc"], 0.5);
}

#[test]
fn text_report_lists_matrix_worst_examples_and_fp_phrases() {
    let dir = tempfile::tempdir().unwrap();
    let f = write(dir.path(), "labelled.tsv", LABELLED);
    let out = bin()
        .arg("eval")
        .arg(&f)
        .arg("--fp-phrases")
        .args(test_model(dir.path()))
        .assert()
        .code(1)
        .get_output()
        .clone();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("7 rows scored, 1 errors"), "{text}");
    assert!(text.contains("0.6667"), "{text}");
    assert!(text.contains("0.7083"), "{text}");
    assert!(
        text.contains("  actual 1            2            1"),
        "{text}"
    );
    assert!(
        text.contains("  actual 0            1            3"),
        "{text}"
    );
    // The one false positive, with its hit; the one false negative.
    assert!(text.contains("0.500  line 6      [beta] again"), "{text}");
    assert!(text.contains("hits: beta (hype +2.00)"), "{text}");
    assert!(text.contains("0.119  line 4      plain words"), "{text}");
    // Negatives: beta and gamma fire on one of four each.
    let beta = text
        .lines()
        .find(|l| l.trim_start().starts_with("beta "))
        .unwrap();
    assert!(beta.contains("hype") && beta.contains("25.00%"), "{beta}");
}

#[test]
fn fp_phrases_in_json_and_jsonl_input_labels() {
    let dir = tempfile::tempdir().unwrap();
    let f = write(
        dir.path(),
        "l.jsonl",
        "{\"label\":1,\"title\":\"alpha\"}\n{\"label\":false,\"title\":\"beta b\"}\n{\"label\":\"0\",\"title\":\"none\"}\n",
    );
    let out = bin()
        .arg("eval")
        .arg(&f)
        .args(["--json", "--false-positive-report"])
        .args(test_model(dir.path()))
        .assert()
        .success()
        .get_output()
        .clone();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["overall"]["n"], 3);
    assert_eq!(v["overall"]["fp"], 1);
    assert_eq!(v["by_lang"], json!({}));
    let p = &v["fp_phrases"][0];
    assert_eq!(p["phrase"], "beta");
    assert_eq!(p["count"], 1);
    close(&p["share"], 0.5);
}

#[test]
fn one_class_only_gives_null_auc() {
    let dir = tempfile::tempdir().unwrap();
    let f = write(dir.path(), "l.csv", "label,title\n0,calm\n0,quiet\n");
    let out = bin()
        .arg("eval")
        .arg(&f)
        .arg("--json")
        .args(test_model(dir.path()))
        .assert()
        .success()
        .get_output()
        .clone();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(v["overall"]["roc_auc"].is_null());
    bin()
        .arg("eval")
        .arg(&f)
        .args(test_model(dir.path()))
        .assert()
        .success()
        .stdout(predicate::str::contains("n/a"));
}

#[test]
fn fp_phrases_leave_out_negative_weight_entries() {
    let dir = tempfile::tempdir().unwrap();
    // "calmly" fires on more negatives than "beta", but pushes scores down.
    let sober = write(
        dir.path(),
        "sober.toml",
        "lang = \"en\"\nentries = [\n  { phrase = \"calmly\", category = \"sober\", weight = -1.5 },\n]\n",
    );
    let f = write(
        dir.path(),
        "l.tsv",
        "label\ttitle\n0\tbeta calmly\n0\tcalmly quiet\n0\tcalmly again\n0\tnone\n1\talpha\n",
    );
    let run = |json: bool| {
        bin()
            .arg("eval")
            .arg(&f)
            .arg("--fp-phrases")
            .args(json.then_some("--json"))
            .args(test_model(dir.path()))
            .arg("--lexicon")
            .arg(&sober)
            .assert()
            .success()
            .get_output()
            .stdout
            .clone()
    };
    let v: Value = serde_json::from_slice(&run(true)).unwrap();
    assert_eq!(v["fp_phrases"].as_array().map(Vec::len), Some(1), "{v}");
    assert_eq!(v["fp_phrases"][0]["phrase"], "beta");
    // Shares are still over every negative row.
    close(&v["fp_phrases"][0]["share"], 0.25);
    let text = String::from_utf8(run(false)).unwrap();
    let report = text.split("phrases firing on negatives").nth(1).unwrap();
    assert!(report.contains("beta"), "{text}");
    assert!(!report.contains("calmly"), "{text}");
}
