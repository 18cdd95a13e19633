use axum::{extract::State, http::StatusCode, Json};
use serde_json::{json, Value};

use crate::state::AppState;

/// `GET /healthz`: the process is up, its database answers, and it can take writes (the
/// database is not damaged, the attachment directory can be written). 503 otherwise,
/// with `writes: "refused"` and why: an instance that only reads is not healthy.
pub async fn healthz(State(state): State<AppState>) -> (StatusCode, Json<Value>) {
    let database = state.db.engine.name();
    if let Err(e) = state.db.conn.ping().await {
        tracing::error!(error = %e, "health check: database unreachable");
        return (
            StatusCode::SERVICE_UNAVAILABLE,
            Json(json!({"status": "unavailable", "database": database})),
        );
    }
    // Anyone may ask: the answer names the cause, the log names the paths.
    let refused = match (&state.db.damaged, state.files.probe().await) {
        (Some(found), _) => {
            tracing::error!(%found, "health check: the database is damaged");
            Some("the database is damaged: it is open read-only".to_owned())
        }
        (None, Err(e)) => {
            tracing::error!(dir = %state.files.root().display(), error = %e, "health check: attachments cannot be written");
            Some(format!(
                "the attachment directory cannot be written ({})",
                e.kind()
            ))
        }
        (None, Ok(())) => None,
    };
    match refused {
        None => (
            StatusCode::OK,
            Json(json!({"status": "ok", "database": database, "writes": "ok"})),
        ),
        Some(why) => (
            StatusCode::SERVICE_UNAVAILABLE,
            Json(
                json!({"status": "degraded", "database": database, "writes": "refused", "reason": why}),
            ),
        ),
    }
}
