//! `/api/v1/instruments` and their calibration and maintenance records: thin handlers
//! over `service::inventory::instruments`.

use axum::{extract::State, http::StatusCode, Json};
use domain::{
    instrument::{Instrument, InstrumentPatch, InstrumentRecord, NewInstrument, NewRecord},
    page::{Page, PageRequest, Sort},
};
use serde::Deserialize;
use service::inventory::instruments;
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
        .routes(routes!(records, add_record))
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
struct ListQuery {
    /// A label code, a serial number, or words of the name or model (each a prefix).
    q: Option<String>,
    /// available, in_maintenance or out_of_service.
    status: Option<String>,
    /// `created` (oldest first, the default) or `name`.
    sort: Option<String>,
    /// Page size, 1–500 (default 50).
    #[param(value_type = Option<u64>, minimum = 1, maximum = 500)]
    limit: Option<String>,
    /// `next_cursor` of the previous page.
    cursor: Option<String>,
}

/// Lists the instruments the caller may see, each with its calibration state today.
#[utoipa::path(get, path = "/instruments", operation_id = "list_instruments", tag = "inventory", params(ListQuery), responses(
    (status = 200, body = Page<Instrument>),
    (status = 422, body = Problem, content_type = "application/problem+json"),
))]
async fn list(
    State(state): State<AppState>,
    Signed(who): Signed,
    ApiQuery(query): ApiQuery<ListQuery>,
) -> ApiResult<Json<Page<Instrument>>> {
    let page = PageRequest::parse(query.limit.as_deref(), query.cursor.as_deref())?;
    Ok(Json(
        instruments::list(
            &state.db.conn,
            &who.person,
            instruments::InstrumentQuery {
                q: query.q,
                status: query.status,
                sort: Sort::parse(query.sort.as_deref(), &instruments::SORTS)?,
            },
            page,
        )
        .await?,
    ))
}

/// Registers an instrument; it gets a label code.
#[utoipa::path(post, path = "/instruments", operation_id = "create_instrument", tag = "inventory", request_body = NewInstrument, responses(
    (status = 201, body = Instrument),
    (status = 400, body = Problem, content_type = "application/problem+json"),
    (status = 422, body = Problem, content_type = "application/problem+json"),
))]
async fn create(
    State(state): State<AppState>,
    Signed(who): Signed,
    ApiJson(new): ApiJson<NewInstrument>,
) -> ApiResult<(StatusCode, Json<Instrument>)> {
    let instrument = instruments::create(&state.db.conn, &who.person, new).await?;
    Ok((StatusCode::CREATED, Json(instrument)))
}

/// Reads one instrument with its calibration state today.
#[utoipa::path(get, path = "/instruments/{id}", operation_id = "read_instrument", tag = "inventory", params(("id" = uuid::Uuid, Path, description = "the instrument id")), responses(
    (status = 200, body = Instrument),
    (status = 404, body = Problem, content_type = "application/problem+json"),
))]
async fn read(
    State(state): State<AppState>,
    Signed(who): Signed,
    IdPath(id): IdPath,
) -> ApiResult<Json<Instrument>> {
    Ok(Json(
        instruments::get(&state.db.conn, &who.person, id).await?,
    ))
}

/// Renames, moves or changes the status of an instrument.
#[utoipa::path(patch, path = "/instruments/{id}", operation_id = "update_instrument", tag = "inventory", params(("id" = uuid::Uuid, Path, description = "the instrument id")), request_body = InstrumentPatch, responses(
    (status = 200, body = Instrument),
    (status = 403, body = Problem, content_type = "application/problem+json"),
    (status = 404, body = Problem, content_type = "application/problem+json"),
    (status = 422, body = Problem, content_type = "application/problem+json"),
))]
async fn update(
    State(state): State<AppState>,
    Signed(who): Signed,
    IdPath(id): IdPath,
    ApiJson(patch): ApiJson<InstrumentPatch>,
) -> ApiResult<Json<Instrument>> {
    Ok(Json(
        instruments::update(&state.db.conn, &who.person, id, patch).await?,
    ))
}

/// The instrument's calibration and maintenance records, newest first.
#[utoipa::path(get, path = "/instruments/{id}/records", operation_id = "list_instrument_records", tag = "inventory", params(("id" = uuid::Uuid, Path, description = "the instrument id")), responses(
    (status = 200, body = Vec<InstrumentRecord>),
    (status = 404, body = Problem, content_type = "application/problem+json"),
))]
async fn records(
    State(state): State<AppState>,
    Signed(who): Signed,
    IdPath(id): IdPath,
) -> ApiResult<Json<Vec<InstrumentRecord>>> {
    Ok(Json(
        instruments::records(&state.db.conn, &who.person, id).await?,
    ))
}

/// Records a calibration (with its validity end) or a maintenance.
#[utoipa::path(post, path = "/instruments/{id}/records", operation_id = "add_instrument_record", tag = "inventory", params(("id" = uuid::Uuid, Path, description = "the instrument id")), request_body = NewRecord, responses(
    (status = 201, body = InstrumentRecord),
    (status = 403, body = Problem, content_type = "application/problem+json"),
    (status = 404, body = Problem, content_type = "application/problem+json"),
    (status = 422, body = Problem, content_type = "application/problem+json"),
))]
async fn add_record(
    State(state): State<AppState>,
    Signed(who): Signed,
    IdPath(id): IdPath,
    ApiJson(new): ApiJson<NewRecord>,
) -> ApiResult<(StatusCode, Json<InstrumentRecord>)> {
    let record = instruments::add_record(&state.db.conn, &who.person, id, new).await?;
    Ok((StatusCode::CREATED, Json(record)))
}
