//! The stock ledger, one for lots and samples: every change of quantity is a movement,
//! what is left is their sum, one check refuses more than is left, and the status that
//! follows a movement is decided here. A lot and a sample differ only by their statuses
//! (`StockStatus`).

use serde::{Deserialize, Serialize};

use crate::{
    lot::LotStatus,
    quantity::{Quantity, Unit},
    sample::SampleStatus,
    DomainError, FieldError,
};

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

/// `POST /api/v1/lots/{id}/movements` and `POST /api/v1/samples/{id}/movements`.
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

/// The signed change (in stored steps) a movement asks of stock kept in `stock_unit`
/// holding `left` steps; a disposal takes what is left. Bad fields are refused (422);
/// whether the stock can give it is `apply`'s to say.
pub fn movement_delta(
    new: &NewMovement,
    stock_unit: Unit,
    left: i64,
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
        return Ok((kind, -left));
    }
    let mut errors = Vec::new();
    let unit = match new.unit.as_deref() {
        Some(raw) => Unit::parse("unit", raw)
            .and_then(|u| Quantity::same_dimension("unit", stock_unit.dimension, u).map(|()| u))
            .map_err(|e| errors.extend(e.field_errors().iter().cloned()))
            .ok(),
        None => Some(stock_unit),
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
    Ok((kind, delta))
}

/// What a lot or a sample holds: `left` stored steps of `unit`, and its status.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Stock<S> {
    pub left: i64,
    pub unit: Unit,
    pub status: S,
}

/// The statuses of what holds stock, as far as the ledger cares.
pub trait StockStatus: Copy + PartialEq {
    /// Why stock in this status takes no movement of `kind` (409), if it takes none.
    fn refuses(self, kind: MovementKind) -> Option<DomainError>;
    /// The status after a movement of `kind` that leaves `left` steps.
    fn after(self, kind: MovementKind, left: i64) -> Self;
}

/// A movement of `delta` steps applied to `stock`: the stock after it, or why it cannot
/// happen (409): more than is left, or a status that takes no such movement.
pub fn apply<S: StockStatus>(
    stock: Stock<S>,
    kind: MovementKind,
    delta: i64,
) -> Result<Stock<S>, DomainError> {
    if stock.left + delta < 0 {
        return Err(DomainError::conflict(
            "quantity",
            "insufficient",
            format!(
                "is more than is left ({})",
                crate::quantity::format(stock.left, stock.unit)
            ),
        ));
    }
    if let Some(refusal) = stock.status.refuses(kind) {
        return Err(refusal);
    }
    let left = stock.left + delta;
    Ok(Stock {
        left,
        unit: stock.unit,
        status: stock.status.after(kind, left),
    })
}

/// A quarantined lot takes only corrections; a disposed one nothing. The last
/// millilitre empties a lot, a new one (a correction, a receipt) puts it back in use.
impl StockStatus for LotStatus {
    fn refuses(self, kind: MovementKind) -> Option<DomainError> {
        let why = match self {
            LotStatus::Disposed => "the lot is disposed",
            LotStatus::Quarantined if kind != MovementKind::Adjust => "the lot is quarantined",
            _ => return None,
        };
        Some(DomainError::conflict("kind", "lot_status", why))
    }

    fn after(self, kind: MovementKind, left: i64) -> Self {
        match kind {
            MovementKind::Dispose => LotStatus::Disposed,
            _ if left == 0 => LotStatus::Empty,
            _ if self == LotStatus::Empty => LotStatus::InUse,
            _ => self,
        }
    }
}

/// A discarded sample takes nothing; otherwise it is available while some is left.
impl StockStatus for SampleStatus {
    fn refuses(self, _kind: MovementKind) -> Option<DomainError> {
        (self == SampleStatus::Discarded)
            .then(|| DomainError::conflict("kind", "sample_status", "the sample is discarded"))
    }

    fn after(self, kind: MovementKind, left: i64) -> Self {
        match kind {
            MovementKind::Dispose => SampleStatus::Discarded,
            _ if left == 0 => SampleStatus::UsedUp,
            _ => SampleStatus::Available,
        }
    }
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
        assert_eq!(
            code(movement("consume", Some(1.0), Some("g"))),
            "wrong_dimension"
        );
        assert_eq!(code(movement("consume", Some(0.0), None)), "not_positive");
        assert_eq!(code(movement("consume", None, None)), "required");
        assert_eq!(code(movement("borrow", Some(1.0), None)), "invalid");
    }

    fn lot(left: i64, status: LotStatus) -> Stock<LotStatus> {
        Stock {
            left,
            unit: ml(),
            status,
        }
    }

    #[test]
    fn more_than_is_left_is_refused_with_what_is_left() {
        let err = apply(
            lot(1_000_000, LotStatus::InUse),
            MovementKind::Consume,
            -2_000_000,
        )
        .unwrap_err();
        assert!(matches!(err, DomainError::Conflict(_)));
        assert_eq!(err.field_errors()[0].code, "insufficient");
        assert!(err.to_string().contains("1 mL"), "{err}");
    }

    #[test]
    fn the_status_follows_the_movement() {
        use MovementKind::*;
        let after = |s, kind, delta| apply(lot(1_000_000, s), kind, delta).map(|s| s.status);
        assert_eq!(
            after(LotStatus::InUse, Consume, -1_000_000).unwrap(),
            LotStatus::Empty
        );
        assert_eq!(
            after(LotStatus::InUse, Dispose, -1_000_000).unwrap(),
            LotStatus::Disposed
        );
        assert_eq!(
            after(LotStatus::Empty, Adjust, 5).unwrap(),
            LotStatus::InUse
        );
        assert_eq!(
            after(LotStatus::Quarantined, Adjust, -5).unwrap(),
            LotStatus::Quarantined
        );
        assert!(after(LotStatus::Quarantined, Consume, -5).is_err());
        assert!(after(LotStatus::Disposed, Adjust, 5).is_err());
        let sample = |status, kind, delta| {
            apply(
                Stock {
                    left: 10,
                    unit: ml(),
                    status,
                },
                kind,
                delta,
            )
            .map(|s| s.status)
        };
        assert_eq!(
            sample(SampleStatus::Available, Consume, -10).unwrap(),
            SampleStatus::UsedUp
        );
        assert_eq!(
            sample(SampleStatus::UsedUp, Adjust, 3).unwrap(),
            SampleStatus::Available
        );
        assert_eq!(
            sample(SampleStatus::Available, Dispose, -10).unwrap(),
            SampleStatus::Discarded
        );
        let refused = sample(SampleStatus::Discarded, Adjust, 3).unwrap_err();
        assert_eq!(refused.field_errors()[0].code, "sample_status");
    }
}
