//! A thing's history as its page shows it: each audited change, who made it, and which
//! fields it changed (from the audit log's before/after snapshots).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HistoryEntry {
    /// The audit record's sequence number (its place in the tamper-evident chain).
    pub seq: i64,
    pub at: DateTime<Utc>,
    /// e.g. `lot.consume`, `sample.update`.
    pub action: String,
    /// The person's name; "command line" for changes made with the CLI.
    pub by: String,
    /// Made with the command line (`paillasse` on the server), not by a person signed in.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub by_command_line: bool,
    pub changes: Vec<FieldChange>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FieldChange {
    pub field: String,
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub before: Value,
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub after: Value,
    /// What an id in `before` names (a place, a product, a team, a person), when the
    /// reader may see it: pages show names, not ids.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub before_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub after_name: Option<String>,
}

/// What an id-holding field of a snapshot names, by the field's name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Named {
    Location,
    Product,
    Team,
    Person,
}

impl Named {
    pub fn of_field(field: &str) -> Option<Self> {
        match field {
            "location_id" | "parent_id" => Some(Self::Location),
            "product_id" => Some(Self::Product),
            "team_id" => Some(Self::Team),
            "created_by" => Some(Self::Person),
            _ => None,
        }
    }
}

/// The top-level fields that differ between two snapshots, in the order of `after`
/// (then fields only `before` had). Bookkeeping fields are left out.
pub fn changes(before: Option<&Value>, after: Option<&Value>) -> Vec<FieldChange> {
    const SKIPPED: [&str; 2] = ["updated_at", "created_at"];
    let empty = serde_json::Map::new();
    let b = before.and_then(Value::as_object).unwrap_or(&empty);
    let a = after.and_then(Value::as_object).unwrap_or(&empty);
    let mut out = Vec::new();
    for (field, new) in a
        .iter()
        .chain(b.iter().filter(|(k, _)| !a.contains_key(*k)))
    {
        if SKIPPED.contains(&field.as_str()) {
            continue;
        }
        let old = b.get(field).unwrap_or(&Value::Null);
        let new = if a.contains_key(field) {
            new
        } else {
            &Value::Null
        };
        if old != new {
            out.push(FieldChange {
                field: field.clone(),
                before: old.clone(),
                after: new.clone(),
                before_name: None,
                after_name: None,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn only_changed_fields_are_listed() {
        let before = json!({"name": "A", "quantity": 10.0, "updated_at": "x", "gone": 1});
        let after = json!({"name": "A", "quantity": 7.5, "updated_at": "y", "status": "empty"});
        let fields: Vec<(String, Value, Value)> = changes(Some(&before), Some(&after))
            .into_iter()
            .map(|c| (c.field, c.before, c.after))
            .collect();
        assert_eq!(
            fields,
            [
                ("quantity".into(), json!(10.0), json!(7.5)),
                ("status".into(), Value::Null, json!("empty")),
                ("gone".into(), json!(1), Value::Null),
            ]
        );
        // A creation lists what was set.
        assert_eq!(changes(None, Some(&json!({"name": "A"}))).len(), 1);
    }
}
