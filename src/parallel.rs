//! Batch work over documents on a rayon pool built for the call.
//!
//! A pool per call (not rayon's global pool) keeps `n_jobs` exact and makes kalima safe to use
//! after `fork()`: a forked child never inherits a pool whose threads do not exist in it.

/// Threads when `n_jobs` is not given: every core, at most `KALIMA_NUM_THREADS` when that is
/// set (the bindings also choose one thread inside a worker process). `Err` names a
/// `KALIMA_NUM_THREADS` that is not a positive integer.
pub fn default_threads() -> Result<usize, String> {
    let cores = std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get);
    let cap = match std::env::var("KALIMA_NUM_THREADS") {
        Ok(v) => match v.trim().parse::<usize>() {
            Ok(n) if n >= 1 => n,
            _ => {
                return Err(format!(
                    "KALIMA_NUM_THREADS must be a positive integer; got {v:?}"
                ))
            }
        },
        Err(_) => usize::MAX,
    };
    Ok(cores.min(cap))
}

/// Number of worker threads for `n_jobs`: `None` → [`default_threads`], `-1` → every core, `-2`
/// → every core but one, … (scikit-learn's convention for negative values). Positive values are
/// capped at four threads per core, so a mistyped `n_jobs=10000` does not start ten thousand
/// threads. Returns `None` for `n_jobs == 0`; a bad `KALIMA_NUM_THREADS` counts as one thread
/// here (the bindings report it first).
pub fn threads_for(n_jobs: Option<i64>) -> Option<usize> {
    let cores = std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get);
    match n_jobs {
        None => Some(default_threads().unwrap_or(1)),
        Some(0) => None,
        Some(n) if n > 0 => Some(
            usize::try_from(n)
                .unwrap_or(usize::MAX)
                .min(cores.max(1) * 4),
        ),
        Some(n) => {
            let back = usize::try_from(n.unsigned_abs() - 1).unwrap_or(usize::MAX);
            Some(cores.saturating_sub(back).max(1))
        }
    }
}

/// A pool of `threads` workers for one call, or `None` when one thread is asked for or no
/// threads can be had (a sandbox, a limit): then the caller works on its own thread.
pub fn pool(threads: usize) -> Option<rayon::ThreadPool> {
    if threads <= 1 {
        return None;
    }
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn n_jobs_convention() {
        assert_eq!(threads_for(None), default_threads().ok());
        assert_eq!(threads_for(Some(1)), Some(1));
        assert_eq!(threads_for(Some(0)), None);
        assert!(threads_for(Some(-1)).unwrap() >= 1);
        assert_eq!(threads_for(Some(-1000)), Some(1));
    }

    #[test]
    fn one_thread_needs_no_pool() {
        assert!(pool(1).is_none());
        assert_eq!(pool(2).map(|p| p.current_num_threads()), Some(2));
    }
}
