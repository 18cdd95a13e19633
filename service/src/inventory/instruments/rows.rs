//! What every part of the instruments' code needs: their kind, finding a row, who may
//! see or change it, and the instrument as shown (its calibration state worked out).

use std::collections::HashMap;

use chrono::{NaiveDate, Utc};
use domain::{
    instrument::{CalibrationState, Instrument, RecordKind},
    kind::Kind,
    person::Person,
};
use sea_orm::{ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter};
use uuid::Uuid;

use crate::{
    accounts::permissions::{self, Owned},
    entities::{instrument_records, instruments},
    error::Result,
};

pub(super) const KIND: Kind = Kind::Instrument;

/// Calibration dates (done on, valid until) per instrument.
pub(super) async fn calibrations(
    db: &impl ConnectionTrait,
    ids: Vec<Uuid>,
) -> Result<HashMap<Uuid, Vec<(NaiveDate, Option<NaiveDate>)>>> {
    let mut by_instrument: HashMap<Uuid, Vec<_>> = HashMap::new();
    if ids.is_empty() {
        return Ok(by_instrument);
    }
    for chunk in ids.chunks(500) {
        for r in instrument_records::Entity::find()
            .filter(instrument_records::Column::InstrumentId.is_in(chunk.to_vec()))
            .filter(instrument_records::Column::Kind.eq(RecordKind::Calibration.as_str()))
            .all(db)
            .await?
        {
            by_instrument
                .entry(r.instrument_id)
                .or_default()
                .push((r.performed_on, r.valid_until));
        }
    }
    Ok(by_instrument)
}

pub(super) async fn dto(db: &impl ConnectionTrait, row: instruments::Model) -> Result<Instrument> {
    let calibrations = calibrations(db, vec![row.id]).await?;
    let cal = calibrations.get(&row.id).map(Vec::as_slice).unwrap_or(&[]);
    Ok(into_dto(row, today(), cal))
}

pub(super) fn today() -> NaiveDate {
    Utc::now().date_naive()
}

pub(super) fn visible(person: &Person) -> Option<Condition> {
    permissions::visible(
        person,
        KIND,
        instruments::Column::Id,
        instruments::Column::TeamId,
    )
}

pub(super) async fn find(db: &impl ConnectionTrait, id: Uuid) -> Result<instruments::Model> {
    Ok(instruments::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or_else(|| KIND.not_found())?)
}

/// Who may see or change a row: its team, shares and creator.
impl Owned for instruments::Model {
    const KIND: Kind = KIND;

    fn owner(&self) -> (Uuid, Uuid, Option<Uuid>) {
        (self.id, self.team_id, self.created_by)
    }
}

pub(super) fn into_dto(
    m: instruments::Model,
    today: NaiveDate,
    calibrations: &[(NaiveDate, Option<NaiveDate>)],
) -> Instrument {
    let latest = calibrations.iter().max_by_key(|(on, _)| *on);
    Instrument {
        id: m.id,
        team_id: m.team_id,
        created_by: m.created_by,
        label_code: m.label_code,
        name: m.name,
        model: m.model,
        serial: m.serial,
        location_id: m.location_id,
        status: m.status,
        calibration: CalibrationState::on(today, calibrations),
        calibrated_until: latest.and_then(|(_, until)| *until),
        created_at: m.created_at,
        updated_at: m.updated_at,
    }
}
