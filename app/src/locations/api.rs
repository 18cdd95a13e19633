//! Server functions for the locations page. They share the REST API's service calls, so
//! the same rules and the same audit apply whichever way a location is created.

use domain::location::{Location, LocationNode};
use leptos::prelude::*;

use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::session::{database, principal};

#[server(prefix = "/api/ui", endpoint = "list_locations", input = leptos::server_fn::codec::GetUrl)]
pub async fn list_locations() -> Result<Vec<LocationNode>, AppError> {
    let who = principal()?;
    let db = database()?;
    let all = service::locations::list_all(&db.conn, &who.person).await?;
    Ok(domain::location::as_tree(all))
}

/// `parent_id` is the empty string for a top-level location (what an HTML select sends).
/// `csrf_token` is checked by the server's middleware before this runs.
#[server(prefix = "/api/ui", endpoint = "create_location")]
pub async fn create_location(
    name: String,
    parent_id: String,
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
    let who = principal()?;
    let db = database()?;
    let new = NewLocation {
        name,
        parent_id,
        team_id: None,
    };
    Ok(service::locations::create(&db.conn, &who.person, new).await?)
}
