//! `/api/v1/{kind}/{id}/shares`: the teams a thing is shared with, for every kind that
//! can be shared, as thin handlers over `service::things::sharing`. One macro writes the
//! three routes of each kind so that their rules and documentation cannot drift apart.

use axum::{extract::State, http::StatusCode, Json};
use domain::{
    access::{Share, ShareAccess},
    kind::Kind,
};
use serde::Deserialize;
use service::things::sharing;
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;

use crate::{
    auth::Signed,
    extract::{ApiJson, IdPath, TwoIdsPath},
    problem::{ApiResult, Problem},
    state::AppState,
};

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct ShareRequest {
    /// `read` or `write`.
    access: String,
}

async fn list(
    state: AppState,
    who: Signed,
    kind: Kind,
    id: uuid::Uuid,
) -> ApiResult<Json<Vec<Share>>> {
    Ok(Json(
        sharing::of(&state.db.conn, &who.0.person, kind, id)
            .await?
            .shares,
    ))
}

async fn share(
    state: AppState,
    who: Signed,
    kind: Kind,
    (id, team_id): (uuid::Uuid, uuid::Uuid),
    req: ShareRequest,
) -> ApiResult<Json<Share>> {
    let how = ShareAccess::parse(&req.access)?;
    Ok(Json(
        sharing::set(&state.db.conn, &who.0.person, kind, id, team_id, how).await?,
    ))
}

async fn unshare(
    state: AppState,
    who: Signed,
    kind: Kind,
    (id, team_id): (uuid::Uuid, uuid::Uuid),
) -> ApiResult<StatusCode> {
    sharing::remove(&state.db.conn, &who.0.person, kind, id, team_id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The three sharing routes of one kind: `GET {list}` (the teams it is shared with, for
/// those who manage it), `PUT {one}` `{"access":"read"|"write"}` (shares it or changes
/// how) and `DELETE {one}` (stops sharing it).
macro_rules! sharing_routes {
    ($module:ident, $kind:expr, $tag:tt, $list:tt, $one:tt, $list_op:tt, $share_op:tt, $unshare_op:tt) => {
        pub mod $module {
            use super::*;
            use utoipa_axum::routes;

            pub fn router() -> OpenApiRouter<AppState> {
                OpenApiRouter::new()
                    .routes(routes!(list_shares))
                    .routes(routes!(share, unshare))
            }

            /// The teams it is shared with, and how (for those who manage it: its team's
            /// managers, its creator, admins).
            #[utoipa::path(get, path = $list, operation_id = $list_op, tag = $tag, params(("id" = uuid::Uuid, Path, description = "its id")), responses(
                (status = 200, body = Vec<Share>),
                (status = 403, body = Problem, content_type = "application/problem+json"),
                (status = 404, body = Problem, content_type = "application/problem+json"),
            ))]
            async fn list_shares(
                State(state): State<AppState>,
                who: Signed,
                IdPath(id): IdPath,
            ) -> ApiResult<Json<Vec<Share>>> {
                super::list(state, who, $kind, id).await
            }

            /// Shares it with another team, read-only or read-write, or changes how;
            /// audited. A share never passes on the right to share.
            #[utoipa::path(put, path = $one, operation_id = $share_op, tag = $tag, params(("id" = uuid::Uuid, Path, description = "its id"), ("team_id" = uuid::Uuid, Path, description = "the team to share with")), request_body = ShareRequest, responses(
                (status = 200, body = Share),
                (status = 403, body = Problem, content_type = "application/problem+json"),
                (status = 404, body = Problem, content_type = "application/problem+json"),
                (status = 422, body = Problem, content_type = "application/problem+json"),
            ))]
            async fn share(
                State(state): State<AppState>,
                who: Signed,
                TwoIdsPath(id, team_id): TwoIdsPath,
                ApiJson(req): ApiJson<ShareRequest>,
            ) -> ApiResult<Json<Share>> {
                super::share(state, who, $kind, (id, team_id), req).await
            }

            /// Stops sharing it with a team; audited.
            #[utoipa::path(delete, path = $one, operation_id = $unshare_op, tag = $tag, params(("id" = uuid::Uuid, Path, description = "its id"), ("team_id" = uuid::Uuid, Path, description = "the team")), responses(
                (status = 204),
                (status = 403, body = Problem, content_type = "application/problem+json"),
                (status = 404, body = Problem, content_type = "application/problem+json"),
            ))]
            async fn unshare(
                State(state): State<AppState>,
                who: Signed,
                TwoIdsPath(id, team_id): TwoIdsPath,
            ) -> ApiResult<StatusCode> {
                super::unshare(state, who, $kind, (id, team_id)).await
            }
        }
    };
}

sharing_routes!(
    locations,
    Kind::Location,
    "locations",
    "/locations/{id}/shares",
    "/locations/{id}/shares/{team_id}",
    "list_location_shares",
    "share_location",
    "unshare_location"
);
sharing_routes!(
    products,
    Kind::Product,
    "inventory",
    "/products/{id}/shares",
    "/products/{id}/shares/{team_id}",
    "list_product_shares",
    "share_product",
    "unshare_product"
);
sharing_routes!(
    lots,
    Kind::Lot,
    "inventory",
    "/lots/{id}/shares",
    "/lots/{id}/shares/{team_id}",
    "list_lot_shares",
    "share_lot",
    "unshare_lot"
);
sharing_routes!(
    samples,
    Kind::Sample,
    "inventory",
    "/samples/{id}/shares",
    "/samples/{id}/shares/{team_id}",
    "list_sample_shares",
    "share_sample",
    "unshare_sample"
);
sharing_routes!(
    instruments,
    Kind::Instrument,
    "inventory",
    "/instruments/{id}/shares",
    "/instruments/{id}/shares/{team_id}",
    "list_instrument_shares",
    "share_instrument",
    "unshare_instrument"
);
sharing_routes!(
    protocols,
    Kind::Protocol,
    "notebook",
    "/protocols/{id}/shares",
    "/protocols/{id}/shares/{team_id}",
    "list_protocol_shares",
    "share_protocol",
    "unshare_protocol"
);
sharing_routes!(
    notebooks,
    Kind::Notebook,
    "notebook",
    "/notebooks/{id}/shares",
    "/notebooks/{id}/shares/{team_id}",
    "list_notebook_shares",
    "share_notebook",
    "unshare_notebook"
);
sharing_routes!(
    entries,
    Kind::Entry,
    "notebook",
    "/entries/{id}/shares",
    "/entries/{id}/shares/{team_id}",
    "list_entry_shares",
    "share_entry",
    "unshare_entry"
);

/// Every kind's sharing routes.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .merge(locations::router())
        .merge(products::router())
        .merge(lots::router())
        .merge(samples::router())
        .merge(instruments::router())
        .merge(protocols::router())
        .merge(notebooks::router())
        .merge(entries::router())
}
