//! Ticking the steps of the protocols an entry follows, at the bench: each change is
//! audited, and a signed entry's steps are locked with it.

use std::collections::HashMap;

use chrono::{SubsecRound, Utc};
use domain::{
    access::Access,
    entry::{EntryStep, FollowedProtocol, StepDone, StepTick, UsageKind},
    person::Person,
    DomainError,
};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder,
};
use uuid::Uuid;

use super::{
    contributors::names,
    rows::{find, KIND},
};
use crate::{
    accounts::permissions,
    audit,
    entities::{entry_steps, entry_usages, protocol_versions, protocols},
    error::Result,
    notebook::protocols::version_dto,
    write,
};

/// The protocol versions the entry follows, in the order it took them up, each step with
/// who did it when. Four queries, whatever the number of steps.
pub(crate) async fn followed(
    db: &impl ConnectionTrait,
    entry_id: Uuid,
) -> Result<Vec<FollowedProtocol>> {
    let versions: Vec<Uuid> = entry_usages::Entity::find()
        .filter(entry_usages::Column::EntryId.eq(entry_id))
        .filter(entry_usages::Column::Kind.eq(UsageKind::Protocol))
        .order_by_asc(entry_usages::Column::CreatedAt)
        .all(db)
        .await?
        .into_iter()
        .filter_map(|u| u.protocol_version_id)
        .collect();
    if versions.is_empty() {
        return Ok(Vec::new());
    }
    let mut rows: HashMap<Uuid, protocol_versions::Model> = protocol_versions::Entity::find()
        .filter(protocol_versions::Column::Id.is_in(versions.clone()))
        .all(db)
        .await?
        .into_iter()
        .map(|v| (v.id, v))
        .collect();
    let protocol_names: HashMap<Uuid, String> = protocols::Entity::find()
        .filter(protocols::Column::Id.is_in(rows.values().map(|v| v.protocol_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.id, p.name))
        .collect();
    let done: HashMap<(Uuid, u32), entry_steps::Model> = entry_steps::Entity::find()
        .filter(entry_steps::Column::EntryId.eq(entry_id))
        .all(db)
        .await?
        .into_iter()
        .map(|d| ((d.protocol_version_id, d.step as u32), d))
        .collect();
    let people = names(db, done.values().filter_map(|d| d.done_by).collect()).await?;
    let mut followed = Vec::new();
    for id in versions {
        let Some(row) = rows.remove(&id) else {
            continue;
        };
        let version = version_dto(row)?;
        let steps = version
            .steps
            .into_iter()
            .enumerate()
            .map(|(i, text)| EntryStep {
                step: i as u32,
                text,
                done: done.get(&(id, i as u32)).map(|d| StepDone {
                    by: d.done_by,
                    by_name: d.done_by.and_then(|p| people.get(&p).cloned()),
                    at: d.done_at,
                }),
            })
            .collect();
        followed.push(FollowedProtocol {
            protocol_version_id: id,
            protocol_id: version.protocol_id,
            name: protocol_names
                .get(&version.protocol_id)
                .cloned()
                .unwrap_or_default(),
            version: version.version,
            steps,
        });
    }
    Ok(followed)
}

/// Marks a step of a protocol the entry follows as done (by the person, now) or not done;
/// answers the entry's protocols as they now stand. Ticking a done step again changes
/// nothing (a double tap does not move who did it or when).
pub async fn tick(
    db: &DatabaseConnection,
    person: &Person,
    entry_id: Uuid,
    tick: StepTick,
) -> Result<Vec<FollowedProtocol>> {
    let txn = write::begin(db).await?;
    let entry = find(&txn, entry_id).await?;
    permissions::require(&txn, person, &entry, Access::Write).await?;
    entry.status.require_draft()?;
    let before = followed(&txn, entry_id).await?;
    let Some(protocol) = before
        .iter()
        .find(|p| p.protocol_version_id == tick.protocol_version_id)
    else {
        return Err(DomainError::invalid(
            "protocol_version_id",
            "not_found",
            "the entry does not follow this protocol version",
        )
        .into());
    };
    tick.check(protocol.steps.len())?;
    let was_done = protocol.steps[tick.step as usize].done.is_some();
    if was_done == tick.done {
        return Ok(before);
    }
    if tick.done {
        let row = entry_steps::Model {
            entry_id,
            protocol_version_id: tick.protocol_version_id,
            step: tick.step as i32,
            done_by: Some(person.id),
            done_at: Utc::now().trunc_subsecs(6),
        };
        entry_steps::Entity::insert(entry_steps::ActiveModel::from(row))
            .exec_without_returning(&txn)
            .await?;
    } else {
        entry_steps::Entity::delete(entry_steps::ActiveModel {
            entry_id: Set(entry_id),
            protocol_version_id: Set(tick.protocol_version_id),
            step: Set(tick.step as i32),
            ..Default::default()
        })
        .exec(&txn)
        .await?;
    }
    let action = if tick.done {
        "entry.tick_step"
    } else {
        "entry.untick_step"
    };
    audit::record(&txn, person, KIND.as_str(), action, entry_id, None, &tick).await?;
    let after = followed(&txn, entry_id).await?;
    txn.commit().await?;
    Ok(after)
}
