//! Instruments and their calibration and maintenance records. The calibration state is
//! computed from the records each time it is shown (never stored, so never stale).

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, SubsecRound, Utc};
use domain::{
    access::{self, Access},
    instrument::{
        CalibrationState, Instrument, InstrumentPatch, InstrumentRecord, InstrumentStatus,
        NewInstrument, NewRecord, RecordKind,
    },
    kind::Kind,
    page::{Page, PageRequest, Sort},
    person::{parse_name, Person},
    DomainError, FieldError,
};
use labels::LabelCode;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, EntityTrait,
    QueryFilter, QueryOrder, QuerySelect,
};
use uuid::Uuid;

use crate::{
    accounts::permissions,
    accounts::teams,
    attachments::{self, Incoming, Owner},
    audit,
    entities::{instrument_records, instruments},
    error::Result,
    files::FileStore,
    fulltext::{self, Indexed},
    inventory::label_codes,
    inventory::locations,
    paging,
    text_fields::optional_text,
    write,
};

const KIND: Kind = Kind::Instrument;

/// What to list.
#[derive(Debug, Clone, Default)]
pub struct InstrumentQuery {
    /// A label code, a serial number, or words of the name or model.
    pub q: Option<String>,
    pub status: Option<String>,
    pub sort: Sort,
}

/// The orders the instrument list offers.
pub const SORTS: [Sort; 2] = [Sort::Created, Sort::Name];

/// One page of the instruments the person may see.
pub async fn list(
    db: &DatabaseConnection,
    person: &Person,
    filter: InstrumentQuery,
    page: PageRequest,
) -> Result<Page<Instrument>> {
    let mut query = paging::apply(
        instruments::Entity::find(),
        filter.sort,
        instruments::Column::Id,
        Some(instruments::Column::Name),
        page.after,
    );
    if let Some(visible) = visible(person) {
        query = query.filter(visible);
    }
    if let Some(status) = filter.status.as_deref().filter(|s| !s.trim().is_empty()) {
        let status = InstrumentStatus::parse(status)?;
        query = query.filter(instruments::Column::Status.eq(status.as_str()));
    }
    if let Some(q) = filter.q.as_deref().map(str::trim).filter(|q| !q.is_empty()) {
        let mut cond = Condition::any().add(instruments::Column::Serial.eq(q));
        if let Some(words) = fulltext::words(db.get_database_backend(), Indexed::Instruments, q) {
            cond = cond.add(words);
        }
        if let Ok(code) = LabelCode::parse(q) {
            cond = cond.add(instruments::Column::LabelCode.eq(code.to_string()));
        }
        query = query.filter(cond);
    }
    let rows = query.limit(page.limit + 1).all(db).await?;
    let page = Page::from_rows(rows, page, |r| r.id, |r| r);
    let today = today();
    let calibrations = calibrations(db, page.items.iter().map(|r| r.id).collect()).await?;
    Ok(Page {
        items: page
            .items
            .into_iter()
            .map(|r| {
                let cal = calibrations.get(&r.id).map(Vec::as_slice).unwrap_or(&[]);
                into_dto(r, today, cal)
            })
            .collect(),
        next_cursor: page.next_cursor,
    })
}

/// Every instrument the person may see (for alerts and pickers).
pub async fn list_all(db: &DatabaseConnection, person: &Person) -> Result<Vec<Instrument>> {
    let mut query = instruments::Entity::find().order_by_asc(instruments::Column::Name);
    if let Some(visible) = visible(person) {
        query = query.filter(visible);
    }
    let rows = query.all(db).await?;
    let calibrations = calibrations(db, rows.iter().map(|r| r.id).collect()).await?;
    let today = today();
    Ok(rows
        .into_iter()
        .map(|r| {
            let cal = calibrations.get(&r.id).map(Vec::as_slice).unwrap_or(&[]);
            into_dto(r, today, cal)
        })
        .collect())
}

pub async fn get(db: &DatabaseConnection, person: &Person, id: Uuid) -> Result<Instrument> {
    let row = find(db, id).await?;
    access::require(
        access_to(db, person, &row).await?,
        Access::Read,
        KIND.as_str(),
    )?;
    dto(db, row).await
}

