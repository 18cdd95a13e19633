//! Traceability: from a result back to every lot, sample, instrument, protocol version
//! and person behind it, and from a lot, a sample, an instrument's window or a person
//! forward to everything they touched.
//!
//! A trace is one recursive query for the chain of entries and samples (`reach`), then a
//! fixed handful of batched reads for what hangs off that chain and for the
//! descriptions (`nodes`), whatever the size of the graph. Things the reader may not see
//! stay in the graph as `restricted`: counted, never described.

mod nodes;
pub(crate) mod reach;

use std::collections::{BTreeMap, HashMap, HashSet};

use domain::{
    access::Access,
    person::Person,
    trace::{Direction, NodeKind, Relation, Trace, TraceEdge, TraceNode, TraceQuery},
    DomainError,
};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QuerySelect,
};
use uuid::Uuid;

use crate::{
    entities::{entries, entry_contributors, entry_usages, sample_parents},
    error::Result,
};
use reach::Anchor;

/// A node before it is described: its kind and id.
pub(crate) type Key = (NodeKind, Uuid);

/// A link before it is described.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Link {
    pub from: Key,
    pub to: Key,
    pub relation: Relation,
    pub role: Option<String>,
    pub movement_id: Option<Uuid>,
    pub started_at: Option<chrono::DateTime<chrono::Utc>>,
    pub ended_at: Option<chrono::DateTime<chrono::Utc>>,
    pub warning: Option<String>,
}

impl Link {
    fn new(from: Key, to: Key, relation: Relation) -> Self {
        Self {
            from,
            to,
            relation,
            role: None,
            movement_id: None,
            started_at: None,
            ended_at: None,
            warning: None,
        }
    }
}

/// `GET /api/v1/trace/{kind}/{id}`: the graph upstream or downstream of one thing.
pub async fn trace(
    db: &DatabaseConnection,
    person: &Person,
    kind: NodeKind,
    id: Uuid,
    query: TraceQuery,
) -> Result<Trace> {
    let windowed = query.direction == Direction::Forward
        && matches!(kind, NodeKind::Instrument | NodeKind::Person);
    if !windowed && (query.from.is_some() || query.to.is_some()) {
        let field = if query.from.is_some() { "from" } else { "to" };
        return Err(DomainError::invalid(
            field,
            "not_applicable",
            "a period applies only to forward traces of instruments and people",
        )
        .into());
    }
    if nodes::access(db, person, (kind, id)).await? < Access::Read {
        return Err(DomainError::not_found(kind.as_str()).into());
    }
    let mut depth: BTreeMap<Key, u32> = BTreeMap::new();
    depth.insert((kind, id), 0);
    if let Some(anchor) = anchor(kind, id, &query) {
        for (node, node_kind, d) in
            reach::walk(db, anchor, query.direction, Some(query.max_depth)).await?
        {
            let d = if (node_kind, node) == (kind, id) {
                0
            } else {
                d
            };
            depth.insert((node_kind, node), d);
        }
    }
    let links = links(db, &mut depth, (kind, id), query.direction, query.max_depth).await?;
    nodes::describe(db, person, (kind, id), query.direction, depth, links).await
}

/// Where the walk starts; `None` when nothing lies in that direction (a lot has nothing
/// upstream in this system: it came from its supplier).
fn anchor(kind: NodeKind, id: Uuid, query: &TraceQuery) -> Option<Anchor> {
    match (kind, query.direction) {
        (NodeKind::Entry | NodeKind::Sample, _) => Some(Anchor::itself(kind, id)),
        (_, Direction::Backward) => None,
        (NodeKind::Lot, Direction::Forward) => Some(Anchor::lot_forward(id)),
        (NodeKind::Instrument, Direction::Forward) => {
            Some(Anchor::instrument_forward(id, query.from, query.to))
        }
        (NodeKind::Person, Direction::Forward) => {
            Some(Anchor::person_forward(id, query.from, query.to))
        }
        (NodeKind::ProtocolVersion, Direction::Forward) => Some(Anchor::protocol_forward(id)),
    }
}

/// The entries downstream of a lot, a sample or an instrument's window (a recall), by id.
pub(crate) async fn downstream_entries(
    db: &impl ConnectionTrait,
    kind: NodeKind,
    id: Uuid,
    query: &TraceQuery,
) -> Result<Vec<Uuid>> {
    let Some(anchor) = anchor(kind, id, query) else {
        return Ok(vec![]);
    };
    let mut found: Vec<Uuid> = reach::walk(db, anchor, Direction::Forward, None)
        .await?
        .into_iter()
        .filter(|(_, k, _)| *k == NodeKind::Entry)
        .map(|(id, _, _)| id)
        .collect();
    found.sort();
    Ok(found)
}

