//! What a use at the bench will do, said before it is done. A technician typed `2` for an
//! ethanol lot kept in litres and 2 L were taken without a word; an expired lot and a
//! lapsed instrument were used and only the trace, later, said so. Here: the amount that
//! will remain, the warnings to tap through, the uses that cannot happen, and when a tap
//! is asked for (more than half of what is left, or more than the installation's limit).
//! Pure rules; the service gathers the facts, the pages word the notices.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::{
    instrument::{CalibrationState, InstrumentStatus},
    lot::LotStatus,
    quantity::{self, Dimension, Quantity, Unit},
    DomainError,
};

/// Something to know before a use is recorded: a code the pages word in the reader's
/// language, with its values.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum UseNotice {
    /// The lot's expiry date had passed when it was used. Kept on the usage.
    LotExpired {
        expires_on: NaiveDate,
    },
    /// The instrument's calibration had lapsed on the day of use. Kept.
    CalibrationLapsed {
        on: NaiveDate,
    },
    /// The instrument was never calibrated. Kept.
    NeverCalibrated,
    /// The instrument was in maintenance or out of service. Kept.
    InstrumentUnavailable {
        status: InstrumentStatus,
    },
    /// The use takes more than the share of what is left that asks for a tap.
    LargeShare {
        percent: u32,
    },
    /// The use takes more than the installation's limit for one use (`limit`: "500 mL").
    AboveLimit {
        limit: String,
    },
    /// The lot cannot be used: quarantined (release it first), disposed of, or holding
    /// less than asked (`left`: "0.5 L").
    LotQuarantined,
    LotDisposed,
    MoreThanLeft {
        left: String,
    },
}

impl UseNotice {
    /// The use cannot happen at all.
    pub fn blocks(&self) -> bool {
        matches!(
            self,
            Self::LotQuarantined | Self::LotDisposed | Self::MoreThanLeft { .. }
        )
    }

    /// Recorded on the usage, for every later reader (the others only ask for a tap).
    pub fn is_kept(&self) -> bool {
        matches!(
            self,
            Self::LotExpired { .. }
                | Self::CalibrationLapsed { .. }
                | Self::NeverCalibrated
                | Self::InstrumentUnavailable { .. }
        )
    }

    /// The wire name, also the end of its message id (`use-notice-{code}`).
    pub fn code(&self) -> &'static str {
        match self {
            Self::LotExpired { .. } => "lot_expired",
            Self::CalibrationLapsed { .. } => "calibration_lapsed",
            Self::NeverCalibrated => "never_calibrated",
            Self::InstrumentUnavailable { .. } => "instrument_unavailable",
            Self::LargeShare { .. } => "large_share",
            Self::AboveLimit { .. } => "above_limit",
            Self::LotQuarantined => "lot_quarantined",
            Self::LotDisposed => "lot_disposed",
            Self::MoreThanLeft { .. } => "more_than_left",
        }
    }

    /// The English sentence the API's `warning` field has always carried.
    pub fn english(&self) -> String {
        match self {
            Self::LotExpired { expires_on } => format!("used after its expiry on {expires_on}"),
            Self::CalibrationLapsed { on } => format!("calibration had lapsed on {on}"),
            Self::NeverCalibrated => "never calibrated".into(),
            Self::InstrumentUnavailable { status } => format!(
                "{} when the use was recorded",
                status.as_str().replace('_', " ")
            ),
            Self::LargeShare { percent } => format!("takes {percent} % of what is left"),
            Self::AboveLimit { limit } => format!("more than {limit} in one use"),
            Self::LotQuarantined => "the lot is quarantined".into(),
            Self::LotDisposed => "the lot is disposed".into(),
            Self::MoreThanLeft { left } => format!("more than is left ({left})"),
        }
    }
}

/// When a use asks for a tap before it is recorded.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct ConfirmPolicy {
    /// Taking more than this share of what is left (0.5: more than half).
    pub share: f64,
    /// Taking more than this in one use, per dimension (stored steps).
    pub limits: [Option<i64>; 4],
}

impl Default for ConfirmPolicy {
    /// More than half of what is left, or more than 500 mL, 500 g, 1 mol or 100 pieces.
    fn default() -> Self {
        Self::parse("500 mL, 500 g, 1 mol, 100 count").expect("valid defaults")
    }
}

