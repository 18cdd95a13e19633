//! Every kind of thing Paillasse keeps, in one place: its name on the wire, in addresses
//! and in the database (`lot`, `protocol_version`), the page that shows one, and what the
//! kind can do — carry a printed label, have a history page, sit in a place.
//!
//! Anything that dispatches on a kind matches on [`Kind`]; a kind's name is written here
//! and nowhere else.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::DomainError;

#[cfg_attr(
    feature = "db",
    derive(sea_orm::DeriveValueType),
    sea_orm(
        value_type = "String",
        from_str = "Kind::from_stored",
        to_str = "Kind::to_stored"
    )
)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Location,
    Product,
    Lot,
    Sample,
    Instrument,
    Notebook,
    Entry,
    Protocol,
    ProtocolVersion,
    Person,
    Team,
}

crate::stored!(
    Kind,
    "kind",
    [
        Location,
        Product,
        Lot,
        Sample,
        Instrument,
        Notebook,
        Entry,
        Protocol,
        ProtocolVersion,
        Person,
        Team
    ]
);

impl Kind {
    /// The kinds a printed label names.
    pub const LABELLED: [Kind; 4] = [Self::Lot, Self::Sample, Self::Instrument, Self::Location];

    /// The kinds whose page shows their history (`GET /history/{kind}/{id}`).
    pub const WITH_HISTORY: [Kind; 5] = [
        Self::Location,
        Self::Product,
        Self::Lot,
        Self::Sample,
        Self::Instrument,
    ];

    /// The name on the wire, in addresses and in the database.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Location => "location",
            Self::Product => "product",
            Self::Lot => "lot",
            Self::Sample => "sample",
            Self::Instrument => "instrument",
            Self::Notebook => "notebook",
            Self::Entry => "entry",
            Self::Protocol => "protocol",
            Self::ProtocolVersion => "protocol_version",
            Self::Person => "person",
            Self::Team => "team",
        }
    }

    /// A kind by its name (`protocol-version` is read as `protocol_version`); the error
    /// names `field` and lists the kinds `among`.
    pub fn parse_among(field: &str, raw: &str, among: &[Kind]) -> Result<Kind, DomainError> {
        let wanted = raw.trim().to_lowercase().replace('-', "_");
        among
            .iter()
            .copied()
            .find(|k| k.as_str() == wanted)
            .ok_or_else(|| {
                let names: Vec<&str> = among.iter().map(|k| k.as_str()).collect();
                DomainError::invalid(field, "invalid", format!("must be {}", names.join(", ")))
            })
    }

    /// The kind of this name, as stored or in an address; `None` for a name no kind has
    /// (an address mistyped, a row written by a newer version or damaged).
    pub fn named(raw: &str) -> Option<Kind> {
        Self::from_stored(raw).ok()
    }

    /// The page that shows one thing of this kind, if it has one of its own.
    pub fn page(self, id: Uuid) -> Option<String> {
        self.folder().map(|folder| format!("/{folder}/{id}"))
    }

    /// The first segment of the address of a page of this kind (`/lots/…`).
    pub fn folder(self) -> Option<&'static str> {
        Some(match self {
            Self::Location => "locations",
            Self::Product => "products",
            Self::Lot => "lots",
            Self::Sample => "samples",
            Self::Instrument => "instruments",
            Self::Entry => "entries",
            Self::Protocol => "protocols",
            Self::Notebook | Self::ProtocolVersion | Self::Person | Self::Team => return None,
        })
    }

    /// The kind whose pages live under `folder` (`lots` → lot).
    pub fn from_folder(folder: &str) -> Option<Kind> {
        Self::ALL
            .iter()
            .copied()
            .find(|k| k.folder() == Some(folder))
    }

    /// Whether a printed label names things of this kind.
    pub fn is_labelled(self) -> bool {
        Self::LABELLED.contains(&self)
    }

    /// Whether things of this kind sit in a location (and in a box's position).
    pub fn is_placed(self) -> bool {
        matches!(self, Self::Lot | Self::Sample)
    }

    /// The id of a thing of this kind from a form or an address; a malformed one is
    /// "not found", like a thing one may not see.
    pub fn id(self, raw: &str) -> Result<Uuid, DomainError> {
        Uuid::parse_str(raw.trim()).map_err(|_| self.not_found())
    }

    /// "lot not found": what a 404 about this kind names.
    pub fn not_found(self) -> DomainError {
        DomainError::not_found(self.as_str())
    }
}

/// A kind is part of the key of a share (kind, id, team); keys read back from an insert
/// are never numbers.
#[cfg(feature = "db")]
impl sea_orm::TryFromU64 for Kind {
    fn try_from_u64(_: u64) -> Result<Self, sea_orm::DbErr> {
        Err(sea_orm::DbErr::ConvertFromU64("Kind"))
    }
}

impl std::fmt::Display for Kind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_reads_back_from_its_name_and_its_wire_form() {
        for &kind in Kind::ALL {
            assert_eq!(Kind::named(kind.as_str()), Some(kind));
            let wire = serde_json::to_string(&kind).unwrap();
            assert_eq!(wire, format!("\"{}\"", kind.as_str()));
            assert_eq!(serde_json::from_str::<Kind>(&wire).unwrap(), kind);
        }
        assert_eq!(Kind::named("lots"), None);
    }

    #[test]
    fn a_kind_is_parsed_among_those_allowed_and_the_error_names_the_field() {
        assert_eq!(
            Kind::parse_among("kind", " Protocol-Version ", Kind::ALL).unwrap(),
            Kind::ProtocolVersion
        );
        let err = Kind::parse_among("kind", "person", &Kind::WITH_HISTORY).unwrap_err();
        let fields = err.field_errors();
        assert_eq!(fields[0].field, "kind");
        assert!(fields[0]
            .message
            .contains("location, product, lot, sample, instrument"));
    }

    #[test]
    fn pages_are_named_by_the_plural_folder() {
        let id = Uuid::nil();
        assert_eq!(
            Kind::Entry.page(id).unwrap(),
            format!("/entries/{id}"),
            "not /entrys/"
        );
        assert_eq!(Kind::Lot.page(id).unwrap(), format!("/lots/{id}"));
        assert_eq!(Kind::Person.page(id), None);
    }
}
