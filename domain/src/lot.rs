//! Lots (a container or batch of a product) and their stock ledger: every quantity change
//! is a movement; the quantity shown is the sum of the movements.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Deserializer, Serialize};
use uuid::Uuid;

use crate::{person::parse_name, DomainError, FieldError};

#[cfg_attr(
    feature = "db",
    derive(sea_orm::DeriveValueType),
    sea_orm(
        value_type = "String",
        from_str = "LotStatus::from_stored",
        to_str = "LotStatus::to_stored"
    )
)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum LotStatus {
    InUse,
    Quarantined,
    Empty,
    Disposed,
}

crate::stored!(
    LotStatus,
    "lot status",
    [InUse, Quarantined, Empty, Disposed]
);

impl LotStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::InUse => "in_use",
            Self::Quarantined => "quarantined",
            Self::Empty => "empty",
            Self::Disposed => "disposed",
        }
    }

    pub fn parse(raw: &str) -> Result<Self, DomainError> {
        match raw.trim().to_ascii_lowercase().as_str() {
            "in_use" => Ok(Self::InUse),
            "quarantined" => Ok(Self::Quarantined),
            "empty" => Ok(Self::Empty),
            "disposed" => Ok(Self::Disposed),
            _ => Err(DomainError::invalid(
                "status",
                "invalid",
                "must be one of in_use, quarantined, empty, disposed",
            )),
        }
    }

    /// The changes a person may make by hand; `empty` and `disposed` come from the
    /// ledger (the last consumption, a disposal), and a disposed lot stays disposed.
    pub fn check_transition(self, to: Self) -> Result<(), DomainError> {
        use LotStatus::*;
        match (self, to) {
            (a, b) if a == b => Ok(()),
            (InUse, Quarantined) | (Quarantined, InUse) => Ok(()),
            _ => Err(DomainError::invalid(
                "status",
                "transition",
                format!(
                    "cannot go from {} to {} by hand (emptying and disposal are stock movements)",
                    self.as_str(),
                    to.as_str()
                ),
            )),
        }
    }
}

/// A lot as the API and the UI see it; `quantity` in `unit` is the ledger's sum.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Lot {
    pub id: Uuid,
    pub team_id: Uuid,
    pub created_by: Option<Uuid>,
    pub product_id: Uuid,
    pub location_id: Option<Uuid>,
    /// The position in the box (`B7`), when the location is a box.
    pub position: Option<String>,
    pub label_code: String,
    pub supplier_lot: Option<String>,
    pub received_on: NaiveDate,
    pub opened_on: Option<NaiveDate>,
    pub expires_on: Option<NaiveDate>,
    pub quantity: f64,
    pub unit: String,
    pub status: LotStatus,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// `POST /api/v1/lots`: receiving a lot is its first movement.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewLot {
    pub product_id: Uuid,
    pub quantity: f64,
    pub unit: String,
    #[serde(default)]
    pub supplier_lot: Option<String>,
    /// Today when absent.
    #[serde(default)]
    pub received_on: Option<NaiveDate>,
    #[serde(default)]
    pub expires_on: Option<NaiveDate>,
    #[serde(default)]
    pub location_id: Option<Uuid>,
    /// A position in the location's grid (`B7`), when it is a box.
    #[serde(default)]
    pub position: Option<String>,
    #[serde(default)]
    pub team_id: Option<Uuid>,
}

/// `PATCH /api/v1/lots/{id}`.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct LotPatch {
    #[serde(default, deserialize_with = "present")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, nullable))]
    pub supplier_lot: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<NaiveDate>, nullable))]
    pub opened_on: Option<Option<NaiveDate>>,
    #[serde(default, deserialize_with = "present")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<NaiveDate>, nullable))]
    pub expires_on: Option<Option<NaiveDate>>,
    #[serde(default, deserialize_with = "present")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<Uuid>, nullable))]
    pub location_id: Option<Option<Uuid>>,
    /// A position in the (new) location's grid; a lot moved elsewhere without one leaves
    /// its position.
    #[serde(default, deserialize_with = "present")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, nullable))]
    pub position: Option<Option<String>>,
    /// in_use or quarantined.
    #[serde(default)]
    pub status: Option<String>,
}

pub(crate) fn present<'de, D: Deserializer<'de>, T: Deserialize<'de>>(
    d: D,
) -> Result<Option<Option<T>>, D::Error> {
    Option::<T>::deserialize(d).map(Some)
}

/// Checks a lot's own fields (the product and team are the service's to check).
pub fn check_lot_fields(
    supplier_lot: Option<&str>,
    received_on: NaiveDate,
    opened_on: Option<NaiveDate>,
    expires_on: Option<NaiveDate>,
) -> Result<Option<String>, DomainError> {
    let mut errors: Vec<FieldError> = Vec::new();
    let supplier_lot = match supplier_lot.map(str::trim).filter(|s| !s.is_empty()) {
        Some(raw) => match parse_name("supplier_lot", raw) {
            Ok(v) => Some(v),
            Err(e) => {
                errors.extend(e.field_errors().iter().cloned());
                None
            }
        },
        None => None,
    };
    if expires_on.is_some_and(|e| e < received_on) {
        errors.push(FieldError::new(
            "expires_on",
            "before_receipt",
            "is before the lot was received",
        ));
    }
    if opened_on.is_some_and(|o| o < received_on) {
        errors.push(FieldError::new(
            "opened_on",
            "before_receipt",
            "is before the lot was received",
        ));
    }
    if errors.is_empty() {
        Ok(supplier_lot)
    } else {
        Err(DomainError::Validation(errors))
    }
}

/// One line of a lot's ledger.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Movement {
    pub id: Uuid,
    pub lot_id: Uuid,
    pub kind: crate::ledger::MovementKind,
    /// Signed change, in the lot's unit.
    pub change: f64,
    pub unit: String,
    pub reason: Option<String>,
    pub by: Option<Uuid>,
    pub at: DateTime<Utc>,
    /// The notebook entry that caused it, if one did.
    pub entry_id: Option<Uuid>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_change_only_as_allowed() {
        use LotStatus::*;
        assert!(InUse.check_transition(Quarantined).is_ok());
        assert!(Quarantined.check_transition(InUse).is_ok());
        assert!(Disposed.check_transition(InUse).is_err());
        assert!(InUse.check_transition(Empty).is_err());
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        assert!(check_lot_fields(None, d("2026-11-30"), None, Some(d("2026-11-29"))).is_err());
        assert!(
            check_lot_fields(Some(" L123 "), d("2026-11-30"), None, Some(d("2027-11-29"))).unwrap()
                == Some("L123".into())
        );
    }
}
