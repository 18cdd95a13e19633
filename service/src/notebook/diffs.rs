//! Revision diffs for the entry's history, worked out off the async workers, two at a
//! time at most, and once per pair of revisions: revisions never change, so a pair's
//! diff is kept (by the two contents' SHA-256) for every later reader. A quadratic diff
//! on a worker thread froze the whole server for every reader of one entry.

use std::{sync::Arc, time::Duration};

use domain::diff::DiffLine;
use tokio::sync::Semaphore;

/// Time one diff may take before it settles for a coarser (still correct) answer.
const BUDGET: Duration = Duration::from_millis(250);
/// Diffs worked out at once; the others wait their turn.
const AT_ONCE: usize = 2;
/// Pairs kept (each at most `domain::diff::SHOWN` lines).
const KEPT: usize = 512;

/// Diffs by the SHA-256 of the text before and after.
type Kept = quick_cache::sync::Cache<(String, String), Arc<Vec<DiffLine>>>;

#[derive(Clone)]
pub struct Diffs {
    kept: Arc<Kept>,
    turns: Arc<Semaphore>,
}

impl Default for Diffs {
    fn default() -> Self {
        Self {
            kept: Arc::new(quick_cache::sync::Cache::new(KEPT)),
            turns: Arc::new(Semaphore::new(AT_ONCE)),
        }
    }
}

impl std::fmt::Debug for Diffs {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Diffs")
            .field("kept", &self.kept.len())
            .finish()
    }
}

impl Diffs {
    /// What `after` changed in `before`; `keys` name the two texts (their SHA-256).
    pub async fn between(
        &self,
        keys: (&str, &str),
        before: Arc<str>,
        after: Arc<str>,
    ) -> Arc<Vec<DiffLine>> {
        let key = (keys.0.to_owned(), keys.1.to_owned());
        if let Some(found) = self.kept.get(&key) {
            return found;
        }
        // A closed semaphore never happens (it is never closed); diff anyway if it did.
        let _turn = self.turns.acquire().await.ok();
        if let Some(found) = self.kept.get(&key) {
            return found;
        }
        let worked = tokio::task::spawn_blocking(move || {
            domain::diff::lines_within(&before, &after, BUDGET)
        })
        .await
        .unwrap_or_default();
        let worked = Arc::new(worked);
        self.kept.insert(key, worked.clone());
        worked
    }
}
