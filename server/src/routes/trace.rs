//! `/api/v1/trace`: provenance and impact graphs, their exports (JSON, CSV, W3C PROV
//! JSON-LD) and the recall flag — thin handlers over `service::trace` and
//! `service::trace::recall`.

use axum::{
    body::Body,
    extract::State,
    http::header,
    response::{IntoResponse, Response},
    Json,
};
use domain::{
    trace::{FlagOutcome, NewFlag, NodeKind, Trace, TraceQuery},
    DomainError,
};
use serde::Deserialize;
use utoipa::IntoParams;
use utoipa_axum::{router::OpenApiRouter, routes};

use bytes::Bytes;
use futures_util::StreamExt;

use crate::{
    auth::Signed,
    extract::{ApiJson, ApiQuery, KindIdPath},
    problem::{ApiResult, Problem},
    state::AppState,
};
use service::export::encode;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(read))
        .routes(routes!(flag))
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
struct TraceParams {
    /// `backward` (provenance, the default) or `forward` (impact).
    direction: Option<String>,
    /// How many links to follow (1–1000; default 200).
    #[param(value_type = Option<u32>, minimum = 1, maximum = 1000)]
    max_depth: Option<String>,
    /// Instruments and people, forward: only uses from this moment (a day or RFC 3339).
    from: Option<String>,
    /// … until this moment (a day means its end).
    to: Option<String>,
    /// `json` (default), `csv` (one row per node with its path) or `prov` (W3C PROV
    /// JSON-LD).
    format: Option<String>,
}

/// Everything upstream of an entry or a sample (lots, parent samples through every
/// generation, instruments with their calibration state, protocol versions, people), or
/// everything downstream of a lot, a sample, an entry, an instrument's window, a person's
/// window or a protocol version. Kinds: entry, sample, lot, instrument, person,
/// protocol_version. Edges point downstream; node ids in edges are `"{kind}:{id}"`; what
/// the caller may not see is a `restricted` node with an opaque id.
#[utoipa::path(get, path = "/trace/{kind}/{id}", operation_id = "read_trace", tag = "trace", params(
    ("kind" = String, Path, description = "entry, sample, lot, instrument, person or protocol_version"),
    ("id" = uuid::Uuid, Path, description = "the thing traced"),
    TraceParams,
), responses(
    (status = 200, body = Trace, description = "the graph (or, with format, its CSV or PROV JSON-LD export)"),
    (status = 404, body = Problem, content_type = "application/problem+json"),
    (status = 422, body = Problem, content_type = "application/problem+json"),
))]
async fn read(
    State(state): State<AppState>,
    Signed(who): Signed,
    KindIdPath(kind, id): KindIdPath,
    ApiQuery(params): ApiQuery<TraceParams>,
) -> ApiResult<Response> {
    let kind = NodeKind::parse(&kind)?;
    let query = TraceQuery::parse(
        params.direction.as_deref(),
        params.max_depth.as_deref(),
        params.from.as_deref(),
        params.to.as_deref(),
    )?;
    let format = params.format.unwrap_or_default();
    if !matches!(format.as_str(), "" | "json" | "csv" | "prov") {
        return Err(DomainError::invalid("format", "invalid", "must be json, csv or prov").into());
    }
    let trace = service::trace::trace(&state.db.conn, &who.person, kind, id, query).await?;
    let name = format!("trace-{}-{id}-{}", kind.as_str(), query.direction.as_str());
    Ok(match format.as_str() {
        "csv" => (
            [
                (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
                (
                    header::CONTENT_DISPOSITION,
                    format!("attachment; filename=\"{name}.csv\""),
                ),
            ],
            csv_body(trace),
        )
            .into_response(),
        "prov" => (
            [
                (header::CONTENT_TYPE, "application/ld+json".to_owned()),
                (
                    header::CONTENT_DISPOSITION,
                    format!("attachment; filename=\"{name}.prov.jsonld\""),
                ),
            ],
            Json(domain::prov::document(&trace)),
        )
            .into_response(),
        _ => Json(trace).into_response(),
    })
}

/// A trace as CSV, one row per node: what it is, how far, the path that reaches it from
/// the start (long paths shortened around "…"). Rows are made as the client reads, a few
/// hundred at a time, never the whole file at once.
fn csv_body(trace: Trace) -> Body {
    const ROWS_AT_ONCE: usize = 500;
    let paths = trace.paths();
    let captions = trace.captions_by_index();
    let header = [
        "kind",
        "id",
        "label_code",
        "name",
        "depth",
        "supplier",
        "supplier_lot",
        "expires_on",
        "warnings",
        "path",
    ]
    .map(str::to_owned)
    .to_vec();
    let all = std::sync::Arc::new((trace, paths, captions));
    let count = all.0.nodes.len();
    let head = futures_util::stream::once(async move {
        Ok::<_, std::io::Error>(Bytes::from(encode([header])))
    });
    let rows = futures_util::stream::iter((0..count).step_by(ROWS_AT_ONCE)).map(move |from| {
        let (trace, paths, captions) = &*all;
        let rows = (from..(from + ROWS_AT_ONCE).min(count)).map(|i| {
            let n = &trace.nodes[i];
            vec![
                n.kind.as_str().to_owned(),
                n.id.clone(),
                n.label_code.clone().unwrap_or_default(),
                n.name.clone().unwrap_or_default(),
                n.depth.to_string(),
                n.supplier.clone().unwrap_or_default(),
                n.supplier_lot.clone().unwrap_or_default(),
                n.expires_on.map(|d| d.to_string()).unwrap_or_default(),
                n.warnings.join("; "),
                Trace::path_text(paths, captions, i, " > "),
            ]
        });
        Ok(Bytes::from(encode(rows)))
    });
    // Fused: the compression layer polls once more after the end.
    Body::from_stream(head.chain(rows).fuse())
}

/// Recall: flags every entry downstream of a lot, a sample or an instrument (within
/// `from`–`to`) with `reason`; recorded in the audit log. Needs the right to change the
/// source. Entries the caller may not see are flagged too, and only counted.
#[utoipa::path(post, path = "/trace/{kind}/{id}/flag", operation_id = "flag_affected", tag = "trace", params(
    ("kind" = String, Path, description = "lot, sample or instrument"),
    ("id" = uuid::Uuid, Path, description = "what is recalled"),
), request_body = NewFlag, responses(
    (status = 200, body = FlagOutcome),
    (status = 403, body = Problem, content_type = "application/problem+json"),
    (status = 404, body = Problem, content_type = "application/problem+json"),
    (status = 422, body = Problem, content_type = "application/problem+json"),
))]
async fn flag(
    State(state): State<AppState>,
    Signed(who): Signed,
    KindIdPath(kind, id): KindIdPath,
    ApiJson(new): ApiJson<NewFlag>,
) -> ApiResult<Json<FlagOutcome>> {
    let kind = NodeKind::parse(&kind)?;
    Ok(Json(
        service::trace::recall::flag(&state.db.conn, &who.person, kind, id, new).await?,
    ))
}
