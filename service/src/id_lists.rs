//! Reading the rows whose id is one of many (a trace of 20,000 things): the one place
//! that knows how each engine takes a long list of ids.

use sea_orm::{
    sea_query::{Expr, ExprTrait, Func, Query},
    ColumnTrait, Condition, ConnectionTrait, DbBackend,
};
use uuid::Uuid;

/// Conditions that together pick the rows whose `column` is one of `ids`, one query
/// each; none when `ids` is empty. PostgreSQL takes the whole list as one array
/// parameter, unnested: planning an IN list of thousands of values costs it more than
/// the read, and `= ANY(array)` of 10,000 ids makes it scan the table where the unnested
/// list is joined through the index (117 ms against 9 ms). SQLite takes IN lists of at
/// most 4,000 values (its limit on bound values is 32,766).
pub(crate) fn among<C: ColumnTrait>(
    db: &impl ConnectionTrait,
    column: C,
    ids: &[Uuid],
) -> Vec<Condition> {
    if ids.is_empty() {
        return vec![];
    }
    match db.get_database_backend() {
        DbBackend::Postgres => {
            let unnested = Query::select()
                .expr(Func::cust("unnest").arg(Expr::val(ids.to_vec())))
                .to_owned();
            vec![Condition::all().add(Expr::col(column.as_column_ref()).in_subquery(unnested))]
        }
        _ => ids
            .chunks(4_000)
            .map(|chunk| Condition::all().add(column.is_in(chunk.iter().copied())))
            .collect(),
    }
}
