//! Brute-force protection for sign-in: after a few failures for one account, or more for
//! one client address (a lab's NAT hides many people; an IPv6 client, its whole /64), sign-in
//! is refused for a delay that doubles with each further failure.
//!
//! A refused attempt writes nothing: it is turned away by a read before the write lock
//! is taken (anonymous requests must not be able to queue every writer behind them), and
//! refusals are recorded in the audit log once a minute per account, not once each.

use chrono::{DateTime, Duration, SubsecRound, Utc};
use domain::DomainError;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, EntityTrait,
    QueryFilter, QueryOrder,
};
use uuid::Uuid;

use crate::{entities::login_failures, error::Result, write};

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

/// Lets an attempt through unless one of `subjects` is held back ([`DomainError::Throttled`]).
/// An admitted attempt is counted as a failure at once, before the password is checked,
/// so guesses sent all together are counted all together; [`succeeded`] takes it back.
/// Check and count happen under the write lock: attempts are admitted one at a time.
pub async fn admit(
    db: &DatabaseConnection,
    policy: &ThrottlePolicy,
    subjects: &[(Scope, &str)],
    now: DateTime<Utc>,
) -> Result<Vec<Uuid>> {
    // A read first, without the lock: a flood of refused attempts stops here.
    refuse_if_held(db, policy, subjects, now).await?;
    let txn = write::begin(db).await?;
    login_failures::Entity::delete_many()
        .filter(login_failures::Column::FailedAt.lt(now - policy.memory))
        .exec(&txn)
        .await?;
    // Again under the lock: attempts sent together are admitted one at a time.
    refuse_if_held(&txn, policy, subjects, now).await?;
    let mut ids = Vec::with_capacity(subjects.len());
    for (scope, subject) in subjects {
        let id = Uuid::now_v7();
        login_failures::Entity::insert(login_failures::ActiveModel {
            id: Set(id),
            scope: Set(scope.as_str().to_owned()),
            subject: Set((*subject).to_owned()),
            failed_at: Set(now.trunc_subsecs(6)),
        })
        .exec_without_returning(&txn)
        .await?;
        ids.push(id);
    }
    txn.commit().await?;
    Ok(ids)
}

/// Refuses ([`DomainError::Throttled`]) when one of `subjects` is held back at `now`.
async fn refuse_if_held(
    db: &impl ConnectionTrait,
    policy: &ThrottlePolicy,
    subjects: &[(Scope, &str)],
    now: DateTime<Utc>,
) -> Result<()> {
    let mut longest = Duration::zero();
    for (scope, subject) in subjects {
        let recent = login_failures::Entity::find()
            .filter(login_failures::Column::Scope.eq(scope.as_str()))
            .filter(login_failures::Column::Subject.eq(*subject))
            .filter(login_failures::Column::FailedAt.gte(now - policy.memory))
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

/// The key an address's failures count under: an IPv4 address as it is, an IPv6 one by
/// its /64 (one machine gets a whole /64 and can pick a new address per attempt), an
/// IPv4 address written as IPv6 (`::ffff:a.b.c.d`) as the IPv4 one.
pub fn address_key(ip: std::net::IpAddr) -> String {
    match ip {
        std::net::IpAddr::V4(v4) => v4.to_string(),
        std::net::IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => v4.to_string(),
            None => {
                let s = v6.segments();
                let prefix = std::net::Ipv6Addr::new(s[0], s[1], s[2], s[3], 0, 0, 0, 0);
                format!("{prefix}/64")
            }
        },
    }
}

/// The attempt admitted as `pending` was right: it was no failure, and the account's
/// earlier failures are forgiven (not the address's: one correct password must not reset
/// a guessing run against other accounts).
pub async fn succeeded(db: &DatabaseConnection, account: &str, pending: &[Uuid]) -> Result<()> {
    login_failures::Entity::delete_many()
        .filter(
            Condition::any()
                .add(login_failures::Column::Id.is_in(pending.iter().copied()))
                .add(
                    Condition::all()
                        .add(login_failures::Column::Scope.eq(Scope::Account.as_str()))
                        .add(login_failures::Column::Subject.eq(account)),
                ),
        )
        .exec(db)
        .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_ipv6_client_counts_by_its_64() {
        let key = |s: &str| address_key(s.parse().unwrap());
        assert_eq!(
            key("2001:db8:1:2:aaaa::1"),
            key("2001:db8:1:2:bbbb:cccc:dddd:9")
        );
        assert_eq!(key("2001:db8:1:2::1"), "2001:db8:1:2::/64");
        assert_ne!(key("2001:db8:1:3::1"), key("2001:db8:1:2::1"));
        assert_eq!(key("192.0.2.7"), "192.0.2.7");
        assert_eq!(key("::ffff:192.0.2.7"), "192.0.2.7");
    }

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
