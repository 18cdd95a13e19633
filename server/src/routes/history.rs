//! `GET /api/v1/history/{kind}/{id}`: a thing's audited changes.

use axum::{
    extract::{Path, State},
    Json,
};
use domain::{history::HistoryEntry, kind::Kind, DomainError};
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::{
    auth::Signed,
    problem::{ApiResult, Problem},
    state::AppState,
};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(read))
}

/// The changes made to a location, product, lot, sample or instrument, oldest first: when,
/// by whom, what, and which fields changed. Readable by whoever may read the thing.
#[utoipa::path(get, path = "/history/{kind}/{id}", operation_id = "read_history", tag = "audit", params(
    ("kind" = String, Path, description = "location, product, lot, sample or instrument"),
    ("id" = uuid::Uuid, Path, description = "the thing's id"),
), responses(
    (status = 200, body = Vec<HistoryEntry>),
    (status = 404, body = Problem, content_type = "application/problem+json"),
))]
async fn read(
    State(state): State<AppState>,
    Signed(who): Signed,
    Path((kind, id)): Path<(String, String)>,
) -> ApiResult<Json<Vec<HistoryEntry>>> {
    // An unknown kind or a malformed id is the same 404 as a thing one may not see.
    let id = uuid::Uuid::parse_str(&id).map_err(|_| DomainError::not_found(kind.clone()))?;
    let thing = Kind::named(&kind).ok_or_else(|| DomainError::not_found(kind))?;
    Ok(Json(
        service::things::history::of(&state.db.conn, &who.person, thing, id).await?,
    ))
}
