//! Where each node of a trace is drawn: columns by the longest chain of links that
//! leads to it (edges point downstream, so columns read left to right in time), rows
//! by time within a column. Things that only feed one step (a lot, an instrument, a
//! person) sit just left of what they fed, not far away in the first column.

use std::collections::{HashMap, VecDeque};

use domain::trace::Trace;

pub const NODE_WIDTH: f64 = 190.0;
pub const NODE_HEIGHT: f64 = 46.0;
const COLUMN_GAP: f64 = 70.0;
const ROW_GAP: f64 = 14.0;
const MARGIN: f64 = 8.0;

#[derive(Debug, Clone, PartialEq)]
pub struct Placed {
    /// Top-left corner of each node's box, by key.
    pub at: HashMap<String, (f64, f64)>,
    pub width: f64,
    pub height: f64,
}

pub fn place(trace: &Trace) -> Placed {
    let index: HashMap<&str, usize> = trace
        .nodes
        .iter()
        .enumerate()
        .map(|(i, n)| (n.key.as_str(), i))
        .collect();
    let n = trace.nodes.len();
    let mut next: Vec<Vec<usize>> = vec![vec![]; n];
    let mut incoming = vec![0usize; n];
    for e in &trace.edges {
        if let (Some(&a), Some(&b)) = (index.get(e.from.as_str()), index.get(e.to.as_str())) {
            next[a].push(b);
            incoming[b] += 1;
        }
    }
    // Longest path from any source, in topological order (a loop, which the service
    // refuses, would leave its nodes in column 0 rather than hang).
    let mut column = vec![0usize; n];
    let mut waiting = incoming.clone();
    let mut queue: VecDeque<usize> = (0..n).filter(|i| incoming[*i] == 0).collect();
    while let Some(a) = queue.pop_front() {
        for &b in &next[a] {
            column[b] = column[b].max(column[a] + 1);
            waiting[b] -= 1;
            if waiting[b] == 0 {
                queue.push_back(b);
            }
        }
    }
    for a in 0..n {
        if incoming[a] == 0 && !next[a].is_empty() {
            let nearest = next[a].iter().map(|b| column[*b]).min().unwrap_or(1);
            column[a] = nearest.saturating_sub(1);
        }
    }
    let columns = column.iter().max().map_or(0, |m| m + 1);
    let mut rows: Vec<Vec<usize>> = vec![vec![]; columns];
    for (i, c) in column.iter().enumerate() {
        rows[*c].push(i);
    }
    let mut at = HashMap::with_capacity(n);
    let mut tallest = 0;
    for (c, members) in rows.iter_mut().enumerate() {
        members.sort_by_key(|i| {
            let node = &trace.nodes[*i];
            (node.at, node.kind, node.name.clone())
        });
        tallest = tallest.max(members.len());
        for (r, i) in members.iter().enumerate() {
            at.insert(
                trace.nodes[*i].key.clone(),
                (
                    MARGIN + c as f64 * (NODE_WIDTH + COLUMN_GAP),
                    MARGIN + r as f64 * (NODE_HEIGHT + ROW_GAP),
                ),
            );
        }
    }
    Placed {
        at,
        width: 2.0 * MARGIN + columns as f64 * (NODE_WIDTH + COLUMN_GAP) - COLUMN_GAP,
        height: 2.0 * MARGIN + tallest as f64 * (NODE_HEIGHT + ROW_GAP) - ROW_GAP,
    }
}

#[cfg(test)]
mod tests {
    use domain::trace::{Direction, NodeKind, Relation, TraceEdge, TraceNode};

    use super::*;

    fn node(key: &str, kind: NodeKind) -> TraceNode {
        TraceNode {
            kind,
            id: key.into(),
            key: key.into(),
            label_code: None,
            name: Some(key.into()),
            restricted: false,
            depth: 0,
            at: None,
            supplier: None,
            supplier_lot: None,
            expires_on: None,
            warnings: vec![],
            notices: vec![],
        }
    }

    fn edge(from: &str, to: &str) -> TraceEdge {
        TraceEdge {
            from: from.into(),
            to: to.into(),
            relation: Relation::Input,
            role: None,
            quantity: None,
            unit: None,
            started_at: None,
            ended_at: None,
            warning: None,
            notices: vec![],
        }
    }

    #[test]
    fn columns_follow_the_flow_and_feeders_sit_next_to_what_they_feed() {
        let trace = Trace {
            start: "s2".into(),
            direction: Direction::Backward,
            nodes: vec![
                node("s1", NodeKind::Sample),
                node("e1", NodeKind::Entry),
                node("s2", NodeKind::Sample),
                node("e2", NodeKind::Entry),
                node("s3", NodeKind::Sample),
                node("balance", NodeKind::Instrument),
            ],
            edges: vec![
                edge("s1", "e1"),
                edge("e1", "s2"),
                edge("s2", "e2"),
                edge("e2", "s3"),
                edge("balance", "e2"),
            ],
            restricted: 0,
        };
        let placed = place(&trace);
        let x = |k: &str| placed.at[k].0;
        assert!(x("s1") < x("e1") && x("e1") < x("s2") && x("s2") < x("e2") && x("e2") < x("s3"));
        assert_eq!(
            x("balance"),
            x("s2"),
            "the balance sits one column before the entry it served"
        );
        assert!(placed.width >= x("s3") + NODE_WIDTH);
    }
}
