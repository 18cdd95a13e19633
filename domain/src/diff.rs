//! What changed between two revisions of a text, line by line, for the entry's history.
//!
//! Comparing two texts is quadratic in the worst case: two different 1 MB bodies of
//! 500,000 lines took about 25 minutes (20,000 lines: 2.4 s). So: texts over
//! [`MAX_LINES`] are not compared line by line, the comparison has a time budget (past
//! it, the diff is coarser but still correct), and only the changed lines with a little
//! context are kept, at most [`SHOWN`] of them.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Change {
    Same,
    Added,
    Removed,
    /// Lines left out; `text` holds how many.
    Omitted,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DiffLine {
    pub change: Change,
    pub text: String,
}

/// Texts with more lines than this (either of them) are not compared line by line.
pub const MAX_LINES: usize = 20_000;
/// Lines of a diff kept at most (changed lines and their context).
pub const SHOWN: usize = 2_000;
/// Unchanged lines kept around each change.
#[cfg(not(target_arch = "wasm32"))]
const CONTEXT: usize = 2;

/// The lines of `new` against `old` (Myers' algorithm, from the `similar` crate), given
/// at most `budget` of computing time.
#[cfg(not(target_arch = "wasm32"))]
pub fn lines_within(old: &str, new: &str, budget: std::time::Duration) -> Vec<DiffLine> {
    let (old_lines, new_lines) = (old.lines().count(), new.lines().count());
    if old_lines > MAX_LINES || new_lines > MAX_LINES {
        return vec![
            DiffLine {
                change: Change::Removed,
                text: format!("({old_lines} lines)"),
            },
            DiffLine {
                change: Change::Added,
                text: format!("({new_lines} lines)"),
            },
        ];
    }
    let diff = similar::TextDiff::configure()
        .algorithm(similar::Algorithm::Myers)
        .deadline(std::time::Instant::now() + budget)
        .diff_lines(old, new);
    let mut out = Vec::new();
    let mut left_out = 0usize;
    let mut shown_until = 0usize;
    for (i, group) in diff.grouped_ops(CONTEXT).iter().enumerate() {
        let first = group.first().map_or(0, |op| op.old_range().start);
        if i > 0 || first > 0 {
            let skipped = first.saturating_sub(shown_until);
            if skipped > 0 {
                out.push(omitted(skipped));
            }
        }
        for op in group {
            for change in diff.iter_changes(op) {
                if out.len() >= SHOWN {
                    left_out += 1;
                    continue;
                }
                out.push(DiffLine {
                    change: match change.tag() {
                        similar::ChangeTag::Equal => Change::Same,
                        similar::ChangeTag::Insert => Change::Added,
                        similar::ChangeTag::Delete => Change::Removed,
                    },
                    text: change.value().trim_end_matches('\n').to_owned(),
                });
            }
        }
        shown_until = group.last().map_or(0, |op| op.old_range().end);
    }
    if left_out > 0 {
        out.push(omitted(left_out));
    } else if shown_until > 0 && shown_until < old_lines {
        out.push(omitted(old_lines - shown_until));
    }
    out
}

#[cfg(not(target_arch = "wasm32"))]
fn omitted(count: usize) -> DiffLine {
    DiffLine {
        change: Change::Omitted,
        text: count.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use std::time::{Duration, Instant};

    use super::*;

    fn lines(old: &str, new: &str) -> Vec<DiffLine> {
        lines_within(old, new, Duration::from_secs(1))
    }

    #[test]
    fn a_changed_line_is_one_removed_and_one_added() {
        let d = lines("mix\nheat 5 min\ncool\n", "mix\nheat 10 min\ncool\n");
        let changes: Vec<_> = d.iter().map(|l| (l.change, l.text.as_str())).collect();
        assert_eq!(
            changes,
            [
                (Change::Same, "mix"),
                (Change::Removed, "heat 5 min"),
                (Change::Added, "heat 10 min"),
                (Change::Same, "cool")
            ]
        );
    }

    #[test]
    fn far_unchanged_lines_are_left_out_and_counted() {
        let old: String = (0..100).map(|i| format!("line {i}\n")).collect();
        let new = old.replace("line 50\n", "line fifty\n");
        let d = lines(&old, &new);
        assert_eq!(d[0], omitted(48));
        assert_eq!(d.iter().filter(|l| l.change != Change::Omitted).count(), 6);
        assert_eq!(d.last(), Some(&omitted(47)));
    }

    #[test]
    fn two_large_different_texts_are_compared_within_the_budget() {
        // 20,000 different lines each: about 2.4 s without a deadline.
        let old: String = (0..MAX_LINES).map(|i| format!("old {i}\n")).collect();
        let new: String = (0..MAX_LINES).map(|i| format!("new {i}\n")).collect();
        let started = Instant::now();
        let d = lines_within(&old, &new, Duration::from_millis(100));
        assert!(
            started.elapsed() < Duration::from_secs(2),
            "{:?}",
            started.elapsed()
        );
        assert!(d.len() <= SHOWN + 1);
        assert_eq!(d.last().map(|l| l.change), Some(Change::Omitted));
        // Over the limit: not compared at all.
        let huge: String = (0..=MAX_LINES).map(|i| format!("{i}\n")).collect();
        assert_eq!(lines(&huge, "x\n").len(), 2);
    }
}
