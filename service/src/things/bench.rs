//! The bench's side of a usage: what it will do, shown before it is done, and the tap
//! that records it. Through the REST API a script's usage is recorded as asked (its
//! warnings kept); at the bench a person must say the unit, and a warning or a large
//! amount needs their confirmation — the server checks it again, so a page that skipped
//! the preview (not hydrated yet, or an old tab) cannot take 2 L for 2 mL either.

use chrono::{DateTime, Utc};
use domain::{
    access::Access,
    bench::{self, ConfirmPolicy, LotStock, UsePreview},
    kind::Kind,
    label::LabelTarget,
    person::Person,
    quantity::Unit,
    DomainError,
};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect,
};
use uuid::Uuid;

use crate::{
    accounts::permissions,
    entities::{entry_usages, lots as lot_rows},
    error::Result,
    inventory::instruments,
    inventory::lots,
    notebook::entries::rows::{self as entries},
    notebook::usages::{self, Asked},
};

/// A use as typed or scanned at the bench: a label code, and the fields of the form as
/// typed (a blank field is blank, never a default in disguise — except an instrument's
/// window, which the form says is the last hour when left empty).
#[derive(Debug, Clone, Default)]
pub struct BenchUse {
    pub code: String,
    pub quantity: String,
    pub unit: String,
    /// Samples: `input` or `output`.
    pub role: String,
    /// Instruments, as a `datetime-local` field sends them (`2026-03-02T09:00`), on the
    /// clock of `zone`.
    pub started_at: String,
    pub ended_at: String,
    /// The installation's time zone, where the times were typed.
    pub zone: domain::local_time::Zone,
}

impl BenchUse {
    /// What the code names, for this person: a usable thing, or a 422 naming `code`.
    async fn target(&self, db: &DatabaseConnection, person: &Person) -> Result<LabelTarget> {
        let code = labels::LabelCode::parse(&self.code)
            .map_err(|e| DomainError::invalid("code", "invalid", e.to_string()))?;
        super::labels::resolve(db, person, &code)
            .await
            .map_err(|e| match e {
                crate::ServiceError::Domain(DomainError::NotFound { .. }) => DomainError::invalid(
                    "code",
                    "not_found",
                    "no lot, sample or instrument has this code",
                )
                .into(),
                other => other,
            })
    }

    /// The instrument's window; blank ends mean the last hour.
    fn window(&self, now: DateTime<Utc>) -> Result<(DateTime<Utc>, DateTime<Utc>)> {
        let when = |field: &str, raw: &str, default: DateTime<Utc>| match raw.trim() {
            "" => Ok(default),
            raw => self.zone.from_input(field, raw),
        };
        Ok((
            when(
                "started_at",
                &self.started_at,
                now - chrono::Duration::hours(1),
            )?,
            when("ended_at", &self.ended_at, now)?,
        ))
    }
}

/// Records a use typed or scanned at the bench (the unit must be given; notices need
/// `asked`'s confirmation).
pub async fn add_by_code(
    db: &DatabaseConnection,
    person: &Person,
    entry_id: Uuid,
    typed: &BenchUse,
    asked: &Asked,
) -> Result<domain::entry::Usage> {
    let target = typed.target(db, person).await?;
    let mut new = domain::entry::NewUsage::default();
    match target.kind {
        Kind::Lot => {
            new.lot_id = Some(target.id);
            new.quantity = Some(match typed.quantity.trim() {
                "" => {
                    return Err(
                        DomainError::invalid("quantity", "required", "how much was used").into(),
                    )
                }
                raw => raw
                    .replace(',', ".")
                    .parse()
                    .map_err(|_| DomainError::invalid("quantity", "invalid", "is not a number"))?,
            });
            new.unit = Some(typed.unit.clone());
        }
        Kind::Sample => {
            new.sample_id = Some(target.id);
            new.role = Some(typed.role.clone()).filter(|r| !r.trim().is_empty());
        }
        Kind::Instrument => {
            let (started_at, ended_at) = typed.window(Utc::now())?;
            new.instrument_id = Some(target.id);
            new.started_at = Some(started_at);
            new.ended_at = Some(ended_at);
        }
        _ => return Err(not_usable()),
    }
    usages::add(db, person, entry_id, new, asked).await
}

