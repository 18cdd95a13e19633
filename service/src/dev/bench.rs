//! `paillasse dev bench`: the inventory's hot paths timed at the service layer (what a
//! request costs the server, without HTTP), on a dataset made by `dev seed`.

use std::time::Instant;

use domain::{entry::UsageKind, page::PageRequest};
use rand::{rngs::StdRng, seq::SliceRandom, SeedableRng};
use sea_orm::{
    ColumnTrait, DatabaseConnection, EntityTrait, Order, QueryFilter, QueryOrder, QuerySelect,
};

use crate::{
    accounts::people,
    dev::seed::SEED_EMAIL,
    entities::{entry_usages, lots, products},
    error::Result,
    inventory::samples,
};
use domain::DomainError;

/// Median and 99th percentile of one measure, in milliseconds.
#[derive(Debug, Clone)]
pub struct Timing {
    pub name: &'static str,
    pub median_ms: f64,
    pub p99_ms: f64,
    /// What one run returned, e.g. the size of a trace.
    pub detail: String,
}

pub async fn bench(db: &DatabaseConnection, iterations: usize) -> Result<Vec<Timing>> {
    let person = people::find_by_email(db, SEED_EMAIL)
        .await?
        .ok_or_else(|| DomainError::not_found("seeded person (run `paillasse dev seed` first)"))?;
    let mut rng = StdRng::seed_from_u64(7);
    let mut codes: Vec<String> = lots::Entity::find()
        .select_only()
        .column(lots::Column::LabelCode)
        .limit(5000)
        .into_tuple()
        .all(db)
        .await?;
    codes.shuffle(&mut rng);
    let product_ids: Vec<uuid::Uuid> = products::Entity::find()
        .select_only()
        .column(products::Column::Id)
        .limit(5000)
        .into_tuple()
        .all(db)
        .await?;
    let page = |limit: &str| PageRequest::parse(Some(limit), None);

    let mut by_code = Vec::with_capacity(iterations);
    for i in 0..iterations {
        let code = &codes[i % codes.len().max(1)];
        let started = Instant::now();
        let found = crate::inventory::lots::list(
            db,
            &person,
            crate::inventory::lots::LotQuery {
                q: Some(code.clone()),
                ..Default::default()
            },
            page("1")?,
        )
        .await?;
        by_code.push(started.elapsed());
        if found.items.len() != 1 {
            return Err(DomainError::not_found(format!("lot {code}")).into());
        }
    }

    let mut by_name = Vec::with_capacity(iterations);
    for i in 0..iterations {
        let q = format!("Plasma {}", 1 + (i * 7919) % 5000);
        let filter = samples::SampleQuery {
            q: Some(q),
            ..Default::default()
        };
        let started = Instant::now();
        samples::list(db, &person, filter, page("50")?).await?;
        by_name.push(started.elapsed());
    }

    let mut filtered = Vec::with_capacity(iterations);
    for i in 0..iterations {
        let product = product_ids[(i * 31) % product_ids.len().max(1)];
        let started = Instant::now();
        crate::inventory::lots::list(
            db,
            &person,
            crate::inventory::lots::LotQuery {
                product_id: Some(product),
                ..Default::default()
            },
            page("50")?,
        )
        .await?;
        filtered.push(started.elapsed());
    }

    let mut out = vec![
        timing("lot by label code", by_code),
        timing("sample name search", by_name),
        timing("lots of a product, first page of 50", filtered),
    ];
    out.extend(traces(db, &person, iterations, &mut rng).await?);
    Ok(out)
}

/// Traces on the seeded lineages (`seed_entries`): backward from samples of the last
/// generation, forward from lots used in the first one, and forward from the hot lot.
async fn traces(
    db: &DatabaseConnection,
    person: &domain::person::Person,
    iterations: usize,
    rng: &mut StdRng,
) -> Result<Vec<Timing>> {
    use domain::trace::{NodeKind, TraceQuery};
    let outputs = used(db, UsageKind::SampleOutput, Order::Desc, 5000).await?;
    let mut first_lots = used(db, UsageKind::Lot, Order::Asc, 5000).await?;
    if outputs.is_empty() || first_lots.is_empty() {
        return Ok(vec![]);
    }
    first_lots.shuffle(rng);
    // The hot lot: the one the last generation's entries use most (its ~83,000 entries
    // take about 260,000 lots).
    let mut uses: std::collections::HashMap<uuid::Uuid, usize> = std::collections::HashMap::new();
    for lot in used(db, UsageKind::Lot, Order::Desc, 400_000).await? {
        *uses.entry(lot).or_default() += 1;
    }
    let hot = uses.into_iter().max_by_key(|(_, n)| *n).map(|(lot, _)| lot);
    let backward = TraceQuery::parse(Some("backward"), None, None, None)?;
    let forward = TraceQuery::parse(Some("forward"), None, None, None)?;
    let mut runs = Vec::new();
    for (name, kind, starts, query, count) in [
        (
            "trace backward, sample of the last generation",
            NodeKind::Sample,
            outputs,
            backward,
            iterations,
        ),
        (
            "trace forward, lot used in the first generation",
            NodeKind::Lot,
            first_lots,
            forward,
            iterations,
        ),
        (
            "trace forward, the hot lot (worst case)",
            NodeKind::Lot,
            hot.into_iter().collect(),
            forward,
            5.min(iterations),
        ),
    ] {
        let mut times = Vec::with_capacity(count);
        let mut sizes = Vec::with_capacity(count);
        for i in 0..count {
            let start = starts[i % starts.len()];
            let started = Instant::now();
            let trace = crate::trace::trace(db, person, kind, start, query).await?;
            times.push(started.elapsed());
            sizes.push(trace.nodes.len());
        }
        sizes.sort();
        let mut t = timing(name, times);
        t.detail = format!(
            "nodes: median {}, max {}",
            sizes[sizes.len() / 2],
            sizes.last().copied().unwrap_or(0)
        );
        runs.push(t);
    }
    Ok(runs)
}

fn timing(name: &'static str, mut samples: Vec<std::time::Duration>) -> Timing {
    samples.sort();
    let at = |q: f64| {
        let i = ((samples.len() as f64 - 1.0) * q).round() as usize;
        samples
            .get(i)
            .map(|d| d.as_secs_f64() * 1000.0)
            .unwrap_or(0.0)
    };
    Timing {
        name,
        median_ms: at(0.5),
        p99_ms: at(0.99),
        detail: String::new(),
    }
}

/// The samples or lots used by the first (`Asc`) or last (`Desc`) `limit` usages of `kind`.
async fn used(
    db: &DatabaseConnection,
    kind: UsageKind,
    order: Order,
    limit: u64,
) -> Result<Vec<uuid::Uuid>> {
    let column = match kind {
        UsageKind::Lot => entry_usages::Column::LotId,
        _ => entry_usages::Column::SampleId,
    };
    Ok(entry_usages::Entity::find()
        .select_only()
        .column(column)
        .filter(entry_usages::Column::Kind.eq(kind))
        .order_by(entry_usages::Column::Id, order)
        .limit(limit)
        .into_tuple::<Option<uuid::Uuid>>()
        .all(db)
        .await?
        .into_iter()
        .flatten()
        .collect())
}
