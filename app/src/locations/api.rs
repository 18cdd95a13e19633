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
    let all = service::inventory::locations::list_all(&db.conn, &who.person).await?;
    let teams = service::accounts::teams::list(&db.conn, &who.person)
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
        grid: None,
    };
    Ok(service::inventory::locations::create(&db.conn, &who.person, new).await?)
}

/// One location as its page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LocationInfo {
    pub location: Location,
    pub team_name: String,
    pub parent: Option<Location>,
    /// The box's grid and what holds each position (empty for a plain location).
    pub contents: domain::grid::BoxContents,
    /// Whether the person may change it (make it a box, resize it).
    pub may_write: bool,
}

#[server(prefix = "/api/ui", endpoint = "location_detail", input = leptos::server_fn::codec::GetUrl)]
pub async fn location_detail(id: String) -> Result<LocationInfo, AppError> {
    use domain::access::Access;
    let who = principal()?;
    let db = database()?;
    let id = domain::kind::Kind::Location.id(&id)?;
    let location = service::inventory::locations::get(&db.conn, &who.person, id).await?;
    let all_teams = service::accounts::teams::all(&db.conn).await?;
    let team_name = all_teams
        .iter()
        .find(|t| t.id == location.team_id)
        .map(|t| t.name.clone())
        .unwrap_or_default();
    // A parent the person may not see is not named.
    let parent = match location.parent_id {
        Some(p) => service::inventory::locations::get(&db.conn, &who.person, p)
            .await
            .ok(),
        None => None,
    };
    let access = service::inventory::locations::access(&db.conn, &who.person, id).await?;
    let contents = service::inventory::positions::contents(&db.conn, &who.person, id).await?;
    Ok(LocationInfo {
        location,
        team_name,
        parent,
        contents,
        may_write: access >= Access::Write,
    })
}

/// Makes a location a box of `rows` × `cols` positions, resizes it, or (both blank)
/// makes it a plain location again.
#[server(prefix = "/api/ui", endpoint = "set_box_grid")]
pub async fn set_box_grid(
    location_id: String,
    rows: String,
    cols: String,
    csrf_token: String,
) -> Result<Location, AppError> {
    let _ = csrf_token;
    let who = principal()?;
    let db = database()?;
    let id = domain::kind::Kind::Location.id(&location_id)?;
    let size = |field: &str, raw: &str| -> Result<Option<u8>, AppError> {
        match raw.trim() {
            "" => Ok(None),
            text => text.parse::<u8>().map(Some).map_err(|_| {
                domain::DomainError::invalid(field, "out_of_range", "is not a valid size").into()
            }),
        }
    };
    // Both blank: no longer a box. One blank is not 0 of it: the box is incomplete.
    let grid = match (size("grid", &rows)?, size("grid", &cols)?) {
        (None, None) => None,
        (Some(rows), Some(cols)) => Some(domain::grid::Grid { rows, cols }),
        _ => {
            return Err(domain::DomainError::invalid(
                "grid",
                "required",
                "needs both its rows and its columns",
            )
            .into())
        }
    };
    let patch = domain::location::LocationPatch {
        grid: Some(grid),
        ..Default::default()
    };
    Ok(service::inventory::locations::update(&db.conn, &who.person, id, patch).await?)
}

/// What a location holds, with what is inside the locations within it: lots (with their
/// products' names) and samples, a page of each.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Contents {
    pub lots: domain::page::Page<domain::lot::Lot>,
    pub product_names: std::collections::HashMap<uuid::Uuid, String>,
    pub samples: domain::page::Page<domain::sample::Sample>,
    /// Every location the person may see, to say where each thing is.
    pub places: Vec<Location>,
}

#[server(prefix = "/api/ui", endpoint = "location_contents", input = leptos::server_fn::codec::GetUrl)]
pub async fn location_contents(
    id: String,
    lots_after: String,
    samples_after: String,
) -> Result<Contents, AppError> {
    use domain::page::PageRequest;
    use service::inventory::{lots, products, samples};
    let who = principal()?;
    let db = database()?;
    let within = Some(domain::kind::Kind::Location.id(&id)?);
    let size = Some(crate::list_search::PAGE_SIZE);
    let lots = lots::list(
        &db.conn,
        &who.person,
        lots::LotQuery {
            within,
            ..Default::default()
        },
        PageRequest::parse(size, Some(&lots_after))?,
    )
    .await?;
    let samples = samples::list(
        &db.conn,
        &who.person,
        samples::SampleQuery {
            within,
            ..Default::default()
        },
        PageRequest::parse(size, Some(&samples_after))?,
    )
    .await?;
    let ids: Vec<uuid::Uuid> = lots.items.iter().map(|l| l.product_id).collect();
    Ok(Contents {
        product_names: products::names(&db.conn, &ids).await?,
        places: service::inventory::locations::list_all(&db.conn, &who.person).await?,
        lots,
        samples,
    })
}
