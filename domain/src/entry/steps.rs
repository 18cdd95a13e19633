//! The steps of a protocol an entry follows, ticked one by one at the bench (a tap, not
//! an edit of the text): what a step's state is, and what a tick must name.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::DomainError;

/// A protocol version the entry follows, with its steps and which are done.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FollowedProtocol {
    pub protocol_version_id: Uuid,
    pub protocol_id: Uuid,
    pub name: String,
    pub version: i32,
    pub steps: Vec<EntryStep>,
}

/// One step: its text, and who did it when (absent while not done).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EntryStep {
    /// Its place in the protocol's list, from 0.
    pub step: u32,
    pub text: String,
    pub done: Option<StepDone>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StepDone {
    pub by: Option<Uuid>,
    /// The person's name, for the page.
    pub by_name: Option<String>,
    pub at: DateTime<Utc>,
}

/// `PUT /api/v1/entries/{id}/steps`: a step of a protocol the entry follows, done or not.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct StepTick {
    pub protocol_version_id: Uuid,
    /// The step's place in the protocol's list, from 0.
    pub step: u32,
    pub done: bool,
}

impl StepTick {
    /// A tick names a step the version has: `steps` is how many it has.
    pub fn check(&self, steps: usize) -> Result<(), DomainError> {
        if (self.step as usize) < steps {
            Ok(())
        } else {
            Err(DomainError::invalid(
                "step",
                "out_of_range",
                format!("the protocol has {steps} steps, numbered from 0"),
            ))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tick_names_a_step_the_protocol_has() {
        let tick = |step| StepTick {
            protocol_version_id: Uuid::nil(),
            step,
            done: true,
        };
        assert!(tick(0).check(3).is_ok());
        assert!(tick(2).check(3).is_ok());
        let past = tick(3).check(3).unwrap_err();
        assert_eq!(
            (
                past.field_errors()[0].field.as_str(),
                past.field_errors()[0].code.as_str()
            ),
            ("step", "out_of_range")
        );
        assert!(
            tick(0).check(0).is_err(),
            "a protocol of text only has no steps"
        );
    }
}
