//! `Classifier::score_value` promises to allocate nothing once the classifier and
//! the per-thread buffers are warm. A counting global allocator checks it.
//!
//! Counting is switched on per thread (a `thread_local` flag), so allocations by
//! the test harness's other threads never disturb the count.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use clickbait::Classifier;

struct Counting;

static ALLOCATIONS: AtomicUsize = AtomicUsize::new(0);
static ALLOCATED_BYTES: AtomicUsize = AtomicUsize::new(0);

thread_local! {
    // `const` initialisation: no lazy init and no destructor, so reading it from
    // inside the allocator can never allocate or recurse.
    static COUNTING: Cell<bool> = const { Cell::new(false) };
}

fn note(bytes: usize) {
    if COUNTING.try_with(Cell::get).unwrap_or(false) {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        ALLOCATED_BYTES.fetch_add(bytes, Ordering::Relaxed);
    }
}

// SAFETY: every call is forwarded unchanged to `System`; counting only touches
// atomics and a const-initialised thread-local `Cell`.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        note(layout.size());
        // SAFETY: our caller upholds `GlobalAlloc::alloc`'s contract (non-zero
        // size layout); it is passed to `System` unchanged.
        System.alloc(layout)
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        note(layout.size());
        // SAFETY: as in `alloc`: the caller's layout, forwarded unchanged.
        System.alloc_zeroed(layout)
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        note(new_size);
        // SAFETY: `ptr` came from this allocator, which is `System` underneath,
        // with `layout`; the caller guarantees `new_size` is valid for it.
        System.realloc(ptr, layout, new_size)
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: `ptr` was allocated by `System` (through us) with `layout`.
        System.dealloc(ptr, layout)
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

/// Tests that score hold this: regex caches live in pools shared between
/// threads, and a second thread scoring at the same time can make this thread's
/// search build a fresh cache (or grow the pool's stack), which would be counted.
static SCORING: Mutex<()> = Mutex::new(());

fn scoring() -> std::sync::MutexGuard<'static, ()> {
    SCORING.lock().unwrap_or_else(|e| e.into_inner())
}

/// Allocations (count, bytes) made by this thread while running `f`.
fn allocations_in<R>(f: impl FnOnce() -> R) -> (usize, usize, R) {
    let (n0, b0) = (
        ALLOCATIONS.load(Ordering::Relaxed),
        ALLOCATED_BYTES.load(Ordering::Relaxed),
    );
    COUNTING.with(|c| c.set(true));
    let r = f();
    COUNTING.with(|c| c.set(false));
    // Other threads never count, so the difference is this thread's alone.
    (
        ALLOCATIONS.load(Ordering::Relaxed) - n0,
        ALLOCATED_BYTES.load(Ordering::Relaxed) - b0,
        r,
    )
}

/// Varied titles, each under 200 bytes: English and Chinese, traditional
/// characters, evasion tricks, hits and misses, and digits so the money,
/// listicle and pattern-entry regexes run.
const TITLES: &[&str] = &[
    // English hits.
    "Used EV prices CRASH!!! Dealers are LOSING money",
    "You won't believe what this dealer did next",
    "17 Things Only Car Dealers Know",
    "I lost $15,000 on my Tesla in 6 months",
    "Prices are down 60% and nobody wants them",
    "Dealers losing $3,000 per car as prices plunge",
    "Which used car are you? Take the quiz",
    "10 signs your car dealer is lying to you",
    // English misses and sober framing.
    "Toyota reports quarterly sales",
    "Ford lost $1.3 billion in the quarter",
    "3 killed in highway crash on I-95",
    "Xiaomi says claims of 'slow sales' are dealer exaggeration",
    "Fed holds rates steady, signals two cuts in 2025",
    "",
    "   ",
    "!!! 123 ???",
    // English evasion tricks.
    "PRICES C-R-A-S-H",
    "prices crashhhh, dealers in lossssss",
    "L O S I N G money on every sale",
    "cr\u{200B}ash: used car prices",
    "Ｕｓｅｄ ＥＶ ｐｒｉｃｅｓ ＣＲＡＳＨ 2024",
    "\u{201C}slow sales\u{201D} claims denied by 3 makers",
    "cafe\u{301} owner lost 20k on used car",
    // Zalgo: a letter with five stacked combining marks.
    "c\u{338}\u{322}\u{31b}\u{317}\u{33a}rash: used car prices",
    // Chinese hits.
    "小米SU7二手价崩盘！车商亏麻了",
    "亏麻了！二手车彻底卖不动了",
    "一年亏了20万，卖一台亏一台",
    "买车前必看的这5个细节",
    "99%的人都不知道的5个技巧",
    "二手车价格跌了8万，打3折都没人要",
    "所有车主注意！震惊",
    "😱🔥 二手车崩盘了！！？",
    // Chinese misses and sober framing.
    "一季度二手车交易量同比增长3%",
    "国家统计局发布前三季度经济数据",
    "所谓\"二手车卖不动\"系车商夸大",
    "小米回应：二手价崩盘系谣言",
    "公司亏损20亿",
    // Traditional characters and Chinese evasion tricks.
    "二手車價格崩盤，車商虧麻了",
    "虧了5萬！賣不動的二手車",
    "亏 麻 了！二手车价格崩 - 盘",
    "亏\u{200D}麻了，ＳＵ７二手价",
    "速.看！这3个原因",
    // Mixed.
    "小米 SU7 prices crash 崩盘 lost $5k",
    "10 signs 你的二手车要坏了",
    "BYD and GM report EV sales up 12%",
];

