//! PostgreSQL: an unreachable server is said at once, naming the address and why (the
//! pool alone waits its whole acquire timeout, then says "pool timed out"); migrations
//! run under an advisory lock, so instances started together on an empty database
//! migrate once and the others wait.

use std::{str::FromStr, time::Duration};

use sea_orm::{
    sqlx::{self, postgres::PgConnectOptions, Connection as _},
    ConnectOptions, DbErr,
};

use super::handle::{migrate, Database, Engine};

/// How long a first connection may take before start-up gives up.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);

/// The advisory lock's key: any constant no other application on the server uses
/// ("Paillasse" in ASCII, truncated to 64 bits).
const MIGRATION_LOCK: i64 = 0x5061_696c_6c61_7373;

pub(super) async fn open(url: &str, mut options: ConnectOptions) -> Result<Database, DbErr> {
    let parsed = PgConnectOptions::from_str(url).map_err(|e| DbErr::Custom(e.to_string()))?;
    let address = format!("{}:{}", parsed.get_host(), parsed.get_port());
    let unreachable = |why: String| {
        DbErr::Custom(format!(
            "cannot connect to PostgreSQL at {address} (database {}): {why}",
            parsed.get_database().unwrap_or("default")
        ))
    };
    // One connection of our own: it proves the server answers, and it holds the
    // migration lock (advisory locks belong to a session).
    let mut lock = match tokio::time::timeout(
        CONNECT_TIMEOUT,
        sqlx::PgConnection::connect_with(&parsed),
    )
    .await
    {
        Ok(Ok(conn)) => conn,
        Ok(Err(e)) => return Err(unreachable(e.to_string())),
        Err(_) => {
            return Err(unreachable(format!(
                "no answer within {} s",
                CONNECT_TIMEOUT.as_secs()
            )))
        }
    };
    sqlx::query("SELECT pg_advisory_lock($1)")
        .bind(MIGRATION_LOCK)
        .execute(&mut lock)
        .await
        .map_err(|e| DbErr::Custom(format!("cannot lock the database for migrations: {e}")))?;
    options.max_connections(16).min_connections(1);
    let migrated = async {
        let conn = sea_orm::Database::connect(options).await?;
        migrate(&conn).await?;
        Ok::<_, DbErr>(conn)
    }
    .await;
    // Closing the session releases the lock, also when migrating failed.
    let _ = lock.close().await;
    Ok(Database {
        conn: migrated?,
        engine: Engine::Postgres,
        damaged: None,
    })
}