pub async fn create(
    db: &DatabaseConnection,
    person: &Person,
    new: NewInstrument,
) -> Result<Instrument> {
    let mut errors: Vec<FieldError> = Vec::new();
    let name = parse_name("name", &new.name)
        .map_err(|e| errors.extend(e.field_errors().iter().cloned()))
        .ok();
    let serial = optional_text("serial", new.serial.as_deref(), &mut errors);
    let model = optional_text("model", new.model.as_deref(), &mut errors);
    let team = access::team_for_new(person, new.team_id);
    if let Err(DomainError::Validation(e)) = &team {
        errors.extend(e.iter().cloned());
    }
    let txn = write::begin(db).await?;
    if let Some(place) = new.location_id {
        errors.extend(locations::check_place(&txn, person, "location_id", place).await?);
    }
    let (Some(name), true) = (name, errors.is_empty()) else {
        return Err(DomainError::Validation(errors).into());
    };
    let team_id = team?;
    teams::check_team_id(&txn, team_id).await?;
    let id = Uuid::now_v7();
    let code = label_codes::issue(&txn, KIND, id).await?;
    let now = Utc::now().trunc_subsecs(6);
    let row = instruments::Model {
        id,
        team_id,
        created_by: Some(person.id),
        label_code: code.to_string(),
        name,
        model,
        serial,
        location_id: new.location_id,
        status: InstrumentStatus::Available,
        created_at: now,
        updated_at: now,
    };
    instruments::Entity::insert(instruments::ActiveModel::from(row.clone()))
        .exec_without_returning(&txn)
        .await?;
    let instrument = into_dto(row, today(), &[]);
    audit::record(
        &txn,
        person,
        KIND.as_str(),
        "instrument.create",
        id,
        None,
        &instrument,
    )
    .await?;
    txn.commit().await?;
    Ok(instrument)
}

pub async fn update(
    db: &DatabaseConnection,
    person: &Person,
    id: Uuid,
    patch: InstrumentPatch,
) -> Result<Instrument> {
    let txn = write::begin(db).await?;
    let current = find(&txn, id).await?;
    access::require(
        access_to(&txn, person, &current).await?,
        Access::Write,
        KIND.as_str(),
    )?;
    let before = dto(&txn, current.clone()).await?;
    let mut errors = Vec::new();
    let mut updated = current;
    if let Some(raw) = patch.name.as_deref() {
        match parse_name("name", raw) {
            Ok(name) => updated.name = name,
            Err(e) => errors.extend(e.field_errors().iter().cloned()),
        }
    }
    if let Some(serial) = patch.serial {
        updated.serial = optional_text("serial", serial.as_deref(), &mut errors);
    }
    if let Some(model) = patch.model {
        updated.model = optional_text("model", model.as_deref(), &mut errors);
    }
    if let Some(place) = patch.location_id {
        if let Some(place) = place {
            errors.extend(locations::check_place(&txn, person, "location_id", place).await?);
        }
        updated.location_id = place;
    }
    if let Some(raw) = patch.status.as_deref() {
        match InstrumentStatus::parse(raw) {
            Ok(status) => updated.status = status,
            Err(e) => errors.extend(e.field_errors().iter().cloned()),
        }
    }
    if !errors.is_empty() {
        return Err(DomainError::Validation(errors).into());
    }
    updated.updated_at = Utc::now().trunc_subsecs(6);
    instruments::Entity::update(instruments::ActiveModel::from(updated.clone()).reset_all())
        .exec(&txn)
        .await?;
    let after = dto(&txn, updated).await?;
    audit::record(
        &txn,
        person,
        KIND.as_str(),
        "instrument.update",
        id,
        Some(&before),
        &after,
    )
    .await?;
    txn.commit().await?;
    Ok(after)
}

/// Records a calibration or a maintenance done on the instrument.
pub async fn add_record(
    db: &DatabaseConnection,
    person: &Person,
    id: Uuid,
    new: NewRecord,
) -> Result<InstrumentRecord> {
    let valid = new.validate(today())?;
    let txn = write::begin(db).await?;
    let row = find(&txn, id).await?;
    access::require(
        access_to(&txn, person, &row).await?,
        Access::Write,
        KIND.as_str(),
    )?;
    let before = dto(&txn, row.clone()).await?;
    let record = instrument_records::Model {
        id: Uuid::now_v7(),
        instrument_id: id,
        kind: valid.kind,
        performed_on: valid.performed_on,
        performed_by: valid.performed_by.or_else(|| Some(person.name.clone())),
        valid_until: valid.valid_until,
        notes: valid.notes,
        recorded_by: Some(person.id),
        recorded_at: Utc::now().trunc_subsecs(6),
        certificate_attachment_id: None,
    };
    instrument_records::Entity::insert(instrument_records::ActiveModel::from(record.clone()))
        .exec_without_returning(&txn)
        .await?;
    let after = dto(&txn, row).await?;
    let action = format!("instrument.{}", valid.kind.as_str());
    audit::record(
        &txn,
        person,
        KIND.as_str(),
        &action,
        id,
        Some(&before),
        &after,
    )
    .await?;
    txn.commit().await?;
    Ok(record_dto(record))
}

