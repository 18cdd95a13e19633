//! Who contributed to an entry and how (designed, performed, analysed, supervised).

use std::collections::HashMap;

use domain::{
    entry::NewContributor,
    person::{parse_name, Person},
    FieldError,
};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use uuid::Uuid;

use crate::{
    entities::{entry_contributors, people},
    error::Result,
};

/// The named contributors, each found by e-mail.
/// The named accounts and their roles, sorted and without repeats; a missing account
/// or an empty role is a field error of its line.
pub(crate) async fn contributors(
    txn: &impl ConnectionTrait,
    person: &Person,
    list: &[NewContributor],
    already: &[(Uuid, String)],
    errors: &mut Vec<FieldError>,
) -> Result<Vec<(Uuid, String)>> {
    let mut found = Vec::new();
    for (i, c) in list.iter().enumerate() {
        let role = parse_name(&format!("contributors[{i}].role"), &c.role)
            .map_err(|e| errors.extend(e.field_errors().iter().cloned()))
            .ok();
        let (field, who) = match c.person_id {
            Some(id) => ("person_id", people::Entity::find_by_id(id).one(txn).await?),
            None => (
                "email",
                people::Entity::find()
                    .filter(people::Column::Email.eq(c.email.trim().to_lowercase()))
                    .one(txn)
                    .await?,
            ),
        };
        // Only people the author knows (a colleague, or already on the entry) may be
        // named: an account anywhere else is "no such account" too, so the form cannot
        // be used to learn who has one.
        let who = match who {
            Some(p)
                if already.iter().any(|(id, _)| *id == p.id)
                    || crate::accounts::permissions::knows(txn, person, p.id).await? =>
            {
                Some(p)
            }
            _ => None,
        };
        match (who, role) {
            (Some(p), Some(role)) => found.push((p.id, role.to_lowercase())),
            (None, _) => errors.push(FieldError::new(
                format!("contributors[{i}].{field}"),
                "not_found",
                "no such account",
            )),
            _ => {}
        }
    }
    found.sort();
    found.dedup();
    Ok(found)
}

/// The entry's contributors as stored, sorted like [`contributors`] returns them.
pub(crate) async fn contributors_of(
    txn: &impl ConnectionTrait,
    entry: Uuid,
) -> Result<Vec<(Uuid, String)>> {
    let mut rows: Vec<(Uuid, String)> = entry_contributors::Entity::find()
        .filter(entry_contributors::Column::EntryId.eq(entry))
        .all(txn)
        .await?
        .into_iter()
        .map(|c| (c.person_id, c.role))
        .collect();
    rows.sort();
    Ok(rows)
}

pub(crate) async fn insert_contributors(
    txn: &impl ConnectionTrait,
    entry: Uuid,
    list: Vec<(Uuid, String)>,
) -> Result<()> {
    for (person_id, role) in list {
        entry_contributors::Entity::insert(entry_contributors::ActiveModel::from(
            entry_contributors::Model {
                entry_id: entry,
                person_id,
                role,
            },
        ))
        .exec_without_returning(txn)
        .await?;
    }
    Ok(())
}

/// People's names, in one query.
pub(crate) async fn names(
    db: &impl ConnectionTrait,
    ids: Vec<Uuid>,
) -> Result<HashMap<Uuid, String>> {
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    Ok(people::Entity::find()
        .filter(people::Column::Id.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.id, p.name))
        .collect())
}
