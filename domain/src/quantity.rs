//! Quantities with units: mass, volume, amount of substance and counts. Stored exactly as
//! whole numbers of a thousandth of the smallest unit (ng, nL, nmol, 1/1000 of a piece),
//! so a ledger of many small movements never drifts the way floating point would.

use serde::{Deserialize, Serialize};

use crate::DomainError;

/// What a unit measures; conversion works within one dimension only.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum Dimension {
    Mass,
    Volume,
    Amount,
    Count,
}

/// A unit: its canonical symbol, what it measures, and how many stored steps it holds.
/// Stored by its symbol (see [`crate::stored`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(
    feature = "db",
    derive(sea_orm::DeriveValueType),
    sea_orm(
        value_type = "String",
        from_str = "Unit::from_stored",
        to_str = "Unit::to_stored"
    )
)]
pub struct Unit {
    pub symbol: &'static str,
    pub dimension: Dimension,
    /// Stored steps (ng, nL, nmol, milli-pieces) in one of this unit.
    pub steps: i64,
}

const UNITS: [Unit; 11] = [
    Unit {
        symbol: "µg",
        dimension: Dimension::Mass,
        steps: 1_000,
    },
    Unit {
        symbol: "mg",
        dimension: Dimension::Mass,
        steps: 1_000_000,
    },
    Unit {
        symbol: "g",
        dimension: Dimension::Mass,
        steps: 1_000_000_000,
    },
    Unit {
        symbol: "kg",
        dimension: Dimension::Mass,
        steps: 1_000_000_000_000,
    },
    Unit {
        symbol: "µL",
        dimension: Dimension::Volume,
        steps: 1_000,
    },
    Unit {
        symbol: "mL",
        dimension: Dimension::Volume,
        steps: 1_000_000,
    },
    Unit {
        symbol: "L",
        dimension: Dimension::Volume,
        steps: 1_000_000_000,
    },
    Unit {
        symbol: "µmol",
        dimension: Dimension::Amount,
        steps: 1_000,
    },
    Unit {
        symbol: "mmol",
        dimension: Dimension::Amount,
        steps: 1_000_000,
    },
    Unit {
        symbol: "mol",
        dimension: Dimension::Amount,
        steps: 1_000_000_000,
    },
    Unit {
        symbol: "count",
        dimension: Dimension::Count,
        steps: 1_000,
    },
];

impl Unit {
    /// How many of this unit `steps` stored steps are: the one conversion from stored
    /// steps to a number for display or JSON.
    pub fn value_of(self, steps: i64) -> f64 {
        steps as f64 / self.steps as f64
    }

    /// The unit stored under its symbol, exactly.
    pub fn from_stored(raw: &str) -> Result<Self, crate::stored::Unknown> {
        UNITS
            .iter()
            .find(|u| u.symbol == raw)
            .copied()
            .ok_or_else(|| crate::stored::Unknown {
                what: "unit",
                value: raw.to_owned(),
            })
    }

    /// The symbol written to the database.
    pub fn to_stored(&self) -> &'static str {
        self.symbol
    }

    /// Reads a unit as people type it: `µg`, `ug`, `μg` (Greek mu), `ml`, `mL`, `l`,
    /// `pcs`, … The error names `field`.
    pub fn parse(field: &str, raw: &str) -> Result<Self, DomainError> {
        let lower = raw.trim().to_lowercase();
        // Both micro signs and a leading ASCII "u" mean micro (only as a prefix: "count"
        // and "unit" keep their u); litre is l or L.
        let normal = match lower.strip_prefix(['u', 'μ']) {
            Some(rest) if !rest.is_empty() && !rest.starts_with('n') => format!("µ{rest}"),
            _ => lower,
        };
        let canonical = match normal.as_str() {
            "count" | "pcs" | "pc" | "pieces" | "piece" | "units" | "unit" | "ea" => "count",
            other => other,
        };
        UNITS
            .iter()
            .find(|u| u.symbol.to_lowercase() == canonical)
            .copied()
            .ok_or_else(|| {
                DomainError::invalid(
                    field,
                    "unknown_unit",
                    format!(
                        "is not a known unit (use one of {})",
                        UNITS
                            .iter()
                            .map(|u| u.symbol)
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                )
            })
    }

    /// The unit `steps` of `dimension` read best in: the largest that holds at least one
    /// (20 mL taken from a 1 L bottle reads 20 mL, not 0.02 L).
    pub fn readable(steps: i64, dimension: Dimension) -> Unit {
        let mut units = Self::of(dimension);
        let smallest = units.next().unwrap_or(UNITS[0]);
        Self::of(dimension)
            .filter(|u| steps.unsigned_abs() >= u.steps as u64)
            .last()
            .unwrap_or(smallest)
    }

    /// Every unit of a dimension, smallest first (for pickers).
    pub fn of(dimension: Dimension) -> impl Iterator<Item = Unit> {
        UNITS.into_iter().filter(move |u| u.dimension == dimension)
    }
}

/// An exact quantity in stored steps, with its dimension.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Quantity {
    pub steps: i64,
    pub dimension: Dimension,
}

impl Quantity {
    /// `value` of `unit`, refusing what is not a positive finite number, or finer than the
    /// smallest step. The errors name `field`.
    pub fn positive(field: &str, value: f64, unit: Unit) -> Result<Self, DomainError> {
        if !value.is_finite() || value <= 0.0 {
            return Err(DomainError::invalid(
                field,
                "not_positive",
                "must be more than zero",
            ));
        }
        Self::from_value(field, value, unit)
    }

