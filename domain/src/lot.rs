//! Lots (a container or batch of a product) and their stock ledger: every quantity change
//! is a movement; the quantity shown is the sum of the movements.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Deserializer, Serialize};
use uuid::Uuid;

use crate::{
    person::parse_name,
    quantity::{Quantity, Unit},
    DomainError, FieldError,
};

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

#[cfg_attr(
    feature = "db",
    derive(sea_orm::DeriveValueType),
    sea_orm(
        value_type = "String",
        from_str = "MovementKind::from_stored",
        to_str = "MovementKind::to_stored"
    )
)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum MovementKind {
    Receive,
    Consume,
    Adjust,
    Dispose,
    /// A change of place (location, box position); the quantity does not change.
    Move,
}

crate::stored!(
    MovementKind,
    "movement kind",
    [Receive, Consume, Adjust, Dispose, Move]
);

impl MovementKind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Receive => "receive",
            Self::Consume => "consume",
            Self::Adjust => "adjust",
            Self::Dispose => "dispose",
            Self::Move => "move",
        }
    }

    pub fn parse(raw: &str) -> Result<Self, DomainError> {
        match raw.trim().to_ascii_lowercase().as_str() {
            "receive" => Ok(Self::Receive),
            "consume" => Ok(Self::Consume),
            "adjust" => Ok(Self::Adjust),
            "dispose" => Ok(Self::Dispose),
            "move" => Ok(Self::Move),
            _ => Err(DomainError::invalid(
                "kind",
                "invalid",
                "must be one of receive, consume, adjust, dispose",
            )),
        }
    }
}

/// `POST /api/v1/lots/{id}/movements`.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewMovement {
    pub kind: String,
    /// Positive, except for `adjust` (a signed correction); ignored for `dispose`.
    #[serde(default)]
    pub quantity: Option<f64>,
    #[serde(default)]
    pub unit: Option<String>,
    #[serde(default)]
    pub reason: Option<String>,
}

/// One line of a lot's ledger.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Movement {
    pub id: Uuid,
    pub lot_id: Uuid,
    pub kind: MovementKind,
    /// Signed change, in the lot's unit.
    pub change: f64,
    pub unit: String,
    pub reason: Option<String>,
    pub by: Option<Uuid>,
    pub at: DateTime<Utc>,
    /// The notebook entry that caused it, if one did.
    pub entry_id: Option<Uuid>,
}

/// The signed change a movement makes to a lot holding `balance` (stored steps) in
/// `lot_unit`. Refusals: bad fields (422), more than is left (409).
pub fn movement_delta(
    new: &NewMovement,
    lot_unit: Unit,
    balance: i64,
) -> Result<(MovementKind, i64), DomainError> {
    let kind = MovementKind::parse(&new.kind)?;
    if kind == MovementKind::Move {
        return Err(DomainError::invalid(
            "kind",
            "not_here",
            "a move is recorded by changing location_id or position (PATCH)",
        ));
    }
    if kind == MovementKind::Dispose {
        return Ok((kind, -balance));
    }
    let mut errors = Vec::new();
    let unit = match new.unit.as_deref() {
        Some(raw) => Unit::parse("unit", raw)
            .and_then(|u| Quantity::same_dimension("unit", lot_unit.dimension, u).map(|()| u))
            .map_err(|e| errors.extend(e.field_errors().iter().cloned()))
            .ok(),
        None => Some(lot_unit),
    };
    let quantity = match new.quantity {
        None => {
            errors.push(FieldError::new("quantity", "required", "is required"));
            None
        }
        Some(value) => unit.and_then(|unit| {
            let q = if kind == MovementKind::Adjust {
                Quantity::signed("quantity", value, unit)
            } else {
                Quantity::positive("quantity", value, unit)
            };
            q.map_err(|e| errors.extend(e.field_errors().iter().cloned()))
                .ok()
        }),
    };
    let Some(q) = quantity.filter(|_| errors.is_empty()) else {
        return Err(DomainError::Validation(errors));
    };
    let delta = match kind {
        MovementKind::Consume => -q.steps,
        _ => q.steps,
    };
    if balance + delta < 0 {
        return Err(DomainError::conflict(
            "quantity",
            "insufficient",
            format!(
                "is more than is left ({})",
                crate::quantity::format(balance, lot_unit)
            ),
        ));
    }
    Ok((kind, delta))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ml() -> Unit {
        Unit::parse("unit", "mL").unwrap()
    }

    fn movement(kind: &str, quantity: Option<f64>, unit: Option<&str>) -> NewMovement {
        NewMovement {
            kind: kind.into(),
            quantity,
            unit: unit.map(str::to_owned),
            reason: None,
        }
    }

    #[test]
    fn movements_change_the_balance_in_the_lots_unit() {
        let hundred = 100_000_000;
        assert_eq!(
            movement_delta(&movement("consume", Some(250.0), Some("µL")), ml(), hundred)
                .unwrap()
                .1,
            -250_000
        );
        assert_eq!(
            movement_delta(&movement("receive", Some(1.0), Some("L")), ml(), hundred)
                .unwrap()
                .1,
            1_000_000_000
        );
        assert_eq!(
            movement_delta(&movement("adjust", Some(-2.0), None), ml(), hundred)
                .unwrap()
                .1,
            -2_000_000
        );
        assert_eq!(
            movement_delta(&movement("dispose", None, None), ml(), hundred)
                .unwrap()
                .1,
            -hundred
        );
    }

    #[test]
    fn refusals_name_the_field() {
        let code = |m: NewMovement| {
            movement_delta(&m, ml(), 1_000_000)
                .unwrap_err()
                .field_errors()[0]
                .code
                .clone()
        };
        assert_eq!(code(movement("consume", Some(2.0), None)), "insufficient");
        assert_eq!(
            code(movement("consume", Some(1.0), Some("g"))),
            "wrong_dimension"
        );
        assert_eq!(code(movement("consume", Some(0.0), None)), "not_positive");
        assert_eq!(code(movement("consume", None, None)), "required");
        assert_eq!(code(movement("borrow", Some(1.0), None)), "invalid");
        assert!(matches!(
            movement_delta(&movement("consume", Some(2.0), None), ml(), 1_000_000),
            Err(DomainError::Conflict(_))
        ));
    }

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
