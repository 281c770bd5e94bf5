//! `clickbait fit` on small synthetic corpora: the model loads back, is
//! deterministic, the holdout follows the splitmix64 rule, mined phrases work,
//! and bad rows are reported without losing the model.

mod common;

use std::path::Path;

use common::{bin, json_lines, write};
use serde_json::Value;

const FILLER: [&str; 8] = [
    "river", "garden", "council", "harbor", "window", "market", "valley", "bridge",
];

/// `n` labelled rows: positives carry the made-up word "zorblax", negatives
/// "plinth", both among filler words that say nothing about the label.
fn corpus(n: usize) -> String {
    let mut s = String::from("label\tlang\ttitle\n");
    for i in 0..n {
        let (a, b) = (FILLER[i % 8], FILLER[(i / 8 + 3) % 8]);
        if i % 2 == 0 {
            s += &format!("1\ten\t{a} zorblax {b} today\n");
        } else {
            s += &format!("0\ten\t{a} plinth {b} today\n");
        }
    }
    s
}

fn fit(dir: &Path, input: &Path, model: &str, extra: &[&str]) -> assert_cmd::assert::Assert {
    bin()
        .arg("fit")
        .arg(input)
        .arg("-o")
        .arg(dir.join(model))
        .args(extra)
        .assert()
}

/// Scores `titles` with the weights file `model`.
fn scores(model: &Path, titles: &[&str]) -> Vec<f64> {
    let out = bin()
        .args(["score", "--output", "jsonl", "--weights"])
        .arg(model)
        .write_stdin(titles.join("\n") + "\n")
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    json_lines(&out)
        .iter()
        .map(|v| v["score"].as_f64().unwrap())
        .collect()
}

/// The `[[entries]]` of a model file as (phrase, category, weight).
fn entries(text: &str) -> Vec<(String, String, f64)> {
    text.split("[[entries]]")
        .skip(1)
        .map(|block| {
            let field = |k: &str| {
                block
                    .lines()
                    .find_map(|l| l.strip_prefix(&format!("{k} = ")))
                    .unwrap_or_else(|| panic!("no {k} in {block}"))
                    .trim_matches('"')
                    .to_string()
            };
            (
                field("phrase"),
                field("category"),
                field("weight").parse().unwrap(),
            )
        })
        .collect()
}

#[test]
fn writes_a_model_that_loads_and_evaluates() {
    let dir = tempfile::tempdir().unwrap();
    let f = write(dir.path(), "train.tsv", corpus(60));
    fit(dir.path(), &f, "model.toml", &["--json"]).success();
    let model = dir.path().join("model.toml");
    let text = std::fs::read_to_string(&model).unwrap();
    assert!(text.contains("category_decay = 1.0"), "{text}");
    let out = bin()
        .args(["eval", "--json", "--weights"])
        .arg(&model)
        .arg(&f)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let v: Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(v["overall"]["f1"].as_f64(), Some(1.0), "{v}");
}

#[test]
fn mined_phrases_are_entries_that_move_scores_the_right_way() {
    let dir = tempfile::tempdir().unwrap();
    let f = write(dir.path(), "train.tsv", corpus(60));
    fit(dir.path(), &f, "model.toml", &[]).success();
    let model = dir.path().join("model.toml");
    let text = std::fs::read_to_string(&model).unwrap();
    let e = entries(&text);
    let find = |p: &str| {
        e.iter()
            .find(|e| e.0 == p)
            .unwrap_or_else(|| panic!("{p} not mined: {text}"))
    };
    let z = find("zorblax");
    assert_eq!(z.1, "curiosity");
    assert!(z.2 > 0.5, "{z:?}");
    let p = find("plinth");
    assert_eq!(p.1, "sober");
    assert!(p.2 < -0.5, "{p:?}");
    // Filler words say nothing, so they are not kept.
    assert!(e.iter().all(|e| e.0 != "today"), "{e:?}");
    let s = scores(
        &model,
        &[
            "a zorblax story",
            "a story",
            "a plinth story",
            "A ZORBLAX story",
        ],
    );
    assert!(s[0] > s[1] && s[1] > s[2], "{s:?}");
    assert!(s[0] >= 0.5 && s[2] < 0.5, "{s:?}");
    // The mined phrase is explained like any lexicon phrase.
    let out = bin()
        .args(["explain", "--weights"])
        .arg(&model)
        .arg("a zorblax story")
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    assert!(String::from_utf8_lossy(&out).contains("zorblax"));
}

