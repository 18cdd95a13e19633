//! Samples: listing, making and changing them here; their lineage (parents, aliquots) in
//! `lineage`, how they are shown in `view`, their place in the one stock ledger in
//! `stock`. Every change happens in one write
//! transaction (`write::begin`): a sample made from a parent takes the parent's quantity
//! in the same transaction, so a failed creation takes nothing and two people cannot
//! both take the last microlitre.

use std::collections::HashSet;

use chrono::{SubsecRound, Utc};
use domain::{
    access::{self, Access},
    ledger::{MovementKind, NewMovement},
    page::{Page, PageRequest, Sort},
    person::{parse_name, Person},
    quantity::{Quantity, Unit},
    sample::{NewSample, ParentRef, Sample, SampleMovement, SamplePatch, SampleStatus},
    DomainError, FieldError,
};
use sea_orm::{
    ColumnTrait, Condition, DatabaseConnection, DatabaseTransaction, EntityTrait, QueryFilter,
    QuerySelect,
};
use uuid::Uuid;

use crate::{
    accounts::permissions,
    accounts::teams,
    audit,
    entities::{sample_parents, samples},
    error::Result,
    fulltext::{self, Indexed},
    inventory::label_codes,
    inventory::ledger,
    inventory::locations,
    inventory::positions,
    inventory::samples::{
        lineage::{link, parent_field, parent_visible, take},
        rows::{find, visible, KIND},
        view::{with_parents, with_parents_all},
    },
    paging,
    text_fields::optional_text,
    write,
};

mod lineage;
mod rows;
mod stock;
mod view;

pub use lineage::{add_parent, aliquot};

/// What to list.
#[derive(Debug, Clone, Default)]
pub struct SampleQuery {
    /// A label code, or words of the name.
    pub q: Option<String>,
    /// Only those made from this sample or lot.
    pub derived_from: Option<Uuid>,
    pub location_id: Option<Uuid>,
    /// Only those kept in this location or any location inside it.
    pub within: Option<Uuid>,
    pub status: Option<String>,
    pub sort: Sort,
}

/// The orders the sample list offers.
pub const SORTS: [Sort; 2] = [Sort::Created, Sort::Name];

/// One page of the samples the person may see, in creation order.
pub async fn list(
    db: &DatabaseConnection,
    person: &Person,
    filter: SampleQuery,
    page: PageRequest,
) -> Result<Page<Sample>> {
    let mut query = paging::apply(
        samples::Entity::find(),
        filter.sort,
        samples::Column::Id,
        Some(samples::Column::Name),
        page.after,
    );
    if let Some(visible) = visible(person) {
        query = query.filter(visible);
    }
    if let Some(q) = fulltext::typed(filter.q.as_deref()) {
        let exact = Condition::any().add_option(fulltext::code(samples::Column::LabelCode, q));
        let backend = db.get_database_backend();
        query = query.filter(fulltext::search(backend, Indexed::Samples, q, exact));
    }
    if let Some(parent) = filter.derived_from {
        let children = sea_orm::sea_query::Query::select()
            .column(sample_parents::Column::ChildId)
            .from(sample_parents::Entity)
            .cond_where(
                Condition::any()
                    .add(sample_parents::Column::ParentSampleId.eq(parent))
                    .add(sample_parents::Column::ParentLotId.eq(parent)),
            )
            .to_owned();
        query = query.filter(samples::Column::Id.in_subquery(children));
    }
    if let Some(root) = filter.within {
        let places = locations::subtree(db, root).await?;
        query = query.filter(samples::Column::LocationId.is_in(places));
    }
    if let Some(place) = filter.location_id {
        query = query.filter(samples::Column::LocationId.eq(place));
    }
    if let Some(status) = fulltext::typed(filter.status.as_deref()) {
        query = query.filter(samples::Column::Status.eq(SampleStatus::parse(status)?.as_str()));
    }
    let rows = query.limit(page.limit + 1).all(db).await?;
    let page = Page::from_rows(rows, page, |r| r.id, |r| r);
    Ok(Page {
        items: with_parents_all(db, person, page.items).await?,
        next_cursor: page.next_cursor,
    })
}

pub async fn get(db: &DatabaseConnection, person: &Person, id: Uuid) -> Result<Sample> {
    let row = find(db, id).await?;
    permissions::require(db, person, &row, Access::Read).await?;
    with_parents(db, person, row).await
}

/// What `person` may do with one sample; "not found" when they may not see it.
pub async fn access(db: &DatabaseConnection, person: &Person, id: Uuid) -> Result<Access> {
    let row = find(db, id).await?;
    let have = permissions::of(db, person, &row).await?;
    access::require(have, Access::Read, KIND.as_str())?;
    Ok(have)
}

/// Makes a sample, from nothing or from parents (taking their quantity when asked).
pub async fn create(db: &DatabaseConnection, person: &Person, new: NewSample) -> Result<Sample> {
    let txn = write::begin(db).await?;
    let sample = create_in(&txn, person, new).await?;
    txn.commit().await?;
    Ok(sample)
}

