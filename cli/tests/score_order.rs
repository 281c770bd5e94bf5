//! `clickbait score`: parallel output is identical to sequential output, and a
//! closed stdout ends the run quietly.

mod common;

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

use common::{bin, bin_path, write};

/// `n` varied TSV rows: sober, sensational, Chinese, some malformed.
fn rows(n: usize) -> String {
    let words = [
        "Used car prices CRASH",
        "Toyota reports quarterly sales",
        "小米SU7二手价崩盘！车商亏麻了",
        "一季度二手车交易量同比增长3%",
        "You won't believe what dealers did",
        "\"Slow sales\" claims are exaggerated",
        "Dealers LOSING money!!!",
    ];
    let mut s = String::from("id\ttitle\tlang\n");
    for i in 0..n {
        if i % 9973 == 17 {
            // A row with a missing field: an error record in the middle.
            s.push_str(&format!("{i}\n"));
        } else {
            let w = words[i % words.len()];
            s.push_str(&format!("{i}\t{w} #{}\t{}\n", i * 7919 % 1000, i % 3));
        }
    }
    s
}

#[test]
fn many_threads_give_the_same_bytes_as_one() {
    let dir = tempfile::tempdir().unwrap();
    let f = write(dir.path(), "big.tsv", rows(50_000));
    let run = |threads: &str, output: &str| {
        bin()
            .args(["score", "--threads", threads, "--format", output])
            .arg(&f)
            .assert()
            .code(1)
            .get_output()
            .clone()
    };
    let one = run("1", "jsonl");
    let four = run("4", "jsonl");
    assert_eq!(one.stdout.iter().filter(|&&b| b == b'\n').count(), 50_000);
    assert!(
        one.stdout == four.stdout,
        "stdout differs between --threads 1 and 4"
    );
    assert_eq!(one.stderr, four.stderr);
    // Records come out in input order.
    let text = String::from_utf8(four.stdout).unwrap();
    for (i, line) in text.lines().enumerate().step_by(997) {
        assert!(line.starts_with(&format!("{{\"id\":\"{i}\"")), "{line}");
    }
    let one = run("1", "csv");
    let four = run("4", "csv");
    assert!(
        one.stdout == four.stdout,
        "CSV differs between --threads 1 and 4"
    );
}

#[test]
fn closed_stdout_exits_quietly() {
    let dir = tempfile::tempdir().unwrap();
    let f = write(dir.path(), "big.tsv", rows(200_000));
    let mut child = Command::new(bin_path())
        .args(["score", "--threads", "2"])
        .arg(&f)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    assert!(first.starts_with("{\"id\":\"0\""));
    // The reader is dropped here: the pipe closes while output is pending.
    let out = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!err.contains("panicked"), "{err}");
    assert!(!err.contains("Broken pipe"), "{err}");
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "status {:?}",
        out.status
    );
}
