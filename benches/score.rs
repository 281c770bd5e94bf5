//! Scoring benchmarks: per-title latency, throughput over a 1 000 000-title mixed
//! corpus, and a floor (a bare aho-corasick pass over the same phrases and titles)
//! to say how much the rest of the pipeline costs.
//!
//! ```text
//! cargo bench --bench score                 # criterion groups + summary table
//! cargo bench --bench score -- latency      # one group (the summary still runs)
//! CLICKBAIT_BENCH_SUMMARY=0 cargo bench --bench score   # criterion only
//! CLICKBAIT_BENCH_RUNS=9 cargo bench --bench score      # more summary runs
//! ```
//!
//! The corpus is built from `../shared/data/public/*.tsv` (relative to the crate
//! root; override with `CLICKBAIT_BENCH_DATA=dir`), the `title` column, cycled and
//! shuffled with a fixed-seed LCG to 1 000 000 titles. Without those files a small
//! built-in list is used, so `cargo bench --no-run` and CI never depend on them.
//!
//! After the criterion groups, a summary measured with `Instant` is printed to
//! stderr: `CLICKBAIT_BENCH_RUNS` (default 5) rounds, each one full pass over
//! the 1M corpus of `score_value`, `score` and the floor in turn; the medians,
//! and the median per-round slowdown of `score_value` and `score` relative to
//! the floor.

use std::hint::black_box;
use std::time::{Duration, Instant};

use clickbait::Classifier;
use clickbait::EntryMatcher as Matcher;
use criterion::{BenchmarkId, Criterion, SamplingMode, Throughput};

// Shared with examples/prof.rs, which runs the same corpus and floor under a
// profiler.
#[path = "support/corpus.rs"]
mod corpus;
#[path = "support/floor.rs"]
mod floor;
use corpus::{build_corpus, data_dir, load_titles};
use floor::Floor;

/// Titles in the throughput corpus.
const CORPUS_TITLES: usize = 1_000_000;
/// Titles per criterion iteration in the chunked throughput group; successive
/// iterations walk the whole 1M corpus.
const CHUNK: usize = 10_000;

/// Representative titles: short/long × English/Chinese × hit/no hit.
const LATENCY_TITLES: &[(&str, &str)] = &[
    ("en_short_hit", "Used EV prices CRASH!!!"),
    ("en_short_miss", "Toyota reports quarterly sales"),
    (
        "en_long_hit",
        "Dealers are LOSING money: used electric car prices crash as nobody wants them, \
         and you won't believe what happened to this Tesla owner who lost $15,000",
    ),
    (
        "en_long_miss",
        "Ford's quarterly results show steady demand for pickup trucks in North America, \
         while the company reaffirmed its full-year guidance for 2024 on Thursday",
    ),
    ("zh_short_hit", "小米SU7二手价崩盘！车商亏麻了"),
    ("zh_short_miss", "一季度二手车交易量同比增长3%"),
    (
        "zh_long_hit",
        "震惊！二手车彻底卖不动了，车商一台亏了5万，99%的人都不知道的内幕，看完你就懂了，\
         千万别买这5个车型",
    ),
    (
        "zh_long_miss",
        "国家统计局发布数据显示，今年前三季度全国社会消费品零售总额同比增长，\
         其中汽车类零售额保持稳定，新能源汽车渗透率继续提升",
    ),
];

/// Used when the shared data files are absent.
const FALLBACK_TITLES: &[&str] = &[
    "Used EV prices CRASH!!!",
    "Toyota reports quarterly sales",
    "You won't believe what this dealer did",
    "17 Things Only Car Dealers Know",
    "Ford lost $1.3 billion in the quarter",
    "I lost $15,000 on my Tesla",
    "Congress passes budget bill",
    "Xiaomi says claims of 'slow sales' are dealer exaggeration",
    "小米SU7二手价崩盘！车商亏麻了",
    "一季度二手车交易量同比增长3%",
    "二手車價格崩盤",
    "亏 麻 了！二手车彻底卖不动了",
    "买车前必看的这5个细节",
    "一年亏了20万",
    "国家统计局发布前三季度经济数据",
    "所谓\"二手车卖不动\"系车商夸大",
];

fn lexicon_bytes(c: &Classifier) -> (usize, usize) {
    let entries = c.lexicons().iter().map(|l| l.entries().len()).sum();
    let bytes = c
        .lexicons()
        .iter()
        .flat_map(|l| l.entries())
        .map(|e| {
            e.phrase().len()
                + match e.matcher() {
                    Matcher::Pattern { anchor, .. } => anchor.len(),
                    _ => 0,
                }
        })
        .sum();
    (entries, bytes)
}

