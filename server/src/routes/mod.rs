//! One router per feature, merged here under `/api/v1`, each route documented in the
//! OpenAPI spec served at `/api/v1/openapi.json`.

mod alerts;
mod attachments;
mod auth;
mod entries;
mod export;
mod go;
mod health;
mod history;
mod instruments;
pub(crate) mod labels;
mod lang;
mod locations;
mod lots;
mod openapi;
mod products;
mod protocols;
mod samples;
mod search;
mod sharing;
mod teams;
mod trace;
mod uploads;

use axum::{http::header, routing::get, Router};
use utoipa::OpenApi;
use utoipa_axum::router::OpenApiRouter;

use crate::{auth::MaybeSigned, problem::Problem, state::AppState};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Paillasse API",
        description = "Lab notebook and inventory. Errors are application/problem+json with the \
                       offending fields in `errors[]`; collections are cursor-paginated."
    ),
    servers((url = "/api/v1")),
    components(schemas(Problem, domain::FieldError))
)]
struct ApiDoc;

/// The REST API. Anything under `/api/v1` that no route matches is a problem+json 404.
pub fn api() -> Router<AppState> {
    let (router, spec) = OpenApiRouter::with_openapi(ApiDoc::openapi())
        .merge(auth::router())
        .merge(locations::router())
        .merge(products::router())
        .merge(lots::router())
        .merge(samples::router())
        .merge(instruments::router())
        .merge(alerts::router())
        .merge(entries::router())
        .merge(protocols::router())
        .merge(attachments::router())
        .merge(history::router())
        .merge(labels::router())
        .merge(export::router())
        .merge(search::router())
        .merge(teams::router())
        .merge(trace::router())
        .merge(sharing::router())
        .split_for_parts();
    // Rendered once: the spec does not change while the server runs.
    let mut spec = serde_json::to_value(&spec).unwrap_or_default();
    openapi::complete(&mut spec);
    let spec = serde_json::to_string_pretty(&spec).unwrap_or_default();
    router
        .route(
            "/openapi.json",
            get(move || {
                let spec = spec.clone();
                async move { ([(header::CONTENT_TYPE, "application/json")], spec) }
            }),
        )
        .fallback(|| async { Problem::not_found("no such API route") })
        .method_not_allowed_fallback(|| async { Problem::method_not_allowed() })
}
/// Routes outside the API and the Leptos pages.
pub use uploads::router as upload_forms;

pub fn misc() -> Router<AppState> {
    Router::new()
        // The start page: a plain redirect, so it is a real 3xx for every client.
        .route(
            "/",
            get(|MaybeSigned(who): MaybeSigned| async move {
                axum::response::Redirect::to(who.map_or("/login", |w| w.person.start_page()))
            }),
        )
        .route("/healthz", get(health::healthz))
        .route("/lang/{code}", get(lang::switch))
        .route("/l/{code}", get(go::open))
        // The scan page's typed code without JavaScript: `/go?code=…` → `/l/{code}`.
        .route("/go", get(go::go))
}
