//! One stock ledger for lots and samples. What a movement is, the one "more than is
//! left" check and the status that follows are `domain::ledger`'s rules; this writes a
//! movement and what follows from it inside the caller's write transaction: the ledger
//! line, the row's quantity and status, a box position freed on disposal, the audit
//! record. A lot and a sample differ only by how their row and lines are stored
//! (`Holder`, implemented beside each).

use chrono::{DateTime, SubsecRound, Utc};
use domain::{
    access::Access,
    ledger::{self, movement_delta, MovementKind, NewMovement, Stock, StockStatus},
    person::{parse_optional_name, Person},
    quantity::Unit,
    DomainError,
};
use sea_orm::{ConnectionTrait, DatabaseConnection};
use serde::Serialize;
use uuid::Uuid;

use crate::{
    accounts::permissions::{self, Owned},
    audit,
    error::Result,
    inventory::positions,
    write,
};

/// A ledger line as stored, whichever kind's ledger it is in.
#[derive(Debug, Clone)]
pub(crate) struct Line {
    pub id: Uuid,
    /// The lot or sample.
    pub holder: Uuid,
    pub kind: MovementKind,
    /// Signed change in stored steps of the holder's unit.
    pub delta: i64,
    pub reason: Option<String>,
    pub person_id: Option<Uuid>,
    pub at: DateTime<Utc>,
    /// The notebook entry that caused it (lots only: entries consume lots).
    pub entry_id: Option<Uuid>,
}

/// What holds stock: a lot or a sample row, read and written by its own table.
pub(crate) trait Holder: Owned + Clone + Sized {
    type Status: StockStatus;
    /// A ledger line as the API shows it.
    type Shown;
    /// The holder as the audit records it.
    type View: Serialize;

    async fn find(db: &impl ConnectionTrait, id: Uuid) -> Result<Self>;
    fn stock(&self) -> Stock<Self::Status>;
    /// Writes the stock after a movement (quantity, status, updated time).
    async fn save(self, db: &impl ConnectionTrait, stock: Stock<Self::Status>) -> Result<Self>;
    async fn view(&self, db: &impl ConnectionTrait, person: &Person) -> Result<Self::View>;
    async fn insert_line(db: &impl ConnectionTrait, line: &Line) -> Result<()>;
    async fn find_line(db: &impl ConnectionTrait, id: Uuid) -> Result<Option<Line>>;
    /// The holder's lines, oldest first.
    async fn lines_of(db: &impl ConnectionTrait, id: Uuid) -> Result<Vec<Line>>;
    fn show(line: Line, unit: Unit) -> Self::Shown;
}

/// Records a movement asked for through the API or a page, as a write of its own.
pub(crate) async fn move_stock<H: Holder>(
    db: &DatabaseConnection,
    person: &Person,
    id: Uuid,
    new: &NewMovement,
) -> Result<H::Shown> {
    let txn = write::begin(db).await?;
    let shown = record::<H>(&txn, person, id, new, None).await?;
    txn.commit().await?;
    Ok(shown)
}

/// Records a movement inside the caller's write transaction.
pub(crate) async fn record<H: Holder>(
    txn: &impl ConnectionTrait,
    person: &Person,
    id: Uuid,
    new: &NewMovement,
    entry: Option<Uuid>,
) -> Result<H::Shown> {
    let reason = parse_optional_name("reason", new.reason.as_deref())?;
    let current = writable::<H>(txn, person, id).await?;
    let stock = current.stock();
    let (kind, delta) = movement_delta(new, stock.unit, stock.left)?;
    apply(txn, person, current, kind, delta, reason, entry).await
}

