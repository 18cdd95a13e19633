use std::sync::Arc;

use axum::extract::FromRef;
use leptos::config::LeptosOptions;
use service::Database;

use crate::Config;

/// Cheap handles shared by every request. Nothing here is state another instance would
/// need: several servers can share one PostgreSQL.
#[derive(Clone)]
pub struct AppState {
    pub db: Database,
    /// Where attachments are kept (in the data directory, whatever the database).
    pub files: service::files::FileStore,
    pub leptos: LeptosOptions,
    /// What QR codes point to: `--base-url`, or this server's own address.
    pub label_base: Arc<str>,
    pub config: Arc<Config>,
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos.clone()
    }
}
