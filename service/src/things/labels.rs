//! What a printed label names, for someone who may see it, and giving a thing a new label.

use chrono::{SubsecRound, Utc};
use domain::{access::Access, kind::Kind, label::LabelTarget, person::Person, DomainError};
use labels::LabelCode;
use sea_orm::{
    sea_query::Expr, ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait,
    DatabaseConnection, EntityTrait, QueryFilter,
};
use uuid::Uuid;

use super::{hidden_as, owner_of_labelled};
use crate::{
    accounts::permissions,
    audit,
    entities::{instruments, label_codes, locations, lots, products, samples},
    error::Result,
    inventory, write, ServiceError,
};

/// The thing a code names, for someone who may see it; retired codes (the thing was
/// relabelled) still find it. Unknown codes and things the person may not see are both
/// "not found", so a code from another team says nothing.
pub async fn resolve(
    db: &DatabaseConnection,
    person: &Person,
    code: &LabelCode,
) -> Result<LabelTarget> {
    let row = label_codes::Entity::find_by_id(code.to_string())
        .one(db)
        .await?
        .ok_or_else(|| DomainError::not_found("label"))?;
    let kind = row.kind;
    let id = row.target_id;
    let hidden = hidden_as("label");
    let (current_code, name, fields) = match kind {
        Kind::Lot => {
            let lot = inventory::lots::get(db, person, id).await.map_err(hidden)?;
            let product = products::Entity::find_by_id(lot.product_id)
                .one(db)
                .await?
                .ok_or_else(|| ServiceError::stored("lots.product_id", lot.product_id))?;
            let fields = [
                lot.supplier_lot.map(|l| format!("Lot {l}")),
                lot.expires_on.map(|d| format!("Exp {d}")),
            ];
            (lot.label_code, product.name, fields)
        }
        Kind::Sample => {
            let s = inventory::samples::get(db, person, id)
                .await
                .map_err(hidden)?;
            let fields = [s.sample_type, Some(format!("{} {}", s.quantity, s.unit))];
            (s.label_code, s.name, fields)
        }
        Kind::Instrument => {
            let i = inventory::instruments::get(db, person, id)
                .await
                .map_err(hidden)?;
            (
                i.label_code,
                i.name,
                [i.model, i.serial.map(|s| format!("SN {s}"))],
            )
        }
        Kind::Location => {
            let l = inventory::locations::get(db, person, id)
                .await
                .map_err(hidden)?;
            (l.label_code, l.name, [None, None])
        }
        other => return Err(ServiceError::stored("label_codes.kind", other.as_str())),
    };
    Ok(LabelTarget {
        path: kind.page(id).unwrap_or_default(),
        kind,
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
    let (kind, id) = (old.kind, old.target_id);
    let (team_id, created_by) = owner_of_labelled(&txn, kind, id).await?;
    let have = permissions::level(&txn, person, kind, id, team_id, created_by).await?;
    domain::access::require(have, Access::Write, "label")?;
    let new = inventory::label_codes::issue(&txn, kind, id).await?;
    let now = Utc::now().trunc_subsecs(6);
    let mut retired: label_codes::ActiveModel = old.into();
    retired.retired_at = Set(Some(now));
    retired.update(&txn).await?;
    set_code(&txn, kind, id, &new.to_string()).await?;
    audit::record(
        &txn,
        person,
        kind.as_str(),
        &format!("{kind}.relabel"),
        id,
        Some(&serde_json::json!({"label_code": code.to_string()})),
        &serde_json::json!({"label_code": new.to_string()}),
    )
    .await?;
    txn.commit().await?;
    resolve(db, person, &new).await
}

/// Points the thing at its new code.
async fn set_code(db: &impl ConnectionTrait, kind: Kind, id: Uuid, code: &str) -> Result<()> {
    let code = Expr::value(code.to_owned());
    match kind {
        Kind::Lot => {
            lots::Entity::update_many()
                .col_expr(lots::Column::LabelCode, code)
                .filter(lots::Column::Id.eq(id))
                .exec(db)
                .await?;
        }
        Kind::Sample => {
            samples::Entity::update_many()
                .col_expr(samples::Column::LabelCode, code)
                .filter(samples::Column::Id.eq(id))
                .exec(db)
                .await?;
        }
        Kind::Instrument => {
            instruments::Entity::update_many()
                .col_expr(instruments::Column::LabelCode, code)
                .filter(instruments::Column::Id.eq(id))
                .exec(db)
                .await?;
        }
        Kind::Location => {
            locations::Entity::update_many()
                .col_expr(locations::Column::LabelCode, code)
                .filter(locations::Column::Id.eq(id))
                .exec(db)
                .await?;
        }
        other => return Err(ServiceError::stored("label_codes.kind", other.as_str())),
    }
    Ok(())
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
