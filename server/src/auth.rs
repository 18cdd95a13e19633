//! Who is asking, for every request: a bearer token or the session cookie. Also the two
//! refusals that apply before any handler: CSRF (state changes made with a cookie must
//! carry the session's token) and read-only tokens trying to write. Pages redirect the
//! signed-out to the sign-in page.

use axum::{
    body::{to_bytes, Body},
    extract::{FromRequestParts, Request, State},
    http::{header, request::Parts, HeaderMap, Method},
    middleware::Next,
    response::{IntoResponse, Redirect, Response},
};
use service::accounts::permissions::{Credential, Principal};

use crate::{problem::Problem, state::AppState};

/// Where scripts and the browser app send the CSRF token.
pub const CSRF_HEADER: &str = "x-csrf-token";
/// The form field plain HTML forms send it in.
pub const CSRF_FIELD: &str = "csrf_token";

/// The session cookie's secret, kept beside the [`Principal`] for signing out and for
/// telling the current session apart.
#[derive(Clone)]
pub struct SessionToken(pub String);

/// Routes that act without a session's authority, so need no CSRF token.
const CSRF_EXEMPT: [&str; 2] = ["/api/v1/auth/login", "/api/ui/login"];

/// Largest form body read to find a CSRF field.
pub(crate) const FORM_LIMIT: usize = 1 << 20;

pub async fn identify(State(state): State<AppState>, mut req: Request, next: Next) -> Response {
    let unsafe_method = !matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    // Browsers say when a request comes from elsewhere (another site, or a sibling
    // subdomain): such a request never changes anything here, whatever it carries. This
    // also stops login CSRF.
    // Compared without case: header values are case-insensitive tokens here, and
    // "Cross-Site" must not slip through.
    let fetched_from = header_str(req.headers(), "sec-fetch-site").map(str::to_ascii_lowercase);
    if unsafe_method && matches!(fetched_from.as_deref(), Some("cross-site" | "same-site")) {
        return Problem::forbidden("cross-site requests may not change anything").into_response();
    }

    let principal = match bearer(req.headers()) {
        Some(token) => {
            match service::accounts::tokens::authenticate(
                &state.db.conn,
                &token,
                chrono::Utc::now(),
            )
            .await
            {
                Ok(Some(p)) => Some(p),
                Ok(None) => {
                    return Problem::unauthenticated("the API token is unknown, revoked or expired")
                        .into_response()
                }
                Err(e) => return Problem::from(e).into_response(),
            }
        }
        None => match session_token(req.headers()) {
            Some(token) => {
                match service::accounts::sessions::authenticate(
                    &state.db.conn,
                    state.config.sessions,
                    &token,
                )
                .await
                {
                    Ok(found) => {
                        req.extensions_mut().insert(SessionToken(token));
                        found
                    }
                    Err(e) => return Problem::from(e).into_response(),
                }
            }
            None => None,
        },
    };

    let path = req.uri().path().to_owned();
    if let Some(p) = &principal {
        if unsafe_method && !p.may_write() {
            return Problem::forbidden("this API token is read-only").into_response();
        }
        if let Credential::Session { csrf_token } = &p.credential {
            if unsafe_method && !CSRF_EXEMPT.contains(&path.as_str()) {
                let upload_limit = state.config.max_upload_bytes as usize + FORM_LIMIT;
                let (checked, rebuilt) = check_csrf(req, csrf_token, upload_limit).await;
                let Some(rebuilt) = rebuilt else {
                    // The body could not be read whole: over the limit, or cut off.
                    return Problem::from(domain::DomainError::TooLarge(vec![
                        domain::FieldError::new("file", "too_large", "the request is too large"),
                    ]))
                    .into_response();
                };
                let Some(rebuilt) = Some(rebuilt).filter(|_| checked) else {
                    return Problem::forbidden(
                        "the CSRF token is missing or wrong; reload the page and try again",
                    )
                    .into_response();
                };
                req = rebuilt;
            }
        }
    } else if matches!(*req.method(), Method::GET | Method::HEAD) && is_page(&path) {
        let next = req
            .uri()
            .path_and_query()
            .map(|p| p.as_str())
            .unwrap_or("/");
        let to = format!("/login?next={}", encode_component(next));
        return Redirect::to(&to).into_response();
    }
    if let Some(p) = principal {
        req.extensions_mut().insert(p);
    }
    next.run(req).await
}

