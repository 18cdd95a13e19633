//! An entry's row and the reader's access to it: what the other notebook modules build on.

use domain::kind::Kind;
use sea_orm::{ConnectionTrait, EntityTrait};
use uuid::Uuid;

use crate::{accounts::permissions::Owned, entities::entries, error::Result};

pub(crate) const KIND: Kind = Kind::Entry;
pub(crate) async fn find(db: &impl ConnectionTrait, id: Uuid) -> Result<entries::Model> {
    Ok(entries::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or_else(|| KIND.not_found())?)
}

/// Who may see or change a row: its team, shares and author.
impl Owned for entries::Model {
    const KIND: Kind = KIND;

    fn owner(&self) -> (Uuid, Uuid, Option<Uuid>) {
        (self.id, self.team_id, self.author_id)
    }
}
