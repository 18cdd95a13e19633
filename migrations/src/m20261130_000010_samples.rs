//! Samples, their lineage (parents that are samples or lots) and their own stock ledger;
//! lots and samples get a place (a location).

use sea_orm_migration::{prelude::*, schema::*, sea_orm::DbBackend};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Samples {
    Table,
    Id,
    TeamId,
    CreatedBy,
    LabelCode,
    Name,
    SampleType,
    LocationId,
    /// Stored steps (see `domain::quantity`) in `unit`'s dimension; the ledger's sum.
    Quantity,
    Unit,
    Status,
    CreatedAt,
    UpdatedAt,
}

/// One row per parent: exactly one of `parent_sample_id` and `parent_lot_id` is set.
#[derive(DeriveIden)]
enum SampleParents {
    Table,
    Id,
    ChildId,
    ParentSampleId,
    ParentLotId,
    Relation,
    CreatedAt,
}

#[derive(DeriveIden)]
enum SampleMovements {
    Table,
    Id,
    SampleId,
    Kind,
    Delta,
    Reason,
    PersonId,
    At,
}

#[derive(DeriveIden)]
enum Lots {
    Table,
    Id,
    LocationId,
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
                    .table(Samples::Table)
                    .col(uuid(Samples::Id).primary_key())
                    .col(uuid(Samples::TeamId))
                    .col(uuid_null(Samples::CreatedBy))
                    .col(text_uniq(Samples::LabelCode))
                    .col(text(Samples::Name))
                    .col(text_null(Samples::SampleType))
                    .col(uuid_null(Samples::LocationId))
                    .col(big_integer(Samples::Quantity))
                    .col(text(Samples::Unit))
                    .col(text(Samples::Status))
                    .col(timestamp_with_time_zone(Samples::CreatedAt))
                    .col(timestamp_with_time_zone(Samples::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_samples_team")
                            .from(Samples::Table, Samples::TeamId)
                            .to(Teams::Table, Teams::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_samples_created_by")
                            .from(Samples::Table, Samples::CreatedBy)
                            .to(People::Table, People::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_samples_location")
                            .from(Samples::Table, Samples::LocationId)
                            .to(Locations::Table, Locations::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_samples_label_code")
                            .from(Samples::Table, Samples::LabelCode)
                            .to(LabelCodes::Table, LabelCodes::Code),
                    )
                    .check(Expr::col(Samples::Quantity).gte(0))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(SampleParents::Table)
                    .col(uuid(SampleParents::Id).primary_key())
                    .col(uuid(SampleParents::ChildId))
                    .col(uuid_null(SampleParents::ParentSampleId))
                    .col(uuid_null(SampleParents::ParentLotId))
                    .col(text(SampleParents::Relation))
                    .col(timestamp_with_time_zone(SampleParents::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_sample_parents_child")
                            .from(SampleParents::Table, SampleParents::ChildId)
                            .to(Samples::Table, Samples::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_sample_parents_sample")
                            .from(SampleParents::Table, SampleParents::ParentSampleId)
                            .to(Samples::Table, Samples::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_sample_parents_lot")
                            .from(SampleParents::Table, SampleParents::ParentLotId)
                            .to(Lots::Table, Lots::Id),
                    )
                    // Exactly one parent per row, and never the child itself.
                    .check(
                        Expr::col(SampleParents::ParentSampleId)
                            .is_null()
                            .ne(Expr::col(SampleParents::ParentLotId).is_null()),
                    )
                    .check(
                        Expr::col(SampleParents::ParentSampleId)
                            .is_null()
                            .or(Expr::col(SampleParents::ParentSampleId)
                                .ne(Expr::col(SampleParents::ChildId))),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(SampleMovements::Table)
                    .col(uuid(SampleMovements::Id).primary_key())
                    .col(uuid(SampleMovements::SampleId))
                    .col(text(SampleMovements::Kind))
                    .col(big_integer(SampleMovements::Delta))
                    .col(text_null(SampleMovements::Reason))
                    .col(uuid_null(SampleMovements::PersonId))
                    .col(timestamp_with_time_zone(SampleMovements::At))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_sample_movements_sample")
                            .from(SampleMovements::Table, SampleMovements::SampleId)
                            .to(Samples::Table, Samples::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_sample_movements_person")
                            .from(SampleMovements::Table, SampleMovements::PersonId)
                            .to(People::Table, People::Id),
                    )
                    .to_owned(),
            )
            .await?;
        // A nullable column with a reference: both engines take it through ALTER TABLE
        // (sea-query cannot add a foreign key to an SQLite table).
        let db = manager.get_connection();
        let uuid_type = match manager.get_database_backend() {
            DbBackend::Sqlite => "uuid_text",
            _ => "uuid",
        };
        db.execute_unprepared(&format!(
            "ALTER TABLE lots ADD COLUMN location_id {uuid_type} NULL REFERENCES locations (id)"
        ))
        .await?;
        for (name, table, cols, unique) in [
            (
                "idx_samples_team",
                Samples::Table.into_iden(),
                vec![Samples::TeamId.into_iden()],
                false,
            ),
            (
                "idx_samples_location",
                Samples::Table.into_iden(),
                vec![Samples::LocationId.into_iden()],
                false,
            ),
            (
                "idx_lots_location",
                Lots::Table.into_iden(),
                vec![Lots::LocationId.into_iden()],
                false,
            ),
            (
                "idx_sample_parents_child",
                SampleParents::Table.into_iden(),
                vec![SampleParents::ChildId.into_iden()],
                false,
            ),
            // Forward lookups (what was made from this sample / lot), and one row per pair.
            (
                "uq_sample_parents_sample",
                SampleParents::Table.into_iden(),
                vec![
                    SampleParents::ParentSampleId.into_iden(),
                    SampleParents::ChildId.into_iden(),
                ],
                true,
            ),
            (
                "uq_sample_parents_lot",
                SampleParents::Table.into_iden(),
                vec![
                    SampleParents::ParentLotId.into_iden(),
                    SampleParents::ChildId.into_iden(),
                ],
                true,
            ),
            (
                "idx_sample_movements_sample",
                SampleMovements::Table.into_iden(),
                vec![SampleMovements::SampleId.into_iden()],
                false,
            ),
        ] {
            let mut index = Index::create();
            index.name(name).table(table);
            for col in cols {
                index.col(col);
            }
            if unique {
                index.unique();
            }
            manager.create_index(index.to_owned()).await?;
        }
        Ok(())
    }
}
