//! Lots and their stock ledger. A movement and the lot's cached quantity change in one
//! write transaction, which holds the installation-wide write lock (`write::begin`): two
//! people consuming at the same moment are served one after the other, so the second
//! sees what the first left and cannot over-draw.

use chrono::{NaiveDate, SubsecRound, Utc};
use domain::{
    access::{self, Access},
    kind::Kind,
    ledger::{MovementKind, NewMovement, Stock},
    lot::{check_lot_fields, Lot, LotPatch, LotStatus, Movement, NewLot},
    page::{Page, PageRequest, Sort},
    person::Person,
    quantity::{Quantity, Unit},
    DomainError,
};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect,
};
use uuid::Uuid;

use crate::{
    accounts::permissions::{self, Owned},
    accounts::teams,
    audit,
    entities::{lots, movements, products},
    error::Result,
    fulltext,
    inventory::label_codes,
    inventory::ledger::{self, Holder, Line},
    inventory::locations,
    inventory::positions,
    paging, write,
};

const KIND: Kind = Kind::Lot;

/// What to list.
#[derive(Debug, Clone, Default)]
pub struct LotQuery {
    /// A label code or a supplier lot number.
    pub q: Option<String>,
    pub product_id: Option<Uuid>,
    /// Only those kept in this location or any location inside it.
    pub within: Option<Uuid>,
    pub status: Option<String>,
    /// Only those expiring on or before this day (lots without an expiry date never do).
    pub expires_before: Option<NaiveDate>,
    /// Only those expiring on or after this day.
    pub expires_after: Option<NaiveDate>,
    pub sort: Sort,
}

/// The orders the lot list offers.
pub const SORTS: [Sort; 2] = [Sort::Created, Sort::Expiry];

/// One page of the lots the person may see, in creation order.
pub async fn list(
    db: &DatabaseConnection,
    person: &Person,
    filter: LotQuery,
    page: PageRequest,
) -> Result<Page<Lot>> {
    let (q, product_id) = (filter.q.as_deref(), filter.product_id);
    let mut query = paging::apply(
        lots::Entity::find(),
        filter.sort,
        lots::Column::Id,
        Some(lots::Column::ExpiresOn),
        page.after,
    );
    if let Some(visible) =
        permissions::visible(person, KIND, lots::Column::Id, lots::Column::TeamId)
    {
        query = query.filter(visible);
    }
    if let Some(product) = product_id {
        query = query.filter(lots::Column::ProductId.eq(product));
    }
    if let Some(q) = fulltext::typed(q) {
        query = query.filter(
            Condition::any()
                .add(lots::Column::SupplierLot.eq(q))
                .add_option(fulltext::code(lots::Column::LabelCode, q)),
        );
    }
    if let Some(root) = filter.within {
        let places = locations::subtree(db, root).await?;
        query = query.filter(lots::Column::LocationId.is_in(places));
    }
    if let Some(status) = fulltext::typed(filter.status.as_deref()) {
        query = query.filter(lots::Column::Status.eq(LotStatus::parse(status)?.as_str()));
    }
    if let Some(day) = filter.expires_before {
        query = query.filter(lots::Column::ExpiresOn.lte(day));
    }
    if let Some(day) = filter.expires_after {
        query = query.filter(lots::Column::ExpiresOn.gte(day));
    }
    let rows = query.limit(page.limit + 1).all(db).await?;
    let mut page = Page::from_rows(rows, page, |r| r.id, into_dto);
    let ids: Vec<Uuid> = page.items.iter().map(|l| l.id).collect();
    let mut places = positions::of(db, KIND, &ids).await?;
    for lot in &mut page.items {
        lot.position = places.remove(&lot.id);
    }
    Ok(page)
}

pub async fn get(db: &DatabaseConnection, person: &Person, id: Uuid) -> Result<Lot> {
    let row = find(db, id).await?;
    permissions::require(db, person, &row, Access::Read).await?;
    with_position(db, into_dto(row)).await
}

