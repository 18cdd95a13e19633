//! Attachments: a product's safety data sheet, a calibration record's certificate, and
//! reading any attachment back. Uploads are the raw file as the request body (its
//! `Content-Type`, the name in `?filename=`), so `curl --data-binary @sds.pdf` works.

use axum::{
    body::{to_bytes, Body},
    extract::{DefaultBodyLimit, State},
    http::{header, HeaderMap, HeaderValue},
    response::{IntoResponse, Response},
    Json,
};
use domain::{
    attachment::{shown_inline, Attachment},
    instrument::InstrumentRecord,
    product::Product,
    DomainError, FieldError,
};
use serde::Deserialize;
use service::attachments::Incoming;
use utoipa::IntoParams;
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::{
    auth::Signed,
    extract::{ApiQuery, IdPath, TwoIdsPath},
    problem::{ApiResult, Problem},
    state::AppState,
};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(attach_sds))
        .routes(routes!(attach_certificate))
        .routes(routes!(download))
        .routes(routes!(thumbnail))
        .routes(routes!(entry_files, attach_to_entry))
        // Uploads are bounded by the installation's own limit (`read_upload`), not axum's.
        .layer(DefaultBodyLimit::disable())
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
struct UploadQuery {
    /// The file's name as it should be shown and downloaded.
    filename: Option<String>,
}

/// Keeps the product's safety data sheet (the raw file as the body).
#[utoipa::path(put, path = "/products/{id}/sds", operation_id = "attach_product_sds", tag = "inventory", params(
    ("id" = uuid::Uuid, Path, description = "the product"),
    UploadQuery,
), request_body(content = Vec<u8>, content_type = "application/pdf"), responses(
    (status = 200, body = Product),
    (status = 404, body = Problem, content_type = "application/problem+json"),
    (status = 413, description = "over the upload limit", body = Problem, content_type = "application/problem+json"),
    (status = 422, description = "empty, or not of its declared type", body = Problem, content_type = "application/problem+json"),
))]
async fn attach_sds(
    State(state): State<AppState>,
    Signed(who): Signed,
    IdPath(id): IdPath,
    ApiQuery(query): ApiQuery<UploadQuery>,
    headers: HeaderMap,
    body: Body,
) -> ApiResult<Json<Product>> {
    let incoming = read_upload(&state, query, &headers, body).await?;
    Ok(Json(
        service::inventory::products::attach_sds(
            &state.db.conn,
            &state.files,
            &who.person,
            id,
            incoming,
        )
        .await?,
    ))
}

/// Attaches the certificate (or service report) to a calibration or maintenance record;
/// once attached it is never replaced (409).
#[utoipa::path(put, path = "/instruments/{id}/records/{record_id}/certificate", operation_id = "attach_record_certificate", tag = "inventory", params(
    ("id" = uuid::Uuid, Path, description = "the instrument"),
    ("record_id" = uuid::Uuid, Path, description = "the record"),
    UploadQuery,
), request_body(content = Vec<u8>, content_type = "application/pdf"), responses(
    (status = 200, body = InstrumentRecord),
    (status = 404, body = Problem, content_type = "application/problem+json"),
    (status = 409, description = "the record already has its certificate", body = Problem, content_type = "application/problem+json"),
    (status = 413, body = Problem, content_type = "application/problem+json"),
    (status = 422, body = Problem, content_type = "application/problem+json"),
))]
async fn attach_certificate(
    State(state): State<AppState>,
    Signed(who): Signed,
    TwoIdsPath(id, record_id): TwoIdsPath,
    ApiQuery(query): ApiQuery<UploadQuery>,
    headers: HeaderMap,
    body: Body,
) -> ApiResult<Json<InstrumentRecord>> {
    let incoming = read_upload(&state, query, &headers, body).await?;
    Ok(Json(
        service::inventory::instruments::attach_certificate(
            &state.db.conn,
            &state.files,
            &who.person,
            id,
            record_id,
            incoming,
        )
        .await?,
    ))
}

/// The file, checked against its SHA-256 (`ETag`). PDFs and common images are shown in
/// place; anything else downloads as `application/octet-stream`, so no upload ever runs
/// as a page of this site.
#[utoipa::path(get, path = "/attachments/{id}", operation_id = "download_attachment", tag = "inventory", params(
    ("id" = uuid::Uuid, Path, description = "the attachment"),
), responses(
    (status = 200, description = "the file"),
    (status = 404, body = Problem, content_type = "application/problem+json"),
))]
async fn download(
    State(state): State<AppState>,
    Signed(who): Signed,
    IdPath(id): IdPath,
) -> ApiResult<Response> {
    let (attachment, bytes) =
        service::things::attachments::read(&state.db.conn, &state.files, &who.person, id).await?;
    Ok(file_response(&attachment, bytes))
}

