//! `GET /api/v1/export/{kind}`: a whole list as CSV, with the list's filters, streamed
//! page by page so a million lots never sit in memory at once.

use crate::extract::ApiQuery;
use std::{collections::HashMap, future::Future};

use axum::{
    body::Body,
    extract::{Path, State},
    http::header,
    response::{IntoResponse, Response},
};
use bytes::Bytes;
use domain::{
    page::{optional_day, Page, PageRequest, Sort},
    person::Person,
    DomainError,
};
use futures_util::StreamExt;
use serde::Deserialize;
use service::{inventory::products::ProductQuery, inventory::samples::SampleQuery, Database};
use utoipa::IntoParams;
use utoipa_axum::{router::OpenApiRouter, routes};
use uuid::Uuid;

use crate::{
    auth::Signed,
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
    let db = state.db.clone();
    let person = who.person;
    match kind.as_str() {
        "products" => {
            let filter = ProductQuery {
                q: query.q,
                kind: query.kind,
                sort: Sort::parse(query.sort.as_deref(), &service::inventory::products::SORTS)?,
            };
            csv(&kind, &PRODUCT_COLUMNS, move |page| {
                let (db, person, filter) = (db.clone(), person.clone(), filter.clone());
                async move {
                    let p =
                        service::inventory::products::list(&db.conn, &person, filter, page).await?;
                    Ok(rows(p, |p| {
                        vec![
                            p.id.to_string(),
                            p.name,
                            p.kind.as_str().to_owned(),
                            p.cas.unwrap_or_default(),
                            p.supplier.unwrap_or_default(),
                            p.catalog_number.unwrap_or_default(),
                            p.hazards.join(" "),
                            opt(p.reorder_level),
                            p.reorder_unit.unwrap_or_default(),
                            p.team_id.to_string(),
                            p.created_at.to_rfc3339(),
                        ]
                    }))
                }
            })
            .await
        }
        "lots" => {
            let filter = service::inventory::lots::LotQuery {
                q: query.q,
                product_id: query.product_id,
                within: query.within,
                status: query.status,
                expires_before: optional_day("expires_before", query.expires_before.as_deref())?,
                expires_after: optional_day("expires_after", query.expires_after.as_deref())?,
                sort: Sort::parse(query.sort.as_deref(), &service::inventory::lots::SORTS)?,
            };
            csv(&kind, &LOT_COLUMNS, move |page| {
                let (db, person, filter) = (db.clone(), person.clone(), filter.clone());
                async move {
                    let lots =
                        service::inventory::lots::list(&db.conn, &person, filter, page).await?;
                    let names = product_names(&db, &person, &lots.items).await;
                    Ok(rows(lots, |l| {
                        vec![
                            l.id.to_string(),
                            l.label_code,
                            names.get(&l.product_id).cloned().unwrap_or_default(),
                            l.product_id.to_string(),
                            l.supplier_lot.unwrap_or_default(),
                            l.quantity.to_string(),
                            l.unit,
                            l.status.as_str().to_owned(),
                            l.received_on.to_string(),
                            opt(l.opened_on),
                            opt(l.expires_on),
                            opt(l.location_id),
                            l.position.unwrap_or_default(),
                            l.team_id.to_string(),
                            l.created_at.to_rfc3339(),
                        ]
                    }))
                }
            })
            .await
        }
        "samples" => {
            let filter = SampleQuery {
                q: query.q,
                status: query.status,
                location_id: query.location_id,
                within: query.within,
                derived_from: None,
                sort: Sort::parse(query.sort.as_deref(), &service::inventory::samples::SORTS)?,
            };
            csv(&kind, &SAMPLE_COLUMNS, move |page| {
                let (db, person, filter) = (db.clone(), person.clone(), filter.clone());
                async move {
                    let p =
                        service::inventory::samples::list(&db.conn, &person, filter, page).await?;
                    Ok(rows(p, |s| {
                        let parents = s
                            .parents
                            .iter()
                            .map(|p| match &p.label_code {
                                Some(code) => format!("{} {} {code}", p.relation.as_str(), p.kind),
                                None => format!("{} {} (restricted)", p.relation.as_str(), p.kind),
                            })
                            .collect::<Vec<_>>()
                            .join("; ");
                        vec![
                            s.id.to_string(),
                            s.label_code,
                            s.name,
                            s.sample_type.unwrap_or_default(),
                            s.quantity.to_string(),
                            s.unit,
                            s.status.as_str().to_owned(),
                            opt(s.location_id),
                            s.position.unwrap_or_default(),
                            parents,
                            s.team_id.to_string(),
                            s.created_at.to_rfc3339(),
                        ]
                    }))
                }
            })
            .await
        }
        "instruments" => {
            let filter = service::inventory::instruments::InstrumentQuery {
                q: query.q,
                status: query.status,
                sort: Sort::parse(
                    query.sort.as_deref(),
                    &service::inventory::instruments::SORTS,
                )?,
            };
            csv(&kind, &INSTRUMENT_COLUMNS, move |page| {
                let (db, person, filter) = (db.clone(), person.clone(), filter.clone());
                async move {
                    let p = service::inventory::instruments::list(&db.conn, &person, filter, page)
                        .await?;
                    Ok(rows(p, |i| {
                        vec![
                            i.id.to_string(),
                            i.label_code,
                            i.name,
                            i.model.unwrap_or_default(),
                            i.serial.unwrap_or_default(),
                            i.status.as_str().to_owned(),
                            i.calibration.as_str().to_owned(),
                            opt(i.calibrated_until),
                            opt(i.location_id),
                            i.team_id.to_string(),
                            i.created_at.to_rfc3339(),
                        ]
                    }))
                }
            })
            .await
        }
        "locations" => {
            let (q, sort) = (
                query.q,
                Sort::parse(query.sort.as_deref(), &service::inventory::locations::SORTS)?,
            );
            csv(&kind, &LOCATION_COLUMNS, move |page| {
                let (db, person, q) = (db.clone(), person.clone(), q.clone());
                async move {
                    let p = service::inventory::locations::list(
                        &db.conn,
                        &person,
                        q.as_deref(),
                        sort,
                        page,
                    )
                    .await?;
                    Ok(rows(p, |l| {
                        vec![
                            l.id.to_string(),
                            l.label_code,
                            l.name,
                            opt(l.parent_id),
                            l.grid
                                .map(|g| format!("{}x{}", g.rows, g.cols))
                                .unwrap_or_default(),
                            l.team_id.to_string(),
                            l.created_at.to_rfc3339(),
                        ]
                    }))
                }
            })
            .await
        }
        _ => Err(DomainError::not_found("export").into()),
    }
}

