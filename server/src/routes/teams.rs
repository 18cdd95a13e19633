//! `/api/v1/teams` and `/api/v1/people`: admins create teams and accounts; a team's
//! managers add people to it, change their role, take them out.

use axum::{extract::State, http::StatusCode, Json};
use domain::person::{NewMember, NewPerson, NewTeam, Person, Team, TeamMember};
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::{
    auth::{BrowserSession, Signed},
    extract::{ApiJson, IdPath, TwoIdsPath},
    problem::{ApiResult, Problem},
    state::AppState,
};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_teams, create_team))
        .routes(routes!(list_members, set_member))
        .routes(routes!(remove_member))
        .routes(routes!(list_people, create_person))
}

/// The caller's teams (every team for an admin).
#[utoipa::path(get, path = "/teams", operation_id = "list_teams", tag = "people", responses((status = 200, body = Vec<Team>)))]
async fn list_teams(
    State(state): State<AppState>,
    Signed(who): Signed,
) -> ApiResult<Json<Vec<Team>>> {
    Ok(Json(
        service::accounts::teams::list(&state.db.conn, &who.person).await?,
    ))
}

/// Creates a team (admins).
#[utoipa::path(post, path = "/teams", operation_id = "create_team", tag = "people", request_body = NewTeam, responses(
    (status = 201, body = Team),
    (status = 403, body = Problem, content_type = "application/problem+json"),
    (status = 409, body = Problem, content_type = "application/problem+json"),
))]
async fn create_team(
    State(state): State<AppState>,
    Signed(who): Signed,
    ApiJson(new): ApiJson<NewTeam>,
) -> ApiResult<(StatusCode, Json<Team>)> {
    let team = service::accounts::teams::create(&state.db.conn, &who.person, &new.name).await?;
    Ok((StatusCode::CREATED, Json(team)))
}

/// The people of a team (its members and admins may look).
#[utoipa::path(get, path = "/teams/{id}/members", operation_id = "list_team_members", tag = "people", params(("id" = uuid::Uuid, Path, description = "the team id")), responses(
    (status = 200, body = Vec<TeamMember>),
    (status = 404, body = Problem, content_type = "application/problem+json"),
))]
async fn list_members(
    State(state): State<AppState>,
    Signed(who): Signed,
    IdPath(id): IdPath,
) -> ApiResult<Json<Vec<TeamMember>>> {
    Ok(Json(
        service::accounts::teams::members(&state.db.conn, &who.person, id).await?,
    ))
}

/// Adds a person to the team by e-mail, or changes their role (managers, admins).
#[utoipa::path(post, path = "/teams/{id}/members", operation_id = "set_team_member", tag = "people", params(("id" = uuid::Uuid, Path, description = "the team id")), request_body = NewMember, responses(
    (status = 200, body = TeamMember),
    (status = 403, body = Problem, content_type = "application/problem+json"),
    (status = 404, body = Problem, content_type = "application/problem+json"),
    (status = 422, body = Problem, content_type = "application/problem+json"),
))]
async fn set_member(
    State(state): State<AppState>,
    Signed(who): Signed,
    IdPath(id): IdPath,
    ApiJson(new): ApiJson<NewMember>,
) -> ApiResult<Json<TeamMember>> {
    Ok(Json(
        service::accounts::teams::set_member(&state.db.conn, &who.person, id, new).await?,
    ))
}

/// Takes a person out of the team (managers, admins).
#[utoipa::path(delete, path = "/teams/{id}/members/{person_id}", operation_id = "remove_team_member", tag = "people", params(("id" = uuid::Uuid, Path, description = "the team id"), ("person_id" = uuid::Uuid, Path, description = "the person")), responses(
    (status = 204),
    (status = 403, body = Problem, content_type = "application/problem+json"),
    (status = 404, body = Problem, content_type = "application/problem+json"),
))]
async fn remove_member(
    State(state): State<AppState>,
    Signed(who): Signed,
    TwoIdsPath(team, person): TwoIdsPath,
) -> ApiResult<StatusCode> {
    service::accounts::teams::remove_member(&state.db.conn, &who.person, team, person).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Every account (admins).
#[utoipa::path(get, path = "/people", operation_id = "list_people", tag = "people", responses(
    (status = 200, body = Vec<Person>),
    (status = 403, body = Problem, content_type = "application/problem+json"),
))]
async fn list_people(
    State(state): State<AppState>,
    Signed(who): Signed,
) -> ApiResult<Json<Vec<Person>>> {
    Ok(Json(
        service::accounts::people::list(&state.db.conn, &who.person).await?,
    ))
}

/// Creates an account with a first password (admins); no self-registration.
#[utoipa::path(post, path = "/people", operation_id = "create_person", tag = "people", request_body = NewPerson, responses(
    (status = 201, body = Person),
    (status = 403, body = Problem, content_type = "application/problem+json"),
    (status = 409, body = Problem, content_type = "application/problem+json"),
    (status = 422, body = Problem, content_type = "application/problem+json"),
))]
async fn create_person(
    State(state): State<AppState>,
    // An account can sign in: a leaked token must not be able to mint one.
    BrowserSession(who, _): BrowserSession,
    ApiJson(new): ApiJson<NewPerson>,
) -> ApiResult<(StatusCode, Json<Person>)> {
    let person = service::accounts::people::create_person(&state.db.conn, &who.person, new).await?;
    Ok((StatusCode::CREATED, Json(person)))
}
