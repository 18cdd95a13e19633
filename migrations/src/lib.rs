//! Schema migrations, shared by SQLite and PostgreSQL. One change per file, named by date,
//! registered in order below; a migration that has shipped is never edited.

pub use sea_orm_migration::prelude::*;

mod m20261130_000001_audit_log;
mod m20261130_000002_locations;
mod m20261130_000003_people_and_teams;
mod m20261130_000004_sessions;
mod m20261130_000005_ownership_and_shares;
mod m20261130_000006_api_tokens;
mod m20261130_000007_login_failures;
mod m20261130_000008_products;
mod m20261130_000009_lots_and_movements;
mod m20261130_000010_samples;
mod m20261130_000011_instruments;
mod m20261130_000012_boxes;
mod m20261130_000013_search_indexes;
mod m20261130_000014_fulltext_and_sort_indexes;
mod m20261130_000015_attachments;
mod m20261130_000016_notebook;
mod m20261130_000017_recall_flags;
mod m20261207_000018_usage_units_and_warnings;
mod m20261207_000019_entry_steps;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261130_000001_audit_log::Migration),
            Box::new(m20261130_000002_locations::Migration),
            Box::new(m20261130_000003_people_and_teams::Migration),
            Box::new(m20261130_000004_sessions::Migration),
            Box::new(m20261130_000005_ownership_and_shares::Migration),
            Box::new(m20261130_000006_api_tokens::Migration),
            Box::new(m20261130_000007_login_failures::Migration),
            Box::new(m20261130_000008_products::Migration),
            Box::new(m20261130_000009_lots_and_movements::Migration),
            Box::new(m20261130_000010_samples::Migration),
            Box::new(m20261130_000011_instruments::Migration),
            Box::new(m20261130_000012_boxes::Migration),
            Box::new(m20261130_000013_search_indexes::Migration),
            Box::new(m20261130_000014_fulltext_and_sort_indexes::Migration),
            Box::new(m20261130_000015_attachments::Migration),
            Box::new(m20261130_000016_notebook::Migration),
            Box::new(m20261130_000017_recall_flags::Migration),
            Box::new(m20261207_000018_usage_units_and_warnings::Migration),
            Box::new(m20261207_000019_entry_steps::Migration),
        ]
    }
}
