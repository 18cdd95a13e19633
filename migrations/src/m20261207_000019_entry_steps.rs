//! The steps of a protocol an entry follows, ticked at the bench: one row per step done
//! (who, when). Unticking removes the row; the audit log keeps both.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum EntrySteps {
    Table,
    EntryId,
    ProtocolVersionId,
    /// The step's place in the version's list, from 0.
    Step,
    DoneBy,
    DoneAt,
}

#[derive(DeriveIden)]
enum Entries {
    Table,
    Id,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(EntrySteps::Table)
                    .col(uuid(EntrySteps::EntryId))
                    .col(uuid(EntrySteps::ProtocolVersionId))
                    .col(integer(EntrySteps::Step))
                    .col(uuid_null(EntrySteps::DoneBy))
                    .col(timestamp_with_time_zone(EntrySteps::DoneAt))
                    .primary_key(
                        Index::create()
                            .col(EntrySteps::EntryId)
                            .col(EntrySteps::ProtocolVersionId)
                            .col(EntrySteps::Step),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_entry_steps_entry")
                            .from(EntrySteps::Table, EntrySteps::EntryId)
                            .to(Entries::Table, Entries::Id),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(EntrySteps::Table).to_owned())
            .await
    }
}
