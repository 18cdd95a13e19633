//! A trace's graph before it is described: nodes as kind and id, links between them, and
//! how both become what the API shows (restricted nodes renamed, placeholders).

use std::collections::{BTreeMap, HashMap};

use domain::trace::{NodeKind, Relation, TraceEdge, TraceNode, TraceNotice};
use uuid::Uuid;

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
    /// What `warning` says, as codes and values.
    pub notices: Vec<TraceNotice>,
}

impl Link {
    pub(crate) fn new(from: Key, to: Key, relation: Relation) -> Self {
        Self {
            from,
            to,
            relation,
            role: None,
            movement_id: None,
            started_at: None,
            ended_at: None,
            warning: None,
            notices: Vec::new(),
        }
    }
}

pub(crate) fn ids_of(depth: &BTreeMap<Key, u32>, kind: NodeKind) -> Vec<Uuid> {
    depth
        .keys()
        .filter(|(k, _)| *k == kind)
        .map(|(_, id)| *id)
        .collect()
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
        notices: link.notices.clone(),
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
        notices: vec![],
    }
}
