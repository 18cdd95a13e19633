//! A thing's history for its page: the audit records about it, readable by whoever may
//! read the thing.

use std::collections::HashMap;

use domain::{
    history::{changes, HistoryEntry},
    person::Person,
    DomainError,
};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};
use uuid::Uuid;

use crate::{audit, entities::people, error::Result, recall};

/// The history of one `kind` of thing, oldest first; 404 for what the person may not see.
pub async fn of(
    db: &DatabaseConnection,
    person: &Person,
    kind: &str,
    id: Uuid,
) -> Result<Vec<HistoryEntry>> {
    // Reading the thing applies its access rules (404 when it may not be seen).
    match kind {
        "location" => drop(crate::locations::get(db, person, id).await?),
        "product" => drop(crate::products::get(db, person, id).await?),
        "lot" => drop(crate::lots::get(db, person, id).await?),
        "sample" => drop(crate::samples::get(db, person, id).await?),
        "instrument" => drop(crate::instruments::get(db, person, id).await?),
        _ => return Err(DomainError::not_found(kind).into()),
    }
    let mut records = audit::history(db, kind, &id.to_string()).await?;
    // A recall from this thing is recorded under its own kind, by the thing's id.
    records.extend(audit::history(db, recall::KIND, &id.to_string()).await?);
    records.sort_by_key(|r| r.seq);
    let ids: Vec<Uuid> = records
        .iter()
        .filter_map(|r| Uuid::parse_str(&r.actor).ok())
        .collect();
    let names: HashMap<Uuid, String> = people::Entity::find()
        .filter(people::Column::Id.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.id, p.name))
        .collect();
    let parse = |text: &Option<String>| {
        text.as_deref()
            .and_then(|t| serde_json::from_str::<serde_json::Value>(t).ok())
    };
    Ok(records
        .into_iter()
        .map(|r| {
            let by = match Uuid::parse_str(&r.actor) {
                Ok(id) => names.get(&id).cloned().unwrap_or_else(|| r.actor.clone()),
                Err(_) if r.actor == "cli" => "command line".to_owned(),
                Err(_) => r.actor.clone(),
            };
            HistoryEntry {
                seq: r.seq,
                at: r.at,
                action: r.action,
                by,
                changes: if r.entity_kind == recall::KIND {
                    changes(None, parse(&r.after).map(recall::for_history).as_ref())
                } else {
                    changes(parse(&r.before).as_ref(), parse(&r.after).as_ref())
                },
            }
        })
        .collect())
}
