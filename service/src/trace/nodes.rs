//! Describing a trace's nodes for one reader: names, label codes, lot details and
//! warnings for what they may see, an opaque placeholder for the rest. Every read is
//! batched by kind.

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::{DateTime, NaiveDate, Utc};
use domain::{
    kind::Kind,
    person::Person,
    quantity::Unit,
    trace::{Direction, NodeKind, Relation, Trace, TraceNode, TraceNotice},
    DomainError,
};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect};
use uuid::Uuid;

use super::graph::{edge, ids_of, node_key, placeholder, Key, Link};
use crate::{
    entities::{
        entries, instruments, lots, memberships, movements, people, products, protocol_versions,
        protocols, samples, shares,
    },
    error::Result,
    id_lists::among,
    notebook::flags,
};

/// What is known of one node before permissions are applied.
#[derive(Default)]
struct Info {
    team: Option<Uuid>,
    /// The id its shares are recorded under, when not its own (a protocol version's
    /// protocol).
    shared_as: Option<Uuid>,
    label_code: Option<String>,
    name: Option<String>,
    at: Option<DateTime<Utc>>,
    supplier: Option<String>,
    supplier_lot: Option<String>,
    expires_on: Option<NaiveDate>,
    entry_date: Option<NaiveDate>,
    unit: Option<String>,
}

pub(super) async fn describe(
    db: &impl ConnectionTrait,
    person: &Person,
    start: Key,
    direction: Direction,
    depth: BTreeMap<Key, u32>,
    mut links: Vec<Link>,
) -> Result<Trace> {
    let info = read_info(db, &depth).await?;
    let visible = visible(db, person, &info, &links).await?;
    let flags = flags::reasons(db, &ids_of(&depth, NodeKind::Entry)).await?;

    // Warnings: recorded with the usage (calibration, status), and a lot used after
    // its expiry date.
    for link in &mut links {
        if link.relation != Relation::Consumed {
            continue;
        }
        let expiry = info.get(&link.from).and_then(|i| i.expires_on);
        let used_on = info.get(&link.to).and_then(|i| i.entry_date);
        if let (Some(expiry), Some(used_on)) = (expiry, used_on) {
            if used_on > expiry {
                let notice = TraceNotice::UsedAfterExpiry {
                    used_on,
                    expires_on: expiry,
                };
                link.warning = Some(notice.english());
                link.notices.push(notice);
            }
        }
    }
    let mut warnings: HashMap<Key, Vec<String>> = HashMap::new();
    let mut notices: HashMap<Key, Vec<TraceNotice>> = HashMap::new();
    for link in links
        .iter()
        .filter(|l| visible.contains(&l.from) && visible.contains(&l.to))
    {
        if let Some(w) = &link.warning {
            let list = warnings.entry(link.from).or_default();
            if !list.contains(w) {
                list.push(w.clone());
            }
        }
        let list = notices.entry(link.from).or_default();
        for n in &link.notices {
            if !list.contains(n) {
                list.push(n.clone());
            }
        }
    }
    for (entry, reasons) in flags {
        for reason in reasons {
            let notice = TraceNotice::Flagged { reason };
            let key = (NodeKind::Entry, entry);
            warnings.entry(key).or_default().push(notice.english());
            notices.entry(key).or_default().push(notice);
        }
    }

    // Nodes in a stable order: by distance, then kind, then time; at each distance the
    // restricted ones come last, in an order that says nothing of their time or ids.
    let mut order: Vec<(&Key, &u32)> = depth.iter().collect();
    order.sort_by_key(|(key, d)| {
        if visible.contains(key) {
            (
                **d,
                false,
                key.0,
                info.get(key).and_then(|i| i.at),
                key.1.as_u128(),
            )
        } else {
            (**d, true, key.0, None, scrambled(key.1))
        }
    });
    let mut names: HashMap<Key, String> = HashMap::new();
    let mut nodes = Vec::with_capacity(order.len());
    let mut restricted = 0;
    for (key, d) in order {
        let node = if visible.contains(key) {
            let i = info.get(key);
            let id = key.1.to_string();
            TraceNode {
                kind: key.0,
                key: node_key(key.0, &id),
                id,
                label_code: i.and_then(|i| i.label_code.clone()),
                name: i.and_then(|i| i.name.clone()),
                restricted: false,
                depth: *d,
                at: i.and_then(|i| i.at),
                supplier: i.and_then(|i| i.supplier.clone()),
                supplier_lot: i.and_then(|i| i.supplier_lot.clone()),
                expires_on: i.and_then(|i| i.expires_on),
                warnings: warnings.remove(key).unwrap_or_default(),
                notices: notices.remove(key).unwrap_or_default(),
            }
        } else {
            restricted += 1;
            TraceNode {
                depth: *d,
                ..placeholder(key.0, restricted)
            }
        };
        names.insert(*key, node.key.clone());
        nodes.push(node);
    }

    let consumed = quantities(db, &links).await?;
    let mut edges = Vec::with_capacity(links.len());
    for link in &links {
        let Some(mut e) = edge(link, &names) else {
            continue;
        };
        // The details of a link (a quantity, a role, a window, a warning) belong to both
        // ends: hidden when either is.
        if !visible.contains(&link.from) || !visible.contains(&link.to) {
            e.role = None;
            e.started_at = None;
            e.ended_at = None;
            e.warning = None;
        } else if let Some(steps) = link.movement_id.and_then(|m| consumed.get(&m)) {
            let lot_unit = info
                .get(&link.from)
                .and_then(|i| i.unit.as_deref())
                .and_then(|u| Unit::parse("unit", u).ok());
            if let Some(unit) = lot_unit {
                let shown = Unit::readable(*steps, unit.dimension);
                e.quantity = Some(shown.value_of(*steps));
                e.unit = Some(shown.symbol.to_owned());
            }
        }
        edges.push(e);
    }
    edges.sort_by(|a, b| {
        (&a.from, &a.to, a.relation.as_str()).cmp(&(&b.from, &b.to, b.relation.as_str()))
    });
    Ok(Trace {
        start: names
            .get(&start)
            .cloned()
            .ok_or_else(|| DomainError::not_found(start.0.as_str()))?,
        direction,
        nodes,
        edges,
        restricted,
    })
}