#[test]
fn same_seed_same_model_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let f = write(dir.path(), "train.tsv", corpus(80));
    let args = ["--holdout", "0.25", "--seed", "9"];
    fit(dir.path(), &f, "a.toml", &args).success();
    fit(
        dir.path(),
        &f,
        "b.toml",
        &[&args[..], &["--threads", "1"]].concat(),
    )
    .success();
    fit(
        dir.path(),
        &f,
        "c.toml",
        &[&args[..], &["--threads", "3"]].concat(),
    )
    .success();
    let a = std::fs::read(dir.path().join("a.toml")).unwrap();
    assert_eq!(a, std::fs::read(dir.path().join("b.toml")).unwrap());
    assert_eq!(a, std::fs::read(dir.path().join("c.toml")).unwrap());
}

/// Held-out row indices from `--split-out`.
fn held_out(dir: &Path, f: &Path, seed: &str, fraction: &str) -> Vec<u64> {
    let split = dir.join(format!("split-{seed}.tsv"));
    fit(
        dir,
        f,
        "m.toml",
        &[
            "--holdout",
            fraction,
            "--seed",
            seed,
            "--split-out",
            split.to_str().unwrap(),
        ],
    )
    .success();
    let text = std::fs::read_to_string(split).unwrap();
    let mut lines = text.lines();
    assert_eq!(lines.next(), Some("row\tline\tset"));
    lines
        .filter(|l| l.ends_with("\tholdout"))
        .map(|l| l.split('\t').next().unwrap().parse().unwrap())
        .collect()
}

#[test]
fn holdout_follows_splitmix64() {
    // Worked out with the reference SplitMix64 (z = x + 0x9E3779B97F4A7C15;
    // z = (z ^ z>>30) * 0xBF58476D1CE4E5B9; z = (z ^ z>>27) * 0x94D049BB133111EB;
    // z ^ z>>31): rows i of 0..20 with splitmix64(seed ^ i) / 2^64 < fraction.
    let dir = tempfile::tempdir().unwrap();
    let f = write(dir.path(), "train.tsv", corpus(20));
    assert_eq!(held_out(dir.path(), &f, "42", "0.2"), [3, 11]);
    assert_eq!(
        held_out(dir.path(), &f, "7", "0.5"),
        [0, 2, 3, 4, 9, 12, 13, 18, 19]
    );
    // The held-out metrics are reported for both models.
    let out = fit(
        dir.path(),
        &f,
        "m.toml",
        &["--holdout", "0.5", "--seed", "7", "--json"],
    )
    .success()
    .get_output()
    .stdout
    .clone();
    let v: Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(v["holdout_rows"], 9);
    assert_eq!(v["train_rows"], 11);
    assert_eq!(v["holdout"]["fitted"]["n"], 9);
    assert_eq!(v["holdout"]["default"]["n"], 9);
}

#[test]
fn bad_rows_are_reported_and_the_model_still_written() {
    let dir = tempfile::tempdir().unwrap();
    let mut text = corpus(40);
    text += "maybe\ten\tbad label row\n";
    text += "1\ten\n";
    text += &corpus(10)["label\tlang\ttitle\n".len()..];
    let f = write(dir.path(), "train.tsv", &text);
    let split = dir.path().join("split.tsv");
    let out = fit(
        dir.path(),
        &f,
        "model.toml",
        &["--split-out", split.to_str().unwrap()],
    )
    .code(1)
    .get_output()
    .clone();
    let err = String::from_utf8_lossy(&out.stderr);
    let name = f.display().to_string();
    assert!(
        err.contains(&format!("{name}:42: bad label \"maybe\"")),
        "{err}"
    );
    assert!(
        err.contains(&format!("{name}:43: expected 3 fields, found 2")),
        "{err}"
    );
    // Bad rows keep their row numbers, so the split does not shift.
    let s = std::fs::read_to_string(&split).unwrap();
    assert!(
        s.contains("40\t42\terror\n") && s.contains("41\t43\terror\n"),
        "{s}"
    );
    assert_eq!(s.lines().count(), 1 + 52);
    let model = dir.path().join("model.toml");
    let sc = scores(&model, &["a zorblax story", "a plinth story"]);
    assert!(sc[0] > sc[1], "{sc:?}");
}

