//! Profiling driver: scores the public corpus titles with `score_value` (env
//! ITER passes, default 30), or runs the bare aho-corasick floor with FLOOR=1.
//! SHUFFLE=1 scores the benchmark's own 1 000 000-title corpus (cycled and
//! shuffled, so titles come from all over memory).
#[path = "../benches/support/corpus.rs"]
mod corpus;
#[path = "../benches/support/floor.rs"]
mod floor;
use corpus::{build_corpus, data_dir, load_titles};
use floor::Floor;

fn main() {
    let (titles, _) = load_titles(&data_dir());
    let env = |k: &str| std::env::var(k).ok().and_then(|v| v.parse::<u32>().ok());
    let iters = env("ITER").unwrap_or(30);
    let corpus: Vec<&str> = if env("SHUFFLE").is_some() {
        build_corpus(&titles, 1_000_000)
    } else {
        titles.iter().map(String::as_str).collect()
    };
    let n = iters as usize * corpus.len();
    let c = clickbait::Classifier::default_ref();
    if env("FLOOR").is_some() {
        let mut floor = Floor::new(c);
        let t0 = std::time::Instant::now();
        let mut m = 0;
        for _ in 0..iters {
            for t in &corpus {
                m += floor.count(t);
            }
        }
        eprintln!(
            "floor {m} {:?} per title ({} phrases, {} bytes)",
            t0.elapsed() / n as u32,
            floor.phrases,
            floor.phrase_bytes
        );
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
