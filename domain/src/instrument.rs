//! Instruments and their calibration: an instrument whose calibration has lapsed says so
//! wherever it appears, so nobody weighs a sample on a balance nobody vouches for.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::{lot::present, person::parse_name, DomainError, FieldError};

/// Within this many days of its end, a calibration is "due soon".
pub const DUE_SOON_DAYS: i64 = 30;

#[cfg_attr(
    feature = "db",
    derive(sea_orm::DeriveValueType),
    sea_orm(
        value_type = "String",
        from_str = "InstrumentStatus::from_stored",
        to_str = "InstrumentStatus::to_stored"
    )
)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum InstrumentStatus {
    Available,
    InMaintenance,
    OutOfService,
}

crate::stored!(
    InstrumentStatus,
    "instrument status",
    [Available, InMaintenance, OutOfService]
);

impl InstrumentStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Available => "available",
            Self::InMaintenance => "in_maintenance",
            Self::OutOfService => "out_of_service",
        }
    }

    pub fn parse(raw: &str) -> Result<Self, DomainError> {
        let raw = raw.trim().to_ascii_lowercase();
        Self::ALL
            .iter()
            .copied()
            .find(|s| s.as_str() == raw)
            .ok_or_else(|| {
                DomainError::invalid(
                    "status",
                    "invalid",
                    "must be one of available, in_maintenance, out_of_service",
                )
            })
    }
}

#[cfg_attr(
    feature = "db",
    derive(sea_orm::DeriveValueType),
    sea_orm(
        value_type = "String",
        from_str = "RecordKind::from_stored",
        to_str = "RecordKind::to_stored"
    )
)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum RecordKind {
    Calibration,
    Maintenance,
}

crate::stored!(
    RecordKind,
    "instrument record kind",
    [Calibration, Maintenance]
);

impl RecordKind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Calibration => "calibration",
            Self::Maintenance => "maintenance",
        }
    }

    pub fn parse(raw: &str) -> Result<Self, DomainError> {
        match raw.trim().to_ascii_lowercase().as_str() {
            "calibration" => Ok(Self::Calibration),
            "maintenance" => Ok(Self::Maintenance),
            _ => Err(DomainError::invalid(
                "kind",
                "invalid",
                "must be calibration or maintenance",
            )),
        }
    }
}

/// Where an instrument stands with its calibration on a given day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum CalibrationState {
    /// Never calibrated here.
    None,
    Valid,
    /// Valid, but ends within [`DUE_SOON_DAYS`].
    DueSoon,
    Lapsed,
}

impl CalibrationState {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::None => "none",
            Self::Valid => "valid",
            Self::DueSoon => "due_soon",
            Self::Lapsed => "lapsed",
        }
    }

    /// The state on `today` given the calibrations' validity ends: the latest end counts
    /// (a calibration without an end is valid until a later one says otherwise).
    pub fn on(today: NaiveDate, calibrations: &[(NaiveDate, Option<NaiveDate>)]) -> Self {
        let Some(&(_, until)) = calibrations.iter().max_by_key(|(on, _)| *on) else {
            return Self::None;
        };
        match until {
            None => Self::Valid,
            Some(end) if end < today => Self::Lapsed,
            Some(end) if (end - today).num_days() <= DUE_SOON_DAYS => Self::DueSoon,
            Some(_) => Self::Valid,
        }
    }

    /// The worst state on any day from `first` to `last`, and that day: a use that runs
    /// past the end of a calibration used a lapsed instrument, one that began before the
    /// first calibration an uncalibrated one. The state only changes the day a
    /// calibration is done and the day after one ends, so those days are all looked at.
    pub fn during(
        first: NaiveDate,
        last: NaiveDate,
        calibrations: &[(NaiveDate, Option<NaiveDate>)],
    ) -> (Self, NaiveDate) {
        let mut days = vec![first];
        for &(on, until) in calibrations {
            let after_end = until.and_then(|end| end.succ_opt());
            days.extend([Some(on), after_end].into_iter().flatten());
        }
        days.retain(|d| (first..=last).contains(d));
        days.sort();
        days.into_iter()
            .map(|day| {
                let done: Vec<_> = calibrations
                    .iter()
                    .copied()
                    .filter(|(on, _)| *on <= day)
                    .collect();
                (Self::on(day, &done), day)
            })
            // The first day of the worst state.
            .min_by_key(|(state, day)| (std::cmp::Reverse(state.severity()), *day))
            .unwrap_or((Self::None, first))
    }

    /// How much a state says against work done with the instrument.
    fn severity(self) -> u8 {
        match self {
            Self::Valid => 0,
            Self::DueSoon => 1,
            Self::None => 2,
            Self::Lapsed => 3,
        }
    }

    /// Whether work done with the instrument in this state carries a warning (and, at
    /// the bench, needs a confirmation): its calibration had lapsed, or it had none.
    pub fn warns(self) -> bool {
        matches!(self, Self::Lapsed | Self::None)
    }
}

