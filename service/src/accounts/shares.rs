//! Sharing a thing with another team, the same way for every kind of thing. The caller
//! checks that the person manages the thing; these functions record and audit.

use chrono::{SubsecRound, Utc};
use domain::{
    access::{Share, ShareAccess},
    kind::Kind,
    person::Person,
    DomainError,
};
use sea_orm::{
    sea_query::OnConflict, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
};
use uuid::Uuid;

use crate::{
    audit::{self, Change},
    entities::{shares, teams},
    error::Result,
    Actor,
};

/// The teams a thing is shared with, by team name.
pub(crate) async fn list(db: &impl ConnectionTrait, kind: Kind, id: Uuid) -> Result<Vec<Share>> {
    let rows = shares::Entity::find()
        .filter(shares::Column::EntityKind.eq(kind))
        .filter(shares::Column::EntityId.eq(id))
        .all(db)
        .await?;
    let names = teams::Entity::find()
        .filter(teams::Column::Id.is_in(rows.iter().map(|r| r.team_id)))
        .all(db)
        .await?;
    let mut out: Vec<Share> = rows
        .into_iter()
        .filter_map(|r| {
            Some(Share {
                team_id: r.team_id,
                team_name: names.iter().find(|t| t.id == r.team_id)?.name.clone(),
                access: r.access,
            })
        })
        .collect();
    out.sort_by(|a, b| a.team_name.cmp(&b.team_name));
    Ok(out)
}

/// Shares (or re-shares with other access) in the caller's write transaction.
pub(crate) async fn set(
    txn: &impl ConnectionTrait,
    person: &Person,
    kind: Kind,
    id: Uuid,
    owner: Uuid,
    team_id: Uuid,
    how: ShareAccess,
) -> Result<Share> {
    let Some(team) = teams::Entity::find_by_id(team_id).one(txn).await? else {
        return Err(DomainError::invalid("team_id", "not_found", "no such team").into());
    };
    if team_id == owner {
        return Err(DomainError::invalid(
            "team_id",
            "owner",
            "is the owning team, which has access already",
        )
        .into());
    }
    shares::Entity::insert(shares::ActiveModel {
        entity_kind: Set(kind),
        entity_id: Set(id),
        team_id: Set(team_id),
        access: Set(how),
        created_at: Set(Utc::now().trunc_subsecs(6)),
        created_by: Set(Some(person.id)),
    })
    .on_conflict(
        OnConflict::columns([
            shares::Column::EntityKind,
            shares::Column::EntityId,
            shares::Column::TeamId,
        ])
        .update_column(shares::Column::Access)
        .to_owned(),
    )
    .exec_without_returning(txn)
    .await?;
    let share = Share {
        team_id,
        team_name: team.name,
        access: how,
    };
    audit::append(
        txn,
        &Actor::person(person),
        Change {
            action: &format!("{kind}.share"),
            entity_kind: kind.as_str(),
            entity_id: id.to_string(),
            before: None,
            after: Some(&share),
        },
    )
    .await?;
    Ok(share)
}

/// Removes a share; a share that does not exist is a 404.
pub(crate) async fn remove(
    txn: &impl ConnectionTrait,
    person: &Person,
    kind: Kind,
    id: Uuid,
    team_id: Uuid,
) -> Result<()> {
    let removed = shares::Entity::delete_many()
        .filter(shares::Column::EntityKind.eq(kind))
        .filter(shares::Column::EntityId.eq(id))
        .filter(shares::Column::TeamId.eq(team_id))
        .exec(txn)
        .await?;
    if removed.rows_affected == 0 {
        return Err(DomainError::not_found("share").into());
    }
    audit::append(
        txn,
        &Actor::person(person),
        Change {
            action: &format!("{kind}.unshare"),
            entity_kind: kind.as_str(),
            entity_id: id.to_string(),
            before: Some(&serde_json::json!({ "team_id": team_id })),
            after: None,
        },
    )
    .await?;
    Ok(())
}

/// Removes the share of a thing with `team` (it became the owner), without an audit record
/// of its own: the caller's change records the new owner.
pub(crate) async fn drop_for_team(
    txn: &impl ConnectionTrait,
    kind: Kind,
    id: Uuid,
    team_id: Uuid,
) -> Result<()> {
    shares::Entity::delete_many()
        .filter(shares::Column::EntityKind.eq(kind))
        .filter(shares::Column::EntityId.eq(id))
        .filter(shares::Column::TeamId.eq(team_id))
        .exec(txn)
        .await?;
    Ok(())
}
