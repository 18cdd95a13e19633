//! Server functions (`/api/ui/*`, the pages' calls) answer every error with a 500:
//! server_fn's `error_response` knows no other status. A refusal is not a fault, so the
//! status is set here from the error the body carries, the same the REST API gives for
//! it (see `problem.rs`), with `Retry-After` on a throttled sign-in. Only a real fault
//! (`AppError::Server`) stays a 500. The body is left as it is: the browser app reads
//! any 4xx or 5xx body back as its `AppError`.

use app::error::AppError;
use axum::{
    body::{to_bytes, Body},
    extract::Request,
    http::{header, HeaderValue, StatusCode},
    middleware::Next,
    response::Response,
};

use crate::problem::Problem;

/// The header server_fn puts on its error answers.
const SERVER_FN_ERROR: &str = "serverfnerror";
/// An error body is a few hundred bytes; anything larger is not one of ours.
const ERROR_LIMIT: usize = 64 * 1024;

pub async fn statuses(req: Request, next: Next) -> Response {
    if !req.uri().path().starts_with("/api/ui/") {
        return next.run(req).await;
    }
    let response = next.run(req).await;
    if response.status() != StatusCode::INTERNAL_SERVER_ERROR
        || !response.headers().contains_key(SERVER_FN_ERROR)
    {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = to_bytes(body, ERROR_LIMIT).await else {
        return Response::from_parts(parts, Body::empty());
    };
    if let Ok(error) = serde_json::from_slice::<AppError>(&bytes) {
        let (status, retry_after) = match error {
            AppError::Domain(refusal) => {
                let problem = Problem::from(refusal);
                (problem.status_code(), problem.retry_after)
            }
            AppError::DiskFull => (StatusCode::INSUFFICIENT_STORAGE, None),
            AppError::ReadOnly => (StatusCode::SERVICE_UNAVAILABLE, None),
            AppError::Server => (StatusCode::INTERNAL_SERVER_ERROR, None),
        };
        parts.status = status;
        if let Some(secs) = retry_after {
            parts.headers.insert(header::RETRY_AFTER, secs.into());
        }
        parts
            .headers
            .entry(header::CONTENT_TYPE)
            .or_insert(HeaderValue::from_static("application/json"));
    }
    Response::from_parts(parts, Body::from(bytes))
}
