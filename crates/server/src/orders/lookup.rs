//! The guard on order lookups by number and email: a number looked up wrongly too often waits.

use std::collections::HashMap;

/// Failed lookups of one number allowed within [`LOOKUP_WINDOW`] seconds.
const LOOKUP_FAILURES: usize = 5;
const LOOKUP_WINDOW: i64 = 15 * 60;
/// Past this many numbers tracked, entries with no failure in the window are dropped.
const LOOKUP_TRACKED: usize = 10_000;

/// Failed lookups per order number. After [`LOOKUP_FAILURES`] within [`LOOKUP_WINDOW`],
/// lookups of that number by email wait until the oldest failure leaves the window (the
/// confirmation link's key, 128 random bits, is never limited). Unknown numbers count like
/// known ones. Kept in memory: one server's view, forgotten on restart.
#[derive(Default)]
pub struct LookupGuard {
    failures: std::sync::Mutex<HashMap<String, std::collections::VecDeque<i64>>>,
    /// When the map was last swept of numbers with no failure in the window.
    swept_at: std::sync::atomic::AtomicI64,
}

impl LookupGuard {
    /// Seconds before `number` may be looked up by email again, if it must wait.
    pub fn wait(&self, number: &str, now: i64) -> Option<u64> {
        let mut map = self.failures.lock().unwrap_or_else(|p| p.into_inner());
        let list = map.get_mut(number)?;
        while list.front().is_some_and(|t| now - t >= LOOKUP_WINDOW) {
            list.pop_front();
        }
        let oldest = *list.front()?;
        (list.len() >= LOOKUP_FAILURES).then(|| {
            u64::try_from(oldest + LOOKUP_WINDOW - now)
                .unwrap_or(1)
                .max(1)
        })
    }

    /// Records a failed lookup of `number` at `now`.
    pub fn failed(&self, number: &str, now: i64) {
        let mut map = self.failures.lock().unwrap_or_else(|p| p.into_inner());
        if map.len() >= LOOKUP_TRACKED && !map.contains_key(number) {
            // Sweeping is a pass over the whole map: at most once a minute.
            let last = self.swept_at.load(std::sync::atomic::Ordering::Relaxed);
            if now - last >= 60 {
                map.retain(|_, l| l.back().is_some_and(|t| now - t < LOOKUP_WINDOW));
                self.swept_at
                    .store(now, std::sync::atomic::Ordering::Relaxed);
            }
            if map.len() >= LOOKUP_TRACKED {
                // Full of recent failures (a flood, which the per-client rate limit slows):
                // this number is not tracked rather than the map growing without bound.
                return;
            }
        }
        let list = map.entry(number.to_owned()).or_default();
        list.push_back(now);
        if list.len() > LOOKUP_FAILURES {
            list.pop_front();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn five_failed_lookups_of_a_number_make_it_wait_until_the_oldest_leaves_the_window() {
        let guard = LookupGuard::default();
        for t in 0..5 {
            assert_eq!(guard.wait("SO-1", 100 + t), None);
            guard.failed("SO-1", 100 + t);
        }
        assert_eq!(guard.wait("SO-1", 110), Some(900 - 10));
        assert_eq!(guard.wait("SO-2", 110), None, "another number is not held");
        assert_eq!(guard.wait("SO-1", 100 + 899), Some(1));
        assert_eq!(
            guard.wait("SO-1", 100 + 900),
            None,
            "one failure left the window"
        );
        guard.failed("SO-1", 1000);
        assert_eq!(
            guard.wait("SO-1", 1000),
            Some(1),
            "five in the window again"
        );
    }
}
