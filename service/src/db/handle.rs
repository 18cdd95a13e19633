//! The handle every layer holds on the database, the engine behind it, and bringing the
//! schema up to date.

use migrations::{Migrator, MigratorTrait};
use sea_orm::{DatabaseConnection, DbErr};

/// Which engine a connection talks to, as reported by `/healthz`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Engine {
    Sqlite,
    Postgres,
}

impl Engine {
    pub fn name(self) -> &'static str {
        match self {
            Self::Sqlite => "sqlite",
            Self::Postgres => "postgres",
        }
    }

    pub(super) fn of(url: &str) -> Result<Self, DbErr> {
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Ok(Engine::Postgres)
        } else if url.starts_with("sqlite:") {
            Ok(Engine::Sqlite)
        } else {
            Err(DbErr::Custom(
                "the database URL must start with sqlite: or postgres://".into(),
            ))
        }
    }
}

/// A cheap-to-clone handle on the database.
#[derive(Debug, Clone)]
pub struct Database {
    pub conn: DatabaseConnection,
    pub engine: Engine,
    /// Set when the start-up check found the SQLite file damaged: it is then open
    /// read-only, and this says what was found.
    pub damaged: Option<String>,
}

pub(super) async fn migrate(conn: &DatabaseConnection) -> Result<(), DbErr> {
    Migrator::up(conn, None).await
}
