//! The links of a trace: between the entries and samples walked, and what hangs off
//! them (lots, instruments, protocol versions, people), read in a fixed handful of
//! queries by the columns shown.

use std::collections::{BTreeMap, HashSet};

use domain::{
    bench::UseNotice,
    entry::UsageKind,
    trace::{Direction, NodeKind, Relation, TraceNotice},
};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, FromQueryResult, QueryFilter, QuerySelect,
};
use uuid::Uuid;

use super::graph::{ids_of, Key, Link};
use crate::{
    entities::{entries, entry_contributors, entry_usages, sample_parents},
    error::Result,
    id_lists::among,
};

/// One use recorded by an entry, read by the columns a trace shows (an entry may record
/// many; a wide row decoded 35,000 times is what made a lot feeding 10,000 entries slow).
#[derive(FromQueryResult)]
struct Usage {
    entry_id: Uuid,
    kind: UsageKind,
    lot_id: Option<Uuid>,
    sample_id: Option<Uuid>,
    instrument_id: Option<Uuid>,
    protocol_version_id: Option<Uuid>,
    movement_id: Option<Uuid>,
    started_at: Option<chrono::DateTime<chrono::Utc>>,
    ended_at: Option<chrono::DateTime<chrono::Utc>>,
    warning: Option<String>,
    /// The notices kept with the use, as `[{"code",…}]`.
    warnings: Option<String>,
}

impl Usage {
    fn link(self) -> Option<Link> {
        let entry = (NodeKind::Entry, self.entry_id);
        match self.kind {
            UsageKind::Lot => self.lot_id.map(|l| Link {
                movement_id: self.movement_id,
                ..Link::new((NodeKind::Lot, l), entry, Relation::Consumed)
            }),
            UsageKind::SampleInput => self
                .sample_id
                .map(|s| Link::new((NodeKind::Sample, s), entry, Relation::Input)),
            UsageKind::SampleOutput => self
                .sample_id
                .map(|s| Link::new(entry, (NodeKind::Sample, s), Relation::Produced)),
            UsageKind::Instrument => self.instrument_id.map(|i| Link {
                started_at: self.started_at,
                ended_at: self.ended_at,
                warning: self.warning,
                notices: kept_notices(self.warnings.as_deref()),
                ..Link::new((NodeKind::Instrument, i), entry, Relation::UsedInstrument)
            }),
            UsageKind::Protocol => self.protocol_version_id.map(|v| {
                Link::new(
                    (NodeKind::ProtocolVersion, v),
                    entry,
                    Relation::FollowedProtocol,
                )
            }),
        }
    }
}

/// The notices kept with a use, for the trace. Written by the usage's own code only; an
/// unreadable list (a damaged row) still has its English `warning`, so it is skipped.
fn kept_notices(stored: Option<&str>) -> Vec<TraceNotice> {
    stored
        .and_then(|s| serde_json::from_str::<Vec<UseNotice>>(s).ok())
        .unwrap_or_default()
        .into_iter()
        .filter(UseNotice::is_kept)
        .map(|notice| TraceNotice::Use { notice })
        .collect()
}

/// One lineage row: a sample and the sample or lot it came from.
#[derive(FromQueryResult)]
struct Parent {
    child_id: Uuid,
    parent_sample_id: Option<Uuid>,
    parent_lot_id: Option<Uuid>,
    relation: String,
}

impl Parent {
    fn link(self) -> Option<Link> {
        let parent = match (self.parent_sample_id, self.parent_lot_id) {
            (Some(s), _) => (NodeKind::Sample, s),
            (None, Some(l)) => (NodeKind::Lot, l),
            (None, None) => return None,
        };
        Some(Link {
            role: Some(self.relation),
            ..Link::new(
                parent,
                (NodeKind::Sample, self.child_id),
                Relation::DerivedFrom,
            )
        })
    }
}

