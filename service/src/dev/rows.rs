//! Rows written in batches, for the seeder.

use sea_orm::{ActiveModelTrait, ConnectionTrait, EntityTrait};

use crate::error::Result;

/// Rows per INSERT statement (well under both engines' bound-parameter limits).
pub(crate) const CHUNK: usize = 400;

/// Inserts `rows` in one statement (nothing for none).
pub(crate) async fn insert<A>(txn: &impl ConnectionTrait, rows: Vec<A>) -> Result<()>
where
    A: ActiveModelTrait + Send,
{
    if !rows.is_empty() {
        <A::Entity as EntityTrait>::insert_many(rows)
            .exec_without_returning(txn)
            .await?;
    }
    Ok(())
}