#[test]
fn rejects_single_class_data_and_bad_options() {
    let dir = tempfile::tempdir().unwrap();
    let f = write(dir.path(), "train.tsv", "label\ttitle\n1\tone\n1\ttwo\n");
    fit(dir.path(), &f, "m.toml", &[]).code(2);
    assert!(!dir.path().join("m.toml").exists());
    fit(dir.path(), &f, "m.toml", &["--holdout", "1.5"]).code(2);
    fit(dir.path(), &f, "m.toml", &["--l2", "-1"]).code(2);
}

/// A lexicon of made-up phrases: four `loss` phrases that will carry the
/// positives, three `hype` phrases that will carry the negatives, and one phrase
/// of each category that never occurs in the training titles. All weigh 0.5.
const CATEGORY_LEXICON: &str = r#"lang = "en"
entries = [
  { phrase = "lossone", category = "loss", weight = 0.5 },
  { phrase = "losstwo", category = "loss", weight = 0.5 },
  { phrase = "lossthree", category = "loss", weight = 0.5 },
  { phrase = "lossfour", category = "loss", weight = 0.5 },
  { phrase = "lossheld", category = "loss", weight = 0.5 },
  { phrase = "hypeone", category = "hype", weight = 0.5 },
  { phrase = "hypetwo", category = "hype", weight = 0.5 },
  { phrase = "hypethree", category = "hype", weight = 0.5 },
  { phrase = "hypeheld", category = "hype", weight = 0.5 },
]
"#;

/// The `[phrases]` table of a model file.
fn phrase_weights(text: &str) -> std::collections::BTreeMap<String, f64> {
    let table = text
        .split("[phrases]\n")
        .nth(1)
        .unwrap_or_else(|| panic!("no [phrases] in {text}"));
    table
        .lines()
        .take_while(|l| !l.starts_with('['))
        .filter_map(|l| l.split_once(" = "))
        .map(|(k, v)| (k.trim_matches('"').to_string(), v.parse().unwrap()))
        .collect()
}

