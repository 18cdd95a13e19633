//! People, teams and roles: the values a sign-up or an admin form must get right.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::DomainError;

/// Shortest password accepted (OWASP ASVS asks for at least 8; 10 is this project's floor).
pub const PASSWORD_MIN_CHARS: usize = 10;
/// Longest password accepted: long passphrases are welcome, unbounded input is not.
pub const PASSWORD_MAX_CHARS: usize = 1024;

/// What a person may do in a team. Installation-wide administration is a separate flag on
/// the person ([`Person::is_admin`]), not a team role.
#[cfg_attr(
    feature = "db",
    derive(sea_orm::DeriveValueType),
    sea_orm(
        value_type = "String",
        from_str = "TeamRole::from_stored",
        to_str = "TeamRole::to_stored"
    )
)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum TeamRole {
    /// The team's stock, instruments and people.
    Manager,
    /// Researchers and technicians: their own entries, use of stock.
    Member,
    /// Read only.
    Viewer,
}

crate::stored!(TeamRole, "team role", [Manager, Member, Viewer]);

impl TeamRole {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Manager => "manager",
            Self::Member => "member",
            Self::Viewer => "viewer",
        }
    }

    pub fn parse(raw: &str) -> Result<Self, DomainError> {
        match raw.trim().to_ascii_lowercase().as_str() {
            "manager" => Ok(Self::Manager),
            "member" => Ok(Self::Member),
            "viewer" => Ok(Self::Viewer),
            _ => Err(DomainError::invalid(
                "role",
                "invalid",
                "must be one of manager, member, viewer",
            )),
        }
    }
}

/// A person as others see them (never with a password hash).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Person {
    pub id: Uuid,
    pub email: String,
    pub name: String,
    pub is_admin: bool,
    pub memberships: Vec<Membership>,
}

impl Person {
    /// The page a person starts on after signing in (and at `/`): those who keep the
    /// stock and the teams (administrators, managers) start on the locations; members and
    /// viewers, at the bench with a tablet, on the scan page.
    pub fn start_page(&self) -> &'static str {
        let keeps_stock =
            self.is_admin || self.memberships.iter().any(|m| m.role == TeamRole::Manager);
        if keeps_stock {
            "/locations"
        } else {
            "/scan"
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Membership {
    pub team_id: Uuid,
    pub team_name: String,
    pub role: TeamRole,
}

/// A team as listed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Team {
    pub id: Uuid,
    pub name: String,
}

/// `POST /api/v1/teams` (admins).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewTeam {
    pub name: String,
}

/// One person in a team.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TeamMember {
    pub person_id: Uuid,
    pub name: String,
    pub email: String,
    pub role: TeamRole,
}

/// `POST /api/v1/teams/{id}/members` (the team's managers, admins): adds someone by
/// e-mail, or changes their role.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewMember {
    pub email: String,
    /// `manager`, `member` or `viewer`.
    pub role: String,
}

/// `POST /api/v1/people` (admins): an account with a first password to hand over.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewPerson {
    pub email: String,
    pub name: String,
    pub password: String,
    #[serde(default)]
    pub is_admin: bool,
}

/// An e-mail address, trimmed and lower-cased so that one person has one account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Email(String);

impl Email {
    pub fn parse(raw: &str) -> Result<Self, DomainError> {
        let email = raw.trim().to_lowercase();
        let invalid = || DomainError::invalid("email", "invalid", "is not an e-mail address");
        if email.is_empty() {
            return Err(DomainError::invalid("email", "empty", "must not be empty"));
        }
        let (local, domain) = email.split_once('@').ok_or_else(invalid)?;
        let plausible = !local.is_empty()
            && domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !domain.contains('@')
            && email.len() <= 254
            && !email.chars().any(|c| c.is_whitespace() || c.is_control());
        if plausible {
            Ok(Self(email))
        } else {
            Err(invalid())
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A person's or a team's display name.
/// Like [`parse_name`] for an optional field: absent or blank is `None`.
pub fn parse_optional_name(field: &str, raw: Option<&str>) -> Result<Option<String>, DomainError> {
    match raw.map(str::trim).filter(|s| !s.is_empty()) {
        Some(text) => parse_name(field, text).map(Some),
        None => Ok(None),
    }
}

pub fn parse_name(field: &str, raw: &str) -> Result<String, DomainError> {
    let name = raw.trim();
    if name.is_empty() {
        return Err(DomainError::invalid(field, "empty", "must not be empty"));
    }
    if name.chars().count() > 200 {
        return Err(DomainError::invalid(
            field,
            "too_long",
            "must be at most 200 characters",
        ));
    }
    crate::text::check_name(field, name)?;
    Ok(name.to_owned())
}

/// Checks a new password against the policy; `is_common` says whether it is on the list
/// of common passwords (kept on the server).
pub fn check_password(raw: &str, is_common: impl Fn(&str) -> bool) -> Result<(), DomainError> {
    let chars = raw.chars().count();
    if chars < PASSWORD_MIN_CHARS {
        return Err(DomainError::invalid(
            "password",
            "too_short",
            format!("must be at least {PASSWORD_MIN_CHARS} characters"),
        ));
    }
    if chars > PASSWORD_MAX_CHARS {
        return Err(DomainError::invalid(
            "password",
            "too_long",
            format!("must be at most {PASSWORD_MAX_CHARS} characters"),
        ));
    }
    if is_common(&raw.to_lowercase()) {
        return Err(DomainError::invalid(
            "password",
            "common",
            "is one of the most common passwords; choose another",
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_are_normalised_and_checked() {
        assert_eq!(
            Email::parse(" Marie.Curie@Lab.FR ").unwrap().as_str(),
            "marie.curie@lab.fr"
        );
        for bad in [
            "",
            "no-at-sign",
            "@lab.fr",
            "a@lab",
            "a@.fr",
            "a@b@c.fr",
            "a b@lab.fr",
        ] {
            assert!(Email::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn password_policy() {
        let never = |_: &str| false;
        assert!(check_password("correct horse", never).is_ok());
        assert_eq!(
            check_password("short", never).unwrap_err().field_errors()[0].code,
            "too_short"
        );
        assert!(check_password(&"x".repeat(1024), never).is_ok());
        assert!(check_password(&"x".repeat(1025), never).is_err());
        // Characters, not bytes: ten accented letters are ten characters.
        assert!(check_password("éééééééééé", never).is_ok());
        let common = |p: &str| p == "qwertyuiop";
        assert_eq!(
            check_password("QwertyUIOP", common)
                .unwrap_err()
                .field_errors()[0]
                .code,
            "common"
        );
    }

    #[test]
    fn roles_parse() {
        assert_eq!(TeamRole::parse("Manager").unwrap(), TeamRole::Manager);
        assert!(TeamRole::parse("owner").is_err());
    }
}
