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
        .map(|c| c.0.ip().to_string());
    let user_agent = parts
        .headers
        .get(http::header::USER_AGENT)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let attempt = service::sessions::LoginAttempt {
        email,
        password,
        user_agent,
        address,
    };
    let signed =
        service::sessions::login(&db.conn, settings.sessions, &settings.throttle, attempt).await?;
    let cookie = session_cookie(&signed.token, signed.expires_at, settings.secure_cookies);
    if let (Some(response), Ok(value)) = (
        use_context::<ResponseOptions>(),
        http::HeaderValue::from_str(&cookie),
    ) {
        response.append_header(http::header::SET_COOKIE, value);
    }
    let next = safe_next(&next);
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
        service::sessions::logout(&db.conn, &token).await?;
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
fn redirect_plain_form(to: &str) {
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

/// Only paths on this site: never an open redirect.
#[cfg(feature = "ssr")]
fn safe_next(next: &str) -> String {
    let ok = next.starts_with('/') && !next.starts_with("//") && !next.contains('\\');
    if ok && !next.starts_with("/login") {
        next.to_owned()
    } else {
        "/locations".to_owned()
    }
}
