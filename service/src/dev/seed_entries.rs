//! The seeded lab's notebook: entries that turn its samples into lineages, so traces
//! have the shape of a working lab's. The samples are cut into six generations; each
//! sample after the first generation is made by one entry from one or two samples of the
//! generation before, three lots and an instrument (and descends from those samples and
//! lots). A backward trace from the last generation then reaches five generations and
//! about a hundred things. One lot ("the hot lot", the first) also feeds up to 10,000
//! entries of the last generation: the worst case of a recall.
//!
//! Written in batches like the rest of the seed. Each lot used takes a microlitre (or
//! microgram) with its own consume line naming the entry, and the lots' quantities are
//! set from their ledgers at the end, so they still agree.

use chrono::{Duration, NaiveTime, SubsecRound, Utc};
use domain::{
    entry::{Content, EntryStatus, UsageKind},
    ledger::MovementKind,
    sample::Derivation,
};
use rand::{rngs::StdRng, Rng};
use sea_orm::ConnectionTrait;
use sha2::{Digest, Sha256};
use uuid::Uuid;

use crate::{
    dev::rows::{insert, CHUNK},
    entities::{entries, entry_revisions, entry_usages, movements, notebooks, sample_parents},
    error::Result,
};

/// Generations of samples.
pub const GENERATIONS: usize = 6;
/// Entries of the last generation that also use the hot lot.
pub const HOT_LOT_ENTRIES: usize = 10_000;

/// What the seed made before the notebook.
pub(crate) struct Made {
    pub team: Uuid,
    pub person: Uuid,
    pub lots: Vec<Uuid>,
    pub samples: Vec<Uuid>,
    pub instruments: Vec<Uuid>,
}

