//! The registry of label codes: one row per code ever issued, unique across every kind of
//! thing, never reused.

use chrono::{SubsecRound, Utc};
use domain::{kind::Kind, DomainError};
use labels::LabelCode;
use sea_orm::{ActiveValue::Set, ConnectionTrait, EntityTrait};
use uuid::Uuid;

use crate::{entities::label_codes, error::Result, ServiceError};

/// Attempts before giving up; with 32⁷ codes a second collision in a row means something
/// else is wrong.
const ATTEMPTS: usize = 8;

/// Issues a fresh code for a thing, inside the caller's write transaction (which holds
/// the write lock, so the existence check cannot race another writer).
pub async fn issue(txn: &impl ConnectionTrait, kind: Kind, target_id: Uuid) -> Result<LabelCode> {
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
            kind: Set(kind),
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
