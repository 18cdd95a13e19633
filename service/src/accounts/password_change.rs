//! A person changing their own password: checked like a sign-in, and everything opened
//! with the old one (other sessions, API tokens) ends with it.

use chrono::Utc;
use domain::{
    kind::Kind,
    person::{check_password, Person},
    DomainError, FieldError,
};
use sea_orm::{ActiveValue::Set, DatabaseConnection, EntityTrait};

use crate::{
    accounts::{
        password, sessions,
        throttle::{self, Scope, ThrottlePolicy},
        tokens,
    },
    audit::{self, Change},
    entities::people,
    error::Result,
    write, Actor,
};

/// Changes a person's own password: the current one must be given (a borrowed unlocked
/// tablet is not enough to take over the account). Other sessions are ended, except
/// `keep_session`.
pub async fn change_password(
    db: &DatabaseConnection,
    limits: &ThrottlePolicy,
    person: &Person,
    current: &str,
    new: &str,
    keep_session: Option<&str>,
) -> Result<()> {
    // Guessing the current password here is throttled like signing in.
    let account = [(Scope::Account, person.email.as_str())];
    let pending = throttle::admit(db, limits, &account, Utc::now()).await?;
    let stored = people::Entity::find_by_id(person.id)
        .one(db)
        .await?
        .and_then(|p| p.password_hash);
    let current_ok = match stored {
        Some(hash) => password::verify(current.to_owned(), hash).await?,
        None => false,
    };
    if current_ok {
        throttle::succeeded(db, &person.email, &pending).await?;
    }
    let mut errors = Vec::new();
    if !current_ok {
        errors.push(FieldError::new(
            "current_password",
            "wrong",
            "is not your current password",
        ));
    }
    if let Err(e) = check_password(new, password::is_common) {
        errors.extend(
            e.field_errors()
                .iter()
                .map(|fe| FieldError::new("new_password", &fe.code, &fe.message)),
        );
    }
    if !errors.is_empty() {
        return Err(DomainError::Validation(errors).into());
    }
    let hash = password::hash(new.to_owned()).await?;
    let txn = write::begin(db).await?;
    people::Entity::update(people::ActiveModel {
        id: Set(person.id),
        password_hash: Set(Some(hash)),
        ..Default::default()
    })
    .exec(&txn)
    .await?;
    // A password is changed because it may have leaked: whatever was opened with it ends,
    // the API tokens too (one made by whoever had the password would outlive it).
    let sessions_ended = sessions::end_sessions(&txn, person.id, keep_session).await?;
    let tokens_revoked = tokens::revoke_all(&txn, person.id).await?;
    audit::append(
        &txn,
        &Actor::person(person),
        Change {
            action: "person.password_change",
            entity_kind: Kind::Person.as_str(),
            entity_id: person.id.to_string(),
            before: None,
            after: Some(&serde_json::json!({
                "sessions_ended": sessions_ended,
                "tokens_revoked": tokens_revoked,
            })),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
