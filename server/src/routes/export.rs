//! `GET /api/v1/export/{kind}`: a whole list as CSV, with the list's filters, streamed
//! page by page so a million lots never sit in memory at once.

use std::future::Future;

use axum::{
    body::Body,
    extract::{Path, State},
    http::header,
    response::{IntoResponse, Response},
};
use bytes::Bytes;
use domain::{kind::Kind, page::PageRequest, DomainError};
use futures_util::StreamExt;
use serde::Deserialize;
use service::export::{encode, Filters, Rows, Table};
use utoipa::IntoParams;
use utoipa_axum::{router::OpenApiRouter, routes};
use uuid::Uuid;

use crate::{
    auth::Signed,
    extract::ApiQuery,
    problem::{ApiResult, Problem},
    state::AppState,
};

/// Rows fetched per database round trip.
const BATCH: &str = "500";

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(export))
}

#[derive(Deserialize, IntoParams, Clone, Default)]
#[into_params(parameter_in = Query)]
struct ExportQuery {
    /// The list's search, as for the list itself.
    q: Option<String>,
    /// products: the kind (chemical, biological…).
    kind: Option<String>,
    /// lots: only those of this product.
    product_id: Option<Uuid>,
    /// lots, samples, instruments: the status, as for the list.
    status: Option<String>,
    /// samples: only those kept in this location.
    location_id: Option<Uuid>,
    /// lots and samples: only those in this location or any location inside it.
    within: Option<Uuid>,
    /// lots: only those expiring on or before this day (YYYY-MM-DD).
    expires_before: Option<String>,
    /// lots: only those expiring on or after this day (YYYY-MM-DD).
    expires_after: Option<String>,
    /// The list's order, as for the list (`created`, `name`, `expiry`).
    sort: Option<String>,
}

/// Everything a list holds for the caller, as CSV (UTF-8, a header row, one row per item).
/// Kinds: products, lots, samples, instruments, locations. Cells that a spreadsheet would
/// run as a formula are prefixed with `'`.
#[utoipa::path(get, path = "/export/{kind}", operation_id = "export_csv", tag = "inventory", params(
    ("kind" = String, Path, description = "products, lots, samples, instruments or locations"),
    ExportQuery,
), responses(
    (status = 200, description = "the CSV file", content_type = "text/csv"),
    (status = 404, body = Problem, content_type = "application/problem+json"),
    (status = 422, body = Problem, content_type = "application/problem+json"),
))]
async fn export(
    State(state): State<AppState>,
    Signed(who): Signed,
    Path(kind): Path<String>,
    ApiQuery(query): ApiQuery<ExportQuery>,
) -> ApiResult<Response> {
    let kind = Kind::from_folder(&kind).ok_or_else(|| DomainError::not_found("export"))?;
    let filters = Filters {
        q: query.q,
        kind: query.kind,
        product_id: query.product_id,
        status: query.status,
        location_id: query.location_id,
        within: query.within,
        expires_before: query.expires_before,
        expires_after: query.expires_after,
        sort: query.sort,
    };
    let table = Table::new(kind, filters)?;
    let (db, person) = (state.db.clone(), who.person);
    csv(table.kind(), table.columns(), move |page| {
        let (db, person, table) = (db.clone(), person.clone(), table.clone());
        async move { table.page(&db.conn, &person, page).await }
    })
    .await
}

/// Answers with the first page at once (so a bad filter is a proper 422), then streams
/// the rest as the client reads.
async fn csv<F, Fut>(
    kind: Kind,
    columns: &'static [&'static str],
    mut fetch: F,
) -> ApiResult<Response>
where
    F: FnMut(PageRequest) -> Fut + Send + 'static,
    Fut: Future<Output = Result<Rows, service::ServiceError>> + Send + 'static,
{
    let (first, cursor) = fetch(PageRequest::parse(Some(BATCH), None)?).await?;
    let header: Vec<String> = columns.iter().map(|c| (*c).to_owned()).collect();
    let head = Bytes::from(encode(std::iter::once(header).chain(first)));
    let rest = futures_util::stream::unfold((fetch, cursor), |(mut fetch, cursor)| async move {
        let page = PageRequest::parse(Some(BATCH), Some(cursor?.as_str())).ok()?;
        match fetch(page).await {
            Ok((rows, next)) => Some((Ok(Bytes::from(encode(rows))), (fetch, next))),
            // The client sees a cut download rather than a file that looks whole.
            Err(e) => Some((Err(std::io::Error::other(e.to_string())), (fetch, None))),
        }
    });
    // Fused: the compression layer polls once more after the end, and `unfold` panics
    // when polled past its end (the client then got an empty reply).
    let body = futures_util::stream::once(async move { Ok(head) })
        .chain(rest)
        .fuse();
    let folder = kind.folder().unwrap_or("export");
    let filename = format!("attachment; filename=\"paillasse-{folder}.csv\"");
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (header::CONTENT_DISPOSITION, filename),
        ],
        Body::from_stream(body),
    )
        .into_response())
}
