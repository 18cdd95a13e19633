//! Usages: the links traceability rests on. A lot used by an entry is consumed in the
//! entry's transaction (its ledger line names the entry), so the usage and the stock
//! change land together or not at all; removing the usage from a draft writes the
//! opposite line. Samples are inputs or outputs — a new output sample is made with the
//! entry's inputs as its parents. An instrument is used for a time window. What a use
//! warns about (an expired lot, a lapsed calibration) is recorded with it; at the bench
//! it is also shown before, with what will remain, and needs a tap (`preview`).

mod asked;
mod view;

pub use asked::Asked;

use chrono::{SubsecRound, Utc};
use domain::{
    access::Access,
    bench::{check_instrument, check_lot, UseNotice},
    entry::{NewUsage, Usage, UsageKind, UsageRequest},
    kind::Kind,
    person::Person,
    sample::{NewParent, NewSample},
    trace::{Direction, NodeKind},
    DomainError,
};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, ModelTrait, QueryFilter,
    QueryOrder,
};
use uuid::Uuid;

use crate::{
    accounts::permissions,
    audit,
    entities::{entry_usages, lots as lot_rows, samples as sample_rows},
    error::Result,
    inventory::instruments,
    inventory::ledger,
    inventory::lots,
    inventory::samples,
    notebook::entries::rows::{self as entries, KIND},
    notebook::protocols,
    write, ServiceError,
};

/// Adds what the entry used or made. The entry must be a draft the person may write.
pub async fn add(
    db: &DatabaseConnection,
    person: &Person,
    entry_id: Uuid,
    new: NewUsage,
    asked: &Asked,
) -> Result<Usage> {
    let request = new.read()?;
    let txn = write::begin(db).await?;
    let entry = entries::find(&txn, entry_id).await?;
    permissions::require(&txn, person, &entry, Access::Write).await?;
    entry.status.require_draft()?;
    let now = Utc::now().trunc_subsecs(6);
    let mut row = entry_usages::Model::of_kind(entry_id, request.kind(), person.id, now);
    let mut notices = Vec::new();
    match request {
        UsageRequest::Protocol { version_id } => {
            protocols::follow(&txn, person, version_id)
                .await
                .map_err(|e| not_found_as("protocol_version_id", "protocol version", e))?;
            row.protocol_version_id = Some(version_id);
        }
        UsageRequest::Lot {
            lot_id,
            quantity,
            unit,
        } => {
            let (lot, facts) = lots::for_use(&txn, person, lot_id)
                .await
                .map_err(|e| not_found_as("lot_id", Kind::Lot.as_str(), e))?;
            let (take, given) = asked.amount(quantity, unit.as_deref(), facts.unit)?;
            notices = check_lot(&facts, Some(take), Utc::now().date_naive(), asked.policy());
            asked.allow(&notices)?;
            let reason = domain::ledger_reason::Reason::UsedIn {
                entry: entry.number.into(),
            }
            .stored();
            // The ledger line first, then the usage that points at it: one transaction.
            let movement = ledger::take::<lot_rows::Model>(
                &txn,
                person,
                lot.id,
                take.value_in(given),
                Some(given.symbol.to_owned()),
                &reason,
                Some(entry_id),
            )
            .await
            .map_err(|e| not_found_as("lot_id", Kind::Lot.as_str(), e))?;
            row.lot_id = Some(lot_id);
            row.movement_id = Some(movement.id);
            row.unit = Some(given.symbol.to_owned());
        }
        UsageRequest::SampleInput { sample_id } => {
            check_sample(&txn, person, sample_id, Access::Read).await?;
            // Lineage never loops: what this entry made (directly or further down) cannot
            // also have gone into it.
            refuse_loop(
                &txn,
                entry_id,
                Direction::Forward,
                sample_id,
                "made from this entry",
            )
            .await?;
            row.sample_id = Some(sample_id);
        }
        UsageRequest::SampleOutput { sample_id } => {
            // Declaring what made a sample rewrites its provenance: its team's to say.
            check_sample(&txn, person, sample_id, Access::Write).await?;
            refuse_loop(
                &txn,
                entry_id,
                Direction::Backward,
                sample_id,
                "used to make this entry",
            )
            .await?;
            row.sample_id = Some(sample_id);
        }
        UsageRequest::NewOutput {
            name,
            quantity,
            unit,
            sample_type,
            relation,
        } => {
            let parents = inputs(&txn, entry_id)
                .await?
                .into_iter()
                .map(|(sample_id, lot_id)| NewParent {
                    sample_id,
                    lot_id,
                    relation: relation.clone(),
                    quantity: None,
                    unit: None,
                })
                .collect();
            let new_sample = NewSample {
                name,
                quantity,
                unit,
                sample_type,
                location_id: None,
                position: None,
                team_id: Some(entry.team_id),
                parents,
            };
            let sample = samples::create_in(&txn, person, new_sample).await?;
            row.sample_id = Some(sample.id);
        }
        UsageRequest::Instrument {
            instrument_id,
            started_at,
            ended_at,
        } => {
            // May it be used at all; then how it stood, read over the whole use.
            instruments::get_in(&txn, person, instrument_id)
                .await
                .map_err(|e| not_found_as("instrument_id", Kind::Instrument.as_str(), e))?;
            let (calibration, statuses) =
                instruments::during(&txn, instrument_id, started_at, ended_at).await?;
            notices = check_instrument(calibration, &statuses);
            asked.allow(&notices)?;
            row.instrument_id = Some(instrument_id);
            row.started_at = Some(started_at.trunc_subsecs(6));
            row.ended_at = Some(ended_at.trunc_subsecs(6));
        }
    }
    let kept: Vec<UseNotice> = notices.into_iter().filter(UseNotice::is_kept).collect();
    if !kept.is_empty() {
        row.warning = Some(
            kept.iter()
                .map(UseNotice::english)
                .collect::<Vec<_>>()
                .join("; "),
        );
        row.warnings =
            Some(serde_json::to_string(&kept).map_err(|e| ServiceError::Storage(e.to_string()))?);
    }
    entry_usages::Entity::insert(entry_usages::ActiveModel::from(row.clone()))
        .exec_without_returning(&txn)
        .await?;
    let usage = view::shown(&txn, person, vec![row])
        .await?
        .pop()
        .ok_or_else(|| DomainError::not_found("usage"))?;
    audit::commit(txn, person, KIND, "entry.add_usage", entry_id, None, usage).await
}

