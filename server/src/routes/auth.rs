//! `/api/v1/auth`: signing in and out with a session cookie.

use axum::{
    extract::State,
    http::{header, HeaderMap, HeaderValue, StatusCode},
    response::{IntoResponse, Response},
    Json,
};
use domain::{person::Person, DomainError};
use serde::Deserialize;
use service::sessions;
use utoipa::ToSchema;
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::{
    extract::ApiJson,
    problem::{ApiResult, Problem},
    state::AppState,
};

pub const COOKIE: &str = "paillasse_session";

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(login))
        .routes(routes!(logout))
        .routes(routes!(me))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
struct LoginRequest {
    email: String,
    password: String,
}

/// Signs in; sets the session cookie.
#[utoipa::path(post, path = "/auth/login", tag = "auth", request_body = LoginRequest, responses(
    (status = 200, body = Person),
    (status = 401, description = "wrong e-mail or password", body = Problem, content_type = "application/problem+json"),
))]
async fn login(
    State(state): State<AppState>,
    headers: HeaderMap,
    ApiJson(req): ApiJson<LoginRequest>,
) -> ApiResult<Response> {
    let user_agent = headers
        .get(header::USER_AGENT)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let signed = sessions::login(
        &state.db.conn,
        state.config.sessions,
        &req.email,
        &req.password,
        user_agent,
    )
    .await?;
    let max_age = (signed.expires_at - chrono::Utc::now())
        .num_seconds()
        .max(0);
    let cookie = session_cookie(&state, &signed.token, max_age);
    Ok(([(header::SET_COOKIE, cookie)], Json(signed.person)).into_response())
}

/// Signs out on this device: the session is revoked on the server.
#[utoipa::path(post, path = "/auth/logout", tag = "auth", responses((status = 204)))]
async fn logout(State(state): State<AppState>, headers: HeaderMap) -> ApiResult<Response> {
    if let Some(token) = session_token(&headers) {
        sessions::logout(&state.db.conn, &token).await?;
    }
    let cookie = session_cookie(&state, "", 0);
    Ok((StatusCode::NO_CONTENT, [(header::SET_COOKIE, cookie)]).into_response())
}

/// The signed-in person.
#[utoipa::path(get, path = "/auth/me", tag = "auth", responses(
    (status = 200, body = Person),
    (status = 401, body = Problem, content_type = "application/problem+json"),
))]
async fn me(State(state): State<AppState>, headers: HeaderMap) -> ApiResult<Json<Person>> {
    let token = session_token(&headers).ok_or_else(not_signed_in)?;
    let person = sessions::authenticate(&state.db.conn, state.config.sessions, &token)
        .await?
        .ok_or_else(not_signed_in)?;
    Ok(Json(person))
}

fn not_signed_in() -> Problem {
    DomainError::Unauthenticated {
        reason: "no valid session".into(),
    }
    .into()
}

/// `HttpOnly` (no script reads it), `SameSite=Lax`, `Secure` when served over https.
fn session_cookie(state: &AppState, token: &str, max_age: i64) -> HeaderValue {
    let secure = if state.config.is_https() {
        "; Secure"
    } else {
        ""
    };
    let cookie =
        format!("{COOKIE}={token}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age}{secure}");
    HeaderValue::from_str(&cookie).unwrap_or_else(|_| HeaderValue::from_static(""))
}

/// The session token from the request's cookies.
pub fn session_token(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .find_map(|c| {
            c.trim()
                .strip_prefix(&format!("{COOKIE}="))
                .map(str::to_owned)
        })
        .filter(|t| !t.is_empty())
}
