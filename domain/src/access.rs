//! Who may do what with a thing: the one place the access rules live.
//!
//! Everything belongs to a team. Its members see it; what they may do depends on their
//! role there. The owning team (or the thing's creator) may share it, read-only or
//! read-write, with other teams. Someone who may not see a thing must not learn that it
//! exists (404); someone who may see it but not change it is told so (403).

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::{
    person::{Person, TeamRole},
    DomainError,
};

/// What a person may do with one thing, from least to most.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Access {
    /// Does not know it exists.
    None,
    Read,
    /// Change it (and, for things that hold others, add to it).
    Write,
    /// Change it, share it, give it to another team.
    Manage,
}

/// How a thing is shared with another team.
#[cfg_attr(
    feature = "db",
    derive(sea_orm::DeriveValueType),
    sea_orm(
        value_type = "String",
        from_str = "ShareAccess::from_stored",
        to_str = "ShareAccess::to_stored"
    )
)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum ShareAccess {
    Read,
    Write,
}

crate::stored!(ShareAccess, "share access", [Read, Write]);

impl ShareAccess {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Read => "read",
            Self::Write => "write",
        }
    }

    pub fn parse(raw: &str) -> Result<Self, DomainError> {
        match raw.trim().to_ascii_lowercase().as_str() {
            "read" => Ok(Self::Read),
            "write" => Ok(Self::Write),
            _ => Err(DomainError::invalid(
                "access",
                "invalid",
                "must be read or write",
            )),
        }
    }
}

/// A share of one thing with one team, as listed to those who manage the thing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Share {
    pub team_id: Uuid,
    pub team_name: String,
    pub access: ShareAccess,
}

/// Who owns a thing and with whom it is shared: all the access rules need to know.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ownership {
    pub team_id: Uuid,
    /// `None` for things made before creators were recorded.
    pub created_by: Option<Uuid>,
    pub shares: Vec<(Uuid, ShareAccess)>,
}

/// The most a role allows in a team, whoever owns the thing.
fn role_ceiling(role: TeamRole) -> Access {
    match role {
        TeamRole::Manager => Access::Manage,
        TeamRole::Member => Access::Write,
        TeamRole::Viewer => Access::Read,
    }
}

/// What `person` may do with a thing owned and shared as `thing` says.
pub fn access(person: &Person, thing: &Ownership) -> Access {
    if person.is_admin {
        return Access::Manage;
    }
    person
        .memberships
        .iter()
        .map(|m| {
            let ceiling = role_ceiling(m.role);
            if m.team_id == thing.team_id {
                // The creator manages what they made while they can still write in the
                // team (a member who became a viewer no longer shares things).
                if thing.created_by == Some(person.id) && ceiling >= Access::Write {
                    Access::Manage
                } else {
                    ceiling
                }
            } else {
                let shared = thing
                    .shares
                    .iter()
                    .filter(|(team, _)| *team == m.team_id)
                    .map(|(_, a)| match a {
                        ShareAccess::Read => Access::Read,
                        ShareAccess::Write => Access::Write,
                    })
                    .max()
                    .unwrap_or(Access::None);
                // A share never gives more than the role allows, nor the right to share on.
                shared.min(ceiling).min(Access::Write)
            }
        })
        .max()
        .unwrap_or(Access::None)
}

/// Checks that `have` is at least `need`: 404 when the thing is invisible, 403 when it is
/// visible but not enough.
pub fn require(have: Access, need: Access, what: &str) -> Result<(), DomainError> {
    if have >= need {
        Ok(())
    } else if have == Access::None {
        Err(DomainError::not_found(what))
    } else {
        Err(DomainError::Forbidden {
            reason: match need {
                Access::Manage => {
                    format!("only the owning team's managers or the creator may manage this {what}")
                }
                _ => format!("you may read this {what} but not change it"),
            },
        })
    }
}

/// What `person` may do in a team itself (adding things to it, managing its people).
/// Whether `person` may add things at all (an administrator, or a manager or member of
/// some team): a viewer-only person's pages show no "add" form.
pub fn may_add(person: &Person) -> bool {
    person.is_admin
        || person
            .memberships
            .iter()
            .any(|m| team_access(person, m.team_id) >= Access::Write)
}

pub fn team_access(person: &Person, team_id: Uuid) -> Access {
    if person.is_admin {
        return Access::Manage;
    }
    person
        .memberships
        .iter()
        .filter(|m| m.team_id == team_id)
        .map(|m| role_ceiling(m.role))
        .max()
        .unwrap_or(Access::None)
}