/// Records that a new entry follows a protocol version (already frozen by the caller).
pub(crate) async fn record_protocol(
    txn: &impl ConnectionTrait,
    person: &Person,
    entry_id: Uuid,
    version_id: Uuid,
) -> Result<()> {
    let now = Utc::now().trunc_subsecs(6);
    let row = entry_usages::Model {
        protocol_version_id: Some(version_id),
        ..entry_usages::Model::of_kind(entry_id, UsageKind::Protocol, person.id, now)
    };
    entry_usages::Entity::insert(entry_usages::ActiveModel::from(row))
        .exec_without_returning(txn)
        .await?;
    Ok(())
}

/// Takes a usage off a draft: a lot gets back what it gave (a new ledger line; the
/// ledger keeps both); a sample the entry made stays (it exists now) but is no longer
/// listed as the entry's output.
pub async fn remove(
    db: &DatabaseConnection,
    person: &Person,
    entry_id: Uuid,
    usage_id: Uuid,
) -> Result<()> {
    let txn = write::begin(db).await?;
    let entry = entries::find(&txn, entry_id).await?;
    permissions::require(&txn, person, &entry, Access::Write).await?;
    entry.status.require_draft()?;
    let row = entry_usages::Entity::find_by_id(usage_id)
        .one(&txn)
        .await?
        .filter(|u| u.entry_id == entry_id)
        .ok_or_else(|| DomainError::not_found("usage"))?;
    let before = view::shown(&txn, person, vec![row.clone()])
        .await?
        .pop()
        .and_then(|u| serde_json::to_value(u).ok());
    if let Some(movement) = row.movement_id {
        let reason = domain::ledger_reason::Reason::UsageRemoved {
            entry: entry.number.into(),
        }
        .stored();
        ledger::reverse::<lot_rows::Model>(&txn, person, movement, &reason).await?;
    }
    row.delete(&txn).await?;
    audit::record(
        &txn,
        person,
        KIND.as_str(),
        "entry.remove_usage",
        entry_id,
        before.as_ref(),
        &serde_json::Value::Null,
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// The entry's usages as the reader may see them, in the order they were added.
pub(crate) async fn of_entry(
    db: &impl ConnectionTrait,
    person: &Person,
    entry_id: Uuid,
) -> Result<Vec<Usage>> {
    let rows = entry_usages::Entity::find()
        .filter(entry_usages::Column::EntryId.eq(entry_id))
        .order_by_asc(entry_usages::Column::Id)
        .all(db)
        .await?;
    view::shown(db, person, rows).await
}

/// The samples and lots the entry used, parents of what it makes.
async fn inputs(
    db: &impl ConnectionTrait,
    entry_id: Uuid,
) -> Result<Vec<(Option<Uuid>, Option<Uuid>)>> {
    let mut seen = Vec::new();
    for u in entry_usages::Entity::find()
        .filter(entry_usages::Column::EntryId.eq(entry_id))
        .order_by_asc(entry_usages::Column::Id)
        .all(db)
        .await?
    {
        let input = match u.kind {
            UsageKind::SampleInput => (u.sample_id, None),
            UsageKind::Lot => (None, u.lot_id),
            _ => continue,
        };
        if !seen.contains(&input) {
            seen.push(input);
        }
    }
    Ok(seen)
}

/// Refuses a link that would close a loop: `sample` already lies in `direction` of the
/// entry. 422 naming `sample_id`.
async fn refuse_loop(
    db: &impl ConnectionTrait,
    entry: Uuid,
    direction: Direction,
    sample: Uuid,
    why: &str,
) -> Result<()> {
    if crate::walk::reaches(db, (NodeKind::Entry, entry), direction, sample).await? {
        return Err(DomainError::invalid(
            "sample_id",
            "cycle",
            format!("this sample was {why}: the link would make its lineage loop"),
        )
        .into());
    }
    Ok(())
}

/// A sample the entry may name: an input the person may see, an output they may change
/// (422 `sample_id` otherwise).
async fn check_sample(
    db: &impl ConnectionTrait,
    person: &Person,
    id: Uuid,
    needs: Access,
) -> Result<()> {
    let level = match sample_rows::Entity::find_by_id(id).one(db).await? {
        Some(s) => permissions::of(db, person, &s).await?,
        None => Access::None,
    };
    match level {
        Access::None => {
            Err(DomainError::invalid("sample_id", "not_found", "no such sample").into())
        }
        l if l < needs => Err(DomainError::invalid(
            "sample_id",
            "read_only",
            "you may read this sample, not declare what made it",
        )
        .into()),
        _ => Ok(()),
    }
}

/// A thing the person may not see is a field error of the request, not a missing page.
fn not_found_as(field: &str, what: &str, e: ServiceError) -> ServiceError {
    match e {
        ServiceError::Domain(DomainError::NotFound { .. }) => {
            DomainError::invalid(field, "not_found", format!("no such {what}")).into()
        }
        other => other,
    }
}
