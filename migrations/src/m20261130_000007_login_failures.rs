//! Failed sign-ins, per account and per client address, for brute-force throttling.
//! Rows older than a day are pruned as new ones arrive.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum LoginFailures {
    Table,
    Id,
    /// `account` (the e-mail as typed, lower-cased) or `address` (the client's IP).
    Scope,
    Subject,
    FailedAt,
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
                    .table(LoginFailures::Table)
                    .col(uuid(LoginFailures::Id).primary_key())
                    .col(text(LoginFailures::Scope))
                    .col(text(LoginFailures::Subject))
                    .col(timestamp_with_time_zone(LoginFailures::FailedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_login_failures_subject")
                    .table(LoginFailures::Table)
                    .col(LoginFailures::Scope)
                    .col(LoginFailures::Subject)
                    .col(LoginFailures::FailedAt)
                    .to_owned(),
            )
            .await
    }
}
