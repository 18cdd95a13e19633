//! `/api/v1/locations`: thin handlers over `service::inventory::locations`.

use axum::{extract::State, http::StatusCode, Json};
use domain::{
    location::{Location, LocationPatch, NewLocation},
    page::{Page, PageRequest, Sort},
};
use serde::Deserialize;
use service::inventory::locations;
use utoipa::IntoParams;

use utoipa_axum::{router::OpenApiRouter, routes};

use crate::{
    auth::Signed,
    extract::{ApiJson, ApiQuery, IdPath},
    problem::{ApiResult, Problem},
    state::AppState,
};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list, create))
        .routes(routes!(read, update))
        .routes(routes!(box_contents))
}

/// Query parameters are taken as text and validated by the domain, so a bad one gets a
/// problem naming it rather than a generic rejection.
#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
struct ListQuery {
    /// Words of the name (each a prefix, any case), or a label code.
    q: Option<String>,
    /// `created` (oldest first, the default) or `name`.
    sort: Option<String>,
    /// Page size, 1–500 (default 50).
    #[param(value_type = Option<u64>, minimum = 1, maximum = 500)]
    limit: Option<String>,
    /// `next_cursor` of the previous page.
    cursor: Option<String>,
}

/// Lists locations.
#[utoipa::path(get, path = "/locations", operation_id = "list_locations", tag = "locations", params(ListQuery), responses(
    (status = 200, body = Page<Location>),
    (status = 422, description = "bad `limit` or `cursor`", body = Problem, content_type = "application/problem+json"),
))]
async fn list(
    State(state): State<AppState>,
    Signed(who): Signed,
    ApiQuery(query): ApiQuery<ListQuery>,
) -> ApiResult<Json<Page<Location>>> {
    let page = PageRequest::parse(query.limit.as_deref(), query.cursor.as_deref())?;
    Ok(Json(
        locations::list(
            &state.db.conn,
            &who.person,
            query.q.as_deref(),
            Sort::parse(query.sort.as_deref(), &locations::SORTS)?,
            page,
        )
        .await?,
    ))
}

/// Creates a location; it gets a label code.
#[utoipa::path(post, path = "/locations", operation_id = "create_location", tag = "locations", request_body = NewLocation, responses(
    (status = 201, body = Location),
    (status = 400, description = "unreadable body", body = Problem, content_type = "application/problem+json"),
    (status = 422, description = "refused values", body = Problem, content_type = "application/problem+json"),
))]
async fn create(
    State(state): State<AppState>,
    Signed(who): Signed,
    ApiJson(new): ApiJson<NewLocation>,
) -> ApiResult<(StatusCode, Json<Location>)> {
    let created = locations::create(&state.db.conn, &who.person, new).await?;
    Ok((StatusCode::CREATED, Json(created)))
}

/// Reads one location.
#[utoipa::path(get, path = "/locations/{id}", operation_id = "read_location", tag = "locations", params(("id" = uuid::Uuid, Path, description = "the location id")), responses(
    (status = 200, body = Location),
    (status = 404, body = Problem, content_type = "application/problem+json"),
))]
async fn read(
    State(state): State<AppState>,
    Signed(who): Signed,
    IdPath(id): IdPath,
) -> ApiResult<Json<Location>> {
    Ok(Json(locations::get(&state.db.conn, &who.person, id).await?))
}

/// Renames or moves a location; a cycle is refused.
#[utoipa::path(patch, path = "/locations/{id}", operation_id = "update_location", tag = "locations", params(("id" = uuid::Uuid, Path, description = "the location id")), request_body = LocationPatch, responses(
    (status = 200, body = Location),
    (status = 400, description = "unreadable body", body = Problem, content_type = "application/problem+json"),
    (status = 404, body = Problem, content_type = "application/problem+json"),
    (status = 422, description = "refused values, e.g. a cycle", body = Problem, content_type = "application/problem+json"),
))]
async fn update(
    State(state): State<AppState>,
    Signed(who): Signed,
    IdPath(id): IdPath,
    ApiJson(patch): ApiJson<LocationPatch>,
) -> ApiResult<Json<Location>> {
    Ok(Json(
        locations::update(&state.db.conn, &who.person, id, patch).await?,
    ))
}

/// A box's grid and what holds each occupied position (things the caller may not see
/// are marked `restricted`); a plain location has no grid and no cells.
#[utoipa::path(get, path = "/locations/{id}/positions", operation_id = "read_box_positions", tag = "locations", params(("id" = uuid::Uuid, Path, description = "the location id")), responses(
    (status = 200, body = domain::grid::BoxContents),
    (status = 404, body = Problem, content_type = "application/problem+json"),
))]
async fn box_contents(
    State(state): State<AppState>,
    Signed(who): Signed,
    IdPath(id): IdPath,
) -> ApiResult<Json<domain::grid::BoxContents>> {
    Ok(Json(
        service::inventory::positions::contents(&state.db.conn, &who.person, id).await?,
    ))
}
