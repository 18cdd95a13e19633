//! Request extractors that turn every unreadable input into a problem naming the field,
//! instead of axum's plain-text rejections.

use axum::{
    body::Bytes,
    extract::{FromRequest, FromRequestParts, Request},
    http::{header, request::Parts},
};
use domain::FieldError;
use serde::de::DeserializeOwned;
use uuid::Uuid;

use crate::problem::Problem;

/// A JSON body, read with the path of the field that failed.
pub struct ApiJson<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for ApiJson<T> {
    type Rejection = Problem;

    async fn from_request(req: Request, state: &S) -> Result<Self, Problem> {
        let is_json = req
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split(';').next())
            .is_some_and(|mime| {
                let mime = mime.trim();
                mime == "application/json" || mime.ends_with("+json")
            });
        if !is_json {
            return Err(Problem::malformed(vec![FieldError::new(
                "body",
                "content_type",
                "must be sent with Content-Type: application/json",
            )]));
        }
        let bytes = Bytes::from_request(req, state).await.map_err(|e| {
            Problem::malformed(vec![FieldError::new("body", "unreadable", e.body_text())])
        })?;
        parse_json(&bytes).map(ApiJson)
    }
}

fn parse_json<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, Problem> {
    let de = &mut serde_json::Deserializer::from_slice(bytes);
    serde_path_to_error::deserialize(de).map_err(|err| {
        let path = err.path().to_string();
        let inner = err.into_inner();
        let message = inner.to_string();
        let at_root = path == "." || path == "?";
        let field = if inner.is_syntax() || inner.is_eof() {
            "body".to_owned()
        } else if let Some(missing) = quoted_field(&message, "missing field `") {
            // The path points at the object the field is missing from.
            if at_root {
                missing
            } else {
                format!("{path}.{missing}")
            }
        } else if at_root {
            "body".to_owned()
        } else {
            path
        };
        let code = if inner.is_syntax() || inner.is_eof() {
            "malformed_json"
        } else if message.starts_with("unknown field") {
            "unknown_field"
        } else if message.starts_with("missing field") {
            "required"
        } else {
            "invalid_type"
        };
        Problem::malformed(vec![FieldError::new(field, code, strip_position(&message))])
    })
}

/// The name serde puts between backticks after `prefix`.
fn quoted_field(message: &str, prefix: &str) -> Option<String> {
    let rest = message.split_once(prefix)?.1;
    Some(rest.split_once('`')?.0.to_owned())
}

/// serde_json's " at line 1 column 9" means nothing to someone reading the message.
fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(at) => message[..at].to_owned(),
        None => message.to_owned(),
    }
}

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

#[cfg(test)]
mod tests {
    use super::*;
    use domain::location::NewLocation;

    fn field_of(body: &str) -> (String, String) {
        let problem = parse_json::<NewLocation>(body.as_bytes()).err().unwrap();
        (
            problem.errors[0].field.clone(),
            problem.errors[0].code.clone(),
        )
    }

    #[test]
    fn each_unreadable_body_names_its_field() {
        assert_eq!(
            field_of(r#"{"name": "a", "colour": 1}"#),
            ("colour".into(), "unknown_field".into())
        );
        assert_eq!(
            field_of(r#"{"parent_id": null}"#),
            ("name".into(), "required".into())
        );
        assert_eq!(
            field_of(r#"{"name": 5}"#),
            ("name".into(), "invalid_type".into())
        );
        assert_eq!(
            field_of(r#"{"name": "a", "parent_id": "x"}"#),
            ("parent_id".into(), "invalid_type".into())
        );
        assert_eq!(
            field_of(r#"{"name": "#),
            ("body".into(), "malformed_json".into())
        );
    }
}