const PRODUCT_COLUMNS: [&str; 11] = [
    "id",
    "name",
    "kind",
    "cas",
    "supplier",
    "catalog_number",
    "hazards",
    "reorder_level",
    "reorder_unit",
    "team_id",
    "created_at",
];
const LOT_COLUMNS: [&str; 15] = [
    "id",
    "label_code",
    "product",
    "product_id",
    "supplier_lot",
    "quantity",
    "unit",
    "status",
    "received_on",
    "opened_on",
    "expires_on",
    "location_id",
    "position",
    "team_id",
    "created_at",
];
const SAMPLE_COLUMNS: [&str; 12] = [
    "id",
    "label_code",
    "name",
    "type",
    "quantity",
    "unit",
    "status",
    "location_id",
    "position",
    "parents",
    "team_id",
    "created_at",
];
const INSTRUMENT_COLUMNS: [&str; 11] = [
    "id",
    "label_code",
    "name",
    "model",
    "serial",
    "status",
    "calibration",
    "calibrated_until",
    "location_id",
    "team_id",
    "created_at",
];
const LOCATION_COLUMNS: [&str; 7] = [
    "id",
    "label_code",
    "name",
    "parent_id",
    "grid",
    "team_id",
    "created_at",
];

/// One page as CSV rows, with the cursor of the next.
type Rows = (Vec<Vec<String>>, Option<String>);

fn rows<T>(page: Page<T>, row: impl Fn(T) -> Vec<String>) -> Rows {
    (page.items.into_iter().map(row).collect(), page.next_cursor)
}

fn opt(value: Option<impl ToString>) -> String {
    value.map(|v| v.to_string()).unwrap_or_default()
}

async fn product_names(
    db: &Database,
    person: &Person,
    lots: &[domain::lot::Lot],
) -> HashMap<Uuid, String> {
    let mut names = HashMap::new();
    for lot in lots {
        if let std::collections::hash_map::Entry::Vacant(slot) = names.entry(lot.product_id) {
            if let Ok(p) = service::inventory::products::get(&db.conn, person, lot.product_id).await
            {
                slot.insert(p.name);
            }
        }
    }
    names
}

/// Answers with the first page at once (so a bad filter is a proper 422), then streams
/// the rest as the client reads.
async fn csv<F, Fut>(
    kind: &str,
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
    let filename = format!("attachment; filename=\"paillasse-{kind}.csv\"");
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (header::CONTENT_DISPOSITION, filename),
        ],
        Body::from_stream(body),
    )
        .into_response())
}

pub(crate) fn encode(rows: impl IntoIterator<Item = Vec<String>>) -> Vec<u8> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    for row in rows {
        // Spreadsheets run a cell starting with = + - @ (or a tab/CR) as a formula: the
        // characters OWASP lists for CSV injection. A negative number is defused too, a
        // price worth paying (quantities are never negative).
        let row = row.into_iter().map(|cell| match cell.chars().next() {
            Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{cell}"),
            _ => cell,
        });
        // Writing to a Vec cannot fail.
        let _ = writer.write_record(row);
    }
    writer.into_inner().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::encode;

    #[test]
    fn every_cell_a_spreadsheet_would_run_is_defused() {
        // OWASP's list: = + - @ tab and carriage return.
        let cells = [
            "=1+2", "+1", "-2+3", "@SUM(A1)", "\tx", "\rx", "plain", "a=b", "",
        ];
        let csv = encode([cells.iter().map(|c| (*c).to_owned()).collect()]);
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(&csv[..]);
        let row = reader.records().next().unwrap().unwrap();
        let row: Vec<&str> = row.iter().collect();
        assert_eq!(
            row,
            [
                "'=1+2",
                "'+1",
                "'-2+3",
                "'@SUM(A1)",
                "'\tx",
                "'\rx",
                "plain",
                "a=b",
                ""
            ]
        );
    }
}
