//! The one mapping from errors to HTTP: `application/problem+json` (RFC 9457) with the
//! offending fields in `errors[]`. Server-side failures are logged, never detailed.

use axum::{
    http::{header, StatusCode},
    response::{IntoResponse, Response},
};
use domain::{DomainError, FieldError};
use serde::Serialize;
use service::ServiceError;

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Problem {
    #[serde(rename = "type")]
    #[schema(rename = "type")]
    pub kind: &'static str,
    pub title: &'static str,
    pub status: u16,
    pub detail: String,
    pub errors: Vec<FieldError>,
    /// Sent as a `Retry-After` header, not in the body.
    #[serde(skip)]
    #[schema(ignore)]
    pub retry_after: Option<u64>,
}

impl Problem {
    /// The request body or query could not be read as the expected shape.
    pub fn malformed(errors: Vec<FieldError>) -> Self {
        Self::new(
            StatusCode::BAD_REQUEST,
            "/problems/malformed-request",
            "Malformed request",
            errors,
        )
    }

    pub fn not_found(detail: impl Into<String>) -> Self {
        Self {
            detail: detail.into(),
            ..Self::new(
                StatusCode::NOT_FOUND,
                "/problems/not-found",
                "Not found",
                vec![],
            )
        }
    }

    pub fn method_not_allowed() -> Self {
        Self {
            detail: "this method is not allowed on this resource".into(),
            ..Self::new(
                StatusCode::METHOD_NOT_ALLOWED,
                "/problems/method-not-allowed",
                "Method not allowed",
                vec![],
            )
        }
    }

    pub(crate) fn internal() -> Self {
        Self {
            detail: "the server failed to complete the request; it has been logged".into(),
            ..Self::new(
                StatusCode::INTERNAL_SERVER_ERROR,
                "/problems/internal",
                "Internal error",
                vec![],
            )
        }
    }

    fn new(
        status: StatusCode,
        kind: &'static str,
        title: &'static str,
        errors: Vec<FieldError>,
    ) -> Self {
        let detail = errors
            .iter()
            .map(|e| format!("{}: {}", e.field, e.message))
            .collect::<Vec<_>>()
            .join("; ");
        Self {
            kind,
            title,
            status: status.as_u16(),
            detail,
            errors,
            retry_after: None,
        }
    }

    /// Signed in but not allowed (also: a CSRF token missing, a read-only token writing).
    pub fn forbidden(detail: impl Into<String>) -> Self {
        Self {
            detail: detail.into(),
            ..Self::new(
                StatusCode::FORBIDDEN,
                "/problems/forbidden",
                "Forbidden",
                vec![],
            )
        }
    }

    /// The server cannot take writes now (disk full: 507; database read-only or damaged:
    /// 503). Nothing was saved; the same request succeeds once an administrator acts.
    pub fn cannot_write(why: service::error::CannotWrite) -> Self {
        use service::error::CannotWrite;
        let (status, kind, title, detail) = match why {
            CannotWrite::Full => (
                StatusCode::INSUFFICIENT_STORAGE,
                "/problems/storage-full",
                "Storage full",
                "the server's disk is full: nothing was saved. Try again once an administrator has freed space.",
            ),
            CannotWrite::ReadOnly => (
                StatusCode::SERVICE_UNAVAILABLE,
                "/problems/read-only",
                "Writes refused",
                "the database is read-only (damaged, or on a read-only disk): nothing was saved. An administrator must repair or restore it.",
            ),
        };
        Self {
            detail: detail.into(),
            ..Self::new(status, kind, title, vec![])
        }
    }

    /// A request line or header block over the server's limits (414 or 431).
    pub fn too_large_head(status: StatusCode, detail: String) -> Self {
        let (kind, title) = match status {
            StatusCode::URI_TOO_LONG => ("/problems/uri-too-long", "Request target too long"),
            _ => ("/problems/headers-too-large", "Headers too large"),
        };
        Self {
            detail,
            ..Self::new(status, kind, title, vec![])
        }
    }

    /// Any other error status, with no more to say than its reason phrase (RFC 9457's
    /// `about:blank`).
    fn plain(status: StatusCode, detail: String) -> Self {
        Self {
            detail,
            ..Self::new(
                status,
                "about:blank",
                status.canonical_reason().unwrap_or("Error"),
                vec![],
            )
        }
    }

    pub fn unauthenticated(detail: impl Into<String>) -> Self {
        Self {
            detail: detail.into(),
            ..Self::new(
                StatusCode::UNAUTHORIZED,
                "/problems/unauthenticated",
                "Not signed in",
                vec![],
            )
        }
    }
}

