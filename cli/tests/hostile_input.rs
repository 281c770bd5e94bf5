//! Hostile input the batch scorer must survive without losing a record: a 10 MB
//! single line, NUL bytes, and a stream long enough to show whether memory grows
//! with the input (it must not).

mod common;

use std::io::Write;
use std::process::{Command, Stdio};

use common::{bin, json_lines, write};

#[test]
fn ten_megabyte_line_is_one_scored_record() {
    let dir = tempfile::tempdir().unwrap();
    let mut input = "prices crash ".repeat(10 * 1024 * 1024 / 13).into_bytes();
    input.extend_from_slice(b"\nsecond title\n");
    let path = write(dir.path(), "big.txt", &input);
    let out = bin()
        .args(["score", "--threads", "2"])
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let rows = json_lines(&out.stdout);
    assert_eq!(rows.len(), 2);
    assert!(rows[0]["title"].as_str().unwrap().len() > 10_000_000);
    assert_eq!(rows[0]["is_clickbait"], true);
    assert_eq!(rows[1]["title"], "second title");
}

#[test]
fn nul_bytes_are_part_of_the_title() {
    let dir = tempfile::tempdir().unwrap();
    let lines = write(dir.path(), "nul.txt", b"cra\0sh\n\0\0\0\nplain\n");
    let out = bin().arg("score").arg(&lines).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let rows = json_lines(&out.stdout);
    assert_eq!(rows.len(), 3);
    assert_eq!(rows[0]["title"], "cra\u{0}sh");
    assert_eq!(rows[1]["title"], "\u{0}\u{0}\u{0}");
    assert!(rows.iter().all(|r| r["score"].is_number()));

    let tsv = write(dir.path(), "nul.tsv", b"id\ttitle\n1\ta\0b\n2\t\0\n");
    let out = bin().arg("score").arg(&tsv).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let rows = json_lines(&out.stdout);
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0]["title"], "a\u{0}b");

    let jsonl = write(dir.path(), "nul.jsonl", b"{\"title\":\"x\\u0000y\"}\n");
    let out = bin().arg("score").arg(&jsonl).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(json_lines(&out.stdout)[0]["title"], "x\u{0}y");
}

/// Peak resident memory (kB) of `clickbait score` fed `lines` generated titles
/// on standard input, read from /proc while it runs.
fn peak_rss_kb(lines: usize) -> u64 {
    let mut child = Command::new(env!("CARGO_BIN_EXE_clickbait"))
        .args(["score", "--threads", "2", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let pid = child.id();
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || {
        let mut buf = Vec::with_capacity(1 << 16);
        for i in 0..lines {
            // Varied short titles: some hits, some Chinese, some plain.
            match i % 4 {
                0 => writeln!(buf, "prices crash {i}"),
                1 => writeln!(buf, "二手车崩盘 {i}"),
                2 => writeln!(buf, "quarterly report {i}"),
                _ => writeln!(buf, "you won't believe {i}!!!"),
            }
            .unwrap();
            if buf.len() > 60_000 {
                stdin.write_all(&buf).unwrap();
                buf.clear();
            }
        }
        stdin.write_all(&buf).unwrap();
    });
    let mut peak = 0;
    while child.try_wait().unwrap().is_none() {
        if let Ok(status) = std::fs::read_to_string(format!("/proc/{pid}/status")) {
            for l in status.lines().filter(|l| l.starts_with("VmHWM:")) {
                let kb = l.split_whitespace().nth(1).and_then(|v| v.parse().ok());
                peak = peak.max(kb.unwrap_or(0));
            }
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    writer.join().unwrap();
    assert!(child.wait().unwrap().success());
    peak
}

#[test]
fn memory_stays_flat_while_streaming() {
    if !std::path::Path::new("/proc/self/status").exists() {
        eprintln!("no /proc: skipping the memory check on this platform");
        return;
    }
    let small = peak_rss_kb(50_000);
    let large = peak_rss_kb(5_000_000);
    assert!(small > 0 && large > 0, "could not read memory use");
    assert!(
        (large as f64) <= 2.0 * small as f64,
        "peak RSS grew from {small} kB (50 000 lines) to {large} kB (5 000 000 lines)"
    );
}

#[test]
fn jsonl_lines_that_are_not_objects_are_error_records() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        dir.path(),
        "odd.jsonl",
        b"42\n[\"title\"]\n\"title\"\nnull\n{\"title\":\"ok\"}\n",
    );
    let out = bin().arg("score").arg(&path).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let rows = json_lines(&out.stdout);
    assert_eq!(rows.len(), 5, "one record per line");
    for (i, r) in rows[..4].iter().enumerate() {
        assert_eq!(r["line"], i as u64 + 1, "{r}");
        assert!(r["error"].as_str().unwrap().contains("object"), "{r}");
    }
    assert!(rows[4]["score"].is_number());
}
