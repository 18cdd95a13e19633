//! The registry of label codes: one row per code ever issued, unique across every kind of
//! thing, never reused.

use chrono::{SubsecRound, Utc};
use domain::{
    access::Access,
    label::{page_path, LabelTarget},
    person::Person,
    DomainError,
};
use labels::LabelCode;
use sea_orm::{
    sea_query::Expr, ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait,
    DatabaseConnection, EntityTrait, QueryFilter,
};
use uuid::Uuid;

use crate::{
    accounts::permissions,
    audit,
    entities::{
        instruments as instrument_rows, label_codes, locations as location_rows, lots as lots_rows,
        products as product_rows, samples as samples_rows,
    },
    error::Result,
    inventory::instruments,
    inventory::locations,
    inventory::lots,
    inventory::samples,
    write, ServiceError,
};

/// Attempts before giving up; with 32⁷ codes a second collision in a row means something
/// else is wrong.
const ATTEMPTS: usize = 8;

/// Issues a fresh code for a thing, inside the caller's write transaction (which holds
/// the write lock, so the existence check cannot race another writer).
pub async fn issue(txn: &impl ConnectionTrait, kind: &str, target_id: Uuid) -> Result<LabelCode> {
    for _ in 0..ATTEMPTS {
        // The thread-local generator must not live across an await (it is not Send).
        let code = LabelCode::generate(&mut rand::thread_rng());
        let text = code.to_string();
        if label_codes::Entity::find_by_id(text.clone())
            .one(txn)
            .await?
            .is_some()
        {
            continue;
        }
        label_codes::Entity::insert(label_codes::ActiveModel {
            code: Set(text),
            kind: Set(kind.to_owned()),
            target_id: Set(target_id),
            created_at: Set(Utc::now().trunc_subsecs(6)),
            retired_at: Set(None),
        })
        .exec_without_returning(txn)
        .await?;
        return Ok(code);
    }
    Err(ServiceError::Db(sea_orm::DbErr::Custom(
        "could not find an unused label code".into(),
    )))
}

/// The thing a code names, for someone who may see it; retired codes (the thing was
/// relabelled) still find it. Unknown codes and things the person may not see are both
/// "not found", so a code from another team says nothing.
pub async fn resolve(
    db: &DatabaseConnection,
    person: &Person,
    code: &LabelCode,
) -> Result<LabelTarget> {
    let not_found = || DomainError::not_found("label");
    let row = label_codes::Entity::find_by_id(code.to_string())
        .one(db)
        .await?
        .ok_or_else(not_found)?;
    let id = row.target_id;
    let hidden = |e: ServiceError| match e {
        ServiceError::Domain(DomainError::NotFound { .. }) => not_found().into(),
        other => other,
    };
    let (current_code, name, fields) = match row.kind.as_str() {
        "lot" => {
            let lot = lots::get(db, person, id).await.map_err(hidden)?;
            let product = product_rows::Entity::find_by_id(lot.product_id)
                .one(db)
                .await?;
            let fields = [
                lot.supplier_lot.map(|l| format!("Lot {l}")),
                lot.expires_on.map(|d| format!("Exp {d}")),
            ];
            (
                lot.label_code,
                product.map(|p| p.name).unwrap_or_default(),
                fields,
            )
        }
        "sample" => {
            let s = samples::get(db, person, id).await.map_err(hidden)?;
            let fields = [s.sample_type, Some(format!("{} {}", s.quantity, s.unit))];
            (s.label_code, s.name, fields)
        }
        "instrument" => {
            let i = instruments::get(db, person, id).await.map_err(hidden)?;
            (
                i.label_code,
                i.name,
                [i.model, i.serial.map(|s| format!("SN {s}"))],
            )
        }
        "location" => {
            let l = locations::get(db, person, id).await.map_err(hidden)?;
            (l.label_code, l.name, [None, None])
        }
        _ => return Err(not_found().into()),
    };
    Ok(LabelTarget {
        path: page_path(&row.kind, id),
        kind: row.kind,
        id,
        label_code: code.to_string(),
        retired: row.retired_at.is_some() || current_code != code.to_string(),
        current_code,
        name,
        fields: fields.into_iter().flatten().collect(),
    })
}

/// Gives the thing `code` names a new label (the old one is torn, faded, or the thing was
/// moved into a new tube): a new code is issued, the old one retired but still resolving.
pub async fn relabel(
    db: &DatabaseConnection,
    person: &Person,
    code: &LabelCode,
) -> Result<LabelTarget> {
    let txn = write::begin(db).await?;
    let old = label_codes::Entity::find_by_id(code.to_string())
        .one(&txn)
        .await?
        .filter(|r| r.retired_at.is_none())
        .ok_or_else(|| DomainError::not_found("label"))?;
    let (kind, id) = (old.kind.clone(), old.target_id);
    let (team_id, created_by) = owner_of(&txn, &kind, id).await?;
    let have = permissions::level(&txn, person, &kind, id, team_id, created_by).await?;
    domain::access::require(have, Access::Write, "label")?;
    let new = issue(&txn, &kind, id).await?;
    let now = Utc::now().trunc_subsecs(6);
    let mut retired: label_codes::ActiveModel = old.into();
    retired.retired_at = Set(Some(now));
    retired.update(&txn).await?;
    set_code(&txn, &kind, id, &new.to_string()).await?;
    audit::record(
        &txn,
        person,
        &kind,
        &format!("{kind}.relabel"),
        id,
        Some(&serde_json::json!({"label_code": code.to_string()})),
        &serde_json::json!({"label_code": new.to_string()}),
    )
    .await?;
    txn.commit().await?;
    resolve(db, person, &new).await
}

