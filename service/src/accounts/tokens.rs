//! Personal API tokens: named, optionally expiring, read-only or read-write, revocable.
//! The secret is shown once; only its SHA-256 is stored.

use chrono::{DateTime, Duration, SubsecRound, Utc};
use domain::{
    account::{ApiToken, CreatedApiToken, NewApiToken},
    kind::Kind,
    person::{parse_name, Person},
    DomainError,
};
use sea_orm::{
    sea_query::Expr, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder,
};
use uuid::Uuid;

use crate::{
    accounts::permissions::{Credential, Principal},
    accounts::secret,
    audit::{self, Change},
    entities::api_tokens,
    error::Result,
    write, Actor,
};

/// Tokens start with this, so secret scanners and people can recognise one.
pub const PREFIX: &str = "pai_";

/// Creates a token for `person`; the returned `token` is the only copy of the secret.
pub async fn create(
    db: &DatabaseConnection,
    actor: &Actor,
    person: &Person,
    new: NewApiToken,
) -> Result<CreatedApiToken> {
    let name = parse_name("name", &new.name)?;
    let expires_at = match new.expires_in_days {
        None => None,
        Some(days @ 1..=3650) => Some(Utc::now().trunc_subsecs(6) + Duration::days(days)),
        Some(_) => {
            return Err(DomainError::invalid(
                "expires_in_days",
                "out_of_range",
                "must be between 1 and 3650",
            )
            .into())
        }
    };
    let token = format!("{PREFIX}{}", secret::new_token());
    let model = api_tokens::Model {
        id: Uuid::now_v7(),
        person_id: person.id,
        name,
        token_hash: secret::sha256_hex(&token),
        read_only: new.read_only,
        created_at: Utc::now().trunc_subsecs(6),
        expires_at,
        last_used_at: None,
        revoked_at: None,
    };
    let txn = write::begin(db).await?;
    api_tokens::Entity::insert(api_tokens::ActiveModel::from(model.clone()))
        .exec_without_returning(&txn)
        .await?;
    let info = into_dto(model);
    audit::append(
        &txn,
        actor,
        Change {
            action: "token.create",
            entity_kind: Kind::Person.as_str(),
            entity_id: person.id.to_string(),
            before: None,
            after: Some(&info),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(CreatedApiToken { token, info })
}

/// A person's tokens, newest first, revoked ones included (they show when and which).
pub async fn list(db: &DatabaseConnection, person: &Person) -> Result<Vec<ApiToken>> {
    Ok(api_tokens::Entity::find()
        .filter(api_tokens::Column::PersonId.eq(person.id))
        .order_by_desc(api_tokens::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(into_dto)
        .collect())
}

/// Revokes one of the person's own tokens; someone else's is "not found".
/// Revokes every live token of a person, inside the caller's write transaction (which
/// records why: a password change); how many.
pub(crate) async fn revoke_all(txn: &impl ConnectionTrait, person_id: Uuid) -> Result<u64> {
    Ok(api_tokens::Entity::update_many()
        .col_expr(
            api_tokens::Column::RevokedAt,
            Expr::value(Some(Utc::now().trunc_subsecs(6))),
        )
        .filter(api_tokens::Column::PersonId.eq(person_id))
        .filter(api_tokens::Column::RevokedAt.is_null())
        .exec(txn)
        .await?
        .rows_affected)
}

pub async fn revoke(db: &DatabaseConnection, person: &Person, id: Uuid) -> Result<()> {
    let txn = write::begin(db).await?;
    let token = api_tokens::Entity::find_by_id(id)
        .one(&txn)
        .await?
        .filter(|t| t.person_id == person.id)
        .ok_or_else(|| DomainError::not_found("token"))?;
    if token.revoked_at.is_none() {
        api_tokens::Entity::update_many()
            .col_expr(
                api_tokens::Column::RevokedAt,
                Expr::value(Some(Utc::now().trunc_subsecs(6))),
            )
            .filter(api_tokens::Column::Id.eq(id))
            .exec(&txn)
            .await?;
        audit::append(
            &txn,
            &Actor::person(person),
            Change::<ApiToken> {
                action: "token.revoke",
                entity_kind: Kind::Person.as_str(),
                entity_id: person.id.to_string(),
                before: Some(&into_dto(token)),
                after: None,
            },
        )
        .await?;
    }
    txn.commit().await?;
    Ok(())
}

/// The person a bearer token acts for, if it is known, not revoked, not expired and its
/// owner not disabled.
pub async fn authenticate(
    db: &DatabaseConnection,
    token: &str,
    now: DateTime<Utc>,
) -> Result<Option<Principal>> {
    if !token.starts_with(PREFIX) {
        return Ok(None);
    }
    let Some(row) = api_tokens::Entity::find()
        .filter(api_tokens::Column::TokenHash.eq(secret::sha256_hex(token)))
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let alive = row.revoked_at.is_none() && row.expires_at.is_none_or(|e| now < e);
    if !alive {
        return Ok(None);
    }
    // Written at most once a minute: scripts polling do not turn reads into writes.
    if row
        .last_used_at
        .is_none_or(|t| now - t > Duration::seconds(60))
    {
        api_tokens::Entity::update_many()
            .col_expr(
                api_tokens::Column::LastUsedAt,
                Expr::value(Some(now.trunc_subsecs(6))),
            )
            .filter(api_tokens::Column::Id.eq(row.id))
            .exec(db)
            .await?;
    }
    Ok(crate::accounts::people::load_active(db, row.person_id)
        .await?
        .map(|person| Principal {
            person,
            credential: Credential::Token {
                id: row.id,
                read_only: row.read_only,
            },
        }))
}

fn into_dto(m: api_tokens::Model) -> ApiToken {
    ApiToken {
        id: m.id,
        name: m.name,
        read_only: m.read_only,
        created_at: m.created_at,
        expires_at: m.expires_at,
        last_used_at: m.last_used_at,
        revoked_at: m.revoked_at,
    }
}
