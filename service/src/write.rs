//! The one way to start a mutation, and to write a changed row back.

use sea_orm::{
    ActiveModelBehavior, ActiveModelTrait, ConnectionTrait, DatabaseConnection,
    DatabaseTransaction, EntityTrait, IntoActiveModel, ModelTrait, TransactionTrait,
};

use crate::error::Result;

/// Who performs a change, as written in the audit log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor(pub String);

impl Actor {
    /// Changes made from the command line by whoever runs it.
    pub fn cli() -> Self {
        Self("cli".into())
    }

    /// Requests from someone not signed in (only sign-in attempts are recorded so).
    pub fn anonymous() -> Self {
        Self("anonymous".into())
    }

    /// A signed-in person, recorded by id (stable when they change name or e-mail).
    pub fn person(person: &domain::person::Person) -> Self {
        Self(person.id.to_string())
    }
}

/// Begins a transaction for a mutation and takes the audit chain's lock first.
///
/// Touching the chain head before anything else serialises writers (the chain needs a
/// total order) and, on SQLite, acquires the write lock at once, so a transaction never
/// dies trying to upgrade a read lock while another writer commits.
pub async fn begin(db: &DatabaseConnection) -> Result<DatabaseTransaction> {
    let txn = db.begin().await?;
    txn.execute_unprepared("UPDATE audit_head SET last_seq = last_seq WHERE id = 1")
        .await?;
    Ok(txn)
}

/// Writes every column of `row` over the stored row with its id.
pub(crate) async fn replace<M, A>(db: &impl ConnectionTrait, row: M) -> Result<()>
where
    M: ModelTrait + IntoActiveModel<A>,
    A: ActiveModelTrait<Entity = M::Entity> + ActiveModelBehavior + Send,
    <M::Entity as EntityTrait>::Model: IntoActiveModel<A>,
{
    M::Entity::update(row.into_active_model().reset_all())
        .exec(db)
        .await?;
    Ok(())
}
