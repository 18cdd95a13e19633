//! `/api/v1/auth`: signing in and out, and the signed-in person's own account: password,
//! API tokens, sessions.

use std::net::SocketAddr;

use axum::{
    extract::{ConnectInfo, Path, State},
    http::{header, HeaderMap, HeaderValue, StatusCode},
    response::{IntoResponse, Response},
    Json,
};
use domain::{
    account::{ApiToken, CreatedApiToken, NewApiToken, PasswordChange, SessionInfo},
    person::Person,
};
use serde::Deserialize;
use service::accounts::sessions::{self, LoginAttempt};
use utoipa::ToSchema;
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::{
    auth::{session_token, BrowserSession, Signed, CSRF_HEADER},
    extract::{ApiJson, IdPath},
    problem::{ApiResult, Problem},
    state::AppState,
};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(login))
        .routes(routes!(logout))
        .routes(routes!(me))
        .routes(routes!(change_password))
        .routes(routes!(list_tokens, create_token))
        .routes(routes!(revoke_token))
        .routes(routes!(list_sessions))
        .routes(routes!(revoke_session))
        .routes(routes!(logout_everywhere))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
struct LoginRequest {
    email: String,
    password: String,
}

/// Signs in; sets the session cookie and answers the session's CSRF token in the
/// `X-CSRF-Token` header (send it back on every change made with the cookie). Repeated failures are answered 429 for a while.
#[utoipa::path(post, path = "/auth/login", operation_id = "login", tag = "auth", request_body = LoginRequest, responses(
    (status = 200, body = Person),
    (status = 401, description = "wrong e-mail or password", body = Problem, content_type = "application/problem+json"),
    (status = 429, description = "too many failures; see Retry-After", body = Problem, content_type = "application/problem+json"),
))]
async fn login(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    ApiJson(req): ApiJson<LoginRequest>,
) -> ApiResult<Response> {
    let attempt = LoginAttempt {
        email: req.email,
        password: req.password,
        user_agent: user_agent(&headers),
        address: Some(service::accounts::throttle::address_key(peer.ip())),
    };
    let signed = sessions::login(
        &state.db.conn,
        state.config.sessions,
        &state.config.throttle,
        attempt,
    )
    .await?;
    // A session the browser still held ends: one cookie, one session.
    if let Some(old) = session_token(&headers) {
        sessions::logout(&state.db.conn, &old).await?;
    }
    let cookie = session_cookie(&state, &signed.token, signed.expires_at);
    // Scripts using the cookie send this back on every change (CSRF protection).
    let csrf = sessions::csrf_token(&signed.token);
    let mut response = Json(signed.person).into_response();
    let headers = response.headers_mut();
    headers.insert(header::SET_COOKIE, cookie);
    if let Ok(value) = HeaderValue::from_str(&csrf) {
        headers.insert(CSRF_HEADER, value);
    }
    Ok(response)
}

pub fn user_agent(headers: &HeaderMap) -> Option<String> {
    headers
        .get(header::USER_AGENT)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned)
}

/// Signs out on this device: the session is revoked on the server.
#[utoipa::path(post, path = "/auth/logout", operation_id = "logout", tag = "auth", responses((status = 204)))]
async fn logout(State(state): State<AppState>, headers: HeaderMap) -> ApiResult<Response> {
    if let Some(token) = session_token(&headers) {
        sessions::logout(&state.db.conn, &token).await?;
    }
    let cookie = session_cookie(&state, "", chrono::Utc::now());
    Ok((StatusCode::NO_CONTENT, [(header::SET_COOKIE, cookie)]).into_response())
}

/// Signs out every device of the signed-in person except this one.
#[utoipa::path(post, path = "/auth/logout-everywhere", operation_id = "logout_everywhere", tag = "auth", responses((status = 204)))]
async fn logout_everywhere(
    State(state): State<AppState>,
    BrowserSession(principal, token): BrowserSession,
) -> ApiResult<StatusCode> {
    sessions::logout_everywhere(&state.db.conn, principal.person.id, Some(&token)).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The signed-in person.
#[utoipa::path(get, path = "/auth/me", operation_id = "read_me", tag = "auth", responses(
    (status = 200, body = Person),
    (status = 401, body = Problem, content_type = "application/problem+json"),
))]
async fn me(Signed(principal): Signed) -> Json<Person> {
    Json(principal.person)
}

