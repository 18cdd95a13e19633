//! People and teams: creating accounts (the CLI's `user add`, later the admin pages).

use chrono::{SubsecRound, Utc};
use domain::{
    kind::Kind,
    person::{check_password, parse_name, Email, Membership, Person, TeamRole},
    DomainError, FieldError,
};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
};
use uuid::Uuid;

use crate::{
    accounts::password,
    audit::{self, Change},
    entities::{memberships, people, teams},
    error::Result,
    write, Actor,
};

/// What `paillasse user add` asks for.
#[derive(Debug, Clone)]
pub struct NewUser {
    pub email: String,
    pub name: String,
    pub password: String,
    /// `admin` (installation-wide) or a team role.
    pub role: String,
    /// Created if it does not exist. Required for team roles; an admin given a team
    /// manages it.
    pub team: Option<String>,
}

/// Creates a person (and their team if needed), audited; the password is stored only as
/// an argon2id hash and appears in no audit record.
pub async fn add_user(db: &DatabaseConnection, actor: &Actor, new: NewUser) -> Result<Person> {
    let mut errors: Vec<FieldError> = Vec::new();
    let mut keep = |r: std::result::Result<(), DomainError>| {
        if let Err(e) = r {
            errors.extend(e.field_errors().iter().cloned());
        }
    };
    let (is_admin, team_role) = match new.role.trim().to_ascii_lowercase().as_str() {
        "admin" => (true, Some(TeamRole::Manager)),
        other => match TeamRole::parse(other) {
            Ok(role) => (false, Some(role)),
            Err(_) => {
                keep(Err(DomainError::invalid(
                    "role",
                    "invalid",
                    "must be one of admin, manager, member, viewer",
                )));
                (false, None)
            }
        },
    };
    let team_name = match new.team.as_deref() {
        Some(raw) => match parse_name("team", raw) {
            Ok(n) => Some(n),
            Err(e) => {
                keep(Err(e));
                None
            }
        },
        None if !is_admin && team_role.is_some() => {
            keep(Err(DomainError::invalid(
                "team",
                "required",
                "is required for the manager, member and viewer roles",
            )));
            None
        }
        None => None,
    };
    let team = team_name.zip(team_role);
    insert(
        db,
        actor,
        &new.email,
        &new.name,
        new.password,
        is_admin,
        team,
        errors,
    )
    .await
}

/// Creates an account from the admin pages: no team yet (a manager or admin adds them).
pub async fn create_person(
    db: &DatabaseConnection,
    by: &Person,
    new: domain::person::NewPerson,
) -> Result<Person> {
    if !by.is_admin {
        return Err(DomainError::Forbidden {
            reason: "only admins create accounts".into(),
        }
        .into());
    }
    let actor = Actor::person(by);
    insert(
        db,
        &actor,
        &new.email,
        &new.name,
        new.password,
        new.is_admin,
        None,
        vec![],
    )
    .await
}

/// Every account, by name (admins).
pub async fn list(db: &DatabaseConnection, by: &Person) -> Result<Vec<Person>> {
    if !by.is_admin {
        return Err(DomainError::Forbidden {
            reason: "only admins list every account".into(),
        }
        .into());
    }
    let rows = people::Entity::find().all(db).await?;
    let mut out = with_memberships(db, rows).await?;
    out.sort_by_key(|p| p.name.to_lowercase());
    Ok(out)
}

