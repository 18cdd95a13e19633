//! Instruments and their calibration and maintenance records. The calibration state is
//! computed from the records each time it is shown (never stored, so never stale).
//! Records (calibration, maintenance) are in `records`, the state over a use's window in
//! `during`, what every part needs (finding a row, who may see it) in `rows`.

use chrono::{SubsecRound, Utc};
use domain::{
    access::{self, Access},
    instrument::{Instrument, InstrumentPatch, InstrumentStatus, NewInstrument},
    page::{Page, PageRequest, Sort},
    person::{parse_name, Person},
    DomainError, FieldError,
};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect,
};
use uuid::Uuid;

use crate::{
    accounts::permissions,
    accounts::teams,
    audit,
    entities::instruments,
    error::Result,
    fulltext::{self, Indexed},
    inventory::instruments::rows::{calibrations, dto, find, into_dto, today, visible, KIND},
    inventory::label_codes,
    inventory::locations,
    paging,
    text_fields::optional_text,
    write,
};

mod during;
mod records;
mod rows;

pub(crate) use during::{calibration_over, during};
pub use records::{add_record, attach_certificate, records};

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
    if let Some(status) = fulltext::typed(filter.status.as_deref()) {
        let status = InstrumentStatus::parse(status)?;
        query = query.filter(instruments::Column::Status.eq(status.as_str()));
    }
    if let Some(q) = fulltext::typed(filter.q.as_deref()) {
        let exact = Condition::any()
            .add(instruments::Column::Serial.eq(q))
            .add_option(fulltext::code(instruments::Column::LabelCode, q));
        let backend = db.get_database_backend();
        query = query.filter(fulltext::search(backend, Indexed::Instruments, q, exact));
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
    permissions::require(db, person, &row, Access::Read).await?;
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
    audit::commit(txn, person, KIND, "instrument.create", id, None, instrument).await
}

pub async fn update(
    db: &DatabaseConnection,
    person: &Person,
    id: Uuid,
    patch: InstrumentPatch,
) -> Result<Instrument> {
    let txn = write::begin(db).await?;
    let current = find(&txn, id).await?;
    permissions::require(&txn, person, &current, Access::Write).await?;
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
    write::replace(&txn, updated.clone()).await?;
    let after = dto(&txn, updated).await?;
    audit::commit(
        txn,
        person,
        KIND,
        "instrument.update",
        id,
        Some(&before),
        after,
    )
    .await
}

/// One instrument inside a write transaction, for whoever may see it.
pub(crate) async fn get_in(
    db: &impl ConnectionTrait,
    person: &Person,
    id: Uuid,
) -> Result<Instrument> {
    let row = find(db, id).await?;
    permissions::require(db, person, &row, Access::Read).await?;
    dto(db, row).await
}
