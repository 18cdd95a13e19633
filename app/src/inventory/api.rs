//! Server functions of the inventory pages; the rules are the service's, as for the API.

// A server function called by a form takes one argument per field.
#![allow(clippy::too_many_arguments)]

use domain::{
    lot::{Lot, Movement},
    product::Product,
};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::session::{database, principal};

/// A number typed in a form; empty means none. The error names `field`.
#[cfg(feature = "ssr")]
pub(super) fn number(field: &str, raw: &str) -> Result<Option<f64>, AppError> {
    match raw.trim().replace(',', ".").as_str() {
        "" => Ok(None),
        text => text
            .parse::<f64>()
            .map(Some)
            .map_err(|_| domain::DomainError::invalid(field, "invalid", "is not a number").into()),
    }
}

/// A date typed in a form (`YYYY-MM-DD`, what date inputs send); empty means none.
#[cfg(feature = "ssr")]
pub(super) fn date(field: &str, raw: &str) -> Result<Option<chrono::NaiveDate>, AppError> {
    match raw.trim() {
        "" => Ok(None),
        text => chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d")
            .map(Some)
            .map_err(|_| domain::DomainError::invalid(field, "invalid", "is not a date").into()),
    }
}

#[cfg(feature = "ssr")]
pub(super) fn blank(raw: String) -> Option<String> {
    Some(raw).filter(|s| !s.trim().is_empty())
}

#[server(prefix = "/api/ui", endpoint = "product_list", input = leptos::server_fn::codec::GetUrl)]
pub async fn product_list(q: String, sort: String) -> Result<Vec<Product>, AppError> {
    let who = principal()?;
    let db = database()?;
    let filter = service::inventory::products::ProductQuery {
        q: Some(q),
        sort: domain::page::Sort::parse(Some(&sort), &service::inventory::products::SORTS)?,
        ..Default::default()
    };
    let page = domain::page::PageRequest::parse(Some("500"), None)?;
    Ok(
        service::inventory::products::list(&db.conn, &who.person, filter, page)
            .await?
            .items,
    )
}

#[server(prefix = "/api/ui", endpoint = "create_product")]
pub async fn create_product(
    name: String,
    kind: String,
    cas: String,
    supplier: String,
    catalog_number: String,
    reorder_level: String,
    reorder_unit: String,
    csrf_token: String,
) -> Result<Product, AppError> {
    let _ = csrf_token;
    let who = principal()?;
    let db = database()?;
    let new = domain::product::NewProduct {
        name,
        kind,
        cas: blank(cas),
        supplier: blank(supplier),
        catalog_number: blank(catalog_number),
        reorder_level: number("reorder_level", &reorder_level)?,
        reorder_unit: blank(reorder_unit),
        ..Default::default()
    };
    Ok(service::inventory::products::create(&db.conn, &who.person, new).await?)
}

/// A product with its lots.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProductWithLots {
    pub product: Product,
    pub lots: Vec<Lot>,
    /// The current safety data sheet.
    pub sds: Option<domain::attachment::Attachment>,
}

#[server(prefix = "/api/ui", endpoint = "product_view", input = leptos::server_fn::codec::GetUrl)]
pub async fn product_view(id: String) -> Result<ProductWithLots, AppError> {
    let who = principal()?;
    let db = database()?;
    let id = domain::kind::Kind::Product.id(&id)?;
    let product = service::inventory::products::get(&db.conn, &who.person, id).await?;
    let page = domain::page::PageRequest::parse(Some("500"), None)?;
    let lots = service::inventory::lots::list(
        &db.conn,
        &who.person,
        service::inventory::lots::LotQuery {
            product_id: Some(id),
            ..Default::default()
        },
        page,
    )
    .await?
    .items;
    let sds = match product.sds_attachment_id {
        Some(sds) => Some(service::things::attachments::get(&db.conn, &who.person, sds).await?),
        None => None,
    };
    Ok(ProductWithLots { product, lots, sds })
}

#[server(prefix = "/api/ui", endpoint = "receive_lot")]
pub async fn receive_lot(
    product_id: String,
    quantity: String,
    unit: String,
    supplier_lot: String,
    expires_on: String,
    csrf_token: String,
) -> Result<Lot, AppError> {
    let _ = csrf_token;
    let who = principal()?;
    let db = database()?;
    let new = domain::lot::NewLot {
        product_id: domain::kind::Kind::Product.id(&product_id)?,
        quantity: number("quantity", &quantity)?.unwrap_or(0.0),
        unit,
        supplier_lot: blank(supplier_lot),
        received_on: None,
        expires_on: date("expires_on", &expires_on)?,
        location_id: None,
        position: None,
        team_id: None,
    };
    Ok(service::inventory::lots::create(&db.conn, &who.person, new).await?)
}

/// A lot with its product's name and its ledger.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LotWithLedger {
    pub lot: Lot,
    pub product_name: String,
    pub movements: Vec<Movement>,
    /// Every location the person may see (to move it, and to name its place).
    pub places: Vec<domain::location::Location>,
}

#[server(prefix = "/api/ui", endpoint = "lot_view", input = leptos::server_fn::codec::GetUrl)]
pub async fn lot_view(id: String) -> Result<LotWithLedger, AppError> {
    let who = principal()?;
    let db = database()?;
    let id = domain::kind::Kind::Lot.id(&id)?;
    let lot = service::inventory::lots::get(&db.conn, &who.person, id).await?;
    let product_name = service::inventory::products::get(&db.conn, &who.person, lot.product_id)
        .await
        .map(|p| p.name)
        .unwrap_or_default();
    let movements = service::inventory::lots::movements(&db.conn, &who.person, id).await?;
    let places = service::inventory::locations::list_all(&db.conn, &who.person).await?;
    Ok(LotWithLedger {
        lot,
        product_name,
        movements,
        places,
    })
}