/// The team a new thing goes to: the one asked for, or the only team the person can
/// write in. A team the person cannot see is reported like a missing one.
pub fn team_for_new(person: &Person, asked: Option<Uuid>) -> Result<Uuid, DomainError> {
    match asked {
        Some(team) => match team_access(person, team) {
            Access::None => Err(DomainError::invalid("team_id", "not_found", "no such team")),
            Access::Read => Err(DomainError::Forbidden {
                reason: "viewers may not add things to the team".into(),
            }),
            _ => Ok(team),
        },
        None => {
            let writable: Vec<Uuid> = person
                .memberships
                .iter()
                .filter(|m| role_ceiling(m.role) >= Access::Write)
                .map(|m| m.team_id)
                .collect();
            match writable.as_slice() {
                [only] => Ok(*only),
                [] if person.memberships.is_empty() => Err(DomainError::invalid(
                    "team_id",
                    "required",
                    "is required: you belong to no team",
                )),
                [] => Err(DomainError::Forbidden {
                    reason: "viewers may not add things to the team".into(),
                }),
                _ => Err(DomainError::invalid(
                    "team_id",
                    "required",
                    "is required: you belong to several teams",
                )),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::person::Membership;

    fn person(memberships: &[(Uuid, TeamRole)]) -> Person {
        Person {
            id: Uuid::from_u128(99),
            email: "p@lab.fr".into(),
            name: "P".into(),
            is_admin: false,
            memberships: memberships
                .iter()
                .map(|(team_id, role)| Membership {
                    team_id: *team_id,
                    team_name: "T".into(),
                    role: *role,
                })
                .collect(),
        }
    }

    const OWNER: Uuid = Uuid::from_u128(1);
    const OTHER: Uuid = Uuid::from_u128(2);

    fn thing(shares: &[(Uuid, ShareAccess)]) -> Ownership {
        Ownership {
            team_id: OWNER,
            created_by: None,
            shares: shares.to_vec(),
        }
    }

    #[test]
    fn roles_in_the_owning_team() {
        let t = thing(&[]);
        assert_eq!(
            access(&person(&[(OWNER, TeamRole::Manager)]), &t),
            Access::Manage
        );
        assert_eq!(
            access(&person(&[(OWNER, TeamRole::Member)]), &t),
            Access::Write
        );
        assert_eq!(
            access(&person(&[(OWNER, TeamRole::Viewer)]), &t),
            Access::Read
        );
        assert_eq!(
            access(&person(&[(OTHER, TeamRole::Manager)]), &t),
            Access::None
        );
        assert_eq!(access(&person(&[]), &t), Access::None);
        let mut admin = person(&[]);
        admin.is_admin = true;
        assert_eq!(access(&admin, &t), Access::Manage);
    }

    #[test]
    fn shares_are_capped_by_role_and_never_manage() {
        let ro = thing(&[(OTHER, ShareAccess::Read)]);
        let rw = thing(&[(OTHER, ShareAccess::Write)]);
        assert_eq!(
            access(&person(&[(OTHER, TeamRole::Manager)]), &ro),
            Access::Read
        );
        assert_eq!(
            access(&person(&[(OTHER, TeamRole::Manager)]), &rw),
            Access::Write
        );
        assert_eq!(
            access(&person(&[(OTHER, TeamRole::Viewer)]), &rw),
            Access::Read
        );
    }

    #[test]
    fn creators_manage_while_they_can_write() {
        let mut t = thing(&[]);
        t.created_by = Some(Uuid::from_u128(99));
        assert_eq!(
            access(&person(&[(OWNER, TeamRole::Member)]), &t),
            Access::Manage
        );
        assert_eq!(
            access(&person(&[(OWNER, TeamRole::Viewer)]), &t),
            Access::Read
        );
    }

    #[test]
    fn require_hides_or_forbids() {
        assert!(matches!(
            require(Access::None, Access::Read, "x"),
            Err(DomainError::NotFound { .. })
        ));
        assert!(matches!(
            require(Access::Read, Access::Write, "x"),
            Err(DomainError::Forbidden { .. })
        ));
        assert!(require(Access::Write, Access::Write, "x").is_ok());
    }

    #[test]
    fn the_team_of_a_new_thing() {
        let one = person(&[(OWNER, TeamRole::Member), (OTHER, TeamRole::Viewer)]);
        assert_eq!(team_for_new(&one, None).unwrap(), OWNER);
        assert!(matches!(
            team_for_new(&one, Some(OTHER)),
            Err(DomainError::Forbidden { .. })
        ));
        assert!(team_for_new(&one, Some(Uuid::from_u128(3))).is_err());
        let two = person(&[(OWNER, TeamRole::Member), (OTHER, TeamRole::Member)]);
        assert_eq!(
            team_for_new(&two, None).unwrap_err().field_errors()[0].field,
            "team_id"
        );
    }
}
