//! Boxes: a location may have a grid; `positions` says what holds each occupied cell.
//! Its primary key is what makes "two things in one position" impossible, whatever the
//! kind of thing (lots and samples share boxes).

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Locations {
    Table,
    Id,
    GridRows,
    GridCols,
}

#[derive(DeriveIden)]
enum Positions {
    Table,
    LocationId,
    Position,
    /// `lot` or `sample`.
    Kind,
    ThingId,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for col in [Locations::GridRows, Locations::GridCols] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Locations::Table)
                        .add_column(small_integer_null(col))
                        .to_owned(),
                )
                .await?;
        }
        manager
            .create_table(
                Table::create()
                    .table(Positions::Table)
                    .col(uuid(Positions::LocationId))
                    .col(text(Positions::Position))
                    .col(text(Positions::Kind))
                    .col(uuid(Positions::ThingId))
                    .primary_key(
                        Index::create()
                            .col(Positions::LocationId)
                            .col(Positions::Position),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_positions_location")
                            .from(Positions::Table, Positions::LocationId)
                            .to(Locations::Table, Locations::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("uq_positions_thing")
                    .table(Positions::Table)
                    .col(Positions::Kind)
                    .col(Positions::ThingId)
                    .unique()
                    .to_owned(),
            )
            .await?;
        Ok(())
    }
}
