//! Recalls: "the supplier recalled lot X", "the balance was out of calibration from
//! March 3 to March 20" — every entry downstream gets a visible flag with the reason,
//! recorded in the audit log. Entries the caller may not see are flagged too (their
//! readers must know) but only counted in the answer.

use std::collections::HashSet;

use chrono::{SubsecRound, Utc};
use domain::{
    access::{self, Access},
    person::Person,
    trace::{FlagOutcome, NewFlag, NodeKind, TraceQuery},
    DomainError,
};
use sea_orm::{ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter};
use uuid::Uuid;

use crate::{
    audit,
    entities::{entry_flags, instruments, lots, samples},
    error::Result,
    id_lists::among,
    trace, write,
};

/// The audit kind of a recall: it flags entries and leaves its source unchanged, but its
/// record carries the source's id, so the source's history shows it (`for_history`).
pub(crate) const KIND: &str = "recall";

/// Marks every entry downstream of a lot, a sample or (within `from`–`to`) an
/// instrument. Needs the right to change the source; marking twice for the same reason
/// adds nothing.
pub async fn flag(
    db: &DatabaseConnection,
    person: &Person,
    kind: NodeKind,
    id: Uuid,
    new: NewFlag,
) -> Result<FlagOutcome> {
    if !matches!(
        kind,
        NodeKind::Lot | NodeKind::Sample | NodeKind::Instrument
    ) {
        return Err(DomainError::invalid(
            "kind",
            "not_recallable",
            "only a lot, a sample or an instrument's window can be recalled",
        )
        .into());
    }
    let mut errors = Vec::new();
    // A period is what an instrument's recall is about; a lot or a sample is recalled
    // whole.
    if kind != NodeKind::Instrument && (new.from.is_some() || new.to.is_some()) {
        let field = if new.from.is_some() { "from" } else { "to" };
        errors.push(domain::FieldError::new(
            field,
            "not_applicable",
            "only an instrument's recall takes a period",
        ));
    }
    let reason = new
        .check_reason()
        .map_err(|e| errors.extend(e.field_errors().iter().cloned()))
        .ok();
    let query = TraceQuery::parse(
        Some("forward"),
        None,
        new.from.as_deref(),
        new.to.as_deref(),
    )
    .map_err(|e| errors.extend(e.field_errors().iter().cloned()))
    .ok();
    let (Some(reason), Some(query), true) = (reason, query, errors.is_empty()) else {
        return Err(DomainError::Validation(errors).into());
    };
    let txn = write::begin(db).await?;
    access::require(
        crate::accounts::permissions::of_node(&txn, person, (kind, id)).await?,
        Access::Write,
        kind.as_str(),
    )?;
    let affected = trace::downstream_entries(&txn, kind, id, &query).await?;
    let already: HashSet<Uuid> = existing(&txn, id, &reason, &affected).await?;
    // Whose word a flag is: the team that owns the source speaks for everyone who used
    // it (a supplier's recall reaches the partner teams). Someone who may only change it
    // through a share speaks for the entries they may change themselves; the others are
    // counted, left for their teams to flag.
    let owners = source_team(&txn, kind, id).await?;
    let speaks_for_all = person.memberships.iter().any(|m| Some(m.team_id) == owners);
    let mut left_to_others = 0;
    let now = Utc::now().trunc_subsecs(6);
    let mut flagged = Vec::new();
    for entry in affected.iter().filter(|e| !already.contains(e)) {
        if !speaks_for_all
            && crate::accounts::permissions::of_node(&txn, person, (NodeKind::Entry, *entry))
                .await?
                < Access::Write
        {
            left_to_others += 1;
            continue;
        }
        entry_flags::Entity::insert(entry_flags::ActiveModel::from(entry_flags::Model {
            id: Uuid::now_v7(),
            entry_id: *entry,
            reason: reason.clone(),
            source_kind: kind.kind(),
            source_id: id,
            window_from: query.from,
            window_to: query.to,
            created_by: Some(person.id),
            created_at: now,
        }))
        .exec_without_returning(&txn)
        .await?;
        flagged.push(*entry);
    }
    let record = serde_json::json!({
        "source_kind": kind.as_str(),
        "source_id": id,
        "reason": reason,
        "from": query.from,
        "to": query.to,
        "flagged_entries": flagged,
        "left_to_their_teams": left_to_others,
    });
    audit::record(&txn, person, KIND, "trace.flag", id, None, &record).await?;
    txn.commit().await?;
    let seen = trace::visible_entries(db, person, &flagged).await?;
    Ok(FlagOutcome {
        flagged: flagged.len(),
        restricted: flagged.len() - seen.len(),
        entries: flagged.into_iter().filter(|e| seen.contains(e)).collect(),
        left_to_their_teams: left_to_others,
    })
}

/// The team that owns a recall's source.
async fn source_team(db: &impl ConnectionTrait, kind: NodeKind, id: Uuid) -> Result<Option<Uuid>> {
    Ok(match kind {
        NodeKind::Lot => lots::Entity::find_by_id(id)
            .one(db)
            .await?
            .map(|r| r.team_id),
        NodeKind::Sample => samples::Entity::find_by_id(id)
            .one(db)
            .await?
            .map(|r| r.team_id),
        NodeKind::Instrument => instruments::Entity::find_by_id(id)
            .one(db)
            .await?
            .map(|r| r.team_id),
        _ => None,
    })
}

/// Entries among `entries` already flagged from this source for this reason.
async fn existing(
    db: &impl ConnectionTrait,
    source: Uuid,
    reason: &str,
    entries: &[Uuid],
) -> Result<HashSet<Uuid>> {
    let mut out = HashSet::new();
    for condition in among(db, entry_flags::Column::EntryId, entries) {
        for f in entry_flags::Entity::find()
            .filter(entry_flags::Column::SourceId.eq(source))
            .filter(entry_flags::Column::Reason.eq(reason))
            .filter(condition)
            .all(db)
            .await?
        {
            out.insert(f.entry_id);
        }
    }
    Ok(out)
}
