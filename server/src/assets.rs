//! The browser bundle: served pre-compressed (gzip/brotli made at build time) under
//! `/pkg/{build-id}/`, so it can be cached forever and a new build never mixes with an
//! old cached file.

use std::path::Path;

use axum::{
    http::{header, HeaderValue},
    Router,
};
use tower_http::{services::ServeDir, set_header::SetResponseHeaderLayer};

/// The id of the bundle in `site_dir` (written by `cargo xtask build-frontend`).
pub fn build_id(site_dir: &Path) -> Option<String> {
    let id = std::fs::read_to_string(site_dir.join("build-id")).ok()?;
    let id = id.trim();
    (!id.is_empty() && id.chars().all(|c| c.is_ascii_alphanumeric())).then(|| id.to_owned())
}

/// Routes for `/{pkg_dir}/...` (e.g. `/pkg/3f2a.../paillasse.js`).
pub fn router<S: Clone + Send + Sync + 'static>(site_dir: &Path, pkg_dir: &str) -> Router<S> {
    let files = ServeDir::new(site_dir.join("pkg"))
        .precompressed_br()
        .precompressed_gzip();
    Router::new().nest_service(
        &format!("/{pkg_dir}"),
        tower::ServiceBuilder::new()
            .layer(SetResponseHeaderLayer::overriding(
                header::CACHE_CONTROL,
                HeaderValue::from_static("public, max-age=31536000, immutable"),
            ))
            .service(files),
    )
}
