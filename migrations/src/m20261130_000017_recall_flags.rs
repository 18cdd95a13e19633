//! Recall flags: an entry downstream of a recalled lot, a contaminated sample or an
//! instrument's bad window is marked with the reason, by whom and when. Flags are added,
//! never changed (the audit log records each marking). Also the index that finds a
//! person's contributions for a forward trace.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum EntryFlags {
    Table,
    Id,
    EntryId,
    Reason,
    /// What the recall started from: `lot`, `sample` or `instrument`, and its id.
    SourceKind,
    SourceId,
    /// Instruments: the window that was affected.
    WindowFrom,
    WindowTo,
    CreatedBy,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Entries {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum People {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum EntryContributors {
    Table,
    PersonId,
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
                    .table(EntryFlags::Table)
                    .col(uuid(EntryFlags::Id).primary_key())
                    .col(uuid(EntryFlags::EntryId))
                    .col(text(EntryFlags::Reason))
                    .col(text(EntryFlags::SourceKind))
                    .col(uuid(EntryFlags::SourceId))
                    .col(timestamp_with_time_zone_null(EntryFlags::WindowFrom))
                    .col(timestamp_with_time_zone_null(EntryFlags::WindowTo))
                    .col(uuid_null(EntryFlags::CreatedBy))
                    .col(timestamp_with_time_zone(EntryFlags::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_entry_flags_entry")
                            .from(EntryFlags::Table, EntryFlags::EntryId)
                            .to(Entries::Table, Entries::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_entry_flags_created_by")
                            .from(EntryFlags::Table, EntryFlags::CreatedBy)
                            .to(People::Table, People::Id),
                    )
                    .to_owned(),
            )
            .await?;
        for (name, table, col) in [
            (
                "idx_entry_flags_entry",
                EntryFlags::Table.into_iden(),
                EntryFlags::EntryId.into_iden(),
            ),
            (
                "idx_entry_flags_source",
                EntryFlags::Table.into_iden(),
                EntryFlags::SourceId.into_iden(),
            ),
            (
                "idx_entry_contributors_person",
                EntryContributors::Table.into_iden(),
                EntryContributors::PersonId.into_iden(),
            ),
        ] {
            manager
                .create_index(Index::create().name(name).table(table).col(col).to_owned())
                .await?;
        }
        Ok(())
    }
}
