//! Server functions of the product pages; the rules are the service's, as for the API.

// A server function called by a form takes one argument per field.
#![allow(clippy::too_many_arguments)]

use domain::{lot::Lot, product::Product};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::{
    inventory::fields::{blank, number},
    session::{database, principal},
};

#[server(prefix = "/api/ui", endpoint = "product_list", input = leptos::server_fn::codec::GetUrl)]
pub async fn product_list(
    q: String,
    sort: String,
    after: String,
) -> Result<domain::page::Page<Product>, AppError> {
    let who = principal()?;
    let db = database()?;
    let filter = service::inventory::products::ProductQuery {
        q: Some(q),
        sort: domain::page::Sort::parse(Some(&sort), &service::inventory::products::SORTS)?,
        ..Default::default()
    };
    let page = domain::page::PageRequest::parse(Some(crate::list_search::PAGE_SIZE), Some(&after))?;
    Ok(service::inventory::products::list(&db.conn, &who.person, filter, page).await?)
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

/// Corrects a product (what a wrong CAS number or a missing pictogram needs): every field
/// as the form shows it; a blank one is cleared, hazards are the pictograms ticked.
#[server(prefix = "/api/ui", endpoint = "update_product")]
pub async fn update_product(
    id: String,
    name: String,
    kind: String,
    cas: String,
    supplier: String,
    catalog_number: String,
    reorder_level: String,
    reorder_unit: String,
    #[server(default)] hazards: Vec<String>,
    csrf_token: String,
) -> Result<Product, AppError> {
    let _ = csrf_token;
    let who = principal()?;
    let db = database()?;
    let id = domain::kind::Kind::Product.id(&id)?;
    let patch = domain::product::ProductPatch {
        name: Some(name),
        kind: Some(kind),
        cas: Some(blank(cas)),
        supplier: Some(blank(supplier)),
        catalog_number: Some(blank(catalog_number)),
        hazards: Some(hazards),
        reorder_level: Some(number("reorder_level", &reorder_level)?),
        reorder_unit: Some(blank(reorder_unit)),
    };
    Ok(service::inventory::products::update(&db.conn, &who.person, id, patch).await?)
}

/// A product with a page of its lots.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProductWithLots {
    pub product: Product,
    /// One page of its lots, oldest first, with the cursor of the next.
    pub lots: domain::page::Page<Lot>,
    /// The earlier lot a receipt is "like" (its unit and place prefilled), wherever it
    /// is in the list.
    pub like: Option<Lot>,
    /// The current safety data sheet.
    pub sds: Option<domain::attachment::Attachment>,
    /// How the product is counted (a receipt in another kind of unit is refused).
    pub dimension: Option<domain::quantity::Dimension>,
    /// Every location the person may see, to receive a lot into.
    pub places: Vec<domain::location::Location>,
    /// Today on the lab's clock: a receipt's day unless changed.
    pub today: chrono::NaiveDate,
    /// Whether the person may correct the product (a viewer sees no form).
    pub may_write: bool,
}

#[server(prefix = "/api/ui", endpoint = "product_view", input = leptos::server_fn::codec::GetUrl)]
pub async fn product_view(
    id: String,
    after: String,
    like: String,
) -> Result<ProductWithLots, AppError> {
    let who = principal()?;
    let db = database()?;
    let id = domain::kind::Kind::Product.id(&id)?;
    let product = service::inventory::products::get(&db.conn, &who.person, id).await?;
    let page = domain::page::PageRequest::parse(Some(crate::list_search::PAGE_SIZE), Some(&after))?;
    let lots = service::inventory::lots::list(
        &db.conn,
        &who.person,
        service::inventory::lots::LotQuery {
            product_id: Some(id),
            ..Default::default()
        },
        page,
    )
    .await?;
    // A lot of another product (an edited address) is no model for this one's receipt.
    let like = match blank(like) {
        Some(lot) => {
            let lot = domain::kind::Kind::Lot.id(&lot)?;
            Some(service::inventory::lots::get(&db.conn, &who.person, lot).await?)
                .filter(|l| l.product_id == id)
        }
        None => None,
    };
    let sds = match product.sds_attachment_id {
        Some(sds) => Some(service::things::attachments::get(&db.conn, &who.person, sds).await?),
        None => None,
    };
    let dimension = service::inventory::lots::product_dimension(
        &db.conn,
        product.id,
        product.reorder_unit.as_deref(),
    )
    .await?;
    let places = service::inventory::locations::list_all(&db.conn, &who.person).await?;
    let today = use_context::<domain::local_time::Zone>()
        .unwrap_or_default()
        .day(chrono::Utc::now());
    let may_write = service::things::access(
        &db.conn,
        &who.person,
        domain::kind::Kind::Product,
        product.id,
        product.team_id,
        product.created_by,
    )
    .await?
        >= domain::access::Access::Write;
    Ok(ProductWithLots {
        may_write,
        product,
        lots,
        like,
        sds,
        dimension,
        places,
        today,
    })
}
