//! Usages as an entry shows them: each thing named for who may see it, restricted for
//! the others, with the amount its ledger line took.

use std::collections::HashMap;

use domain::{
    access::Access,
    entry::{Usage, UsageKind},
    person::Person,
    quantity::Unit,
};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use uuid::Uuid;

use crate::{
    accounts::permissions,
    entities::{
        entry_usages, instruments as instrument_rows, lots as lot_rows, movements, products,
        samples as sample_rows,
    },
    error::Result,
    notebook::protocols,
    ServiceError,
};

/// Rows as shown: each thing named for who may see it, `restricted` for the others.
pub(super) async fn shown(
    db: &impl ConnectionTrait,
    person: &Person,
    rows: Vec<entry_usages::Model>,
) -> Result<Vec<Usage>> {
    let mut out = Vec::with_capacity(rows.len());
    let consumed: HashMap<Uuid, i64> = {
        let ids: Vec<Uuid> = rows.iter().filter_map(|r| r.movement_id).collect();
        if ids.is_empty() {
            HashMap::new()
        } else {
            movements::Entity::find()
                .filter(movements::Column::Id.is_in(ids))
                .all(db)
                .await?
                .into_iter()
                .map(|m| (m.id, m.delta))
                .collect()
        }
    };
    for r in rows {
        let kind = r.kind;
        // Every usage names one thing (the table's check); a row naming none is damaged.
        let thing_id = r
            .lot_id
            .or(r.sample_id)
            .or(r.instrument_id)
            .or(r.protocol_version_id)
            .ok_or_else(|| ServiceError::stored("entry_usages.thing", r.id.to_string()))?;
        let mut usage = Usage {
            id: r.id,
            kind,
            thing_id,
            label_code: None,
            name: None,
            restricted: true,
            supplier_lot: None,
            expires_on: None,
            quantity: None,
            unit: None,
            started_at: r.started_at,
            ended_at: r.ended_at,
            warning: r.warning.clone(),
            notices: match r.warnings.as_deref() {
                None => Vec::new(),
                // Written by `add` only: anything else is a damaged row, not "no warning".
                Some(stored) => serde_json::from_str(stored).map_err(|e| {
                    ServiceError::Db(sea_orm::DbErr::Custom(format!(
                        "usage {}: unreadable warnings: {e}",
                        r.id
                    )))
                })?,
            },
            calibration: None,
            calibrated_until: None,
            created_at: r.created_at,
        };
        match kind {
            UsageKind::Lot => {
                if let Some(lot) = lot_rows::Entity::find_by_id(usage.thing_id).one(db).await? {
                    let unit = Some(lot.unit);
                    if let (Some(delta), Some(unit)) =
                        (r.movement_id.and_then(|m| consumed.get(&m)), unit)
                    {
                        // In the unit it reads best in, not the lot's: 20 mL of a 1 L
                        // bottle is 20 mL.
                        let shown = Unit::readable(-*delta, unit.dimension);
                        usage.quantity = Some(shown.value_of(-*delta));
                        usage.unit = Some(shown.symbol.to_owned());
                    }
                    let level = permissions::of(db, person, &lot).await?;
                    if level >= Access::Read {
                        let product = products::Entity::find_by_id(lot.product_id).one(db).await?;
                        usage.restricted = false;
                        usage.label_code = Some(lot.label_code);
                        usage.name = product.map(|p| p.name);
                        usage.supplier_lot = lot.supplier_lot;
                        usage.expires_on = lot.expires_on;
                    }
                }
            }
            UsageKind::SampleInput | UsageKind::SampleOutput => {
                if let Some(s) = sample_rows::Entity::find_by_id(usage.thing_id)
                    .one(db)
                    .await?
                {
                    let level = permissions::of(db, person, &s).await?;
                    if level >= Access::Read {
                        usage.restricted = false;
                        usage.label_code = Some(s.label_code);
                        usage.name = Some(s.name);
                    }
                }
            }
            UsageKind::Protocol => {
                if let Some(name) = protocols::version_name(db, person, usage.thing_id).await? {
                    usage.restricted = false;
                    usage.name = Some(name);
                }
            }
            UsageKind::Instrument => {
                if let Some(i) = instrument_rows::Entity::find_by_id(usage.thing_id)
                    .one(db)
                    .await?
                {
                    let level = permissions::of(db, person, &i).await?;
                    if level >= Access::Read {
                        usage.restricted = false;
                        usage.label_code = Some(i.label_code);
                        usage.name = Some(i.name);
                        if let (Some(from), Some(to)) = (usage.started_at, usage.ended_at) {
                            let (state, until) =
                                crate::inventory::instruments::calibration_over(db, i.id, from, to)
                                    .await?;
                            usage.calibration = Some(state);
                            usage.calibrated_until = until;
                        }
                    }
                }
            }
        }
        out.push(usage);
    }
    Ok(out)
}
