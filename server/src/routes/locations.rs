//! `/api/v1/locations`: thin handlers over `service::locations`.

use axum::{
    extract::{Query, State},
    http::StatusCode,
    Json,
};
use domain::{
    location::{Location, LocationPatch, NewLocation},
    page::{Page, PageRequest},
};
use serde::Deserialize;
use service::{locations, Actor};
use utoipa::IntoParams;
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::{
    extract::{ApiJson, IdPath},
    problem::{ApiResult, Problem},
    state::AppState,
};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list, create))
        .routes(routes!(read, update))
}

/// Query parameters are taken as text and validated by the domain, so a bad one gets a
/// problem naming it rather than a generic rejection.
#[derive(Deserialize, IntoParams)]
struct ListQuery {
    /// Part of the name (any case), or a label code.
    q: Option<String>,
    /// Page size, 1–500 (default 50).
    #[param(value_type = Option<u64>)]
    limit: Option<String>,
    /// `next_cursor` of the previous page.
    cursor: Option<String>,
}

/// Lists locations in creation order.
#[utoipa::path(get, path = "/locations", tag = "locations", params(ListQuery), responses(
    (status = 200, body = Page<Location>),
    (status = 422, description = "bad `limit` or `cursor`", body = Problem, content_type = "application/problem+json"),
))]
async fn list(
    State(state): State<AppState>,
    Query(query): Query<ListQuery>,
) -> ApiResult<Json<Page<Location>>> {
    let page = PageRequest::parse(query.limit.as_deref(), query.cursor.as_deref())?;
    Ok(Json(
        locations::list(&state.db.conn, query.q.as_deref(), page).await?,
    ))
}

/// Creates a location; it gets a label code.
#[utoipa::path(post, path = "/locations", tag = "locations", request_body = NewLocation, responses(
    (status = 201, body = Location),
    (status = 400, description = "unreadable body", body = Problem, content_type = "application/problem+json"),
    (status = 422, description = "refused values", body = Problem, content_type = "application/problem+json"),
))]
async fn create(
    State(state): State<AppState>,
    ApiJson(new): ApiJson<NewLocation>,
) -> ApiResult<(StatusCode, Json<Location>)> {
    let created = locations::create(&state.db.conn, &Actor::anonymous(), new).await?;
    Ok((StatusCode::CREATED, Json(created)))
}

/// Reads one location.
#[utoipa::path(get, path = "/locations/{id}", tag = "locations", params(("id" = uuid::Uuid, Path, description = "the location id")), responses(
    (status = 200, body = Location),
    (status = 404, body = Problem, content_type = "application/problem+json"),
))]
async fn read(State(state): State<AppState>, IdPath(id): IdPath) -> ApiResult<Json<Location>> {
    Ok(Json(locations::get(&state.db.conn, id).await?))
}

/// Renames or moves a location; a cycle is refused.
#[utoipa::path(patch, path = "/locations/{id}", tag = "locations", params(("id" = uuid::Uuid, Path, description = "the location id")), request_body = LocationPatch, responses(
    (status = 200, body = Location),
    (status = 400, description = "unreadable body", body = Problem, content_type = "application/problem+json"),
    (status = 404, body = Problem, content_type = "application/problem+json"),
    (status = 422, description = "refused values, e.g. a cycle", body = Problem, content_type = "application/problem+json"),
))]
async fn update(
    State(state): State<AppState>,
    IdPath(id): IdPath,
    ApiJson(patch): ApiJson<LocationPatch>,
) -> ApiResult<Json<Location>> {
    Ok(Json(
        locations::update(&state.db.conn, &Actor::anonymous(), id, patch).await?,
    ))
}
