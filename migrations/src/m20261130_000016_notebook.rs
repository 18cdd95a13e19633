//! The notebook: notebooks (a person's, per project), entries numbered in their notebook,
//! every saved revision of an entry with its SHA-256, contributors, comments, versioned
//! protocols, and the usages that tie an entry to the lots it consumed, the samples it
//! used and made, the instruments it ran on and the protocol version it followed. A lot's
//! movement records the entry that caused it.

use sea_orm_migration::{prelude::*, schema::*, sea_orm::DbBackend};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Notebooks {
    Table,
    Id,
    TeamId,
    CreatedBy,
    Name,
    Project,
    /// The number the next entry gets: numbers are never reused.
    NextNumber,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Entries {
    Table,
    Id,
    NotebookId,
    Number,
    TeamId,
    AuthorId,
    Title,
    Body,
    /// Tags, lower case, separated by commas.
    Tags,
    EntryDate,
    Status,
    /// The number of the current revision.
    Revision,
    ContentSha256,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum EntryRevisions {
    Table,
    Id,
    EntryId,
    Revision,
    Title,
    Body,
    Tags,
    EntryDate,
    Sha256,
    SavedBy,
    SavedAt,
}

#[derive(DeriveIden)]
enum EntryContributors {
    Table,
    EntryId,
    PersonId,
    Role,
}

#[derive(DeriveIden)]
enum EntryComments {
    Table,
    Id,
    EntryId,
    AuthorId,
    Body,
    CreatedAt,
}

#[derive(DeriveIden)]
enum EntryUsages {
    Table,
    Id,
    EntryId,
    /// lot, sample_input, sample_output, instrument, protocol.
    Kind,
    LotId,
    ProtocolVersionId,
    /// The ledger line a lot usage wrote (reversed when the usage is removed).
    MovementId,
    SampleId,
    InstrumentId,
    StartedAt,
    EndedAt,
    /// Why the usage deserves a second look (a lapsed calibration…), as recorded then.
    Warning,
    CreatedBy,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Protocols {
    Table,
    Id,
    TeamId,
    CreatedBy,
    Name,
    CreatedAt,
}

/// A protocol's text and steps as of one version; `frozen` once an entry followed it.
#[derive(DeriveIden)]
enum ProtocolVersions {
    Table,
    Id,
    ProtocolId,
    Version,
    Body,
    /// JSON array of the steps, in order.
    Steps,
    Frozen,
    CreatedBy,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Movements {
    Table,
    Id,
    EntryId,
}

#[derive(DeriveIden)]
enum Teams {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum People {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Lots {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Samples {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Instruments {
    Table,
    Id,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let fk = |name: &str, from: (DynIden, DynIden), to: (DynIden, DynIden)| {
            ForeignKey::create()
                .name(name)
                .from(from.0, from.1)
                .to(to.0, to.1)
                .to_owned()
        };
        manager
            .create_table(
                Table::create()
                    .table(Notebooks::Table)
                    .col(uuid(Notebooks::Id).primary_key())
                    .col(uuid(Notebooks::TeamId))
                    .col(uuid_null(Notebooks::CreatedBy))
                    .col(text(Notebooks::Name))
                    .col(text_null(Notebooks::Project))
                    .col(integer(Notebooks::NextNumber).default(1))
                    .col(timestamp_with_time_zone(Notebooks::CreatedAt))
                    .foreign_key(&mut fk(
                        "fk_notebooks_team",
                        (Notebooks::Table.into_iden(), Notebooks::TeamId.into_iden()),
                        (Teams::Table.into_iden(), Teams::Id.into_iden()),
                    ))
                    .foreign_key(&mut fk(
                        "fk_notebooks_created_by",
                        (
                            Notebooks::Table.into_iden(),
                            Notebooks::CreatedBy.into_iden(),
                        ),
                        (People::Table.into_iden(), People::Id.into_iden()),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Protocols::Table)
                    .col(uuid(Protocols::Id).primary_key())
                    .col(uuid(Protocols::TeamId))
                    .col(uuid_null(Protocols::CreatedBy))
                    .col(text(Protocols::Name))
                    .col(timestamp_with_time_zone(Protocols::CreatedAt))
                    .foreign_key(&mut fk(
                        "fk_protocols_team",
                        (Protocols::Table.into_iden(), Protocols::TeamId.into_iden()),
                        (Teams::Table.into_iden(), Teams::Id.into_iden()),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ProtocolVersions::Table)
                    .col(uuid(ProtocolVersions::Id).primary_key())
                    .col(uuid(ProtocolVersions::ProtocolId))
                    .col(integer(ProtocolVersions::Version))
                    .col(text(ProtocolVersions::Body))
                    .col(text(ProtocolVersions::Steps))
                    .col(boolean(ProtocolVersions::Frozen).default(false))
                    .col(uuid_null(ProtocolVersions::CreatedBy))
                    .col(timestamp_with_time_zone(ProtocolVersions::CreatedAt))
                    .foreign_key(&mut fk(
                        "fk_protocol_versions_protocol",
                        (
                            ProtocolVersions::Table.into_iden(),
                            ProtocolVersions::ProtocolId.into_iden(),
                        ),
                        (Protocols::Table.into_iden(), Protocols::Id.into_iden()),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Entries::Table)
                    .col(uuid(Entries::Id).primary_key())
                    .col(uuid(Entries::NotebookId))
                    .col(integer(Entries::Number))
                    .col(uuid(Entries::TeamId))
                    .col(uuid_null(Entries::AuthorId))
                    .col(text(Entries::Title))
                    .col(text(Entries::Body))
                    .col(text(Entries::Tags))
                    .col(date(Entries::EntryDate))
                    .col(text(Entries::Status))
                    .col(integer(Entries::Revision))
                    .col(text(Entries::ContentSha256))
                    .col(timestamp_with_time_zone(Entries::CreatedAt))
                    .col(timestamp_with_time_zone(Entries::UpdatedAt))
                    .foreign_key(&mut fk(
                        "fk_entries_notebook",
                        (Entries::Table.into_iden(), Entries::NotebookId.into_iden()),
                        (Notebooks::Table.into_iden(), Notebooks::Id.into_iden()),
                    ))
                    .foreign_key(&mut fk(
                        "fk_entries_team",
                        (Entries::Table.into_iden(), Entries::TeamId.into_iden()),
                        (Teams::Table.into_iden(), Teams::Id.into_iden()),
                    ))
                    .foreign_key(&mut fk(
                        "fk_entries_author",
                        (Entries::Table.into_iden(), Entries::AuthorId.into_iden()),
                        (People::Table.into_iden(), People::Id.into_iden()),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(EntryRevisions::Table)
                    .col(uuid(EntryRevisions::Id).primary_key())
                    .col(uuid(EntryRevisions::EntryId))
                    .col(integer(EntryRevisions::Revision))
                    .col(text(EntryRevisions::Title))
                    .col(text(EntryRevisions::Body))
                    .col(text(EntryRevisions::Tags))
                    .col(date(EntryRevisions::EntryDate))
                    .col(text(EntryRevisions::Sha256))
                    .col(uuid_null(EntryRevisions::SavedBy))
                    .col(timestamp_with_time_zone(EntryRevisions::SavedAt))
                    .foreign_key(&mut fk(
                        "fk_entry_revisions_entry",
                        (
                            EntryRevisions::Table.into_iden(),
                            EntryRevisions::EntryId.into_iden(),
                        ),
                        (Entries::Table.into_iden(), Entries::Id.into_iden()),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(EntryContributors::Table)
                    .col(uuid(EntryContributors::EntryId))
                    .col(uuid(EntryContributors::PersonId))
                    .col(text(EntryContributors::Role))
                    .primary_key(
                        Index::create()
                            .col(EntryContributors::EntryId)
                            .col(EntryContributors::PersonId)
                            .col(EntryContributors::Role),
                    )
                    .foreign_key(&mut fk(
                        "fk_entry_contributors_entry",
                        (
                            EntryContributors::Table.into_iden(),
                            EntryContributors::EntryId.into_iden(),
                        ),
                        (Entries::Table.into_iden(), Entries::Id.into_iden()),
                    ))
                    .foreign_key(&mut fk(
                        "fk_entry_contributors_person",
                        (
                            EntryContributors::Table.into_iden(),
                            EntryContributors::PersonId.into_iden(),
                        ),
                        (People::Table.into_iden(), People::Id.into_iden()),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(EntryComments::Table)
                    .col(uuid(EntryComments::Id).primary_key())
                    .col(uuid(EntryComments::EntryId))
                    .col(uuid_null(EntryComments::AuthorId))
                    .col(text(EntryComments::Body))
                    .col(timestamp_with_time_zone(EntryComments::CreatedAt))
                    .foreign_key(&mut fk(
                        "fk_entry_comments_entry",
                        (
                            EntryComments::Table.into_iden(),
                            EntryComments::EntryId.into_iden(),
                        ),
                        (Entries::Table.into_iden(), Entries::Id.into_iden()),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(EntryUsages::Table)
                    .col(uuid(EntryUsages::Id).primary_key())
                    .col(uuid(EntryUsages::EntryId))
                    .col(text(EntryUsages::Kind))
                    .col(uuid_null(EntryUsages::LotId))
                    .col(uuid_null(EntryUsages::ProtocolVersionId))
                    .col(uuid_null(EntryUsages::MovementId))
                    .col(uuid_null(EntryUsages::SampleId))
                    .col(uuid_null(EntryUsages::InstrumentId))
                    .col(timestamp_with_time_zone_null(EntryUsages::StartedAt))
                    .col(timestamp_with_time_zone_null(EntryUsages::EndedAt))
                    .col(text_null(EntryUsages::Warning))
                    .col(uuid_null(EntryUsages::CreatedBy))
                    .col(timestamp_with_time_zone(EntryUsages::CreatedAt))
                    .foreign_key(&mut fk(
                        "fk_entry_usages_entry",
                        (
                            EntryUsages::Table.into_iden(),
                            EntryUsages::EntryId.into_iden(),
                        ),
                        (Entries::Table.into_iden(), Entries::Id.into_iden()),
                    ))
                    .foreign_key(&mut fk(
                        "fk_entry_usages_lot",
                        (
                            EntryUsages::Table.into_iden(),
                            EntryUsages::LotId.into_iden(),
                        ),
                        (Lots::Table.into_iden(), Lots::Id.into_iden()),
                    ))
                    .foreign_key(&mut fk(
                        "fk_entry_usages_movement",
                        (
                            EntryUsages::Table.into_iden(),
                            EntryUsages::MovementId.into_iden(),
                        ),
                        (Movements::Table.into_iden(), Movements::Id.into_iden()),
                    ))
                    .foreign_key(&mut fk(
                        "fk_entry_usages_sample",
                        (
                            EntryUsages::Table.into_iden(),
                            EntryUsages::SampleId.into_iden(),
                        ),
                        (Samples::Table.into_iden(), Samples::Id.into_iden()),
                    ))
                    .foreign_key(&mut fk(
                        "fk_entry_usages_protocol_version",
                        (
                            EntryUsages::Table.into_iden(),
                            EntryUsages::ProtocolVersionId.into_iden(),
                        ),
                        (
                            ProtocolVersions::Table.into_iden(),
                            ProtocolVersions::Id.into_iden(),
                        ),
                    ))
                    .foreign_key(&mut fk(
                        "fk_entry_usages_instrument",
                        (
                            EntryUsages::Table.into_iden(),
                            EntryUsages::InstrumentId.into_iden(),
                        ),
                        (Instruments::Table.into_iden(), Instruments::Id.into_iden()),
                    ))
                    // Exactly the columns of its kind.
                    .check(Expr::cust(
                        "(kind = 'lot' AND lot_id IS NOT NULL AND movement_id IS NOT NULL) \
                         OR (kind IN ('sample_input', 'sample_output') AND sample_id IS NOT NULL) \
                         OR (kind = 'instrument' AND instrument_id IS NOT NULL \
                             AND started_at IS NOT NULL AND ended_at IS NOT NULL \
                             AND ended_at >= started_at) \
                         OR (kind = 'protocol' AND protocol_version_id IS NOT NULL)",
                    ))
                    .to_owned(),
            )
            .await?;
        let indexes: [(&str, DynIden, Vec<DynIden>, bool); 10] = [
            (
                "idx_protocol_versions_version",
                ProtocolVersions::Table.into_iden(),
                vec![
                    ProtocolVersions::ProtocolId.into_iden(),
                    ProtocolVersions::Version.into_iden(),
                ],
                true,
            ),
            (
                "idx_entry_usages_protocol",
                EntryUsages::Table.into_iden(),
                vec![EntryUsages::ProtocolVersionId.into_iden()],
                false,
            ),
            (
                "idx_entries_number",
                Entries::Table.into_iden(),
                vec![Entries::NotebookId.into_iden(), Entries::Number.into_iden()],
                true,
            ),
            (
                "idx_entries_author",
                Entries::Table.into_iden(),
                vec![Entries::AuthorId.into_iden()],
                false,
            ),
            (
                "idx_entry_revisions_entry",
                EntryRevisions::Table.into_iden(),
                vec![
                    EntryRevisions::EntryId.into_iden(),
                    EntryRevisions::Revision.into_iden(),
                ],
                true,
            ),
            (
                "idx_entry_comments_entry",
                EntryComments::Table.into_iden(),
                vec![EntryComments::EntryId.into_iden()],
                false,
            ),
            (
                "idx_entry_usages_entry",
                EntryUsages::Table.into_iden(),
                vec![EntryUsages::EntryId.into_iden()],
                false,
            ),
            (
                "idx_entry_usages_lot",
                EntryUsages::Table.into_iden(),
                vec![EntryUsages::LotId.into_iden()],
                false,
            ),
            (
                "idx_entry_usages_sample",
                EntryUsages::Table.into_iden(),
                vec![EntryUsages::SampleId.into_iden()],
                false,
            ),
            (
                "idx_entry_usages_instrument",
                EntryUsages::Table.into_iden(),
                vec![
                    EntryUsages::InstrumentId.into_iden(),
                    EntryUsages::StartedAt.into_iden(),
                ],
                false,
            ),
        ];
        for (name, table, cols, unique) in indexes {
            let mut index = Index::create().name(name).table(table).to_owned();
            for col in cols {
                index.col(col);
            }
            if unique {
                index.unique();
            }
            manager.create_index(index).await?;
        }
        manager
            .alter_table(
                Table::alter()
                    .table(Movements::Table)
                    .add_column(uuid_null(Movements::EntryId))
                    .to_owned(),
            )
            .await?;
        let db = manager.get_connection();
        match manager.get_database_backend() {
            DbBackend::Sqlite => {
                for sql in [
                    "CREATE VIRTUAL TABLE entries_fts USING fts5(title, body, tags, \
                     content='entries', tokenize=\"unicode61 remove_diacritics 2\")",
                    "CREATE TRIGGER entries_fts_insert AFTER INSERT ON entries BEGIN \
                       INSERT INTO entries_fts(rowid, title, body, tags) \
                       VALUES (new.rowid, new.title, new.body, new.tags); END",
                    "CREATE TRIGGER entries_fts_delete AFTER DELETE ON entries BEGIN \
                       INSERT INTO entries_fts(entries_fts, rowid, title, body, tags) \
                       VALUES ('delete', old.rowid, old.title, old.body, old.tags); END",
                    "CREATE TRIGGER entries_fts_update AFTER UPDATE OF title, body, tags \
                     ON entries BEGIN \
                       INSERT INTO entries_fts(entries_fts, rowid, title, body, tags) \
                       VALUES ('delete', old.rowid, old.title, old.body, old.tags); \
                       INSERT INTO entries_fts(rowid, title, body, tags) \
                       VALUES (new.rowid, new.title, new.body, new.tags); END",
                    // Comments are never edited nor deleted: inserts are all there is.
                    "CREATE VIRTUAL TABLE entry_comments_fts USING fts5(body, \
                     content='entry_comments', tokenize=\"unicode61 remove_diacritics 2\")",
                    "CREATE TRIGGER entry_comments_fts_insert AFTER INSERT ON entry_comments \
                     BEGIN INSERT INTO entry_comments_fts(rowid, body) \
                     VALUES (new.rowid, new.body); END",
                ] {
                    db.execute_unprepared(sql).await?;
                }
            }
            _ => {
                manager
                    .create_foreign_key(
                        ForeignKey::create()
                            .name("fk_movements_entry")
                            .from(Movements::Table, Movements::EntryId)
                            .to(Entries::Table, Entries::Id)
                            .to_owned(),
                    )
                    .await?;
                // The expression is repeated in `service::fulltext`.
                db.execute_unprepared(
                    "CREATE INDEX idx_entries_fts ON entries USING gin (to_tsvector('simple', \
                     coalesce(title, '') || ' ' || coalesce(body, '') || ' ' || coalesce(tags, '')))",
                )
                .await?;
                db.execute_unprepared(
                    "CREATE INDEX idx_entry_comments_fts ON entry_comments \
                     USING gin (to_tsvector('simple', body))",
                )
                .await?;
            }
        }
        Ok(())
    }
}