fn bench_latency(c: &mut Criterion) {
    let clf = Classifier::default_ref();
    let mut g = c.benchmark_group("latency");
    g.sample_size(20)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_millis(1500))
        .throughput(Throughput::Elements(1));
    for &(name, title) in LATENCY_TITLES {
        g.bench_with_input(BenchmarkId::new("score_value", name), title, |b, t| {
            b.iter(|| clf.score_value(black_box(t)))
        });
        g.bench_with_input(BenchmarkId::new("score", name), title, |b, t| {
            b.iter(|| clf.score(black_box(t)))
        });
    }
    g.finish();
}

/// Chunked throughput: each iteration scores the next `CHUNK` titles of the 1M
/// corpus, so the samples together cover the whole corpus.
fn bench_throughput(c: &mut Criterion, corpus: &[&str], floor: &mut Floor) {
    let clf = Classifier::default_ref();
    let mut g = c.benchmark_group("throughput");
    g.sample_size(10)
        .sampling_mode(SamplingMode::Flat)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(3))
        .throughput(Throughput::Elements(CHUNK as u64));
    let chunks: Vec<&[&str]> = corpus.chunks(CHUNK).collect();

    let mut next = 0usize;
    g.bench_function(BenchmarkId::new("score_value", "1M-mixed"), |b| {
        b.iter_custom(|iters| {
            let start = Instant::now();
            for _ in 0..iters {
                for t in chunks[next % chunks.len()] {
                    black_box(clf.score_value(t));
                }
                next += 1;
            }
            start.elapsed()
        })
    });
    g.bench_function(BenchmarkId::new("score", "1M-mixed"), |b| {
        b.iter_custom(|iters| {
            let start = Instant::now();
            for _ in 0..iters {
                for t in chunks[next % chunks.len()] {
                    black_box(clf.score(t));
                }
                next += 1;
            }
            start.elapsed()
        })
    });
    g.bench_function(BenchmarkId::new("floor_aho_corasick", "1M-mixed"), |b| {
        b.iter_custom(|iters| {
            let start = Instant::now();
            for _ in 0..iters {
                for t in chunks[next % chunks.len()] {
                    black_box(floor.count(t));
                }
                next += 1;
            }
            start.elapsed()
        })
    });
    g.finish();
}

fn bench_build(c: &mut Criterion) {
    let mut g = c.benchmark_group("build");
    g.sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(3));
    g.bench_function("default_classifier", |b| {
        b.iter(|| Classifier::builder().build().expect("default classifier"))
    });
    g.finish();
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

/// Median wall time of `runs` full passes of `f` (after one warm-up pass).
fn median_of(runs: usize, mut f: impl FnMut()) -> Duration {
    f();
    median(
        (0..runs)
            .map(|_| {
                let t = Instant::now();
                f();
                t.elapsed()
            })
            .collect(),
    )
}

fn per_sec(n: usize, d: Duration) -> f64 {
    n as f64 / d.as_secs_f64()
}

fn ns_per(d: Duration, n: usize) -> f64 {
    d.as_nanos() as f64 / n as f64
}