pub(crate) async fn seed(
    txn: &impl ConnectionTrait,
    made: &Made,
    wanted: usize,
    rng: &mut StdRng,
) -> Result<()> {
    let band = made.samples.len() / GENERATIONS;
    if wanted == 0 || band == 0 || made.lots.is_empty() || made.instruments.is_empty() {
        return Ok(());
    }
    // Made samples: every sample after the first generation, up to `wanted`.
    let outputs: Vec<usize> = (band..made.samples.len()).take(wanted).collect();
    let now = Utc::now().trunc_subsecs(6);
    let today = now.date_naive();
    let notebook = Uuid::now_v7();
    insert(
        txn,
        vec![notebooks::ActiveModel::from(notebooks::Model {
            id: notebook,
            team_id: made.team,
            created_by: Some(made.person),
            name: "Seed notebook".into(),
            project: None,
            next_number: outputs.len() as i32 + 1,
            created_at: now,
        })],
    )
    .await?;
    let last_generation = band * (GENERATIONS - 1);
    let mut hot_left = HOT_LOT_ENTRIES;
    for (batch_start, batch) in outputs.chunks(CHUNK / 4).enumerate() {
        let (mut rows, mut revisions, mut usages, mut parents, mut ledger) =
            (Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new());
        for (i, &output) in batch.iter().enumerate() {
            let number = (batch_start * (CHUNK / 4) + i + 1) as i32;
            let id = Uuid::now_v7();
            let generation = output / band;
            let earlier = (generation - 1) * band..generation * band;
            let inputs: Vec<Uuid> = (0..rng.gen_range(1..=2))
                .map(|_| made.samples[rng.gen_range(earlier.clone())])
                .collect::<std::collections::BTreeSet<_>>()
                .into_iter()
                .collect();
            let mut lots: Vec<Uuid> = (0..3)
                .map(|_| made.lots[rng.gen_range(1..made.lots.len().max(2)) % made.lots.len()])
                .collect::<std::collections::BTreeSet<_>>()
                .into_iter()
                .collect();
            if output >= last_generation && hot_left > 0 && !lots.contains(&made.lots[0]) {
                lots.push(made.lots[0]);
                hot_left -= 1;
            }
            let instrument = made.instruments[rng.gen_range(0..made.instruments.len())];
            let day = today - Duration::days(((GENERATIONS - generation) * 60) as i64)
                + Duration::days(rng.gen_range(0..30));
            let content = Content {
                title: format!("Experiment {number}"),
                body: format!("Seeded step of generation {generation}."),
                tags: vec![],
                entry_date: day,
            };
            let sha = hex::encode(Sha256::digest(content.canonical().as_bytes()));
            rows.push(entries::ActiveModel::from(entries::Model {
                id,
                notebook_id: notebook,
                number,
                team_id: made.team,
                author_id: Some(made.person),
                title: content.title.clone(),
                body: content.body.clone(),
                tags: String::new(),
                entry_date: day,
                status: EntryStatus::Draft,
                revision: 1,
                content_sha256: sha.clone(),
                created_at: now,
                updated_at: now,
            }));
            revisions.push(entry_revisions::ActiveModel::from(entry_revisions::Model {
                id: Uuid::now_v7(),
                entry_id: id,
                revision: 1,
                title: content.title,
                body: content.body,
                tags: String::new(),
                entry_date: day,
                sha256: sha,
                saved_by: Some(made.person),
                saved_at: now,
            }));
            let usage = |kind| entry_usages::Model::of_kind(id, kind, made.person, now);
            let child = made.samples[output];
            for sample in &inputs {
                usages.push(entry_usages::Model {
                    sample_id: Some(*sample),
                    ..usage(UsageKind::SampleInput)
                });
                parents.push(parent(child, Some(*sample), None, now));
            }
            for lot in &lots {
                let movement = Uuid::now_v7();
                ledger.push(movements::ActiveModel::from(movements::Model {
                    id: movement,
                    lot_id: *lot,
                    kind: MovementKind::Consume,
                    delta: -1_000,
                    reason: Some(
                        domain::ledger_reason::Reason::UsedIn {
                            entry: number.into(),
                        }
                        .stored(),
                    ),
                    person_id: Some(made.person),
                    at: now,
                    entry_id: Some(id),
                }));
                usages.push(entry_usages::Model {
                    lot_id: Some(*lot),
                    movement_id: Some(movement),
                    ..usage(UsageKind::Lot)
                });
                parents.push(parent(child, None, Some(*lot), now));
            }
            let nine = day
                .and_time(NaiveTime::from_hms_opt(9, 0, 0).unwrap_or_default())
                .and_utc();
            usages.push(entry_usages::Model {
                instrument_id: Some(instrument),
                started_at: Some(nine),
                ended_at: Some(nine + Duration::hours(1)),
                ..usage(UsageKind::Instrument)
            });
            usages.push(entry_usages::Model {
                sample_id: Some(child),
                ..usage(UsageKind::SampleOutput)
            });
        }
        insert(txn, rows).await?;
        insert(txn, revisions).await?;
        for chunk in ledger.chunks(CHUNK) {
            insert(txn, chunk.to_vec()).await?;
        }
        for chunk in usages.chunks(CHUNK) {
            insert(
                txn,
                chunk
                    .iter()
                    .cloned()
                    .map(entry_usages::ActiveModel::from)
                    .collect(),
            )
            .await?;
        }
        for chunk in parents.chunks(CHUNK) {
            insert(txn, chunk.to_vec()).await?;
        }
    }
    // Every lot's quantity is what its ledger says.
    txn.execute_unprepared(
        "UPDATE lots SET quantity = (SELECT SUM(delta) FROM movements WHERE movements.lot_id = lots.id)",
    )
    .await?;
    Ok(())
}

fn parent(
    child: Uuid,
    sample: Option<Uuid>,
    lot: Option<Uuid>,
    now: chrono::DateTime<Utc>,
) -> sample_parents::ActiveModel {
    sample_parents::ActiveModel::from(sample_parents::Model {
        id: Uuid::now_v7(),
        child_id: child,
        parent_sample_id: sample,
        parent_lot_id: lot,
        relation: Derivation::Extract,
        created_at: now,
    })
}
