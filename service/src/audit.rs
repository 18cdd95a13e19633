//! The audit log: append-only, each record holding the hash of the one before it, so any
//! later edit or deletion is detectable offline (`paillasse audit verify`).

use chrono::{DateTime, SubsecRound, Utc};
use domain::kind::Kind;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, DatabaseTransaction,
    EntityTrait, QueryFilter, QueryOrder, QuerySelect,
};
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::{
    entities::{audit_head, audit_log},
    error::Result,
    Actor, ServiceError,
};

/// One change, as recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AuditRecord {
    pub seq: i64,
    pub at: DateTime<Utc>,
    pub actor: String,
    pub action: String,
    pub entity_kind: String,
    pub entity_id: String,
    pub before: Option<String>,
    pub after: Option<String>,
    pub hash: String,
}

/// What a change is about, for [`append`].
pub struct Change<'a, T: Serialize> {
    pub action: &'a str,
    pub entity_kind: &'a str,
    pub entity_id: String,
    pub before: Option<&'a T>,
    pub after: Option<&'a T>,
}

/// Records a person's change to one thing (before and after), in the caller's write
/// transaction: the usual shape of [`append`].
pub(crate) async fn record<T: Serialize>(
    txn: &impl ConnectionTrait,
    person: &domain::person::Person,
    kind: &str,
    action: &str,
    id: uuid::Uuid,
    before: Option<&T>,
    after: &T,
) -> Result<()> {
    append(
        txn,
        &Actor::person(person),
        Change {
            action,
            entity_kind: kind,
            entity_id: id.to_string(),
            before,
            after: Some(after),
        },
    )
    .await?;
    Ok(())
}

/// The usual end of a change to one thing: records it (before and after), commits the
/// write and answers the thing as it now is.
pub(crate) async fn commit<T: Serialize>(
    txn: DatabaseTransaction,
    person: &domain::person::Person,
    kind: Kind,
    action: &str,
    id: uuid::Uuid,
    before: Option<&T>,
    after: T,
) -> Result<T> {
    record(&txn, person, kind.as_str(), action, id, before, &after).await?;
    txn.commit().await?;
    Ok(after)
}

/// Appends one record in the caller's transaction, which must come from
/// [`crate::write::begin`] (it holds the chain lock).
pub async fn append<T: Serialize>(
    txn: &impl ConnectionTrait,
    actor: &Actor,
    change: Change<'_, T>,
) -> Result<i64> {
    let head = audit_head::Entity::find_by_id(1)
        .one(txn)
        .await?
        .ok_or_else(|| ServiceError::Db(sea_orm::DbErr::RecordNotFound("audit_head".into())))?;
    let to_json = |v: Option<&T>| -> Result<Option<String>> {
        v.map(serde_json::to_string)
            .transpose()
            .map_err(|e| ServiceError::Db(sea_orm::DbErr::Custom(e.to_string())))
    };
    let mut record = audit_log::Model {
        seq: head.last_seq + 1,
        // Micro-seconds: what both engines store exactly, so the hash verifies later.
        at: Utc::now().trunc_subsecs(6),
        actor: actor.0.clone(),
        action: change.action.to_owned(),
        entity_kind: change.entity_kind.to_owned(),
        entity_id: change.entity_id,
        before: to_json(change.before)?,
        after: to_json(change.after)?,
        prev_hash: head.last_hash,
        hash: String::new(),
    };
    record.hash = record_hash(&record);
    let seq = record.seq;
    audit_head::Entity::update(audit_head::ActiveModel {
        id: Set(1),
        last_seq: Set(seq),
        last_hash: Set(record.hash.clone()),
    })
    .exec(txn)
    .await?;
    audit_log::Entity::insert(audit_log::ActiveModel::from(record))
        .exec_without_returning(txn)
        .await?;
    Ok(seq)
}