/// Takes `quantity` (in `unit`, the holder's when absent) for something made from it or
/// an entry that used it.
pub(crate) async fn take<H: Holder>(
    txn: &impl ConnectionTrait,
    person: &Person,
    id: Uuid,
    quantity: f64,
    unit: Option<String>,
    reason: &str,
    entry: Option<Uuid>,
) -> Result<H::Shown> {
    let new = NewMovement {
        kind: MovementKind::Consume.as_str().to_owned(),
        quantity: Some(quantity),
        unit,
        reason: Some(reason.to_owned()),
    };
    record::<H>(txn, person, id, &new, entry).await
}

/// Puts back what a line took (a draft entry's usage removed): a new `adjust` line of
/// the opposite amount, so the ledger keeps both.
pub(crate) async fn reverse<H: Holder>(
    txn: &impl ConnectionTrait,
    person: &Person,
    line_id: Uuid,
    reason: &str,
) -> Result<H::Shown> {
    let line = H::find_line(txn, line_id)
        .await?
        .ok_or_else(|| DomainError::not_found("movement"))?;
    let current = writable::<H>(txn, person, line.holder).await?;
    let reason = Some(reason.to_owned());
    apply(
        txn,
        person,
        current,
        MovementKind::Adjust,
        -line.delta,
        reason,
        line.entry_id,
    )
    .await
}

/// Writes a line that needs no check: the receipt that creates the holder, a move.
pub(crate) async fn write_line<H: Holder>(
    txn: &impl ConnectionTrait,
    person: &Person,
    holder: Uuid,
    unit: Unit,
    kind: MovementKind,
    delta: i64,
    reason: Option<&str>,
) -> Result<H::Shown> {
    let line = Line {
        id: Uuid::now_v7(),
        holder,
        kind,
        delta,
        reason: reason.map(str::to_owned),
        person_id: Some(person.id),
        at: Utc::now().trunc_subsecs(6),
        entry_id: None,
    };
    H::insert_line(txn, &line).await?;
    Ok(H::show(line, unit))
}

/// A holder's ledger, oldest first.
pub(crate) async fn lines<H: Holder>(
    db: &impl ConnectionTrait,
    person: &Person,
    id: Uuid,
) -> Result<Vec<H::Shown>> {
    let holder = H::find(db, id).await?;
    permissions::require(db, person, &holder, Access::Read).await?;
    let unit = holder.stock().unit;
    Ok(H::lines_of(db, id)
        .await?
        .into_iter()
        .map(|line| H::show(line, unit))
        .collect())
}

/// The one place stock changes: the domain's check, the line, the row, a freed position
/// on disposal, the audit record.
async fn apply<H: Holder>(
    txn: &impl ConnectionTrait,
    person: &Person,
    current: H,
    kind: MovementKind,
    delta: i64,
    reason: Option<String>,
    entry: Option<Uuid>,
) -> Result<H::Shown> {
    let after = ledger::apply(current.stock(), kind, delta)?;
    let (id, _, _) = current.owner();
    let before = current.view(txn, person).await?;
    let updated = current.save(txn, after).await?;
    let line = Line {
        id: Uuid::now_v7(),
        holder: id,
        kind,
        delta,
        reason,
        person_id: Some(person.id),
        at: Utc::now().trunc_subsecs(6),
        entry_id: entry,
    };
    H::insert_line(txn, &line).await?;
    if kind == MovementKind::Dispose {
        // What is disposed of has left its box.
        positions::free(txn, H::KIND, id).await?;
    }
    let after_view = updated.view(txn, person).await?;
    let action = format!("{}.{}", H::KIND.as_str(), kind.as_str());
    audit::record(
        txn,
        person,
        H::KIND.as_str(),
        &action,
        id,
        Some(&before),
        &after_view,
    )
    .await?;
    Ok(H::show(line, after.unit))
}

/// The holder, if the person may change it (403 if they may only read it).
async fn writable<H: Holder>(txn: &impl ConnectionTrait, person: &Person, id: Uuid) -> Result<H> {
    let holder = H::find(txn, id).await?;
    permissions::require(txn, person, &holder, Access::Write).await?;
    Ok(holder)
}
