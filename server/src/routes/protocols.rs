//! `/api/v1/protocols`: versioned protocols — thin handlers over `service::notebook::protocols`.

use axum::{extract::State, http::StatusCode, Json};
use domain::protocol::{NewProtocol, NewProtocolVersion, Protocol, ProtocolVersion};
use service::notebook::protocols;
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::{
    auth::Signed,
    extract::{ApiJson, IdPath},
    problem::{ApiResult, Problem},
    state::AppState,
};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list, create))
        .routes(routes!(read))
        .routes(routes!(revise))
}

/// The protocols the caller may see, by name, each with all its versions.
#[utoipa::path(get, path = "/protocols", operation_id = "list_protocols", tag = "notebook", responses((status = 200, body = Vec<Protocol>)))]
async fn list(
    State(state): State<AppState>,
    Signed(who): Signed,
) -> ApiResult<Json<Vec<Protocol>>> {
    Ok(Json(protocols::list(&state.db.conn, &who.person).await?))
}

/// Writes a protocol: `{"name","steps":[…],"body"?,"team_id"?}`; it is version 1.
#[utoipa::path(post, path = "/protocols", operation_id = "create_protocol", tag = "notebook", request_body = NewProtocol, responses(
    (status = 201, body = Protocol),
    (status = 422, body = Problem, content_type = "application/problem+json"),
))]
async fn create(
    State(state): State<AppState>,
    Signed(who): Signed,
    ApiJson(new): ApiJson<NewProtocol>,
) -> ApiResult<(StatusCode, Json<Protocol>)> {
    let protocol = protocols::create(&state.db.conn, &who.person, new).await?;
    Ok((StatusCode::CREATED, Json(protocol)))
}

/// One protocol with its versions, oldest first.
#[utoipa::path(get, path = "/protocols/{id}", operation_id = "read_protocol", tag = "notebook", params(("id" = uuid::Uuid, Path, description = "the protocol")), responses(
    (status = 200, body = Protocol),
    (status = 404, body = Problem, content_type = "application/problem+json"),
))]
async fn read(
    State(state): State<AppState>,
    Signed(who): Signed,
    IdPath(id): IdPath,
) -> ApiResult<Json<Protocol>> {
    Ok(Json(protocols::get(&state.db.conn, &who.person, id).await?))
}

/// The protocol's text and steps as they are now: the current version changes while no
/// entry has followed it; once one has, this makes the next version.
#[utoipa::path(post, path = "/protocols/{id}/versions", operation_id = "revise_protocol", tag = "notebook", params(("id" = uuid::Uuid, Path, description = "the protocol")), request_body = NewProtocolVersion, responses(
    (status = 200, body = ProtocolVersion),
    (status = 422, body = Problem, content_type = "application/problem+json"),
))]
async fn revise(
    State(state): State<AppState>,
    Signed(who): Signed,
    IdPath(id): IdPath,
    ApiJson(new): ApiJson<NewProtocolVersion>,
) -> ApiResult<Json<ProtocolVersion>> {
    Ok(Json(
        protocols::revise(&state.db.conn, &who.person, id, new).await?,
    ))
}