/// A PNG of an image attachment, at most 320 pixels on its longest side.
#[utoipa::path(get, path = "/attachments/{id}/thumbnail", operation_id = "read_attachment_thumbnail", tag = "inventory", params(
    ("id" = uuid::Uuid, Path, description = "the attachment"),
), responses(
    (status = 200, description = "PNG image", content_type = "image/png"),
    (status = 404, body = Problem, content_type = "application/problem+json"),
    (status = 422, description = "not an image, or too large to decode", body = Problem, content_type = "application/problem+json"),
))]
async fn thumbnail(
    State(state): State<AppState>,
    Signed(who): Signed,
    IdPath(id): IdPath,
) -> ApiResult<Response> {
    let png =
        service::things::attachments::thumbnail(&state.db.conn, &state.files, &who.person, id)
            .await?;
    let mut response = png.as_ref().clone().into_response();
    response
        .headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static("image/png"));
    Ok(response)
}

/// The files attached to an entry, oldest first.
#[utoipa::path(get, path = "/entries/{id}/attachments", operation_id = "list_entry_attachments", tag = "notebook", params(
    ("id" = uuid::Uuid, Path, description = "the entry"),
), responses(
    (status = 200, body = Vec<Attachment>),
    (status = 404, body = Problem, content_type = "application/problem+json"),
))]
async fn entry_files(
    State(state): State<AppState>,
    Signed(who): Signed,
    IdPath(id): IdPath,
) -> ApiResult<Json<Vec<Attachment>>> {
    Ok(Json(
        service::notebook::entries::attachments_of(&state.db.conn, &who.person, id).await?,
    ))
}

/// Attaches a file to a draft entry (the raw file as the body, its name in `?filename=`).
#[utoipa::path(post, path = "/entries/{id}/attachments", operation_id = "attach_to_entry", tag = "notebook", params(
    ("id" = uuid::Uuid, Path, description = "the entry"),
    UploadQuery,
), request_body(content = Vec<u8>, content_type = "image/jpeg"), responses(
    (status = 201, body = Attachment),
    (status = 409, description = "the entry is signed", body = Problem, content_type = "application/problem+json"),
    (status = 413, body = Problem, content_type = "application/problem+json"),
    (status = 422, body = Problem, content_type = "application/problem+json"),
))]
async fn attach_to_entry(
    State(state): State<AppState>,
    Signed(who): Signed,
    IdPath(id): IdPath,
    ApiQuery(query): ApiQuery<UploadQuery>,
    headers: HeaderMap,
    body: Body,
) -> ApiResult<(axum::http::StatusCode, Json<Attachment>)> {
    let incoming = read_upload(&state, query, &headers, body).await?;
    let attachment =
        service::notebook::entries::attach(&state.db.conn, &state.files, &who.person, id, incoming)
            .await?;
    Ok((axum::http::StatusCode::CREATED, Json(attachment)))
}

/// Reads at most the upload limit, so an oversized body is refused without being kept.
async fn read_upload(
    state: &AppState,
    query: UploadQuery,
    headers: &HeaderMap,
    body: Body,
) -> Result<Incoming, Problem> {
    let limit = state.files.max_bytes;
    let bytes = to_bytes(body, limit as usize + 1).await.map_err(|_| {
        DomainError::TooLarge(vec![FieldError::new(
            "file",
            "too_large",
            format!("is over the limit of {:.1} MB", limit as f64 / 1e6),
        )])
    })?;
    Ok(Incoming {
        filename: query.filename,
        content_type: headers
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned),
        bytes: bytes.to_vec(),
    })
}

pub(crate) fn file_response(attachment: &Attachment, bytes: Vec<u8>) -> Response {
    let inline = shown_inline(&attachment.content_type);
    let content_type = if inline {
        attachment.content_type.as_str()
    } else {
        "application/octet-stream"
    };
    let disposition = format!(
        "{}; filename*=UTF-8''{}",
        if inline { "inline" } else { "attachment" },
        percent_encode(&attachment.filename)
    );
    let mut response = bytes.into_response();
    let headers = response.headers_mut();
    for (name, value) in [
        (header::CONTENT_TYPE, content_type.to_owned()),
        (header::CONTENT_DISPOSITION, disposition),
        (header::ETAG, format!("\"{}\"", attachment.sha256)),
        (header::CACHE_CONTROL, "private, max-age=3600".to_owned()),
    ] {
        if let Ok(value) = HeaderValue::from_str(&value) {
            headers.insert(name, value);
        }
    }
    response
}

/// RFC 5987 encoding for `filename*`.
fn percent_encode(name: &str) -> String {
    name.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}
