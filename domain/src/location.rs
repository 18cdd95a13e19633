//! Storage locations: a tree (site > room > freezer > shelf > box).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Deserializer, Serialize};
use uuid::Uuid;

use crate::DomainError;

pub const NAME_MAX_CHARS: usize = 200;

/// A location as the API and the UI see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Location {
    pub id: Uuid,
    pub name: String,
    pub parent_id: Option<Uuid>,
    pub label_code: String,
    /// The owning team.
    pub team_id: Uuid,
    /// Who made it (`null` for locations made before creators were recorded).
    pub created_by: Option<Uuid>,
    /// Set when the location is a box with positions.
    pub grid: Option<crate::grid::Grid>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// `POST /api/v1/locations`. Unknown fields are refused so a typo is not silently ignored.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewLocation {
    /// Not blank, at most 200 characters, no control or invisible characters.
    #[cfg_attr(
        feature = "openapi",
        schema(min_length = 1, max_length = 200, pattern = r"\S")
    )]
    pub name: String,
    #[serde(default)]
    pub parent_id: Option<Uuid>,
    /// The owning team; by default the parent's (if the creator may write there), else
    /// the creator's only team.
    #[serde(default)]
    pub team_id: Option<Uuid>,
    /// Makes the location a box: `{"rows": 9, "cols": 9}`.
    #[serde(default)]
    pub grid: Option<crate::grid::Grid>,
}

/// `PATCH /api/v1/locations/{id}`: absent fields stay as they are; `"parent_id": null`
/// makes the location a root.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct LocationPatch {
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default, deserialize_with = "present")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<Uuid>, nullable))]
    pub parent_id: Option<Option<Uuid>>,
    /// Hands the location to another team (its managers or the creator only).
    #[serde(default)]
    pub team_id: Option<Uuid>,
    /// Resizes the box (never below what it holds); `null` makes it a plain location again
    /// (only when empty).
    #[serde(default, deserialize_with = "present")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<crate::grid::Grid>, nullable))]
    pub grid: Option<Option<crate::grid::Grid>>,
}

/// Distinguishes "field absent" (outer `None`, via `default`) from "field is null".
fn present<'de, D: Deserializer<'de>, T: Deserialize<'de>>(
    d: D,
) -> Result<Option<Option<T>>, D::Error> {
    Option::<T>::deserialize(d).map(Some)
}

/// A location name: trimmed, not empty, at most [`NAME_MAX_CHARS`] characters, no control
/// or invisible characters (see [`crate::text`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LocationName(String);

impl LocationName {
    pub fn parse(raw: &str) -> Result<Self, DomainError> {
        let name = raw.trim();
        if name.is_empty() {
            return Err(DomainError::invalid("name", "empty", "must not be empty"));
        }
        if name.chars().count() > NAME_MAX_CHARS {
            return Err(DomainError::invalid(
                "name",
                "too_long",
                format!("must be at most {NAME_MAX_CHARS} characters"),
            ));
        }
        crate::text::check_name("name", name)?;
        Ok(Self(name.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// One node of the location tree, for display.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LocationNode {
    pub location: Location,
    pub depth: usize,
}

/// Orders a flat list as a depth-first tree (children after their parent, siblings by
/// name), so a page can render the tree as an indented list.
pub fn as_tree(mut all: Vec<Location>) -> Vec<LocationNode> {
    all.sort_by_key(|l| l.name.to_lowercase());
    let known: std::collections::HashSet<Uuid> = all.iter().map(|l| l.id).collect();
    let mut out = Vec::with_capacity(all.len());
    // Roots, plus orphans whose parent is not in the list (e.g. not visible to the caller).
    let roots: Vec<Location> = all
        .iter()
        .filter(|l| l.parent_id.is_none_or(|p| !known.contains(&p)))
        .cloned()
        .collect();
    let mut stack: Vec<(Location, usize)> = roots.into_iter().rev().map(|l| (l, 0)).collect();
    while let Some((loc, depth)) = stack.pop() {
        let children = all
            .iter()
            .filter(|c| c.parent_id == Some(loc.id))
            .rev()
            .map(|c| (c.clone(), depth + 1));
        stack.extend(children);
        out.push(LocationNode {
            location: loc,
            depth,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn loc(id: u128, name: &str, parent: Option<u128>) -> Location {
        Location {
            id: Uuid::from_u128(id),
            name: name.into(),
            parent_id: parent.map(Uuid::from_u128),
            label_code: String::new(),
            team_id: Uuid::nil(),
            created_by: None,
            grid: None,
            created_at: DateTime::UNIX_EPOCH,
            updated_at: DateTime::UNIX_EPOCH,
        }
    }

    #[test]
    fn names_are_trimmed_and_checked() {
        assert_eq!(
            LocationName::parse("  Freezer A ").unwrap().as_str(),
            "Freezer A"
        );
        assert!(LocationName::parse("   ").is_err());
        assert!(LocationName::parse("a\u{7}b").is_err());
        assert!(LocationName::parse(&"x".repeat(201)).is_err());
        assert!(LocationName::parse(&"é".repeat(200)).is_ok());
    }

    #[test]
    fn tree_puts_children_under_parents_sorted_by_name() {
        let tree = as_tree(vec![
            loc(3, "shelf 2", Some(2)),
            loc(2, "Freezer", Some(1)),
            loc(1, "Room 101", None),
            loc(4, "shelf 1", Some(2)),
            loc(5, "Annex", None),
        ]);
        let names: Vec<_> = tree
            .iter()
            .map(|n| format!("{}{}", "-".repeat(n.depth), n.location.name))
            .collect();
        assert_eq!(
            names,
            ["Annex", "Room 101", "-Freezer", "--shelf 1", "--shelf 2"]
        );
    }

    #[test]
    fn patch_tells_absent_from_null() {
        let absent: LocationPatch = serde_json_like(r#"{"name":"x"}"#);
        assert_eq!(absent.parent_id, None);
        let null: LocationPatch = serde_json_like(r#"{"parent_id":null}"#);
        assert_eq!(null.parent_id, Some(None));
    }

    fn serde_json_like(s: &str) -> LocationPatch {
        serde_json::from_str(s).unwrap()
    }
}
