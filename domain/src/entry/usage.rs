//! What an entry used or made: the usages that tie it to the lots, samples and
//! instruments of the bench, and the requests that add them.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::{person::parse_name, DomainError, FieldError};

/// What an entry used or made.
#[cfg_attr(
    feature = "db",
    derive(sea_orm::DeriveValueType),
    sea_orm(
        value_type = "String",
        from_str = "UsageKind::from_stored",
        to_str = "UsageKind::to_stored"
    )
)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum UsageKind {
    /// A lot consumed (a `consume` line in its ledger).
    Lot,
    SampleInput,
    SampleOutput,
    /// An instrument used during a time window.
    Instrument,
    /// The protocol version followed.
    Protocol,
}

crate::stored!(
    UsageKind,
    "usage kind",
    [Lot, SampleInput, SampleOutput, Instrument, Protocol]
);

impl UsageKind {
    /// The kind of thing used.
    pub fn thing(self) -> crate::kind::Kind {
        use crate::kind::Kind;
        match self {
            Self::Lot => Kind::Lot,
            Self::SampleInput | Self::SampleOutput => Kind::Sample,
            Self::Instrument => Kind::Instrument,
            Self::Protocol => Kind::ProtocolVersion,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Lot => "lot",
            Self::SampleInput => "sample_input",
            Self::SampleOutput => "sample_output",
            Self::Instrument => "instrument",
            Self::Protocol => "protocol",
        }
    }
}

/// A row of the entry's "Materials and equipment" table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Usage {
    pub id: Uuid,
    pub kind: UsageKind,
    /// The lot, sample or instrument.
    pub thing_id: Uuid,
    /// Empty when the reader may not see the thing (`restricted`).
    pub label_code: Option<String>,
    pub name: Option<String>,
    pub restricted: bool,
    /// Lots: the supplier's lot number and the expiry date.
    pub supplier_lot: Option<String>,
    pub expires_on: Option<NaiveDate>,
    /// Lots: how much was consumed.
    pub quantity: Option<f64>,
    pub unit: Option<String>,
    /// Instruments: the window of use.
    pub started_at: Option<DateTime<Utc>>,
    pub ended_at: Option<DateTime<Utc>>,
    /// Recorded when the usage was added: a lapsed calibration, an instrument in
    /// maintenance, an expired lot (in English; `notices` has the same as codes).
    pub warning: Option<String>,
    /// The same warnings as codes with their values, for each reader's language.
    #[serde(default)]
    pub notices: Vec<crate::bench::UseNotice>,
    /// An instrument: how its calibration stood over the use (its worst state on any
    /// day of it), and until when the calibration that covered its first day ran.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub calibration: Option<crate::instrument::CalibrationState>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub calibrated_until: Option<NaiveDate>,
    pub created_at: DateTime<Utc>,
}

/// `POST /api/v1/entries/{id}/usages`: one of
/// `{"lot_id","quantity","unit"}`, `{"sample_id","role":"input"|"output"}`,
/// `{"role":"output","name","quantity","unit","relation"?}` (a new sample made by the
/// entry from its inputs), `{"instrument_id","started_at","ended_at"}`.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewUsage {
    #[serde(default)]
    pub lot_id: Option<Uuid>,
    #[serde(default)]
    pub sample_id: Option<Uuid>,
    #[serde(default)]
    pub instrument_id: Option<Uuid>,
    /// The protocol version followed.
    #[serde(default)]
    pub protocol_version_id: Option<Uuid>,
    #[serde(default)]
    pub role: Option<String>,
    #[serde(default)]
    pub quantity: Option<f64>,
    #[serde(default)]
    pub unit: Option<String>,
    /// A new output sample's name (and `type`, `relation` to the inputs).
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default, rename = "type")]
    pub sample_type: Option<String>,
    #[serde(default)]
    pub relation: Option<String>,
    #[serde(default)]
    pub started_at: Option<DateTime<Utc>>,
    #[serde(default)]
    pub ended_at: Option<DateTime<Utc>>,
}

/// A usage request read as what it asks.
#[derive(Debug, Clone, PartialEq)]
pub enum UsageRequest {
    Lot {
        lot_id: Uuid,
        quantity: f64,
        unit: Option<String>,
    },
    SampleInput {
        sample_id: Uuid,
    },
    SampleOutput {
        sample_id: Uuid,
    },
    NewOutput {
        name: String,
        quantity: f64,
        unit: String,
        sample_type: Option<String>,
        relation: String,
    },
    Instrument {
        instrument_id: Uuid,
        started_at: DateTime<Utc>,
        ended_at: DateTime<Utc>,
    },
    Protocol {
        version_id: Uuid,
    },
}

