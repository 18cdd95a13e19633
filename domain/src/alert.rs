//! What needs a lab manager's attention: lots about to expire (or expired), products
//! under their reorder level, instruments whose calibration has lapsed or soon will.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::{instrument::CalibrationState, DomainError};

/// The default look-ahead, and the longest one asked for.
pub const DEFAULT_DAYS: i64 = 30;
pub const MAX_DAYS: i64 = 366;

/// Reads `days` (how far ahead to look); the error names the field.
pub fn parse_days(raw: Option<&str>) -> Result<i64, DomainError> {
    match raw.map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(DEFAULT_DAYS),
        Some(text) => match text.parse::<i64>() {
            Ok(n) if (0..=MAX_DAYS).contains(&n) => Ok(n),
            _ => Err(DomainError::invalid(
                "days",
                "out_of_range",
                format!("must be a whole number of days from 0 to {MAX_DAYS}"),
            )),
        },
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Alerts {
    /// Looked this many days ahead.
    pub days: i64,
    pub expiring_lots: Vec<ExpiringLot>,
    pub low_stock: Vec<LowStock>,
    pub calibration: Vec<CalibrationDue>,
}

/// A lot in use or quarantined that expires within the window (or has expired).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ExpiringLot {
    pub lot_id: Uuid,
    pub label_code: String,
    pub product_id: Uuid,
    pub product_name: String,
    pub expires_on: NaiveDate,
    /// Negative once expired.
    pub days_left: i64,
}

/// A product whose usable stock (lots in use, in its reorder unit's dimension) is under
/// its reorder level.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LowStock {
    pub product_id: Uuid,
    pub product_name: String,
    pub in_stock: f64,
    pub reorder_level: f64,
    pub unit: String,
}

/// An instrument in service whose calibration has lapsed or ends within the window.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CalibrationDue {
    pub instrument_id: Uuid,
    pub label_code: String,
    pub name: String,
    pub state: CalibrationState,
    pub calibrated_until: Option<NaiveDate>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_window_is_checked() {
        assert_eq!(parse_days(None).unwrap(), DEFAULT_DAYS);
        assert_eq!(parse_days(Some(" 7 ")).unwrap(), 7);
        for bad in ["-1", "367", "soon", "1.5"] {
            assert_eq!(
                parse_days(Some(bad)).unwrap_err().field_errors()[0].field,
                "days"
            );
        }
    }
}
