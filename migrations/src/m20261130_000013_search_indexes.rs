//! Search that stays fast on a million rows: supplier lot numbers are indexed (a lot is
//! found by its code or its supplier's number), and sample names get a full-text index —
//! FTS5 on SQLite (an external-content table kept in step by triggers), a GIN index over
//! `to_tsvector('simple', name)` on PostgreSQL.

use sea_orm_migration::{prelude::*, sea_orm::DbBackend};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Lots {
    Table,
    SupplierLot,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_index(
                Index::create()
                    .name("idx_lots_supplier_lot")
                    .table(Lots::Table)
                    .col(Lots::SupplierLot)
                    .to_owned(),
            )
            .await?;
        let db = manager.get_connection();
        match manager.get_database_backend() {
            DbBackend::Sqlite => {
                for sql in [
                    "CREATE VIRTUAL TABLE samples_fts USING fts5(name, content='samples', \
                     tokenize=\"unicode61 remove_diacritics 2\")",
                    "INSERT INTO samples_fts(samples_fts) VALUES ('rebuild')",
                    "CREATE TRIGGER samples_fts_insert AFTER INSERT ON samples BEGIN \
                       INSERT INTO samples_fts(rowid, name) VALUES (new.rowid, new.name); END",
                    "CREATE TRIGGER samples_fts_delete AFTER DELETE ON samples BEGIN \
                       INSERT INTO samples_fts(samples_fts, rowid, name) \
                       VALUES ('delete', old.rowid, old.name); END",
                    "CREATE TRIGGER samples_fts_update AFTER UPDATE OF name ON samples BEGIN \
                       INSERT INTO samples_fts(samples_fts, rowid, name) \
                       VALUES ('delete', old.rowid, old.name); \
                       INSERT INTO samples_fts(rowid, name) VALUES (new.rowid, new.name); END",
                ] {
                    db.execute_unprepared(sql).await?;
                }
            }
            _ => {
                db.execute_unprepared(
                    "CREATE INDEX idx_samples_name_fts ON samples \
                     USING gin (to_tsvector('simple', name))",
                )
                .await?;
            }
        }
        Ok(())
    }
}
