//! Control characters in what no extractor of ours reads: every query string (the API's,
//! the pages', the server functions') and the form bodies of server functions. Refused
//! before any handler, with the rule of `domain::text` that JSON bodies follow too
//! (`extract::ApiJson`), so no NUL ever reaches a database (PostgreSQL fails on one).

use axum::{
    body::{to_bytes, Body},
    extract::Request,
    http::{header, Method, StatusCode},
    middleware::Next,
    response::{IntoResponse, Response},
};
use domain::{text::check_text, DomainError, FieldError};

use crate::{auth::FORM_LIMIT, problem::Problem};

pub async fn refuse(req: Request, next: Next) -> Response {
    let server_fn = req.uri().path().starts_with("/api/ui/");
    let mut errors = controls_in(req.uri().query().unwrap_or_default().as_bytes());
    let is_form = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|t| t.starts_with("application/x-www-form-urlencoded"));
    let req = if server_fn && is_form && req.method() != Method::GET {
        let (parts, body) = req.into_parts();
        let Ok(bytes) = to_bytes(body, FORM_LIMIT).await else {
            return refusal(
                server_fn,
                DomainError::TooLarge(vec![FieldError::new(
                    "body",
                    "too_large",
                    "the form is too large",
                )]),
            );
        };
        errors.extend(controls_in(&bytes));
        Request::from_parts(parts, Body::from(bytes))
    } else {
        req
    };
    if errors.is_empty() {
        next.run(req).await
    } else {
        refusal(server_fn, DomainError::Validation(errors))
    }
}

/// The fields of a form-encoded text (a query string, a form body) holding a control
/// character, named by their key.
fn controls_in(encoded: &[u8]) -> Vec<FieldError> {
    form_urlencoded::parse(encoded)
        .filter_map(|(key, value)| {
            check_text(&key, &key)
                .and_then(|()| check_text(&key, &value))
                .err()
        })
        .collect()
}

/// A problem for the API and the pages; for a server function, the error body its
/// client reads (with the status the API would give).
fn refusal(server_fn: bool, error: DomainError) -> Response {
    if !server_fn {
        return Problem::from(error).into_response();
    }
    let status = match error {
        DomainError::TooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
        _ => StatusCode::UNPROCESSABLE_ENTITY,
    };
    let body = serde_json::to_vec(&app::error::AppError::Domain(error)).unwrap_or_default();
    (status, [(header::CONTENT_TYPE, "application/json")], body).into_response()
}
