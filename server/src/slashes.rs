//! A page's address with a trailing slash (`/lots/{id}/`) rendered the "not found" page
//! with a 200, a soft 404 that crawlers and scripts take for a page. Such an address now
//! answers 308 to the same one without the slash; the API's routes are left alone (they
//! answer 404 problems).

use axum::{
    extract::Request,
    http::Method,
    middleware::Next,
    response::{IntoResponse, Redirect, Response},
};

pub async fn trim(req: Request, next: Next) -> Response {
    let path = req.uri().path();
    let page = !path.starts_with("/api/") && !path.starts_with("/pkg/");
    if page
        && path.len() > 1
        && path.ends_with('/')
        && matches!(*req.method(), Method::GET | Method::HEAD)
    {
        let trimmed = path.trim_end_matches('/');
        // "//evil.example/" must not become "//evil.example", an address on another site.
        let trimmed = if trimmed.is_empty() || trimmed.starts_with("//") {
            "/"
        } else {
            trimmed
        };
        let to = match req.uri().query() {
            Some(q) => format!("{trimmed}?{q}"),
            None => trimmed.to_owned(),
        };
        return Redirect::permanent(&to).into_response();
    }
    next.run(req).await
}