/// Whether the request carries the session's CSRF token, in the header or (for a plain
/// HTML form, file uploads included) in the `csrf_token` field; returns the request to
/// pass on.
async fn check_csrf(req: Request, expected: &str, upload_limit: usize) -> (bool, Option<Request>) {
    if let Some(sent) = header_str(req.headers(), CSRF_HEADER) {
        return (same(sent, expected), Some(req));
    }
    let content_type = header_str(req.headers(), header::CONTENT_TYPE.as_str()).unwrap_or_default();
    if content_type.starts_with("application/x-www-form-urlencoded") {
        let (parts, body) = req.into_parts();
        let Ok(bytes) = to_bytes(body, FORM_LIMIT).await else {
            return (false, None);
        };
        let found = form_urlencoded::parse(&bytes)
            .find(|(k, _)| k == CSRF_FIELD)
            .is_some_and(|(_, v)| same(&v, expected));
        return (found, Some(Request::from_parts(parts, Body::from(bytes))));
    }
    if let Ok(boundary) = multer::parse_boundary(content_type) {
        let (parts, body) = req.into_parts();
        let Ok(bytes) = to_bytes(body, upload_limit).await else {
            return (false, None);
        };
        let found = multipart_field(bytes.clone(), boundary, CSRF_FIELD)
            .await
            .is_some_and(|v| same(&v, expected));
        return (found, Some(Request::from_parts(parts, Body::from(bytes))));
    }
    (false, Some(req))
}

/// The text of a multipart body's field `name`.
async fn multipart_field(bytes: bytes::Bytes, boundary: String, name: &str) -> Option<String> {
    let stream = futures_util::stream::once(async move { Ok::<_, std::io::Error>(bytes) });
    let mut form = multer::Multipart::new(stream, boundary);
    while let Ok(Some(field)) = form.next_field().await {
        if field.name() == Some(name) {
            return field.text().await.ok();
        }
    }
    None
}

/// Compares in time independent of where the strings differ.
fn same(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

/// Server-rendered pages need a signed-in person; the API, assets and the sign-in page
/// itself do not go through here.
fn is_page(path: &str) -> bool {
    const OPEN: [&str; 6] = [
        "/api/",
        "/pkg/",
        "/lang/",
        "/healthz",
        "/login",
        "/favicon.ico",
    ];
    !OPEN.iter().any(|p| path.starts_with(p))
}

fn encode_component(s: &str) -> String {
    form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

fn header_str<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers.get(name).and_then(|v| v.to_str().ok())
}

/// `Authorization: Bearer <token>`.
fn bearer(headers: &HeaderMap) -> Option<String> {
    let value = header_str(headers, header::AUTHORIZATION.as_str())?;
    let (scheme, token) = value.split_once(' ')?;
    scheme
        .eq_ignore_ascii_case("bearer")
        .then(|| token.trim().to_owned())
}

/// The session token from the request's cookies.
pub fn session_token(headers: &HeaderMap) -> Option<String> {
    app::session::cookie_token(headers)
}

/// A signed-in caller, for handlers; 401 otherwise.
pub struct Signed(pub Principal);

impl<S: Send + Sync> FromRequestParts<S> for Signed {
    type Rejection = Problem;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Problem> {
        parts
            .extensions
            .get::<Principal>()
            .cloned()
            .map(Signed)
            .ok_or_else(|| Problem::unauthenticated("sign in, or send an API token"))
    }
}

/// The caller when signed in, for routes that anyone may reach (`/go`).
pub struct MaybeSigned(pub Option<Principal>);

impl<S: Send + Sync> FromRequestParts<S> for MaybeSigned {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(Self(parts.extensions.get::<Principal>().cloned()))
    }
}

/// A caller signed in through the browser: managing tokens, sessions and the password is
/// not something a token may do (a leaked token must not mint others).
pub struct BrowserSession(pub Principal, pub String);

impl<S: Send + Sync> FromRequestParts<S> for BrowserSession {
    type Rejection = Problem;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Problem> {
        let Signed(principal) = Signed::from_request_parts(parts, state).await?;
        match parts.extensions.get::<SessionToken>() {
            Some(SessionToken(token))
                if matches!(principal.credential, Credential::Session { .. }) =>
            {
                Ok(Self(principal, token.clone()))
            }
            _ => Err(Problem::forbidden(
                "only a signed-in browser session may do this, not an API token",
            )),
        }
    }
}