/// Whether `target` (an entry or a sample) lies in `direction` from the entry or sample
/// `from`: what a new link must not close into a loop.
pub(crate) async fn reaches(
    db: &impl ConnectionTrait,
    from: Key,
    direction: Direction,
    target: Uuid,
) -> Result<bool> {
    let walked = reach::walk(db, Anchor::itself(from.0, from.1), direction, None).await?;
    Ok(walked.iter().any(|(id, _, _)| *id == target))
}

pub(crate) use nodes::{access, knows};

/// Which of `entries` the person may see.
pub(crate) async fn visible_entries(
    db: &impl ConnectionTrait,
    person: &Person,
    entries: &[Uuid],
) -> Result<HashSet<Uuid>> {
    let keys: BTreeMap<Key, u32> = entries.iter().map(|e| ((NodeKind::Entry, *e), 0)).collect();
    Ok(nodes::visible_of(db, person, &keys)
        .await?
        .into_iter()
        .map(|(_, id)| id)
        .collect())
}

/// Every entry and sample upstream of `from`, by id.
pub(crate) async fn upstream(db: &impl ConnectionTrait, from: Key) -> Result<Vec<Uuid>> {
    Ok(reach::walk(
        db,
        Anchor::itself(from.0, from.1),
        Direction::Backward,
        None,
    )
    .await?
    .into_iter()
    .map(|(id, _, _)| id)
    .collect())
}

/// Ids in batches small enough for any engine's limit on bound values (SQLite's is
/// 32,766), large enough that a trace of 20,000 things takes few round trips.
fn batches(ids: &[Uuid]) -> impl Iterator<Item = Vec<Uuid>> + '_ {
    ids.chunks(4_000).map(<[Uuid]>::to_vec)
}

fn ids_of(depth: &BTreeMap<Key, u32>, kind: NodeKind) -> Vec<Uuid> {
    depth
        .keys()
        .filter(|(k, _)| *k == kind)
        .map(|(_, id)| *id)
        .collect()
}