/// The owning team and creator of a labelled thing, for the access rules.
async fn owner_of(db: &impl ConnectionTrait, kind: &str, id: Uuid) -> Result<(Uuid, Option<Uuid>)> {
    let found = match kind {
        "lot" => lots_rows::Entity::find_by_id(id)
            .one(db)
            .await?
            .map(|r| (r.team_id, r.created_by)),
        "sample" => samples_rows::Entity::find_by_id(id)
            .one(db)
            .await?
            .map(|r| (r.team_id, r.created_by)),
        "instrument" => instrument_rows::Entity::find_by_id(id)
            .one(db)
            .await?
            .map(|r| (r.team_id, r.created_by)),
        "location" => location_rows::Entity::find_by_id(id)
            .one(db)
            .await?
            .map(|r| (r.team_id, r.created_by)),
        _ => None,
    };
    Ok(found.ok_or_else(|| DomainError::not_found("label"))?)
}

/// Points the thing at its new code.
async fn set_code(db: &impl ConnectionTrait, kind: &str, id: Uuid, code: &str) -> Result<()> {
    let code = code.to_owned();
    match kind {
        "lot" => {
            lots_rows::Entity::update_many()
                .col_expr(lots_rows::Column::LabelCode, Expr::value(code))
                .filter(lots_rows::Column::Id.eq(id))
                .exec(db)
                .await?;
        }
        "sample" => {
            samples_rows::Entity::update_many()
                .col_expr(samples_rows::Column::LabelCode, Expr::value(code))
                .filter(samples_rows::Column::Id.eq(id))
                .exec(db)
                .await?;
        }
        "instrument" => {
            instrument_rows::Entity::update_many()
                .col_expr(instrument_rows::Column::LabelCode, Expr::value(code))
                .filter(instrument_rows::Column::Id.eq(id))
                .exec(db)
                .await?;
        }
        _ => {
            location_rows::Entity::update_many()
                .col_expr(location_rows::Column::LabelCode, Expr::value(code))
                .filter(location_rows::Column::Id.eq(id))
                .exec(db)
                .await?;
        }
    }
    Ok(())
}

/// The most labels one request may print: about fifty sheets, made in well under a second
/// (5,000 took 5 s and 6.5 MB of PDF, for anyone signed in).
pub const MAX_PRINT: usize = 1000;

/// A comma-separated list of label codes as typed or sent (`codes=7KQ3-9XZ2,…`), each
/// checked; a bad one is named by its place (`codes[2]`).
pub fn parse_codes(raw: &str) -> std::result::Result<Vec<LabelCode>, DomainError> {
    let parts: Vec<&str> = raw
        .split(',')
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    if parts.is_empty() {
        return Err(DomainError::invalid(
            "codes",
            "required",
            "name at least one label code",
        ));
    }
    if parts.len() > MAX_PRINT {
        return Err(DomainError::invalid(
            "codes",
            "too_many",
            format!("at most {MAX_PRINT} labels at a time"),
        ));
    }
    let mut errors = Vec::new();
    let mut codes = Vec::with_capacity(parts.len());
    for (i, part) in parts.iter().enumerate() {
        match LabelCode::parse(part) {
            Ok(code) => codes.push(code),
            Err(e) => errors.push(domain::FieldError::new(
                format!("codes[{i}]"),
                "invalid",
                e.to_string(),
            )),
        }
    }
    if errors.is_empty() {
        Ok(codes)
    } else {
        Err(DomainError::Validation(errors))
    }
}

/// What to print for each code, in order; a code the person may not see is refused by
/// its place (`codes[2]`), so nothing is printed for a label one cannot open.
pub async fn printable(
    db: &DatabaseConnection,
    person: &Person,
    codes: &[LabelCode],
) -> Result<Vec<LabelTarget>> {
    let mut found = Vec::with_capacity(codes.len());
    let mut errors = Vec::new();
    for (i, code) in codes.iter().enumerate() {
        match resolve(db, person, code).await {
            Ok(target) => found.push(target),
            Err(ServiceError::Domain(DomainError::NotFound { .. })) => errors.push(
                domain::FieldError::new(format!("codes[{i}]"), "not_found", "no such label"),
            ),
            Err(other) => return Err(other),
        }
    }
    if errors.is_empty() {
        Ok(found)
    } else {
        Err(DomainError::Validation(errors).into())
    }
}
