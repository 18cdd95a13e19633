//! Brute-force protection for sign-in: after a few failures for one account, or more for
//! one client address (a lab's NAT hides many people), sign-in is refused for a delay
//! that doubles with each further failure.

use chrono::{DateTime, Duration, SubsecRound, Utc};
use domain::DomainError;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder,
};
use uuid::Uuid;

use crate::{entities::login_failures, error::Result};

/// Failures allowed before the first delay, and how the delay grows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ThrottlePolicy {
    pub free_per_account: u32,
    pub free_per_address: u32,
    pub first_delay: Duration,
    pub max_delay: Duration,
    /// Failures older than this are forgotten.
    pub memory: Duration,
}

impl Default for ThrottlePolicy {
    fn default() -> Self {
        Self {
            free_per_account: 5,
            free_per_address: 20,
            first_delay: Duration::seconds(30),
            max_delay: Duration::hours(1),
            memory: Duration::hours(24),
        }
    }
}

/// What a failure counts against.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    Account,
    Address,
}

impl Scope {
    fn as_str(self) -> &'static str {
        match self {
            Self::Account => "account",
            Self::Address => "address",
        }
    }
}

impl ThrottlePolicy {
    fn free(&self, scope: Scope) -> u32 {
        match scope {
            Scope::Account => self.free_per_account,
            Scope::Address => self.free_per_address,
        }
    }

    /// How long to wait after `failures` failures, the last at `last`; `None` when a new
    /// attempt is allowed at `now`.
    pub fn wait(
        &self,
        scope: Scope,
        failures: u32,
        last: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> Option<Duration> {
        let over = failures.checked_sub(self.free(scope))?;
        let delay = self
            .first_delay
            .checked_mul(1i32.checked_shl(over.min(20)).unwrap_or(i32::MAX))
            .unwrap_or(self.max_delay)
            .min(self.max_delay);
        let until = last + delay;
        (until > now).then(|| until - now)
    }
}

/// Refuses with [`DomainError::Throttled`] while any of `subjects` is held back.
pub async fn check(
    db: &DatabaseConnection,
    policy: &ThrottlePolicy,
    subjects: &[(Scope, &str)],
    now: DateTime<Utc>,
) -> Result<()> {
    let mut longest = Duration::zero();
    for (scope, subject) in subjects {
        let recent = login_failures::Entity::find()
            .filter(login_failures::Column::Scope.eq(scope.as_str()))
            .filter(login_failures::Column::Subject.eq(*subject))
            .filter(login_failures::Column::FailedAt.gt(now - policy.memory))
            .order_by_desc(login_failures::Column::FailedAt)
            .all(db)
            .await?;
        if let Some(last) = recent.first() {
            if let Some(wait) = policy.wait(*scope, recent.len() as u32, last.failed_at, now) {
                longest = longest.max(wait);
            }
        }
    }
    if longest > Duration::zero() {
        // Rounded up: retrying at the announced second must work.
        let secs = (longest.num_milliseconds() + 999) / 1000;
        return Err(DomainError::Throttled {
            retry_after_secs: secs.max(1) as u64,
        }
        .into());
    }
    Ok(())
}

/// Counts one failure against each subject, and forgets failures past the policy's memory.
pub async fn record_failure(
    db: &DatabaseConnection,
    policy: &ThrottlePolicy,
    subjects: &[(Scope, &str)],
    now: DateTime<Utc>,
) -> Result<()> {
    login_failures::Entity::delete_many()
        .filter(login_failures::Column::FailedAt.lt(now - policy.memory))
        .exec(db)
        .await?;
    for (scope, subject) in subjects {
        login_failures::Entity::insert(login_failures::ActiveModel {
            id: Set(Uuid::now_v7()),
            scope: Set(scope.as_str().to_owned()),
            subject: Set((*subject).to_owned()),
            failed_at: Set(now.trunc_subsecs(6)),
        })
        .exec_without_returning(db)
        .await?;
    }
    Ok(())
}

/// A successful sign-in clears the account's failures (not the address's: one correct
/// password must not reset a guessing run against other accounts).
pub async fn clear_account(db: &DatabaseConnection, account: &str) -> Result<()> {
    login_failures::Entity::delete_many()
        .filter(login_failures::Column::Scope.eq(Scope::Account.as_str()))
        .filter(login_failures::Column::Subject.eq(account))
        .exec(db)
        .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_delay_doubles_then_caps() {
        let p = ThrottlePolicy::default();
        let t = Utc::now();
        assert_eq!(p.wait(Scope::Account, 4, t, t), None);
        assert_eq!(p.wait(Scope::Account, 5, t, t), Some(Duration::seconds(30)));
        assert_eq!(p.wait(Scope::Account, 6, t, t), Some(Duration::seconds(60)));
        assert_eq!(
            p.wait(Scope::Account, 8, t, t),
            Some(Duration::seconds(240))
        );
        assert_eq!(p.wait(Scope::Account, 60, t, t), Some(Duration::hours(1)));
        assert_eq!(
            p.wait(Scope::Account, 5, t, t + Duration::seconds(31)),
            None
        );
        assert_eq!(p.wait(Scope::Address, 19, t, t), None);
        assert!(p.wait(Scope::Address, 20, t, t).is_some());
    }
}
