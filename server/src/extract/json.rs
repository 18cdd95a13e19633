//! `ApiJson`: a JSON body, one object and nothing after it, read with the path of the
//! field that failed.

use axum::{
    body::Bytes,
    extract::{FromRequest, Request},
    http::{header, StatusCode},
};
use domain::{text::check_text, DomainError, FieldError};
use serde::{de::DeserializeOwned, Deserialize};
use serde_json::Value;

use super::{strict::Strict, unreadable};
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
            if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
                DomainError::TooLarge(vec![FieldError::new(
                    "body",
                    "too_large",
                    "the request body is too large",
                )])
                .into()
            } else {
                Problem::malformed(vec![FieldError::new("body", "unreadable", e.body_text())])
            }
        })?;
        parse_json(&bytes).map(ApiJson)
    }
}

/// Every request body of the API is one JSON object: read as a value first, so trailing
/// data and a non-object are refused before serde's derive, which would read a struct
/// from an array (`["x"]` as `{"name": "x"}`).
pub(super) fn parse_json<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, Problem> {
    let malformed = |e: serde_json::Error| {
        Problem::malformed(vec![FieldError::new(
            "body",
            "malformed_json",
            super::strip_position(&e.to_string()),
        )])
    };
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let value = Value::deserialize(&mut de).map_err(malformed)?;
    // Whitespace may follow the value; anything else is a second value or garbage.
    de.end().map_err(malformed)?;
    if !value.is_object() {
        return Err(Problem::malformed(vec![FieldError::new(
            "body",
            "invalid_type",
            "must be a JSON object",
        )]));
    }
    let parsed = serde_path_to_error::deserialize(Strict(&value)).map_err(|err| {
        let path = err.path().to_string();
        Problem::malformed(vec![unreadable(&path, &err.into_inner().to_string())])
    })?;
    let mut errors = Vec::new();
    refused_controls(&value, "", &mut errors);
    if !errors.is_empty() {
        return Err(DomainError::Validation(errors).into());
    }
    Ok(parsed)
}

/// At most this many strings are named in one refusal.
const MAX_REPORTED: usize = 20;

/// Every string of a body (keys included) checked for control characters in one place,
/// whatever type reads it; each named by its path (`steps[2]`, `parents[0].reason`).
fn refused_controls(value: &Value, path: &str, errors: &mut Vec<FieldError>) {
    if errors.len() >= MAX_REPORTED {
        return;
    }
    match value {
        Value::String(text) => errors.extend(check_text(path, text).err()),
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                refused_controls(item, &format!("{path}[{i}]"), errors);
            }
        }
        Value::Object(map) => {
            for (key, item) in map {
                let path = match path {
                    "" => key.clone(),
                    _ => format!("{path}.{key}"),
                };
                errors.extend(check_text(&path, key).err());
                refused_controls(item, &path, errors);
            }
        }
        Value::Null | Value::Bool(_) | Value::Number(_) => {}
    }
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
        assert_eq!(
            field_of(r#"{"name": "a"} {"name": "b"}"#),
            ("body".into(), "malformed_json".into())
        );
        assert_eq!(field_of(r#"["a"]"#), ("body".into(), "invalid_type".into()));
        assert_eq!(
            field_of(r#"{"name": "a\u0000b"}"#),
            ("name".into(), "control_characters".into())
        );
        assert_eq!(
            field_of(r#"{"name": "a", "grid": [9, 9]}"#),
            ("grid".into(), "invalid_type".into())
        );
    }

    #[test]
    fn a_body_read_strictly_is_read_as_before() {
        let new: NewLocation =
            parse_json(br#"{"name": "Box", "parent_id": null, "grid": {"rows": 9, "cols": 12}} "#)
                .unwrap();
        assert_eq!(new.name, "Box");
        assert_eq!(new.parent_id, None);
        let grid = new.grid.unwrap();
        assert_eq!((grid.rows, grid.cols), (9, 12));
    }
}
