//! An entry's row and the reader's access to it: what the other notebook modules build on.

use domain::{access::Access, kind::Kind, person::Person};
use sea_orm::{ConnectionTrait, EntityTrait};
use uuid::Uuid;

use crate::{accounts::permissions, entities::entries, error::Result};

pub(crate) const KIND: Kind = Kind::Entry;
pub(crate) async fn find(db: &impl ConnectionTrait, id: Uuid) -> Result<entries::Model> {
    Ok(entries::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or_else(|| KIND.not_found())?)
}

pub(crate) async fn access_to(
    db: &impl ConnectionTrait,
    person: &Person,
    row: &entries::Model,
) -> Result<Access> {
    permissions::level(db, person, KIND, row.id, row.team_id, row.author_id).await
}
