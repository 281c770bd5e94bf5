#![allow(dead_code)]
//! The corpus both `benches/score.rs` and `examples/prof.rs` score: the public
//! titles, cycled and shuffled with a fixed seed.

use std::path::{Path, PathBuf};

/// A minimal LCG (Knuth's MMIX constants): deterministic, no dependency.
struct Lcg(u64);

impl Lcg {
    fn next_u32(&mut self) -> u32 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) as u32
    }

    fn below(&mut self, n: usize) -> usize {
        ((self.next_u32() as u64 * n as u64) >> 32) as usize
    }
}

/// Where the labelled titles are: `CLICKBAIT_BENCH_DATA`, else
/// `../shared/data/public` beside the crate.
pub fn data_dir() -> PathBuf {
    std::env::var_os("CLICKBAIT_BENCH_DATA")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data/public"))
}

/// The distinct titles of every `*.tsv` under `dir` (column `title`), in file
/// order; empty when there are none.
pub fn load_titles(dir: &Path) -> (Vec<String>, Vec<String>) {
    let mut titles = Vec::new();
    let mut files = Vec::new();
    let Ok(read) = std::fs::read_dir(dir) else {
        return (titles, files);
    };
    let mut paths: Vec<PathBuf> = read
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "tsv"))
        .collect();
    paths.sort();
    for path in paths {
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        let mut lines = text.lines();
        let Some(header) = lines.next() else {
            continue;
        };
        let Some(col) = header.split('\t').position(|h| h == "title") else {
            continue;
        };
        let before = titles.len();
        titles.extend(
            lines
                .filter_map(|l| l.split('\t').nth(col))
                .filter(|t| !t.trim().is_empty())
                .map(str::to_owned),
        );
        files.push(format!(
            "{} ({} titles)",
            path.file_name().unwrap_or_default().to_string_lossy(),
            titles.len() - before
        ));
    }
    (titles, files)
}

/// The throughput corpus: `n` references into `pool`, every pool title used in
/// turn (cycled), each cycle shuffled with a fixed-seed LCG; empty when the
/// pool is.
pub fn build_corpus(pool: &[String], n: usize) -> Vec<&str> {
    if pool.is_empty() {
        return Vec::new();
    }
    let mut rng = Lcg(0x5EED_C11C_B417);
    let mut order: Vec<usize> = (0..pool.len()).collect();
    let mut corpus = Vec::with_capacity(n);
    while corpus.len() < n {
        // Fisher–Yates.
        for i in (1..order.len()).rev() {
            order.swap(i, rng.below(i + 1));
        }
        let take = (n - corpus.len()).min(order.len());
        corpus.extend(order[..take].iter().map(|&i| pool[i].as_str()));
    }
    corpus
}