impl ConfirmPolicy {
    /// Reads the limits as an administrator writes them: `"250 mL, 100 g"` (one per
    /// dimension; a dimension not named has no limit, only the half rule). The error
    /// names `confirm_above`.
    pub fn parse(raw: &str) -> Result<Self, DomainError> {
        const FIELD: &str = "confirm_above";
        let mut limits = [None; 4];
        for part in raw.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let bad = || {
                DomainError::invalid(
                    FIELD,
                    "invalid",
                    format!("{part:?} is not an amount like \"500 mL\""),
                )
            };
            let (value, unit) = part.split_once(char::is_whitespace).ok_or_else(bad)?;
            let value: f64 = value.replace(',', ".").parse().map_err(|_| bad())?;
            let unit = Unit::parse(FIELD, unit)?;
            let q = Quantity::positive(FIELD, value, unit)?;
            limits[slot(q.dimension)] = Some(q.steps);
        }
        Ok(Self { share: 0.5, limits })
    }

    fn limit(&self, dimension: Dimension) -> Option<i64> {
        self.limits[slot(dimension)]
    }
}

fn slot(dimension: Dimension) -> usize {
    match dimension {
        Dimension::Mass => 0,
        Dimension::Volume => 1,
        Dimension::Amount => 2,
        Dimension::Count => 3,
    }
}

/// An amount as shown: a number in a unit that reads well (exact to the stored step).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Amount {
    pub value: f64,
    pub unit: String,
}

impl Amount {
    pub fn readable(steps: i64, dimension: Dimension) -> Self {
        Self::in_unit(steps, Unit::readable(steps, dimension))
    }

    pub fn in_unit(steps: i64, unit: Unit) -> Self {
        Self {
            value: unit.value_of(steps),
            unit: unit.symbol.to_owned(),
        }
    }
}

/// A lot as the check needs it.
#[derive(Debug, Clone, Copy)]
pub struct LotFacts {
    /// What is left, in stored steps.
    pub left: i64,
    pub unit: Unit,
    pub status: LotStatus,
    pub expires_on: Option<NaiveDate>,
}

/// What taking `take` (when known yet) from the lot on `today` calls for.
pub fn check_lot(
    lot: &LotFacts,
    take: Option<Quantity>,
    today: NaiveDate,
    policy: &ConfirmPolicy,
) -> Vec<UseNotice> {
    let mut notices = Vec::new();
    match lot.status {
        LotStatus::Quarantined => notices.push(UseNotice::LotQuarantined),
        LotStatus::Disposed => notices.push(UseNotice::LotDisposed),
        LotStatus::InUse | LotStatus::Empty => {}
    }
    if let Some(expires_on) = lot.expires_on.filter(|e| *e < today) {
        notices.push(UseNotice::LotExpired { expires_on });
    }
    let Some(take) = take else {
        return notices;
    };
    if take.steps > lot.left {
        notices.push(UseNotice::MoreThanLeft {
            left: quantity::format(lot.left, Unit::readable(lot.left, lot.unit.dimension)),
        });
        return notices;
    }
    if take.steps as f64 > lot.left as f64 * policy.share {
        notices.push(UseNotice::LargeShare {
            percent: ((take.steps as f64 / lot.left as f64) * 100.0).round() as u32,
        });
    }
    if let Some(limit) = policy.limit(take.dimension).filter(|l| take.steps > *l) {
        notices.push(UseNotice::AboveLimit {
            limit: quantity::format(limit, Unit::readable(limit, take.dimension)),
        });
    }
    notices
}

/// What a use of an instrument calls for, given its worst calibration state over the
/// use and the day it held ([`CalibrationState::during`]), and every status the
/// instrument had while it was used (not its status when the use is typed).
pub fn check_instrument(
    (calibration, on): (CalibrationState, NaiveDate),
    statuses: &[InstrumentStatus],
) -> Vec<UseNotice> {
    let mut notices = Vec::new();
    if calibration.warns() {
        notices.push(match calibration {
            CalibrationState::None => UseNotice::NeverCalibrated,
            _ => UseNotice::CalibrationLapsed { on },
        });
    }
    if let Some(&status) = statuses.iter().find(|s| **s != InstrumentStatus::Available) {
        notices.push(UseNotice::InstrumentUnavailable { status });
    }
    notices
}

