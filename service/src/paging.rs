//! List orders with cursors that stay the id of the last row sent: the next page seeks
//! past that row's sort key (read back by a sub-query) and id, so a page neither skips nor
//! repeats rows whatever is added meanwhile. Migration 14 indexes each order.

use domain::page::Sort;
use sea_orm::{
    sea_query::{Expr, ExprTrait, Query, SubQueryStatement},
    ColumnTrait, Condition, EntityTrait, Order, QueryFilter, QueryOrder, Select,
};
use uuid::Uuid;

/// Orders `query` by `sort` and seeks past the row `after`. `name` and `expiry` are the
/// entity's columns for those orders (an entity without one never gets that `sort`: the
/// route offers only what the list has).
pub fn apply<E: EntityTrait>(
    mut query: Select<E>,
    sort: Sort,
    id: E::Column,
    key: Option<E::Column>,
    after: Option<Uuid>,
) -> Select<E> {
    let key = match (sort, key) {
        (Sort::Newest, _) => {
            if let Some(after) = after {
                query = query.filter(id.lt(after));
            }
            return query.order_by_desc(id);
        }
        (Sort::Created, _) | (_, None) => {
            if let Some(after) = after {
                query = query.filter(id.gt(after));
            }
            return query.order_by_asc(id);
        }
        (_, Some(key)) => key,
    };
    match sort {
        Sort::Expiry => {
            // Things without an expiry date come last: (key IS NULL, key, id).
            query = query
                .order_by(Expr::col(key).is_null(), Order::Asc)
                .order_by_asc(key)
                .order_by_asc(id);
            if let Some(after) = after {
                let last = key_of::<E>(key, id, after);
                query = query.filter(
                    Condition::any()
                        .add(Expr::col(key).gt(last.clone()))
                        .add(Expr::col(key).eq(last.clone()).and(Expr::col(id).gt(after)))
                        .add(Expr::col(key).is_null().and(last.clone().is_not_null()))
                        .add(
                            Expr::col(key)
                                .is_null()
                                .and(last.is_null())
                                .and(Expr::col(id).gt(after)),
                        ),
                );
            }
        }
        _ => {
            query = query.order_by_asc(key).order_by_asc(id);
            if let Some(after) = after {
                let last = key_of::<E>(key, id, after);
                query = query.filter(
                    Condition::any()
                        .add(Expr::col(key).gt(last.clone()))
                        .add(Expr::col(key).eq(last).and(Expr::col(id).gt(after))),
                );
            }
        }
    }
    query
}

/// `(SELECT key FROM table WHERE id = after)`.
fn key_of<E: EntityTrait>(key: E::Column, id: E::Column, after: Uuid) -> Expr {
    let select = Query::select()
        .column(key)
        .from(E::default())
        .and_where(Expr::col(id).eq(after))
        .to_owned();
    Expr::SubQuery(None, Box::new(SubQueryStatement::SelectStatement(select)))
}