/// Validates and stores a new account (and its first membership), all or nothing;
/// `errors` are problems the caller already found, reported with these.
#[allow(clippy::too_many_arguments)]
async fn insert(
    db: &DatabaseConnection,
    actor: &Actor,
    email: &str,
    name: &str,
    new_password: String,
    is_admin: bool,
    team: Option<(String, TeamRole)>,
    mut errors: Vec<FieldError>,
) -> Result<Person> {
    let email = Email::parse(email);
    let name = parse_name("name", name);
    for r in [
        email.as_ref().map(|_| ()).map_err(Clone::clone),
        name.as_ref().map(|_| ()).map_err(Clone::clone),
        check_password(&new_password, password::is_common),
    ] {
        if let Err(e) = r {
            errors.extend(e.field_errors().iter().cloned());
        }
    }
    let (Ok(email), Ok(name), true) = (email, name, errors.is_empty()) else {
        return Err(DomainError::Validation(errors).into());
    };

    // Hash before taking the write lock: it is the slow part.
    let hash = password::hash(new_password).await?;

    let txn = write::begin(db).await?;
    if people::Entity::find()
        .filter(people::Column::Email.eq(email.as_str()))
        .one(&txn)
        .await?
        .is_some()
    {
        return Err(
            DomainError::conflict("email", "taken", "an account with this e-mail exists").into(),
        );
    }
    let now = Utc::now().trunc_subsecs(6);
    let person_id = Uuid::now_v7();
    people::Entity::insert(people::ActiveModel {
        id: Set(person_id),
        email: Set(email.as_str().to_owned()),
        name: Set(name.clone()),
        password_hash: Set(Some(hash)),
        is_admin: Set(is_admin),
        created_at: Set(now),
        disabled_at: Set(None),
    })
    .exec_without_returning(&txn)
    .await?;

    let mut person = Person {
        id: person_id,
        email: email.as_str().to_owned(),
        name,
        is_admin,
        memberships: vec![],
    };
    if let Some((team_name, role)) = team {
        let team = find_or_create_team(&txn, actor, &team_name).await?;
        memberships::Entity::insert(memberships::ActiveModel {
            person_id: Set(person_id),
            team_id: Set(team.id),
            role: Set(role),
            created_at: Set(now),
        })
        .exec_without_returning(&txn)
        .await?;
        person.memberships.push(Membership {
            team_id: team.id,
            team_name: team.name,
            role,
        });
    }
    audit::append(
        &txn,
        actor,
        Change {
            action: "person.create",
            entity_kind: Kind::Person.as_str(),
            entity_id: person_id.to_string(),
            before: None,
            after: Some(&person),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(person)
}

async fn find_or_create_team(
    txn: &impl ConnectionTrait,
    actor: &Actor,
    name: &str,
) -> Result<teams::Model> {
    if let Some(team) = teams::Entity::find()
        .filter(teams::Column::Name.eq(name))
        .one(txn)
        .await?
    {
        return Ok(team);
    }
    let team = teams::Model {
        id: Uuid::now_v7(),
        name: name.to_owned(),
        created_at: Utc::now().trunc_subsecs(6),
    };
    teams::Entity::insert(teams::ActiveModel::from(team.clone()))
        .exec_without_returning(txn)
        .await?;
    audit::append(
        txn,
        actor,
        Change {
            action: "team.create",
            entity_kind: Kind::Team.as_str(),
            entity_id: team.id.to_string(),
            before: None,
            after: Some(&serde_json::json!({"id": team.id, "name": team.name})),
        },
    )
    .await?;
    Ok(team)
}

/// The stored password hash of a person, for tests and (later) login.
pub async fn password_hash(db: &DatabaseConnection, email: &str) -> Result<Option<String>> {
    let email = Email::parse(email)?;
    Ok(people::Entity::find()
        .filter(people::Column::Email.eq(email.as_str()))
        .one(db)
        .await?
        .and_then(|p| p.password_hash))
}

/// Whether anyone can sign in yet (a fresh installation has no account).
pub async fn any_account(db: &DatabaseConnection) -> Result<bool> {
    Ok(people::Entity::find().one(db).await?.is_some())
}

/// An active account by e-mail (any case), with memberships.
pub async fn find_by_email(db: &DatabaseConnection, email: &str) -> Result<Option<Person>> {
    let Ok(email) = Email::parse(email) else {
        return Ok(None);
    };
    let row = people::Entity::find()
        .filter(people::Column::Email.eq(email.as_str()))
        .one(db)
        .await?
        .filter(|p| p.disabled_at.is_none());
    Ok(with_memberships(db, row.into_iter().collect()).await?.pop())
}

/// A person who may sign in (exists and is not disabled), with their memberships.
pub async fn load_active(db: &impl ConnectionTrait, id: Uuid) -> Result<Option<Person>> {
    let row = people::Entity::find_by_id(id)
        .one(db)
        .await?
        .filter(|p| p.disabled_at.is_none());
    Ok(with_memberships(db, row.into_iter().collect()).await?.pop())
}

/// A person with their memberships, if they exist.
pub async fn load(db: &impl ConnectionTrait, id: Uuid) -> Result<Option<Person>> {
    let row = people::Entity::find_by_id(id).one(db).await?;
    Ok(with_memberships(db, row.into_iter().collect()).await?.pop())
}

/// People with their memberships, in two queries whatever their number.
async fn with_memberships(
    db: &impl ConnectionTrait,
    rows: Vec<people::Model>,
) -> Result<Vec<Person>> {
    let memberships = memberships::Entity::find()
        .filter(memberships::Column::PersonId.is_in(rows.iter().map(|p| p.id)))
        .all(db)
        .await?;
    let teams = teams::Entity::find()
        .filter(teams::Column::Id.is_in(memberships.iter().map(|m| m.team_id)))
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|person| {
            let list = memberships
                .iter()
                .filter(|m| m.person_id == person.id)
                .filter_map(|m| {
                    let team = teams.iter().find(|t| t.id == m.team_id)?;
                    Some(Membership {
                        team_id: team.id,
                        team_name: team.name.clone(),
                        role: m.role,
                    })
                })
                .collect();
            Person {
                id: person.id,
                email: person.email,
                name: person.name,
                is_admin: person.is_admin,
                memberships: list,
            }
        })
        .collect())
}
