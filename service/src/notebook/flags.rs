//! The flags a recall (`trace::recall`) leaves on entries, as entries, lists, traces and
//! histories read them.

use std::collections::{HashMap, HashSet};

use domain::{
    access::Access,
    person::Person,
    trace::{EntryFlag, NodeKind},
};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use uuid::Uuid;

use crate::{
    accounts::permissions,
    entities::{entry_flags, instruments, lots, people, samples},
    error::Result,
    id_lists::among,
    ServiceError,
};

/// The reasons each of `entries` is flagged for.
pub(crate) async fn reasons(
    db: &impl ConnectionTrait,
    entries: &[Uuid],
) -> Result<HashMap<Uuid, Vec<String>>> {
    let mut out: HashMap<Uuid, Vec<String>> = HashMap::new();
    for condition in among(db, entry_flags::Column::EntryId, entries) {
        for f in entry_flags::Entity::find()
            .filter(condition)
            .all(db)
            .await?
        {
            let list = out.entry(f.entry_id).or_default();
            if !list.contains(&f.reason) {
                list.push(f.reason);
            }
        }
    }
    Ok(out)
}

/// Which of `ids` carry at least one flag (for lists).
pub(crate) async fn flagged(db: &impl ConnectionTrait, ids: &[Uuid]) -> Result<HashSet<Uuid>> {
    Ok(reasons(db, ids).await?.into_keys().collect())
}

/// Entries that carry a flag: a condition for lists.
pub(crate) fn flagged_condition() -> sea_orm::sea_query::SelectStatement {
    sea_orm::sea_query::Query::select()
        .column(entry_flags::Column::EntryId)
        .from(entry_flags::Entity)
        .to_owned()
}

/// What a thing's history shows of a recall from it: the reason, the period and how many
/// entries were flagged. Which ones is for the entries' pages to say, to those who may
/// read them: the record lists other teams' entries too.
pub(crate) fn for_history(recorded: serde_json::Value) -> serde_json::Value {
    let flagged = recorded["flagged_entries"]
        .as_array()
        .map_or(0, |entries| entries.len());
    serde_json::json!({
        "reason": recorded["reason"],
        "from": recorded["from"],
        "to": recorded["to"],
        "flagged_entries": flagged,
    })
}

/// The flags on one entry (already checked readable by the caller), oldest first; the
/// source's label code only when the reader may see the source.
pub(crate) async fn of_entry(
    db: &impl ConnectionTrait,
    person: &Person,
    entry: Uuid,
) -> Result<Vec<EntryFlag>> {
    let mut rows = entry_flags::Entity::find()
        .filter(entry_flags::Column::EntryId.eq(entry))
        .all(db)
        .await?;
    rows.sort_by_key(|f| f.id);
    let mut out = Vec::with_capacity(rows.len());
    for f in rows {
        let kind = NodeKind::of(f.source_kind).ok_or_else(|| {
            ServiceError::stored("entry_flags.source_kind", f.source_kind.as_str())
        })?;
        let readable = permissions::of_node(db, person, (kind, f.source_id)).await? >= Access::Read;
        let code = if readable {
            label_code(db, kind, f.source_id).await?
        } else {
            None
        };
        // Who flagged it, when the reader may know them (a colleague, or themselves).
        let by = match f.created_by {
            Some(p) if permissions::knows(db, person, p).await? => {
                people::Entity::find_by_id(p).one(db).await?.map(|p| p.name)
            }
            _ => None,
        };
        out.push(EntryFlag {
            id: f.id,
            reason: f.reason,
            source_kind: f.source_kind.as_str().to_owned(),
            source_label_code: code,
            flagged_by: by,
            created_at: f.created_at,
        });
    }
    Ok(out)
}

async fn label_code(db: &impl ConnectionTrait, kind: NodeKind, id: Uuid) -> Result<Option<String>> {
    Ok(match kind {
        NodeKind::Lot => lots::Entity::find_by_id(id)
            .one(db)
            .await?
            .map(|r| r.label_code),
        NodeKind::Sample => samples::Entity::find_by_id(id)
            .one(db)
            .await?
            .map(|r| r.label_code),
        NodeKind::Instrument => instruments::Entity::find_by_id(id)
            .one(db)
            .await?
            .map(|r| r.label_code),
        _ => None,
    })
}
