//! `paillasse dev bench`: the inventory's hot paths timed at the service layer (what a
//! request costs the server, without HTTP), on a dataset made by `dev seed`.

use std::time::Instant;

use domain::page::PageRequest;
use rand::{rngs::StdRng, seq::SliceRandom, SeedableRng};
use sea_orm::{DatabaseConnection, EntityTrait, QuerySelect};

use crate::{
    entities::{lots, products},
    error::Result,
    people, samples,
    seed::SEED_EMAIL,
};
use domain::DomainError;

/// Median and 99th percentile of one measure, in milliseconds.
#[derive(Debug, Clone)]
pub struct Timing {
    pub name: &'static str,
    pub median_ms: f64,
    pub p99_ms: f64,
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
        let found = crate::lots::list(
            db,
            &person,
            crate::lots::LotQuery {
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
        crate::lots::list(
            db,
            &person,
            crate::lots::LotQuery {
                product_id: Some(product),
                ..Default::default()
            },
            page("50")?,
        )
        .await?;
        filtered.push(started.elapsed());
    }

    Ok(vec![
        timing("lot by label code", by_code),
        timing("sample name search", by_name),
        timing("lots of a product, first page of 50", filtered),
    ])
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
    }
}
