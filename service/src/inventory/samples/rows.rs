//! What every part of the samples' code needs: their kind, finding a row, and who may
//! see or change it.

use domain::{kind::Kind, person::Person};
use sea_orm::{Condition, ConnectionTrait, EntityTrait};
use uuid::Uuid;

use crate::{
    accounts::permissions::{self, Owned},
    entities::samples,
    error::Result,
};

pub(super) const KIND: Kind = Kind::Sample;

pub(super) fn visible(person: &Person) -> Option<Condition> {
    permissions::visible(person, KIND, samples::Column::Id, samples::Column::TeamId)
}

pub(super) async fn find(db: &impl ConnectionTrait, id: Uuid) -> Result<samples::Model> {
    Ok(samples::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or_else(|| KIND.not_found())?)
}

/// Who may see or change a row: its team, shares and creator.
impl Owned for samples::Model {
    const KIND: Kind = KIND;

    fn owner(&self) -> (Uuid, Uuid, Option<Uuid>) {
        (self.id, self.team_id, self.created_by)
    }
}
