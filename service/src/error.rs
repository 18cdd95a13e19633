use domain::DomainError;
use sea_orm::{DbErr, RuntimeErr};

/// What a service call can fail with: a domain refusal (the caller's fault, shown to
/// them), a write the server cannot take right now (its disk is full, its database is
/// read-only or damaged: said plainly, nothing was saved), or a storage failure (ours,
/// logged and never shown in detail).
#[derive(Debug, thiserror::Error)]
pub enum ServiceError {
    #[error(transparent)]
    Domain(#[from] DomainError),
    #[error("cannot write: {0}")]
    CannotWrite(CannotWrite),
    #[error("database error: {0}")]
    Db(DbErr),
    /// The attachment store failed, or a stored file no longer matches its hash.
    #[error("file store error: {0}")]
    Storage(String),
    /// A value read from the database that no version of Paillasse writes (a damaged
    /// row, a hand edit): never read as some default, which could make a quarantined lot
    /// usable.
    #[error("unreadable stored value {value:?} in {column}")]
    Stored { column: &'static str, value: String },
}

/// Why the server refuses writes for now. Not the caller's fault, not a bug either:
/// an administrator has to act (free space, repair or restore the database).
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum CannotWrite {
    /// No space left where the database or the attachments are kept.
    #[error("no space left on the server's disk")]
    Full,
    /// The database refuses writes: damaged (it was opened read-only) or on a read-only
    /// file system.
    #[error("the database is read-only")]
    ReadOnly,
}

pub type Result<T> = std::result::Result<T, ServiceError>;

impl From<DbErr> for ServiceError {
    /// Every database error passes here (`?`), so a full disk is told apart from a bug
    /// wherever it happens.
    fn from(err: DbErr) -> Self {
        match cannot_write(&err) {
            Some(why) => Self::CannotWrite(why),
            None => Self::Db(err),
        }
    }
}

impl From<std::io::Error> for ServiceError {
    fn from(err: std::io::Error) -> Self {
        match err.kind() {
            std::io::ErrorKind::StorageFull | std::io::ErrorKind::QuotaExceeded => {
                Self::CannotWrite(CannotWrite::Full)
            }
            std::io::ErrorKind::ReadOnlyFilesystem => Self::CannotWrite(CannotWrite::ReadOnly),
            _ => Self::Storage(err.to_string()),
        }
    }
}

/// SQLite's result codes (primary part) and PostgreSQL's SQLSTATEs that mean "no room"
/// or "read-only", as opposed to a failed statement.
fn cannot_write(err: &DbErr) -> Option<CannotWrite> {
    let (DbErr::Exec(RuntimeErr::SqlxError(e))
    | DbErr::Query(RuntimeErr::SqlxError(e))
    | DbErr::Conn(RuntimeErr::SqlxError(e))) = err
    else {
        return None;
    };
    let code = e.as_database_error()?.code()?;
    match code.as_ref() {
        // disk_full, out_of_memory on the server, program_limit... only the first two
        // are about space.
        "53100" => Some(CannotWrite::Full),
        // read_only_sql_transaction (a standby, or default_transaction_read_only)
        "25006" => Some(CannotWrite::ReadOnly),
        sqlite => match sqlite.parse::<i32>().ok()? & 0xff {
            // SQLITE_FULL
            13 => Some(CannotWrite::Full),
            // SQLITE_READONLY
            8 => Some(CannotWrite::ReadOnly),
            _ => None,
        },
    }
}

impl ServiceError {
    /// A stored `value` of `column` that does not parse.
    pub fn stored(column: &'static str, value: impl Into<String>) -> Self {
        Self::Stored {
            column,
            value: value.into(),
        }
    }

    /// See [`DomainError::prefixed`]; other errors pass through.
    pub fn prefixed(self, prefix: &str) -> Self {
        match self {
            Self::Domain(e) => Self::Domain(e.prefixed(prefix)),
            other => other,
        }
    }
}
