//! Teams and who is in them: admins create teams, a team's managers (and admins) add
//! people, change their role and remove them. Every change is audited.

use chrono::{SubsecRound, Utc};
use domain::{
    access::{self, Access},
    kind::Kind,
    person::{parse_name, Email, NewMember, Person, Team, TeamMember, TeamRole},
    DomainError,
};
use sea_orm::{
    sea_query::OnConflict, ActiveValue::Set, ColumnTrait, DatabaseConnection, EntityTrait,
    QueryFilter,
};
use uuid::Uuid;

use crate::{
    audit::{self, Change},
    entities::{memberships, people, teams},
    error::Result,
    write, Actor,
};

/// The teams a person may see: all for an admin, else their own; by name.
pub async fn list(db: &DatabaseConnection, by: &Person) -> Result<Vec<Team>> {
    let mut query = teams::Entity::find();
    if !by.is_admin {
        query = query.filter(teams::Column::Id.is_in(by.memberships.iter().map(|m| m.team_id)));
    }
    Ok(by_name(query.all(db).await?))
}

/// Every team, by name: what someone sharing a thing chooses from.
pub async fn all(db: &DatabaseConnection) -> Result<Vec<Team>> {
    Ok(by_name(teams::Entity::find().all(db).await?))
}

fn by_name(rows: Vec<teams::Model>) -> Vec<Team> {
    let mut out: Vec<Team> = rows
        .into_iter()
        .map(|t| Team {
            id: t.id,
            name: t.name,
        })
        .collect();
    out.sort_by_key(|t| t.name.to_lowercase());
    out
}

