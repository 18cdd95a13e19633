//! The walk along lineage: one recursive query over the links between entries and samples
//! (sample → entry as input, entry → sample as output, parent sample → child sample),
//! upstream or downstream, never one query per node. Traces, recalls and the loop check
//! on new links all walk through here.
//!
//! The query differs by engine only where their planners need it: SQLite walks each
//! kind of link with its own recursive SELECT (each on its index); PostgreSQL allows one
//! recursive reference, so each walked row looks its links up through a lateral union
//! of index scans.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use domain::trace::{Direction, NodeKind};
use sea_orm::{ConnectionTrait, DbBackend, Statement, Value};
use uuid::Uuid;

use crate::error::Result;

/// Where a walk starts: rows `(id, kind, depth)` of entries and samples.
pub(crate) struct Anchor {
    sql: String,
    values: Vec<Value>,
}

impl Anchor {
    /// The thing itself (an entry or a sample), at depth 0.
    pub(crate) fn itself(kind: NodeKind, id: Uuid) -> Self {
        Self {
            sql: format!(
                "SELECT $1 AS id, CAST('{}' AS TEXT) AS kind, 0 AS depth",
                kind.as_str()
            ),
            values: vec![id.into()],
        }
    }

    /// What a lot went into: the entries that consumed it, the samples taken from it.
    pub(crate) fn lot_forward(lot: Uuid) -> Self {
        Self {
            sql: "SELECT entry_id AS id, CAST('entry' AS TEXT) AS kind, 1 AS depth \
                  FROM entry_usages WHERE lot_id = $1 AND kind = 'lot' \
                  UNION SELECT child_id, CAST('sample' AS TEXT), 1 \
                  FROM sample_parents WHERE parent_lot_id = $1"
                .into(),
            values: vec![lot.into()],
        }
    }

    /// The entries that used an instrument during a window (any overlap, both ends
    /// included).
    pub(crate) fn instrument_forward(
        instrument: Uuid,
        from: Option<DateTime<Utc>>,
        to: Option<DateTime<Utc>>,
    ) -> Self {
        let mut sql = "SELECT entry_id AS id, CAST('entry' AS TEXT) AS kind, 1 AS depth \
                       FROM entry_usages WHERE instrument_id = $1 AND kind = 'instrument'"
            .to_owned();
        let mut values: Vec<Value> = vec![instrument.into()];
        if let Some(to) = to {
            values.push(to.into());
            sql.push_str(&format!(" AND started_at <= ${}", values.len()));
        }
        if let Some(from) = from {
            values.push(from.into());
            sql.push_str(&format!(" AND ended_at >= ${}", values.len()));
        }
        Self { sql, values }
    }

    /// The entries a person wrote or contributed to, dated within a window.
    pub(crate) fn person_forward(
        person: Uuid,
        from: Option<DateTime<Utc>>,
        to: Option<DateTime<Utc>>,
    ) -> Self {
        let mut window = String::new();
        let mut values: Vec<Value> = vec![person.into()];
        if let Some(from) = from {
            values.push(from.date_naive().into());
            window.push_str(&format!(" AND e.entry_date >= ${}", values.len()));
        }
        if let Some(to) = to {
            values.push(to.date_naive().into());
            window.push_str(&format!(" AND e.entry_date <= ${}", values.len()));
        }
        Self {
            sql: format!(
                "SELECT e.id AS id, CAST('entry' AS TEXT) AS kind, 1 AS depth \
                 FROM entries e WHERE e.author_id = $1{window} \
                 UNION SELECT e.id, CAST('entry' AS TEXT), 1 FROM entry_contributors c \
                 JOIN entries e ON e.id = c.entry_id WHERE c.person_id = $1{window}"
            ),
            values,
        }
    }

    /// The entries that followed a protocol version.
    pub(crate) fn protocol_forward(version: Uuid) -> Self {
        Self {
            sql: "SELECT entry_id AS id, CAST('entry' AS TEXT) AS kind, 1 AS depth \
                  FROM entry_usages WHERE protocol_version_id = $1 AND kind = 'protocol'"
                .into(),
            values: vec![version.into()],
        }
    }
}

/// One kind of link, read in the walk's direction: rows of `table` whose `near` column
/// is a node reached (of kind `near_kind`) give the next node in `far`, of kind
/// `far_kind`.
struct Step {
    table: &'static str,
    near_kind: NodeKind,
    near: &'static str,
    far: &'static str,
    far_kind: NodeKind,
    only: &'static str,
}

