use serde::{Deserialize, Serialize};

/// One problem with one input field, as shown next to the field and sent in
/// `errors[]` of a problem+json response.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FieldError {
    pub field: String,
    /// A stable machine-readable reason (`empty`, `too_long`, `not_found`, `cycle`, ...):
    /// the UI translates it, scripts can branch on it.
    pub code: String,
    /// The reason in English, for people reading API responses.
    pub message: String,
}

impl FieldError {
    pub fn new(
        field: impl Into<String>,
        code: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        Self {
            field: field.into(),
            code: code.into(),
            message: message.into(),
        }
    }
}

/// What the domain refuses, independent of HTTP. Mapped to a status code in exactly
/// one place on the server.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
pub enum DomainError {
    /// Input that can never be accepted as sent (400/422).
    #[error("invalid input: {}", summary(.0))]
    Validation(Vec<FieldError>),
    /// The thing does not exist, or the caller may not know it exists (404).
    #[error("{what} not found")]
    NotFound { what: String },
    /// The credentials or session were not accepted (401). Deliberately vague: it does
    /// not say whether the account exists.
    #[error("not signed in: {reason}")]
    Unauthenticated { reason: String },
    /// Signed in and allowed to see the thing, but not to do this with it (403).
    #[error("forbidden: {reason}")]
    Forbidden { reason: String },
    /// Too many attempts; try again after the given number of seconds (429).
    #[error("too many attempts: retry in {retry_after_secs} s")]
    Throttled { retry_after_secs: u64 },
    /// Valid input that conflicts with the current state (409).
    #[error("{}", summary(.0))]
    Conflict(Vec<FieldError>),
    /// An upload over the installation's size limit (413).
    #[error("{}", summary(.0))]
    TooLarge(Vec<FieldError>),
}

impl DomainError {
    pub fn invalid(
        field: impl Into<String>,
        code: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        Self::Validation(vec![FieldError::new(field, code, message)])
    }

    pub fn not_found(what: impl Into<String>) -> Self {
        Self::NotFound { what: what.into() }
    }

    pub fn conflict(
        field: impl Into<String>,
        code: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        Self::Conflict(vec![FieldError::new(field, code, message)])
    }

    /// The field errors carried, if any (for showing next to form fields).
    /// The same error with every field name prefixed (`quantity` → `parents[1].quantity`),
    /// for a check made on a part of a larger request.
    pub fn prefixed(self, prefix: &str) -> Self {
        let rename = |errors: Vec<FieldError>| {
            errors
                .into_iter()
                .map(|mut e| {
                    e.field = format!("{prefix}{}", e.field);
                    e
                })
                .collect()
        };
        match self {
            Self::Validation(e) => Self::Validation(rename(e)),
            Self::Conflict(e) => Self::Conflict(rename(e)),
            Self::TooLarge(e) => Self::TooLarge(rename(e)),
            other => other,
        }
    }

    pub fn field_errors(&self) -> &[FieldError] {
        match self {
            Self::Validation(e) | Self::Conflict(e) | Self::TooLarge(e) => e,
            Self::NotFound { .. }
            | Self::Unauthenticated { .. }
            | Self::Forbidden { .. }
            | Self::Throttled { .. } => &[],
        }
    }
}

fn summary(errors: &[FieldError]) -> String {
    errors
        .iter()
        .map(|e| format!("{}: {}", e.field, e.message))
        .collect::<Vec<_>>()
        .join("; ")
}
