//! Samples, their lineage and their stock ledger. Every change happens in one write
//! transaction (`write::begin`): a sample made from a parent takes the parent's quantity
//! in the same transaction, so a failed creation takes nothing and two people cannot
//! both take the last microlitre.

use std::collections::{HashMap, HashSet};

use chrono::{SubsecRound, Utc};
use domain::{
    access::{self, Access},
    kind::Kind,
    ledger::{MovementKind, NewMovement, Stock},
    page::{Page, PageRequest, Sort},
    person::{parse_name, Person},
    quantity::{Quantity, Unit},
    sample::{
        aliquot_name, check_no_cycle, Derivation, NewAliquots, NewParent, NewSample, Parent,
        ParentRef, Sample, SampleMovement, SamplePatch, SampleStatus,
    },
    trace::NodeKind,
    DomainError, FieldError,
};
use labels::LabelCode;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DatabaseConnection,
    DatabaseTransaction, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
};
use uuid::Uuid;

use crate::{
    accounts::permissions,
    accounts::teams,
    audit,
    entities::{lots, sample_movements, sample_parents, samples},
    error::Result,
    fulltext::{self, Indexed},
    inventory::label_codes,
    inventory::ledger::{self, Holder, Line},
    inventory::locations,
    inventory::positions,
    paging,
    text_fields::optional_text,
    write,
};

const KIND: Kind = Kind::Sample;

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
    if let Some(q) = filter.q.as_deref().map(str::trim).filter(|q| !q.is_empty()) {
        let mut cond = Condition::any();
        if let Some(words) = fulltext::words(db.get_database_backend(), Indexed::Samples, q) {
            cond = cond.add(words);
        }
        if let Ok(code) = LabelCode::parse(q) {
            cond = cond.add(samples::Column::LabelCode.eq(code.to_string()));
        }
        // Nothing searchable typed (only punctuation): nothing matches.
        query = query.filter(if cond.is_empty() {
            Condition::all().add(fulltext::nothing())
        } else {
            cond
        });
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
    if let Some(status) = filter.status.as_deref().filter(|s| !s.trim().is_empty()) {
        query = query.filter(samples::Column::Status.eq(SampleStatus::parse(status)?.as_str()));
    }
    let rows = query.limit(page.limit + 1).all(db).await?;
    let page = Page::from_rows(rows, page, |r| r.id, |r| r);
    Ok(Page {
        items: describe(db, person, page.items).await?,
        next_cursor: page.next_cursor,
    })
}

pub async fn get(db: &DatabaseConnection, person: &Person, id: Uuid) -> Result<Sample> {
    let row = find(db, id).await?;
    access::require(
        access_to(db, person, &row).await?,
        Access::Read,
        KIND.as_str(),
    )?;
    with_parents(db, person, row).await
}

/// What `person` may do with one sample; "not found" when they may not see it.
pub async fn access(db: &DatabaseConnection, person: &Person, id: Uuid) -> Result<Access> {
    let row = find(db, id).await?;
    let have = access_to(db, person, &row).await?;
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
        Some("made"),
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
    access::require(
        access_to(&txn, person, &row).await?,
        Access::Write,
        KIND.as_str(),
    )?;
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
        let reason = format!("taken for sample {}", row.label_code);
        take(&txn, person, target, amount, new.unit.clone(), &reason).await?;
    }
    let after = with_parents(&txn, person, row).await?;
    audit::record(
        &txn,
        person,
        KIND.as_str(),
        "sample.add_parent",
        id,
        Some(&before),
        &after,
    )
    .await?;
    txn.commit().await?;
    Ok(after)
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
    access::require(
        access_to(&txn, person, &parent).await?,
        Access::Write,
        KIND.as_str(),
    )?;
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
            Some("aliquoted"),
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

