//! Server functions of the sample pages; the rules are the service's, as for the API.

// A server function called by a form takes one argument per field.
#![allow(clippy::too_many_arguments)]

use domain::sample::{Sample, SampleMovement};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;
#[cfg(feature = "ssr")]
use {
    crate::inventory::fields::{blank, number, required_number},
    crate::session::{database, principal},
    domain::{page::PageRequest, person::Person, sample::NewParent, DomainError},
    service::inventory::samples::SampleQuery,
};

#[server(prefix = "/api/ui", endpoint = "sample_list", input = leptos::server_fn::codec::GetUrl)]
pub async fn sample_list(
    q: String,
    sort: String,
    after: String,
) -> Result<domain::page::Page<Sample>, AppError> {
    let who = principal()?;
    let db = database()?;
    let filter = SampleQuery {
        q: Some(q),
        sort: domain::page::Sort::parse(Some(&sort), &service::inventory::samples::SORTS)?,
        ..Default::default()
    };
    let page = PageRequest::parse(Some(crate::list_search::PAGE_SIZE), Some(&after))?;
    Ok(service::inventory::samples::list(&db.conn, &who.person, filter, page).await?)
}

/// The parent named on the bench by its label code (typed or scanned): a sample or a
/// lot the person may see.
#[cfg(feature = "ssr")]
async fn parent_by_code(
    db: &service::Database,
    person: &Person,
    code: &str,
) -> Result<(Option<uuid::Uuid>, Option<uuid::Uuid>), AppError> {
    let not_found = || {
        DomainError::invalid(
            "parent_code",
            "not_found",
            "no sample or lot has this label code",
        )
    };
    let code = labels::LabelCode::parse(code)
        .map_err(|e| DomainError::invalid("parent_code", e.code(), e.to_string()))?
        .to_string();
    let page = PageRequest::parse(Some("2"), None)?;
    let filter = SampleQuery {
        q: Some(code.clone()),
        ..Default::default()
    };
    let samples = service::inventory::samples::list(&db.conn, person, filter, page).await?;
    if let Some(s) = samples.items.iter().find(|s| s.label_code == code) {
        return Ok((Some(s.id), None));
    }
    let lots = service::inventory::lots::list(
        &db.conn,
        person,
        service::inventory::lots::LotQuery {
            q: Some(code.clone()),
            ..Default::default()
        },
        page,
    )
    .await?;
    match lots.items.iter().find(|l| l.label_code == code) {
        Some(l) => Ok((None, Some(l.id))),
        None => Err(not_found().into()),
    }
}

/// Makes a sample; `parent_code` (optional) is the label code of what it was made from.
#[server(prefix = "/api/ui", endpoint = "create_sample")]
pub async fn create_sample(
    name: String,
    sample_type: String,
    quantity: String,
    unit: String,
    parent_code: String,
    relation: String,
    taken: String,
    csrf_token: String,
) -> Result<Sample, AppError> {
    let _ = csrf_token;
    let who = principal()?;
    let db = database()?;
    let mut parents = Vec::new();
    if !parent_code.trim().is_empty() {
        let (sample_id, lot_id) = parent_by_code(&db, &who.person, &parent_code).await?;
        parents.push(NewParent {
            sample_id,
            lot_id,
            relation,
            quantity: number("taken", &taken)?,
            unit: None,
        });
    }
    let new = domain::sample::NewSample {
        name,
        sample_type: blank(sample_type),
        quantity: required_number("quantity", &quantity)?,
        unit,
        parents,
        ..Default::default()
    };
    Ok(service::inventory::samples::create(&db.conn, &who.person, new).await?)
}

/// A sample with what was made from it and its ledger.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SampleDetail {
    pub sample: Sample,
    pub children: Vec<Sample>,
    pub movements: Vec<SampleMovement>,
    /// Every location the person may see (to move it, and to name its place).
    pub places: Vec<domain::location::Location>,
    /// Whether the person may change it (a viewer, or a team it is shared with for
    /// reading, sees no form).
    pub may_write: bool,
}

#[server(prefix = "/api/ui", endpoint = "sample_view", input = leptos::server_fn::codec::GetUrl)]
pub async fn sample_view(id: String) -> Result<SampleDetail, AppError> {
    let who = principal()?;
    let db = database()?;
    let id = domain::kind::Kind::Sample.id(&id)?;
    let sample = service::inventory::samples::get(&db.conn, &who.person, id).await?;
    let filter = SampleQuery {
        derived_from: Some(id),
        ..Default::default()
    };
    let page = PageRequest::parse(Some("500"), None)?;
    let children = service::inventory::samples::list(&db.conn, &who.person, filter, page)
        .await?
        .items;
    let movements = service::inventory::samples::movements(&db.conn, &who.person, id).await?;
    let places = service::inventory::locations::list_all(&db.conn, &who.person).await?;
    let kind = domain::kind::Kind::Sample;
    let (team, creator) = (sample.team_id, sample.created_by);
    let access = service::things::access(&db.conn, &who.person, kind, id, team, creator).await?;
    Ok(SampleDetail {
        sample,
        children,
        movements,
        places,
        may_write: access >= domain::access::Access::Write,
    })
}

#[server(prefix = "/api/ui", endpoint = "make_aliquots")]
pub async fn make_aliquots(
    sample_id: String,
    count: String,
    quantity: String,
    unit: String,
    csrf_token: String,
) -> Result<usize, AppError> {
    let _ = csrf_token;
    let who = principal()?;
    let db = database()?;
    let count = match number("count", &count)? {
        Some(n) if n.fract() == 0.0 && (0.0..=f64::from(u32::MAX)).contains(&n) => n as u32,
        _ => return Err(DomainError::invalid("count", "invalid", "is not a whole number").into()),
    };
    let new = domain::sample::NewAliquots {
        count,
        quantity: required_number("quantity", &quantity)?,
        unit: blank(unit),
        location_id: None,
    };
    let id = domain::kind::Kind::Sample.id(&sample_id)?;
    Ok(
        service::inventory::samples::aliquot(&db.conn, &who.person, id, new)
            .await?
            .len(),
    )
}
