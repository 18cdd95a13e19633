//! The size of a request's head, checked before anything reads it: a request target or
//! a header block too large for any honest client is a problem+json 414 or 431 (hyper's
//! own, higher limits would answer with an empty body; see `serve.rs`).

use axum::{extract::Request, middleware::Next, response::Response};

use axum::response::IntoResponse;

use crate::problem::Problem;

/// The longest request target (path and query). A label sheet of 500 codes or an
/// export of ~800 entries by id fits.
pub const MAX_TARGET_BYTES: usize = 32 * 1024;
/// The most header bytes (names and values) and header lines a request may carry.
pub const MAX_HEADER_BYTES: usize = 64 * 1024;
pub const MAX_HEADERS: usize = 100;

pub async fn check(req: Request, next: Next) -> Response {
    let target = req.uri().path_and_query().map_or(0, |p| p.as_str().len());
    if target > MAX_TARGET_BYTES {
        return Problem::too_large_head(
            axum::http::StatusCode::URI_TOO_LONG,
            format!("the request target is {target} bytes; at most {MAX_TARGET_BYTES} are read"),
        )
        .into_response();
    }
    let headers = req.headers();
    let bytes: usize = headers
        .iter()
        .map(|(name, value)| name.as_str().len() + value.len())
        .sum();
    if headers.len() > MAX_HEADERS || bytes > MAX_HEADER_BYTES {
        return Problem::too_large_head(
            axum::http::StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE,
            format!(
                "{} headers of {bytes} bytes; at most {MAX_HEADERS} headers of {MAX_HEADER_BYTES} bytes are read",
                headers.len()
            ),
        )
        .into_response();
    }
    next.run(req).await
}