/// [`preview`] of what a typed or scanned code names.
pub async fn preview_by_code(
    db: &DatabaseConnection,
    person: &Person,
    entry_id: Uuid,
    typed: &BenchUse,
    policy: &ConfirmPolicy,
) -> Result<UsePreview> {
    let target = typed.target(db, person).await?;
    let window = typed.window(Utc::now())?;
    preview(db, person, entry_id, &target, &typed.unit, window, policy).await
}

/// What adding `target` to the entry would do, writing nothing: for a lot, its stock
/// and the unit to offer (`unit` when one of the lot's kind was typed, else the last one
/// used for the product, else the lot's), for the page to work out each amount typed;
/// for an instrument used over `window`, how it stood meanwhile; the notices.
pub async fn preview(
    db: &DatabaseConnection,
    person: &Person,
    entry_id: Uuid,
    target: &LabelTarget,
    unit: &str,
    (started_at, ended_at): (DateTime<Utc>, DateTime<Utc>),
    policy: &ConfirmPolicy,
) -> Result<UsePreview> {
    let entry = entries::find(db, entry_id).await?;
    permissions::require(db, person, &entry, Access::Write).await?;
    entry.status.require_draft()?;
    let mut preview = UsePreview {
        kind: target.kind,
        thing_id: target.id,
        label_code: target.current_code.clone(),
        name: target.name.clone(),
        lot: None,
        unit: None,
        units: Vec::new(),
        supplier_lot: None,
        expires_on: None,
        today: Utc::now().date_naive(),
        policy: *policy,
        notices: Vec::new(),
    };
    match target.kind {
        Kind::Lot => {
            let (lot, facts) = lots::for_use(db, person, target.id).await?;
            let dimension = facts.unit.dimension;
            preview.unit = Some(
                match Unit::parse("unit", unit) {
                    Ok(typed) if typed.dimension == dimension => typed,
                    _ => last_unit(db, &lot).await?.unwrap_or(facts.unit),
                }
                .symbol
                .to_owned(),
            );
            preview.units = Unit::of(dimension).map(|u| u.symbol.to_owned()).collect();
            preview.notices = bench::check_lot(&facts, None, preview.today, policy);
            preview.lot = Some(LotStock::of(&facts));
            preview.supplier_lot = lot.supplier_lot;
            preview.expires_on = lot.expires_on;
        }
        Kind::Instrument => {
            instruments::get_in(db, person, target.id).await?;
            let (calibration, statuses) =
                instruments::during(db, target.id, started_at, ended_at).await?;
            preview.notices = bench::check_instrument(calibration, &statuses);
        }
        Kind::Sample => {}
        _ => return Err(not_usable()),
    }
    Ok(preview)
}

/// A code that names a location: a place holds things, an entry does not use it.
fn not_usable() -> crate::ServiceError {
    DomainError::invalid("code", "not_usable", "a location is not used by an entry").into()
}

/// The unit the product's lots were last used in, by anyone who recorded one: what the
/// bench measures it in (mL of an ethanol kept in litre bottles).
async fn last_unit(db: &impl ConnectionTrait, lot: &lot_rows::Model) -> Result<Option<Unit>> {
    let dimension = lot.unit.dimension;
    let used: Option<String> = entry_usages::Entity::find()
        .select_only()
        .column(entry_usages::Column::Unit)
        .filter(
            entry_usages::Column::LotId.in_subquery(
                sea_orm::sea_query::Query::select()
                    .column(lot_rows::Column::Id)
                    .from(lot_rows::Entity)
                    .and_where(lot_rows::Column::ProductId.eq(lot.product_id))
                    .to_owned(),
            ),
        )
        .filter(entry_usages::Column::Unit.is_not_null())
        .order_by_desc(entry_usages::Column::CreatedAt)
        .into_tuple::<Option<String>>()
        .one(db)
        .await?
        .flatten();
    // A stored unit is one this code wrote; one of another dimension (the product's
    // unit changed kind) is not offered.
    Ok(used
        .and_then(|u| Unit::parse("unit", &u).ok())
        .filter(|u| u.dimension == dimension))
}
