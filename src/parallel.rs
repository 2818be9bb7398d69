//! Batch work over documents on a rayon pool built for the call.
//!
//! A pool per call (not rayon's global pool) keeps `n_jobs` exact and makes kalima safe to use
//! after `fork()`: a forked child never inherits a pool whose threads do not exist in it.

use rayon::prelude::*;

/// Number of worker threads for `n_jobs` (scikit-learn's convention: `None` → 1, `-1` → every
/// core, `-2` → every core but one, …). Returns `None` for `n_jobs == 0`.
pub fn threads_for(n_jobs: Option<i64>) -> Option<usize> {
    let cores = std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get);
    match n_jobs {
        None => Some(1),
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

/// `f` over every item, in order, on `threads` threads. Output order never depends on `threads`.
pub fn map<T, R, F>(items: &[T], threads: usize, f: F) -> Vec<R>
where
    T: Sync,
    R: Send,
    F: Fn(&T) -> R + Sync + Send,
{
    if threads <= 1 || items.len() < 2 {
        return items.iter().map(f).collect();
    }
    match rayon::ThreadPoolBuilder::new().num_threads(threads).build() {
        Ok(pool) => pool.install(|| items.par_iter().map(&f).collect()),
        // No threads to be had (a sandbox, a limit): do the work on this thread.
        Err(_) => items.iter().map(f).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn n_jobs_convention() {
        assert_eq!(threads_for(None), Some(1));
        assert_eq!(threads_for(Some(1)), Some(1));
        assert_eq!(threads_for(Some(0)), None);
        assert!(threads_for(Some(-1)).unwrap() >= 1);
        assert_eq!(threads_for(Some(-1000)), Some(1));
    }

    #[test]
    fn order_is_kept() {
        let v: Vec<u32> = (0..10_000).collect();
        assert_eq!(map(&v, 1, |x| x * 2), map(&v, 3, |x| x * 2));
    }
}
