//! A sample's lineage: the parents it was made from (taking their quantity when asked)
//! and the aliquots it is split into.

use chrono::{SubsecRound, Utc};
use domain::{
    access::Access,
    ledger::MovementKind,
    person::Person,
    quantity::{Quantity, Unit},
    sample::{
        aliquot_name, check_no_cycle, Derivation, NewAliquots, NewParent, ParentRef, Sample,
        SampleStatus,
    },
    trace::NodeKind,
    DomainError,
};
use sea_orm::{ConnectionTrait, DatabaseConnection, EntityTrait};
use uuid::Uuid;

use crate::{
    accounts::permissions,
    audit,
    entities::{lots, sample_parents, samples},
    error::Result,
    inventory::label_codes,
    inventory::ledger::{self},
    inventory::locations,
    inventory::samples::{
        rows::{find, KIND},
        view::with_parents,
    },
    write,
};

/// Adds a parent to an existing sample; a parent that descends from it is refused.
pub async fn add_parent(
    db: &DatabaseConnection,
    person: &Person,
    id: Uuid,
    new: NewParent,
) -> Result<Sample> {
    let (target, relation) = new.check("")?;
    let txn = write::begin(db).await?;
    let row = find(&txn, id).await?;
    permissions::require(&txn, person, &row, Access::Write).await?;
    if !parent_visible(&txn, person, target).await? {
        return Err(DomainError::invalid(
            parent_field_bare(target),
            "not_found",
            "no such sample or lot",
        )
        .into());
    }
    if let ParentRef::Sample(parent) = target {
        // Everything upstream of the new parent, through entries as well as lineage.
        let ancestors = crate::walk::upstream(&txn, (NodeKind::Sample, parent)).await?;
        check_no_cycle("sample_id", id, parent, &ancestors)?;
    }
    let before = with_parents(&txn, person, row.clone()).await?;
    if before
        .parents
        .iter()
        .any(|p| p.id == Some(parent_id(target)))
    {
        return Err(DomainError::conflict("sample_id", "duplicate", "is already a parent").into());
    }
    link(&txn, id, target, relation).await?;
    if let Some(amount) = new.quantity {
        let reason = domain::ledger_reason::Reason::TakenFor {
            sample: row.label_code.clone(),
        }
        .stored();
        take(&txn, person, target, amount, new.unit.clone(), &reason).await?;
    }
    let after = with_parents(&txn, person, row).await?;
    audit::commit(
        txn,
        person,
        KIND,
        "sample.add_parent",
        id,
        Some(&before),
        after,
    )
    .await
}

