use crate::extract::ApiQuery;
use app::i18n::Locale;
use axum::{
    extract::Path,
    http::header,
    response::{IntoResponse, Redirect},
};
use serde::Deserialize;

#[derive(Deserialize)]
pub struct Next {
    next: Option<String>,
}

/// `GET /lang/{code}?next=/path`: the language switch for browsers without the wasm app
/// (yet): remembers the choice in a cookie and goes back to the page.
pub async fn switch(Path(code): Path<String>, ApiQuery(q): ApiQuery<Next>) -> impl IntoResponse {
    // Only same-site paths: never an open redirect.
    let next = q
        .next
        .as_deref()
        .and_then(app::session::local_path)
        .unwrap_or("/")
        .to_owned();
    let cookie = Locale::from_code(&code).map(|locale| {
        format!(
            "lang={}; Path=/; Max-Age=31536000; SameSite=Lax",
            locale.code()
        )
    });
    let mut response = Redirect::to(&next).into_response();
    if let Some(cookie) = cookie.and_then(|c| c.parse().ok()) {
        response.headers_mut().insert(header::SET_COOKIE, cookie);
    }
    response
}
