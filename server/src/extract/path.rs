//! Route parameters: ids as UUIDs, a bad one named.

use axum::{extract::FromRequestParts, http::request::Parts};
use domain::FieldError;
use uuid::Uuid;

use crate::problem::Problem;

/// The `{id}` of a route, as a UUID.
pub struct IdPath(pub Uuid);

impl<S: Send + Sync> FromRequestParts<S> for IdPath {
    type Rejection = Problem;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Problem> {
        let params = path_params(parts, state).await?;
        Ok(Self(uuid_param(&params, 0, "id")?))
    }
}

/// A route with two ids, e.g. `/locations/{id}/shares/{team_id}`, in path order.
pub struct TwoIdsPath(pub Uuid, pub Uuid);

impl<S: Send + Sync> FromRequestParts<S> for TwoIdsPath {
    type Rejection = Problem;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Problem> {
        let params = path_params(parts, state).await?;
        let second = params.get(1).map(|(k, _)| k.clone()).unwrap_or_default();
        Ok(Self(
            uuid_param(&params, 0, "id")?,
            uuid_param(&params, 1, &second)?,
        ))
    }
}

/// A route with a kind and an id, e.g. `/trace/{kind}/{id}`.
pub struct KindIdPath(pub String, pub Uuid);

impl<S: Send + Sync> FromRequestParts<S> for KindIdPath {
    type Rejection = Problem;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Problem> {
        let params = path_params(parts, state).await?;
        let kind = params.first().map(|(_, v)| v.clone()).unwrap_or_default();
        Ok(Self(kind, uuid_param(&params, 1, "id")?))
    }
}

async fn path_params<S: Send + Sync>(
    parts: &mut Parts,
    state: &S,
) -> Result<Vec<(String, String)>, Problem> {
    let axum::extract::Path(params) =
        axum::extract::Path::<Vec<(String, String)>>::from_request_parts(parts, state)
            .await
            .map_err(|_| Problem::not_found("no such resource"))?;
    Ok(params)
}

fn uuid_param(params: &[(String, String)], at: usize, name: &str) -> Result<Uuid, Problem> {
    let raw = params
        .get(at)
        .map(|(_, v)| v.as_str())
        .ok_or_else(|| Problem::not_found("no such resource"))?;
    Uuid::parse_str(raw).map_err(|_| {
        Problem::malformed(vec![FieldError::new(
            name,
            "invalid",
            "is not a valid id (a UUID)",
        )])
    })
}
