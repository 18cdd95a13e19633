//! Products: the catalogue entries lots are made of.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Deserializer, Serialize};
use uuid::Uuid;

use crate::{
    cas::Cas,
    person::parse_name,
    quantity::{Quantity, Unit},
    DomainError, FieldError,
};

#[cfg_attr(
    feature = "db",
    derive(sea_orm::DeriveValueType),
    sea_orm(
        value_type = "String",
        from_str = "ProductKind::from_stored",
        to_str = "ProductKind::to_stored"
    )
)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum ProductKind {
    Chemical,
    Biological,
    Consumable,
    Kit,
    Other,
}

crate::stored!(
    ProductKind,
    "product kind",
    [Chemical, Biological, Consumable, Kit, Other]
);

impl ProductKind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Chemical => "chemical",
            Self::Biological => "biological",
            Self::Consumable => "consumable",
            Self::Kit => "kit",
            Self::Other => "other",
        }
    }

    pub fn parse(raw: &str) -> Result<Self, DomainError> {
        let raw = raw.trim().to_ascii_lowercase();
        Self::ALL
            .iter()
            .copied()
            .find(|k| k.as_str() == raw)
            .ok_or_else(|| {
                DomainError::invalid(
                    "kind",
                    "invalid",
                    "must be one of chemical, biological, consumable, kit, other",
                )
            })
    }
}

/// The nine GHS hazard pictograms, GHS01 (explosive) to GHS09 (environment).
pub const GHS_PICTOGRAMS: [&str; 9] = [
    "GHS01", "GHS02", "GHS03", "GHS04", "GHS05", "GHS06", "GHS07", "GHS08", "GHS09",
];

/// A product as the API and the UI see it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Product {
    pub id: Uuid,
    pub team_id: Uuid,
    pub created_by: Option<Uuid>,
    pub name: String,
    pub kind: ProductKind,
    /// Canonical CAS number, for chemicals.
    pub cas: Option<String>,
    pub supplier: Option<String>,
    pub catalog_number: Option<String>,
    /// GHS pictogram codes (`GHS02`, …).
    pub hazards: Vec<String>,
    /// Below this much stock in all, the product is flagged for reordering.
    pub reorder_level: Option<f64>,
    pub reorder_unit: Option<String>,
    /// The safety data sheet (`GET /api/v1/attachments/{id}`), once one is uploaded.
    pub sds_attachment_id: Option<Uuid>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// `POST /api/v1/products`.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewProduct {
    /// Not blank, at most 200 characters, no control or invisible characters.
    #[cfg_attr(
        feature = "openapi",
        schema(min_length = 1, max_length = 200, pattern = r"\S")
    )]
    pub name: String,
    /// chemical, biological, consumable, kit or other.
    pub kind: String,
    #[serde(default)]
    pub cas: Option<String>,
    #[serde(default)]
    pub supplier: Option<String>,
    #[serde(default)]
    pub catalog_number: Option<String>,
    #[serde(default)]
    pub hazards: Vec<String>,
    #[serde(default)]
    pub reorder_level: Option<f64>,
    #[serde(default)]
    pub reorder_unit: Option<String>,
    /// The owning team; the creator's only team by default.
    #[serde(default)]
    pub team_id: Option<Uuid>,
}

/// `PATCH /api/v1/products/{id}`: absent fields stay; `null` clears an optional one.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ProductPatch {
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub kind: Option<String>,
    #[serde(default, deserialize_with = "present")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, nullable))]
    pub cas: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, nullable))]
    pub supplier: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, nullable))]
    pub catalog_number: Option<Option<String>>,
    #[serde(default)]
    pub hazards: Option<Vec<String>>,
    #[serde(default, deserialize_with = "present")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<f64>, nullable))]
    pub reorder_level: Option<Option<f64>>,
    #[serde(default, deserialize_with = "present")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, nullable))]
    pub reorder_unit: Option<Option<String>>,
}

fn present<'de, D: Deserializer<'de>, T: Deserialize<'de>>(
    d: D,
) -> Result<Option<Option<T>>, D::Error> {
    Option::<T>::deserialize(d).map(Some)
}

