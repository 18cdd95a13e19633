//! Recall flags: an entry marked because something it used was recalled.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::DomainError;

/// `POST /api/v1/trace/{kind}/{id}/flag`: mark every entry downstream of a lot, a sample
/// or an instrument's window as affected.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewFlag {
    pub reason: String,
    /// Instruments: the window that is affected (RFC 3339 or a day).
    #[serde(default)]
    pub from: Option<String>,
    #[serde(default)]
    pub to: Option<String>,
}

pub const MAX_REASON_CHARS: usize = 500;

impl NewFlag {
    pub fn check_reason(&self) -> Result<String, DomainError> {
        let reason = self.reason.trim();
        if reason.is_empty() {
            return Err(DomainError::invalid("reason", "empty", "must not be empty"));
        }
        if reason.chars().count() > MAX_REASON_CHARS {
            return Err(DomainError::invalid(
                "reason",
                "too_long",
                format!("must be at most {MAX_REASON_CHARS} characters"),
            ));
        }
        Ok(reason.to_owned())
    }
}

/// What marking did.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FlagOutcome {
    /// Entries newly flagged (including ones the caller may not see).
    pub flagged: usize,
    /// The flagged entries the caller may see.
    pub entries: Vec<uuid::Uuid>,
    /// Flagged entries hidden from the caller.
    pub restricted: usize,
    /// Entries downstream that another team owns and the caller may not change, when the
    /// source is not their team's: not flagged, left for their teams to flag.
    #[serde(default)]
    pub left_to_their_teams: usize,
}

/// A recall mark on an entry.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EntryFlag {
    pub id: uuid::Uuid,
    pub reason: String,
    /// What it came from: `lot`, `sample` or `instrument`, and its label code when the
    /// reader may see it.
    pub source_kind: String,
    pub source_label_code: Option<String>,
    pub flagged_by: Option<String>,
    pub created_at: DateTime<Utc>,
}
