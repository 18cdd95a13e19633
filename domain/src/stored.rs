//! Enums kept in the database's text columns. Each names its variants once (`as_str`);
//! [`stored!`] gives it `from_stored`, and with the `db` feature the enum is a sea-orm
//! value type read through it, so a row whose column holds a name no variant has fails
//! to load — an error the server logs and answers 500 — instead of being read as some
//! default (a mangled `quarantined` read as `in_use` would make a lot usable again).

/// A stored name no variant has.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{value:?} is not a known {what}")]
pub struct Unknown {
    pub what: &'static str,
    pub value: String,
}

/// `stored!(LotStatus, "lot status", [InUse, Quarantined, …])`: every variant listed once
/// (`ALL`, for forms and parsing too), read back from the name `as_str` gives it.
#[macro_export]
macro_rules! stored {
    ($ty:ident, $what:literal, [$($variant:ident),+ $(,)?]) => {
        impl $ty {
            /// Every variant, in declaration order.
            pub const ALL: &'static [$ty] = &[$($ty::$variant),+];

            /// The variant stored under `raw` (exactly as `as_str` writes it).
            pub fn from_stored(raw: &str) -> Result<Self, $crate::stored::Unknown> {
                Self::ALL
                    .iter()
                    .copied()
                    .find(|v| v.as_str() == raw)
                    .ok_or_else(|| $crate::stored::Unknown {
                        what: $what,
                        value: raw.to_owned(),
                    })
            }

            /// The name written to the database.
            pub fn to_stored(&self) -> &'static str {
                self.as_str()
            }
        }
    };
}
