//! The alerts dashboard: computed on demand from what the person may see.

use chrono::{Duration, Utc};
use domain::{
    alert::{Alerts, CalibrationDue, ExpiringLot, LowStock},
    instrument::{CalibrationState, InstrumentStatus},
    kind::Kind,
    lot::LotStatus,
    person::Person,
    quantity::{Quantity, Unit},
};
use sea_orm::{
    sea_query::Expr, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect,
};
use uuid::Uuid;

use crate::{
    accounts::permissions,
    entities::{lots, products},
    error::Result,
    inventory::instruments,
};

/// The most rows of each kind one answer holds (the oldest problems first).
const MAX_ROWS: u64 = 500;

pub async fn alerts(db: &DatabaseConnection, person: &Person, days: i64) -> Result<Alerts> {
    let today = Utc::now().date_naive();
    let horizon = today + Duration::days(days);
    let usable = [LotStatus::InUse.as_str(), LotStatus::Quarantined.as_str()];

    let mut expiring = lots::Entity::find()
        .filter(lots::Column::Status.is_in(usable))
        .filter(lots::Column::ExpiresOn.lte(horizon))
        .order_by_asc(lots::Column::ExpiresOn)
        .order_by_asc(lots::Column::Id)
        .limit(MAX_ROWS);
    if let Some(visible) =
        permissions::visible(person, Kind::Lot, lots::Column::Id, lots::Column::TeamId)
    {
        expiring = expiring.filter(visible);
    }
    let expiring = expiring.all(db).await?;
    let ids: Vec<Uuid> = expiring.iter().map(|l| l.product_id).collect();
    let names = crate::inventory::products::names(db, &ids).await?;
    let expiring_lots = expiring
        .into_iter()
        .filter_map(|l| {
            let expires_on = l.expires_on?;
            Some(ExpiringLot {
                lot_id: l.id,
                label_code: l.label_code,
                product_id: l.product_id,
                product_name: names.get(&l.product_id).cloned().unwrap_or_default(),
                expires_on,
                days_left: (expires_on - today).num_days(),
            })
        })
        .collect();

    Ok(Alerts {
        days,
        expiring_lots,
        low_stock: low_stock(db, person).await?,
        calibration: calibration(db, person, days).await?,
    })
}

/// Products with a reorder level whose lots in use hold less than it. Stock is summed in
/// stored steps, which are the same for every unit of a dimension.
async fn low_stock(db: &DatabaseConnection, person: &Person) -> Result<Vec<LowStock>> {
    let mut query = products::Entity::find()
        .filter(products::Column::ReorderLevel.is_not_null())
        .order_by_asc(products::Column::Name);
    if let Some(visible) = permissions::visible(
        person,
        Kind::Product,
        products::Column::Id,
        products::Column::TeamId,
    ) {
        query = query.filter(visible);
    }
    let watched = query.all(db).await?;
    let mut low = Vec::new();
    for chunk in watched.chunks(500) {
        let ids: Vec<Uuid> = chunk.iter().map(|p| p.id).collect();
        let mut stock = lots::Entity::find()
            .select_only()
            .column(lots::Column::ProductId)
            .column(lots::Column::Unit)
            // PostgreSQL sums a BIGINT as NUMERIC: cast back (totals fit, see `Quantity`).
            .column_as(Expr::cust("CAST(SUM(quantity) AS BIGINT)"), "total")
            .filter(lots::Column::ProductId.is_in(ids))
            .filter(lots::Column::Status.eq(LotStatus::InUse.as_str()))
            .group_by(lots::Column::ProductId)
            .group_by(lots::Column::Unit);
        if let Some(visible) =
            permissions::visible(person, Kind::Lot, lots::Column::Id, lots::Column::TeamId)
        {
            stock = stock.filter(visible);
        }
        let sums: Vec<(Uuid, String, Option<i64>)> = stock.into_tuple().all(db).await?;
        for p in chunk {
            let (Some(level), Some(unit)) = (
                p.reorder_level,
                p.reorder_unit
                    .as_deref()
                    .and_then(|u| Unit::parse("unit", u).ok()),
            ) else {
                continue;
            };
            let held: i64 = sums
                .iter()
                .filter(|(id, u, _)| {
                    *id == p.id
                        && Unit::parse("unit", u).is_ok_and(|u| u.dimension == unit.dimension)
                })
                .filter_map(|(_, _, total)| *total)
                .sum();
            if held < level {
                let value = |steps| {
                    Quantity {
                        steps,
                        dimension: unit.dimension,
                    }
                    .value_in(unit)
                };
                low.push(LowStock {
                    product_id: p.id,
                    product_name: p.name.clone(),
                    in_stock: value(held),
                    reorder_level: value(level),
                    unit: unit.symbol.to_owned(),
                });
            }
        }
    }
    Ok(low)
}

async fn calibration(
    db: &DatabaseConnection,
    person: &Person,
    days: i64,
) -> Result<Vec<CalibrationDue>> {
    let today = Utc::now().date_naive();
    let horizon = today + Duration::days(days);
    Ok(instruments::list_all(db, person)
        .await?
        .into_iter()
        .filter(|i| i.status != InstrumentStatus::OutOfService)
        .filter(|i| match i.calibration {
            CalibrationState::Lapsed => true,
            CalibrationState::Valid | CalibrationState::DueSoon => {
                i.calibrated_until.is_some_and(|end| end <= horizon)
            }
            CalibrationState::None => false,
        })
        .map(|i| CalibrationDue {
            instrument_id: i.id,
            label_code: i.label_code,
            name: i.name,
            state: i.calibration,
            calibrated_until: i.calibrated_until,
        })
        .collect())
}
