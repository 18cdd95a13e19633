//! Signing in and out. Sessions live in the database (several server instances share
//! them); the cookie holds a random token of which only the SHA-256 is stored.

use base64::{engine::general_purpose::URL_SAFE_NO_PAD, Engine};
use chrono::{DateTime, Duration, SubsecRound, Utc};
use domain::{
    person::{Email, Person},
    DomainError,
};
use rand::RngCore;
use sea_orm::{
    sea_query::Expr, ActiveValue::Set, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter,
};
use sha2::{Digest, Sha256};
use tokio::sync::OnceCell;
use uuid::Uuid;

use crate::{
    audit::{self, Change},
    entities::{people, sessions},
    error::Result,
    password, write, Actor,
};

/// How long a session lives: `idle` without use, `lifetime` at most in all.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SessionPolicy {
    pub idle: Duration,
    pub lifetime: Duration,
}

impl Default for SessionPolicy {
    /// A working day without use; a week at most.
    fn default() -> Self {
        Self {
            idle: Duration::hours(12),
            lifetime: Duration::days(7),
        }
    }
}

/// A successful sign-in: the token goes in the cookie and nowhere else.
#[derive(Debug, Clone)]
pub struct SignedIn {
    pub token: String,
    pub person: Person,
    pub expires_at: DateTime<Utc>,
}

/// `last_seen_at` is written at most this often, so reading pages is not a write each time.
const TOUCH_EVERY: Duration = Duration::seconds(60);

fn unauthenticated() -> DomainError {
    DomainError::Unauthenticated {
        reason: "wrong e-mail or password".into(),
    }
}

/// Checks the password and opens a session. Unknown e-mail and wrong password get the
/// same answer after the same amount of work; both are audited.
pub async fn login(
    db: &DatabaseConnection,
    policy: SessionPolicy,
    email: &str,
    password_attempt: &str,
    user_agent: Option<String>,
) -> Result<SignedIn> {
    let typed = email.trim().to_lowercase();
    let person = match Email::parse(email) {
        Ok(email) => people::Entity::find()
            .filter(people::Column::Email.eq(email.as_str()))
            .one(db)
            .await?
            .filter(|p| p.disabled_at.is_none()),
        Err(_) => None,
    };
    let stored = person.as_ref().and_then(|p| p.password_hash.clone());
    let matches = match stored {
        Some(hash) => password::verify(password_attempt.to_owned(), hash).await?,
        None => {
            // Spend the same time as a real check, so timing does not reveal accounts.
            password::verify(password_attempt.to_owned(), dummy_hash().await?).await?;
            false
        }
    };
    let Some(person) = person.filter(|_| matches) else {
        audit_login(
            db,
            "auth.login_failed",
            &typed.chars().take(254).collect::<String>(),
        )
        .await?;
        return Err(unauthenticated().into());
    };

    let token = new_token();
    let now = Utc::now().trunc_subsecs(6);
    let expires_at = now + policy.lifetime;
    let txn = write::begin(db).await?;
    sessions::Entity::insert(sessions::ActiveModel {
        token_hash: Set(token_hash(&token)),
        person_id: Set(person.id),
        created_at: Set(now),
        last_seen_at: Set(now),
        expires_at: Set(expires_at),
        revoked_at: Set(None),
        user_agent: Set(user_agent.map(|ua| ua.chars().take(300).collect())),
    })
    .exec_without_returning(&txn)
    .await?;
    audit::append(
        &txn,
        &Actor(person.id.to_string()),
        Change::<()> {
            action: "auth.login",
            entity_kind: "person",
            entity_id: person.id.to_string(),
            before: None,
            after: None,
        },
    )
    .await?;
    txn.commit().await?;
    let person = crate::people::load(db, person.id)
        .await?
        .ok_or_else(unauthenticated)?;
    Ok(SignedIn {
        token,
        person,
        expires_at,
    })
}

async fn audit_login(db: &DatabaseConnection, action: &str, who: &str) -> Result<()> {
    let txn = write::begin(db).await?;
    audit::append(
        &txn,
        &Actor("anonymous".into()),
        Change::<()> {
            action,
            entity_kind: "person",
            entity_id: who.to_owned(),
            before: None,
            after: None,
        },
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// The person a session token belongs to, if the session is alive.
pub async fn authenticate(
    db: &DatabaseConnection,
    policy: SessionPolicy,
    token: &str,
) -> Result<Option<Person>> {
    authenticate_at(db, policy, token, Utc::now()).await
}

/// [`authenticate`] at a given time (tests use it to step past the timeouts).
pub async fn authenticate_at(
    db: &DatabaseConnection,
    policy: SessionPolicy,
    token: &str,
    now: DateTime<Utc>,
) -> Result<Option<Person>> {
    let hash = token_hash(token);
    let Some(session) = sessions::Entity::find_by_id(hash.clone()).one(db).await? else {
        return Ok(None);
    };
    let alive = session.revoked_at.is_none()
        && now < session.expires_at
        && now < session.last_seen_at + policy.idle;
    if !alive {
        return Ok(None);
    }
    if now - session.last_seen_at > TOUCH_EVERY {
        sessions::Entity::update_many()
            .col_expr(
                sessions::Column::LastSeenAt,
                Expr::value(now.trunc_subsecs(6)),
            )
            .filter(sessions::Column::TokenHash.eq(hash))
            .exec(db)
            .await?;
    }
    crate::people::load(db, session.person_id).await
}

/// Ends one session (signing out on this device).
pub async fn logout(db: &DatabaseConnection, token: &str) -> Result<()> {
    revoke(db, sessions::Column::TokenHash.eq(token_hash(token))).await
}

/// Ends every session of a person ("sign out everywhere").
pub async fn logout_everywhere(db: &DatabaseConnection, person_id: Uuid) -> Result<()> {
    revoke(db, sessions::Column::PersonId.eq(person_id)).await
}

async fn revoke(db: &DatabaseConnection, which: sea_orm::sea_query::SimpleExpr) -> Result<()> {
    sessions::Entity::update_many()
        .col_expr(
            sessions::Column::RevokedAt,
            Expr::value(Some(Utc::now().trunc_subsecs(6))),
        )
        .filter(which)
        .filter(sessions::Column::RevokedAt.is_null())
        .exec(db)
        .await?;
    Ok(())
}

fn new_token() -> String {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    URL_SAFE_NO_PAD.encode(bytes)
}

fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// A hash to verify against when the account does not exist.
async fn dummy_hash() -> Result<String> {
    static DUMMY: OnceCell<String> = OnceCell::const_new();
    DUMMY
        .get_or_try_init(|| password::hash(new_token()))
        .await
        .cloned()
}