#[test]
fn titles_are_short() {
    for t in TITLES {
        assert!(t.len() < 200, "{t:?} is {} bytes", t.len());
    }
}

#[test]
fn score_value_allocates_nothing_once_warm() {
    let _guard = scoring();
    let c = Classifier::default_ref();
    // Warm up: the classifier itself, the thread's scratch buffers, the regex
    // caches (each regex's pool and lazy DFA states for these inputs).
    for t in TITLES {
        c.score_value(t);
    }
    // A title fails if every one of three calls allocates: an allocation in
    // our code happens on every call, while the regex crate's cache pool,
    // shared with the other test threads, can (rarely, timing-dependent) hand
    // this thread a fresh slot once. The stretch below allows nothing at all.
    let mut allocating = Vec::new();
    for t in TITLES {
        let runs: Vec<(usize, usize)> = (0..3)
            .map(|_| {
                let (n, bytes, v) = allocations_in(|| c.score_value(t));
                assert!((0.0..=1.0).contains(&v));
                (n, bytes)
            })
            .collect();
        if runs.iter().all(|&(n, _)| n > 0) {
            let (n, bytes) = runs[0];
            allocating.push(format!("{n} allocation(s), {bytes} bytes: {t:?}"));
        }
    }
    // All titles in one counted stretch, twice, in a different order too.
    let (n, bytes, _) = allocations_in(|| {
        for _ in 0..2 {
            for t in TITLES.iter().chain(TITLES.iter().rev()) {
                std::hint::black_box(c.score_value(std::hint::black_box(t)));
            }
        }
    });
    assert!(
        allocating.is_empty() && n == 0,
        "score_value allocated ({n} allocations, {bytes} bytes over all titles):\n{}",
        allocating.join("\n")
    );
}

#[test]
fn score_value_matches_score() {
    let _guard = scoring();
    let c = Classifier::default_ref();
    for t in TITLES {
        assert_eq!(c.score_value(t), c.score(t).score, "{t:?}");
    }
}

#[test]
fn the_counter_counts() {
    let (n, bytes, v) = allocations_in(|| std::hint::black_box(vec![1u8; 64]));
    drop(v);
    assert!(n >= 1 && bytes >= 64, "{n} {bytes}");
    let (n, _, _) = allocations_in(|| std::hint::black_box(1 + 1));
    assert_eq!(n, 0);
}

#[test]
fn score_value_with_overlap_entries_allocates_nothing_once_warm() {
    // A fitted model's mined n-grams are `overlap` entries: many hits a title,
    // beside the lexicon's. Warm once, then two counted passes allow nothing.
    let _guard = scoring();
    let mut w = clickbait::Weights::default();
    for (p, weight) in [
        ("the", 0.1),
        ("you", 0.4),
        ("prices", -0.2),
        ("prices crash", 0.3),
        ("car", 0.1),
        ("?", 0.5),
        ("!", 0.2),
        ("二手", 0.3),
        ("二", 0.1),
        ("崩", 0.2),
        ("车", -0.1),
    ] {
        w.entries.push(clickbait::EntrySpec {
            phrase: Some(p.to_string()),
            category: Some(if weight > 0.0 { "curiosity" } else { "sober" }.into()),
            weight: Some(weight),
            overlap: true,
            ..clickbait::EntrySpec::default()
        });
    }
    let c = Classifier::builder().weights(w).build().unwrap();
    for t in TITLES {
        c.score_value(t);
    }
    let (n, bytes, _) = allocations_in(|| {
        for _ in 0..2 {
            for t in TITLES.iter().chain(TITLES.iter().rev()) {
                std::hint::black_box(c.score_value(std::hint::black_box(t)));
            }
        }
    });
    assert!(n == 0, "{n} allocations, {bytes} bytes");
    // And the overlap hits did count: "prices" and "prices crash" together.
    let v = c.score("Used car prices crash?");
    assert!(
        v.hits
            .iter()
            .filter(|h| h.phrase.starts_with("prices"))
            .count()
            == 2,
        "{v:?}"
    );
}
