//! What every part of the samples' code needs: their kind, finding a row, and who may
//! see or change it.

use domain::{access::Access, kind::Kind, person::Person};
use sea_orm::{Condition, ConnectionTrait, EntityTrait};
use uuid::Uuid;

use crate::{accounts::permissions, entities::samples, error::Result};

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

pub(super) async fn access_to(
    db: &impl ConnectionTrait,
    person: &Person,
    row: &samples::Model,
) -> Result<Access> {
    permissions::level(db, person, KIND, row.id, row.team_id, row.created_by).await
}
