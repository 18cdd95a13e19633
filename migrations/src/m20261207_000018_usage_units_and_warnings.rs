//! A lot's usage keeps the unit the person gave (so the next use of the same product
//! offers it, visibly, instead of a placeholder), and every usage keeps the warnings
//! shown at the bench as codes with their values (`[{"code","args"}]`, JSON), so each
//! reader sees them in their own language.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum EntryUsages {
    Table,
    Unit,
    Warnings,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // SQLite adds one column per ALTER TABLE.
        manager
            .alter_table(
                Table::alter()
                    .table(EntryUsages::Table)
                    .add_column(text_null(EntryUsages::Unit))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(EntryUsages::Table)
                    .add_column(text_null(EntryUsages::Warnings))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for column in [EntryUsages::Warnings, EntryUsages::Unit] {
            manager
                .alter_table(
                    Table::alter()
                        .table(EntryUsages::Table)
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}