fn steps(direction: Direction) -> [Step; 3] {
    match direction {
        Direction::Forward => [
            Step {
                table: "entry_usages",
                near_kind: NodeKind::Sample,
                near: "sample_id",
                far: "entry_id",
                far_kind: NodeKind::Entry,
                only: "kind = 'sample_input'",
            },
            Step {
                table: "entry_usages",
                near_kind: NodeKind::Entry,
                near: "entry_id",
                far: "sample_id",
                far_kind: NodeKind::Sample,
                only: "kind = 'sample_output'",
            },
            Step {
                table: "sample_parents",
                near_kind: NodeKind::Sample,
                near: "parent_sample_id",
                far: "child_id",
                far_kind: NodeKind::Sample,
                only: "parent_sample_id IS NOT NULL",
            },
        ],
        Direction::Backward => [
            Step {
                table: "entry_usages",
                near_kind: NodeKind::Entry,
                near: "entry_id",
                far: "sample_id",
                far_kind: NodeKind::Sample,
                only: "kind = 'sample_input'",
            },
            Step {
                table: "entry_usages",
                near_kind: NodeKind::Sample,
                near: "sample_id",
                far: "entry_id",
                far_kind: NodeKind::Entry,
                only: "kind = 'sample_output'",
            },
            Step {
                table: "sample_parents",
                near_kind: NodeKind::Sample,
                near: "child_id",
                far: "parent_sample_id",
                far_kind: NodeKind::Sample,
                only: "parent_sample_id IS NOT NULL",
            },
        ],
    }
}

/// Every entry and sample reached from `anchor`, each with the fewest links it takes,
/// within `max_depth` links; `None` walks everything reachable, and then each node is
/// visited once (its depth is only 0, 1 for the anchor's rows, or 2 for anything
/// further), so the cost stays linear in the graph however its paths cross. Ids are
/// UUIDv7 and unique across tables, so a link is followed by id alone; the node's kind
/// only spares the lookups that cannot match.
pub(crate) async fn walk(
    db: &impl ConnectionTrait,
    anchor: Anchor,
    direction: Direction,
    max_depth: Option<u32>,
) -> Result<Vec<(Uuid, NodeKind, u32)>> {
    let backend = db.get_database_backend();
    let mut values = anchor.values;
    let (next, bound) = match max_depth {
        Some(max) => {
            values.push((max as i32).into());
            (
                "r.depth + 1".to_owned(),
                format!(" WHERE r.depth < ${}", values.len()),
            )
        }
        None => ("2".to_owned(), String::new()),
    };
    let recursive = match backend {
        // A lateral union: one index lookup per walked row and kind of link. Joined with
        // the union as a plain subquery, the planner may hash the whole links tables at
        // every step of the recursion.
        DbBackend::Postgres => {
            let links = steps(direction)
                .iter()
                .map(|s| {
                    format!(
                        "SELECT x.{far} AS far, CAST('{kind}' AS TEXT) AS far_kind \
                         FROM {table} x WHERE r.kind = '{near_kind}' AND x.{near} = r.id \
                         AND x.{only}",
                        near = s.near,
                        near_kind = s.near_kind.as_str(),
                        far = s.far,
                        kind = s.far_kind.as_str(),
                        table = s.table,
                        only = s.only
                    )
                })
                .collect::<Vec<_>>()
                .join(" UNION ALL ");
            format!(
                "SELECT l.far, l.far_kind, {next} FROM reach r \
                 CROSS JOIN LATERAL ({links}) l{bound}"
            )
        }
        _ => steps(direction)
            .iter()
            .map(|s| {
                format!(
                    "SELECT x.{far}, '{kind}', {next} FROM reach r \
                     JOIN {table} x ON r.kind = '{near_kind}' AND x.{near} = r.id \
                     AND x.{only}{bound}",
                    near = s.near,
                    near_kind = s.near_kind.as_str(),
                    far = s.far,
                    kind = s.far_kind.as_str(),
                    table = s.table,
                    only = s.only
                )
            })
            .collect::<Vec<_>>()
            .join(" UNION "),
    };
    let mut sql = format!(
        "WITH RECURSIVE reach(id, kind, depth) AS ({anchor} UNION {recursive}) \
         SELECT id, kind, MIN(depth) AS depth FROM reach GROUP BY id, kind",
        anchor = anchor.sql
    );
    if backend == DbBackend::Sqlite {
        // SQLite numbers its parameters `?N`.
        sql = sql.replace('$', "?");
    }
    let rows = db
        .query_all_raw(Statement::from_sql_and_values(backend, sql, values))
        .await?;
    let mut out: HashMap<Uuid, (NodeKind, u32)> = HashMap::with_capacity(rows.len());
    for row in rows {
        let id: Uuid = row.try_get("", "id")?;
        let kind: String = row.try_get("", "kind")?;
        let depth: i32 = row.try_get("", "depth")?;
        let kind = NodeKind::parse(&kind)
            .map_err(|_| crate::ServiceError::stored("the walk's kind", kind))?;
        out.insert(id, (kind, depth.max(0) as u32));
    }
    Ok(out.into_iter().map(|(id, (k, d))| (id, k, d)).collect())
}

/// Whether `target` (an entry or a sample) lies in `direction` from the entry or sample
/// `from`: what a new link must not close into a loop.
pub(crate) async fn reaches(
    db: &impl ConnectionTrait,
    from: (NodeKind, Uuid),
    direction: Direction,
    target: Uuid,
) -> Result<bool> {
    let walked = walk(db, Anchor::itself(from.0, from.1), direction, None).await?;
    Ok(walked.iter().any(|(id, _, _)| *id == target))
}

/// Every entry and sample upstream of `from`, by id.
pub(crate) async fn upstream(
    db: &impl ConnectionTrait,
    from: (NodeKind, Uuid),
) -> Result<Vec<Uuid>> {
    Ok(walk(
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