/// Which of `keys` the person may see.
pub(super) async fn visible_of(
    db: &impl ConnectionTrait,
    person: &Person,
    keys: &BTreeMap<Key, u32>,
) -> Result<HashSet<Key>> {
    let info = read_info(db, keys).await?;
    visible(db, person, &info, &[]).await
}

/// A fixed shuffle of an id: orders restricted nodes without following their ids, which
/// carry their creation time.
fn scrambled(id: Uuid) -> u128 {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    id.hash(&mut hasher);
    u128::from(hasher.finish())
}

/// Everything shown of each node, read kind by kind.
async fn read_info(
    db: &impl ConnectionTrait,
    depth: &BTreeMap<Key, u32>,
) -> Result<HashMap<Key, Info>> {
    let mut info: HashMap<Key, Info> = HashMap::new();
    // Only the columns shown: an entry's text can be long.
    for condition in among(db, entries::Column::Id, &ids_of(depth, NodeKind::Entry)) {
        let rows: Vec<(Uuid, Uuid, i32, String, NaiveDate)> = entries::Entity::find()
            .select_only()
            .columns([
                entries::Column::Id,
                entries::Column::TeamId,
                entries::Column::Number,
                entries::Column::Title,
                entries::Column::EntryDate,
            ])
            .filter(condition)
            .into_tuple()
            .all(db)
            .await?;
        for (id, team, number, title, day) in rows {
            info.insert(
                (NodeKind::Entry, id),
                Info {
                    team: Some(team),
                    name: Some(format!("#{number} {title}")),
                    at: day.and_hms_opt(0, 0, 0).map(|t| t.and_utc()),
                    entry_date: Some(day),
                    ..Info::default()
                },
            );
        }
    }
    for condition in among(db, samples::Column::Id, &ids_of(depth, NodeKind::Sample)) {
        let rows: Vec<(Uuid, Uuid, String, String, DateTime<Utc>)> = samples::Entity::find()
            .select_only()
            .columns([
                samples::Column::Id,
                samples::Column::TeamId,
                samples::Column::LabelCode,
                samples::Column::Name,
                samples::Column::CreatedAt,
            ])
            .filter(condition)
            .into_tuple()
            .all(db)
            .await?;
        for (id, team, code, name, created) in rows {
            info.insert(
                (NodeKind::Sample, id),
                Info {
                    team: Some(team),
                    label_code: Some(code),
                    name: Some(name),
                    at: Some(created),
                    ..Info::default()
                },
            );
        }
    }
    for condition in among(db, lots::Column::Id, &ids_of(depth, NodeKind::Lot)) {
        let rows = lots::Entity::find().filter(condition).all(db).await?;
        let mut made: HashMap<Uuid, products::Model> = HashMap::new();
        let product_ids: Vec<Uuid> = rows.iter().map(|r| r.product_id).collect();
        for condition in among(db, products::Column::Id, &product_ids) {
            let found = products::Entity::find().filter(condition).all(db).await?;
            made.extend(found.into_iter().map(|p| (p.id, p)));
        }
        for r in rows {
            let product = made.get(&r.product_id);
            info.insert(
                (NodeKind::Lot, r.id),
                Info {
                    team: Some(r.team_id),
                    label_code: Some(r.label_code),
                    name: product.map(|p| p.name.clone()),
                    supplier: product.and_then(|p| p.supplier.clone()),
                    supplier_lot: r.supplier_lot,
                    expires_on: r.expires_on,
                    at: r.received_on.and_hms_opt(0, 0, 0).map(|t| t.and_utc()),
                    unit: Some(r.unit.symbol.to_owned()),
                    ..Info::default()
                },
            );
        }
    }
    for condition in among(
        db,
        instruments::Column::Id,
        &ids_of(depth, NodeKind::Instrument),
    ) {
        for r in instruments::Entity::find()
            .filter(condition)
            .all(db)
            .await?
        {
            info.insert(
                (NodeKind::Instrument, r.id),
                Info {
                    team: Some(r.team_id),
                    label_code: Some(r.label_code),
                    name: Some(r.name),
                    ..Info::default()
                },
            );
        }
    }
    for condition in among(
        db,
        protocol_versions::Column::Id,
        &ids_of(depth, NodeKind::ProtocolVersion),
    ) {
        let rows = protocol_versions::Entity::find()
            .filter(condition)
            .all(db)
            .await?;
        let mut named: HashMap<Uuid, protocols::Model> = HashMap::new();
        let protocol_ids: Vec<Uuid> = rows.iter().map(|r| r.protocol_id).collect();
        for condition in among(db, protocols::Column::Id, &protocol_ids) {
            let found = protocols::Entity::find().filter(condition).all(db).await?;
            named.extend(found.into_iter().map(|p| (p.id, p)));
        }
        for r in rows {
            let protocol = named.get(&r.protocol_id);
            info.insert(
                (NodeKind::ProtocolVersion, r.id),
                Info {
                    team: protocol.map(|p| p.team_id),
                    shared_as: Some(r.protocol_id),
                    name: protocol.map(|p| format!("{} (version {})", p.name, r.version)),
                    at: Some(r.created_at),
                    ..Info::default()
                },
            );
        }
    }
    for condition in among(db, people::Column::Id, &ids_of(depth, NodeKind::Person)) {
        for r in people::Entity::find().filter(condition).all(db).await? {
            info.insert(
                (NodeKind::Person, r.id),
                Info {
                    name: Some(r.name),
                    ..Info::default()
                },
            );
        }
    }
    Ok(info)
}