/// Receives a lot: it gets a label code, and its first movement is the quantity received.
pub async fn create(db: &DatabaseConnection, person: &Person, new: NewLot) -> Result<Lot> {
    let received_on = new.received_on.unwrap_or_else(|| Utc::now().date_naive());
    let mut errors = Vec::new();
    let fields = check_lot_fields(
        new.supplier_lot.as_deref(),
        received_on,
        None,
        new.expires_on,
    )
    .map_err(|e| errors.extend(e.field_errors().iter().cloned()))
    .ok();
    let quantity = Unit::parse("unit", &new.unit)
        .and_then(|unit| Ok((Quantity::positive("quantity", new.quantity, unit)?, unit)))
        .map_err(|e| errors.extend(e.field_errors().iter().cloned()))
        .ok();
    let team = access::team_for_new(person, new.team_id);
    let txn = write::begin(db).await?;
    let product = products::Entity::find_by_id(new.product_id)
        .one(&txn)
        .await?;
    let product_visible = match &product {
        Some(p) => permissions::of(&txn, person, p).await? >= Access::Read,
        None => false,
    };
    if !product_visible {
        errors.push(domain::FieldError::new(
            "product_id",
            "not_found",
            "no such product",
        ));
    }
    if let (Some(product), Some((_, unit))) = (&product, &quantity) {
        if let Err(e) = domain::product::check_receipt_unit(
            *unit,
            product_dimension(&txn, product.id, product.reorder_unit.as_deref()).await?,
        ) {
            errors.extend(e.field_errors().iter().cloned());
        }
    }
    if let Err(DomainError::Validation(e)) = &team {
        errors.extend(e.iter().cloned());
    }
    if let Some(place) = new.location_id {
        errors.extend(locations::check_place(&txn, person, "location_id", place).await?);
    }
    if !errors.is_empty() {
        return Err(DomainError::Validation(errors).into());
    }
    let team_id = team?;
    let (Some(supplier_lot), Some((quantity, unit))) = (fields, quantity) else {
        return Err(DomainError::Validation(errors).into());
    };
    teams::check_team_id(&txn, team_id).await?;

    let id = Uuid::now_v7();
    let code = label_codes::issue(&txn, KIND, id).await?;
    let now = Utc::now().trunc_subsecs(6);
    let model = lots::Model {
        id,
        team_id,
        created_by: Some(person.id),
        product_id: new.product_id,
        location_id: new.location_id,
        label_code: code.to_string(),
        supplier_lot,
        received_on,
        opened_on: None,
        expires_on: new.expires_on,
        quantity: quantity.steps,
        unit,
        status: LotStatus::InUse,
        created_at: now,
        updated_at: now,
    };
    lots::Entity::insert(lots::ActiveModel::from(model.clone()))
        .exec_without_returning(&txn)
        .await?;
    let position =
        positions::place(&txn, KIND, id, new.location_id, new.position.as_deref()).await?;
    ledger::write_line::<lots::Model>(
        &txn,
        person,
        id,
        unit,
        MovementKind::Receive,
        quantity.steps,
        Some(&domain::ledger_reason::Reason::Received.stored()),
    )
    .await?;
    let lot = Lot {
        position,
        ..into_dto(model)
    };
    audit::commit(txn, person, KIND, "lot.create", lot.id, None, lot).await
}

