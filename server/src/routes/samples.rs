//! `/api/v1/samples`: lineage, aliquots and the samples' own ledger; thin handlers over
//! `service::inventory::samples`.

use axum::{extract::State, http::StatusCode, Json};
use domain::{
    ledger::NewMovement,
    page::{Page, PageRequest, Sort},
    sample::{NewAliquots, NewParent, NewSample, Sample, SampleMovement, SamplePatch},
};
use serde::Deserialize;
use service::inventory::samples::{self, SampleQuery};
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
        .routes(routes!(add_parent))
        .routes(routes!(aliquot))
        .routes(routes!(ledger, move_stock))
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
struct ListQuery {
    /// A label code, or words of the name (each a prefix).
    q: Option<String>,
    /// Only the samples made from this sample or lot (its direct children).
    derived_from: Option<uuid::Uuid>,
    /// Only the samples kept in this location.
    location_id: Option<uuid::Uuid>,
    /// Only the samples kept in this location or any location inside it.
    within: Option<uuid::Uuid>,
    /// available, used_up or discarded.
    status: Option<String>,
    /// `created` (oldest first, the default) or `name`.
    sort: Option<String>,
    /// Page size, 1–500 (default 50).
    #[param(value_type = Option<u64>, minimum = 1, maximum = 500)]
    limit: Option<String>,
    /// `next_cursor` of the previous page.
    cursor: Option<String>,
}

/// Lists the samples the caller may see.
#[utoipa::path(get, path = "/samples", operation_id = "list_samples", tag = "inventory", params(ListQuery), responses(
    (status = 200, body = Page<Sample>),
    (status = 422, body = Problem, content_type = "application/problem+json"),
))]
async fn list(
    State(state): State<AppState>,
    Signed(who): Signed,
    ApiQuery(query): ApiQuery<ListQuery>,
) -> ApiResult<Json<Page<Sample>>> {
    let page = PageRequest::parse(query.limit.as_deref(), query.cursor.as_deref())?;
    let filter = SampleQuery {
        q: query.q,
        derived_from: query.derived_from,
        location_id: query.location_id,
        within: query.within,
        status: query.status,
        sort: Sort::parse(query.sort.as_deref(), &samples::SORTS)?,
    };
    Ok(Json(
        samples::list(&state.db.conn, &who.person, filter, page).await?,
    ))
}

/// Makes a sample, optionally from parent samples and lots (`parents`), taking each
/// parent's `quantity` from its stock in the same transaction.
#[utoipa::path(post, path = "/samples", operation_id = "create_sample", tag = "inventory", request_body = NewSample, responses(
    (status = 201, body = Sample),
    (status = 400, body = Problem, content_type = "application/problem+json"),
    (status = 409, description = "a parent does not hold the quantity taken", body = Problem, content_type = "application/problem+json"),
    (status = 422, body = Problem, content_type = "application/problem+json"),
))]
async fn create(
    State(state): State<AppState>,
    Signed(who): Signed,
    ApiJson(new): ApiJson<NewSample>,
) -> ApiResult<(StatusCode, Json<Sample>)> {
    let sample = samples::create(&state.db.conn, &who.person, new).await?;
    Ok((StatusCode::CREATED, Json(sample)))
}

/// Reads one sample with its parents (those the caller may not see are `restricted`).
#[utoipa::path(get, path = "/samples/{id}", operation_id = "read_sample", tag = "inventory", params(("id" = uuid::Uuid, Path, description = "the sample id")), responses(
    (status = 200, body = Sample),
    (status = 404, body = Problem, content_type = "application/problem+json"),
))]
async fn read(
    State(state): State<AppState>,
    Signed(who): Signed,
    IdPath(id): IdPath,
) -> ApiResult<Json<Sample>> {
    Ok(Json(samples::get(&state.db.conn, &who.person, id).await?))
}

/// Renames, retypes or moves a sample.
#[utoipa::path(patch, path = "/samples/{id}", operation_id = "update_sample", tag = "inventory", params(("id" = uuid::Uuid, Path, description = "the sample id")), request_body = SamplePatch, responses(
    (status = 200, body = Sample),
    (status = 403, body = Problem, content_type = "application/problem+json"),
    (status = 404, body = Problem, content_type = "application/problem+json"),
    (status = 422, body = Problem, content_type = "application/problem+json"),
))]
async fn update(
    State(state): State<AppState>,
    Signed(who): Signed,
    IdPath(id): IdPath,
    ApiJson(patch): ApiJson<SamplePatch>,
) -> ApiResult<Json<Sample>> {
    Ok(Json(
        samples::update(&state.db.conn, &who.person, id, patch).await?,
    ))
}