impl Problem {
    /// The HTTP status this problem is sent with.
    pub fn status_code(&self) -> StatusCode {
        StatusCode::from_u16(self.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
    }
}

impl IntoResponse for Problem {
    fn into_response(self) -> Response {
        let status = self.status_code();
        let body = serde_json::to_vec(&self).unwrap_or_default();
        let mut response = (
            status,
            [(header::CONTENT_TYPE, "application/problem+json")],
            body,
        )
            .into_response();
        if let Some(secs) = self.retry_after {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, secs.into());
        }
        // A body refused as too large is left unread, so the connection cannot carry
        // another request: saying so keeps a client from sending its next request down a
        // connection the server is closing (it failed half-way, IncompleteMessage).
        if status == StatusCode::PAYLOAD_TOO_LARGE {
            response.headers_mut().insert(
                header::CONNECTION,
                header::HeaderValue::from_static("close"),
            );
        }
        response
    }
}

impl From<DomainError> for Problem {
    fn from(err: DomainError) -> Self {
        match err {
            DomainError::Validation(errors) => Self::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                "/problems/invalid-input",
                "Invalid input",
                errors,
            ),
            DomainError::NotFound { what } => Self::not_found(format!("{what} not found")),
            DomainError::Unauthenticated { reason } => Self::unauthenticated(reason),
            DomainError::Forbidden { reason } => Self::forbidden(reason),
            DomainError::Throttled { retry_after_secs } => Self {
                detail: format!("too many failed attempts; try again in {retry_after_secs} s"),
                retry_after: Some(retry_after_secs),
                ..Self::new(
                    StatusCode::TOO_MANY_REQUESTS,
                    "/problems/too-many-attempts",
                    "Too many attempts",
                    vec![],
                )
            },
            DomainError::Conflict(errors) => Self::new(
                StatusCode::CONFLICT,
                "/problems/conflict",
                "Conflict",
                errors,
            ),
            DomainError::TooLarge(errors) => Self::new(
                StatusCode::PAYLOAD_TOO_LARGE,
                "/problems/too-large",
                "Too large",
                errors,
            ),
        }
    }
}

impl From<ServiceError> for Problem {
    fn from(err: ServiceError) -> Self {
        match err {
            ServiceError::Domain(e) => e.into(),
            ServiceError::CannotWrite(why) => {
                // Not a bug, but someone has to act: logged as an error all the same.
                tracing::error!(error = %why, "a write was refused");
                Self::cannot_write(why)
            }
            ServiceError::Db(e) => {
                tracing::error!(error = %e, "database error");
                Self::internal()
            }
            ServiceError::Storage(e) => {
                tracing::error!(error = %e, "file store error");
                Self::internal()
            }
            e @ ServiceError::Stored { .. } => {
                tracing::error!(error = %e, "damaged row");
                Self::internal()
            }
        }
    }
}

/// What API handlers return.
pub type ApiResult<T> = Result<T, Problem>;

/// The one net under everything: an error answer that is neither problem+json nor
/// another deliberate body (a rejection of axum's in text, a timeout's empty 503)
/// becomes a problem with the same status and headers. Pages keep their HTML error
/// pages, `/healthz` its JSON report, and server functions their own error bodies
/// (`/api/ui`, read by the browser app).
pub async fn every_error_a_problem(
    req: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    let is_server_fn = req.uri().path().starts_with("/api/ui/");
    let response = next.run(req).await;
    let status = response.status();
    let content_type = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    if status.as_u16() < 400
        || is_server_fn
        || content_type.starts_with("application/problem+json")
        || content_type.starts_with("application/json")
        || content_type.starts_with("text/html")
    {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    // Only short plain text is worth passing on (axum's rejections say what was wrong);
    // a server error's text stays in the log.
    let text = if status.is_client_error() && content_type.starts_with("text/plain") {
        axum::body::to_bytes(body, 1024)
            .await
            .ok()
            .and_then(|b| String::from_utf8(b.to_vec()).ok())
            .filter(|t| !t.trim().is_empty())
    } else {
        None
    };
    let detail = text.unwrap_or_else(|| {
        status
            .canonical_reason()
            .unwrap_or("the request failed")
            .to_lowercase()
    });
    let problem = Problem::plain(status, detail).into_response();
    parts.headers.remove(header::CONTENT_LENGTH);
    parts.headers.remove(header::CONTENT_ENCODING);
    let (problem_parts, problem_body) = problem.into_parts();
    parts.headers.extend(problem_parts.headers);
    Response::from_parts(parts, problem_body)
}