#[test]
fn category_weights_reach_phrases_never_seen_in_training() {
    let dir = tempfile::tempdir().unwrap();
    let lex = write(dir.path(), "lex.toml", CATEGORY_LEXICON);
    let (loss, hype) = (
        ["lossone", "losstwo", "lossthree", "lossfour"],
        ["hypeone", "hypetwo", "hypethree"],
    );
    let mut text = String::from("label\tlang\ttitle\n");
    for i in 0..80 {
        let (a, b) = (FILLER[i % 8], FILLER[(i / 8 + 3) % 8]);
        if i % 2 == 0 {
            text += &format!("1\ten\t{a} {} {b}\n", loss[i / 2 % 4]);
        } else {
            text += &format!("0\ten\t{a} {} {b}\n", hype[i / 2 % 3]);
        }
    }
    let f = write(dir.path(), "train.tsv", text);
    let lexicon = ["--no-default-lexicons", "--lexicon", lex.to_str().unwrap()];
    fit(dir.path(), &f, "model.toml", &lexicon).success();
    let model = dir.path().join("model.toml");
    let text = std::fs::read_to_string(&model).unwrap();
    let w = phrase_weights(&text);
    let get = |p: &str| {
        *w.get(p)
            .unwrap_or_else(|| panic!("no weight for {p}: {text}"))
    };
    // The held-out phrases take their category's weight, learnt from their
    // siblings: up for `loss`, down for `hype`.
    let (held_loss, held_hype) = (get("lossheld"), get("hypeheld"));
    assert!(held_loss > 0.5 + 0.25, "{held_loss}: {text}");
    assert!(held_hype < 0.5 - 0.25, "{held_hype}: {text}");
    // Seen phrases still weigh more than the unseen one of their category: their
    // own evidence adds to the shared part.
    for p in loss {
        assert!(get(p) > held_loss, "{p}: {text}");
    }
    // Scored with the lexicon and the model, the unseen `loss` phrase counts
    // for more than the unseen `hype` one, which weighed the same in the lexicon.
    let out = bin()
        .args(["score", "--output", "jsonl", "--weights"])
        .arg(&model)
        .args(lexicon)
        .write_stdin("a lossheld story\na story\na hypeheld story\n")
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let s: Vec<f64> = json_lines(&out)
        .iter()
        .map(|v| v["score"].as_f64().unwrap())
        .collect();
    assert!(s[0] > s[2] && s[0] > s[1] + 0.05, "{s:?}");
    // Without category weights (a huge --category-l2), nothing reaches them.
    fit(
        dir.path(),
        &f,
        "flat.toml",
        &[
            &lexicon[..],
            &["--category-l2", "1e9", "--prior", "lexicon"],
        ]
        .concat(),
    )
    .success();
    let flat = phrase_weights(&std::fs::read_to_string(dir.path().join("flat.toml")).unwrap());
    assert!(
        !flat.contains_key("lossheld") && !flat.contains_key("hypeheld"),
        "{flat:?}"
    );
}

#[test]
fn too_few_rows_are_refused_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let f = write(
        dir.path(),
        "two.tsv",
        "label\ttitle\n1\tYou won't believe this\n0\tCouncil meets on Monday\n",
    );
    let out = fit(dir.path(), &f, "m.toml", &[])
        .code(2)
        .get_output()
        .clone();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("2 training rows (1 positive, 1 negative): at least 5 of each label"),
        "{err}"
    );
    assert!(err.contains("no model written"), "{err}");
    assert!(!dir.path().join("m.toml").exists());
    // Enough rows, but fewer of a label than folds.
    let f = write(dir.path(), "few.tsv", corpus(20));
    fit(dir.path(), &f, "m.toml", &["--folds", "12"]).code(2);
    assert!(!dir.path().join("m.toml").exists());
}

#[test]
fn small_data_warns_and_is_judged_out_of_sample_against_the_default() {
    let dir = tempfile::tempdir().unwrap();
    let f = write(dir.path(), "train.tsv", corpus(60));
    let out = fit(dir.path(), &f, "model.toml", &["--json"])
        .success()
        .get_output()
        .clone();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("only 60 training rows"), "{err}");
    assert!(err.contains("--finetune"), "{err}");
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let cv = &v["cv"];
    assert_eq!(cv["folds"], 5, "{v}");
    // Out-of-fold figures for both models, fold by fold, over the same 60 rows.
    for side in ["fitted", "default"] {
        assert_eq!(cv[side]["f1"].as_array().unwrap().len(), 5, "{v}");
        assert_eq!(cv[side]["pooled"]["n"], 60, "{v}");
    }
    // The made-up words decide the label, so the fitted model wins out of
    // sample; the default lexicons know neither word.
    let fitted = cv["fitted"]["f1_mean"].as_f64().unwrap();
    let default = cv["default"]["f1_mean"].as_f64().unwrap();
    assert!(fitted > 0.9 && default < 0.5, "{v}");
    assert!((cv["difference"][0].as_f64().unwrap() - (fitted - default)).abs() < 1e-9);
    // The L2 strength was chosen among several.
    assert!(cv["l2_tried"].as_array().unwrap().len() > 3, "{v}");
    // The text report shows both, and the model records what it was chosen with.
    let out = fit(dir.path(), &f, "model.toml", &[])
        .success()
        .get_output()
        .clone();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("out-of-fold (default)") && text.contains("out-of-fold (fitted)"),
        "{text}"
    );
    let model = std::fs::read_to_string(dir.path().join("model.toml")).unwrap();
    assert!(
        model.starts_with("# clickbait fit on ")
            && model.contains("5-fold stratified cross-validation")
            && model.contains("default classifier on the same folds"),
        "{model}"
    );
}

