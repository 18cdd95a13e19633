//! Samples: material made in the lab, derived from other samples and lots. Lineage is a
//! graph that never loops: a sample can never descend from itself.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::{lot::present, DomainError, FieldError};

/// How a sample came from its parent.
#[cfg_attr(
    feature = "db",
    derive(sea_orm::DeriveValueType),
    sea_orm(
        value_type = "String",
        from_str = "Derivation::from_stored",
        to_str = "Derivation::to_stored"
    )
)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Derivation {
    Aliquot,
    Mixture,
    Extract,
    Culture,
    Other,
}

crate::stored!(
    Derivation,
    "derivation",
    [Aliquot, Mixture, Extract, Culture, Other]
);

impl Derivation {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Aliquot => "aliquot",
            Self::Mixture => "mixture",
            Self::Extract => "extract",
            Self::Culture => "culture",
            Self::Other => "other",
        }
    }

    pub fn parse(field: &str, raw: &str) -> Result<Self, DomainError> {
        let raw = raw.trim().to_ascii_lowercase();
        Self::ALL
            .iter()
            .copied()
            .find(|d| d.as_str() == raw)
            .ok_or_else(|| {
                DomainError::invalid(
                    field,
                    "invalid",
                    "must be one of aliquot, mixture, extract, culture, other",
                )
            })
    }
}

#[cfg_attr(
    feature = "db",
    derive(sea_orm::DeriveValueType),
    sea_orm(
        value_type = "String",
        from_str = "SampleStatus::from_stored",
        to_str = "SampleStatus::to_stored"
    )
)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum SampleStatus {
    Available,
    /// Nothing left (the ledger reached zero).
    UsedUp,
    Discarded,
}

crate::stored!(
    SampleStatus,
    "sample status",
    [Available, UsedUp, Discarded]
);

impl SampleStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Available => "available",
            Self::UsedUp => "used_up",
            Self::Discarded => "discarded",
        }
    }

    pub fn parse(raw: &str) -> Result<Self, DomainError> {
        match raw.trim().to_ascii_lowercase().as_str() {
            "available" => Ok(Self::Available),
            "used_up" => Ok(Self::UsedUp),
            "discarded" => Ok(Self::Discarded),
            _ => Err(DomainError::invalid(
                "status",
                "invalid",
                "must be one of available, used_up, discarded",
            )),
        }
    }
}

/// A parent as a reader sees it: `id` is absent when the reader may not see the parent
/// (it is counted, not described).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Parent {
    /// A sample or a lot.
    pub kind: crate::kind::Kind,
    pub id: Option<Uuid>,
    pub label_code: Option<String>,
    pub name: Option<String>,
    pub relation: Derivation,
    pub restricted: bool,
}

/// A sample as the API and the UI see it; `quantity` in `unit` is its ledger's sum.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Sample {
    pub id: Uuid,
    pub team_id: Uuid,
    pub created_by: Option<Uuid>,
    pub label_code: String,
    pub name: String,
    /// Free text: "plasma", "DNA extract", "E. coli culture"...
    #[serde(rename = "type")]
    pub sample_type: Option<String>,
    pub location_id: Option<Uuid>,
    /// The position in the box (`B7`), when the location is a box.
    pub position: Option<String>,
    pub quantity: f64,
    pub unit: String,
    pub status: SampleStatus,
    pub parents: Vec<Parent>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// One parent of a new sample: a sample or a lot, and how the new one came from it.
/// With `quantity`, that much is taken from the parent's stock in the same transaction.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewParent {
    #[serde(default)]
    pub sample_id: Option<Uuid>,
    #[serde(default)]
    pub lot_id: Option<Uuid>,
    pub relation: String,
    #[serde(default)]
    pub quantity: Option<f64>,
    #[serde(default)]
    pub unit: Option<String>,
}

/// One line of a sample's ledger.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SampleMovement {
    pub id: Uuid,
    pub sample_id: Uuid,
    pub kind: crate::ledger::MovementKind,
    /// Signed change, in the sample's unit.
    pub change: f64,
    pub unit: String,
    pub reason: Option<String>,
    pub by: Option<Uuid>,
    pub at: DateTime<Utc>,
}

/// `POST /api/v1/samples`.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewSample {
    /// Not blank, at most 200 characters, no control or invisible characters.
    #[cfg_attr(
        feature = "openapi",
        schema(min_length = 1, max_length = 200, pattern = r"\S")
    )]
    pub name: String,
    pub quantity: f64,
    pub unit: String,
    #[serde(default, rename = "type")]
    pub sample_type: Option<String>,
    #[serde(default)]
    pub location_id: Option<Uuid>,
    #[serde(default)]
    pub position: Option<String>,
    #[serde(default)]
    pub team_id: Option<Uuid>,
    #[serde(default)]
    pub parents: Vec<NewParent>,
}

