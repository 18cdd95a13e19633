//! Any thing of the lab whatever its kind: the one place that turns a [`Kind`] and an id
//! into the thing's rules — who may read it, who owns it — for the features that work on
//! every kind alike: what a label names and relabelling it (`labels`), files attached to
//! a thing (`attachments`), a thing's history (`history`), search across kinds (`search`),
//! a thing used in an entry at the bench, by its label (`bench`), sharing a thing with
//! another team (`sharing`).
//!
//! It sits above the aggregates (it calls each kind's own reading, which applies its
//! access rules); the aggregates never call it.

pub mod attachments;
pub mod bench;
pub mod history;
pub mod labels;
pub mod search;
pub mod sharing;

use domain::{kind::Kind, person::Person, DomainError};
use sea_orm::{ConnectionTrait, DatabaseConnection, EntityTrait};
use uuid::Uuid;

use crate::{
    entities::{entries, instruments, locations, lots, notebooks, products, protocols, samples},
    error::Result,
    inventory, notebook, ServiceError,
};

/// Reads the thing to check `person` may see it: each kind's own `get` applies its
/// rules. A thing that does not exist or may not be seen is "`kind` not found".
pub async fn require_read(
    db: &DatabaseConnection,
    person: &Person,
    kind: Kind,
    id: Uuid,
) -> Result<()> {
    match kind {
        Kind::Location => drop(inventory::locations::get(db, person, id).await?),
        Kind::Product => drop(inventory::products::get(db, person, id).await?),
        Kind::Lot => drop(inventory::lots::get(db, person, id).await?),
        Kind::Sample => drop(inventory::samples::get(db, person, id).await?),
        Kind::Instrument => drop(inventory::instruments::get(db, person, id).await?),
        Kind::Entry => drop(notebook::entries::get(db, person, id).await?),
        Kind::Protocol => drop(notebook::protocols::get(db, person, id).await?),
        Kind::Notebook | Kind::ProtocolVersion | Kind::Person | Kind::Team => {
            return Err(kind.not_found().into())
        }
    }
    Ok(())
}

/// What `person` may do with a thing they have read, from its owner (team and creator):
/// its page shows the forms of what they may do, no more.
pub async fn access(
    db: &DatabaseConnection,
    person: &Person,
    kind: Kind,
    id: Uuid,
    team_id: Uuid,
    created_by: Option<Uuid>,
) -> Result<domain::access::Access> {
    crate::accounts::permissions::level(db, person, kind, id, team_id, created_by).await
}

/// Puts a lot or a sample at `location` (`None`: nowhere) and, in a box, `position`:
/// the one way the pages move a thing of either kind. Another kind is "not found".
pub async fn place(
    db: &DatabaseConnection,
    person: &Person,
    kind: Kind,
    id: Uuid,
    location: Option<Uuid>,
    position: Option<String>,
) -> Result<()> {
    match kind {
        Kind::Lot => {
            let patch = domain::lot::LotPatch {
                location_id: Some(location),
                position: Some(position),
                ..Default::default()
            };
            inventory::lots::update(db, person, id, patch).await?;
        }
        Kind::Sample => {
            let patch = domain::sample::SamplePatch {
                location_id: Some(location),
                position: Some(position),
                ..Default::default()
            };
            inventory::samples::update(db, person, id, patch).await?;
        }
        other => return Err(other.not_found().into()),
    }
    Ok(())
}

/// Records a movement in the ledger of a lot or a sample; another kind is "not found".
pub async fn move_stock(
    db: &DatabaseConnection,
    person: &Person,
    kind: Kind,
    id: Uuid,
    new: domain::ledger::NewMovement,
) -> Result<()> {
    match kind {
        Kind::Lot => {
            inventory::lots::move_stock(db, person, id, new).await?;
        }
        Kind::Sample => {
            inventory::samples::move_stock(db, person, id, new).await?;
        }
        other => return Err(other.not_found().into()),
    }
    Ok(())
}

/// The owning team and the creator of a labelled thing, for the access rules; "label not
/// found" for another kind or a thing that is gone.
pub(crate) async fn owner_of_labelled(
    db: &impl ConnectionTrait,
    kind: Kind,
    id: Uuid,
) -> Result<(Uuid, Option<Uuid>)> {
    let found = match kind.is_labelled() {
        true => owner_of(db, kind, id).await?,
        false => None,
    };
    Ok(found.ok_or_else(|| DomainError::not_found("label"))?)
}

/// The team and creator (an entry's author) of one thing of any kind that has them;
/// `None` when there is no such thing or its kind has no owner.
pub(crate) async fn owner_of(
    db: &impl ConnectionTrait,
    kind: Kind,
    id: Uuid,
) -> Result<Option<(Uuid, Option<Uuid>)>> {
    let of = |team: Uuid, creator: Option<Uuid>| Some((team, creator));
    Ok(match kind {
        Kind::Location => locations::Entity::find_by_id(id)
            .one(db)
            .await?
            .and_then(|r| of(r.team_id, r.created_by)),
        Kind::Product => products::Entity::find_by_id(id)
            .one(db)
            .await?
            .and_then(|r| of(r.team_id, r.created_by)),
        Kind::Lot => lots::Entity::find_by_id(id)
            .one(db)
            .await?
            .and_then(|r| of(r.team_id, r.created_by)),
        Kind::Sample => samples::Entity::find_by_id(id)
            .one(db)
            .await?
            .and_then(|r| of(r.team_id, r.created_by)),
        Kind::Instrument => instruments::Entity::find_by_id(id)
            .one(db)
            .await?
            .and_then(|r| of(r.team_id, r.created_by)),
        Kind::Protocol => protocols::Entity::find_by_id(id)
            .one(db)
            .await?
            .and_then(|r| of(r.team_id, r.created_by)),
        Kind::Notebook => notebooks::Entity::find_by_id(id)
            .one(db)
            .await?
            .and_then(|r| of(r.team_id, r.created_by)),
        Kind::Entry => entries::Entity::find_by_id(id)
            .one(db)
            .await?
            .and_then(|r| of(r.team_id, r.author_id)),
        Kind::ProtocolVersion | Kind::Person | Kind::Team => None,
    })
}

/// A kind read from a row (`column`); a name no kind has is a damaged row.
pub(crate) fn stored_kind(column: &'static str, raw: &str) -> Result<Kind> {
    Kind::named(raw).ok_or_else(|| ServiceError::stored(column, raw))
}

/// Turns "not found" about the thing into "not found" about `what` (a label, a file),
/// so an answer says nothing about things one may not see.
pub(crate) fn hidden_as(what: &'static str) -> impl Fn(ServiceError) -> ServiceError {
    move |e| match e {
        ServiceError::Domain(DomainError::NotFound { .. }) => DomainError::not_found(what).into(),
        other => other,
    }
}
