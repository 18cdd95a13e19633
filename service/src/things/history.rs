//! A thing's history for its page: the audit records about it, readable by whoever may
//! read the thing.

use std::collections::{BTreeSet, HashMap};

use domain::{
    access::Access,
    history::{changes, HistoryEntry, Named},
    kind::Kind,
    person::Person,
    trace::NodeKind,
};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QuerySelect};
use uuid::Uuid;

use crate::{
    accounts::permissions,
    audit,
    entities::{locations, people, products, teams},
    error::Result,
    notebook::flags,
    trace::recall,
};

/// The history of one `kind` of thing, oldest first; 404 for what the person may not see.
pub async fn of(
    db: &DatabaseConnection,
    person: &Person,
    kind: Kind,
    id: Uuid,
) -> Result<Vec<HistoryEntry>> {
    if !Kind::WITH_HISTORY.contains(&kind) {
        return Err(kind.not_found().into());
    }
    // Reading the thing applies its access rules (404 when it may not be seen).
    super::require_read(db, person, kind, id).await?;
    let mut records = audit::history(db, kind.as_str(), &id.to_string()).await?;
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
    let mut out = Vec::with_capacity(records.len());
    for r in records {
        let by = match Uuid::parse_str(&r.actor) {
            Ok(id) => names.get(&id).cloned().unwrap_or_else(|| r.actor.clone()),
            Err(_) if r.actor == "cli" => "command line".to_owned(),
            Err(_) => r.actor.clone(),
        };
        let changes = if r.entity_kind == recall::KIND {
            changes(None, parse(&r.after).map(flags::for_history).as_ref())
        } else {
            let (mut before, mut after) = (parse(&r.before), parse(&r.after));
            for snapshot in [before.as_mut(), after.as_mut()].into_iter().flatten() {
                hide_parents(db, person, snapshot).await?;
            }
            changes(before.as_ref(), after.as_ref())
        };
        out.push(HistoryEntry {
            seq: r.seq,
            at: r.at,
            action: r.action,
            by,
            by_command_line: r.actor == "cli",
            changes,
        });
    }
    name_ids(db, person, &mut out).await?;
    Ok(out)
}

/// Gives each id a change holds (a place, a product, a team, a person) its name, so the
/// page says "Congélateur n° 2", not a UUID: one query per kind of name for the whole
/// history. Places and products only when the reader may see them; teams and people are
/// named to every colleague already (team pages, contributors).
async fn name_ids(
    db: &DatabaseConnection,
    person: &Person,
    entries: &mut [HistoryEntry],
) -> Result<()> {
    let mut wanted: BTreeSet<(Named, Uuid)> = BTreeSet::new();
    for change in entries.iter().flat_map(|e| &e.changes) {
        if let Some(named) = Named::of_field(&change.field) {
            for value in [&change.before, &change.after] {
                if let Some(id) = value.as_str().and_then(|v| Uuid::parse_str(v).ok()) {
                    wanted.insert((named, id));
                }
            }
        }
    }
    if wanted.is_empty() {
        return Ok(());
    }
    let ids = |of: Named| -> Vec<Uuid> {
        wanted
            .iter()
            .filter(|(n, _)| *n == of)
            .map(|(_, id)| *id)
            .collect()
    };
    let mut names: HashMap<(Named, Uuid), String> = HashMap::new();
    let mut query = locations::Entity::find()
        .select_only()
        .columns([locations::Column::Id, locations::Column::Name])
        .filter(locations::Column::Id.is_in(ids(Named::Location)));
    if let Some(visible) = permissions::visible(
        person,
        Kind::Location,
        locations::Column::Id,
        locations::Column::TeamId,
    ) {
        query = query.filter(visible);
    }
    for (id, name) in query.into_tuple::<(Uuid, String)>().all(db).await? {
        names.insert((Named::Location, id), name);
    }
    let mut query = products::Entity::find()
        .select_only()
        .columns([products::Column::Id, products::Column::Name])
        .filter(products::Column::Id.is_in(ids(Named::Product)));
    if let Some(visible) = permissions::visible(
        person,
        Kind::Product,
        products::Column::Id,
        products::Column::TeamId,
    ) {
        query = query.filter(visible);
    }
    for (id, name) in query.into_tuple::<(Uuid, String)>().all(db).await? {
        names.insert((Named::Product, id), name);
    }
    for (id, name) in teams::Entity::find()
        .select_only()
        .columns([teams::Column::Id, teams::Column::Name])
        .filter(teams::Column::Id.is_in(ids(Named::Team)))
        .into_tuple::<(Uuid, String)>()
        .all(db)
        .await?
    {
        names.insert((Named::Team, id), name);
    }
    for (id, name) in people::Entity::find()
        .select_only()
        .columns([people::Column::Id, people::Column::Name])
        .filter(people::Column::Id.is_in(ids(Named::Person)))
        .into_tuple::<(Uuid, String)>()
        .all(db)
        .await?
    {
        names.insert((Named::Person, id), name);
    }
    for change in entries.iter_mut().flat_map(|e| &mut e.changes) {
        let Some(named) = Named::of_field(&change.field) else {
            continue;
        };
        let name = |value: &serde_json::Value| {
            let id = Uuid::parse_str(value.as_str()?).ok()?;
            names.get(&(named, id)).cloned()
        };
        change.before_name = name(&change.before);
        change.after_name = name(&change.after);
    }
    Ok(())
}

/// A snapshot records a sample's parents as whoever made the change saw them; the
/// reader sees only those they may read now, the others as `GET /samples/{id}` shows
/// them: restricted, with neither id, code nor name.
async fn hide_parents(
    db: &DatabaseConnection,
    person: &Person,
    snapshot: &mut serde_json::Value,
) -> Result<()> {
    let Some(parents) = snapshot.get_mut("parents").and_then(|p| p.as_array_mut()) else {
        return Ok(());
    };
    for parent in parents {
        let Some(kind) = parent
            .get("kind")
            .and_then(|k| k.as_str())
            .and_then(Kind::named)
            .and_then(NodeKind::of)
        else {
            continue;
        };
        let Some(id) = parent
            .get("id")
            .and_then(|i| i.as_str())
            .and_then(|i| Uuid::parse_str(i).ok())
        else {
            continue;
        };
        if crate::accounts::permissions::of_node(db, person, (kind, id)).await? < Access::Read {
            for field in ["id", "label_code", "name"] {
                parent[field] = serde_json::Value::Null;
            }
            parent["restricted"] = serde_json::Value::Bool(true);
        }
    }
    Ok(())
}
