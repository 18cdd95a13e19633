//! The product catalogue: what lots are made of. Owned by a team like every thing.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Products {
    Table,
    Id,
    TeamId,
    CreatedBy,
    Name,
    Kind,
    Cas,
    Supplier,
    CatalogNumber,
    /// Comma-separated GHS pictogram codes.
    Hazards,
    /// In stored steps (see `domain::quantity`), with its unit.
    ReorderLevel,
    ReorderUnit,
    CreatedAt,
    UpdatedAt,
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
                    .table(Products::Table)
                    .col(uuid(Products::Id).primary_key())
                    .col(uuid(Products::TeamId))
                    .col(uuid_null(Products::CreatedBy))
                    .col(text(Products::Name))
                    .col(text(Products::Kind))
                    .col(text_null(Products::Cas))
                    .col(text_null(Products::Supplier))
                    .col(text_null(Products::CatalogNumber))
                    .col(text(Products::Hazards))
                    .col(big_integer_null(Products::ReorderLevel))
                    .col(text_null(Products::ReorderUnit))
                    .col(timestamp_with_time_zone(Products::CreatedAt))
                    .col(timestamp_with_time_zone(Products::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_products_team")
                            .from(Products::Table, Products::TeamId)
                            .to(Teams::Table, Teams::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_products_created_by")
                            .from(Products::Table, Products::CreatedBy)
                            .to(People::Table, People::Id),
                    )
                    .to_owned(),
            )
            .await?;
        for (name, col) in [
            ("idx_products_team", Products::TeamId),
            ("idx_products_cas", Products::Cas),
        ] {
            manager
                .create_index(
                    Index::create()
                        .name(name)
                        .table(Products::Table)
                        .col(col)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}
