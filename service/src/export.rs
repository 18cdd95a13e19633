//! Lists as CSV tables (`GET /api/v1/export/{kind}`): which kinds export, their columns,
//! and their rows a page at a time with the list's own filters and order, so the HTTP
//! edge only streams pages and a million lots never sit in memory at once.

use std::collections::HashMap;

use domain::{
    kind::Kind,
    lot::Lot,
    page::{optional_day, Page, PageRequest, Sort},
    person::Person,
    sample::Sample,
    DomainError,
};
use sea_orm::DatabaseConnection;
use uuid::Uuid;

use crate::{
    error::Result,
    inventory::{
        instruments::{self, InstrumentQuery},
        locations,
        lots::{self, LotQuery},
        products::{self, ProductQuery},
        samples::{self, SampleQuery},
    },
};

/// The filters an export takes, as the lists take them; each kind reads those it has.
#[derive(Debug, Clone, Default)]
pub struct Filters {
    pub q: Option<String>,
    /// products: the kind (chemical, biological…).
    pub kind: Option<String>,
    pub product_id: Option<Uuid>,
    pub status: Option<String>,
    pub location_id: Option<Uuid>,
    pub within: Option<Uuid>,
    /// YYYY-MM-DD.
    pub expires_before: Option<String>,
    /// YYYY-MM-DD.
    pub expires_after: Option<String>,
    pub sort: Option<String>,
}

/// One kind's list, filtered, ready to be read a page at a time.
#[derive(Debug, Clone)]
pub enum Table {
    Products(ProductQuery),
    Lots(LotQuery),
    Samples(SampleQuery),
    Instruments(InstrumentQuery),
    Locations { q: Option<String>, sort: Sort },
}

/// One page of rows, with the cursor of the next.
pub type Rows = (Vec<Vec<String>>, Option<String>);

impl Table {
    /// The table of `kind` with `filters` checked as its list checks them (422 naming the
    /// field); kinds that do not export are not found.
    pub fn new(kind: Kind, f: Filters) -> Result<Self> {
        let sort = |sorts: &[Sort]| Sort::parse(f.sort.as_deref(), sorts);
        Ok(match kind {
            Kind::Product => Self::Products(ProductQuery {
                sort: sort(&products::SORTS)?,
                q: f.q,
                kind: f.kind,
            }),
            Kind::Lot => Self::Lots(LotQuery {
                expires_before: optional_day("expires_before", f.expires_before.as_deref())?,
                expires_after: optional_day("expires_after", f.expires_after.as_deref())?,
                sort: sort(&lots::SORTS)?,
                q: f.q,
                product_id: f.product_id,
                within: f.within,
                status: f.status,
            }),
            Kind::Sample => Self::Samples(SampleQuery {
                sort: sort(&samples::SORTS)?,
                q: f.q,
                status: f.status,
                location_id: f.location_id,
                within: f.within,
                derived_from: None,
            }),
            Kind::Instrument => Self::Instruments(InstrumentQuery {
                sort: sort(&instruments::SORTS)?,
                q: f.q,
                status: f.status,
            }),
            Kind::Location => Self::Locations {
                sort: sort(&locations::SORTS)?,
                q: f.q,
            },
            _ => return Err(DomainError::not_found("export").into()),
        })
    }

    pub fn kind(&self) -> Kind {
        match self {
            Self::Products(_) => Kind::Product,
            Self::Lots(_) => Kind::Lot,
            Self::Samples(_) => Kind::Sample,
            Self::Instruments(_) => Kind::Instrument,
            Self::Locations { .. } => Kind::Location,
        }
    }

    /// The header row.
    pub fn columns(&self) -> &'static [&'static str] {
        match self {
            Self::Products(_) => &PRODUCT_COLUMNS,
            Self::Lots(_) => &LOT_COLUMNS,
            Self::Samples(_) => &SAMPLE_COLUMNS,
            Self::Instruments(_) => &INSTRUMENT_COLUMNS,
            Self::Locations { .. } => &LOCATION_COLUMNS,
        }
    }

    /// One page of rows of what the person may see.
    pub async fn page(
        &self,
        db: &DatabaseConnection,
        person: &Person,
        page: PageRequest,
    ) -> Result<Rows> {
        Ok(match self {
            Self::Products(filter) => {
                let page = products::list(db, person, filter.clone(), page).await?;
                rows(page, |p| {
                    vec![
                        p.id.to_string(),
                        p.name,
                        p.kind.as_str().to_owned(),
                        p.cas.unwrap_or_default(),
                        p.supplier.unwrap_or_default(),
                        p.catalog_number.unwrap_or_default(),
                        p.hazards.join(" "),
                        opt(p.reorder_level),
                        p.reorder_unit.unwrap_or_default(),
                        p.team_id.to_string(),
                        p.created_at.to_rfc3339(),
                    ]
                })
            }
            Self::Lots(filter) => {
                let page = lots::list(db, person, filter.clone(), page).await?;
                // One query for the page's product names; a product the reader may not
                // see leaves its name blank (its id is still there).
                let ids: Vec<Uuid> = page.items.iter().map(|l: &Lot| l.product_id).collect();
                let names = products::names(db, &ids).await?;
                rows(page, |l| lot_row(l, &names))
            }
            Self::Samples(filter) => rows(
                samples::list(db, person, filter.clone(), page).await?,
                sample_row,
            ),
            Self::Instruments(filter) => {
                let page = instruments::list(db, person, filter.clone(), page).await?;
                rows(page, |i| {
                    vec![
                        i.id.to_string(),
                        i.label_code,
                        i.name,
                        i.model.unwrap_or_default(),
                        i.serial.unwrap_or_default(),
                        i.status.as_str().to_owned(),
                        i.calibration.as_str().to_owned(),
                        opt(i.calibrated_until),
                        opt(i.location_id),
                        i.team_id.to_string(),
                        i.created_at.to_rfc3339(),
                    ]
                })
            }
            Self::Locations { q, sort } => {
                let page = locations::list(db, person, q.as_deref(), *sort, page).await?;
                rows(page, |l| {
                    vec![
                        l.id.to_string(),
                        l.label_code,
                        l.name,
                        opt(l.parent_id),
                        l.grid
                            .map(|g| format!("{}x{}", g.rows, g.cols))
                            .unwrap_or_default(),
                        l.team_id.to_string(),
                        l.created_at.to_rfc3339(),
                    ]
                })
            }
        })
    }
}