/// `PATCH /api/v1/samples/{id}`.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct SamplePatch {
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default, rename = "type", deserialize_with = "present")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, nullable))]
    pub sample_type: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<Uuid>, nullable))]
    pub location_id: Option<Option<Uuid>>,
    #[serde(default, deserialize_with = "present")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, nullable))]
    pub position: Option<Option<String>>,
}

/// `POST /api/v1/samples/{id}/aliquots`: split a sample into `count` children of
/// `quantity` each, taken from it in one transaction.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewAliquots {
    pub count: u32,
    pub quantity: f64,
    #[serde(default)]
    pub unit: Option<String>,
    /// Where the aliquots go; the parent's place when absent.
    #[serde(default)]
    pub location_id: Option<Uuid>,
}

/// The most aliquots one action makes (a 96-well plate, with room to spare).
pub const MAX_ALIQUOTS: u32 = 384;

impl NewAliquots {
    pub fn check_count(&self) -> Result<u32, DomainError> {
        if (1..=MAX_ALIQUOTS).contains(&self.count) {
            Ok(self.count)
        } else {
            Err(DomainError::invalid(
                "count",
                "out_of_range",
                format!("must be between 1 and {MAX_ALIQUOTS}"),
            ))
        }
    }
}

/// The name of the `n`th aliquot (1-based) of a sample.
pub fn aliquot_name(parent: &str, n: u32) -> String {
    format!("{parent} · {n}")
}

/// Which parent a new parent names; exactly one of `sample_id` and `lot_id`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParentRef {
    Sample(Uuid),
    Lot(Uuid),
}

impl NewParent {
    /// The parent and relation, or errors named `{prefix}field` (`parents[2].` in a
    /// new sample's list, nothing when the body is the parent alone).
    pub fn check(&self, prefix: &str) -> Result<(ParentRef, Derivation), DomainError> {
        let field = |f: &str| format!("{prefix}{f}");
        let mut errors = Vec::new();
        let target = match (self.sample_id, self.lot_id) {
            (Some(s), None) => Some(ParentRef::Sample(s)),
            (None, Some(l)) => Some(ParentRef::Lot(l)),
            _ => {
                errors.push(FieldError::new(
                    field("sample_id"),
                    "one_parent",
                    "give exactly one of sample_id and lot_id",
                ));
                None
            }
        };
        let relation = Derivation::parse(&field("relation"), &self.relation)
            .map_err(|e| errors.extend(e.field_errors().iter().cloned()))
            .ok();
        match (target, relation) {
            (Some(t), Some(r)) if errors.is_empty() => Ok((t, r)),
            _ => Err(DomainError::Validation(errors)),
        }
    }
}

/// Refuses a new parent link that would make `child` its own ancestor. `ancestors` are
/// all ancestors of the proposed parent (found by the caller, who walks the graph).
pub fn check_no_cycle(
    field: &str,
    child: Uuid,
    parent: Uuid,
    ancestors: &[Uuid],
) -> Result<(), DomainError> {
    if parent == child || ancestors.contains(&child) {
        Err(DomainError::invalid(
            field,
            "cycle",
            "would make the sample descend from itself",
        ))
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parents_name_exactly_one_thing_and_a_known_relation() {
        let id = Uuid::nil();
        let ok = NewParent {
            sample_id: Some(id),
            relation: " Aliquot ".into(),
            ..Default::default()
        };
        assert_eq!(
            ok.check("parents[0].").unwrap(),
            (ParentRef::Sample(id), Derivation::Aliquot)
        );
        let both = NewParent {
            sample_id: Some(id),
            lot_id: Some(id),
            relation: "boiled".into(),
            ..Default::default()
        };
        let errors = both.check("parents[2].").unwrap_err();
        let fields: Vec<_> = errors
            .field_errors()
            .iter()
            .map(|e| e.field.as_str())
            .collect();
        assert_eq!(fields, ["parents[2].sample_id", "parents[2].relation"]);
    }

    #[test]
    fn a_sample_never_descends_from_itself() {
        let (a, b, c) = (Uuid::from_u128(1), Uuid::from_u128(2), Uuid::from_u128(3));
        assert!(check_no_cycle("sample_id", a, a, &[]).is_err());
        // a ← b ← c: making c a parent of a closes the loop.
        assert!(check_no_cycle("sample_id", a, c, &[b, a]).is_err());
        assert!(check_no_cycle("sample_id", a, c, &[b]).is_ok());
    }

    #[test]
    fn aliquot_counts_are_bounded() {
        let n = |count| NewAliquots {
            count,
            quantity: 1.0,
            ..Default::default()
        };
        assert!(n(0).check_count().is_err());
        assert_eq!(n(96).check_count().unwrap(), 96);
        assert!(n(MAX_ALIQUOTS + 1).check_count().is_err());
    }
}
