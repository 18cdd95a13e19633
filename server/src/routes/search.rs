//! `GET /api/v1/search`: the one search box across every kind of thing.

use crate::extract::ApiQuery;
use axum::{extract::State, Json};
use domain::search::Hit;
use serde::{Deserialize, Serialize};
use service::things::search;
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::{auth::Signed, problem::ApiResult, state::AppState};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(find))
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
struct SearchQuery {
    /// Words of a name (each a prefix), a CAS number, a supplier lot, catalogue or serial
    /// number, or a label code (any case, dashes optional, or a scanned label URL).
    q: Option<String>,
}

/// What the search box found.
#[derive(Serialize, ToSchema)]
struct Found {
    /// The thing whose label code was typed first, then products, lots, samples,
    /// instruments and locations, at most 10 of each.
    items: Vec<Hit>,
}

/// Finds products, lots, samples, instruments and locations the caller may see.
#[utoipa::path(get, path = "/search", operation_id = "search", tag = "inventory", params(SearchQuery), responses(
    (status = 200, body = Found),
))]
async fn find(
    State(state): State<AppState>,
    Signed(who): Signed,
    ApiQuery(query): ApiQuery<SearchQuery>,
) -> ApiResult<Json<Found>> {
    let q = query.q.unwrap_or_default();
    Ok(Json(Found {
        items: search::everything(&state.db.conn, &who.person, &q).await?,
    }))
}
