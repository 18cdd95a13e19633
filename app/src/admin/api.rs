//! Server functions of the administration pages; the rules (who may) are the service's.

use domain::person::{Person, Team, TeamMember};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::session::{database, parse_id, principal};

/// A team as the teams page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamCard {
    pub team: Team,
    pub members: Vec<TeamMember>,
    /// The viewer may add, change and remove members.
    pub can_manage: bool,
}

/// The teams the signed-in person may see, with their people.
#[server(prefix = "/api/ui", endpoint = "team_cards", input = leptos::server_fn::codec::GetUrl)]
pub async fn team_cards() -> Result<Vec<TeamCard>, AppError> {
    use domain::access::{team_access, Access};
    let who = principal()?;
    let db = database()?;
    let mut cards = Vec::new();
    for team in service::accounts::teams::list(&db.conn, &who.person).await? {
        let members = service::accounts::teams::members(&db.conn, &who.person, team.id).await?;
        let can_manage = team_access(&who.person, team.id) >= Access::Manage;
        cards.push(TeamCard {
            team,
            members,
            can_manage,
        });
    }
    Ok(cards)
}

#[server(prefix = "/api/ui", endpoint = "create_team")]
pub async fn create_team(name: String, csrf_token: String) -> Result<Team, AppError> {
    let _ = csrf_token;
    let who = principal()?;
    let db = database()?;
    Ok(service::accounts::teams::create(&db.conn, &who.person, &name).await?)
}

/// Adds someone to a team by e-mail, or changes their role.
#[server(prefix = "/api/ui", endpoint = "set_member")]
pub async fn set_member(
    team_id: String,
    email: String,
    role: String,
    csrf_token: String,
) -> Result<TeamMember, AppError> {
    let _ = csrf_token;
    let who = principal()?;
    let db = database()?;
    let team_id = domain::kind::Kind::Team.id(&team_id)?;
    let new = domain::person::NewMember { email, role };
    Ok(service::accounts::teams::set_member(&db.conn, &who.person, team_id, new).await?)
}

#[server(prefix = "/api/ui", endpoint = "remove_member")]
pub async fn remove_member(
    team_id: String,
    person_id: String,
    csrf_token: String,
) -> Result<(), AppError> {
    let _ = csrf_token;
    let who = principal()?;
    let db = database()?;
    let team_id = domain::kind::Kind::Team.id(&team_id)?;
    let person_id = parse_id(&person_id, "member")?;
    Ok(service::accounts::teams::remove_member(&db.conn, &who.person, team_id, person_id).await?)
}

/// Every account (admins).
#[server(prefix = "/api/ui", endpoint = "all_people", input = leptos::server_fn::codec::GetUrl)]
pub async fn all_people() -> Result<Vec<Person>, AppError> {
    let who = principal()?;
    let db = database()?;
    Ok(service::accounts::people::list(&db.conn, &who.person).await?)
}

/// Creates an account with a first password (admins). `is_admin` is a checkbox.
#[server(prefix = "/api/ui", endpoint = "create_person")]
pub async fn create_person(
    email: String,
    name: String,
    password: String,
    #[server(default)] is_admin: Option<String>,
    csrf_token: String,
) -> Result<Person, AppError> {
    let _ = csrf_token;
    let (who, _) = crate::session::browser_session()?;
    let db = database()?;
    let new = domain::person::NewPerson {
        email,
        name,
        password,
        is_admin: is_admin.is_some(),
    };
    Ok(service::accounts::people::create_person(&db.conn, &who.person, new).await?)
}
