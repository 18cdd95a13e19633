//! Instruments and their calibration and maintenance records.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Instruments {
    Table,
    Id,
    TeamId,
    CreatedBy,
    LabelCode,
    Name,
    Model,
    Serial,
    LocationId,
    Status,
    CreatedAt,
    UpdatedAt,
}

/// A calibration or a maintenance, as done (records are never edited: a correction is a
/// new record).
#[derive(DeriveIden)]
enum InstrumentRecords {
    Table,
    Id,
    InstrumentId,
    Kind,
    PerformedOn,
    PerformedBy,
    /// For a calibration: the last day it is valid.
    ValidUntil,
    Notes,
    RecordedBy,
    RecordedAt,
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
enum Locations {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum LabelCodes {
    Table,
    Code,
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
                    .table(Instruments::Table)
                    .col(uuid(Instruments::Id).primary_key())
                    .col(uuid(Instruments::TeamId))
                    .col(uuid_null(Instruments::CreatedBy))
                    .col(text_uniq(Instruments::LabelCode))
                    .col(text(Instruments::Name))
                    .col(text_null(Instruments::Model))
                    .col(text_null(Instruments::Serial))
                    .col(uuid_null(Instruments::LocationId))
                    .col(text(Instruments::Status))
                    .col(timestamp_with_time_zone(Instruments::CreatedAt))
                    .col(timestamp_with_time_zone(Instruments::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_instruments_team")
                            .from(Instruments::Table, Instruments::TeamId)
                            .to(Teams::Table, Teams::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_instruments_created_by")
                            .from(Instruments::Table, Instruments::CreatedBy)
                            .to(People::Table, People::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_instruments_location")
                            .from(Instruments::Table, Instruments::LocationId)
                            .to(Locations::Table, Locations::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_instruments_label_code")
                            .from(Instruments::Table, Instruments::LabelCode)
                            .to(LabelCodes::Table, LabelCodes::Code),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(InstrumentRecords::Table)
                    .col(uuid(InstrumentRecords::Id).primary_key())
                    .col(uuid(InstrumentRecords::InstrumentId))
                    .col(text(InstrumentRecords::Kind))
                    .col(date(InstrumentRecords::PerformedOn))
                    .col(text_null(InstrumentRecords::PerformedBy))
                    .col(date_null(InstrumentRecords::ValidUntil))
                    .col(text_null(InstrumentRecords::Notes))
                    .col(uuid_null(InstrumentRecords::RecordedBy))
                    .col(timestamp_with_time_zone(InstrumentRecords::RecordedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_instrument_records_instrument")
                            .from(InstrumentRecords::Table, InstrumentRecords::InstrumentId)
                            .to(Instruments::Table, Instruments::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_instrument_records_recorded_by")
                            .from(InstrumentRecords::Table, InstrumentRecords::RecordedBy)
                            .to(People::Table, People::Id),
                    )
                    .to_owned(),
            )
            .await?;
        for (name, table, col) in [
            (
                "idx_instruments_team",
                Instruments::Table.into_iden(),
                Instruments::TeamId.into_iden(),
            ),
            (
                "idx_instrument_records_instrument",
                InstrumentRecords::Table.into_iden(),
                InstrumentRecords::InstrumentId.into_iden(),
            ),
        ] {
            manager
                .create_index(Index::create().name(name).table(table).col(col).to_owned())
                .await?;
        }
        Ok(())
    }
}
