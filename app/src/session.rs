//! The signed-in person, as the pages see them: on the server from the request (the
//! server's `auth` middleware put them there), in the browser from what the server
//! rendered, so hydration agrees.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// What a page needs of the signed-in person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CurrentUser {
    pub name: String,
    pub is_admin: bool,
    /// Whether they may add things (not a viewer only): the pages' "add" forms show.
    pub may_add: bool,
    /// Sent back with every form that changes something.
    pub csrf_token: String,
}

/// Reads the signed-in person once per page render.
pub fn current_user() -> Option<CurrentUser> {
    #[cfg(feature = "ssr")]
    {
        let principal = use_context::<http::request::Parts>()?
            .extensions
            .get::<service::accounts::permissions::Principal>()
            .cloned()?;
        let csrf_token = match &principal.credential {
            service::accounts::permissions::Credential::Session { csrf_token } => {
                csrf_token.clone()
            }
            service::accounts::permissions::Credential::Token { .. } => String::new(),
        };
        Some(CurrentUser {
            may_add: domain::access::may_add(&principal.person),
            name: principal.person.name,
            is_admin: principal.person.is_admin,
            csrf_token,
        })
    }
    #[cfg(not(feature = "ssr"))]
    {
        let meta = |name: &str| {
            document()
                .query_selector(&format!("meta[name=\"{name}\"]"))
                .ok()
                .flatten()
                .and_then(|m| m.get_attribute("content"))
        };
        Some(CurrentUser {
            name: meta("paillasse-user")?,
            is_admin: meta("paillasse-admin").as_deref() == Some("true"),
            may_add: meta("paillasse-may-add").as_deref() == Some("true"),
            csrf_token: meta("csrf-token").unwrap_or_default(),
        })
    }
}

/// The signed-in person, from context (see `App`).
pub fn use_user() -> Option<CurrentUser> {
    use_context::<Option<CurrentUser>>().flatten()
}

/// Whether the signed-in person may add things: the "add" forms show only then.
pub fn may_add() -> bool {
    use_user().is_some_and(|u| u.may_add)
}

/// The hidden form field that carries the CSRF token. Every server function that changes
/// something takes a `csrf_token` argument for it: the wasm app rebuilds the arguments
/// from the form, so a field that is not an argument would not be sent.
#[component]
pub fn CsrfField() -> impl IntoView {
    let token = use_user().map(|u| u.csrf_token).unwrap_or_default();
    view! { <input type="hidden" name="csrf_token" value=token/> }
}

/// The person behind a server function call; "not signed in" otherwise.
#[cfg(feature = "ssr")]
pub fn principal() -> Result<service::accounts::permissions::Principal, crate::error::AppError> {
    use_context::<http::request::Parts>()
        .and_then(|parts| {
            parts
                .extensions
                .get::<service::accounts::permissions::Principal>()
                .cloned()
        })
        .ok_or_else(|| {
            domain::DomainError::Unauthenticated {
                reason: "your session has ended; sign in again".into(),
            }
            .into()
        })
}

/// The person behind a server function call made from a signed-in browser, with the
/// session's token: managing tokens, devices and the password is not for API tokens.
#[cfg(feature = "ssr")]
pub fn browser_session(
) -> Result<(service::accounts::permissions::Principal, String), crate::error::AppError> {
    let who = principal()?;
    let token = use_context::<http::request::Parts>()
        .and_then(|parts| cookie_token(&parts.headers))
        .filter(|_| {
            matches!(
                who.credential,
                service::accounts::permissions::Credential::Session { .. }
            )
        });
    match token {
        Some(token) => Ok((who, token)),
        None => Err(domain::DomainError::Forbidden {
            reason: "only a signed-in browser session may do this".into(),
        }
        .into()),
    }
}

/// An id from a form or a URL; a malformed one is "not found", like a thing one may not
/// see.
#[cfg(feature = "ssr")]
pub fn parse_id(raw: &str, what: &str) -> Result<uuid::Uuid, crate::error::AppError> {
    uuid::Uuid::parse_str(raw.trim()).map_err(|_| domain::DomainError::not_found(what).into())
}

/// The database, for server functions.
#[cfg(feature = "ssr")]
pub fn database() -> Result<service::Database, crate::error::AppError> {
    use_context::<service::Database>().ok_or_else(|| {
        leptos::logging::error!("no database in the server function context");
        crate::error::AppError::Server
    })
}

/// What the sign-in server functions need from the server's configuration.
#[cfg(feature = "ssr")]
#[derive(Debug, Clone, Copy)]
pub struct AuthSettings {
    pub sessions: service::accounts::sessions::SessionPolicy,
    pub throttle: service::accounts::throttle::ThrottlePolicy,
    pub secure_cookies: bool,
}

/// The name of the session cookie.
pub const SESSION_COOKIE: &str = "paillasse_session";

/// The session cookie: `HttpOnly` (no script reads it), `SameSite=Lax`, `Secure` when
/// served over https; an empty token with `expires_at` now clears it.
#[cfg(feature = "ssr")]
pub fn session_cookie(
    token: &str,
    expires_at: chrono::DateTime<chrono::Utc>,
    secure: bool,
) -> String {
    let max_age = (expires_at - chrono::Utc::now()).num_seconds().max(0);
    let secure = if secure { "; Secure" } else { "" };
    format!("{SESSION_COOKIE}={token}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age}{secure}")
}

/// The session token from a request's cookies.
#[cfg(feature = "ssr")]
pub fn cookie_token(headers: &http::HeaderMap) -> Option<String> {
    headers
        .get_all(http::header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .find_map(|c| {
            c.trim()
                .strip_prefix(&format!("{SESSION_COOKIE}="))
                .map(str::to_owned)
        })
        .filter(|t| !t.is_empty())
}

#[cfg(feature = "ssr")]
/// `raw` if it is a path on this site, never a way off it: browsers ignore tabs and line
/// breaks in URLs and read `\\` as `/`, so `/\t/evil.example` would be `//evil.example`.
pub fn local_path(raw: &str) -> Option<&str> {
    let plain = !raw
        .chars()
        .any(|c| c.is_control() || c.is_whitespace() || c == '\\');
    (plain && raw.starts_with('/') && !raw.starts_with("//")).then_some(raw)
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    #[test]
    fn only_local_paths_are_followed() {
        use super::local_path;
        assert_eq!(local_path("/locations?q=a"), Some("/locations?q=a"));
        for bad in [
            "//evil.example",
            "/\t/evil.example",
            "/\\evil.example",
            "https://evil.example",
            "evil",
            "/\n/x",
            "",
        ] {
            assert_eq!(local_path(bad), None, "{bad:?}");
        }
    }
}
