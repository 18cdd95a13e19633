//! Opening the database (SQLite by default, PostgreSQL when the URL says so), checking
//! it can be trusted, and bringing its schema up to date — one instance at a time.

mod handle;
mod postgres;
mod sqlite;

use std::time::Duration;

use sea_orm::{ConnectOptions, DbErr};

pub use handle::{Database, Engine};
pub use sqlite::{default_sqlite_url, sqlite_file};

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
