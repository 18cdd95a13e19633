//! Opening the database (SQLite by default, PostgreSQL when the URL says so) and
//! bringing its schema up to date.

use std::{path::Path, time::Duration};

use migrations::{Migrator, MigratorTrait};
use sea_orm::{
    sqlx::sqlite::{SqliteJournalMode, SqliteSynchronous},
    ConnectOptions, DatabaseConnection, DbErr,
};

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
}

/// A cheap-to-clone handle on the database.
#[derive(Debug, Clone)]
pub struct Database {
    pub conn: DatabaseConnection,
    pub engine: Engine,
}

/// The default database's file, in the data directory.
pub fn sqlite_file(data_dir: &Path) -> std::path::PathBuf {
    data_dir.join("paillasse.sqlite")
}

/// The default database: the SQLite file in the data directory, created if missing.
pub fn default_sqlite_url(data_dir: &Path) -> String {
    format!("sqlite://{}?mode=rwc", sqlite_file(data_dir).display())
}

/// Connects and runs pending migrations.
pub async fn connect(url: &str) -> Result<Database, DbErr> {
    let engine = if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        Engine::Postgres
    } else if url.starts_with("sqlite:") {
        Engine::Sqlite
    } else {
        return Err(DbErr::Custom(
            "the database URL must start with sqlite: or postgres://".into(),
        ));
    };
    let mut options = ConnectOptions::new(url);
    options
        .sqlx_logging(false)
        .acquire_timeout(Duration::from_secs(30));
    if engine == Engine::Sqlite {
        // WAL lets readers run beside the writer; synchronous=FULL makes an acknowledged
        // commit survive a power cut; the busy timeout lets writers queue instead of failing.
        // The driver hands rows from its SQLite thread through a bounded channel: with
        // the default 50 slots, a large read (a trace of 20,000 things) keeps stopping
        // that thread until the reader catches up; 1,024 lets it run ahead.
        options.max_connections(8).min_connections(1);
        options.map_sqlx_sqlite_opts(|o| {
            o.create_if_missing(true)
                .journal_mode(SqliteJournalMode::Wal)
                .synchronous(SqliteSynchronous::Full)
                .foreign_keys(true)
                .busy_timeout(Duration::from_secs(30))
                .row_buffer_size(1024)
        });
    } else {
        options.max_connections(16).min_connections(1);
    }
    let conn = sea_orm::Database::connect(options).await?;
    Migrator::up(&conn, None).await?;
    Ok(Database { conn, engine })
}