/// Makes a sample inside the caller's write transaction (a notebook entry's output
/// sample is made with the entry's usage, all or nothing).
pub(crate) async fn create_in(
    txn: &DatabaseTransaction,
    person: &Person,
    new: NewSample,
) -> Result<Sample> {
    let mut errors: Vec<FieldError> = Vec::new();
    let name = parse_name("name", &new.name)
        .map_err(|e| errors.extend(e.field_errors().iter().cloned()))
        .ok();
    let sample_type = optional_text("type", new.sample_type.as_deref(), &mut errors);
    let quantity = Unit::parse("unit", &new.unit)
        .and_then(|unit| Ok((Quantity::positive("quantity", new.quantity, unit)?, unit)))
        .map_err(|e| errors.extend(e.field_errors().iter().cloned()))
        .ok();
    let parents: Vec<_> = new
        .parents
        .iter()
        .enumerate()
        .filter_map(|(i, p)| {
            p.check(&format!("parents[{i}]."))
                .map(|(target, relation)| (i, p, target, relation))
                .map_err(|e| errors.extend(e.field_errors().iter().cloned()))
                .ok()
        })
        .collect();
    let team = access::team_for_new(person, new.team_id);
    if let Err(DomainError::Validation(e)) = &team {
        errors.extend(e.iter().cloned());
    }

    if let Some(place) = new.location_id {
        errors.extend(locations::check_place(txn, person, "location_id", place).await?);
    }
    let mut seen = HashSet::new();
    for (i, _, target, _) in &parents {
        let id = match target {
            ParentRef::Sample(id) | ParentRef::Lot(id) => *id,
        };
        if !seen.insert(id) {
            errors.push(FieldError::new(
                format!("parents[{i}]"),
                "duplicate",
                "names a parent already given",
            ));
        } else if !parent_visible(txn, person, *target).await? {
            errors.push(FieldError::new(
                parent_field(*i, *target),
                "not_found",
                "no such sample or lot",
            ));
        }
    }
    if !errors.is_empty() {
        return Err(DomainError::Validation(errors).into());
    }
    let team_id = team?;
    let (Some(name), Some((quantity, unit))) = (name, quantity) else {
        return Err(DomainError::Validation(errors).into());
    };
    teams::check_team_id(txn, team_id).await?;

    let id = Uuid::now_v7();
    let code = label_codes::issue(txn, KIND, id).await?;
    let now = Utc::now().trunc_subsecs(6);
    let row = samples::Model {
        id,
        team_id,
        created_by: Some(person.id),
        label_code: code.to_string(),
        name,
        sample_type,
        location_id: new.location_id,
        quantity: quantity.steps,
        unit,
        status: SampleStatus::Available,
        created_at: now,
        updated_at: now,
    };
    samples::Entity::insert(samples::ActiveModel::from(row.clone()))
        .exec_without_returning(txn)
        .await?;
    positions::place(txn, KIND, id, new.location_id, new.position.as_deref()).await?;
    ledger::write_line::<samples::Model>(
        txn,
        person,
        id,
        unit,
        MovementKind::Receive,
        quantity.steps,
        Some(&domain::ledger_reason::Reason::Made.stored()),
    )
    .await?;
    let reason = format!("taken for sample {code}");
    for (i, p, target, relation) in &parents {
        link(txn, id, *target, *relation).await?;
        if let Some(amount) = p.quantity {
            take(txn, person, *target, amount, p.unit.clone(), &reason)
                .await
                .map_err(|e| e.prefixed(&format!("parents[{i}].")))?;
        }
    }
    let sample = with_parents(txn, person, row).await?;
    audit::record(
        txn,
        person,
        KIND.as_str(),
        "sample.create",
        id,
        None,
        &sample,
    )
    .await?;
    Ok(sample)
}

/// Renames, retypes or moves a sample.
pub async fn update(
    db: &DatabaseConnection,
    person: &Person,
    id: Uuid,
    patch: SamplePatch,
) -> Result<Sample> {
    let txn = write::begin(db).await?;
    let current = find(&txn, id).await?;
    permissions::require(&txn, person, &current, Access::Write).await?;
    let before = with_parents(&txn, person, current.clone()).await?;
    let mut errors = Vec::new();
    let mut updated = current;
    if let Some(raw) = patch.name.as_deref() {
        match parse_name("name", raw) {
            Ok(name) => updated.name = name,
            Err(e) => errors.extend(e.field_errors().iter().cloned()),
        }
    }
    if let Some(kind) = patch.sample_type {
        updated.sample_type = optional_text("type", kind.as_deref(), &mut errors);
    }
    if !errors.is_empty() {
        return Err(DomainError::Validation(errors).into());
    }
    let place = positions::relocate(
        &txn,
        person,
        KIND,
        id,
        updated.location_id,
        patch.location_id,
        patch.position,
    )
    .await?;
    if let Some(place) = &place {
        updated.location_id = place.location;
    }
    updated.updated_at = Utc::now().trunc_subsecs(6);
    write::replace(&txn, updated.clone()).await?;
    let unit = updated.unit;
    let after = with_parents(&txn, person, updated).await?;
    if let Some(place) = place
        .filter(|_| (after.location_id, &after.position) != (before.location_id, &before.position))
    {
        ledger::write_line::<samples::Model>(
            &txn,
            person,
            id,
            unit,
            MovementKind::Move,
            0,
            Some(&place.description),
        )
        .await?;
    }
    audit::commit(txn, person, KIND, "sample.update", id, Some(&before), after).await
}

/// Records a movement in a sample's ledger (`consume`, `adjust`, `dispose`, `receive`).
pub async fn move_stock(
    db: &DatabaseConnection,
    person: &Person,
    id: Uuid,
    new: NewMovement,
) -> Result<SampleMovement> {
    ledger::move_stock::<samples::Model>(db, person, id, &new).await
}

/// A sample's ledger, oldest first.
pub async fn movements(
    db: &DatabaseConnection,
    person: &Person,
    id: Uuid,
) -> Result<Vec<SampleMovement>> {
    ledger::lines::<samples::Model>(db, person, id).await
}
