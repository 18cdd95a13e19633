//! The error that crosses the network between server functions and the browser.

use domain::{DomainError, FieldError};
use leptos::server_fn::{
    codec::JsonEncoding,
    error::{FromServerFnError, ServerFnErrorErr},
};
use serde::{Deserialize, Serialize};

use crate::i18n::{translate_opt, I18n};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    /// Refused input or a missing thing: shown to the person, next to the field.
    #[error(transparent)]
    Domain(#[from] DomainError),
    /// The server's disk is full: nothing was saved (an administrator must free space).
    #[error("the server's disk is full")]
    DiskFull,
    /// The database is read-only or damaged: nothing was saved.
    #[error("the database refuses writes")]
    ReadOnly,
    /// Anything else. The detail stays in the server's log.
    #[error("server error")]
    Server,
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(_value: ServerFnErrorErr) -> Self {
        Self::Server
    }
}

#[cfg(feature = "ssr")]
impl From<service::ServiceError> for AppError {
    fn from(err: service::ServiceError) -> Self {
        match err {
            service::ServiceError::Domain(e) => Self::Domain(e),
            service::ServiceError::CannotWrite(why) => {
                leptos::logging::error!("a write was refused: {why}");
                match why {
                    service::error::CannotWrite::Full => Self::DiskFull,
                    service::error::CannotWrite::ReadOnly => Self::ReadOnly,
                }
            }
            service::ServiceError::Db(e) => {
                leptos::logging::error!("database error in a server function: {e}");
                Self::Server
            }
            service::ServiceError::Storage(e) => {
                leptos::logging::error!("file store error in a server function: {e}");
                Self::Server
            }
            e @ service::ServiceError::Stored { .. } => {
                leptos::logging::error!("damaged row read by a server function: {e}");
                Self::Server
            }
        }
    }
}

impl AppError {
    /// The refusals that concern one form field.
    pub fn for_field(&self, field: &str) -> Vec<FieldError> {
        match self {
            Self::Domain(e) => e
                .field_errors()
                .iter()
                .filter(|fe| fe.field == field)
                .cloned()
                .collect(),
            Self::DiskFull | Self::ReadOnly | Self::Server => vec![],
        }
    }
}

/// A field refusal in the reader's language, falling back to the server's English.
pub fn describe(i18n: &I18n, error: &FieldError) -> String {
    translate_opt(i18n.current(), &format!("field-error-{}", error.code))
        .unwrap_or_else(|| error.message.clone())
}

/// A refusal in the reader's language: the first field error's translation, or the
/// kind of refusal.
pub fn error_text(i18n: &I18n, error: &AppError) -> String {
    match error {
        AppError::Domain(e) => match e.field_errors().first() {
            Some(fe) => crate::error::describe(i18n, fe),
            None => match e {
                domain::DomainError::NotFound { .. } => i18n.t("error-not-found"),
                domain::DomainError::Forbidden { .. } => i18n.t("error-forbidden"),
                domain::DomainError::Unauthenticated { .. } => i18n.t("error-signed-out"),
                _ => i18n.t("error-server"),
            },
        },
        AppError::DiskFull => i18n.t("error-disk-full"),
        AppError::ReadOnly => i18n.t("error-read-only"),
        AppError::Server => i18n.t("error-server"),
    }
}