#[test]
fn finetune_keeps_the_default_vocabulary_and_signals() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = String::from("label\tlang\ttitle\n");
    for i in 0..80 {
        let (a, b) = (FILLER[i % 8], FILLER[(i / 8 + 3) % 8]);
        if i % 2 == 0 {
            s += &format!("1\ten\t{a} zorblax {b} shock\n");
        } else {
            s += &format!("0\ten\t{a} plinth {b} today\n");
        }
    }
    let f = write(dir.path(), "train.tsv", s);
    fit(dir.path(), &f, "tuned.toml", &["--finetune"]).success();
    fit(dir.path(), &f, "full.toml", &[]).success();
    let tuned = std::fs::read_to_string(dir.path().join("tuned.toml")).unwrap();
    let full = std::fs::read_to_string(dir.path().join("full.toml")).unwrap();
    // No mined phrases: the vocabulary is the default lexicons'.
    assert!(entries(&tuned).is_empty(), "{tuned}");
    assert!(!entries(&full).is_empty(), "{full}");
    assert!(!tuned.contains("zorblax"), "{tuned}");
    // The lexicon phrase that carries the positives weighs more than its
    // default 1.6; the signal and language weights are the defaults.
    let w = phrase_weights(&tuned);
    assert!(w["shock"] > 1.6, "{tuned}");
    let table = |text: &str, name: &str| -> String {
        text.split(&format!("[{name}]\n"))
            .nth(1)
            .unwrap_or_else(|| panic!("no [{name}] in {text}"))
            .split("\n\n")
            .next()
            .unwrap()
            .to_string()
    };
    let defaults = "exclamation = 0.45\nquestion_run = 0.9\nall_caps = 0.6\nalarm_emoji = 0.8\n\
                    second_person = 0.6\nlisticle = 1.2\nmoney = 1.0\nattribution = -1.0";
    assert_eq!(table(&tuned, "signals").trim(), defaults, "{tuned}");
    assert_eq!(table(&tuned, "language_bias").trim(), "en = 0.0\nzh = 0.1");
    // The fine-tuned model still flags the positives.
    let s = scores(
        &dir.path().join("tuned.toml"),
        &["river zorblax garden shock", "river plinth garden today"],
    );
    assert!(s[0] >= 0.5 && s[1] < 0.5, "{s:?}");
}

#[test]
fn a_target_precision_moves_the_threshold_up() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = String::from("label\tlang\ttitle\n");
    // "zorblax" always positive, "quibble" positive 3 times in 5, "plinth"
    // never: the best F1 flags both of the first two, precision 0.95 only
    // "zorblax".
    for i in 0..300usize {
        let (a, b) = (FILLER[i % 8], FILLER[(i / 8 + 3) % 8]);
        let (word, label) = match i % 3 {
            0 => ("zorblax", true),
            1 => ("quibble", i % 5 < 3),
            _ => ("plinth", false),
        };
        s += &format!("{}\ten\t{a} {word} {b}\n", u8::from(label));
    }
    let f = write(dir.path(), "train.tsv", s);
    let threshold = |extra: &[&str]| -> f64 {
        let out = fit(dir.path(), &f, "m.toml", &[&["--json"], extra].concat())
            .success()
            .get_output()
            .clone();
        let v: Value = serde_json::from_slice(&out.stdout).unwrap();
        v["threshold"].as_f64().unwrap()
    };
    let best = threshold(&[]);
    let strict = threshold(&["--target-precision", "0.95"]);
    assert!(strict > best, "{strict} vs {best}");
    fit(dir.path(), &f, "m.toml", &["--target-precision", "0"]).code(2);
}