impl ProductPatch {
    /// The fields after the patch, to validate as a whole.
    pub fn apply(self, current: &Product) -> NewProduct {
        NewProduct {
            name: self.name.unwrap_or_else(|| current.name.clone()),
            kind: self
                .kind
                .unwrap_or_else(|| current.kind.as_str().to_owned()),
            cas: self.cas.unwrap_or_else(|| current.cas.clone()),
            supplier: self.supplier.unwrap_or_else(|| current.supplier.clone()),
            catalog_number: self
                .catalog_number
                .unwrap_or_else(|| current.catalog_number.clone()),
            hazards: self.hazards.unwrap_or_else(|| current.hazards.clone()),
            reorder_level: self.reorder_level.unwrap_or(current.reorder_level),
            reorder_unit: self
                .reorder_unit
                .unwrap_or_else(|| current.reorder_unit.clone()),
            team_id: None,
        }
    }
}

/// A product's fields once every rule holds.
#[derive(Debug, Clone, PartialEq)]
pub struct ValidProduct {
    pub name: String,
    pub kind: ProductKind,
    pub cas: Option<Cas>,
    pub supplier: Option<String>,
    pub catalog_number: Option<String>,
    pub hazards: Vec<String>,
    /// The reorder level in stored steps, with its unit.
    pub reorder: Option<(Quantity, Unit)>,
}

impl NewProduct {
    /// Checks every field and reports every problem at once.
    pub fn validate(&self) -> Result<ValidProduct, DomainError> {
        let mut errors: Vec<FieldError> = Vec::new();
        let mut keep = |e: DomainError| errors.extend(e.field_errors().iter().cloned());
        let name = parse_name("name", &self.name).map_err(&mut keep).ok();
        let kind = ProductKind::parse(&self.kind).map_err(&mut keep).ok();
        let cas = match blank_to_none(&self.cas) {
            Some(raw) => Cas::parse(raw).map_err(&mut keep).ok(),
            None => None,
        };
        let supplier = optional_text("supplier", &self.supplier)
            .map_err(&mut keep)
            .ok();
        let catalog_number = optional_text("catalog_number", &self.catalog_number)
            .map_err(&mut keep)
            .ok();
        let mut hazards: Vec<String> = Vec::new();
        for raw in &self.hazards {
            let code = raw.trim().to_ascii_uppercase();
            if GHS_PICTOGRAMS.contains(&code.as_str()) {
                if !hazards.contains(&code) {
                    hazards.push(code);
                }
            } else {
                keep(DomainError::invalid(
                    "hazards",
                    "invalid",
                    format!("{raw:?} is not a GHS pictogram (GHS01 to GHS09)"),
                ));
            }
        }
        hazards.sort();
        let reorder = match (self.reorder_level, blank_to_none(&self.reorder_unit)) {
            (None, None) => Some(None),
            (Some(level), Some(unit)) => Unit::parse("reorder_unit", unit)
                .map_err(&mut keep)
                .ok()
                .and_then(|unit| {
                    Quantity::positive("reorder_level", level, unit)
                        .map_err(&mut keep)
                        .ok()
                        .map(|q| Some((q, unit)))
                }),
            (Some(_), None) => {
                keep(DomainError::invalid(
                    "reorder_unit",
                    "required",
                    "is required with a reorder level",
                ));
                None
            }
            (None, Some(_)) => {
                keep(DomainError::invalid(
                    "reorder_level",
                    "required",
                    "is required with a reorder unit",
                ));
                None
            }
        };
        match (name, kind, supplier, catalog_number, reorder) {
            (Some(name), Some(kind), Some(supplier), Some(catalog_number), Some(reorder))
                if errors.is_empty() =>
            {
                Ok(ValidProduct {
                    name,
                    kind,
                    cas,
                    supplier,
                    catalog_number,
                    hazards,
                    reorder,
                })
            }
            _ => Err(DomainError::Validation(errors)),
        }
    }
}

fn blank_to_none(value: &Option<String>) -> Option<&str> {
    value.as_deref().map(str::trim).filter(|v| !v.is_empty())
}