/// An instrument as the API and the UI see it, with its calibration state today.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Instrument {
    pub id: Uuid,
    pub team_id: Uuid,
    pub created_by: Option<Uuid>,
    pub label_code: String,
    pub name: String,
    pub model: Option<String>,
    pub serial: Option<String>,
    pub location_id: Option<Uuid>,
    pub status: InstrumentStatus,
    pub calibration: CalibrationState,
    /// The last day of the current calibration, if any.
    pub calibrated_until: Option<NaiveDate>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// `POST /api/v1/instruments`.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewInstrument {
    /// Not blank, at most 200 characters, no control or invisible characters.
    #[cfg_attr(
        feature = "openapi",
        schema(min_length = 1, max_length = 200, pattern = r"\S")
    )]
    pub name: String,
    #[serde(default)]
    pub serial: Option<String>,
    #[serde(default)]
    pub model: Option<String>,
    #[serde(default)]
    pub location_id: Option<Uuid>,
    #[serde(default)]
    pub team_id: Option<Uuid>,
}

/// `PATCH /api/v1/instruments/{id}`.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct InstrumentPatch {
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default, deserialize_with = "present")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, nullable))]
    pub serial: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, nullable))]
    pub model: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<Uuid>, nullable))]
    pub location_id: Option<Option<Uuid>>,
    /// available, in_maintenance or out_of_service.
    #[serde(default)]
    pub status: Option<String>,
}

/// A calibration or maintenance record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct InstrumentRecord {
    pub id: Uuid,
    pub instrument_id: Uuid,
    pub kind: RecordKind,
    pub performed_on: NaiveDate,
    /// Who did it: a colleague or the supplier's technician.
    pub performed_by: Option<String>,
    pub valid_until: Option<NaiveDate>,
    pub notes: Option<String>,
    pub recorded_by: Option<Uuid>,
    pub recorded_at: DateTime<Utc>,
    /// The certificate (`GET /api/v1/attachments/{id}`), once one is attached.
    pub certificate_attachment_id: Option<Uuid>,
}

/// `POST /api/v1/instruments/{id}/records`.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewRecord {
    pub kind: String,
    pub performed_on: NaiveDate,
    #[serde(default)]
    pub performed_by: Option<String>,
    /// Required for a calibration; none for a maintenance.
    #[serde(default)]
    pub valid_until: Option<NaiveDate>,
    #[serde(default)]
    pub notes: Option<String>,
}

/// A checked record.
#[derive(Debug, Clone, PartialEq)]
pub struct ValidRecord {
    pub kind: RecordKind,
    pub performed_on: NaiveDate,
    pub performed_by: Option<String>,
    pub valid_until: Option<NaiveDate>,
    pub notes: Option<String>,
}

impl NewRecord {
    /// Checks the record; `today` bounds the date (work is recorded once done).
    pub fn validate(&self, today: NaiveDate) -> Result<ValidRecord, DomainError> {
        let mut errors: Vec<FieldError> = Vec::new();
        let kind = RecordKind::parse(&self.kind)
            .map_err(|e| errors.extend(e.field_errors().iter().cloned()))
            .ok();
        if self.performed_on > today {
            errors.push(FieldError::new(
                "performed_on",
                "in_future",
                "is in the future (record work once it is done)",
            ));
        }
        match (kind, self.valid_until) {
            (Some(RecordKind::Calibration), None) => errors.push(FieldError::new(
                "valid_until",
                "required",
                "is required for a calibration",
            )),
            (Some(RecordKind::Maintenance), Some(_)) => errors.push(FieldError::new(
                "valid_until",
                "not_applicable",
                "applies to calibrations only",
            )),
            (_, Some(until)) if until < self.performed_on => errors.push(FieldError::new(
                "valid_until",
                "before_performed",
                "is before the calibration was done",
            )),
            _ => {}
        }
        let mut text = |field: &str, raw: &Option<String>| match raw
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
        {
            Some(raw) => parse_name(field, raw)
                .map_err(|e| errors.extend(e.field_errors().iter().cloned()))
                .ok(),
            None => None,
        };
        let performed_by = text("performed_by", &self.performed_by);
        let notes = notes(&self.notes, &mut errors);
        match kind {
            Some(kind) if errors.is_empty() => Ok(ValidRecord {
                kind,
                performed_on: self.performed_on,
                performed_by,
                valid_until: self.valid_until,
                notes,
            }),
            _ => Err(DomainError::Validation(errors)),
        }
    }
}

