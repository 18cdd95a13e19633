//! An instrument's calibration and maintenance records, and their certificates.

use chrono::{SubsecRound, Utc};
use domain::{
    access::Access,
    instrument::{InstrumentRecord, NewRecord},
    person::Person,
    DomainError,
};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder};
use uuid::Uuid;

use crate::{
    accounts::permissions,
    attachments::{self, Incoming, Owner},
    audit,
    entities::instrument_records,
    error::Result,
    files::FileStore,
    inventory::instruments::rows::{dto, find, today, KIND},
    write,
};

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
    permissions::require(&txn, person, &row, Access::Write).await?;
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
    permissions::require(&txn, person, &row, Access::Write).await?;
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
    write::replace(&txn, updated.clone()).await?;
    let after = record_dto(updated);
    audit::commit(
        txn,
        person,
        KIND,
        "instrument.attach_certificate",
        id,
        Some(&before),
        after,
    )
    .await
}

/// The instrument's records, newest first.
pub async fn records(
    db: &DatabaseConnection,
    person: &Person,
    id: Uuid,
) -> Result<Vec<InstrumentRecord>> {
    let row = find(db, id).await?;
    permissions::require(db, person, &row, Access::Read).await?;
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