/// The nodes the reader may see: what their teams own or were shared (all, for an
/// admin); a person when they share a team with the reader or took part in an entry
/// the reader may see.
async fn visible(
    db: &impl ConnectionTrait,
    person: &Person,
    info: &HashMap<Key, Info>,
    links: &[Link],
) -> Result<HashSet<Key>> {
    if person.is_admin {
        return Ok(info.keys().copied().collect());
    }
    let mine: Vec<Uuid> = person.memberships.iter().map(|m| m.team_id).collect();
    let mut seen: HashSet<Key> = HashSet::new();
    // Not their team's: shared with one of their teams? One query per kind, by the id
    // shares are recorded under.
    let mut others: HashMap<Kind, Vec<(Uuid, Key)>> = HashMap::new();
    for (key, i) in info {
        match i.team {
            Some(team) if mine.contains(&team) => {
                seen.insert(*key);
            }
            Some(_) => {
                // A protocol version is shared with its protocol.
                let kind = match key.0 {
                    NodeKind::ProtocolVersion => Kind::Protocol,
                    other => other.kind(),
                };
                others
                    .entry(kind)
                    .or_default()
                    .push((i.shared_as.unwrap_or(key.1), *key));
            }
            None => {}
        }
    }
    for (kind, things) in others {
        let ids: Vec<Uuid> = things.iter().map(|(shared, _)| *shared).collect();
        let mut shared: HashSet<Uuid> = HashSet::new();
        for condition in among(db, shares::Column::EntityId, &ids) {
            for s in shares::Entity::find()
                .filter(shares::Column::EntityKind.eq(kind))
                .filter(condition)
                .filter(shares::Column::TeamId.is_in(mine.clone()))
                .all(db)
                .await?
            {
                shared.insert(s.entity_id);
            }
        }
        seen.extend(
            things
                .into_iter()
                .filter(|(id, _)| shared.contains(id))
                .map(|(_, key)| key),
        );
    }
    // People: colleagues, and whoever took part in an entry the reader sees.
    let people_ids: Vec<Uuid> = info
        .keys()
        .filter(|k| k.0 == NodeKind::Person)
        .map(|k| k.1)
        .collect();
    for condition in among(db, memberships::Column::PersonId, &people_ids) {
        for m in memberships::Entity::find()
            .filter(condition)
            .filter(memberships::Column::TeamId.is_in(mine.clone()))
            .all(db)
            .await?
        {
            seen.insert((NodeKind::Person, m.person_id));
        }
    }
    if people_ids.contains(&person.id) {
        seen.insert((NodeKind::Person, person.id));
    }
    for link in links {
        if link.from.0 == NodeKind::Person && seen.contains(&link.to) {
            seen.insert(link.from);
        }
    }
    Ok(seen)
}

/// How much each consumption took, in stored steps, by ledger line.
async fn quantities(db: &impl ConnectionTrait, links: &[Link]) -> Result<HashMap<Uuid, i64>> {
    let ids: Vec<Uuid> = links.iter().filter_map(|l| l.movement_id).collect();
    let mut out = HashMap::new();
    for condition in among(db, movements::Column::Id, &ids) {
        let rows: Vec<(Uuid, i64)> = movements::Entity::find()
            .select_only()
            .columns([movements::Column::Id, movements::Column::Delta])
            .filter(condition)
            .into_tuple()
            .all(db)
            .await?;
        out.extend(rows.into_iter().map(|(id, delta)| (id, -delta)));
    }
    Ok(out)
}
