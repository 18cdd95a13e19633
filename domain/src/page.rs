//! Cursor pagination shared by every collection.

use base64::{engine::general_purpose::URL_SAFE_NO_PAD, Engine};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::DomainError;

pub const DEFAULT_LIMIT: u64 = 50;
pub const MAX_LIMIT: u64 = 500;

/// One page of a collection: `{"items":[...],"next_cursor":...}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Page<T> {
    pub items: Vec<T>,
    pub next_cursor: Option<String>,
}

impl<T> Page<T> {
    /// A page from rows fetched with `limit + 1`: the extra row only says that another
    /// page follows, whose cursor is the id of the last row kept.
    pub fn from_rows<R>(
        mut rows: Vec<R>,
        request: PageRequest,
        id: impl Fn(&R) -> Uuid,
        into: impl FnMut(R) -> T,
    ) -> Self {
        let next_cursor = if rows.len() as u64 > request.limit {
            rows.truncate(request.limit as usize);
            rows.last().map(|r| encode_cursor(id(r)))
        } else {
            None
        };
        Self {
            items: rows.into_iter().map(into).collect(),
            next_cursor,
        }
    }
}

/// A validated page request: the limit is in range and the cursor decoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageRequest {
    pub limit: u64,
    /// Items strictly after this id (ids are UUIDv7, so id order is creation order).
    pub after: Option<Uuid>,
}

impl PageRequest {
    pub fn parse(limit: Option<&str>, cursor: Option<&str>) -> Result<Self, DomainError> {
        let limit = match limit {
            None | Some("") => DEFAULT_LIMIT,
            Some(raw) => match raw.trim().parse::<u64>() {
                Ok(n) if (1..=MAX_LIMIT).contains(&n) => n,
                _ => {
                    return Err(DomainError::invalid(
                        "limit",
                        "out_of_range",
                        format!("must be a whole number from 1 to {MAX_LIMIT}"),
                    ))
                }
            },
        };
        let after = match cursor {
            None | Some("") => None,
            Some(raw) => Some(decode_cursor(raw).ok_or_else(|| {
                DomainError::invalid(
                    "cursor",
                    "invalid",
                    "is not a cursor returned by this collection",
                )
            })?),
        };
        Ok(Self { limit, after })
    }
}

/// The order of a list. A cursor stays the id of the last row sent: the next page seeks
/// past that row's sort key and id, so pages neither skip nor repeat rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Sort {
    /// Oldest first (ids are UUIDv7).
    #[default]
    Created,
    /// By name, then oldest first.
    Name,
    /// Soonest expiry first, things without an expiry date last.
    Expiry,
    /// Newest first: how a notebook is read.
    Newest,
}

impl Sort {
    pub fn as_str(self) -> &'static str {
        match self {
            Sort::Created => "created",
            Sort::Name => "name",
            Sort::Expiry => "expiry",
            Sort::Newest => "newest",
        }
    }

    /// `raw` read as one of the orders a list `offers` (empty means creation order).
    pub fn parse(raw: Option<&str>, offers: &[Sort]) -> Result<Self, DomainError> {
        let raw = raw.map(str::trim).unwrap_or_default();
        if raw.is_empty() {
            return Ok(Sort::Created);
        }
        offers
            .iter()
            .copied()
            .find(|s| s.as_str().eq_ignore_ascii_case(raw))
            .ok_or_else(|| {
                let names: Vec<_> = offers.iter().map(|s| s.as_str()).collect();
                DomainError::invalid(
                    "sort",
                    "unknown",
                    format!("must be one of: {}", names.join(", ")),
                )
            })
    }
}

/// A day given in a query string (`YYYY-MM-DD`), empty meaning none.
pub fn optional_day(
    field: &str,
    raw: Option<&str>,
) -> Result<Option<chrono::NaiveDate>, DomainError> {
    match raw.map(str::trim).filter(|r| !r.is_empty()) {
        None => Ok(None),
        Some(text) => chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d")
            .map(Some)
            .map_err(|_| DomainError::invalid(field, "invalid", "must be a date as YYYY-MM-DD")),
    }
}

/// Cursors are opaque to clients so the encoding can change without breaking them.
pub fn encode_cursor(last_id: Uuid) -> String {
    URL_SAFE_NO_PAD.encode(format!("v1:{last_id}"))
}

fn decode_cursor(raw: &str) -> Option<Uuid> {
    let bytes = URL_SAFE_NO_PAD.decode(raw.trim()).ok()?;
    let text = String::from_utf8(bytes).ok()?;
    Uuid::parse_str(text.strip_prefix("v1:")?).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cursor_round_trips() {
        let id = Uuid::from_u128(42);
        let req = PageRequest::parse(Some("10"), Some(&encode_cursor(id))).unwrap();
        assert_eq!(
            req,
            PageRequest {
                limit: 10,
                after: Some(id)
            }
        );
    }

    #[test]
    fn bad_limits_and_cursors_name_their_field() {
        for bad in ["0", "-1", "abc", "501"] {
            let err = PageRequest::parse(Some(bad), None).unwrap_err();
            assert_eq!(err.field_errors()[0].field, "limit", "{bad}");
        }
        let err = PageRequest::parse(None, Some("not-a-cursor")).unwrap_err();
        assert_eq!(err.field_errors()[0].field, "cursor");
    }

    #[test]
    fn a_list_sorts_only_by_what_it_offers() {
        let offers = [Sort::Created, Sort::Name];
        assert_eq!(Sort::parse(None, &offers).unwrap(), Sort::Created);
        assert_eq!(Sort::parse(Some(" NAME "), &offers).unwrap(), Sort::Name);
        let err = Sort::parse(Some("expiry"), &offers).unwrap_err();
        assert_eq!(err.field_errors()[0].field, "sort");
        assert!(err.field_errors()[0].message.contains("created, name"));
    }

    #[test]
    fn defaults_apply_when_absent() {
        let req = PageRequest::parse(None, None).unwrap();
        assert_eq!(req.limit, DEFAULT_LIMIT);
        assert_eq!(req.after, None);
    }
}
