//! Storage locations (a tree) and the registry of label codes, unique across all kinds.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Locations {
    Table,
    Id,
    Name,
    ParentId,
    LabelCode,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum LabelCodes {
    Table,
    Code,
    Kind,
    TargetId,
    CreatedAt,
    RetiredAt,
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
                    .table(LabelCodes::Table)
                    .col(text(LabelCodes::Code).primary_key())
                    .col(text(LabelCodes::Kind))
                    .col(uuid(LabelCodes::TargetId))
                    .col(timestamp_with_time_zone(LabelCodes::CreatedAt))
                    .col(timestamp_with_time_zone_null(LabelCodes::RetiredAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_label_codes_target")
                    .table(LabelCodes::Table)
                    .col(LabelCodes::Kind)
                    .col(LabelCodes::TargetId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Locations::Table)
                    .col(uuid(Locations::Id).primary_key())
                    .col(text(Locations::Name))
                    .col(uuid_null(Locations::ParentId))
                    .col(text_uniq(Locations::LabelCode))
                    .col(timestamp_with_time_zone(Locations::CreatedAt))
                    .col(timestamp_with_time_zone(Locations::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_locations_parent")
                            .from(Locations::Table, Locations::ParentId)
                            .to(Locations::Table, Locations::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_locations_label_code")
                            .from(Locations::Table, Locations::LabelCode)
                            .to(LabelCodes::Table, LabelCodes::Code),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_locations_parent")
                    .table(Locations::Table)
                    .col(Locations::ParentId)
                    .to_owned(),
            )
            .await
    }
}