fn lot_row(l: Lot, product_names: &HashMap<Uuid, String>) -> Vec<String> {
    vec![
        l.id.to_string(),
        l.label_code,
        opt(product_names.get(&l.product_id)),
        l.product_id.to_string(),
        l.supplier_lot.unwrap_or_default(),
        l.quantity.to_string(),
        l.unit,
        l.status.as_str().to_owned(),
        l.received_on.to_string(),
        opt(l.opened_on),
        opt(l.expires_on),
        opt(l.location_id),
        l.position.unwrap_or_default(),
        l.team_id.to_string(),
        l.created_at.to_rfc3339(),
    ]
}

/// Parents read `aliquot sample S-…; derived lot L-…`, restricted ones without a code.
fn sample_row(s: Sample) -> Vec<String> {
    let parents = s
        .parents
        .iter()
        .map(|p| {
            let code = p.label_code.as_deref().unwrap_or("(restricted)");
            format!("{} {} {code}", p.relation.as_str(), p.kind)
        })
        .collect::<Vec<_>>()
        .join("; ");
    vec![
        s.id.to_string(),
        s.label_code,
        s.name,
        s.sample_type.unwrap_or_default(),
        s.quantity.to_string(),
        s.unit,
        s.status.as_str().to_owned(),
        opt(s.location_id),
        s.position.unwrap_or_default(),
        parents,
        s.team_id.to_string(),
        s.created_at.to_rfc3339(),
    ]
}

const PRODUCT_COLUMNS: [&str; 11] = [
    "id",
    "name",
    "kind",
    "cas",
    "supplier",
    "catalog_number",
    "hazards",
    "reorder_level",
    "reorder_unit",
    "team_id",
    "created_at",
];
const LOT_COLUMNS: [&str; 15] = [
    "id",
    "label_code",
    "product",
    "product_id",
    "supplier_lot",
    "quantity",
    "unit",
    "status",
    "received_on",
    "opened_on",
    "expires_on",
    "location_id",
    "position",
    "team_id",
    "created_at",
];
const SAMPLE_COLUMNS: [&str; 12] = [
    "id",
    "label_code",
    "name",
    "type",
    "quantity",
    "unit",
    "status",
    "location_id",
    "position",
    "parents",
    "team_id",
    "created_at",
];
const INSTRUMENT_COLUMNS: [&str; 11] = [
    "id",
    "label_code",
    "name",
    "model",
    "serial",
    "status",
    "calibration",
    "calibrated_until",
    "location_id",
    "team_id",
    "created_at",
];
const LOCATION_COLUMNS: [&str; 7] = [
    "id",
    "label_code",
    "name",
    "parent_id",
    "grid",
    "team_id",
    "created_at",
];

fn rows<T>(page: Page<T>, row: impl Fn(T) -> Vec<String>) -> Rows {
    (page.items.into_iter().map(row).collect(), page.next_cursor)
}

fn opt(value: Option<impl ToString>) -> String {
    value.map(|v| v.to_string()).unwrap_or_default()
}

/// Rows as CSV (UTF-8), every cell a spreadsheet would run as a formula defused.
pub fn encode(rows: impl IntoIterator<Item = Vec<String>>) -> Vec<u8> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    for row in rows {
        // Spreadsheets run a cell starting with = + - @ (or a tab/CR) as a formula: the
        // characters OWASP lists for CSV injection. A negative number is defused too, a
        // price worth paying (quantities are never negative).
        let row = row.into_iter().map(|cell| match cell.chars().next() {
            Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{cell}"),
            _ => cell,
        });
        // Writing to a Vec cannot fail.
        let _ = writer.write_record(row);
    }
    writer.into_inner().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::encode;

    #[test]
    fn every_cell_a_spreadsheet_would_run_is_defused() {
        // OWASP's list: = + - @ tab and carriage return.
        let cells = [
            "=1+2", "+1", "-2+3", "@SUM(A1)", "\tx", "\rx", "plain", "a=b", "",
        ];
        let csv = encode([cells.iter().map(|c| (*c).to_owned()).collect()]);
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(&csv[..]);
        let row = reader.records().next().unwrap().unwrap();
        let row: Vec<&str> = row.iter().collect();
        assert_eq!(
            row,
            [
                "'=1+2",
                "'+1",
                "'-2+3",
                "'@SUM(A1)",
                "'\tx",
                "'\rx",
                "plain",
                "a=b",
                ""
            ]
        );
    }
}
