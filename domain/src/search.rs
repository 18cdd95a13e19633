//! What a search box's text becomes for the full-text indexes: words, each matched as a
//! prefix ("plasma 12" finds "Plasma 12" and "Plasma 120"; "pool" finds "Plasma pool").

use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// One thing found by the search box across every kind (`GET /api/v1/search`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Hit {
    /// A product, lot, sample, instrument or location.
    pub kind: crate::kind::Kind,
    pub id: Uuid,
    pub label_code: Option<String>,
    /// The thing's name; for a lot, its product's.
    pub name: String,
    /// Facts that tell similar hits apart, as shown: CAS number, supplier lot number,
    /// quantity, expiry date, serial number.
    pub details: Vec<String>,
    /// The typed text was this thing's label code.
    pub exact: bool,
}

/// At most this many words are searched for.
const MAX_TERMS: usize = 8;

/// The words of `q`, lower-cased (letters and digits; everything else separates).
pub fn terms(q: &str) -> Vec<String> {
    q.split(|c: char| !c.is_alphanumeric())
        .filter(|t| !t.is_empty())
        .take(MAX_TERMS)
        .map(str::to_lowercase)
        .collect()
}

/// An SQLite FTS5 query: every word as a quoted prefix (quoting keeps FTS5's own syntax —
/// AND, NEAR, `-` — out of what people type).
pub fn fts5_query(terms: &[String]) -> String {
    terms
        .iter()
        .map(|t| format!("\"{}\"*", t.replace('"', "\"\"")))
        .collect::<Vec<_>>()
        .join(" AND ")
}

/// A PostgreSQL `tsquery` (config `simple`): every word as a quoted prefix.
pub fn tsquery(terms: &[String]) -> String {
    terms
        .iter()
        .map(|t| format!("'{}':*", t.replace('\'', "''")))
        .collect::<Vec<_>>()
        .join(" & ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_text_becomes_prefix_terms_for_both_engines() {
        let t = terms("  Plasma-12 (AND) NEAR é ");
        assert_eq!(t, ["plasma", "12", "and", "near", "é"]);
        assert_eq!(fts5_query(&t[..2]), "\"plasma\"* AND \"12\"*");
        assert_eq!(tsquery(&t[..2]), "'plasma':* & '12':*");
        assert!(terms("-- ; ''").is_empty());
        assert_eq!(terms(&"a ".repeat(20)).len(), 8);
    }
}
