//! The CLI's parallelism in one place: the streaming commands' (`score`,
//! `eval`) ordered, bounded pipeline of one reader, N workers and one in-order
//! sink; a rayon pool for in-memory batches (`fit`); one thread count for both.
//!
//! Memory stays flat: at most `2 × threads` chunks are in flight (read but not
//! yet written), whatever the input size.

use std::collections::BTreeMap;
use std::sync::mpsc::{channel, sync_channel, Receiver};
use std::sync::{Arc, Mutex};
use std::thread;

/// Runs `work` over every item `source` yields, on `threads` threads, and
/// feeds the results to `sink` in source order.
///
/// With `threads <= 1` everything runs on the calling thread. The first error
/// from `source` or `sink` stops the pipeline and is returned (items already
/// handed to the sink stay handed).
///
/// Threads are started before anything is read: when the system refuses one
/// (too many for its limits), the threads already started are stopped and an
/// error is returned, with nothing read from `source` or handed to `sink`.
///
/// # Errors
/// A thread that cannot be started, or the first error of `source` or `sink`.
pub fn run_ordered<T, U>(
    threads: usize,
    mut source: impl FnMut() -> anyhow::Result<Option<T>> + Send,
    work: impl Fn(T) -> U + Sync,
    mut sink: impl FnMut(U) -> anyhow::Result<()>,
) -> anyhow::Result<()>
where
    T: Send,
    U: Send,
{
    if threads <= 1 {
        while let Some(item) = source()? {
            sink(work(item))?;
        }
        return Ok(());
    }
    let in_flight = threads * 2;
    // A token per chunk in flight: the reader takes one, the sink gives it back.
    let (token_tx, token_rx) = sync_channel::<()>(in_flight);
    for _ in 0..in_flight {
        // The channel has room for exactly these tokens.
        let _ = token_tx.send(());
    }
    let (job_tx, job_rx) = sync_channel::<(u64, T)>(threads);
    let job_rx: Arc<Mutex<Receiver<(u64, T)>>> = Arc::new(Mutex::new(job_rx));
    let (done_tx, done_rx) = channel::<(u64, U)>();
    thread::scope(|s| {
        for i in 0..threads {
            let (job_rx, done_tx, work) = (Arc::clone(&job_rx), done_tx.clone(), &work);
            let spawned = thread::Builder::new().spawn_scoped(s, move || loop {
                let job = job_rx.lock().unwrap_or_else(|e| e.into_inner()).recv();
                let Ok((seq, item)) = job else { break };
                if done_tx.send((seq, work(item))).is_err() {
                    break;
                }
            });
            if let Err(e) = spawned {
                // Closing the job queue ends the workers already started, so
                // the scope can join them; nothing has been read or written.
                drop(job_tx);
                return Err(spawn_error(
                    e,
                    &format!("worker thread {} of {threads}", i + 1),
                ));
            }
        }
        drop((done_tx, job_rx));
        let reader = thread::Builder::new()
            .spawn_scoped(s, move || -> anyhow::Result<()> {
                let mut seq = 0u64;
                while token_rx.recv().is_ok() {
                    let Some(item) = source()? else { break };
                    if job_tx.send((seq, item)).is_err() {
                        break;
                    }
                    seq += 1;
                }
                Ok(())
            })
            // A failed spawn drops the closure, and with it the job queue's
            // sender: the workers end.
            .map_err(|e| spawn_error(e, "reader thread"))?;
        let mut pending = BTreeMap::new();
        let mut next = 0u64;
        let mut result = Ok(());
        'receive: for (seq, out) in done_rx.iter() {
            pending.insert(seq, out);
            while let Some(out) = pending.remove(&next) {
                next += 1;
                if let Err(e) = sink(out) {
                    result = Err(e);
                    break 'receive;
                }
                let _ = token_tx.send(());
            }
        }
        // Dropping these stops the reader and the workers if we left early.
        drop((done_rx, token_tx, pending));
        let read = reader
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        result.and(read)
    })
}

/// The number of worker threads: `requested`, or every core.
pub fn thread_count(requested: Option<usize>) -> usize {
    requested.unwrap_or_else(|| {
        std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(1)
    })
}

/// A rayon pool of `threads` threads, for maps over batches held in memory:
/// `pool.install(|| items.par_iter().map(f).collect())` keeps item order.
///
/// # Errors
/// The system refused to start the threads.
pub fn rayon_pool(threads: usize) -> anyhow::Result<rayon::ThreadPool> {
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .map_err(|e| {
            anyhow::Error::new(e).context(format!(
                "cannot start {threads} worker threads (try a smaller --threads)"
            ))
        })
}

/// The error for a thread the system refused to start (too many threads for
/// its limits or memory): a clean message, never a panic.
fn spawn_error(e: std::io::Error, what: &str) -> anyhow::Error {
    anyhow::Error::new(e).context(format!("cannot start {what} (try a smaller --threads)"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn collect(threads: usize, n: u32) -> Vec<u32> {
        let mut i = 0;
        let mut got = Vec::new();
        run_ordered(
            threads,
            || {
                i += 1;
                Ok((i <= n).then_some(i))
            },
            |x| {
                if x % 7 == 0 {
                    thread::sleep(std::time::Duration::from_millis(2));
                }
                x * 2
            },
            |y| {
                got.push(y);
                Ok(())
            },
        )
        .unwrap();
        got
    }

    #[test]
    fn keeps_order() {
        let want: Vec<u32> = (1..=200).map(|x| x * 2).collect();
        assert_eq!(collect(1, 200), want);
        assert_eq!(collect(4, 200), want);
    }

    #[test]
    fn sink_error_stops_the_pipeline() {
        let mut i = 0u64;
        let r = run_ordered(
            3,
            || {
                i += 1;
                Ok(Some(i))
            },
            |x| x,
            |x| {
                if x == 50 {
                    Err(anyhow::anyhow!("stop"))
                } else {
                    Ok(())
                }
            },
        );
        assert_eq!(r.unwrap_err().to_string(), "stop");
    }
}
