use axum::{extract::State, http::StatusCode, Json};
use serde_json::{json, Value};

use crate::state::AppState;

/// `GET /healthz`: the process is up and its database answers.
pub async fn healthz(State(state): State<AppState>) -> (StatusCode, Json<Value>) {
    let database = state.db.engine.name();
    match state.db.conn.ping().await {
        Ok(()) => (
            StatusCode::OK,
            Json(json!({"status": "ok", "database": database})),
        ),
        Err(e) => {
            tracing::error!(error = %e, "health check: database unreachable");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                Json(json!({"status": "unavailable", "database": database})),
            )
        }
    }
}
