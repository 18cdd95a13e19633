//! Server functions for signing in and out. They call the same service functions as the
//! REST API (`/api/v1/auth/*`), so throttling and auditing are the same either way.

use leptos::prelude::*;

use crate::error::AppError;

/// Signs in and goes to `next` (a path on this site), or refuses like the API does.
#[server(prefix = "/api/ui", endpoint = "login")]
pub async fn login(email: String, password: String, next: String) -> Result<String, AppError> {
    use crate::session::{database, session_cookie, AuthSettings};
    use leptos_axum::ResponseOptions;

    let db = database()?;
    let settings = use_context::<AuthSettings>().ok_or(AppError::Server)?;
    let parts = use_context::<http::request::Parts>().ok_or(AppError::Server)?;
    let address = parts
        .extensions
        .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
        .map(|c| service::accounts::throttle::address_key(c.0.ip()));
    let user_agent = parts
        .headers
        .get(http::header::USER_AGENT)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let attempt = service::accounts::sessions::LoginAttempt {
        email,
        password,
        user_agent,
        address,
    };
    let signed = service::accounts::sessions::login(
        &db.conn,
        settings.sessions,
        &settings.throttle,
        attempt,
    )
    .await?;
    // A session the browser still held ends: one cookie, one session.
    if let Some(old) = crate::session::cookie_token(&parts.headers) {
        service::accounts::sessions::logout(&db.conn, &old).await?;
    }
    let cookie = session_cookie(&signed.token, signed.expires_at, settings.secure_cookies);
    if let (Some(response), Ok(value)) = (
        use_context::<ResponseOptions>(),
        http::HeaderValue::from_str(&cookie),
    ) {
        response.append_header(http::header::SET_COOKIE, value);
    }
    let next = safe_next(&next, &signed.person);
    redirect_plain_form(&next);
    Ok(next)
}

/// Signs out on this device and goes to the sign-in page. `csrf_token` is checked by the
/// server's middleware before this runs (see `session::CsrfField`).
#[server(prefix = "/api/ui", endpoint = "logout")]
pub async fn logout(csrf_token: String) -> Result<String, AppError> {
    let _ = csrf_token;
    use crate::session::{database, session_cookie, AuthSettings};
    use leptos_axum::ResponseOptions;

    let db = database()?;
    let settings = use_context::<AuthSettings>().ok_or(AppError::Server)?;
    let parts = use_context::<http::request::Parts>().ok_or(AppError::Server)?;
    if let Some(token) = crate::session::cookie_token(&parts.headers) {
        service::accounts::sessions::logout(&db.conn, &token).await?;
    }
    let cookie = session_cookie("", chrono::Utc::now(), settings.secure_cookies);
    if let (Some(response), Ok(value)) = (
        use_context::<ResponseOptions>(),
        http::HeaderValue::from_str(&cookie),
    ) {
        response.append_header(http::header::SET_COOKIE, value);
    }
    redirect_plain_form("/login");
    Ok("/login".to_owned())
}

/// A form posted without the wasm app gets a redirect; the app instead loads the
/// returned page in full (see `reload_to`), so the new session's details are rendered.
#[cfg(feature = "ssr")]
pub(crate) fn redirect_plain_form(to: &str) {
    let from_app = use_context::<http::request::Parts>().is_some_and(|p| {
        p.headers
            .get(http::header::ACCEPT)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|a| a.contains("application/json") && !a.contains("text/html"))
    });
    if !from_app {
        leptos_axum::redirect(to);
    }
}