/// What hangs off the walked chain: lots consumed, instruments, protocol versions and
/// people (upstream only, as leaves one step beyond their entry), and the links between
/// nodes of the trace. Downstream, only the start's own links are added.
async fn links(
    db: &impl ConnectionTrait,
    depth: &mut BTreeMap<Key, u32>,
    start: Key,
    direction: Direction,
    max_depth: u32,
) -> Result<Vec<Link>> {
    let backward = direction == Direction::Backward;
    let entries_walked = ids_of(depth, NodeKind::Entry);
    let samples_walked = ids_of(depth, NodeKind::Sample);
    let mut found: Vec<Link> = Vec::new();
    // Downstream, only the links that can join two nodes of the trace are read: those
    // between entries and samples, and the start's own (a lot feeding 10,000 entries
    // would otherwise read every other lot those entries used).
    let only_chain = |kinds: &[&str]| {
        let mut keep = Condition::any().add(entry_usages::Column::Kind.is_in(kinds.to_vec()));
        if !backward {
            for column in [
                entry_usages::Column::LotId,
                entry_usages::Column::InstrumentId,
                entry_usages::Column::ProtocolVersionId,
            ] {
                keep = keep.add(column.eq(start.1));
            }
        }
        keep
    };
    let usage_filter = if backward {
        Condition::all()
    } else {
        only_chain(&["sample_input", "sample_output"])
    };
    for batch in batches(&entries_walked) {
        for u in entry_usages::Entity::find()
            .filter(entry_usages::Column::EntryId.is_in(batch))
            .filter(usage_filter.clone())
            .all(db)
            .await?
        {
            let entry = (NodeKind::Entry, u.entry_id);
            let link = match u.kind.as_str() {
                "lot" => u.lot_id.map(|l| Link {
                    movement_id: u.movement_id,
                    ..Link::new((NodeKind::Lot, l), entry, Relation::Consumed)
                }),
                "sample_input" => u
                    .sample_id
                    .map(|s| Link::new((NodeKind::Sample, s), entry, Relation::Input)),
                "sample_output" => u
                    .sample_id
                    .map(|s| Link::new(entry, (NodeKind::Sample, s), Relation::Produced)),
                "instrument" => u.instrument_id.map(|i| Link {
                    started_at: u.started_at,
                    ended_at: u.ended_at,
                    warning: u.warning.clone(),
                    ..Link::new((NodeKind::Instrument, i), entry, Relation::UsedInstrument)
                }),
                "protocol" => u.protocol_version_id.map(|v| {
                    Link::new(
                        (NodeKind::ProtocolVersion, v),
                        entry,
                        Relation::FollowedProtocol,
                    )
                }),
                _ => None,
            };
            found.extend(link);
        }
    }
    // Who wrote and who contributed: upstream, or downstream of the person traced.
    let people_wanted = backward || start.0 == NodeKind::Person;
    for batch in batches(&entries_walked).filter(|_| people_wanted) {
        let authors: Vec<(Uuid, Option<Uuid>)> = entries::Entity::find()
            .select_only()
            .column(entries::Column::Id)
            .column(entries::Column::AuthorId)
            .filter(entries::Column::Id.is_in(batch.clone()))
            .into_tuple()
            .all(db)
            .await?;
        for (entry, author) in authors {
            if let Some(author) = author {
                found.push(Link::new(
                    (NodeKind::Person, author),
                    (NodeKind::Entry, entry),
                    Relation::Authored,
                ));
            }
        }
        for c in entry_contributors::Entity::find()
            .filter(entry_contributors::Column::EntryId.is_in(batch))
            .all(db)
            .await?
        {
            found.push(Link {
                role: Some(c.role),
                ..Link::new(
                    (NodeKind::Person, c.person_id),
                    (NodeKind::Entry, c.entry_id),
                    Relation::Contributed,
                )
            });
        }
    }
    // Lineage: each walked sample's parents (samples, or the lot it was taken from).
    let parent_filter = if backward {
        Condition::all()
    } else {
        Condition::any()
            .add(sample_parents::Column::ParentSampleId.is_not_null())
            .add(sample_parents::Column::ParentLotId.eq(start.1))
    };
    for batch in batches(&samples_walked) {
        for p in sample_parents::Entity::find()
            .filter(sample_parents::Column::ChildId.is_in(batch))
            .filter(parent_filter.clone())
            .all(db)
            .await?
        {
            let parent = match (p.parent_sample_id, p.parent_lot_id) {
                (Some(s), _) => (NodeKind::Sample, s),
                (None, Some(l)) => (NodeKind::Lot, l),
                (None, None) => continue,
            };
            found.push(Link {
                role: Some(p.relation),
                ..Link::new(
                    parent,
                    (NodeKind::Sample, p.child_id),
                    Relation::DerivedFrom,
                )
            });
        }
    }
    // Upstream, what the chain used joins the trace one step beyond its entry or
    // sample, within the depth asked for.
    if backward {
        let mut leaves: BTreeMap<Key, u32> = BTreeMap::new();
        for link in &found {
            let leaf = matches!(
                link.from.0,
                NodeKind::Lot | NodeKind::Instrument | NodeKind::ProtocolVersion | NodeKind::Person
            );
            if let (true, false, Some(to)) =
                (leaf, depth.contains_key(&link.from), depth.get(&link.to))
            {
                let d = leaves.entry(link.from).or_insert(u32::MAX);
                *d = (*d).min(to + 1);
            }
        }
        depth.extend(leaves.into_iter().filter(|(_, d)| *d <= max_depth));
    }
    // Downstream, a walked entry's other inputs are not what the start touched, and the
    // start's own links go only to what it touched directly (an instrument's entries in
    // the window, not a later use by an entry downstream).
    found.retain(|l| {
        depth.contains_key(&l.from)
            && depth.contains_key(&l.to)
            && (backward || l.from != start || depth.get(&l.to) == Some(&1))
    });
    // The same link twice (a lineage recorded both ways); two uses of one lot or one
    // instrument by an entry stay two edges, each with its quantity or window.
    let mut seen = HashSet::new();
    found.retain(|l| {
        seen.insert((
            l.from,
            l.to,
            l.relation,
            l.role.clone(),
            l.movement_id,
            l.started_at,
        ))
    });
    Ok(found)
}

/// Edges of the trace as the API shows them, ends renamed for restricted nodes.
pub(crate) fn edge(link: &Link, names: &HashMap<Key, String>) -> Option<TraceEdge> {
    Some(TraceEdge {
        from: names.get(&link.from)?.clone(),
        to: names.get(&link.to)?.clone(),
        relation: link.relation,
        role: link.role.clone(),
        quantity: None,
        unit: None,
        started_at: link.started_at,
        ended_at: link.ended_at,
        warning: link.warning.clone(),
    })
}

pub(crate) fn node_key(kind: NodeKind, id: &str) -> String {
    format!("{}:{id}", kind.as_str())
}

pub(crate) fn placeholder(kind: NodeKind, n: usize) -> TraceNode {
    let id = format!("restricted-{n}");
    TraceNode {
        kind,
        key: node_key(kind, &id),
        id,
        label_code: None,
        name: None,
        restricted: true,
        depth: 0,
        at: None,
        supplier: None,
        supplier_lot: None,
        expires_on: None,
        warnings: vec![],
    }
}
