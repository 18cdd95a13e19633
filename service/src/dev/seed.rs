//! `paillasse dev seed`: a realistic lab, fast, for benchmarks and demos. Rows are
//! written in large batches straight into the tables (not through the audited service
//! functions, which would take hours for a million lots); every lot and sample still gets
//! its receive movement, so quantities equal their ledgers. Seed a fresh data directory:
//! none of this is in the audit log.

use std::{collections::HashSet, time::Instant};

use chrono::{DateTime, Duration, SubsecRound, Utc};
use domain::{
    instrument::InstrumentStatus, kind::Kind, ledger::MovementKind, lot::LotStatus,
    product::ProductKind, quantity::Unit, sample::SampleStatus,
};
use labels::LabelCode;
use rand::{rngs::StdRng, Rng, SeedableRng};
use sea_orm::{ConnectionTrait, DatabaseConnection, TransactionTrait};
use uuid::Uuid;

use crate::{
    accounts::people::{self, NewUser},
    dev::rows::{insert, CHUNK},
    entities::{
        instruments, label_codes, locations, lots, movements, products, sample_movements, samples,
    },
    error::Result,
    Actor,
};

/// How much to make.
#[derive(Debug, Clone, Copy)]
pub struct SeedSize {
    pub products: usize,
    pub lots: usize,
    pub samples: usize,
    pub locations: usize,
    pub instruments: usize,
    /// Notebook entries that turn samples into lineages (see `seed_entries`).
    pub entries: usize,
}

/// The person who owns the seeded lab (a manager of team "Seed lab").
pub const SEED_EMAIL: &str = "seed@lab.example";

const CHEMICALS: [&str; 24] = [
    "Ethanol",
    "Tris",
    "Sodium chloride",
    "Agarose",
    "Glycerol",
    "HEPES",
    "EDTA",
    "Trypsin",
    "Ampicillin",
    "Kanamycin",
    "DMSO",
    "Methanol",
    "Acetone",
    "Glucose",
    "Sucrose",
    "PBS",
    "Taq polymerase",
    "dNTP mix",
    "BSA",
    "Tween 20",
    "SDS",
    "Imidazole",
    "Lysozyme",
    "Urea",
];
const SAMPLE_TYPES: [&str; 6] = [
    "Plasma",
    "Serum",
    "DNA extract",
    "RNA extract",
    "Lysate",
    "Culture",
];
const INSTRUMENTS: [&str; 5] = [
    "Balance",
    "Centrifuge",
    "Thermocycler",
    "pH meter",
    "Pipette",
];

/// Label codes, unique within the run (seed an empty installation).
struct Codes {
    rng: StdRng,
    seen: HashSet<String>,
    now: DateTime<Utc>,
}

impl Codes {
    fn issue(
        &mut self,
        kind: Kind,
        target: Uuid,
        out: &mut Vec<label_codes::ActiveModel>,
    ) -> String {
        let code = loop {
            let c = LabelCode::generate(&mut self.rng).to_string();
            if self.seen.insert(c.clone()) {
                break c;
            }
        };
        out.push(label_codes::ActiveModel::from(label_codes::Model {
            code: code.clone(),
            kind,
            target_id: target,
            created_at: self.now,
            retired_at: None,
        }));
        code
    }
}

