//! Server functions for the locations page. They share the REST API's service calls, so
//! the same rules and the same audit apply whichever way a location is created.

use domain::location::{Location, LocationNode};
use leptos::prelude::*;

use crate::error::AppError;

#[server(prefix = "/api/ui")]
pub async fn list_locations() -> Result<Vec<LocationNode>, AppError> {
    let db = database()?;
    let all = service::locations::list_all(&db.conn).await?;
    Ok(domain::location::as_tree(all))
}

/// `parent_id` is the empty string for a top-level location (what an HTML select sends).
#[server(prefix = "/api/ui")]
pub async fn create_location(name: String, parent_id: String) -> Result<Location, AppError> {
    use domain::{location::NewLocation, DomainError};

    let parent_id =
        match parent_id.trim() {
            "" => None,
            raw => Some(uuid::Uuid::parse_str(raw).map_err(|_| {
                DomainError::invalid("parent_id", "invalid", "is not a location id")
            })?),
        };
    let db = database()?;
    let actor = service::Actor::anonymous();
    let created =
        service::locations::create(&db.conn, &actor, NewLocation { name, parent_id }).await?;
    Ok(created)
}

#[cfg(feature = "ssr")]
fn database() -> Result<service::Database, AppError> {
    use_context::<service::Database>().ok_or_else(|| {
        leptos::logging::error!("no database in the server function context");
        AppError::Server
    })
}