/// Hash of a record's content and its predecessor's hash. Each field is length-prefixed so
/// that no two different records can serialise to the same bytes.
fn record_hash(r: &audit_log::Model) -> String {
    let mut h = Sha256::new();
    let mut field = |bytes: Option<&[u8]>| match bytes {
        None => h.update([0u8]),
        Some(b) => {
            h.update([1u8]);
            h.update((b.len() as u64).to_be_bytes());
            h.update(b);
        }
    };
    field(Some(r.seq.to_string().as_bytes()));
    field(Some(
        r.at.to_rfc3339_opts(chrono::SecondsFormat::Micros, true)
            .as_bytes(),
    ));
    field(Some(r.actor.as_bytes()));
    field(Some(r.action.as_bytes()));
    field(Some(r.entity_kind.as_bytes()));
    field(Some(r.entity_id.as_bytes()));
    field(r.before.as_deref().map(str::as_bytes));
    field(r.after.as_deref().map(str::as_bytes));
    field(Some(r.prev_hash.as_bytes()));
    hex::encode(h.finalize())
}

/// The history of one thing, oldest first.
pub async fn history(
    db: &impl ConnectionTrait,
    entity_kind: &str,
    entity_id: &str,
) -> Result<Vec<AuditRecord>> {
    let rows = audit_log::Entity::find()
        .filter(audit_log::Column::EntityKind.eq(entity_kind))
        .filter(audit_log::Column::EntityId.eq(entity_id))
        .order_by_asc(audit_log::Column::Seq)
        .all(db)
        .await?;
    Ok(rows.into_iter().map(into_record).collect())
}

fn into_record(m: audit_log::Model) -> AuditRecord {
    AuditRecord {
        seq: m.seq,
        at: m.at,
        actor: m.actor,
        action: m.action,
        entity_kind: m.entity_kind,
        entity_id: m.entity_id,
        before: m.before,
        after: m.after,
        hash: m.hash,
    }
}

/// Where the chain breaks.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("audit record {seq} is broken: {reason}")]
pub struct BrokenChain {
    pub seq: i64,
    pub reason: String,
}

/// Walks the whole chain. `Ok(Ok(n))` means `n` records verified.
pub async fn verify(db: &DatabaseConnection) -> Result<std::result::Result<i64, BrokenChain>> {
    const BATCH: u64 = 1000;
    let mut expected_seq = 1;
    let mut prev_hash = GENESIS.to_owned();
    loop {
        let batch = audit_log::Entity::find()
            .filter(audit_log::Column::Seq.gte(expected_seq))
            .order_by_asc(audit_log::Column::Seq)
            .limit(BATCH)
            .all(db)
            .await?;
        let done = (batch.len() as u64) < BATCH;
        for record in batch {
            let broken = |reason: &str| BrokenChain {
                seq: expected_seq,
                reason: reason.to_owned(),
            };
            if record.seq != expected_seq {
                return Ok(Err(broken("missing (deleted?)")));
            }
            if record.prev_hash != prev_hash {
                return Ok(Err(broken("does not chain to the record before it")));
            }
            if record_hash(&record) != record.hash {
                return Ok(Err(broken("its content does not match its hash (edited?)")));
            }
            prev_hash = record.hash;
            expected_seq += 1;
        }
        if done {
            break;
        }
    }
    let head = audit_head::Entity::find_by_id(1).one(db).await?;
    let last = expected_seq - 1;
    match head {
        Some(h) if h.last_seq == last && h.last_hash == prev_hash => Ok(Ok(last)),
        _ => Ok(Err(BrokenChain {
            seq: last + 1,
            reason: "the chain head names records that are missing (deleted at the end?)".into(),
        })),
    }
}

/// The hash the first record chains to (also written by the migration).
const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> audit_log::Model {
        audit_log::Model {
            seq: 1,
            at: DateTime::UNIX_EPOCH,
            actor: "a".into(),
            action: "location.create".into(),
            entity_kind: "location".into(),
            entity_id: "x".into(),
            before: None,
            after: Some("{}".into()),
            prev_hash: GENESIS.into(),
            hash: String::new(),
        }
    }

    #[test]
    fn any_field_change_changes_the_hash() {
        let base = record_hash(&sample());
        let mut m = sample();
        m.actor = "b".into();
        assert_ne!(record_hash(&m), base);
        let mut m = sample();
        m.before = Some(String::new());
        assert_ne!(record_hash(&m), base, "absent and empty differ");
        let mut m = sample();
        m.action = "location.creat".into();
        m.entity_kind = "elocation".into();
        assert_ne!(
            record_hash(&m),
            base,
            "shifting bytes between fields is caught"
        );
    }
}
