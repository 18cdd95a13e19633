//! One router per feature, merged here under `/api/v1`.

mod health;
mod lang;
mod locations;

use axum::{routing::get, Router};

use crate::{problem::Problem, state::AppState};

/// The REST API. Anything under `/api/v1` that no route matches is a problem+json 404.
pub fn api() -> Router<AppState> {
    Router::new()
        .merge(locations::router())
        .fallback(|| async { Problem::not_found("no such API route") })
        .method_not_allowed_fallback(|| async { Problem::method_not_allowed() })
}

/// Routes outside the API and the Leptos pages.
pub fn misc() -> Router<AppState> {
    Router::new()
        // The start page; a plain redirect so it is a real 3xx for every client.
        .route(
            "/",
            get(|| async { axum::response::Redirect::to("/locations") }),
        )
        .route("/healthz", get(health::healthz))
        .route("/lang/{code}", get(lang::switch))
}
