//! Scoring a batch on several threads when asked (`threads=`), shared by the
//! list and the Arrow entry points: one rayon map, results in batch order.

use rayon::prelude::*;

/// Below this many titles per thread, more threads cost more than they save.
const MIN_PER_THREAD: usize = 2048;

/// `f(i)` for every `i` in `0..n`, in order: on the calling thread for one
/// thread or a small batch, else on a rayon pool of `threads` threads (0: as
/// many as rayon chooses, every core unless `RAYON_NUM_THREADS` says
/// otherwise), at most one per `MIN_PER_THREAD` titles.
///
/// # Errors
/// The system refused to start the threads.
pub fn scores(
    n: usize,
    threads: usize,
    f: impl Fn(usize) -> f32 + Send + Sync,
) -> Result<Vec<f32>, String> {
    let most = n / MIN_PER_THREAD;
    if threads == 1 || most <= 1 {
        return Ok((0..n).map(f).collect());
    }
    let wanted = if threads == 0 { 0 } else { threads.min(most) };
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(wanted)
        .build()
        .map_err(|e| format!("cannot start {threads} scoring threads: {e}"))?;
    Ok(pool.install(|| {
        (0..n)
            .into_par_iter()
            .with_min_len(MIN_PER_THREAD)
            .map(f)
            .collect()
    }))
}
