//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

/// The built `clickbait` binary.
pub fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_clickbait"))
}

/// Path of the built binary.
pub fn bin_path() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_clickbait"))
}

/// Writes `bytes` to `dir/name` and returns the path.
pub fn write(dir: &Path, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

/// Runs `clickbait score FILE`, checks the exit status, and parses the JSONL
/// it prints.
pub fn score_rows(file: &Path, code: i32) -> Vec<Value> {
    let out = bin()
        .arg("score")
        .arg(file)
        .assert()
        .code(code)
        .get_output()
        .clone();
    json_lines(&out.stdout)
}

/// Parses JSONL output.
pub fn json_lines(out: &[u8]) -> Vec<Value> {
    std::str::from_utf8(out)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect()
}

/// A lexicon with three phrases of known weight, each in its own category.
pub const TEST_LEXICON: &str = r#"lang = "en"
entries = [
  { phrase = "alpha", category = "shock", weight = 4.0 },
  { phrase = "beta", category = "hype", weight = 2.0 },
  { phrase = "gamma", category = "fear", weight = 1.0 },
]
"#;

/// Weights that make scores exact: bias -2, no language bias, no signals.
/// A title's logit is then -2 + the weight of its one phrase.
pub const TEST_WEIGHTS: &str = r#"bias = -2.0
threshold = 0.5
[language_bias]
en = 0.0
zh = 0.0
[signals]
exclamation = 0.0
question_run = 0.0
all_caps = 0.0
alarm_emoji = 0.0
second_person = 0.0
listicle = 0.0
money = 0.0
attribution = 0.0
"#;

/// Arguments selecting only the test lexicon and weights, written into `dir`.
pub fn test_model(dir: &Path) -> Vec<String> {
    let lex = write(dir, "test.toml", TEST_LEXICON);
    let w = write(dir, "weights.toml", TEST_WEIGHTS);
    vec![
        "--no-default-lexicons".into(),
        "--lexicon".into(),
        lex.display().to_string(),
        "--weights".into(),
        w.display().to_string(),
    ]
}

/// With the test lexicon and weights (bias -2, no signals), each title's logit
/// is -2 + the weight of its one phrase, so:
///
/// | line | label | lang | title        | logit | score  | flagged | outcome |
/// |------|-------|------|--------------|-------|--------|---------|---------|
/// | 2    | 1     | en   | alpha news   | +2    | 0.8808 | yes     | TP      |
/// | 3    | 1     | en   | beta story   |  0    | 0.5    | yes (≥) | TP      |
/// | 4    | 1     | zh   | plain words  | -2    | 0.1192 | no      | FN      |
/// | 5    | 0     | en   | gamma report | -1    | 0.2689 | no      | TN      |
/// | 6    | 0     | en   | beta again   |  0    | 0.5    | yes     | FP      |
/// | 7    | 0     | zh   | nothing here | -2    | 0.1192 | no      | TN      |
/// | 8    | 0     | zh   | quiet day    | -2    | 0.1192 | no      | TN      |
/// | 9    | maybe | en   | bad label    |       |        |         | error   |
///
/// Overall: tp 2, fp 1, tn 3, fn 1 (n 7). Precision 2/3, recall 2/3, F1 2/3,
/// accuracy 5/7. ROC-AUC over the 3 × 4 = 12 (positive, negative) pairs:
/// 0.8808 beats all 4 (4); 0.5 beats 0.2689 and both 0.1192s and ties 0.5
/// (3.5); 0.1192 ties the two 0.1192s (1) → 8.5 / 12 = 0.708333.
///
/// en: tp 2, fp 1, tn 1, fn 0 (n 4): precision 2/3, recall 1, F1 0.8,
/// accuracy 3/4; AUC: 0.8808 beats both (2), 0.5 beats 0.2689 and ties 0.5
/// (1.5) → 3.5 / 4 = 0.875.
///
/// zh: tp 0, fp 0, tn 2, fn 1 (n 3): precision undefined (nothing flagged),
/// recall 0, F1 undefined, accuracy 2/3; AUC: one positive tied with both
/// negatives → 0.5.
pub const LABELLED: &str = "label\tlang\ttitle\n\
1\ten\talpha news\n\
1\ten\tbeta story\n\
1\tzh\tplain words\n\
0\ten\tgamma report\n\
0\ten\tbeta again\n\
0\tzh\tnothing here\n\
0\tzh\tquiet day\n\
maybe\ten\tbad label\n";

/// Runs `clickbait ARGS FILE` and checks that it is a usage error (exit 2,
/// nothing on stdout) whose message contains `needle`.
pub fn usage_error(args: &[&str], file: &Path, needle: &str) {
    let out = bin()
        .args(args)
        .arg(file)
        .assert()
        .code(2)
        .get_output()
        .clone();
    assert!(out.stdout.is_empty(), "nothing is written");
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains(needle), "{needle:?} not in {err}");
}