/// Attaches the certificate (or service report) to one of the instrument's records.
/// Records are never edited, and neither is a certificate once attached: a second one is
/// refused (409); a correction is a new record.
pub async fn attach_certificate(
    db: &DatabaseConnection,
    files: &FileStore,
    person: &Person,
    id: Uuid,
    record_id: Uuid,
    incoming: Incoming,
) -> Result<InstrumentRecord> {
    let txn = write::begin(db).await?;
    let row = find(&txn, id).await?;
    access::require(
        access_to(&txn, person, &row).await?,
        Access::Write,
        KIND.as_str(),
    )?;
    let record = instrument_records::Entity::find_by_id(record_id)
        .one(&txn)
        .await?
        .filter(|r| r.instrument_id == id)
        .ok_or_else(|| DomainError::not_found("record"))?;
    if record.certificate_attachment_id.is_some() {
        return Err(DomainError::conflict(
            "file",
            "already_attached",
            "this record already has its certificate; record a new calibration to replace it",
        )
        .into());
    }
    let owner = Owner {
        kind: KIND,
        id,
        team_id: row.team_id,
    };
    let attachment = attachments::keep(&txn, files, person, owner, incoming).await?;
    let before = record_dto(record.clone());
    let updated = instrument_records::Model {
        certificate_attachment_id: Some(attachment.id),
        ..record
    };
    instrument_records::Entity::update(
        instrument_records::ActiveModel::from(updated.clone()).reset_all(),
    )
    .exec(&txn)
    .await?;
    let after = record_dto(updated);
    audit::record(
        &txn,
        person,
        KIND.as_str(),
        "instrument.attach_certificate",
        id,
        Some(&before),
        &after,
    )
    .await?;
    txn.commit().await?;
    Ok(after)
}

/// The instrument's records, newest first.
pub async fn records(
    db: &DatabaseConnection,
    person: &Person,
    id: Uuid,
) -> Result<Vec<InstrumentRecord>> {
    let row = find(db, id).await?;
    access::require(
        access_to(db, person, &row).await?,
        Access::Read,
        KIND.as_str(),
    )?;
    Ok(instrument_records::Entity::find()
        .filter(instrument_records::Column::InstrumentId.eq(id))
        .order_by_desc(instrument_records::Column::PerformedOn)
        .order_by_desc(instrument_records::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(record_dto)
        .collect())
}

/// One instrument inside a write transaction, for whoever may see it.
pub(crate) async fn get_in(
    db: &impl ConnectionTrait,
    person: &Person,
    id: Uuid,
) -> Result<Instrument> {
    let row = find(db, id).await?;
    access::require(
        access_to(db, person, &row).await?,
        Access::Read,
        KIND.as_str(),
    )?;
    dto(db, row).await
}

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

/// Calibration dates (done on, valid until) per instrument.
async fn calibrations(
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

async fn dto(db: &impl ConnectionTrait, row: instruments::Model) -> Result<Instrument> {
    let calibrations = calibrations(db, vec![row.id]).await?;
    let cal = calibrations.get(&row.id).map(Vec::as_slice).unwrap_or(&[]);
    Ok(into_dto(row, today(), cal))
}

fn today() -> NaiveDate {
    Utc::now().date_naive()
}

fn visible(person: &Person) -> Option<Condition> {
    permissions::visible(
        person,
        KIND,
        instruments::Column::Id,
        instruments::Column::TeamId,
    )
}

async fn find(db: &impl ConnectionTrait, id: Uuid) -> Result<instruments::Model> {
    Ok(instruments::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or_else(|| KIND.not_found())?)
}

async fn access_to(
    db: &impl ConnectionTrait,
    person: &Person,
    row: &instruments::Model,
) -> Result<Access> {
    permissions::level(db, person, KIND, row.id, row.team_id, row.created_by).await
}

fn record_dto(m: instrument_records::Model) -> InstrumentRecord {
    InstrumentRecord {
        id: m.id,
        instrument_id: m.instrument_id,
        kind: m.kind,
        performed_on: m.performed_on,
        performed_by: m.performed_by,
        valid_until: m.valid_until,
        notes: m.notes,
        recorded_by: m.recorded_by,
        recorded_at: m.recorded_at,
        certificate_attachment_id: m.certificate_attachment_id,
    }
}

fn into_dto(
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
