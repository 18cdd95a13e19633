//! Attachments: files kept content-addressed in the data directory (`attachments/ab/cdef…`
//! by SHA-256), each upload a row naming the file, its type and the thing it belongs to
//! (whoever may read the thing may read its files). A product points at its safety data
//! sheet, a calibration record at its certificate.

use sea_orm_migration::{prelude::*, schema::*, sea_orm::DbBackend};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Attachments {
    Table,
    Id,
    /// The thing it belongs to: `product`, `instrument`, later `entry`.
    OwnerKind,
    OwnerId,
    TeamId,
    CreatedBy,
    /// Hex SHA-256 of the content: the file's name in the store.
    Sha256,
    Size,
    ContentType,
    Filename,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Products {
    Table,
    SdsAttachmentId,
}

#[derive(DeriveIden)]
enum InstrumentRecords {
    Table,
    CertificateAttachmentId,
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

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Attachments::Table)
                    .col(uuid(Attachments::Id).primary_key())
                    .col(text(Attachments::OwnerKind))
                    .col(uuid(Attachments::OwnerId))
                    .col(uuid(Attachments::TeamId))
                    .col(uuid_null(Attachments::CreatedBy))
                    .col(text(Attachments::Sha256))
                    .col(big_integer(Attachments::Size))
                    .col(text(Attachments::ContentType))
                    .col(text(Attachments::Filename))
                    .col(timestamp_with_time_zone(Attachments::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_attachments_team")
                            .from(Attachments::Table, Attachments::TeamId)
                            .to(Teams::Table, Teams::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_attachments_created_by")
                            .from(Attachments::Table, Attachments::CreatedBy)
                            .to(People::Table, People::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_attachments_sha256")
                    .table(Attachments::Table)
                    .col(Attachments::Sha256)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_attachments_owner")
                    .table(Attachments::Table)
                    .col(Attachments::OwnerKind)
                    .col(Attachments::OwnerId)
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Products::Table)
                    .add_column(uuid_null(Products::SdsAttachmentId))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(InstrumentRecords::Table)
                    .add_column(uuid_null(InstrumentRecords::CertificateAttachmentId))
                    .to_owned(),
            )
            .await?;
        // SQLite cannot add a foreign key to an existing table; there the service checks
        // that a linked attachment exists (and attachments are never deleted).
        if manager.get_database_backend() == DbBackend::Postgres {
            for (name, table, column) in [
                (
                    "fk_products_sds",
                    Products::Table.into_iden(),
                    Products::SdsAttachmentId.into_iden(),
                ),
                (
                    "fk_instrument_records_certificate",
                    InstrumentRecords::Table.into_iden(),
                    InstrumentRecords::CertificateAttachmentId.into_iden(),
                ),
            ] {
                manager
                    .create_foreign_key(
                        ForeignKey::create()
                            .name(name)
                            .from(table, column)
                            .to(Attachments::Table, Attachments::Id)
                            .to_owned(),
                    )
                    .await?;
            }
        }
        Ok(())
    }
}
