//! `/api/v1/lots` and their stock movements: thin handlers over `service::inventory::lots`.

use axum::{extract::State, http::StatusCode, Json};
use domain::{
    ledger::NewMovement,
    lot::{Lot, LotPatch, Movement, NewLot},
    page::{optional_day, Page, PageRequest, Sort},
};
use serde::Deserialize;
use service::inventory::lots;
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
        .routes(routes!(ledger, move_stock))
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
struct ListQuery {
    /// A label code or a supplier lot number.
    q: Option<String>,
    /// Only the lots of this product.
    product_id: Option<uuid::Uuid>,
    /// Only the lots kept in this location or any location inside it.
    within: Option<uuid::Uuid>,
    /// in_use, quarantined, empty or disposed.
    status: Option<String>,
    /// Only the lots expiring on or before this day (YYYY-MM-DD).
    expires_before: Option<String>,
    /// Only the lots expiring on or after this day (YYYY-MM-DD).
    expires_after: Option<String>,
    /// `created` (oldest first, the default) or `expiry` (soonest first, none last).
    sort: Option<String>,
    /// Page size, 1–500 (default 50).
    #[param(value_type = Option<u64>, minimum = 1, maximum = 500)]
    limit: Option<String>,
    /// `next_cursor` of the previous page.
    cursor: Option<String>,
}

/// Lists the lots the caller may see.
#[utoipa::path(get, path = "/lots", operation_id = "list_lots", tag = "inventory", params(ListQuery), responses(
    (status = 200, body = Page<Lot>),
    (status = 422, body = Problem, content_type = "application/problem+json"),
))]
async fn list(
    State(state): State<AppState>,
    Signed(who): Signed,
    ApiQuery(query): ApiQuery<ListQuery>,
) -> ApiResult<Json<Page<Lot>>> {
    let page = PageRequest::parse(query.limit.as_deref(), query.cursor.as_deref())?;
    Ok(Json(
        lots::list(
            &state.db.conn,
            &who.person,
            lots::LotQuery {
                q: query.q,
                product_id: query.product_id,
                within: query.within,
                status: query.status,
                expires_before: optional_day("expires_before", query.expires_before.as_deref())?,
                expires_after: optional_day("expires_after", query.expires_after.as_deref())?,
                sort: Sort::parse(query.sort.as_deref(), &lots::SORTS)?,
            },
            page,
        )
        .await?,
    ))
}

/// Receives a lot: it gets a label code, and its ledger starts with the quantity received.
#[utoipa::path(post, path = "/lots", operation_id = "create_lot", tag = "inventory", request_body = NewLot, responses(
    (status = 201, body = Lot),
    (status = 400, body = Problem, content_type = "application/problem+json"),
    (status = 422, body = Problem, content_type = "application/problem+json"),
))]
async fn create(
    State(state): State<AppState>,
    Signed(who): Signed,
    ApiJson(new): ApiJson<NewLot>,
) -> ApiResult<(StatusCode, Json<Lot>)> {
    let lot = lots::create(&state.db.conn, &who.person, new).await?;
    Ok((StatusCode::CREATED, Json(lot)))
}

/// Reads one lot; `quantity` is the sum of its ledger.
#[utoipa::path(get, path = "/lots/{id}", operation_id = "read_lot", tag = "inventory", params(("id" = uuid::Uuid, Path, description = "the lot id")), responses(
    (status = 200, body = Lot),
    (status = 404, body = Problem, content_type = "application/problem+json"),
))]
async fn read(
    State(state): State<AppState>,
    Signed(who): Signed,
    IdPath(id): IdPath,
) -> ApiResult<Json<Lot>> {
    Ok(Json(lots::get(&state.db.conn, &who.person, id).await?))
}

/// Changes dates, the supplier lot number, or quarantine.
#[utoipa::path(patch, path = "/lots/{id}", operation_id = "update_lot", tag = "inventory", params(("id" = uuid::Uuid, Path, description = "the lot id")), request_body = LotPatch, responses(
    (status = 200, body = Lot),
    (status = 403, body = Problem, content_type = "application/problem+json"),
    (status = 404, body = Problem, content_type = "application/problem+json"),
    (status = 422, description = "e.g. an illegal status transition", body = Problem, content_type = "application/problem+json"),
))]
async fn update(
    State(state): State<AppState>,
    Signed(who): Signed,
    IdPath(id): IdPath,
    ApiJson(patch): ApiJson<LotPatch>,
) -> ApiResult<Json<Lot>> {
    Ok(Json(
        lots::update(&state.db.conn, &who.person, id, patch).await?,
    ))
}

/// The lot's ledger, oldest first.
#[utoipa::path(get, path = "/lots/{id}/movements", operation_id = "list_lot_movements", tag = "inventory", params(("id" = uuid::Uuid, Path, description = "the lot id")), responses(
    (status = 200, body = Vec<Movement>),
    (status = 404, body = Problem, content_type = "application/problem+json"),
))]
async fn ledger(
    State(state): State<AppState>,
    Signed(who): Signed,
    IdPath(id): IdPath,
) -> ApiResult<Json<Vec<Movement>>> {
    Ok(Json(
        lots::movements(&state.db.conn, &who.person, id).await?,
    ))
}

/// Records a movement (`receive`, `consume`, `adjust`, `dispose`); more than is left is 409.
#[utoipa::path(post, path = "/lots/{id}/movements", operation_id = "record_lot_movement", tag = "inventory", params(("id" = uuid::Uuid, Path, description = "the lot id")), request_body = NewMovement, responses(
    (status = 201, body = Movement),
    (status = 403, body = Problem, content_type = "application/problem+json"),
    (status = 404, body = Problem, content_type = "application/problem+json"),
    (status = 409, description = "more than is left, or a quarantined/disposed lot", body = Problem, content_type = "application/problem+json"),
    (status = 422, body = Problem, content_type = "application/problem+json"),
))]
async fn move_stock(
    State(state): State<AppState>,
    Signed(who): Signed,
    IdPath(id): IdPath,
    ApiJson(new): ApiJson<NewMovement>,
) -> ApiResult<(StatusCode, Json<Movement>)> {
    let movement = lots::move_stock(&state.db.conn, &who.person, id, new).await?;
    Ok((StatusCode::CREATED, Json(movement)))
}