/// Splits a sample into `count` aliquots of `quantity` each, in one transaction: all or
/// nothing, and refused (409) when the sample does not hold enough.
pub async fn aliquot(
    db: &DatabaseConnection,
    person: &Person,
    id: Uuid,
    new: NewAliquots,
) -> Result<Vec<Sample>> {
    let count = new.check_count()?;
    let txn = write::begin(db).await?;
    let parent = find(&txn, id).await?;
    permissions::require(&txn, person, &parent, Access::Write).await?;
    let parent_unit = parent.unit;
    let unit = match new.unit.as_deref() {
        Some(raw) => {
            let u = Unit::parse("unit", raw)?;
            Quantity::same_dimension("unit", parent_unit.dimension, u)?;
            u
        }
        None => parent_unit,
    };
    let each = Quantity::positive("quantity", new.quantity, unit)?;
    if let Some(place) = new.location_id {
        if let Some(e) = locations::check_place(&txn, person, "location_id", place).await? {
            return Err(DomainError::Validation(vec![e]).into());
        }
    }
    // Taken from the parent in one movement, in the parent's unit.
    let total = each.value_in(parent_unit) * f64::from(count);
    take(
        &txn,
        person,
        ParentRef::Sample(id),
        total,
        Some(parent_unit.symbol.to_owned()),
        &format!("{count} aliquots"),
    )
    .await?;
    let mut made = Vec::with_capacity(count as usize);
    let now = Utc::now().trunc_subsecs(6);
    for n in 1..=count {
        let child = Uuid::now_v7();
        let code = label_codes::issue(&txn, KIND, child).await?;
        let row = samples::Model {
            id: child,
            team_id: parent.team_id,
            created_by: Some(person.id),
            label_code: code.to_string(),
            name: aliquot_name(&parent.name, n),
            sample_type: parent.sample_type.clone(),
            location_id: new.location_id.or(parent.location_id),
            quantity: each.steps,
            unit,
            status: SampleStatus::Available,
            created_at: now,
            updated_at: now,
        };
        samples::Entity::insert(samples::ActiveModel::from(row.clone()))
            .exec_without_returning(&txn)
            .await?;
        ledger::write_line::<samples::Model>(
            &txn,
            person,
            child,
            unit,
            MovementKind::Receive,
            each.steps,
            Some(&domain::ledger_reason::Reason::Aliquoted.stored()),
        )
        .await?;
        link(&txn, child, ParentRef::Sample(id), Derivation::Aliquot).await?;
        let sample = with_parents(&txn, person, row).await?;
        audit::record(
            &txn,
            person,
            KIND.as_str(),
            "sample.create",
            child,
            None,
            &sample,
        )
        .await?;
        made.push(sample);
    }
    txn.commit().await?;
    Ok(made)
}

/// Takes from a parent sample or lot (its own ledger records it).
pub(super) async fn take(
    txn: &impl ConnectionTrait,
    person: &Person,
    target: ParentRef,
    quantity: f64,
    unit: Option<String>,
    reason: &str,
) -> Result<()> {
    match target {
        ParentRef::Lot(lot) => {
            ledger::take::<lots::Model>(txn, person, lot, quantity, unit, reason, None).await?;
        }
        ParentRef::Sample(sample) => {
            ledger::take::<samples::Model>(txn, person, sample, quantity, unit, reason, None)
                .await?;
        }
    }
    Ok(())
}

pub(super) async fn link(
    txn: &impl ConnectionTrait,
    child: Uuid,
    target: ParentRef,
    relation: Derivation,
) -> Result<()> {
    let (sample, lot) = match target {
        ParentRef::Sample(s) => (Some(s), None),
        ParentRef::Lot(l) => (None, Some(l)),
    };
    sample_parents::Entity::insert(sample_parents::ActiveModel::from(sample_parents::Model {
        id: Uuid::now_v7(),
        child_id: child,
        parent_sample_id: sample,
        parent_lot_id: lot,
        relation,
        created_at: Utc::now().trunc_subsecs(6),
    }))
    .exec_without_returning(txn)
    .await?;
    Ok(())
}

pub(super) async fn parent_visible(
    db: &impl ConnectionTrait,
    person: &Person,
    target: ParentRef,
) -> Result<bool> {
    Ok(match target {
        ParentRef::Sample(id) => match samples::Entity::find_by_id(id).one(db).await? {
            Some(row) => permissions::of(db, person, &row).await? >= Access::Read,
            None => false,
        },
        ParentRef::Lot(id) => match lots::Entity::find_by_id(id).one(db).await? {
            Some(row) => permissions::of(db, person, &row).await? >= Access::Read,
            None => false,
        },
    })
}

pub(super) fn parent_id(target: ParentRef) -> Uuid {
    match target {
        ParentRef::Sample(id) | ParentRef::Lot(id) => id,
    }
}

pub(super) fn parent_field_bare(target: ParentRef) -> &'static str {
    match target {
        ParentRef::Sample(_) => "sample_id",
        ParentRef::Lot(_) => "lot_id",
    }
}

pub(super) fn parent_field(i: usize, target: ParentRef) -> String {
    format!("parents[{i}].{}", parent_field_bare(target))
}