    /// Like [`Quantity::positive`], but zero and negative values are allowed (an adjustment).
    pub fn signed(field: &str, value: f64, unit: Unit) -> Result<Self, DomainError> {
        if !value.is_finite() {
            return Err(DomainError::invalid(field, "invalid", "must be a number"));
        }
        Self::from_value(field, value, unit)
    }

    fn from_value(field: &str, value: f64, unit: Unit) -> Result<Self, DomainError> {
        let steps = value * unit.steps as f64;
        if steps.abs() >= i64::MAX as f64 / 4.0 {
            return Err(DomainError::invalid(field, "too_large", "is too large"));
        }
        let rounded = steps.round();
        if value != 0.0 && rounded == 0.0 {
            return Err(DomainError::invalid(
                field,
                "too_small",
                "is smaller than the finest step",
            ));
        }
        Ok(Self {
            steps: rounded as i64,
            dimension: unit.dimension,
        })
    }

    /// This quantity in `unit`, as a number for display or JSON.
    pub fn value_in(self, unit: Unit) -> f64 {
        unit.value_of(self.steps)
    }

    /// Checks that `unit` measures the same thing; the error names `field`.
    pub fn same_dimension(field: &str, expected: Dimension, unit: Unit) -> Result<(), DomainError> {
        if expected == unit.dimension {
            Ok(())
        } else {
            Err(DomainError::invalid(
                field,
                "wrong_dimension",
                format!(
                    "{} measures {:?}, but this is measured in {:?}",
                    unit.symbol, unit.dimension, expected
                )
                .to_lowercase(),
            ))
        }
    }
}

/// `steps` written in `unit` exactly, without trailing zeros: `12.5 mL`.
pub fn format(steps: i64, unit: Unit) -> String {
    let sign = if steps < 0 { "-" } else { "" };
    let abs = steps.unsigned_abs();
    let per = unit.steps as u64;
    let whole = abs / per;
    let frac = abs % per;
    if frac == 0 {
        return format!("{sign}{whole} {}", unit.symbol);
    }
    let width = per.to_string().len() - 1;
    let digits = format!("{frac:0width$}");
    format!(
        "{sign}{whole}.{} {}",
        digits.trim_end_matches('0'),
        unit.symbol
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_read_in_the_largest_unit_that_holds_one() {
        let ml = Unit::parse("unit", "mL").unwrap();
        let steps = Quantity::positive("q", 20.0, ml).unwrap().steps;
        assert_eq!(Unit::readable(steps, Dimension::Volume).symbol, "mL");
        assert_eq!(Unit::readable(1_500_000_000, Dimension::Volume).symbol, "L");
        assert_eq!(Unit::readable(-2_000, Dimension::Mass).symbol, "µg");
        // Below the smallest unit: still the smallest.
        assert_eq!(Unit::readable(5, Dimension::Amount).symbol, "µmol");
    }

    #[test]
    fn counts_and_micro_units_are_read_as_typed() {
        for raw in ["count", "Count", "units", "unit", "pcs", "ea"] {
            assert_eq!(Unit::parse("unit", raw).unwrap().symbol, "count", "{raw}");
        }
        for (raw, symbol) in [
            ("ul", "µL"),
            ("uL", "µL"),
            ("μl", "µL"),
            ("µL", "µL"),
            ("ug", "µg"),
            ("umol", "µmol"),
            ("ML", "mL"),
        ] {
            assert_eq!(Unit::parse("unit", raw).unwrap().symbol, symbol, "{raw}");
        }
        assert!(Unit::parse("unit", "u").is_err());
    }

    fn unit(s: &str) -> Unit {
        Unit::parse("unit", s).unwrap()
    }

    #[test]
    fn units_are_read_as_people_type_them() {
        for (typed, symbol) in [
            ("ug", "µg"),
            ("μg", "µg"),
            ("µg", "µg"),
            ("ML", "mL"),
            ("ml", "mL"),
            ("l", "L"),
            ("uL", "µL"),
            ("umol", "µmol"),
            ("pcs", "count"),
            ("units", "count"),
            (" kg ", "kg"),
        ] {
            assert_eq!(unit(typed).symbol, symbol, "{typed}");
        }
        let err = Unit::parse("unit", "furlong").unwrap_err();
        assert_eq!(err.field_errors()[0].code, "unknown_unit");
    }

    #[test]
    fn quantities_are_exact_and_convert_within_a_dimension() {
        let q = Quantity::positive("quantity", 0.1, unit("mL")).unwrap();
        assert_eq!(q.steps, 100_000);
        let ten_times: i64 = (0..10).map(|_| q.steps).sum();
        assert_eq!(format(ten_times, unit("mL")), "1 mL", "no drift");
        assert_eq!(format(ten_times, unit("µL")), "1000 µL");
        assert_eq!(format(1_250_000, unit("mL")), "1.25 mL");
        assert_eq!(format(-500_000_000, unit("g")), "-0.5 g");
        assert_eq!(q.value_in(unit("L")), 0.0001);
        assert!(Quantity::same_dimension("unit", Dimension::Volume, unit("g")).is_err());
        assert!(Quantity::same_dimension("unit", Dimension::Volume, unit("L")).is_ok());
    }

    #[test]
    fn bad_quantities_are_refused() {
        for v in [0.0, -1.0, f64::NAN, f64::INFINITY] {
            assert!(Quantity::positive("quantity", v, unit("g")).is_err(), "{v}");
        }
        assert_eq!(
            Quantity::positive("quantity", 1e-9, unit("µg"))
                .unwrap_err()
                .field_errors()[0]
                .code,
            "too_small"
        );
        assert!(Quantity::positive("quantity", 1e18, unit("kg")).is_err());
        assert_eq!(
            Quantity::signed("quantity", -2.0, unit("g")).unwrap().steps,
            -2_000_000_000
        );
    }
}
