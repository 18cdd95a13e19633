//! `/api/v1/locations`: thin handlers over `service::locations`.

use axum::{
    extract::{Query, State},
    http::StatusCode,
    routing::get,
    Json, Router,
};
use domain::{
    location::{Location, LocationPatch, NewLocation},
    page::{Page, PageRequest},
};
use serde::Deserialize;
use service::{locations, Actor};

use crate::{
    extract::{ApiJson, IdPath},
    problem::ApiResult,
    state::AppState,
};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/locations", get(list).post(create))
        .route("/locations/{id}", get(read).patch(update))
}

/// Query parameters are taken as text and validated by the domain, so a bad one gets a
/// problem naming it rather than a generic rejection.
#[derive(Deserialize)]
struct ListQuery {
    q: Option<String>,
    limit: Option<String>,
    cursor: Option<String>,
}

async fn list(
    State(state): State<AppState>,
    Query(query): Query<ListQuery>,
) -> ApiResult<Json<Page<Location>>> {
    let page = PageRequest::parse(query.limit.as_deref(), query.cursor.as_deref())?;
    Ok(Json(
        locations::list(&state.db.conn, query.q.as_deref(), page).await?,
    ))
}

async fn create(
    State(state): State<AppState>,
    ApiJson(new): ApiJson<NewLocation>,
) -> ApiResult<(StatusCode, Json<Location>)> {
    let created = locations::create(&state.db.conn, &Actor::anonymous(), new).await?;
    Ok((StatusCode::CREATED, Json(created)))
}

async fn read(State(state): State<AppState>, IdPath(id): IdPath) -> ApiResult<Json<Location>> {
    Ok(Json(locations::get(&state.db.conn, id).await?))
}

async fn update(
    State(state): State<AppState>,
    IdPath(id): IdPath,
    ApiJson(patch): ApiJson<LocationPatch>,
) -> ApiResult<Json<Location>> {
    Ok(Json(
        locations::update(&state.db.conn, &Actor::anonymous(), id, patch).await?,
    ))
}
