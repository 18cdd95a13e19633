//! File uploads from the pages' plain HTML forms (`multipart/form-data`, so they work
//! with or without JavaScript, from a tablet's camera or file picker). The CSRF field is
//! checked by `auth::identify` like any form's; success and refusal both go back to the
//! thing's page, a refusal with `?upload_error=CODE` for the page to explain.

use axum::{
    extract::{DefaultBodyLimit, Multipart, State},
    response::{IntoResponse, Redirect, Response},
    routing::post,
    Router,
};
use service::{attachments::Incoming, ServiceError};

use crate::{auth::Signed, extract::IdPath, extract::TwoIdsPath, state::AppState};

pub fn router(max_upload_bytes: u64) -> Router<AppState> {
    Router::new()
        .route("/forms/products/{id}/sds", post(product_sds))
        .route(
            "/forms/instruments/{id}/records/{record_id}/certificate",
            post(certificate),
        )
        .route("/forms/scan/photo", post(scan_photo))
        .route("/forms/entries/{id}/attachments", post(entry_file))
        // The file plus the form's other fields.
        .layer(DefaultBodyLimit::max(max_upload_bytes as usize + 64 * 1024))
}

async fn product_sds(
    State(state): State<AppState>,
    Signed(who): Signed,
    IdPath(id): IdPath,
    form: Multipart,
) -> Response {
    let back = format!("/products/{id}");
    let incoming = match file_of(form).await {
        Ok(incoming) => incoming,
        Err(code) => return back_with(&back, code),
    };
    let done = service::inventory::products::attach_sds(
        &state.db.conn,
        &state.files,
        &who.person,
        id,
        incoming,
    )
    .await;
    finish(&back, done.map(|_| ()))
}

async fn certificate(
    State(state): State<AppState>,
    Signed(who): Signed,
    TwoIdsPath(id, record_id): TwoIdsPath,
    form: Multipart,
) -> Response {
    let back = format!("/instruments/{id}");
    let incoming = match file_of(form).await {
        Ok(incoming) => incoming,
        Err(code) => return back_with(&back, code),
    };
    let done = service::inventory::instruments::attach_certificate(
        &state.db.conn,
        &state.files,
        &who.person,
        id,
        record_id,
        incoming,
    )
    .await;
    finish(&back, done.map(|_| ()))
}

/// A file (often a photo from the tablet's camera) attached to an entry.
async fn entry_file(
    State(state): State<AppState>,
    Signed(who): Signed,
    IdPath(id): IdPath,
    form: Multipart,
) -> Response {
    let back = format!("/entries/{id}");
    let incoming = match file_of(form).await {
        Ok(incoming) => incoming,
        Err(code) => return back_with(&back, code),
    };
    let done =
        service::notebook::entries::attach(&state.db.conn, &state.files, &who.person, id, incoming)
            .await;
    finish(&back, done.map(|_| ()))
}

/// A photo of a label, from the scan page when no camera may be used: opens what the
/// label names (through `/l/{code}`, which checks who may see it).
async fn scan_photo(
    State(state): State<AppState>,
    Signed(_who): Signed,
    form: Multipart,
) -> Response {
    let photo = match file_of(form).await {
        Ok(photo) => photo,
        Err(code) => return Redirect::to(&format!("/scan?photo_error={code}")).into_response(),
    };
    match super::labels::read_photo(&state.files, photo.bytes).await {
        Ok(code) => Redirect::to(&format!("/l/{}", code.as_compact())).into_response(),
        Err(problem) => {
            let code = problem
                .errors
                .first()
                .map(|e| e.code.clone())
                .unwrap_or_else(|| "no_label".into());
            Redirect::to(&format!("/scan?photo_error={code}")).into_response()
        }
    }
}

/// The form's `file` field; the error code when there is none or it cannot be read.
async fn file_of(mut form: Multipart) -> Result<Incoming, &'static str> {
    while let Ok(Some(field)) = form.next_field().await {
        if field.name() != Some("file") {
            continue;
        }
        let filename = field.file_name().map(str::to_owned);
        let content_type = field.content_type().map(str::to_owned);
        let bytes = field.bytes().await.map_err(|_| "too_large")?;
        return Ok(Incoming {
            filename,
            content_type,
            bytes: bytes.to_vec(),
        });
    }
    Err("empty")
}

fn finish(back: &str, done: Result<(), ServiceError>) -> Response {
    match done {
        Ok(()) => Redirect::to(back).into_response(),
        Err(ServiceError::Domain(e)) => {
            let code = e
                .field_errors()
                .first()
                .map(|f| f.code.clone())
                .unwrap_or_else(|| "forbidden".into());
            back_with(back, &code)
        }
        Err(other) => crate::problem::Problem::from(other).into_response(),
    }
}

/// Back to the page, saying why (a short code the page translates).
fn back_with(back: &str, code: &str) -> Response {
    let code: String = code
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '_')
        .collect();
    Redirect::to(&format!("{back}?upload_error={code}")).into_response()
}