/// An optional short text: trimmed, empty means none, at most 200 characters.
fn optional_text(field: &str, value: &Option<String>) -> Result<Option<String>, DomainError> {
    blank_to_none(value)
        .map(|v| parse_name(field, v))
        .transpose()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ethanol() -> NewProduct {
        NewProduct {
            name: " Ethanol absolute ".into(),
            kind: "Chemical".into(),
            cas: Some("64175".into()),
            hazards: vec!["ghs02".into(), "GHS07".into(), "GHS02".into()],
            reorder_level: Some(2.5),
            reorder_unit: Some("l".into()),
            ..Default::default()
        }
    }

    #[test]
    fn a_valid_product_is_normalised() {
        let p = ethanol().validate().unwrap();
        assert_eq!(p.name, "Ethanol absolute");
        assert_eq!(p.kind, ProductKind::Chemical);
        assert_eq!(p.cas.unwrap().as_str(), "64-17-5");
        assert_eq!(p.hazards, ["GHS02", "GHS07"]);
        let (q, unit) = p.reorder.unwrap();
        assert_eq!((q.steps, unit.symbol), (2_500_000_000, "L"));
    }

    #[test]
    fn every_problem_is_reported_with_its_field() {
        let bad = NewProduct {
            name: "".into(),
            kind: "mineral".into(),
            cas: Some("64-17-4".into()),
            hazards: vec!["GHS10".into()],
            reorder_level: Some(-1.0),
            reorder_unit: Some("g".into()),
            ..Default::default()
        };
        let err = bad.validate().unwrap_err();
        let fields: Vec<&str> = err
            .field_errors()
            .iter()
            .map(|e| e.field.as_str())
            .collect();
        assert_eq!(fields, ["name", "kind", "cas", "hazards", "reorder_level"]);
        let half = NewProduct {
            reorder_level: Some(1.0),
            reorder_unit: None,
            ..ethanol()
        };
        assert_eq!(
            half.validate().unwrap_err().field_errors()[0].field,
            "reorder_unit"
        );
    }
}

/// How a product is counted: by the unit it is reordered in, else by the unit of its
/// lots so far (`None`: nothing says yet, any unit is taken).
pub fn dimension(
    reorder_unit: Option<&str>,
    earlier_lot: Option<crate::quantity::Unit>,
) -> Option<crate::quantity::Dimension> {
    reorder_unit
        .and_then(|u| crate::quantity::Unit::parse("reorder_unit", u).ok())
        .or(earlier_lot)
        .map(|u| u.dimension)
}

/// A lot received in a unit the product is not counted in (Tris base in mL) is
/// refused: its stock could never be compared, reordered or used up.
pub fn check_receipt_unit(
    unit: crate::quantity::Unit,
    product: Option<crate::quantity::Dimension>,
) -> Result<(), DomainError> {
    match product {
        Some(expected) if expected != unit.dimension => Err(DomainError::invalid(
            "unit",
            "product_dimension",
            format!(
                "{} measures {}, but this product is counted in {}",
                unit.symbol,
                format!("{:?}", unit.dimension).to_lowercase(),
                format!("{expected:?}").to_lowercase()
            ),
        )),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod receipt_tests {
    use super::*;
    use crate::quantity::{Dimension, Unit};

    #[test]
    fn a_product_is_counted_by_its_reorder_unit_else_its_lots() {
        let ml = Unit::parse("unit", "mL").unwrap();
        let g = Unit::parse("unit", "g").unwrap();
        assert_eq!(dimension(Some("kg"), Some(ml)), Some(Dimension::Mass));
        assert_eq!(dimension(None, Some(ml)), Some(Dimension::Volume));
        assert_eq!(dimension(None, None), None);
        // Tris base, counted in grams, received in mL: refused, naming the unit.
        let err = check_receipt_unit(ml, Some(Dimension::Mass)).unwrap_err();
        assert_eq!(err.field_errors()[0].field, "unit");
        assert_eq!(err.field_errors()[0].code, "product_dimension");
        assert!(check_receipt_unit(g, Some(Dimension::Mass)).is_ok());
        assert!(check_receipt_unit(ml, None).is_ok());
    }
}
