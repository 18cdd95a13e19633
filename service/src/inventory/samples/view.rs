//! Samples as the API shows them: with their parents (restricted where the reader may
//! not see them) and their box positions.

use std::collections::HashMap;

use domain::{
    kind::Kind,
    person::Person,
    sample::{Parent, Sample},
};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use uuid::Uuid;

use crate::{
    accounts::permissions,
    entities::{lots, sample_parents, samples},
    error::{Result, ServiceError},
    inventory::positions,
    inventory::samples::rows::{visible, KIND},
};

/// The sample with its parents; parents the reader may not see are marked restricted.
pub(super) async fn with_parents(
    db: &impl ConnectionTrait,
    person: &Person,
    row: samples::Model,
) -> Result<Sample> {
    let mut one = with_parents_all(db, person, vec![row]).await?;
    Ok(one.remove(0))
}

/// Samples with their parents and positions, in a fixed number of queries whatever the
/// number of samples (a list page would otherwise cost several queries per sample).
pub(super) async fn with_parents_all(
    db: &impl ConnectionTrait,
    person: &Person,
    rows: Vec<samples::Model>,
) -> Result<Vec<Sample>> {
    let ids: Vec<Uuid> = rows.iter().map(|r| r.id).collect();
    let mut links: Vec<sample_parents::Model> = Vec::new();
    for chunk in ids.chunks(500) {
        links.extend(
            sample_parents::Entity::find()
                .filter(sample_parents::Column::ChildId.is_in(chunk.to_vec()))
                .order_by_asc(sample_parents::Column::Id)
                .all(db)
                .await?,
        );
    }
    // The parents the reader may see, described; the others stay restricted.
    let sample_ids: Vec<Uuid> = links.iter().filter_map(|l| l.parent_sample_id).collect();
    let lot_ids: Vec<Uuid> = links.iter().filter_map(|l| l.parent_lot_id).collect();
    let mut seen: HashMap<Uuid, (String, String)> = HashMap::new();
    for chunk in sample_ids.chunks(500) {
        let mut query = samples::Entity::find().filter(samples::Column::Id.is_in(chunk.to_vec()));
        if let Some(v) = visible(person) {
            query = query.filter(v);
        }
        for p in query.all(db).await? {
            seen.insert(p.id, (p.label_code, p.name));
        }
    }
    for chunk in lot_ids.chunks(500) {
        let mut query = lots::Entity::find().filter(lots::Column::Id.is_in(chunk.to_vec()));
        if let Some(v) =
            permissions::visible(person, Kind::Lot, lots::Column::Id, lots::Column::TeamId)
        {
            query = query.filter(v);
        }
        let found = query.all(db).await?;
        let product_ids: Vec<Uuid> = found.iter().map(|l| l.product_id).collect();
        let names = crate::inventory::products::names(db, &product_ids).await?;
        for l in found {
            let name = names.get(&l.product_id).cloned().unwrap_or_default();
            seen.insert(l.id, (l.label_code, name));
        }
    }
    let mut places = positions::of(db, KIND, &ids).await?;
    let mut shown = Vec::with_capacity(rows.len());
    for row in rows {
        let mut parents = Vec::new();
        for link in links.iter().filter(|l| l.child_id == row.id) {
            let relation = link.relation;
            // Each link names one parent (the table's check); one naming none is damaged.
            let (kind, id) = match (link.parent_sample_id, link.parent_lot_id) {
                (Some(id), _) => (Kind::Sample, id),
                (None, Some(id)) => (Kind::Lot, id),
                (None, None) => {
                    return Err(ServiceError::stored(
                        "sample_parents.parent",
                        link.id.to_string(),
                    ))
                }
            };
            parents.push(match seen.get(&id) {
                Some((code, name)) => Parent {
                    kind,
                    id: Some(id),
                    label_code: Some(code.clone()),
                    name: Some(name.clone()),
                    relation,
                    restricted: false,
                },
                None => Parent {
                    kind,
                    id: None,
                    label_code: None,
                    name: None,
                    relation,
                    restricted: true,
                },
            });
        }
        let position = places.remove(&row.id);
        shown.push(Sample {
            position,
            ..into_dto(row, parents)
        });
    }
    Ok(shown)
}

pub(super) fn into_dto(m: samples::Model, parents: Vec<Parent>) -> Sample {
    Sample {
        id: m.id,
        team_id: m.team_id,
        created_by: m.created_by,
        label_code: m.label_code,
        name: m.name,
        sample_type: m.sample_type,
        location_id: m.location_id,
        position: None,
        quantity: m.unit.value_of(m.quantity),
        unit: m.unit.symbol.to_owned(),
        status: m.status,
        parents,
        created_at: m.created_at,
        updated_at: m.updated_at,
    }
}
