//! Profiling driver: scores the public corpus titles with `score_value` (env
//! ITER passes, default 30), or runs the bare aho-corasick floor with FLOOR=1.
//! SHUFFLE=1 scores the titles the way `benches/score.rs` does: a 1 000 000
//! reference corpus, cycled and shuffled, so titles come from all over memory.
use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use clickbait::lexicon::Matcher;

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
    let env = |k: &str| std::env::var(k).ok().and_then(|v| v.parse::<u32>().ok());
    let iters = env("ITER").unwrap_or(30);
    let corpus: Vec<&str> = if env("SHUFFLE").is_some() {
        let mut seed = 0x5EED_C11C_B417u64;
        let mut order: Vec<usize> = (0..titles.len()).collect();
        let mut out = Vec::with_capacity(1_000_000);
        while out.len() < 1_000_000 {
            for i in (1..order.len()).rev() {
                seed = seed
                    .wrapping_mul(6_364_136_223_846_793_005)
                    .wrapping_add(1_442_695_040_888_963_407);
                order.swap(i, (((seed >> 33) * (i as u64 + 1)) >> 31) as usize);
            }
            let take = (1_000_000 - out.len()).min(order.len());
            out.extend(order[..take].iter().map(|&i| titles[i].as_str()));
        }
        out
    } else {
        titles.iter().map(String::as_str).collect()
    };
    let n = iters as usize * corpus.len();
    let c = clickbait::Classifier::default_ref();
    if env("FLOOR").is_some() {
        // As in benches/score.rs: pattern entries contribute their anchors.
        let mut phrases: Vec<String> = c
            .lexicons()
            .iter()
            .flat_map(|l| l.entries())
            .map(|e| match e.matcher() {
                Matcher::Pattern { anchor, .. } => anchor.to_lowercase(),
                _ => e.phrase().to_lowercase(),
            })
            .collect();
        phrases.sort();
        phrases.dedup();
        let ac = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .kind(Some(AhoCorasickKind::DFA))
            .build(&phrases)
            .unwrap();
        let t0 = std::time::Instant::now();
        let mut buf = String::new();
        let mut m = 0;
        for _ in 0..iters {
            for t in &corpus {
                buf.clear();
                if t.is_ascii() {
                    buf.extend(t.bytes().map(|b| b.to_ascii_lowercase() as char));
                } else {
                    buf.extend(t.chars().flat_map(char::to_lowercase));
                }
                m += ac.find_iter(&buf).count();
            }
        }
        eprintln!("floor {m} {:?} per title", t0.elapsed() / n as u32);
        return;
    }
    let t0 = std::time::Instant::now();
    let mut s = 0.0;
    for _ in 0..iters {
        for t in &corpus {
            s += c.score_value(t);
        }
    }
    eprintln!("{s} {:?} per title", t0.elapsed() / n as u32);
}