/// Notes may be long (a certificate's findings), not endless.
fn notes(raw: &Option<String>, errors: &mut Vec<FieldError>) -> Option<String> {
    let text = raw.as_deref().map(str::trim).filter(|s| !s.is_empty())?;
    if text.chars().count() > 4000 {
        errors.push(FieldError::new(
            "notes",
            "too_long",
            "must be at most 4000 characters",
        ));
        return None;
    }
    Some(text.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn the_latest_calibration_decides() {
        let today = d("2026-11-30");
        assert_eq!(CalibrationState::on(today, &[]), CalibrationState::None);
        let old = (d("2025-11-01"), Some(d("2026-10-31")));
        assert_eq!(
            CalibrationState::on(today, &[old]),
            CalibrationState::Lapsed
        );
        let renewed = (d("2026-11-15"), Some(d("2027-11-14")));
        assert_eq!(
            CalibrationState::on(today, &[old, renewed]),
            CalibrationState::Valid
        );
        // Valid through its last day; due soon within 30 days of it.
        let ending = (d("2026-01-01"), Some(d("2026-11-30")));
        assert_eq!(
            CalibrationState::on(today, &[ending]),
            CalibrationState::DueSoon
        );
        assert_eq!(
            CalibrationState::on(d("2026-12-01"), &[ending]),
            CalibrationState::Lapsed
        );
        assert!(CalibrationState::Lapsed.warns() && !CalibrationState::DueSoon.warns());
        assert!(CalibrationState::None.warns());
    }

    #[test]
    fn records_are_checked_field_by_field() {
        let today = d("2026-11-30");
        let record = |kind: &str, on: &str, until: Option<&str>| NewRecord {
            kind: kind.into(),
            performed_on: d(on),
            valid_until: until.map(d),
            ..Default::default()
        };
        assert!(record("calibration", "2026-11-30", Some("2027-11-29"))
            .validate(today)
            .is_ok());
        assert!(record("maintenance", "2026-11-02", None)
            .validate(today)
            .is_ok());
        let codes = |r: NewRecord| -> Vec<String> {
            r.validate(today)
                .unwrap_err()
                .field_errors()
                .iter()
                .map(|e| format!("{}:{}", e.field, e.code))
                .collect()
        };
        assert_eq!(
            codes(record("calibration", "2026-12-01", None)),
            ["performed_on:in_future", "valid_until:required"]
        );
        assert_eq!(
            codes(record("calibration", "2026-11-01", Some("2026-10-01"))),
            ["valid_until:before_performed"]
        );
        assert_eq!(
            codes(record("maintenance", "2026-11-01", Some("2027-10-01"))),
            ["valid_until:not_applicable"]
        );
        assert_eq!(
            codes(record("repair", "2026-11-01", None)),
            ["kind:invalid"]
        );
    }

    #[test]
    fn a_use_is_judged_by_its_worst_day() {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        let january = [(d("2020-01-01"), Some(d("2020-01-31")))];
        // Inside the calibration: valid (due soon, as it ends within 30 days).
        assert_eq!(
            CalibrationState::during(d("2020-01-10"), d("2020-01-12"), &january),
            (CalibrationState::DueSoon, d("2020-01-10"))
        );
        // Running past its end: lapsed from the first day after it.
        assert_eq!(
            CalibrationState::during(d("2020-01-30"), d("2020-02-02"), &january),
            (CalibrationState::Lapsed, d("2020-02-01"))
        );
        // Begun before the first calibration: never calibrated on its first day.
        assert_eq!(
            CalibrationState::during(d("2019-12-30"), d("2020-01-02"), &january),
            (CalibrationState::None, d("2019-12-30"))
        );
        // Renewed the day after the end: never lapsed.
        let renewed = [
            (d("2020-01-01"), Some(d("2020-01-31"))),
            (d("2020-02-01"), Some(d("2020-12-31"))),
        ];
        assert_eq!(
            CalibrationState::during(d("2020-01-30"), d("2020-02-02"), &renewed).0,
            CalibrationState::DueSoon
        );
    }
}
