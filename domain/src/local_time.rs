//! The installation's time zone: where its people read and type times. Stored times are
//! UTC; pages show them in this zone and read what is typed in a `datetime-local` field
//! (which carries no zone) as this zone's wall-clock time, daylight saving included.

use chrono::{DateTime, NaiveDate, NaiveDateTime, TimeZone as _, Utc};
use chrono_tz::Tz;

use crate::DomainError;

/// How a `datetime-local` field writes a time (`2026-03-02T09:00`).
const INPUT: &str = "%Y-%m-%dT%H:%M";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Zone(Tz);

impl Default for Zone {
    /// Europe/Paris: the labs this was first built for.
    fn default() -> Self {
        Self(chrono_tz::Europe::Paris)
    }
}

impl Zone {
    /// An IANA name (`Europe/Paris`, `America/Montreal`, `UTC`).
    pub fn parse(name: &str) -> Result<Self, DomainError> {
        name.trim().parse::<Tz>().map(Self).map_err(|_| {
            DomainError::invalid(
                "time_zone",
                "invalid",
                "is not a time zone name such as Europe/Paris",
            )
        })
    }

    pub fn name(self) -> &'static str {
        self.0.name()
    }

    /// The wall-clock date and time here at `at`.
    pub fn local(self, at: DateTime<Utc>) -> NaiveDateTime {
        at.with_timezone(&self.0).naive_local()
    }

    /// The calendar day here at `at` (a day starts at local midnight, not UTC's).
    pub fn day(self, at: DateTime<Utc>) -> NaiveDate {
        self.local(at).date()
    }

    /// `at` as a `datetime-local` field shows it.
    pub fn to_input(self, at: DateTime<Utc>) -> String {
        self.local(at).format(INPUT).to_string()
    }

    /// A `datetime-local` value read as this zone's wall clock. In the hour clocks go
    /// back the earlier of the two instants is taken; a time skipped when clocks go
    /// forward does not exist and is refused, naming `field`.
    pub fn from_input(self, field: &str, raw: &str) -> Result<DateTime<Utc>, DomainError> {
        let naive = NaiveDateTime::parse_from_str(raw.trim(), INPUT)
            .map_err(|_| DomainError::invalid(field, "invalid", "is not a date and time"))?;
        self.0
            .from_local_datetime(&naive)
            .earliest()
            .map(|t| t.with_timezone(&Utc))
            .ok_or_else(|| {
                DomainError::invalid(
                    field,
                    "skipped_time",
                    format!("does not exist in {}: the clocks went forward", self.name()),
                )
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().to_utc()
    }

    #[test]
    fn paris_reads_and_shows_wall_clock_time_in_winter_and_summer() {
        let paris = Zone::default();
        // Winter: UTC+1; summer: UTC+2.
        assert_eq!(
            paris.from_input("f", "2026-01-15T09:30").unwrap(),
            utc("2026-01-15T08:30:00Z")
        );
        assert_eq!(
            paris.from_input("f", "2026-07-15T09:30").unwrap(),
            utc("2026-07-15T07:30:00Z")
        );
        assert_eq!(
            paris.to_input(utc("2026-07-15T07:30:00Z")),
            "2026-07-15T09:30"
        );
        // 23:30 UTC on the 31st is already the 1st in Paris.
        assert_eq!(
            paris.day(utc("2026-12-31T23:30:00Z")),
            NaiveDate::from_ymd_opt(2027, 1, 1).unwrap()
        );
    }

    #[test]
    fn clock_changes_are_handled_not_guessed_silently() {
        let paris = Zone::default();
        // 29 March 2026, 02:30 does not exist in Paris.
        match paris.from_input("started_at", "2026-03-29T02:30") {
            Err(DomainError::Validation(errors)) => {
                assert_eq!(
                    (errors[0].field.as_str(), errors[0].code.as_str()),
                    ("started_at", "skipped_time")
                )
            }
            other => panic!("{other:?}"),
        }
        // 25 October 2026, 02:30 happens twice: the first one (still summer time).
        assert_eq!(
            paris.from_input("f", "2026-10-25T02:30").unwrap(),
            utc("2026-10-25T00:30:00Z")
        );
        assert!(paris.from_input("f", "tomorrow").is_err());
    }

    #[test]
    fn names_are_checked() {
        assert_eq!(Zone::parse("UTC").unwrap().name(), "UTC");
        assert_eq!(
            Zone::parse(" America/Montreal ").unwrap().name(),
            "America/Montreal"
        );
        assert!(Zone::parse("Paris").is_err());
    }
}