/// The links between nodes of the trace, and what hangs off its chain: upstream, the
/// lots, instruments, protocol versions and people of its entries (leaves one step
/// beyond them); downstream, only the start's own uses besides the links of the chain.
pub(super) async fn links(
    db: &impl ConnectionTrait,
    depth: &mut BTreeMap<Key, u32>,
    start: Key,
    direction: Direction,
    max_depth: u32,
) -> Result<Vec<Link>> {
    use entry_usages::Column as U;
    use sample_parents::Column as P;
    let backward = direction == Direction::Backward;
    let entries_walked = ids_of(depth, NodeKind::Entry);
    let samples_walked = ids_of(depth, NodeKind::Sample);
    // Downstream, the start's own links go only to the entries it touched directly.
    let touched: Vec<Uuid> = depth
        .iter()
        .filter(|((kind, _), d)| *kind == NodeKind::Entry && **d == 1)
        .map(|((_, id), _)| *id)
        .collect();
    // Upstream, everything the walked entries used and the walked samples came from.
    // Downstream, each link is read from the end the walk came from, so that only rows
    // that can join the trace come back (a lot feeding 10,000 entries would otherwise
    // read every other lot and sample those entries used).
    let mut usages: Vec<Condition> = Vec::new();
    let mut parents: Vec<Condition> = Vec::new();
    if backward {
        usages.extend(among(db, U::EntryId, &entries_walked));
        parents.extend(among(db, P::ChildId, &samples_walked));
    } else {
        usages.extend(
            among(db, U::EntryId, &entries_walked)
                .into_iter()
                .map(|c| c.add(U::Kind.eq("sample_output"))),
        );
        usages.extend(
            among(db, U::SampleId, &samples_walked)
                .into_iter()
                .map(|c| c.add(U::Kind.eq("sample_input"))),
        );
        parents.extend(among(db, P::ParentSampleId, &samples_walked));
        // The start's own uses. A lot's and a protocol version's all lead into the
        // trace (the walk started from them); an instrument's only within its window, so
        // they are read among the entries it touched.
        match start.0 {
            NodeKind::Lot => {
                usages.push(Condition::all().add(U::LotId.eq(start.1)));
                parents.push(Condition::all().add(P::ParentLotId.eq(start.1)));
            }
            NodeKind::ProtocolVersion => {
                usages.push(Condition::all().add(U::ProtocolVersionId.eq(start.1)))
            }
            NodeKind::Instrument => usages.extend(
                among(db, U::EntryId, &touched)
                    .into_iter()
                    .map(|c| c.add(U::InstrumentId.eq(start.1))),
            ),
            _ => {}
        }
    }
    let mut found: Vec<Link> = Vec::new();
    for condition in usages {
        let rows = entry_usages::Entity::find()
            .select_only()
            .columns([
                U::EntryId,
                U::Kind,
                U::LotId,
                U::SampleId,
                U::InstrumentId,
                U::ProtocolVersionId,
                U::MovementId,
                U::StartedAt,
                U::EndedAt,
                U::Warning,
                U::Warnings,
            ])
            .filter(condition)
            .into_model::<Usage>()
            .all(db)
            .await?;
        found.extend(rows.into_iter().filter_map(Usage::link));
    }
    for condition in parents {
        let rows = sample_parents::Entity::find()
            .select_only()
            .columns([P::ChildId, P::ParentSampleId, P::ParentLotId, P::Relation])
            .filter(condition)
            .into_model::<Parent>()
            .all(db)
            .await?;
        found.extend(rows.into_iter().filter_map(Parent::link));
    }
    // Who wrote and who contributed: upstream, everyone; downstream of a person, their
    // own part in the entries they touched.
    let wanted = match (backward, start.0) {
        (true, _) => &entries_walked[..],
        (false, NodeKind::Person) => &touched[..],
        _ => &[],
    };
    for condition in among(db, entries::Column::Id, wanted) {
        let authors: Vec<(Uuid, Option<Uuid>)> = entries::Entity::find()
            .select_only()
            .column(entries::Column::Id)
            .column(entries::Column::AuthorId)
            .filter(condition)
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
    }
    for condition in among(db, entry_contributors::Column::EntryId, wanted) {
        let contributors: Vec<(Uuid, Uuid, String)> = entry_contributors::Entity::find()
            .select_only()
            .columns([
                entry_contributors::Column::EntryId,
                entry_contributors::Column::PersonId,
                entry_contributors::Column::Role,
            ])
            .filter(condition)
            .into_tuple()
            .all(db)
            .await?;
        for (entry, person, role) in contributors {
            found.push(Link {
                role: Some(role),
                ..Link::new(
                    (NodeKind::Person, person),
                    (NodeKind::Entry, entry),
                    Relation::Contributed,
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
