//! Lots and their stock ledger. `lots.quantity` caches the sum of the lot's movements,
//! kept in the same transaction as each movement (and checked by a test against the sum).

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Lots {
    Table,
    Id,
    TeamId,
    CreatedBy,
    ProductId,
    LabelCode,
    SupplierLot,
    ReceivedOn,
    OpenedOn,
    ExpiresOn,
    /// Stored steps (see `domain::quantity`) in `unit`'s dimension.
    Quantity,
    Unit,
    Status,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Movements {
    Table,
    Id,
    LotId,
    Kind,
    /// Signed stored steps.
    Delta,
    Reason,
    PersonId,
    At,
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
enum Products {
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
                    .table(Lots::Table)
                    .col(uuid(Lots::Id).primary_key())
                    .col(uuid(Lots::TeamId))
                    .col(uuid_null(Lots::CreatedBy))
                    .col(uuid(Lots::ProductId))
                    .col(text_uniq(Lots::LabelCode))
                    .col(text_null(Lots::SupplierLot))
                    .col(date(Lots::ReceivedOn))
                    .col(date_null(Lots::OpenedOn))
                    .col(date_null(Lots::ExpiresOn))
                    .col(big_integer(Lots::Quantity))
                    .col(text(Lots::Unit))
                    .col(text(Lots::Status))
                    .col(timestamp_with_time_zone(Lots::CreatedAt))
                    .col(timestamp_with_time_zone(Lots::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_lots_team")
                            .from(Lots::Table, Lots::TeamId)
                            .to(Teams::Table, Teams::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_lots_created_by")
                            .from(Lots::Table, Lots::CreatedBy)
                            .to(People::Table, People::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_lots_product")
                            .from(Lots::Table, Lots::ProductId)
                            .to(Products::Table, Products::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_lots_label_code")
                            .from(Lots::Table, Lots::LabelCode)
                            .to(LabelCodes::Table, LabelCodes::Code),
                    )
                    .check(Expr::col(Lots::Quantity).gte(0))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Movements::Table)
                    .col(uuid(Movements::Id).primary_key())
                    .col(uuid(Movements::LotId))
                    .col(text(Movements::Kind))
                    .col(big_integer(Movements::Delta))
                    .col(text_null(Movements::Reason))
                    .col(uuid_null(Movements::PersonId))
                    .col(timestamp_with_time_zone(Movements::At))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_movements_lot")
                            .from(Movements::Table, Movements::LotId)
                            .to(Lots::Table, Lots::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_movements_person")
                            .from(Movements::Table, Movements::PersonId)
                            .to(People::Table, People::Id),
                    )
                    .to_owned(),
            )
            .await?;
        for (name, table, col) in [
            (
                "idx_lots_team",
                Lots::Table.into_iden(),
                Lots::TeamId.into_iden(),
            ),
            (
                "idx_lots_product",
                Lots::Table.into_iden(),
                Lots::ProductId.into_iden(),
            ),
            (
                "idx_lots_expires",
                Lots::Table.into_iden(),
                Lots::ExpiresOn.into_iden(),
            ),
            (
                "idx_movements_lot",
                Movements::Table.into_iden(),
                Movements::LotId.into_iden(),
            ),
        ] {
            manager
                .create_index(Index::create().name(name).table(table).col(col).to_owned())
                .await?;
        }
        Ok(())
    }
}
