//! One search box across every kind of thing: product, instrument and location names get
//! the same full-text index as sample names (migration 13) — FTS5 external-content tables
//! kept in step by triggers on SQLite, GIN over `to_tsvector('simple', …)` on PostgreSQL.
//! Plus the indexes that keep the lists' sort orders (name, expiry) fast at a million rows.
//!
//! The PostgreSQL document expressions are repeated in `service::fulltext`: a query uses
//! the index only when its expression is the index's, character for character.

use sea_orm_migration::{prelude::*, sea_orm::DbBackend};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// The tables and the text columns their search box reads.
const INDEXED: [(&str, &[&str]); 3] = [
    ("products", &["name", "supplier"]),
    ("instruments", &["name", "model"]),
    ("locations", &["name"]),
];

/// Sort orders offered by the lists (`sort=name`, `sort=expiry`), each with the id that
/// breaks ties (the cursor seeks past the last row's key and id). Lots without an expiry
/// date come last, hence the `IS NULL` key first.
const SORT_INDEXES: [(&str, &str); 5] = [
    ("products_name", "products (name, id)"),
    ("samples_name", "samples (name, id)"),
    ("instruments_name", "instruments (name, id)"),
    ("locations_name", "locations (name, id)"),
    ("lots_expiry", "lots ((expires_on IS NULL), expires_on, id)"),
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        for (name, on) in SORT_INDEXES {
            db.execute_unprepared(&format!("CREATE INDEX idx_{name}_sort ON {on}"))
                .await?;
        }
        for (table, columns) in INDEXED {
            match manager.get_database_backend() {
                DbBackend::Sqlite => {
                    for sql in sqlite_fts(table, columns) {
                        db.execute_unprepared(&sql).await?;
                    }
                }
                _ => {
                    let document = columns
                        .iter()
                        .map(|c| format!("coalesce({c}, '')"))
                        .collect::<Vec<_>>()
                        .join(" || ' ' || ");
                    db.execute_unprepared(&format!(
                        "CREATE INDEX idx_{table}_fts ON {table} \
                         USING gin (to_tsvector('simple', {document}))"
                    ))
                    .await?;
                }
            }
        }
        Ok(())
    }
}

/// An FTS5 table over `table`'s columns, filled from what is there and kept in step.
fn sqlite_fts(table: &str, columns: &[&str]) -> Vec<String> {
    let cols = columns.join(", ");
    let new = columns
        .iter()
        .map(|c| format!("new.{c}"))
        .collect::<Vec<_>>()
        .join(", ");
    let old = columns
        .iter()
        .map(|c| format!("old.{c}"))
        .collect::<Vec<_>>()
        .join(", ");
    vec![
        format!(
            "CREATE VIRTUAL TABLE {table}_fts USING fts5({cols}, content='{table}', \
             tokenize=\"unicode61 remove_diacritics 2\")"
        ),
        format!("INSERT INTO {table}_fts({table}_fts) VALUES ('rebuild')"),
        format!(
            "CREATE TRIGGER {table}_fts_insert AFTER INSERT ON {table} BEGIN \
             INSERT INTO {table}_fts(rowid, {cols}) VALUES (new.rowid, {new}); END"
        ),
        format!(
            "CREATE TRIGGER {table}_fts_delete AFTER DELETE ON {table} BEGIN \
             INSERT INTO {table}_fts({table}_fts, rowid, {cols}) \
             VALUES ('delete', old.rowid, {old}); END"
        ),
        format!(
            "CREATE TRIGGER {table}_fts_update AFTER UPDATE OF {cols} ON {table} BEGIN \
             INSERT INTO {table}_fts({table}_fts, rowid, {cols}) \
             VALUES ('delete', old.rowid, {old}); \
             INSERT INTO {table}_fts(rowid, {cols}) VALUES (new.rowid, {new}); END"
        ),
    ]
}
