//! Traceability: from a result back to every lot, sample, instrument, protocol version
//! and person behind it, and from a lot, a sample, an instrument's window or a person
//! forward to everything they touched.
//!
//! A trace is one recursive query for the chain of entries and samples (`reach`), then a
//! fixed handful of batched reads for what hangs off that chain (`links`) and for the
//! descriptions (`nodes`), whatever the size of the graph. Things the reader may not see
//! stay in the graph as `restricted`: counted, never described. A recall (`recall`)
//! flags every entry a trace reaches from a bad lot, sample or instrument window.

mod graph;
mod links;
mod nodes;
pub mod recall;

use std::collections::{BTreeMap, HashSet};

use domain::{
    access::Access,
    person::Person,
    trace::{Direction, NodeKind, Trace, TraceQuery},
    DomainError,
};
use sea_orm::{ConnectionTrait, DatabaseConnection};
use uuid::Uuid;

use crate::error::Result;
use crate::walk::{self as reach, Anchor};
use graph::Key;

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
    if crate::accounts::permissions::of_node(db, person, (kind, id)).await? < Access::Read {
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
    let links = links::links(db, &mut depth, (kind, id), query.direction, query.max_depth).await?;
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
