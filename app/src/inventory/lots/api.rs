//! Server functions of lots: the list with its filters, receiving one (from its product's
//! page) and the lot page; the rules are the service's, as for the API.

// A server function called by a form takes one argument per field.
#![allow(clippy::too_many_arguments)]

use domain::lot::{Lot, Movement};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::{
    inventory::fields::{blank, date, required_number},
    session::{database, principal},
};

/// A page of the lots list: the lots, their products' names and the places the person
/// may see (to name where each is kept, and to filter by place).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LotListing {
    pub page: domain::page::Page<Lot>,
    pub product_names: std::collections::HashMap<uuid::Uuid, String>,
    pub places: Vec<domain::location::Location>,
}

/// The lots the person may see, filtered as the API filters them.
#[server(prefix = "/api/ui", endpoint = "lot_list", input = leptos::server_fn::codec::GetUrl)]
pub async fn lot_list(
    q: String,
    sort: String,
    status: String,
    within: String,
    expires_after: String,
    expires_before: String,
    after: String,
) -> Result<LotListing, AppError> {
    let who = principal()?;
    let db = database()?;
    let filter = service::inventory::lots::LotQuery {
        q: Some(q),
        within: blank(within)
            .map(|w| domain::kind::Kind::Location.id(&w))
            .transpose()?,
        status: Some(status),
        expires_after: date("expires_after", &expires_after)?,
        expires_before: date("expires_before", &expires_before)?,
        sort: domain::page::Sort::parse(Some(&sort), &service::inventory::lots::SORTS)?,
        ..Default::default()
    };
    let page = domain::page::PageRequest::parse(Some(crate::list_search::PAGE_SIZE), Some(&after))?;
    let page = service::inventory::lots::list(&db.conn, &who.person, filter, page).await?;
    let ids: Vec<uuid::Uuid> = page.items.iter().map(|l| l.product_id).collect();
    let product_names = service::inventory::products::names(&db.conn, &ids).await?;
    let places = service::inventory::locations::list_all(&db.conn, &who.person).await?;
    Ok(LotListing {
        page,
        product_names,
        places,
    })
}

#[server(prefix = "/api/ui", endpoint = "receive_lot")]
pub async fn receive_lot(
    product_id: String,
    quantity: String,
    unit: String,
    supplier_lot: String,
    // Absent from a form a tab loaded before these fields existed: blank, as typed.
    #[server(default)] received_on: String,
    expires_on: String,
    #[server(default)] location_id: String,
    #[server(default)] position: String,
    csrf_token: String,
) -> Result<Lot, AppError> {
    let _ = csrf_token;
    let who = principal()?;
    let db = database()?;
    let location_id = match location_id.trim() {
        "" => None,
        raw => Some(domain::kind::Kind::Location.id(raw)?),
    };
    let new = domain::lot::NewLot {
        product_id: domain::kind::Kind::Product.id(&product_id)?,
        quantity: required_number("quantity", &quantity)?,
        unit,
        supplier_lot: blank(supplier_lot),
        received_on: date("received_on", &received_on)?,
        expires_on: date("expires_on", &expires_on)?,
        location_id,
        position: blank(position),
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
    /// Whether the person may change it (a viewer, or a team it is shared with for
    /// reading, sees no form).
    pub may_write: bool,
}

#[server(prefix = "/api/ui", endpoint = "lot_view", input = leptos::server_fn::codec::GetUrl)]
pub async fn lot_view(id: String) -> Result<LotWithLedger, AppError> {
    let who = principal()?;
    let db = database()?;
    let id = domain::kind::Kind::Lot.id(&id)?;
    let lot = service::inventory::lots::get(&db.conn, &who.person, id).await?;
    // The product's name even when only the lot is shared with the reader.
    let product_name = service::inventory::products::names(&db.conn, &[lot.product_id])
        .await?
        .remove(&lot.product_id)
        .unwrap_or_default();
    let movements = service::inventory::lots::movements(&db.conn, &who.person, id).await?;
    let places = service::inventory::locations::list_all(&db.conn, &who.person).await?;
    let kind = domain::kind::Kind::Lot;
    let access =
        service::things::access(&db.conn, &who.person, kind, id, lot.team_id, lot.created_by)
            .await?;
    Ok(LotWithLedger {
        lot,
        product_name,
        movements,
        places,
        may_write: access >= domain::access::Access::Write,
    })
}

/// Corrects what was typed at receipt or since: the supplier's lot number, the day the lot
/// was opened, its expiry. The form shows the current values, so a field emptied clears
/// it. Audited like the API's `PATCH`.
#[server(prefix = "/api/ui", endpoint = "correct_lot")]
pub async fn correct_lot(
    id: String,
    supplier_lot: String,
    opened_on: String,
    expires_on: String,
    csrf_token: String,
) -> Result<Lot, AppError> {
    let _ = csrf_token;
    let patch = domain::lot::LotPatch {
        supplier_lot: Some(blank(supplier_lot)),
        opened_on: Some(date("opened_on", &opened_on)?),
        expires_on: Some(date("expires_on", &expires_on)?),
        ..Default::default()
    };
    patch_lot(&id, patch).await
}

/// Quarantines a lot (it takes no movement but corrections until released) or releases
/// it (`status`: `quarantined` or `in_use`).
#[server(prefix = "/api/ui", endpoint = "set_lot_status")]
pub async fn set_lot_status(
    id: String,
    status: String,
    csrf_token: String,
) -> Result<Lot, AppError> {
    let _ = csrf_token;
    let patch = domain::lot::LotPatch {
        status: Some(status),
        ..Default::default()
    };
    patch_lot(&id, patch).await
}

/// Changes the lot `id` as the API's `PATCH` does (same rules, same audit).
#[cfg(feature = "ssr")]
async fn patch_lot(id: &str, patch: domain::lot::LotPatch) -> Result<Lot, AppError> {
    let who = principal()?;
    let db = database()?;
    let id = domain::kind::Kind::Lot.id(id)?;
    Ok(service::inventory::lots::update(&db.conn, &who.person, id, patch).await?)
}
