//! A list's search box as query conditions. The full-text indexes of migrations 13 and
//! 14 match every typed word as a prefix of a word in the thing's name (and, for
//! products, supplier; for instruments, model); a typed label code or exact number
//! matches too.

use domain::search;
use labels::LabelCode;
use sea_orm::{
    sea_query::{Expr, SimpleExpr},
    ColumnTrait, Condition, DbBackend,
};

/// What a list's search box or choice holds, trimmed; blank is no filter.
pub fn typed(raw: Option<&str>) -> Option<&str> {
    raw.map(str::trim).filter(|q| !q.is_empty())
}

/// Rows whose `code` column holds `q` when `q` reads as a label code.
pub fn code(column: impl ColumnTrait, q: &str) -> Option<SimpleExpr> {
    LabelCode::parse(q)
        .ok()
        .map(|code| column.eq(code.to_string()))
}

/// A search of `table` for `q`: rows matching its words, or any of `exact` (a label
/// code, a serial number...). Nothing searchable typed (only punctuation) matches nothing.
pub fn search(backend: DbBackend, table: Indexed, q: &str, exact: Condition) -> Condition {
    let found = exact.add_option(words(backend, table, q));
    if found.is_empty() {
        Condition::all().add(nothing())
    } else {
        found
    }
}

/// A table with a full-text index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Indexed {
    Samples,
    Products,
    Instruments,
    Locations,
    Entries,
    Comments,
}

impl Indexed {
    fn table(self) -> &'static str {
        match self {
            Indexed::Samples => "samples",
            Indexed::Products => "products",
            Indexed::Instruments => "instruments",
            Indexed::Locations => "locations",
            Indexed::Entries => "entries",
            Indexed::Comments => "entry_comments",
        }
    }

    /// PostgreSQL's indexed document: the index is used only for this very expression
    /// (migrations 13 and 14 hold the same).
    fn document(self) -> &'static str {
        match self {
            Indexed::Samples => "samples.name",
            Indexed::Products => {
                "coalesce(products.name, '') || ' ' || coalesce(products.supplier, '')"
            }
            Indexed::Instruments => {
                "coalesce(instruments.name, '') || ' ' || coalesce(instruments.model, '')"
            }
            Indexed::Locations => "coalesce(locations.name, '')",
            Indexed::Comments => "entry_comments.body",
            Indexed::Entries => {
                "coalesce(entries.title, '') || ' ' || coalesce(entries.body, '') || ' ' \
                 || coalesce(entries.tags, '')"
            }
        }
    }
}

/// Rows of `table` holding every word of `q` as a prefix; `None` when `q` has no word
/// (only punctuation), which the caller treats as "no match by name".
pub fn words(backend: DbBackend, table: Indexed, q: &str) -> Option<Expr> {
    let terms = search::terms(q);
    if terms.is_empty() {
        return None;
    }
    Some(match backend {
        DbBackend::Postgres => Expr::cust_with_values(
            format!(
                "to_tsvector('simple', {}) @@ to_tsquery('simple', $1)",
                table.document()
            ),
            [search::tsquery(&terms)],
        ),
        _ => {
            let t = table.table();
            Expr::cust_with_values(
                format!("{t}.rowid IN (SELECT rowid FROM {t}_fts WHERE {t}_fts MATCH ?)"),
                [search::fts5_query(&terms)],
            )
        }
    })
}

/// A condition no row meets: a search for nothing searchable finds nothing.
pub fn nothing() -> Expr {
    Expr::cust("1 = 0")
}
