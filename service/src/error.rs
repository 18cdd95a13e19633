use domain::DomainError;
use sea_orm::DbErr;

/// What a service call can fail with: a domain refusal (the caller's fault, shown to
/// them) or a storage failure (ours, logged and never shown in detail).
#[derive(Debug, thiserror::Error)]
pub enum ServiceError {
    #[error(transparent)]
    Domain(#[from] DomainError),
    #[error("database error: {0}")]
    Db(#[from] DbErr),
    /// The attachment store failed, or a stored file no longer matches its hash.
    #[error("file store error: {0}")]
    Storage(String),
}

pub type Result<T> = std::result::Result<T, ServiceError>;

impl ServiceError {
    /// See [`DomainError::prefixed`]; database errors pass through.
    pub fn prefixed(self, prefix: &str) -> Self {
        match self {
            Self::Domain(e) => Self::Domain(e.prefixed(prefix)),
            other => other,
        }
    }
}