/// The `Instant`-based summary over the full corpus, printed to stderr.
fn summary(corpus: &[&str], floor: &mut Floor, runs: usize) {
    let clf = Classifier::default_ref();
    let n = corpus.len();
    eprintln!();
    eprintln!("== summary (Instant, median of {runs} runs)");

    eprintln!("-- per-title latency (median of {runs} runs of 20 000 calls)");
    eprintln!(
        "{:<16} {:>16} {:>12}",
        "title", "score_value ns", "score ns"
    );
    const REPS: usize = 20_000;
    for &(name, title) in LATENCY_TITLES {
        let v = median_of(runs, || {
            for _ in 0..REPS {
                black_box(clf.score_value(black_box(title)));
            }
        });
        let s = median_of(runs, || {
            for _ in 0..REPS {
                black_box(clf.score(black_box(title)));
            }
        });
        eprintln!(
            "{name:<16} {:>16.0} {:>12.0}",
            ns_per(v, REPS),
            ns_per(s, REPS)
        );
    }

    eprintln!("-- throughput over {n} titles (single thread; rounds of one pass each, alternated)");
    // One pass of each per round, so a slow spell of the machine falls on all
    // three alike; each pass is long enough to warm its own tables, as it
    // would run alone. One warm-up round first.
    let mut flagged = 0usize;
    let mut matches = 0usize;
    let (mut sv, mut sc, mut fl) = (Vec::new(), Vec::new(), Vec::new());
    let timed = |f: &mut dyn FnMut()| {
        let t = Instant::now();
        f();
        t.elapsed()
    };
    for round in 0..=runs {
        let v = timed(&mut || {
            flagged = corpus
                .iter()
                .filter(|t| clf.score_value(black_box(t)) >= clf.threshold())
                .count();
        });
        let s = timed(&mut || {
            for t in corpus {
                black_box(clf.score(black_box(t)));
            }
        });
        let f = timed(&mut || {
            matches = corpus.iter().map(|t| floor.count(black_box(t))).sum();
        });
        if round > 0 {
            sv.push(v);
            sc.push(s);
            fl.push(f);
        }
    }
    let ratios = |a: &[Duration]| {
        let mut r: Vec<f64> = a
            .iter()
            .zip(&fl)
            .map(|(a, f)| a.as_secs_f64() / f.as_secs_f64())
            .collect();
        r.sort_by(f64::total_cmp);
        (r[r.len() / 2], r[0], r[r.len() - 1])
    };
    let (sv_ratio, sc_ratio) = (ratios(&sv), ratios(&sc));
    for (name, d) in [
        ("score_value", median(sv)),
        ("score", median(sc)),
        ("floor (aho-corasick)", median(fl.clone())),
    ] {
        eprintln!(
            "{name:<22} {:>8.3} s  {:>12.0} titles/s  {:>8.0} ns/title",
            d.as_secs_f64(),
            per_sec(n, d),
            ns_per(d, n)
        );
    }
    eprintln!(
        "  (flagged by score_value: {flagged} = {:.1}%; floor matches: {matches})",
        100.0 * flagged as f64 / n as f64
    );
    eprintln!(
        "ratio score_value / floor (time, median of rounds): {:.2}x  (range {:.2}-{:.2})",
        sv_ratio.0, sv_ratio.1, sv_ratio.2
    );
    eprintln!(
        "ratio score / floor (time, median of rounds):       {:.2}x  (range {:.2}-{:.2})",
        sc_ratio.0, sc_ratio.1, sc_ratio.2
    );

    eprintln!("-- default classifier");
    let build = median_of(runs, || {
        black_box(Classifier::builder().build().expect("default classifier"));
    });
    let (entries, lex_bytes) = lexicon_bytes(clf);
    eprintln!(
        "build time (median):      {:.1} ms",
        build.as_secs_f64() * 1e3
    );
    eprintln!(
        "automaton memory:         {} bytes ({:.1} KiB)",
        clf.automaton_memory(),
        clf.automaton_memory() as f64 / 1024.0
    );
    eprintln!("lexicon entries:          {entries}");
    eprintln!(
        "lexicon phrase bytes:     {lex_bytes} bytes ({:.1} KiB)",
        lex_bytes as f64 / 1024.0
    );
    eprintln!(
        "floor automaton memory:   {} bytes ({} phrases, {} bytes)",
        floor.ac.memory_usage(),
        floor.phrases,
        floor.phrase_bytes
    );
}

fn main() {
    let bench_mode = std::env::args().any(|a| a == "--bench");
    let dir = data_dir();
    let (mut pool, files) = load_titles(&dir);
    if pool.is_empty() {
        eprintln!(
            "note: no titles under {}; using {} built-in titles",
            dir.display(),
            FALLBACK_TITLES.len()
        );
        pool = FALLBACK_TITLES.iter().map(|&s| s.to_owned()).collect();
    } else {
        eprintln!(
            "corpus: {} titles from {}: {}",
            pool.len(),
            dir.display(),
            files.join(", ")
        );
    }
    // `cargo test --benches` runs this in test mode: keep it small there.
    let size = if bench_mode { CORPUS_TITLES } else { CHUNK };
    let corpus = build_corpus(&pool, size);
    let bytes: usize = corpus.iter().map(|t| t.len()).sum();
    eprintln!(
        "corpus: {} titles, {:.1} MB, {:.0} bytes/title on average",
        corpus.len(),
        bytes as f64 / 1e6,
        bytes as f64 / corpus.len() as f64
    );

    let t = Instant::now();
    let clf = Classifier::default_ref();
    eprintln!(
        "default classifier: first build {:.1} ms, automaton {} bytes",
        t.elapsed().as_secs_f64() * 1e3,
        clf.automaton_memory()
    );
    let mut floor = Floor::new(clf);

    let mut c = Criterion::default().configure_from_args();
    bench_latency(&mut c);
    bench_throughput(&mut c, &corpus, &mut floor);
    bench_build(&mut c);
    c.final_summary();

    let summary_on = std::env::var("CLICKBAIT_BENCH_SUMMARY").map_or(true, |v| v != "0");
    if bench_mode && summary_on {
        let runs = std::env::var("CLICKBAIT_BENCH_RUNS")
            .ok()
            .and_then(|v| v.parse().ok())
            .filter(|&r: &usize| r > 0)
            .unwrap_or(5);
        summary(&corpus, &mut floor, runs);
    }
}
