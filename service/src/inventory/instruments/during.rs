//! An instrument over a use's window: its calibration state and every status it had,
//! read from its records and its audited history.

use chrono::{DateTime, NaiveDate, Utc};
use domain::instrument::{CalibrationState, InstrumentStatus};
use sea_orm::ConnectionTrait;
use uuid::Uuid;

use crate::{
    audit,
    error::Result,
    inventory::instruments::rows::{calibrations, KIND},
};

/// The instrument's calibration state on `day`, from the calibrations done by then.
/// How an instrument stood over a use from `from` to `to`: its worst calibration state
/// on any day of it (and that day), and every status it had meanwhile, read from its
/// history — the status when the use is typed says nothing of last week's use.
pub(crate) async fn during(
    db: &impl ConnectionTrait,
    id: Uuid,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<((CalibrationState, NaiveDate), Vec<InstrumentStatus>)> {
    let done = calibrations(db, vec![id])
        .await?
        .remove(&id)
        .unwrap_or_default();
    let calibration = CalibrationState::during(from.date_naive(), to.date_naive(), &done);
    Ok((calibration, statuses_during(db, id, from, to).await?))
}

/// How the instrument's calibration stood over a use, for a reader of the entry: its
/// worst state on any day of the use, and the end of the calibration that covered the
/// use's first day (none when it had no end, or none covered it).
pub(crate) async fn calibration_over(
    db: &impl ConnectionTrait,
    id: Uuid,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<(CalibrationState, Option<NaiveDate>)> {
    let done = calibrations(db, vec![id])
        .await?
        .remove(&id)
        .unwrap_or_default();
    let (state, _) = CalibrationState::during(from.date_naive(), to.date_naive(), &done);
    let until = done
        .iter()
        .filter(|(on, _)| *on <= from.date_naive())
        .max_by_key(|(on, _)| *on)
        .and_then(|(_, until)| *until);
    Ok((state, until))
}

/// The statuses an instrument had from `from` to `to`: the one set last before `from`
/// (before the instrument was recorded, the one it was recorded with), then each set
/// meanwhile. Every change of status is audited with the instrument as it became.
async fn statuses_during(
    db: &impl ConnectionTrait,
    id: Uuid,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<Vec<InstrumentStatus>> {
    let mut set = Vec::new();
    for record in audit::history(db, KIND.as_str(), &id.to_string()).await? {
        let Some(after) = record.after.as_deref() else {
            continue;
        };
        let snapshot: serde_json::Value = serde_json::from_str(after)
            .map_err(|_| crate::ServiceError::stored("audit_log.after", record.seq.to_string()))?;
        if let Some(raw) = snapshot.get("status").and_then(|s| s.as_str()) {
            let status = InstrumentStatus::from_stored(raw)
                .map_err(|_| crate::ServiceError::stored("audit_log.after", raw))?;
            set.push((record.at, status));
        }
    }
    let at_start = set
        .iter()
        .rev()
        .find(|(at, _)| *at <= from)
        .or(set.first())
        .map(|(_, status)| *status);
    let mut statuses: Vec<InstrumentStatus> = at_start.into_iter().collect();
    for (at, status) in set {
        if at > from && at <= to && !statuses.contains(&status) {
            statuses.push(status);
        }
    }
    Ok(statuses)
}
