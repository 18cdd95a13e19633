//! Every save of a draft is a revision with the SHA-256 of its content; none is overwritten.

use domain::{
    access::Access,
    entry::{Content, Revision},
    person::Person,
};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder,
};
use sha2::{Digest, Sha256};
use uuid::Uuid;

use super::{contributors::names, rows::find, view::split_tags};
use crate::{
    accounts::permissions,
    entities::{entries, entry_revisions},
    error::Result,
};

/// Every saved revision, oldest first.
pub async fn revisions(
    db: &DatabaseConnection,
    person: &Person,
    id: Uuid,
) -> Result<Vec<Revision>> {
    let row = find(db, id).await?;
    permissions::require(db, person, &row, Access::Read).await?;
    let rows = entry_revisions::Entity::find()
        .filter(entry_revisions::Column::EntryId.eq(id))
        .order_by_asc(entry_revisions::Column::Revision)
        .all(db)
        .await?;
    let names = names(db, rows.iter().filter_map(|r| r.saved_by).collect()).await?;
    Ok(rows
        .into_iter()
        .map(|r| Revision {
            revision: r.revision,
            title: r.title,
            body: r.body,
            tags: split_tags(&r.tags),
            entry_date: r.entry_date,
            sha256: r.sha256,
            saved_by: r.saved_by.and_then(|p| names.get(&p).cloned()),
            saved_at: r.saved_at,
        })
        .collect())
}

pub(crate) async fn save_revision(
    txn: &impl ConnectionTrait,
    person: &Person,
    row: &entries::Model,
) -> Result<()> {
    entry_revisions::Entity::insert(entry_revisions::ActiveModel::from(entry_revisions::Model {
        id: Uuid::now_v7(),
        entry_id: row.id,
        revision: row.revision,
        title: row.title.clone(),
        body: row.body.clone(),
        tags: row.tags.clone(),
        entry_date: row.entry_date,
        sha256: row.content_sha256.clone(),
        saved_by: Some(person.id),
        saved_at: row.updated_at,
    }))
    .exec_without_returning(txn)
    .await?;
    Ok(())
}

pub(crate) fn sha256(content: &Content) -> String {
    hex::encode(Sha256::digest(content.canonical().as_bytes()))
}