/// Adds a parent (a sample or a lot); one that descends from this sample is refused.
#[utoipa::path(post, path = "/samples/{id}/parents", operation_id = "add_sample_parent", tag = "inventory", params(("id" = uuid::Uuid, Path, description = "the sample id")), request_body = NewParent, responses(
    (status = 200, body = Sample),
    (status = 403, body = Problem, content_type = "application/problem+json"),
    (status = 404, body = Problem, content_type = "application/problem+json"),
    (status = 409, description = "already a parent, or not enough left in it", body = Problem, content_type = "application/problem+json"),
    (status = 422, description = "e.g. a lineage cycle", body = Problem, content_type = "application/problem+json"),
))]
async fn add_parent(
    State(state): State<AppState>,
    Signed(who): Signed,
    IdPath(id): IdPath,
    ApiJson(new): ApiJson<NewParent>,
) -> ApiResult<Json<Sample>> {
    Ok(Json(
        samples::add_parent(&state.db.conn, &who.person, id, new).await?,
    ))
}

/// Splits the sample into `count` aliquots of `quantity` each, in one action.
#[utoipa::path(post, path = "/samples/{id}/aliquots", operation_id = "make_aliquots", tag = "inventory", params(("id" = uuid::Uuid, Path, description = "the sample id")), request_body = NewAliquots, responses(
    (status = 201, body = Vec<Sample>),
    (status = 403, body = Problem, content_type = "application/problem+json"),
    (status = 404, body = Problem, content_type = "application/problem+json"),
    (status = 409, description = "the sample does not hold count × quantity", body = Problem, content_type = "application/problem+json"),
    (status = 422, body = Problem, content_type = "application/problem+json"),
))]
async fn aliquot(
    State(state): State<AppState>,
    Signed(who): Signed,
    IdPath(id): IdPath,
    ApiJson(new): ApiJson<NewAliquots>,
) -> ApiResult<(StatusCode, Json<Vec<Sample>>)> {
    let made = samples::aliquot(&state.db.conn, &who.person, id, new).await?;
    Ok((StatusCode::CREATED, Json(made)))
}

/// The sample's ledger, oldest first.
#[utoipa::path(get, path = "/samples/{id}/movements", operation_id = "list_sample_movements", tag = "inventory", params(("id" = uuid::Uuid, Path, description = "the sample id")), responses(
    (status = 200, body = Vec<SampleMovement>),
    (status = 404, body = Problem, content_type = "application/problem+json"),
))]
async fn ledger(
    State(state): State<AppState>,
    Signed(who): Signed,
    IdPath(id): IdPath,
) -> ApiResult<Json<Vec<SampleMovement>>> {
    Ok(Json(
        samples::movements(&state.db.conn, &who.person, id).await?,
    ))
}

/// Records a movement (`receive`, `consume`, `adjust`, `dispose`); more than is left is 409.
#[utoipa::path(post, path = "/samples/{id}/movements", operation_id = "record_sample_movement", tag = "inventory", params(("id" = uuid::Uuid, Path, description = "the sample id")), request_body = NewMovement, responses(
    (status = 201, body = SampleMovement),
    (status = 403, body = Problem, content_type = "application/problem+json"),
    (status = 404, body = Problem, content_type = "application/problem+json"),
    (status = 409, description = "more than is left, or a discarded sample", body = Problem, content_type = "application/problem+json"),
    (status = 422, body = Problem, content_type = "application/problem+json"),
))]
async fn move_stock(
    State(state): State<AppState>,
    Signed(who): Signed,
    IdPath(id): IdPath,
    ApiJson(new): ApiJson<NewMovement>,
) -> ApiResult<(StatusCode, Json<SampleMovement>)> {
    let movement = samples::move_stock(&state.db.conn, &who.person, id, new).await?;
    Ok((StatusCode::CREATED, Json(movement)))
}
