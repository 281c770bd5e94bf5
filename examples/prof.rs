//! Profiling driver: scores the public corpus titles N times (env ITER, default
//! 30) with `score_value`, or runs the bare aho-corasick floor with FLOOR=1.
use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};

fn main() {
    let mut titles = Vec::new();
    for f in [
        "en-stopclickbait-train.tsv",
        "en-dl-train.tsv",
        "zh-hancd-sina.tsv",
    ] {
        let t = std::fs::read_to_string(format!("../shared/data/public/{f}")).unwrap();
        titles.extend(
            t.lines()
                .skip(1)
                .map(|l| l.rsplit('\t').next().unwrap().to_string()),
        );
    }
    let iters: u32 = std::env::var("ITER")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(30);
    let c = clickbait::Classifier::default_ref();
    let t0 = std::time::Instant::now();
    if std::env::var("FLOOR").is_ok() {
        let phrases: Vec<String> = c
            .lexicons()
            .iter()
            .flat_map(|l| l.entries())
            .map(|e| e.phrase().to_lowercase())
            .collect();
        let ac = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .kind(Some(AhoCorasickKind::DFA))
            .build(&phrases)
            .unwrap();
        let t0 = std::time::Instant::now();
        let mut buf = String::new();
        let mut n = 0;
        for _ in 0..iters {
            for t in &titles {
                buf.clear();
                if t.is_ascii() {
                    buf.extend(t.bytes().map(|b| b.to_ascii_lowercase() as char));
                } else {
                    buf.extend(t.chars().flat_map(char::to_lowercase));
                }
                n += ac.find_iter(&buf).count();
            }
        }
        eprintln!(
            "floor {n} {:?} per title",
            t0.elapsed() / (iters * titles.len() as u32)
        );
        return;
    }
    let mut s = 0.0;
    for _ in 0..iters {
        for t in &titles {
            s += c.score_value(t);
        }
    }
    eprintln!(
        "{s} {:?} per title",
        t0.elapsed() / (iters * titles.len() as u32)
    );
}
