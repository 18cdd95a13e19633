//! An entry as its page and the API show it.

use domain::{
    entry::{Contributor, Entry},
    person::Person,
};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use uuid::Uuid;

use crate::{
    entities::{entries, entry_contributors},
    error::Result,
    markdown,
    notebook::usages,
};

use super::contributors::names;

/// An entry as shown: the body rendered and sanitised, who wrote it, who contributed,
/// what it used.
pub(crate) async fn describe(
    db: &impl ConnectionTrait,
    person: &Person,
    row: entries::Model,
) -> Result<Entry> {
    let contributors = entry_contributors::Entity::find()
        .filter(entry_contributors::Column::EntryId.eq(row.id))
        .all(db)
        .await?;
    let mut ids: Vec<Uuid> = contributors.iter().map(|c| c.person_id).collect();
    ids.extend(row.author_id);
    let names = names(db, ids).await?;
    let usages = usages::of_entry(db, person, row.id).await?;
    Ok(Entry {
        id: row.id,
        notebook_id: row.notebook_id,
        number: row.number,
        team_id: row.team_id,
        author_id: row.author_id,
        author: row.author_id.and_then(|a| names.get(&a).cloned()),
        body_html: markdown::to_safe_html(&row.body),
        title: row.title,
        body: row.body,
        tags: split_tags(&row.tags),
        entry_date: row.entry_date,
        status: row.status,
        revision: row.revision,
        content_sha256: row.content_sha256,
        contributors: contributors
            .into_iter()
            .map(|c| Contributor {
                name: names.get(&c.person_id).cloned().unwrap_or_default(),
                person_id: c.person_id,
                role: c.role,
            })
            .collect(),
        usages,
        flags: crate::notebook::flags::of_entry(db, person, row.id).await?,
        protocols: super::steps::followed(db, row.id).await?,
        created_at: row.created_at,
        updated_at: row.updated_at,
    })
}

pub(crate) fn split_tags(raw: &str) -> Vec<String> {
    raw.split(',')
        .filter(|t| !t.is_empty())
        .map(str::to_owned)
        .collect()
}
