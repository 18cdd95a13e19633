//! Signing in and out. Sessions live in the database (several server instances share
//! them); the cookie holds a random token of which only the SHA-256 is stored.

use chrono::{DateTime, Duration, SubsecRound, Utc};
use domain::{
    account::SessionInfo,
    kind::Kind,
    person::{Email, Person},
    DomainError,
};
use sea_orm::{
    sea_query::{Expr, ExprTrait},
    ActiveValue::Set,
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder,
};
use tokio::sync::OnceCell;
use uuid::Uuid;

use crate::{
    accounts::password,
    accounts::permissions::{Credential, Principal},
    accounts::secret,
    accounts::throttle::{self, Scope, ThrottlePolicy},
    audit::{self, Change},
    entities::{people, sessions},
    error::Result,
    write, Actor,
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

/// One sign-in attempt, as received.
#[derive(Debug, Clone, Default)]
pub struct LoginAttempt {
    pub email: String,
    pub password: String,
    pub user_agent: Option<String>,
    /// The client's IP address, for throttling per address.
    pub address: Option<String>,
}

/// Checks the password and opens a session. Unknown e-mail and wrong password get the
/// same answer after the same amount of work; both are audited. Repeated failures for
/// one account or one address are held back ([`throttle`]).
pub async fn login(
    db: &DatabaseConnection,
    policy: SessionPolicy,
    limits: &ThrottlePolicy,
    attempt: LoginAttempt,
) -> Result<SignedIn> {
    let LoginAttempt {
        email,
        password: password_attempt,
        user_agent,
        address,
    } = attempt;
    let typed: String = email.trim().to_lowercase().chars().take(254).collect();
    let mut subjects = vec![(Scope::Account, typed.as_str())];
    if let Some(address) = address.as_deref() {
        subjects.push((Scope::Address, address));
    }
    let pending = match throttle::admit(db, limits, &subjects, Utc::now()).await {
        Ok(pending) => pending,
        Err(refused) => {
            // Recorded once a minute per account, not once per refusal: a flood of
            // refused attempts must not write (and queue every writer) at its own pace.
            if !refusal_recorded_lately(db, &typed).await? {
                audit_login(db, "auth.login_throttled", &typed).await?;
            }
            return Err(refused);
        }
    };
    let person = match Email::parse(&email) {
        Ok(email) => people::Entity::find()
            .filter(people::Column::Email.eq(email.as_str()))
            .one(db)
            .await?
            .filter(|p| p.disabled_at.is_none()),
        Err(_) => None,
    };
    let stored = person.as_ref().and_then(|p| p.password_hash.clone());
    let matches = match stored {
        Some(hash) => password::verify(password_attempt.clone(), hash).await?,
        None => {
            // Spend the same time as a real check, so timing does not reveal accounts.
            password::verify(password_attempt.clone(), dummy_hash().await?).await?;
            false
        }
    };
    let Some(person) = person.filter(|_| matches) else {
        audit_login(db, "auth.login_failed", &typed).await?;
        return Err(unauthenticated().into());
    };
    throttle::succeeded(db, &typed, &pending).await?;

    let token = secret::new_token();
    let now = Utc::now().trunc_subsecs(6);
    let expires_at = now + policy.lifetime;
    let txn = write::begin(db).await?;
    sessions::Entity::insert(sessions::ActiveModel {
        token_hash: Set(secret::sha256_hex(&token)),
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
            entity_kind: Kind::Person.as_str(),
            entity_id: person.id.to_string(),
            before: None,
            after: None,
        },
    )
    .await?;
    txn.commit().await?;
    let person = crate::accounts::people::load(db, person.id)
        .await?
        .ok_or_else(unauthenticated)?;
    Ok(SignedIn {
        token,
        person,
        expires_at,
    })
}

/// Whether a refused sign-in for `who` was recorded in the last minute.
async fn refusal_recorded_lately(db: &DatabaseConnection, who: &str) -> Result<bool> {
    use sea_orm::{QueryOrder, QuerySelect};
    let since = Utc::now() - chrono::Duration::minutes(1);
    let last = crate::entities::audit_log::Entity::find()
        .filter(crate::entities::audit_log::Column::EntityKind.eq(Kind::Person.as_str()))
        .filter(crate::entities::audit_log::Column::EntityId.eq(who))
        .filter(crate::entities::audit_log::Column::Action.eq("auth.login_throttled"))
        .order_by_desc(crate::entities::audit_log::Column::Seq)
        .limit(1)
        .one(db)
        .await?;
    Ok(last.is_some_and(|r| r.at >= since))
}

async fn audit_login(db: &DatabaseConnection, action: &str, who: &str) -> Result<()> {
    let txn = write::begin(db).await?;
    audit::append(
        &txn,
        &Actor("anonymous".into()),
        Change::<()> {
            action,
            entity_kind: Kind::Person.as_str(),
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
) -> Result<Option<Principal>> {
    authenticate_at(db, policy, token, Utc::now()).await
}

/// [`authenticate`] at a given time (tests use it to step past the timeouts).
pub async fn authenticate_at(
    db: &DatabaseConnection,
    policy: SessionPolicy,
    token: &str,
    now: DateTime<Utc>,
) -> Result<Option<Principal>> {
    let hash = secret::sha256_hex(token);
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
    Ok(crate::accounts::people::load_active(db, session.person_id)
        .await?
        .map(|person| Principal {
            person,
            credential: Credential::Session {
                csrf_token: csrf_token(token),
            },
        }))
}

/// The CSRF token of a session: derived from the session's secret, so it needs no
/// storage and another site, which cannot read the cookie, cannot compute it.
pub fn csrf_token(session_token: &str) -> String {
    secret::sha256_hex(&format!("paillasse csrf v1\0{session_token}"))
}

/// The person's live sessions, most recent first; `current` marks the caller's.
pub async fn list(
    db: &DatabaseConnection,
    policy: SessionPolicy,
    person: &Person,
    current_token: Option<&str>,
) -> Result<Vec<SessionInfo>> {
    let current = current_token.map(secret::sha256_hex);
    let now = Utc::now();
    Ok(sessions::Entity::find()
        .filter(sessions::Column::PersonId.eq(person.id))
        .filter(sessions::Column::RevokedAt.is_null())
        .filter(sessions::Column::ExpiresAt.gt(now))
        .filter(sessions::Column::LastSeenAt.gt(now - policy.idle))
        .order_by_desc(sessions::Column::LastSeenAt)
        .all(db)
        .await?
        .into_iter()
        .map(|s| SessionInfo {
            id: public_id(&s.token_hash),
            current: current.as_deref() == Some(s.token_hash.as_str()),
            created_at: s.created_at,
            last_seen_at: s.last_seen_at,
            expires_at: s.expires_at,
            user_agent: s.user_agent,
        })
        .collect())
}

/// Ends one of the person's sessions by its public id; someone else's is "not found".
pub async fn revoke_one(db: &DatabaseConnection, person: &Person, id: &str) -> Result<()> {
    let found = sessions::Entity::find()
        .filter(sessions::Column::PersonId.eq(person.id))
        .filter(sessions::Column::RevokedAt.is_null())
        .all(db)
        .await?
        .into_iter()
        .find(|s| public_id(&s.token_hash) == id)
        .ok_or_else(|| DomainError::not_found("session"))?;
    let txn = write::begin(db).await?;
    let ended = revoke(&txn, sessions::Column::TokenHash.eq(found.token_hash)).await?;
    audit_session_end(&txn, person.id, "auth.session_revoke", ended).await?;
    txn.commit().await?;
    Ok(())
}

/// A session's handle in lists: a prefix of the stored hash (itself a hash of the secret).
fn public_id(token_hash: &str) -> String {
    token_hash.chars().take(16).collect()
}

/// Ends one session (signing out on this device).
pub async fn logout(db: &DatabaseConnection, token: &str) -> Result<()> {
    let hash = secret::sha256_hex(token);
    let txn = write::begin(db).await?;
    let live = sessions::Entity::find_by_id(hash.clone())
        .one(&txn)
        .await?
        .filter(|s| s.revoked_at.is_none());
    if let Some(session) = live {
        revoke(&txn, sessions::Column::TokenHash.eq(hash)).await?;
        audit_session_end(&txn, session.person_id, "auth.logout", 1).await?;
    }
    txn.commit().await?;
    Ok(())
}

/// Ends every session of a person ("sign out everywhere"), but `keep` if given; audited.
pub async fn logout_everywhere(
    db: &DatabaseConnection,
    person_id: Uuid,
    keep: Option<&str>,
) -> Result<()> {
    let txn = write::begin(db).await?;
    let ended = end_sessions(&txn, person_id, keep).await?;
    audit_session_end(&txn, person_id, "auth.logout_everywhere", ended).await?;
    txn.commit().await?;
    Ok(())
}

/// Ends a person's sessions but `keep`, inside the caller's write transaction (which
/// records why); how many ended.
pub(crate) async fn end_sessions(
    txn: &impl ConnectionTrait,
    person_id: Uuid,
    keep: Option<&str>,
) -> Result<u64> {
    let mut which = sessions::Column::PersonId.eq(person_id);
    if let Some(keep) = keep {
        which = which.and(sessions::Column::TokenHash.ne(secret::sha256_hex(keep)));
    }
    revoke(txn, which).await
}

async fn audit_session_end(
    txn: &impl ConnectionTrait,
    person_id: Uuid,
    action: &str,
    ended: u64,
) -> Result<()> {
    audit::append(
        txn,
        &Actor(person_id.to_string()),
        Change {
            action,
            entity_kind: Kind::Person.as_str(),
            entity_id: person_id.to_string(),
            before: None,
            after: Some(&serde_json::json!({ "sessions_ended": ended })),
        },
    )
    .await?;
    Ok(())
}

async fn revoke(db: &impl ConnectionTrait, which: sea_orm::sea_query::SimpleExpr) -> Result<u64> {
    Ok(sessions::Entity::update_many()
        .col_expr(
            sessions::Column::RevokedAt,
            Expr::value(Some(Utc::now().trunc_subsecs(6))),
        )
        .filter(which)
        .filter(sessions::Column::RevokedAt.is_null())
        .exec(db)
        .await?
        .rows_affected)
}

/// A hash to verify against when the account does not exist.
async fn dummy_hash() -> Result<String> {
    static DUMMY: OnceCell<String> = OnceCell::const_new();
    DUMMY
        .get_or_try_init(|| password::hash(secret::new_token()))
        .await
        .cloned()
}
