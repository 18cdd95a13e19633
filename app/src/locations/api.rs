//! Server functions for the locations page. They share the REST API's service calls, so
//! the same rules and the same audit apply whichever way a location is created.

use domain::{
    location::{Location, LocationNode},
    person::Team,
};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::session::{database, principal};

/// What the locations page shows: the tree, and the teams a new location may go to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LocationsView {
    pub nodes: Vec<LocationNode>,
    pub teams: Vec<Team>,
}

#[server(prefix = "/api/ui", endpoint = "list_locations", input = leptos::server_fn::codec::GetUrl)]
pub async fn list_locations() -> Result<LocationsView, AppError> {
    use domain::access::{team_access, Access};
    let who = principal()?;
    let db = database()?;
    let all = service::locations::list_all(&db.conn, &who.person).await?;
    let teams = service::teams::list(&db.conn, &who.person)
        .await?
        .into_iter()
        .filter(|t| team_access(&who.person, t.id) >= Access::Write)
        .collect();
    Ok(LocationsView {
        nodes: domain::location::as_tree(all),
        teams,
    })
}

/// `parent_id` is the empty string for a top-level location (what an HTML select sends).
/// `csrf_token` is checked by the server's middleware before this runs.
#[server(prefix = "/api/ui", endpoint = "create_location")]
pub async fn create_location(
    name: String,
    parent_id: String,
    #[server(default)] team_id: String,
    csrf_token: String,
) -> Result<Location, AppError> {
    let _ = csrf_token;
    use domain::{location::NewLocation, DomainError};

    let parent_id =
        match parent_id.trim() {
            "" => None,
            raw => Some(uuid::Uuid::parse_str(raw).map_err(|_| {
                DomainError::invalid("parent_id", "invalid", "is not a location id")
            })?),
        };
    let team_id = match team_id.trim() {
        "" => None,
        raw => Some(
            uuid::Uuid::parse_str(raw)
                .map_err(|_| DomainError::invalid("team_id", "not_found", "no such team"))?,
        ),
    };
    let who = principal()?;
    let db = database()?;
    let new = NewLocation {
        name,
        parent_id,
        team_id,
    };
    Ok(service::locations::create(&db.conn, &who.person, new).await?)
}
