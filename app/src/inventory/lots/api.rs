//! Server functions of lots: receiving one (from its product's page) and the lot page;
//! the rules are the service's, as for the API.

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
        quantity: required_number("quantity", &quantity)?,
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
    // The product's name even when only the lot is shared with the reader.
    let product_name = service::inventory::products::names(&db.conn, &[lot.product_id])
        .await?
        .remove(&lot.product_id)
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
