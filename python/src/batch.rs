//! Scoring a batch on several threads when asked (`threads=`), shared by the
//! list and the Arrow entry points.

/// The number of threads for `threads=` (0: every core).
pub fn thread_count(threads: usize) -> usize {
    if threads == 0 {
        std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(1)
    } else {
        threads
    }
}

/// Fills `out[i] = f(i)`, on `threads` threads when the batch is big enough.
pub fn fill<F: Fn(usize) -> f32 + Sync>(out: &mut [f32], threads: usize, f: F) {
    const MIN_PER_THREAD: usize = 2048;
    let threads = threads.min(out.len() / MIN_PER_THREAD).max(1);
    if threads == 1 {
        for (i, o) in out.iter_mut().enumerate() {
            *o = f(i);
        }
        return;
    }
    let chunk = out.len().div_ceil(threads);
    let f = &f;
    std::thread::scope(|s| {
        for (k, part) in out.chunks_mut(chunk).enumerate() {
            s.spawn(move || {
                for (j, o) in part.iter_mut().enumerate() {
                    *o = f(k * chunk + j);
                }
            });
        }
    });
}