/// Creates a team (admins only); names are unique.
pub async fn create(db: &DatabaseConnection, by: &Person, name: &str) -> Result<Team> {
    if !by.is_admin {
        return Err(DomainError::Forbidden {
            reason: "only admins create teams".into(),
        }
        .into());
    }
    let name = parse_name("name", name)?;
    let txn = write::begin(db).await?;
    if teams::Entity::find()
        .filter(teams::Column::Name.eq(&name))
        .one(&txn)
        .await?
        .is_some()
    {
        return Err(DomainError::conflict("name", "taken", "a team with this name exists").into());
    }
    let team = Team {
        id: Uuid::now_v7(),
        name,
    };
    teams::Entity::insert(teams::ActiveModel {
        id: Set(team.id),
        name: Set(team.name.clone()),
        created_at: Set(Utc::now().trunc_subsecs(6)),
    })
    .exec_without_returning(&txn)
    .await?;
    audit::append(
        &txn,
        &Actor::person(by),
        Change {
            action: "team.create",
            entity_kind: Kind::Team.as_str(),
            entity_id: team.id.to_string(),
            before: None,
            after: Some(&team),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(team)
}

/// The people of a team, by name (anyone in the team, and admins).
pub async fn members(
    db: &DatabaseConnection,
    by: &Person,
    team_id: Uuid,
) -> Result<Vec<TeamMember>> {
    access::require(
        access::team_access(by, team_id),
        Access::Read,
        Kind::Team.as_str(),
    )?;
    ensure_exists(db, team_id).await?;
    let rows = memberships::Entity::find()
        .filter(memberships::Column::TeamId.eq(team_id))
        .all(db)
        .await?;
    let people = people::Entity::find()
        .filter(people::Column::Id.is_in(rows.iter().map(|r| r.person_id)))
        .all(db)
        .await?;
    let mut out: Vec<TeamMember> = rows
        .into_iter()
        .filter_map(|r| {
            let p = people.iter().find(|p| p.id == r.person_id)?;
            Some(TeamMember {
                person_id: p.id,
                name: p.name.clone(),
                email: p.email.clone(),
                role: r.role,
            })
        })
        .collect();
    out.sort_by_key(|m| m.name.to_lowercase());
    Ok(out)
}

/// Adds someone to a team by e-mail, or changes their role there (managers, admins).
pub async fn set_member(
    db: &DatabaseConnection,
    by: &Person,
    team_id: Uuid,
    new: NewMember,
) -> Result<TeamMember> {
    access::require(
        access::team_access(by, team_id),
        Access::Manage,
        Kind::Team.as_str(),
    )?;
    let email = Email::parse(&new.email);
    let role = TeamRole::parse(&new.role);
    let errors: Vec<_> = [email.as_ref().err(), role.as_ref().err()]
        .into_iter()
        .flatten()
        .flat_map(|e| e.field_errors().to_vec())
        .collect();
    let (Ok(email), Ok(role), true) = (email, role, errors.is_empty()) else {
        return Err(DomainError::Validation(errors).into());
    };
    let txn = write::begin(db).await?;
    ensure_exists(&txn, team_id).await?;
    let Some(person) = people::Entity::find()
        .filter(people::Column::Email.eq(email.as_str()))
        .one(&txn)
        .await?
    else {
        return Err(
            DomainError::invalid("email", "not_found", "no account has this e-mail").into(),
        );
    };
    let before = memberships::Entity::find_by_id((person.id, team_id))
        .one(&txn)
        .await?
        .map(|m| serde_json::json!({ "person_id": person.id, "role": m.role }));
    memberships::Entity::insert(memberships::ActiveModel {
        person_id: Set(person.id),
        team_id: Set(team_id),
        role: Set(role),
        created_at: Set(Utc::now().trunc_subsecs(6)),
    })
    .on_conflict(
        OnConflict::columns([memberships::Column::PersonId, memberships::Column::TeamId])
            .update_column(memberships::Column::Role)
            .to_owned(),
    )
    .exec_without_returning(&txn)
    .await?;
    let member = TeamMember {
        person_id: person.id,
        name: person.name,
        email: person.email,
        role,
    };
    audit::append(
        &txn,
        &Actor::person(by),
        Change {
            action: "team.member_set",
            entity_kind: Kind::Team.as_str(),
            entity_id: team_id.to_string(),
            before: before.as_ref(),
            after: Some(&serde_json::to_value(&member).unwrap_or_default()),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(member)
}

/// Takes someone out of a team (managers, admins).
pub async fn remove_member(
    db: &DatabaseConnection,
    by: &Person,
    team_id: Uuid,
    person_id: Uuid,
) -> Result<()> {
    access::require(
        access::team_access(by, team_id),
        Access::Manage,
        Kind::Team.as_str(),
    )?;
    let txn = write::begin(db).await?;
    let role = memberships::Entity::find_by_id((person_id, team_id))
        .one(&txn)
        .await?
        .map(|m| m.role);
    let removed = memberships::Entity::delete_many()
        .filter(memberships::Column::TeamId.eq(team_id))
        .filter(memberships::Column::PersonId.eq(person_id))
        .exec(&txn)
        .await?;
    if removed.rows_affected == 0 {
        return Err(DomainError::not_found("member").into());
    }
    audit::append(
        &txn,
        &Actor::person(by),
        Change {
            action: "team.member_remove",
            entity_kind: Kind::Team.as_str(),
            entity_id: team_id.to_string(),
            before: Some(&serde_json::json!({ "person_id": person_id, "role": role })),
            after: None,
        },
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

async fn ensure_exists(db: &impl sea_orm::ConnectionTrait, team_id: Uuid) -> Result<()> {
    match teams::Entity::find_by_id(team_id).one(db).await? {
        Some(_) => Ok(()),
        None => Err(Kind::Team.not_found().into()),
    }
}

/// A `team_id` from a request must name a team (an admin may name any team, so the access
/// rules alone do not imply it exists); a 422 naming the field otherwise.
pub(crate) async fn check_team_id(db: &impl sea_orm::ConnectionTrait, team_id: Uuid) -> Result<()> {
    match teams::Entity::find_by_id(team_id).one(db).await? {
        Some(_) => Ok(()),
        None => Err(DomainError::invalid("team_id", "not_found", "no such team").into()),
    }
}