/// Changes the password; the current one is required. Other sessions are signed out.
#[utoipa::path(post, path = "/auth/password", operation_id = "change_password", tag = "auth", request_body = PasswordChange, responses(
    (status = 204),
    (status = 422, description = "wrong current password, or a refused new one", body = Problem, content_type = "application/problem+json"),
))]
async fn change_password(
    State(state): State<AppState>,
    BrowserSession(principal, token): BrowserSession,
    ApiJson(change): ApiJson<PasswordChange>,
) -> ApiResult<StatusCode> {
    service::accounts::password_change::change_password(
        &state.db.conn,
        &state.config.throttle,
        &principal.person,
        &change.current_password,
        &change.new_password,
        Some(&token),
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The signed-in person's API tokens (never their secrets).
#[utoipa::path(get, path = "/auth/tokens", operation_id = "list_api_tokens", tag = "auth", responses((status = 200, body = Vec<ApiToken>), (status = 403, description = "only a signed-in browser session may do this, not an API token", body = Problem, content_type = "application/problem+json")))]
async fn list_tokens(
    State(state): State<AppState>,
    BrowserSession(principal, _): BrowserSession,
) -> ApiResult<Json<Vec<ApiToken>>> {
    Ok(Json(
        service::accounts::tokens::list(&state.db.conn, &principal.person).await?,
    ))
}

/// Creates an API token; its secret is in this response and nowhere else.
#[utoipa::path(post, path = "/auth/tokens", operation_id = "create_api_token", tag = "auth", request_body = NewApiToken, responses(
    (status = 201, body = CreatedApiToken),
    (status = 422, body = Problem, content_type = "application/problem+json"),
))]
async fn create_token(
    State(state): State<AppState>,
    BrowserSession(principal, _): BrowserSession,
    ApiJson(new): ApiJson<NewApiToken>,
) -> ApiResult<(StatusCode, Json<CreatedApiToken>)> {
    let created = service::accounts::tokens::create(
        &state.db.conn,
        &principal.actor(),
        &principal.person,
        new,
    )
    .await?;
    Ok((StatusCode::CREATED, Json(created)))
}

/// Revokes one of the signed-in person's tokens.
#[utoipa::path(delete, path = "/auth/tokens/{id}", operation_id = "revoke_api_token", tag = "auth", params(("id" = uuid::Uuid, Path, description = "the token id")), responses(
    (status = 204),
    (status = 404, body = Problem, content_type = "application/problem+json"),
))]
async fn revoke_token(
    State(state): State<AppState>,
    BrowserSession(principal, _): BrowserSession,
    IdPath(id): IdPath,
) -> ApiResult<StatusCode> {
    service::accounts::tokens::revoke(&state.db.conn, &principal.person, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The signed-in person's open sessions (devices).
#[utoipa::path(get, path = "/auth/sessions", operation_id = "list_sessions", tag = "auth", responses((status = 200, body = Vec<SessionInfo>), (status = 403, description = "only a signed-in browser session may do this, not an API token", body = Problem, content_type = "application/problem+json")))]
async fn list_sessions(
    State(state): State<AppState>,
    BrowserSession(principal, token): BrowserSession,
) -> ApiResult<Json<Vec<SessionInfo>>> {
    Ok(Json(
        sessions::list(
            &state.db.conn,
            state.config.sessions,
            &principal.person,
            Some(&token),
        )
        .await?,
    ))
}

/// Signs one of the person's devices out.
#[utoipa::path(delete, path = "/auth/sessions/{id}", operation_id = "revoke_session", tag = "auth", params(("id" = String, Path, description = "the session's id from the list")), responses(
    (status = 204),
    (status = 404, body = Problem, content_type = "application/problem+json"),
))]
async fn revoke_session(
    State(state): State<AppState>,
    BrowserSession(principal, _): BrowserSession,
    Path(id): Path<String>,
) -> ApiResult<StatusCode> {
    sessions::revoke_one(&state.db.conn, &principal.person, &id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The session cookie (built where the sign-in page builds it too).
pub fn session_cookie(
    state: &AppState,
    token: &str,
    expires_at: chrono::DateTime<chrono::Utc>,
) -> HeaderValue {
    let cookie = app::session::session_cookie(token, expires_at, state.config.is_https());
    HeaderValue::from_str(&cookie).unwrap_or_else(|_| HeaderValue::from_static(""))
}
