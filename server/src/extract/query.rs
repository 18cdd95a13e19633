//! `ApiQuery`: the query string, read like a body (a bad parameter is a problem naming
//! it) instead of axum's plain-text rejection.

use axum::{extract::FromRequestParts, http::request::Parts};
use serde::de::DeserializeOwned;

use super::unreadable;
use crate::problem::Problem;

/// The query string as `T`. A parameter given twice is refused rather than one of the
/// two silently winning.
pub struct ApiQuery<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequestParts<S> for ApiQuery<T> {
    type Rejection = Problem;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Problem> {
        let query = parts.uri.query().unwrap_or_default();
        let de = serde_urlencoded::Deserializer::new(form_urlencoded::parse(query.as_bytes()));
        serde_path_to_error::deserialize(de)
            .map(ApiQuery)
            .map_err(|err| {
                let path = err.path().to_string();
                let error = unreadable(&path, &err.into_inner().to_string());
                // A query has no body: a problem at its top names the query.
                let error = match error.field.as_str() {
                    "body" => domain::FieldError {
                        field: "query".into(),
                        ..error
                    },
                    _ => error,
                };
                Problem::malformed(vec![error])
            })
    }
}
