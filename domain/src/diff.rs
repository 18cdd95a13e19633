//! What changed between two revisions of a text, line by line, for the entry's history.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Change {
    Same,
    Added,
    Removed,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DiffLine {
    pub change: Change,
    pub text: String,
}

/// The lines of `new` against `old` (Myers' algorithm, from the `similar` crate).
pub fn lines(old: &str, new: &str) -> Vec<DiffLine> {
    similar::TextDiff::from_lines(old, new)
        .iter_all_changes()
        .map(|c| DiffLine {
            change: match c.tag() {
                similar::ChangeTag::Equal => Change::Same,
                similar::ChangeTag::Insert => Change::Added,
                similar::ChangeTag::Delete => Change::Removed,
            },
            text: c.value().trim_end_matches('\n').to_owned(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
