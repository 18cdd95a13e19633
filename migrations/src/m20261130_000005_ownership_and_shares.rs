//! Every location belongs to a team and remembers who made it; things can be shared with
//! other teams. Locations made before this migration go to the only team if there is
//! exactly one, else to a new team "Unassigned" that an admin can hand them on from.

use sea_orm_migration::{
    prelude::*,
    schema::*,
    sea_orm::{prelude::Uuid, DbBackend},
};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Locations {
    Table,
    TeamId,
}

#[derive(DeriveIden)]
enum Teams {
    Table,
    Id,
    Name,
    CreatedAt,
}

#[derive(DeriveIden)]
enum People {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Shares {
    Table,
    EntityKind,
    EntityId,
    TeamId,
    Access,
    CreatedAt,
    CreatedBy,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        let backend = manager.get_database_backend();
        match backend {
            // SQLite adds a column with a reference only if it may be NULL; triggers below
            // make team_id required all the same.
            DbBackend::Sqlite => {
                db.execute_unprepared(
                    "ALTER TABLE locations ADD COLUMN team_id uuid_text NULL REFERENCES teams (id)",
                )
                .await?;
                db.execute_unprepared(
                    "ALTER TABLE locations ADD COLUMN created_by uuid_text NULL REFERENCES people (id)",
                )
                .await?;
            }
            _ => {
                db.execute_unprepared(
                    "ALTER TABLE locations ADD COLUMN team_id uuid NULL REFERENCES teams (id), \
                     ADD COLUMN created_by uuid NULL REFERENCES people (id)",
                )
                .await?;
            }
        }

        // Existing locations need an owner.
        let any_location = db
            .query_one(
                &Query::select()
                    .expr(Expr::val(1))
                    .from(Locations::Table)
                    .limit(1)
                    .to_owned(),
            )
            .await?
            .is_some();
        if any_location {
            let teams = db
                .query_all(
                    &Query::select()
                        .column(Teams::Id)
                        .from(Teams::Table)
                        .limit(2)
                        .to_owned(),
                )
                .await?;
            let unassigned = db
                .query_one(
                    &Query::select()
                        .column(Teams::Id)
                        .from(Teams::Table)
                        .and_where(Expr::col(Teams::Name).eq("Unassigned"))
                        .to_owned(),
                )
                .await?;
            let team: Uuid = if teams.len() == 1 {
                teams[0].try_get_by_index(0)?
            } else if let Some(row) = unassigned {
                row.try_get_by_index(0)?
            } else {
                let id = Uuid::now_v7();
                db.execute(
                    &Query::insert()
                        .into_table(Teams::Table)
                        .columns([Teams::Id, Teams::Name, Teams::CreatedAt])
                        .values_panic([id.into(), "Unassigned".into(), chrono::Utc::now().into()])
                        .to_owned(),
                )
                .await?;
                id
            };
            db.execute(
                &Query::update()
                    .table(Locations::Table)
                    .value(Locations::TeamId, team)
                    .to_owned(),
            )
            .await?;
        }

        match backend {
            DbBackend::Sqlite => {
                for op in ["INSERT", "UPDATE"] {
                    db.execute_unprepared(&format!(
                        "CREATE TRIGGER locations_team_required_{op} BEFORE {op} ON locations \
                         WHEN NEW.team_id IS NULL \
                         BEGIN SELECT RAISE(ABORT, 'locations.team_id is required'); END"
                    ))
                    .await?;
                }
            }
            _ => {
                db.execute_unprepared("ALTER TABLE locations ALTER COLUMN team_id SET NOT NULL")
                    .await?;
            }
        }
        manager
            .create_index(
                Index::create()
                    .name("idx_locations_team")
                    .table(Locations::Table)
                    .col(Locations::TeamId)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Shares::Table)
                    .col(text(Shares::EntityKind))
                    .col(uuid(Shares::EntityId))
                    .col(uuid(Shares::TeamId))
                    .col(text(Shares::Access))
                    .col(timestamp_with_time_zone(Shares::CreatedAt))
                    .col(uuid_null(Shares::CreatedBy))
                    .primary_key(
                        Index::create()
                            .col(Shares::EntityKind)
                            .col(Shares::EntityId)
                            .col(Shares::TeamId),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_shares_team")
                            .from(Shares::Table, Shares::TeamId)
                            .to(Teams::Table, Teams::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_shares_created_by")
                            .from(Shares::Table, Shares::CreatedBy)
                            .to(People::Table, People::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_shares_team")
                    .table(Shares::Table)
                    .col(Shares::TeamId)
                    .col(Shares::EntityKind)
                    .to_owned(),
            )
            .await
    }
}
