//! The registry of label codes: one row per code ever issued, unique across every kind of
//! thing, never reused.

use chrono::{SubsecRound, Utc};
use labels::LabelCode;
use sea_orm::{ActiveValue::Set, ConnectionTrait, EntityTrait};
use uuid::Uuid;

use crate::{entities::label_codes, error::Result, ServiceError};

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
