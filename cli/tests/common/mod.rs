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