/// Loads `to` in full: signing in or out changes what every part of the page shows.
pub fn reload_to(to: &str) {
    #[cfg(feature = "hydrate")]
    {
        let _ = window().location().set_href(to);
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = to;
}

/// Where to go after signing in: a path on this site, else the person's start page.
#[cfg(feature = "ssr")]
fn safe_next(next: &str, person: &domain::person::Person) -> String {
    match crate::session::local_path(next) {
        Some(path) if path != "/" && !path.starts_with("/login") => path.to_owned(),
        _ => person.start_page().to_owned(),
    }
}

/// The signed-in person's API tokens.
#[server(prefix = "/api/ui", endpoint = "my_tokens", input = leptos::server_fn::codec::GetUrl)]
pub async fn my_tokens() -> Result<Vec<domain::account::ApiToken>, AppError> {
    let (who, _) = crate::session::browser_session()?;
    let db = crate::session::database()?;
    Ok(service::accounts::tokens::list(&db.conn, &who.person).await?)
}

/// Creates a token; the secret is in the answer only. `read_only` is a checkbox (present
/// when ticked); `expires_in_days` is empty for never.
#[server(prefix = "/api/ui", endpoint = "create_token")]
pub async fn create_token(
    name: String,
    #[server(default)] read_only: Option<String>,
    expires_in_days: String,
    csrf_token: String,
) -> Result<domain::account::CreatedApiToken, AppError> {
    let _ = csrf_token;
    let (who, _) = crate::session::browser_session()?;
    let db = crate::session::database()?;
    let expires_in_days = match expires_in_days.trim() {
        "" => None,
        raw => Some(raw.parse::<i64>().map_err(|_| {
            domain::DomainError::invalid("expires_in_days", "invalid", "is not a number of days")
        })?),
    };
    let new = domain::account::NewApiToken {
        name,
        read_only: read_only.is_some(),
        expires_in_days,
    };
    Ok(service::accounts::tokens::create(&db.conn, &who.actor(), &who.person, new).await?)
}

#[server(prefix = "/api/ui", endpoint = "revoke_token")]
pub async fn revoke_token(id: String, csrf_token: String) -> Result<(), AppError> {
    let _ = csrf_token;
    let (who, _) = crate::session::browser_session()?;
    let db = crate::session::database()?;
    let id = crate::session::parse_id(&id, "token")?;
    Ok(service::accounts::tokens::revoke(&db.conn, &who.person, id).await?)
}

/// The signed-in person's devices.
#[server(prefix = "/api/ui", endpoint = "my_sessions", input = leptos::server_fn::codec::GetUrl)]
pub async fn my_sessions() -> Result<Vec<domain::account::SessionInfo>, AppError> {
    let (who, token) = crate::session::browser_session()?;
    let db = crate::session::database()?;
    let settings = use_context::<crate::session::AuthSettings>().ok_or(AppError::Server)?;
    Ok(
        service::accounts::sessions::list(&db.conn, settings.sessions, &who.person, Some(&token))
            .await?,
    )
}

#[server(prefix = "/api/ui", endpoint = "revoke_session")]
pub async fn revoke_session(id: String, csrf_token: String) -> Result<(), AppError> {
    let _ = csrf_token;
    let (who, _) = crate::session::browser_session()?;
    let db = crate::session::database()?;
    Ok(service::accounts::sessions::revoke_one(&db.conn, &who.person, &id).await?)
}

/// Signs out every other device.
#[server(prefix = "/api/ui", endpoint = "logout_elsewhere")]
pub async fn logout_elsewhere(csrf_token: String) -> Result<(), AppError> {
    let _ = csrf_token;
    let (who, token) = crate::session::browser_session()?;
    let db = crate::session::database()?;
    Ok(
        service::accounts::sessions::logout_everywhere(&db.conn, who.person.id, Some(&token))
            .await?,
    )
}

/// Changes the password (the current one is required); other devices are signed out.
#[server(prefix = "/api/ui", endpoint = "change_password")]
pub async fn change_password(
    current_password: String,
    new_password: String,
    csrf_token: String,
) -> Result<(), AppError> {
    let _ = csrf_token;
    let (who, token) = crate::session::browser_session()?;
    let db = crate::session::database()?;
    let settings = use_context::<crate::session::AuthSettings>().ok_or(AppError::Server)?;
    service::accounts::password_change::change_password(
        &db.conn,
        &settings.throttle,
        &who.person,
        &current_password,
        &new_password,
        Some(&token),
    )
    .await?;
    Ok(())
}
