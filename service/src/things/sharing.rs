//! Sharing any thing with another team, one way for every kind that can be shared:
//! locations, products, lots, samples, instruments, protocols, notebooks and entries.
//! Whoever manages the thing (its team's managers, its creator, an admin) shares it,
//! read-only or read-write; a share never passes on the right to share.

use domain::{
    access::{Access, Share, ShareAccess},
    kind::Kind,
    person::Person,
};
use sea_orm::{ConnectionTrait, DatabaseConnection};
use uuid::Uuid;

use crate::{
    accounts::{permissions, shares},
    error::Result,
    write,
};

/// The kinds a team can share with another.
pub const SHAREABLE: [Kind; 8] = [
    Kind::Location,
    Kind::Product,
    Kind::Lot,
    Kind::Sample,
    Kind::Instrument,
    Kind::Protocol,
    Kind::Notebook,
    Kind::Entry,
];

/// Who owns a thing and with which other teams it is shared.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shared {
    pub owner: Uuid,
    pub shares: Vec<Share>,
}

/// The teams the thing is shared with, for those who manage it.
pub async fn of(db: &DatabaseConnection, person: &Person, kind: Kind, id: Uuid) -> Result<Shared> {
    let owner = require_manage(db, person, kind, id).await?;
    Ok(Shared {
        owner,
        shares: shares::list(db, kind, id).await?,
    })
}

/// Shares the thing with `team_id`, or changes how; audited.
pub async fn set(
    db: &DatabaseConnection,
    person: &Person,
    kind: Kind,
    id: Uuid,
    team_id: Uuid,
    how: ShareAccess,
) -> Result<Share> {
    let txn = write::begin(db).await?;
    let owner = require_manage(&txn, person, kind, id).await?;
    let share = shares::set(&txn, person, kind, id, owner, team_id, how).await?;
    txn.commit().await?;
    Ok(share)
}

/// Stops sharing the thing with `team_id`; audited. A share that does not exist is 404.
pub async fn remove(
    db: &DatabaseConnection,
    person: &Person,
    kind: Kind,
    id: Uuid,
    team_id: Uuid,
) -> Result<()> {
    let txn = write::begin(db).await?;
    require_manage(&txn, person, kind, id).await?;
    shares::remove(&txn, person, kind, id, team_id).await?;
    txn.commit().await?;
    Ok(())
}

/// The owning team, once `person` is known to manage the thing: 404 when they may not
/// see it, 403 when they may see it but not share it.
async fn require_manage(
    db: &impl ConnectionTrait,
    person: &Person,
    kind: Kind,
    id: Uuid,
) -> Result<Uuid> {
    let Some((team, created_by)) = super::owner_of(db, kind, id).await? else {
        return Err(kind.not_found().into());
    };
    let has = permissions::level(db, person, kind, id, team, created_by).await?;
    domain::access::require(has, Access::Manage, kind.as_str())?;
    Ok(team)
}
