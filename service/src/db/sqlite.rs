//! The embedded default. Three things the driver does not do for us:
//! - a pooled connection that comes back still inside a transaction is closed, never
//!   reused. On a full disk SQLite rolls a transaction back by itself; the driver's
//!   ROLLBACK then fails and it keeps counting one transaction too many, so the next
//!   "transaction" on that connection is only a savepoint inside a transaction that is
//!   never committed — writes answered 201 and lost (seen: 29 of 386 in one run).
//!   Closing the connection rolls back whatever it held and frees the write lock.
//! - migrations run under a file lock, so instances started together migrate once;
//! - `PRAGMA quick_check` at start: a damaged file is opened read-only (writes answer
//!   503 saying so) instead of serving as if nothing were wrong.

use std::{
    path::{Path, PathBuf},
    str::FromStr,
    time::Duration,
};

use sea_orm::{
    sqlx::{
        self,
        sqlite::{SqliteConnectOptions, SqliteJournalMode, SqliteSynchronous},
        Connection as _,
    },
    ConnectOptions, DbErr,
};

use super::handle::{migrate, Database, Engine};

/// The default database's file, in the data directory.
pub fn sqlite_file(data_dir: &Path) -> PathBuf {
    data_dir.join("paillasse.sqlite")
}

/// The default database: the SQLite file in the data directory, created if missing.
pub fn default_sqlite_url(data_dir: &Path) -> String {
    format!("sqlite://{}?mode=rwc", sqlite_file(data_dir).display())
}

pub(super) async fn open(url: &str, mut options: ConnectOptions) -> Result<Database, DbErr> {
    let parsed = SqliteConnectOptions::from_str(url).map_err(|e| DbErr::Custom(e.to_string()))?;
    let file = parsed.get_filename().to_owned();
    let _lock = MigrationLock::take(&file).await?;
    let damaged = quick_check(parsed).await?;
    if let Some(found) = &damaged {
        tracing::error!(
            file = %file.display(),
            %found,
            "the database file is damaged: it is open read-only and every write is refused. \
             Restore the latest backup (paillasse restore), or recover it with \
             `sqlite3 {} .recover`, then restart",
            file.display()
        );
    }
    let read_only = damaged.is_some();
    // The driver hands rows from its SQLite thread through a bounded channel: with the
    // default 50 slots, a large read (a trace of 20,000 things) keeps stopping that
    // thread until the reader catches up; 1,024 lets it run ahead.
    options.max_connections(8).min_connections(1);
    options.map_sqlx_sqlite_opts(move |o| {
        // WAL lets readers run beside the writer; synchronous=FULL makes an acknowledged
        // commit survive a power cut; the busy timeout lets writers queue instead of
        // failing.
        let o = o
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Full)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(30))
            .row_buffer_size(1024);
        if read_only {
            o.pragma("query_only", "ON")
        } else {
            o
        }
    });
    options.map_sqlx_sqlite_pool_opts(|pool| {
        pool.after_release(|conn, _| Box::pin(async move { Ok(outside_transaction(conn).await) }))
    });
    let conn = sea_orm::Database::connect(options).await?;
    if !read_only {
        migrate(&conn).await?;
    }
    Ok(Database {
        conn,
        engine: Engine::Sqlite,
        damaged,
    })
}

/// Whether a connection coming back to the pool is really outside any transaction, by
/// the driver's count and by SQLite's own autocommit flag. Any doubt closes it.
async fn outside_transaction(conn: &mut sqlx::SqliteConnection) -> bool {
    let counted = conn.is_in_transaction();
    let autocommit = match conn.lock_handle().await {
        // SAFETY: the handle is locked for us (the driver's worker waits meanwhile), and
        // sqlite3_get_autocommit only reads a flag of the open connection.
        Ok(mut handle) => unsafe {
            libsqlite3_sys::sqlite3_get_autocommit(handle.as_raw_handle().as_ptr()) != 0
        },
        Err(_) => false,
    };
    if counted || !autocommit {
        tracing::warn!(
            counted,
            autocommit,
            "a database connection came back inside a transaction (after a failed commit \
             or rollback): closing it"
        );
        return false;
    }
    true
}

/// `PRAGMA quick_check` on its own connection: `None` when the file is sound, or what
/// SQLite found wrong. A file that SQLite cannot read at all is an error: nothing can
/// be served from it.
async fn quick_check(options: SqliteConnectOptions) -> Result<Option<String>, DbErr> {
    let file = options.get_filename().display().to_string();
    let mut conn = sqlx::SqliteConnection::connect_with(&options.create_if_missing(true))
        .await
        .map_err(|e| DbErr::Custom(format!("cannot open the database file {file}: {e}")))?;
    // SQLite opens a file it may not write read-only without a word; every write would
    // then fail. Say so at start instead.
    let read_only = match conn.lock_handle().await {
        // SAFETY: as in `outside_transaction`; sqlite3_db_readonly only reads a flag.
        Ok(mut handle) => unsafe {
            libsqlite3_sys::sqlite3_db_readonly(handle.as_raw_handle().as_ptr(), c"main".as_ptr())
                == 1
        },
        Err(e) => {
            return Err(DbErr::Custom(format!(
                "cannot open the database file {file}: {e}"
            )))
        }
    };
    if read_only {
        return Err(DbErr::Custom(format!(
            "the database file {file} cannot be written (a read-only file or file system): \
             give the server write access to it and to its directory"
        )));
    }
    let found = match sqlx::query_scalar::<_, String>("PRAGMA quick_check")
        .fetch_all(&mut conn)
        .await
    {
        Ok(lines) if lines == ["ok"] => None,
        Ok(lines) => Some(lines.join("; ")),
        Err(sqlx::Error::Database(e)) if is_corrupt(e.code().as_deref()) => Some(e.to_string()),
        Err(e) => {
            return Err(DbErr::Custom(format!(
                "cannot check the database file {file}: {e}"
            )))
        }
    };
    let _ = conn.close().await;
    Ok(found)
}

/// SQLITE_CORRUPT and SQLITE_NOTADB, with their extended codes.
fn is_corrupt(code: Option<&str>) -> bool {
    matches!(
        code.and_then(|c| c.parse::<i32>().ok()).map(|c| c & 0xff),
        Some(11 | 26)
    )
}

/// An exclusive lock on `{file}.lock`, held while migrations run; other instances
/// starting on the same file wait for it. Released when dropped.
struct MigrationLock(Option<std::fs::File>);

impl MigrationLock {
    async fn take(file: &Path) -> Result<Self, DbErr> {
        if file.as_os_str() == ":memory:" {
            return Ok(Self(None));
        }
        let mut name = file.as_os_str().to_owned();
        name.push(".lock");
        let path = PathBuf::from(name);
        tokio::task::spawn_blocking(move || {
            let lock = std::fs::OpenOptions::new()
                .create(true)
                .truncate(false)
                .write(true)
                .open(&path)?;
            lock.lock()?;
            Ok::<_, std::io::Error>(lock)
        })
        .await
        .map_err(|e| DbErr::Custom(e.to_string()))?
        .map(|f| Self(Some(f)))
        .map_err(|e| DbErr::Custom(format!("cannot lock the database for migrations: {e}")))
    }
}

impl Drop for MigrationLock {
    fn drop(&mut self) {
        if let Some(f) = &self.0 {
            let _ = f.unlock();
        }
    }
}
