//! Protocols: versioned documents with steps. A version an entry followed is frozen: a
//! change makes the next version, so an entry always points at the text it followed.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::{entry::MAX_BODY_BYTES, person::parse_name, DomainError, FieldError};

const MAX_STEPS: usize = 200;
const MAX_STEP_CHARS: usize = 1000;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Protocol {
    pub id: Uuid,
    pub team_id: Uuid,
    pub name: String,
    /// Oldest first; the last is the current one.
    pub versions: Vec<ProtocolVersion>,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProtocolVersion {
    pub id: Uuid,
    pub protocol_id: Uuid,
    pub version: i32,
    /// Markdown.
    pub body: String,
    pub steps: Vec<String>,
    /// An entry followed it: it will never change.
    pub frozen: bool,
    pub created_at: DateTime<Utc>,
}

/// `POST /api/v1/protocols`.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewProtocol {
    /// Not blank, at most 200 characters, no control or invisible characters.
    #[cfg_attr(
        feature = "openapi",
        schema(min_length = 1, max_length = 200, pattern = r"\S")
    )]
    pub name: String,
    #[serde(default)]
    pub body: String,
    #[serde(default)]
    pub steps: Vec<String>,
    #[serde(default)]
    pub team_id: Option<Uuid>,
}

/// `POST /api/v1/protocols/{id}/versions`: the text and steps as they are now.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewProtocolVersion {
    #[serde(default)]
    pub body: String,
    #[serde(default)]
    pub steps: Vec<String>,
}

impl NewProtocol {
    pub fn check(&self) -> Result<(String, NewProtocolVersion), DomainError> {
        let mut errors: Vec<FieldError> = Vec::new();
        let name = parse_name("name", &self.name)
            .map_err(|e| errors.extend(e.field_errors().iter().cloned()))
            .ok();
        let version = NewProtocolVersion {
            body: self.body.clone(),
            steps: self.steps.clone(),
        }
        .check()
        .map_err(|e| errors.extend(e.field_errors().iter().cloned()))
        .ok();
        match (name, version) {
            (Some(name), Some(version)) if errors.is_empty() => Ok((name, version)),
            _ => Err(DomainError::Validation(errors)),
        }
    }
}

impl NewProtocolVersion {
    /// Steps trimmed, empty ones dropped; at least one step or some text.
    pub fn check(&self) -> Result<Self, DomainError> {
        let mut errors = Vec::new();
        let steps: Vec<String> = self
            .steps
            .iter()
            .map(|s| s.trim().to_owned())
            .filter(|s| !s.is_empty())
            .collect();
        if steps.len() > MAX_STEPS {
            errors.push(FieldError::new(
                "steps",
                "too_many",
                format!("at most {MAX_STEPS} steps"),
            ));
        }
        if let Some(i) = steps
            .iter()
            .position(|s| s.chars().count() > MAX_STEP_CHARS)
        {
            errors.push(FieldError::new(
                format!("steps[{i}]"),
                "too_long",
                format!("a step is at most {MAX_STEP_CHARS} characters"),
            ));
        }
        if self.body.len() > MAX_BODY_BYTES {
            errors.push(FieldError::new("body", "too_long", "is too long"));
        }
        if steps.is_empty() && self.body.trim().is_empty() {
            errors.push(FieldError::new(
                "steps",
                "empty",
                "give the steps, or the text",
            ));
        }
        if errors.is_empty() {
            Ok(Self {
                body: self.body.replace("\r\n", "\n"),
                steps,
            })
        } else {
            Err(DomainError::Validation(errors))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_are_trimmed_and_blank_ones_dropped() {
        let v = NewProtocolVersion {
            body: String::new(),
            steps: vec![" Thaw ".into(), "".into(), "Spin 5 min".into()],
        }
        .check()
        .unwrap();
        assert_eq!(v.steps, ["Thaw", "Spin 5 min"]);
        let empty = NewProtocolVersion::default().check().unwrap_err();
        assert_eq!(empty.field_errors()[0].field, "steps");
    }
}
