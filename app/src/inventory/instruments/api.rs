//! Server functions of the instrument pages; the rules are the service's.

// A server function called by a form takes one argument per field.
#![allow(clippy::too_many_arguments)]

use domain::instrument::{Instrument, InstrumentRecord};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;
#[cfg(feature = "ssr")]
use {
    crate::inventory::fields::{blank, date},
    crate::session::{database, principal},
    domain::{page::PageRequest, DomainError},
};

#[server(prefix = "/api/ui", endpoint = "instrument_list", input = leptos::server_fn::codec::GetUrl)]
pub async fn instrument_list(
    q: String,
    sort: String,
    after: String,
) -> Result<domain::page::Page<Instrument>, AppError> {
    let who = principal()?;
    let db = database()?;
    let page = PageRequest::parse(Some(crate::list_search::PAGE_SIZE), Some(&after))?;
    let filter = service::inventory::instruments::InstrumentQuery {
        q: Some(q),
        sort: domain::page::Sort::parse(Some(&sort), &service::inventory::instruments::SORTS)?,
        ..Default::default()
    };
    Ok(service::inventory::instruments::list(&db.conn, &who.person, filter, page).await?)
}

#[server(prefix = "/api/ui", endpoint = "create_instrument")]
pub async fn create_instrument(
    name: String,
    model: String,
    serial: String,
    csrf_token: String,
) -> Result<Instrument, AppError> {
    let _ = csrf_token;
    let who = principal()?;
    let db = database()?;
    let new = domain::instrument::NewInstrument {
        name,
        model: blank(model),
        serial: blank(serial),
        ..Default::default()
    };
    Ok(service::inventory::instruments::create(&db.conn, &who.person, new).await?)
}

/// An instrument with its records.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InstrumentDetail {
    pub instrument: Instrument,
    pub records: Vec<InstrumentRecord>,
}

#[server(prefix = "/api/ui", endpoint = "instrument_view", input = leptos::server_fn::codec::GetUrl)]
pub async fn instrument_view(id: String) -> Result<InstrumentDetail, AppError> {
    let who = principal()?;
    let db = database()?;
    let id = domain::kind::Kind::Instrument.id(&id)?;
    let instrument = service::inventory::instruments::get(&db.conn, &who.person, id).await?;
    let records = service::inventory::instruments::records(&db.conn, &who.person, id).await?;
    Ok(InstrumentDetail {
        instrument,
        records,
    })
}

#[server(prefix = "/api/ui", endpoint = "add_instrument_record")]
pub async fn add_instrument_record(
    instrument_id: String,
    kind: String,
    performed_on: String,
    valid_until: String,
    performed_by: String,
    notes: String,
    csrf_token: String,
) -> Result<InstrumentRecord, AppError> {
    let _ = csrf_token;
    let who = principal()?;
    let db = database()?;
    let Some(performed_on) = date("performed_on", &performed_on)? else {
        return Err(DomainError::invalid("performed_on", "required", "is required").into());
    };
    let new = domain::instrument::NewRecord {
        kind,
        performed_on,
        valid_until: date("valid_until", &valid_until)?,
        performed_by: blank(performed_by),
        notes: blank(notes),
    };
    let id = domain::kind::Kind::Instrument.id(&instrument_id)?;
    Ok(service::inventory::instruments::add_record(&db.conn, &who.person, id, new).await?)
}

#[server(prefix = "/api/ui", endpoint = "set_instrument_status")]
pub async fn set_instrument_status(
    instrument_id: String,
    status: String,
    csrf_token: String,
) -> Result<Instrument, AppError> {
    let _ = csrf_token;
    let who = principal()?;
    let db = database()?;
    let patch = domain::instrument::InstrumentPatch {
        status: Some(status),
        ..Default::default()
    };
    let id = domain::kind::Kind::Instrument.id(&instrument_id)?;
    Ok(service::inventory::instruments::update(&db.conn, &who.person, id, patch).await?)
}
