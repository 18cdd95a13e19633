//! The one search box: the same text looked up in every kind of thing the person may see
//! — product names, suppliers, CAS and catalogue numbers; lots by label code or supplier
//! lot number; sample, instrument and location names (full-text, each word a prefix);
//! serial numbers; any label code. Each kind goes through its own list, so each kind's
//! visibility rules and indexes apply unchanged.

use crate::{
    error::Result, inventory::instruments, inventory::locations, inventory::lots,
    inventory::products, inventory::samples,
};
use domain::{
    kind::Kind,
    page::{PageRequest, Sort},
    person::Person,
    search::Hit,
};
use labels::LabelCode;
use sea_orm::DatabaseConnection;

/// Hits per kind: a search box answers with the best few of each, not a full list.
pub const PER_KIND: u64 = 10;

/// Everything matching `q`, the thing whose label code it is first, then by kind.
pub async fn everything(db: &DatabaseConnection, person: &Person, q: &str) -> Result<Vec<Hit>> {
    let q = q.trim();
    if q.is_empty() {
        return Ok(Vec::new());
    }
    let page = PageRequest {
        limit: PER_KIND,
        after: None,
    };
    let text = Some(q.to_owned());
    let mut hits = Vec::new();

    let found = products::list(
        db,
        person,
        products::ProductQuery {
            q: text.clone(),
            ..Default::default()
        },
        page,
    )
    .await?;
    hits.extend(found.items.into_iter().map(|p| {
        Hit {
            kind: Kind::Product,
            id: p.id,
            label_code: None,
            name: p.name,
            details: [p.cas, p.supplier, p.catalog_number]
                .into_iter()
                .flatten()
                .collect(),
            exact: false,
        }
    }));

    let found = lots::list(
        db,
        person,
        lots::LotQuery {
            q: text.clone(),
            ..Default::default()
        },
        page,
    )
    .await?;
    let ids: Vec<uuid::Uuid> = found.items.iter().map(|l| l.product_id).collect();
    let names = products::names(db, &ids).await?;
    hits.extend(found.items.into_iter().map(|l| {
        Hit {
            kind: Kind::Lot,
            id: l.id,
            label_code: Some(l.label_code),
            name: names.get(&l.product_id).cloned().unwrap_or_default(),
            details: [
                l.supplier_lot,
                Some(format!("{} {}", l.quantity, l.unit)),
                l.expires_on.map(|d| d.to_string()),
            ]
            .into_iter()
            .flatten()
            .collect(),
            exact: false,
        }
    }));

    let found = samples::list(
        db,
        person,
        samples::SampleQuery {
            q: text.clone(),
            ..Default::default()
        },
        page,
    )
    .await?;
    hits.extend(found.items.into_iter().map(|s| {
        Hit {
            kind: Kind::Sample,
            id: s.id,
            label_code: Some(s.label_code),
            name: s.name,
            details: [s.sample_type, Some(format!("{} {}", s.quantity, s.unit))]
                .into_iter()
                .flatten()
                .collect(),
            exact: false,
        }
    }));

    let found = instruments::list(
        db,
        person,
        instruments::InstrumentQuery {
            q: text.clone(),
            ..Default::default()
        },
        page,
    )
    .await?;
    hits.extend(found.items.into_iter().map(|i| Hit {
        kind: Kind::Instrument,
        id: i.id,
        label_code: Some(i.label_code),
        name: i.name,
        details: [i.model, i.serial].into_iter().flatten().collect(),
        exact: false,
    }));

    let found = locations::list(db, person, Some(q), Sort::Created, page).await?;
    hits.extend(found.items.into_iter().map(|l| Hit {
        kind: Kind::Location,
        id: l.id,
        label_code: Some(l.label_code),
        name: l.name,
        details: Vec::new(),
        exact: false,
    }));

    if let Ok(code) = LabelCode::parse(q) {
        let code = code.to_string();
        for hit in &mut hits {
            hit.exact = hit.label_code.as_deref() == Some(code.as_str());
        }
        // Stable: the rest keep their kind order.
        hits.sort_by_key(|h| !h.exact);
    }
    Ok(hits)
}
