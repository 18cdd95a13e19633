//! Opening the database (SQLite by default, PostgreSQL when the URL says so), checking
//! it can be trusted, and bringing its schema up to date — one instance at a time.

mod postgres;
mod sqlite;

use std::time::Duration;

use migrations::{Migrator, MigratorTrait};
use sea_orm::{ConnectOptions, DatabaseConnection, DbErr};

pub use sqlite::{default_sqlite_url, sqlite_file};

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

    fn of(url: &str) -> Result<Self, DbErr> {
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

/// Connects, checks the database, and runs pending migrations under a lock, so that
/// several instances started together migrate once and the others wait.
pub async fn connect(url: &str) -> Result<Database, DbErr> {
    let engine = Engine::of(url)?;
    let mut options = ConnectOptions::new(url);
    options
        .sqlx_logging(false)
        .acquire_timeout(Duration::from_secs(30));
    match engine {
        Engine::Sqlite => sqlite::open(url, options).await,
        Engine::Postgres => postgres::open(url, options).await,
    }
}

async fn migrate(conn: &DatabaseConnection) -> Result<(), DbErr> {
    Migrator::up(conn, None).await
}
