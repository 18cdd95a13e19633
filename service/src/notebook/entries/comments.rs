//! Comments on an entry, by whoever may read it.

use chrono::{SubsecRound, Utc};
use domain::{
    access::Access,
    entry::{Comment, NewComment},
    person::Person,
};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder};
use uuid::Uuid;

use super::{
    contributors::names,
    rows::{find, KIND},
};
use crate::{accounts::permissions, audit, entities::entry_comments, error::Result, write};

/// Comments on an entry, by anyone who may read it (a signed entry too: a comment is not
/// part of its content).
pub async fn comment(
    db: &DatabaseConnection,
    person: &Person,
    id: Uuid,
    new: NewComment,
) -> Result<Comment> {
    let body = new.check()?;
    let txn = write::begin(db).await?;
    let row = find(&txn, id).await?;
    permissions::require(&txn, person, &row, Access::Read).await?;
    let model = entry_comments::Model {
        id: Uuid::now_v7(),
        entry_id: id,
        author_id: Some(person.id),
        body,
        created_at: Utc::now().trunc_subsecs(6),
    };
    entry_comments::Entity::insert(entry_comments::ActiveModel::from(model.clone()))
        .exec_without_returning(&txn)
        .await?;
    let comment = Comment {
        id: model.id,
        author: Some(person.name.clone()),
        body: model.body,
        created_at: model.created_at,
    };
    audit::commit(txn, person, KIND, "entry.comment", id, None, comment).await
}

pub async fn comments(db: &DatabaseConnection, person: &Person, id: Uuid) -> Result<Vec<Comment>> {
    let row = find(db, id).await?;
    permissions::require(db, person, &row, Access::Read).await?;
    let rows = entry_comments::Entity::find()
        .filter(entry_comments::Column::EntryId.eq(id))
        .order_by_asc(entry_comments::Column::Id)
        .all(db)
        .await?;
    let names = names(db, rows.iter().filter_map(|r| r.author_id).collect()).await?;
    Ok(rows
        .into_iter()
        .map(|r| Comment {
            id: r.id,
            author: r.author_id.and_then(|p| names.get(&p).cloned()),
            body: r.body,
            created_at: r.created_at,
        })
        .collect())
}
