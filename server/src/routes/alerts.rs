//! `GET /api/v1/alerts`: what needs attention, from what the caller may see.

use crate::extract::ApiQuery;
use axum::{extract::State, Json};
use domain::alert::{parse_days, Alerts};
use serde::Deserialize;
use service::inventory::alerts;
use utoipa::IntoParams;
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::{
    auth::Signed,
    problem::{ApiResult, Problem},
    state::AppState,
};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(read))
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
struct AlertQuery {
    /// How many days ahead to look (0–366, default 30).
    #[param(value_type = Option<u32>, minimum = 0, maximum = 366)]
    days: Option<String>,
}

/// Lots expiring within `days` (or expired), products under their reorder level,
/// instruments whose calibration has lapsed or ends within `days`.
#[utoipa::path(get, path = "/alerts", operation_id = "read_alerts", tag = "inventory", params(AlertQuery), responses(
    (status = 200, body = Alerts),
    (status = 422, body = Problem, content_type = "application/problem+json"),
))]
async fn read(
    State(state): State<AppState>,
    Signed(who): Signed,
    ApiQuery(query): ApiQuery<AlertQuery>,
) -> ApiResult<Json<Alerts>> {
    let days = parse_days(query.days.as_deref())?;
    Ok(Json(
        alerts::alerts(&state.db.conn, &who.person, days).await?,
    ))
}