impl UsageRequest {
    /// The kind of usage it records.
    pub fn kind(&self) -> UsageKind {
        match self {
            Self::Lot { .. } => UsageKind::Lot,
            Self::SampleInput { .. } => UsageKind::SampleInput,
            Self::SampleOutput { .. } | Self::NewOutput { .. } => UsageKind::SampleOutput,
            Self::Instrument { .. } => UsageKind::Instrument,
            Self::Protocol { .. } => UsageKind::Protocol,
        }
    }
}

impl NewUsage {
    /// Which usage this is, every missing or contradictory field named.
    pub fn read(&self) -> Result<UsageRequest, DomainError> {
        let given = [
            self.lot_id.is_some(),
            self.sample_id.is_some(),
            self.instrument_id.is_some(),
            self.protocol_version_id.is_some(),
        ]
        .iter()
        .filter(|g| **g)
        .count();
        let new_output = given == 0 && self.name.is_some();
        if given > 1 || (given == 0 && !new_output) {
            return Err(DomainError::invalid(
                "lot_id",
                "one_of",
                "give exactly one of lot_id, sample_id, instrument_id, protocol_version_id (or name for a new output sample)",
            ));
        }
        let role = self.role.as_deref().map(str::trim);
        if let Some(version_id) = self.protocol_version_id {
            return Ok(UsageRequest::Protocol { version_id });
        }
        if let Some(lot_id) = self.lot_id {
            return match self.quantity {
                Some(quantity) => Ok(UsageRequest::Lot {
                    lot_id,
                    quantity,
                    unit: self.unit.clone(),
                }),
                None => Err(DomainError::invalid(
                    "quantity",
                    "required",
                    "how much of the lot was used",
                )),
            };
        }
        if let Some(sample_id) = self.sample_id {
            return match role {
                Some("input") | None => Ok(UsageRequest::SampleInput { sample_id }),
                Some("output") => Ok(UsageRequest::SampleOutput { sample_id }),
                Some(_) => Err(DomainError::invalid(
                    "role",
                    "invalid",
                    "must be input or output",
                )),
            };
        }
        if let Some(instrument_id) = self.instrument_id {
            let mut errors = Vec::new();
            if self.started_at.is_none() {
                errors.push(FieldError::new("started_at", "required", "is required"));
            }
            if self.ended_at.is_none() {
                errors.push(FieldError::new("ended_at", "required", "is required"));
            }
            if let (Some(s), Some(e)) = (self.started_at, self.ended_at) {
                if e < s {
                    errors.push(FieldError::new(
                        "ended_at",
                        "before_start",
                        "must not be before started_at",
                    ));
                }
            }
            return match (self.started_at, self.ended_at) {
                (Some(started_at), Some(ended_at)) if errors.is_empty() => {
                    Ok(UsageRequest::Instrument {
                        instrument_id,
                        started_at,
                        ended_at,
                    })
                }
                _ => Err(DomainError::Validation(errors)),
            };
        }
        if role.is_some_and(|r| r != "output") {
            return Err(DomainError::invalid(
                "role",
                "invalid",
                "a new sample is an output",
            ));
        }
        let mut errors = Vec::new();
        let name = parse_name("name", self.name.as_deref().unwrap_or_default())
            .map_err(|e| errors.extend(e.field_errors().iter().cloned()))
            .ok();
        if self.quantity.is_none() {
            errors.push(FieldError::new("quantity", "required", "is required"));
        }
        if self.unit.as_deref().is_none_or(|u| u.trim().is_empty()) {
            errors.push(FieldError::new("unit", "required", "is required"));
        }
        // Checked here so that the error names this body's field, not the lineage rows
        // the relation ends up in.
        let relation = self.relation.clone().unwrap_or_else(|| "other".into());
        if let Err(e) = crate::sample::Derivation::parse("relation", &relation) {
            errors.extend(e.field_errors().iter().cloned());
        }
        match (name, self.quantity, self.unit.clone()) {
            (Some(name), Some(quantity), Some(unit)) if errors.is_empty() => {
                Ok(UsageRequest::NewOutput {
                    name,
                    quantity,
                    unit,
                    sample_type: self.sample_type.clone(),
                    relation,
                })
            }
            _ => Err(DomainError::Validation(errors)),
        }
    }
}