/// Reads a quantity and unit typed at the bench. Neither may be left out: a blank unit
/// is never taken to mean the lot's own (that took 2 L for 2 mL). Errors name `quantity`
/// and `unit`.
pub fn typed_amount(
    quantity: &str,
    unit: &str,
    dimension: Dimension,
) -> Result<Quantity, DomainError> {
    let mut errors = Vec::new();
    let value = match quantity.trim() {
        "" => {
            errors.push(crate::FieldError::new(
                "quantity",
                "required",
                "how much was used",
            ));
            None
        }
        raw => match raw.replace(',', ".").parse::<f64>() {
            Ok(v) => Some(v),
            Err(_) => {
                errors.push(crate::FieldError::new(
                    "quantity",
                    "invalid",
                    "is not a number",
                ));
                None
            }
        },
    };
    let unit = match unit.trim() {
        "" => {
            errors.push(crate::FieldError::new("unit", "required", "say the unit"));
            None
        }
        raw => Unit::parse("unit", raw)
            .and_then(|u| Quantity::same_dimension("unit", dimension, u).map(|()| u))
            .map_err(|e| errors.extend(e.field_errors().iter().cloned()))
            .ok(),
    };
    match (value, unit) {
        (Some(v), Some(u)) if errors.is_empty() => Quantity::positive("quantity", v, u),
        _ => Err(DomainError::Validation(errors)),
    }
}

/// A lot's stock as the preview carries it to the page (the page then works out each
/// amount typed at once, without asking the server again).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LotStock {
    /// What is left, in stored steps, and the lot's unit.
    pub left: i64,
    pub unit: String,
    pub status: LotStatus,
    pub expires_on: Option<NaiveDate>,
}

impl LotStock {
    pub fn of(facts: &LotFacts) -> Self {
        Self {
            left: facts.left,
            unit: facts.unit.symbol.to_owned(),
            status: facts.status,
            expires_on: facts.expires_on,
        }
    }

    fn facts(&self) -> Result<LotFacts, DomainError> {
        Ok(LotFacts {
            left: self.left,
            unit: Unit::parse("unit", &self.unit)?,
            status: self.status,
            expires_on: self.expires_on,
        })
    }
}

/// What using a thing will do, shown before the tap that records it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UsePreview {
    /// A lot, a sample or an instrument.
    pub kind: crate::kind::Kind,
    pub thing_id: Uuid,
    pub label_code: String,
    pub name: String,
    /// Lots: the stock, the unit to offer (the last one used for the product, else the
    /// lot's), the units that fit; the supplier's lot number and expiry, to check it is
    /// the right bottle.
    pub lot: Option<LotStock>,
    pub unit: Option<String>,
    pub units: Vec<String>,
    pub supplier_lot: Option<String>,
    pub expires_on: Option<NaiveDate>,
    /// The server's day and its rules for taps, so the page answers each keystroke.
    pub today: NaiveDate,
    pub policy: ConfirmPolicy,
    /// What is known before an amount is typed (an instrument's calibration, an expired
    /// or quarantined lot).
    pub notices: Vec<UseNotice>,
}

/// What one amount typed at the bench will do.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Planned {
    /// As typed (in the unit typed) and what will remain (in a unit that reads well).
    pub take: Option<Amount>,
    pub left: Option<Amount>,
    pub remaining: Option<Amount>,
    pub notices: Vec<UseNotice>,
    /// Why the amount cannot be read yet (a blank unit, not a number).
    pub problem: Option<crate::FieldError>,
}

impl Planned {
    /// The use cannot happen.
    pub fn blocked(&self) -> bool {
        self.notices.iter().any(UseNotice::blocks)
    }

    /// The use needs a tap on "confirm" (a warning, or a large amount).
    pub fn asks_confirmation(&self) -> bool {
        !self.notices.is_empty()
    }
}

impl UsePreview {
    /// What taking `quantity` `unit` (as typed) will do; for what is not a lot, the
    /// notices known already.
    pub fn plan(&self, quantity: &str, unit: &str) -> Planned {
        let Some(stock) = &self.lot else {
            return Planned {
                notices: self.notices.clone(),
                ..Default::default()
            };
        };
        let facts = match stock.facts() {
            Ok(f) => f,
            Err(e) => {
                return Planned {
                    problem: e.field_errors().first().cloned(),
                    ..Default::default()
                }
            }
        };
        let dimension = facts.unit.dimension;
        let mut planned = Planned {
            left: Some(Amount::readable(facts.left, dimension)),
            ..Default::default()
        };
        let take = match typed_amount(quantity, unit, dimension) {
            Ok(take) => Some(take),
            Err(e) => {
                planned.problem = e.field_errors().first().cloned();
                None
            }
        };
        planned.notices = check_lot(&facts, take, self.today, &self.policy);
        if let Some(take) = take {
            let given = Unit::parse("unit", unit).unwrap_or(facts.unit);
            planned.take = Some(Amount::in_unit(take.steps, given));
            if take.steps <= facts.left {
                planned.remaining = Some(Amount::readable(facts.left - take.steps, dimension));
            }
        }
        planned
    }
}

#[cfg(test)]
mod tests;