/// Changes the lot's dates, supplier lot number, or puts it in or out of quarantine.
pub async fn update(
    db: &DatabaseConnection,
    person: &Person,
    id: Uuid,
    patch: LotPatch,
) -> Result<Lot> {
    let txn = write::begin(db).await?;
    let current = find(&txn, id).await?;
    permissions::require(&txn, person, &current, Access::Write).await?;
    let before = with_position(&txn, into_dto(current.clone())).await?;
    let mut updated = current;
    let supplier_lot = patch.supplier_lot.unwrap_or(updated.supplier_lot.clone());
    let opened_on = patch.opened_on.unwrap_or(updated.opened_on);
    let expires_on = patch.expires_on.unwrap_or(updated.expires_on);
    let mut errors = Vec::new();
    let supplier_lot = check_lot_fields(
        supplier_lot.as_deref(),
        updated.received_on,
        opened_on,
        expires_on,
    )
    .map_err(|e| errors.extend(e.field_errors().iter().cloned()))
    .ok();
    if let Some(raw) = patch.status.as_deref() {
        let from = updated.status;
        match LotStatus::parse(raw).and_then(|to| from.check_transition(to).map(|()| to)) {
            Ok(to) => updated.status = to,
            Err(e) => errors.extend(e.field_errors().iter().cloned()),
        }
    }
    let Some(supplier_lot) = supplier_lot.filter(|_| errors.is_empty()) else {
        return Err(DomainError::Validation(errors).into());
    };
    updated.supplier_lot = supplier_lot;
    updated.opened_on = opened_on;
    updated.expires_on = expires_on;
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
    let after = with_position(&txn, into_dto(updated)).await?;
    if let Some(place) = place
        .filter(|_| (after.location_id, &after.position) != (before.location_id, &before.position))
    {
        ledger::write_line::<lots::Model>(
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
    audit::commit(
        txn,
        person,
        KIND,
        "lot.update",
        after.id,
        Some(&before),
        after,
    )
    .await
}

/// Records a stock movement; the lot's quantity follows. More than is left is a 409;
/// a quarantined or disposed lot takes no movement but a correction.
pub async fn move_stock(
    db: &DatabaseConnection,
    person: &Person,
    id: Uuid,
    new: NewMovement,
) -> Result<Movement> {
    ledger::move_stock::<lots::Model>(db, person, id, &new).await
}

/// A lot's ledger, oldest first.
pub async fn movements(
    db: &DatabaseConnection,
    person: &Person,
    id: Uuid,
) -> Result<Vec<Movement>> {
    ledger::lines::<lots::Model>(db, person, id).await
}

/// A lot in the one stock ledger: its lines are in `movements`, which also name the
/// entry that consumed it.
impl Holder for lots::Model {
    type Status = LotStatus;
    type Shown = Movement;
    type View = Lot;

    async fn find(db: &impl ConnectionTrait, id: Uuid) -> Result<Self> {
        find(db, id).await
    }

    fn stock(&self) -> Stock<LotStatus> {
        Stock {
            left: self.quantity,
            unit: self.unit,
            status: self.status,
        }
    }

    async fn save(self, db: &impl ConnectionTrait, stock: Stock<LotStatus>) -> Result<Self> {
        let updated = lots::Model {
            quantity: stock.left,
            status: stock.status,
            updated_at: Utc::now().trunc_subsecs(6),
            ..self
        };
        write::replace(db, updated.clone()).await?;
        Ok(updated)
    }

    async fn view(&self, db: &impl ConnectionTrait, _person: &Person) -> Result<Lot> {
        with_position(db, into_dto(self.clone())).await
    }

    async fn insert_line(db: &impl ConnectionTrait, line: &Line) -> Result<()> {
        let model = movements::Model {
            id: line.id,
            lot_id: line.holder,
            kind: line.kind,
            delta: line.delta,
            reason: line.reason.clone(),
            person_id: line.person_id,
            at: line.at,
            entry_id: line.entry_id,
        };
        movements::Entity::insert(movements::ActiveModel::from(model))
            .exec_without_returning(db)
            .await?;
        Ok(())
    }

    async fn find_line(db: &impl ConnectionTrait, id: Uuid) -> Result<Option<Line>> {
        Ok(movements::Entity::find_by_id(id).one(db).await?.map(line))
    }

    async fn lines_of(db: &impl ConnectionTrait, id: Uuid) -> Result<Vec<Line>> {
        Ok(movements::Entity::find()
            .filter(movements::Column::LotId.eq(id))
            .order_by_asc(movements::Column::Id)
            .all(db)
            .await?
            .into_iter()
            .map(line)
            .collect())
    }

    fn show(line: Line, unit: Unit) -> Movement {
        Movement {
            id: line.id,
            lot_id: line.holder,
            kind: line.kind,
            change: unit.value_of(line.delta),
            unit: unit.symbol.to_owned(),
            reason: line.reason,
            by: line.person_id,
            at: line.at,
            entry_id: line.entry_id,
        }
    }
}

fn line(m: movements::Model) -> Line {
    Line {
        id: m.id,
        holder: m.lot_id,
        kind: m.kind,
        delta: m.delta,
        reason: m.reason,
        person_id: m.person_id,
        at: m.at,
        entry_id: m.entry_id,
    }
}

/// What a use at the bench needs of a lot the person may change (404 otherwise, like
/// any lot they may not use): its stock, unit, status and expiry, and the lot itself.
pub(crate) async fn for_use(
    db: &impl ConnectionTrait,
    person: &Person,
    id: Uuid,
) -> Result<(lots::Model, domain::bench::LotFacts)> {
    let row = find(db, id).await?;
    if permissions::of(db, person, &row).await? < Access::Write {
        return Err(KIND.not_found().into());
    }
    let facts = domain::bench::LotFacts {
        left: row.quantity,
        unit: row.unit,
        status: row.status,
        expires_on: row.expires_on,
    };
    Ok((row, facts))
}

async fn find(db: &impl ConnectionTrait, id: Uuid) -> Result<lots::Model> {
    Ok(lots::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or_else(|| KIND.not_found())?)
}

/// Who may see or change a row: its team, shares and creator.
impl Owned for lots::Model {
    const KIND: Kind = KIND;

    fn owner(&self) -> (Uuid, Uuid, Option<Uuid>) {
        (self.id, self.team_id, self.created_by)
    }
}

/// The lot with its box position, if any.
async fn with_position(db: &impl ConnectionTrait, lot: Lot) -> Result<Lot> {
    let position = positions::of(db, KIND, &[lot.id]).await?.remove(&lot.id);
    Ok(Lot { position, ..lot })
}

fn into_dto(m: lots::Model) -> Lot {
    Lot {
        id: m.id,
        team_id: m.team_id,
        created_by: m.created_by,
        product_id: m.product_id,
        location_id: m.location_id,
        position: None,
        label_code: m.label_code,
        supplier_lot: m.supplier_lot,
        received_on: m.received_on,
        opened_on: m.opened_on,
        expires_on: m.expires_on,
        quantity: m.unit.value_of(m.quantity),
        unit: m.unit.symbol.to_owned(),
        status: m.status,
        created_at: m.created_at,
        updated_at: m.updated_at,
    }
}

/// How `product` is counted (its reorder unit, else the unit of one of its lots): a
/// receipt must match. One indexed query at most.
pub async fn product_dimension(
    db: &impl ConnectionTrait,
    product_id: Uuid,
    reorder_unit: Option<&str>,
) -> Result<Option<domain::quantity::Dimension>> {
    let earlier = if reorder_unit.is_some() {
        None
    } else {
        lots::Entity::find()
            .select_only()
            .column(lots::Column::Unit)
            .filter(lots::Column::ProductId.eq(product_id))
            .limit(1)
            .into_tuple::<Unit>()
            .one(db)
            .await?
    };
    Ok(domain::product::dimension(reorder_unit, earlier))
}