/// Fills an empty installation; returns the seconds it took.
pub async fn seed(db: &DatabaseConnection, size: SeedSize, password: &str) -> Result<f64> {
    let started = Instant::now();
    let person = people::add_user(
        db,
        &Actor::cli(),
        NewUser {
            email: SEED_EMAIL.into(),
            name: "Seed".into(),
            password: password.into(),
            role: "manager".into(),
            team: Some("Seed lab".into()),
        },
    )
    .await?;
    let (team, by) = (person.memberships[0].team_id, Some(person.id));
    let now = Utc::now().trunc_subsecs(6);
    let today = now.date_naive();
    let mut codes = Codes {
        rng: StdRng::seed_from_u64(2026),
        seen: HashSet::new(),
        now,
    };
    let mut rng = StdRng::seed_from_u64(1789);
    let (mut lot_ids, mut sample_ids, mut instrument_ids) = (Vec::new(), Vec::new(), Vec::new());
    let txn = db.begin().await?;

    // Rooms of 50 locations: the room, 5 freezers, 44 boxes of 9×9 in the freezers.
    let mut boxes = Vec::new();
    let (mut room, mut freezer) = (None, None);
    for start in (0..size.locations).step_by(CHUNK) {
        let (mut rows, mut new_codes) = (Vec::new(), Vec::new());
        for i in start..(start + CHUNK).min(size.locations) {
            let id = Uuid::now_v7();
            let (name, parent, grid) = match i % 50 {
                0 => {
                    room = Some(id);
                    (format!("Room {}", i / 50 + 1), None, None)
                }
                n if n % 10 == 1 => {
                    freezer = Some(id);
                    (format!("Freezer {}", i / 10 + 1), room, None)
                }
                _ => {
                    boxes.push(id);
                    (format!("Box {}", i + 1), freezer, Some(9))
                }
            };
            let label_code = codes.issue(Kind::Location, id, &mut new_codes);
            rows.push(locations::ActiveModel::from(locations::Model {
                id,
                name,
                parent_id: parent,
                label_code,
                created_at: now,
                updated_at: now,
                team_id: team,
                created_by: by,
                grid_rows: grid,
                grid_cols: grid,
            }));
        }
        insert(&txn, new_codes).await?;
        insert(&txn, rows).await?;
    }

    let (gram, millilitre) = (Unit::parse("unit", "g")?, Unit::parse("unit", "mL")?);
    let mut product_units = Vec::with_capacity(size.products);
    for start in (0..size.products).step_by(CHUNK) {
        let mut rows = Vec::new();
        for i in start..(start + CHUNK).min(size.products) {
            let id = Uuid::now_v7();
            let unit = if i % 3 == 0 { gram } else { millilitre };
            product_units.push((id, unit));
            rows.push(products::ActiveModel::from(products::Model {
                id,
                team_id: team,
                created_by: by,
                name: format!(
                    "{} {}",
                    CHEMICALS[i % CHEMICALS.len()],
                    i / CHEMICALS.len() + 1
                ),
                kind: ProductKind::Chemical,
                cas: None,
                supplier: Some(["Sigma", "Merck", "Thermo", "VWR"][i % 4].into()),
                catalog_number: Some(format!("C{i:06}")),
                hazards: String::new(),
                // Every seventh product is watched: reorder under 500 (mL or g).
                reorder_level: (i % 7 == 0).then_some(500_000_000),
                reorder_unit: (i % 7 == 0).then(|| unit.symbol.to_owned()),
                sds_attachment_id: None,
                created_at: now,
                updated_at: now,
            }));
        }
        insert(&txn, rows).await?;
    }

    for start in (0..size.lots).step_by(CHUNK) {
        let (mut rows, mut new_codes, mut ledger) = (Vec::new(), Vec::new(), Vec::new());
        for i in start..(start + CHUNK).min(size.lots) {
            let id = Uuid::now_v7();
            let (product_id, unit) = product_units[rng.gen_range(0..product_units.len())];
            let quantity = rng.gen_range(1..=1000i64) * 1_000_000;
            let received = today - Duration::days(rng.gen_range(0..400));
            lot_ids.push(id);
            let location =
                (!boxes.is_empty() && i % 4 != 0).then(|| boxes[rng.gen_range(0..boxes.len())]);
            let label_code = codes.issue(Kind::Lot, id, &mut new_codes);
            rows.push(lots::ActiveModel::from(lots::Model {
                id,
                team_id: team,
                created_by: by,
                product_id,
                location_id: location,
                label_code,
                supplier_lot: Some(format!("SL{i:07}")),
                received_on: received,
                opened_on: None,
                expires_on: Some(received + Duration::days(rng.gen_range(30..900))),
                quantity,
                unit,
                status: LotStatus::InUse,
                created_at: now,
                updated_at: now,
            }));
            ledger.push(movements::ActiveModel::from(movements::Model {
                id: Uuid::now_v7(),
                lot_id: id,
                kind: MovementKind::Receive,
                delta: quantity,
                reason: Some(domain::ledger_reason::Reason::Received.stored()),
                person_id: by,
                at: now,
                entry_id: None,
            }));
        }
        insert(&txn, new_codes).await?;
        insert(&txn, rows).await?;
        insert(&txn, ledger).await?;
    }

    for start in (0..size.samples).step_by(CHUNK) {
        let (mut rows, mut new_codes, mut ledger) = (Vec::new(), Vec::new(), Vec::new());
        for i in start..(start + CHUNK).min(size.samples) {
            let id = Uuid::now_v7();
            let kind = SAMPLE_TYPES[i % SAMPLE_TYPES.len()];
            let quantity = rng.gen_range(1..=50i64) * 100_000;
            sample_ids.push(id);
            let location = (!boxes.is_empty()).then(|| boxes[rng.gen_range(0..boxes.len())]);
            let label_code = codes.issue(Kind::Sample, id, &mut new_codes);
            rows.push(samples::ActiveModel::from(samples::Model {
                id,
                team_id: team,
                created_by: by,
                label_code,
                name: format!("{kind} {}", i + 1),
                sample_type: Some(kind.to_lowercase()),
                location_id: location,
                quantity,
                unit: millilitre,
                status: SampleStatus::Available,
                created_at: now,
                updated_at: now,
            }));
            ledger.push(sample_movements::ActiveModel::from(
                sample_movements::Model {
                    id: Uuid::now_v7(),
                    sample_id: id,
                    kind: MovementKind::Receive,
                    delta: quantity,
                    reason: Some(domain::ledger_reason::Reason::Made.stored()),
                    person_id: by,
                    at: now,
                },
            ));
        }
        insert(&txn, new_codes).await?;
        insert(&txn, rows).await?;
        insert(&txn, ledger).await?;
    }

    for start in (0..size.instruments).step_by(CHUNK) {
        let (mut rows, mut new_codes) = (Vec::new(), Vec::new());
        for i in start..(start + CHUNK).min(size.instruments) {
            let id = Uuid::now_v7();
            instrument_ids.push(id);
            let label_code = codes.issue(Kind::Instrument, id, &mut new_codes);
            rows.push(instruments::ActiveModel::from(instruments::Model {
                id,
                team_id: team,
                created_by: by,
                label_code,
                name: format!("{} {}", INSTRUMENTS[i % INSTRUMENTS.len()], i + 1),
                model: Some(format!("M-{}", i % 17)),
                serial: Some(format!("SN{i:06}")),
                location_id: None,
                status: InstrumentStatus::Available,
                created_at: now,
                updated_at: now,
            }));
        }
        insert(&txn, new_codes).await?;
        insert(&txn, rows).await?;
    }
    let made = crate::dev::seed_entries::Made {
        team,
        person: person.id,
        lots: lot_ids,
        samples: sample_ids,
        instruments: instrument_ids,
    };
    crate::dev::seed_entries::seed(&txn, &made, size.entries, &mut rng).await?;
    txn.commit().await?;
    // Fresh statistics, or the planners guess (PostgreSQL then scans a million lots to
    // find one label code until autovacuum comes by).
    db.execute_unprepared("ANALYZE").await?;
    Ok(started.elapsed().as_secs_f64())
}
