//! Profiling driver: scores the public corpus titles with `score_value` (env
//! ITER passes, default 30), or runs the bare aho-corasick floor with FLOOR=1.
//! SHUFFLE=1 scores the benchmark's own 1 000 000-title corpus (cycled and
//! shuffled, so titles come from all over memory). RATIO=n alternates n
//! passes of each over the corpus and prints the median ratio of their times:
//! on a noisy machine, a steadier check of a change than separate runs.
//! CLASS=ascii|other|zh keeps only ASCII titles, other non-Han ones, or
//! titles with Han characters. WEIGHTS=file scores with that weights file (a
//! `clickbait fit` model); with VS_DEFAULT=n as well, alternates n passes of
//! it and of the default classifier and prints the median ratio of times.
#[path = "../benches/support/corpus.rs"]
mod corpus;
#[path = "../benches/support/floor.rs"]
mod floor;
use corpus::{build_corpus, data_dir, load_titles};
use floor::Floor;
use std::time::{Duration, Instant};

fn main() {
    let (titles, _) = load_titles(&data_dir());
    if titles.is_empty() {
        eprintln!(
            "no titles under {} (set CLICKBAIT_BENCH_DATA)",
            data_dir().display()
        );
        std::process::exit(2);
    }
    let env = |k: &str| std::env::var(k).ok().and_then(|v| v.parse::<u32>().ok());
    let iters = env("ITER").unwrap_or(30);
    let corpus: Vec<&str> = if env("SHUFFLE").is_some() {
        build_corpus(&titles, 1_000_000)
    } else {
        titles.iter().map(String::as_str).collect()
    };
    let class = std::env::var("CLASS").unwrap_or_default();
    let corpus: Vec<&str> = corpus
        .into_iter()
        .filter(|t| match class.as_str() {
            "ascii" => t.is_ascii(),
            "other" => !t.is_ascii() && !t.chars().any(clickbait::__tokenize::is_han),
            "zh" => t.chars().any(clickbait::__tokenize::is_han),
            _ => true,
        })
        .collect();
    let n = iters as usize * corpus.len();
    let fitted = std::env::var_os("WEIGHTS").map(|w| {
        clickbait::Classifier::builder()
            .weights_file(w)
            .and_then(|b| b.build())
            .unwrap_or_else(|e| {
                eprintln!("{e}");
                std::process::exit(2)
            })
    });
    let c = fitted
        .as_ref()
        .unwrap_or_else(|| clickbait::Classifier::default_ref());
    if let Some(rounds) = env("VS_DEFAULT") {
        let pass = |c: &clickbait::Classifier| {
            let t0 = Instant::now();
            let mut s = 0.0;
            for _ in 0..iters {
                for t in &corpus {
                    s += c.score_value(t);
                }
            }
            std::hint::black_box(s);
            t0.elapsed()
        };
        let d = clickbait::Classifier::default_ref();
        let (mut ratios, mut fv, mut dv) = (Vec::new(), Vec::new(), Vec::new());
        for _ in 0..rounds.max(1) {
            let f = pass(c);
            let b = pass(d);
            ratios.push(f.as_secs_f64() / b.as_secs_f64());
            fv.push(f / n as u32);
            dv.push(b / n as u32);
        }
        ratios.sort_by(f64::total_cmp);
        fv.sort();
        dv.sort();
        eprintln!(
            "weights file {:?}, default {:?} per title (medians over {} titles × {iters}); \
             ratio median {:.3} (min {:.3}, max {:.3})",
            fv[fv.len() / 2],
            dv[dv.len() / 2],
            corpus.len(),
            ratios[ratios.len() / 2],
            ratios[0],
            ratios[ratios.len() - 1]
        );
        return;
    }
    let mut floor = Floor::new(c);
    let score_pass = || {
        let t0 = Instant::now();
        let mut s = 0.0;
        for _ in 0..iters {
            for t in &corpus {
                s += c.score_value(t);
            }
        }
        (s, t0.elapsed())
    };
    let mut floor_pass = || {
        let t0 = Instant::now();
        let mut m = 0;
        for _ in 0..iters {
            for t in &corpus {
                m += floor.count(t);
            }
        }
        (m, t0.elapsed())
    };
    if let Some(rounds) = env("RATIO") {
        // Whole passes, alternated: each keeps its own tables warm, as it
        // would alone (alternating in small chunks would evict the floor's
        // larger automaton and flatter the ratio).
        let (mut ratios, mut sv, mut fl) = (Vec::new(), Vec::new(), Vec::new());
        for _ in 0..rounds.max(1) {
            let (_, s) = score_pass();
            let (_, f) = floor_pass();
            ratios.push(s.as_secs_f64() / f.as_secs_f64());
            sv.push(s / n as u32);
            fl.push(f / n as u32);
        }
        let mid = |v: &mut Vec<Duration>| {
            v.sort();
            v[v.len() / 2]
        };
        ratios.sort_by(f64::total_cmp);
        eprintln!(
            "score_value {:?}, floor {:?} per title (medians); ratio median {:.3} (min {:.3}, max {:.3})",
            mid(&mut sv),
            mid(&mut fl),
            ratios[ratios.len() / 2],
            ratios[0],
            ratios[ratios.len() - 1]
        );
        return;
    }
    if env("FLOOR").is_some() {
        let (m, d) = floor_pass();
        eprintln!(
            "floor {m} {:?} per title ({} phrases, {} bytes)",
            d / n as u32,
            floor.phrases,
            floor.phrase_bytes
        );
        return;
    }
    let (s, d) = score_pass();
    eprintln!("{s} {:?} per title", d / n as u32);
}