/// Renames, retypes or moves a sample.
pub async fn update(
    db: &DatabaseConnection,
    person: &Person,
    id: Uuid,
    patch: SamplePatch,
) -> Result<Sample> {
    let txn = write::begin(db).await?;
    let current = find(&txn, id).await?;
    access::require(
        access_to(&txn, person, &current).await?,
        Access::Write,
        KIND.as_str(),
    )?;
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
    samples::Entity::update(samples::ActiveModel::from(updated.clone()).reset_all())
        .exec(&txn)
        .await?;
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
    audit::record(
        &txn,
        person,
        KIND.as_str(),
        "sample.update",
        id,
        Some(&before),
        &after,
    )
    .await?;
    txn.commit().await?;
    Ok(after)
}

/// Records a movement in a sample's ledger (`consume`, `adjust`, `dispose`, `receive`).
pub async fn move_stock(
    db: &DatabaseConnection,
    person: &Person,
    id: Uuid,
    new: NewMovement,
) -> Result<SampleMovement> {
    let txn = write::begin(db).await?;
    let movement = ledger::record::<samples::Model>(&txn, person, id, &new, None).await?;
    txn.commit().await?;
    Ok(movement)
}

/// A sample's ledger, oldest first.
pub async fn movements(
    db: &DatabaseConnection,
    person: &Person,
    id: Uuid,
) -> Result<Vec<SampleMovement>> {
    ledger::lines::<samples::Model>(db, person, id).await
}

/// Takes from a parent sample or lot (its own ledger records it).
async fn take(
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

async fn link(
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

async fn parent_visible(
    db: &impl ConnectionTrait,
    person: &Person,
    target: ParentRef,
) -> Result<bool> {
    Ok(match target {
        ParentRef::Sample(id) => match samples::Entity::find_by_id(id).one(db).await? {
            Some(row) => access_to(db, person, &row).await? >= Access::Read,
            None => false,
        },
        ParentRef::Lot(id) => match lots::Entity::find_by_id(id).one(db).await? {
            Some(row) => {
                permissions::level(db, person, Kind::Lot, row.id, row.team_id, row.created_by)
                    .await?
                    >= Access::Read
            }
            None => false,
        },
    })
}

fn parent_id(target: ParentRef) -> Uuid {
    match target {
        ParentRef::Sample(id) | ParentRef::Lot(id) => id,
    }
}

fn parent_field_bare(target: ParentRef) -> &'static str {
    match target {
        ParentRef::Sample(_) => "sample_id",
        ParentRef::Lot(_) => "lot_id",
    }
}

fn parent_field(i: usize, target: ParentRef) -> String {
    format!("parents[{i}].{}", parent_field_bare(target))
}

/// The sample with its parents; parents the reader may not see are marked restricted.
async fn with_parents(
    db: &impl ConnectionTrait,
    person: &Person,
    row: samples::Model,
) -> Result<Sample> {
    let mut one = describe(db, person, vec![row]).await?;
    Ok(one.remove(0))
}

/// Samples with their parents and positions, in a fixed number of queries whatever the
/// number of samples (a list page would otherwise cost several queries per sample).
async fn describe(
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
        let names: HashMap<Uuid, String> = crate::entities::products::Entity::find()
            .filter(crate::entities::products::Column::Id.is_in(product_ids))
            .all(db)
            .await?
            .into_iter()
            .map(|p| (p.id, p.name))
            .collect();
        for l in found {
            let name = names.get(&l.product_id).cloned().unwrap_or_default();
            seen.insert(l.id, (l.label_code, name));
        }
    }
    let mut places = positions::of(db, KIND, &ids).await?;
    Ok(rows
        .into_iter()
        .map(|row| {
            let parents = links
                .iter()
                .filter(|l| l.child_id == row.id)
                .map(|link| {
                    let relation = link.relation;
                    let (kind, id) = match (link.parent_sample_id, link.parent_lot_id) {
                        (Some(id), _) => (Kind::Sample, id),
                        (None, Some(id)) => (Kind::Lot, id),
                        (None, None) => (Kind::Sample, Uuid::nil()),
                    };
                    match seen.get(&id) {
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
                    }
                })
                .collect();
            let position = places.remove(&row.id);
            Sample {
                position,
                ..into_dto(row, parents)
            }
        })
        .collect())
}

