//! The browser bundle: served pre-compressed (gzip/brotli made at build time) under
//! `/pkg/{build-id}/`, so it can be cached forever and a new build never mixes with an
//! old cached file.
//!
//! The id is worked out here, at start, from the bytes of every file served under it, and
//! each file is checked to be unchanged before it is served: a bundle rebuilt on disk
//! while the server ran (the debug glue beside the release wasm) was served under the
//! old id, cached as immutable, and left tablets unable to hydrate after the files were
//! fixed. Such a request is now a 503 that no one caches; a restart serves the new one.

use std::{
    collections::HashMap,
    path::{Path, PathBuf},
    sync::Arc,
    time::SystemTime,
};

use axum::{
    extract::Request,
    http::{header, HeaderValue, StatusCode},
    middleware::Next,
    response::{IntoResponse, Response},
    Router,
};
use sha2::{Digest, Sha256};
use tower_http::{services::ServeDir, set_header::SetResponseHeaderLayer};

/// What each file of the bundle was when its id was worked out.
#[derive(Clone, Debug, Default)]
pub struct Bundle {
    pub id: String,
    files: Arc<HashMap<String, (u64, Option<SystemTime>)>>,
    dir: PathBuf,
}

impl Bundle {
    /// The bundle in `site_dir/pkg`, named by the SHA-256 of its files (names and bytes);
    /// `None` when there is none.
    pub fn read(site_dir: &Path) -> Option<Self> {
        let dir = site_dir.join("pkg");
        let mut names: Vec<String> = std::fs::read_dir(&dir)
            .ok()?
            .filter_map(|e| e.ok())
            .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
            .filter_map(|e| e.file_name().into_string().ok())
            .collect();
        if names.is_empty() {
            return None;
        }
        names.sort();
        let mut hash = Sha256::new();
        let mut files = HashMap::new();
        for name in names {
            let path = dir.join(&name);
            let bytes = std::fs::read(&path).ok()?;
            let meta = std::fs::metadata(&path).ok()?;
            hash.update(name.as_bytes());
            hash.update((bytes.len() as u64).to_le_bytes());
            hash.update(&bytes);
            files.insert(name, (meta.len(), meta.modified().ok()));
        }
        Some(Self {
            id: hex::encode(&hash.finalize()[..8]),
            files: Arc::new(files),
            dir,
        })
    }

    /// No bundle: pages render but do not hydrate.
    pub fn missing() -> Self {
        Self {
            id: "missing".into(),
            ..Default::default()
        }
    }

    /// Whether `name` is still the file the id was worked out from.
    fn unchanged(&self, name: &str) -> bool {
        let Some((len, modified)) = self.files.get(name) else {
            return false;
        };
        std::fs::metadata(self.dir.join(name))
            .is_ok_and(|m| m.len() == *len && m.modified().ok() == *modified)
    }
}

/// Routes for `/{pkg_dir}/...` (e.g. `/pkg/3f2a.../paillasse.js`).
pub fn router<S: Clone + Send + Sync + 'static>(bundle: &Bundle, pkg_dir: &str) -> Router<S> {
    let files = ServeDir::new(bundle.dir.clone())
        .precompressed_br()
        .precompressed_gzip();
    let checked = bundle.clone();
    Router::new().nest_service(
        &format!("/{pkg_dir}"),
        tower::ServiceBuilder::new()
            .layer(axum::middleware::from_fn(
                move |req: Request, next: Next| {
                    let bundle = checked.clone();
                    async move { unchanged_only(&bundle, req, next).await }
                },
            ))
            .layer(SetResponseHeaderLayer::overriding(
                header::CACHE_CONTROL,
                HeaderValue::from_static("public, max-age=31536000, immutable"),
            ))
            .service(files),
    )
}

/// Serves a file of the bundle only while it is the one the id names (with its
/// pre-compressed forms, made with it).
async fn unchanged_only(bundle: &Bundle, req: Request, next: Next) -> Response {
    let name = req.uri().path().trim_start_matches('/').to_owned();
    let forms = [name.clone(), format!("{name}.gz"), format!("{name}.br")];
    let changed = forms
        .iter()
        .any(|f| bundle.files.contains_key(f) && !bundle.unchanged(f));
    if changed {
        tracing::error!(file = %name, "the browser bundle changed on disk since the server started: restart it");
        return (
            StatusCode::SERVICE_UNAVAILABLE,
            [(header::CACHE_CONTROL, "no-store")],
            "the browser bundle changed since the server started; it must be restarted",
        )
            .into_response();
    }
    next.run(req).await
}

/// Which wasm chunks each lazily loaded group of pages needs (written by the split in
/// `cargo xtask build-frontend`), for leptos to name them in `<link rel=preload>` so the
/// browser fetches them beside the main wasm. Leptos looks for the manifest beside the
/// glue, under the build id, where it is not: it is read here and handed to the pages.
/// (Seen 2026-12-07: the hints are not rendered for our `SsrMode::Async` pages yet.)
pub fn split_manifest(bundle: &Bundle, pkg_dir: &str) -> Option<leptos::WasmSplitManifest> {
    let text = std::fs::read_to_string(bundle.dir.join("__wasm_split_manifest.json")).ok()?;
    let chunks: HashMap<String, Vec<String>> = match serde_json::from_str(&text) {
        Ok(chunks) => chunks,
        Err(e) => {
            tracing::warn!(error = %e, "the bundle's split manifest is unreadable: no preload hints");
            return None;
        }
    };
    Some(leptos::WasmSplitManifest(
        leptos::prelude::ArcStoredValue::new((
            format!("/{pkg_dir}"),
            chunks,
            "__wasm_split.______________________.js".to_owned(),
        )),
    ))
}