fn visible(person: &Person) -> Option<Condition> {
    permissions::visible(person, KIND, samples::Column::Id, samples::Column::TeamId)
}

async fn find(db: &impl ConnectionTrait, id: Uuid) -> Result<samples::Model> {
    Ok(samples::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or_else(|| KIND.not_found())?)
}

async fn access_to(
    db: &impl ConnectionTrait,
    person: &Person,
    row: &samples::Model,
) -> Result<Access> {
    permissions::level(db, person, KIND, row.id, row.team_id, row.created_by).await
}

/// A sample in the one stock ledger: its lines are in `sample_movements`.
impl Holder for samples::Model {
    const KIND: Kind = KIND;
    type Status = SampleStatus;
    type Shown = SampleMovement;
    type View = Sample;

    async fn find(db: &impl ConnectionTrait, id: Uuid) -> Result<Self> {
        find(db, id).await
    }

    fn owner(&self) -> (Uuid, Uuid, Option<Uuid>) {
        (self.id, self.team_id, self.created_by)
    }

    fn stock(&self) -> Stock<SampleStatus> {
        Stock {
            left: self.quantity,
            unit: self.unit,
            status: self.status,
        }
    }

    async fn save(self, db: &impl ConnectionTrait, stock: Stock<SampleStatus>) -> Result<Self> {
        let updated = samples::Model {
            quantity: stock.left,
            status: stock.status,
            updated_at: Utc::now().trunc_subsecs(6),
            ..self
        };
        samples::Entity::update(samples::ActiveModel::from(updated.clone()).reset_all())
            .exec(db)
            .await?;
        Ok(updated)
    }

    async fn view(&self, db: &impl ConnectionTrait, person: &Person) -> Result<Sample> {
        with_parents(db, person, self.clone()).await
    }

    async fn insert_line(db: &impl ConnectionTrait, line: &Line) -> Result<()> {
        let model = sample_movements::Model {
            id: line.id,
            sample_id: line.holder,
            kind: line.kind,
            delta: line.delta,
            reason: line.reason.clone(),
            person_id: line.person_id,
            at: line.at,
        };
        sample_movements::Entity::insert(sample_movements::ActiveModel::from(model))
            .exec_without_returning(db)
            .await?;
        Ok(())
    }

    async fn find_line(db: &impl ConnectionTrait, id: Uuid) -> Result<Option<Line>> {
        Ok(sample_movements::Entity::find_by_id(id)
            .one(db)
            .await?
            .map(line))
    }

    async fn lines_of(db: &impl ConnectionTrait, id: Uuid) -> Result<Vec<Line>> {
        Ok(sample_movements::Entity::find()
            .filter(sample_movements::Column::SampleId.eq(id))
            .order_by_asc(sample_movements::Column::Id)
            .all(db)
            .await?
            .into_iter()
            .map(line)
            .collect())
    }

    fn show(line: Line, unit: Unit) -> SampleMovement {
        SampleMovement {
            id: line.id,
            sample_id: line.holder,
            kind: line.kind,
            change: unit.value_of(line.delta),
            unit: unit.symbol.to_owned(),
            reason: line.reason,
            by: line.person_id,
            at: line.at,
        }
    }
}

fn line(m: sample_movements::Model) -> Line {
    Line {
        id: m.id,
        holder: m.sample_id,
        kind: m.kind,
        delta: m.delta,
        reason: m.reason,
        person_id: m.person_id,
        at: m.at,
        entry_id: None,
    }
}

fn into_dto(m: samples::Model, parents: Vec<Parent>) -> Sample {
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
