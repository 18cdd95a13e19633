//! Server functions of the scan page: what a scanned code names, where "move here" puts
//! things (and, in a box, at which free position), and moving a scanned thing there.

use domain::label::LabelTarget;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;

#[server(prefix = "/api/ui", endpoint = "scan_resolve", input = leptos::server_fn::codec::GetUrl)]
pub async fn scan_resolve(code: String) -> Result<LabelTarget, AppError> {
    let who = crate::session::principal()?;
    let db = crate::session::database()?;
    let code = labels::LabelCode::parse(&code)
        .map_err(|e| domain::DomainError::invalid("code", e.code(), e.to_string()))?;
    Ok(service::things::labels::resolve(&db.conn, &who.person, &code).await?)
}

/// The place things are being put away in.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MovePlace {
    pub id: uuid::Uuid,
    pub name: String,
    pub label_code: String,
    /// A box: things go to a position, by default the first free one (`None`: full).
    pub is_box: bool,
    pub next_free: Option<String>,
}

#[server(prefix = "/api/ui", endpoint = "scan_place", input = leptos::server_fn::codec::GetUrl)]
pub async fn scan_place(id: String) -> Result<MovePlace, AppError> {
    let who = crate::session::principal()?;
    let db = crate::session::database()?;
    let id = domain::kind::Kind::Location.id(&id)?;
    let place = service::inventory::locations::get(&db.conn, &who.person, id).await?;
    Ok(MovePlace {
        id,
        name: place.name,
        label_code: place.label_code,
        is_box: place.grid.is_some(),
        next_free: service::inventory::positions::next_free(&db.conn, id).await?,
    })
}

/// What was moved, and where in a box.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Moved {
    pub target: LabelTarget,
    pub position: Option<String>,
}

/// Puts the lot or sample `code` names into `location_id`: at `position` in a box (the
/// first free one when left blank — never nowhere, where it would vanish from the box's
/// page), answering what was moved.
#[server(prefix = "/api/ui", endpoint = "scan_move")]
pub async fn scan_move(
    code: String,
    location_id: String,
    #[server(default)] position: Option<String>,
    #[server(default)] back: Option<String>,
    csrf_token: String,
) -> Result<Moved, AppError> {
    let _ = csrf_token;
    let who = crate::session::principal()?;
    let db = crate::session::database()?;
    let code = labels::LabelCode::parse(&code)
        .map_err(|e| domain::DomainError::invalid("code", e.code(), e.to_string()))?;
    let target = service::things::labels::resolve(&db.conn, &who.person, &code).await?;
    let place = domain::kind::Kind::Location.id(&location_id)?;
    let position = match position.as_deref().map(str::trim).filter(|p| !p.is_empty()) {
        Some(p) => Some(p.to_owned()),
        None if service::inventory::locations::get(&db.conn, &who.person, place)
            .await?
            .grid
            .is_some() =>
        {
            Some(
                service::inventory::positions::next_free(&db.conn, place)
                    .await?
                    .ok_or_else(|| {
                        domain::DomainError::conflict(
                            "position",
                            "full",
                            "the box has no free position",
                        )
                    })?,
            )
        }
        None => None,
    };
    if !target.kind.is_placed() {
        return Err(domain::DomainError::invalid(
            "code",
            "not_movable",
            "only lots and samples are moved with the scanner",
        )
        .into());
    }
    service::things::place(
        &db.conn,
        &who.person,
        target.kind,
        target.id,
        Some(place),
        position.clone(),
    )
    .await?;
    if let Some(back) = back.as_deref().and_then(crate::session::local_path) {
        crate::account::redirect_plain_form(back);
    }
    Ok(Moved { target, position })
}

/// What receiving another lot like a scanned one needs: the earlier lot (its unit and
/// place are prefilled), its product's name and how it is counted, the places, and today
/// on the lab's clock.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReceiveLike {
    pub like: domain::lot::Lot,
    pub product_name: String,
    pub dimension: Option<domain::quantity::Dimension>,
    pub places: Vec<domain::location::Location>,
    pub today: chrono::NaiveDate,
}

#[server(prefix = "/api/ui", endpoint = "scan_receive_like", input = leptos::server_fn::codec::GetUrl)]
pub async fn scan_receive_like(code: String) -> Result<ReceiveLike, AppError> {
    let who = crate::session::principal()?;
    let db = crate::session::database()?;
    let code = labels::LabelCode::parse(&code)
        .map_err(|e| domain::DomainError::invalid("code", e.code(), e.to_string()))?;
    let target = service::things::labels::resolve(&db.conn, &who.person, &code).await?;
    if target.kind != domain::kind::Kind::Lot {
        return Err(domain::DomainError::invalid(
            "code",
            "not_a_lot",
            "only a lot's label opens a receipt of another like it",
        )
        .into());
    }
    let like = service::inventory::lots::get(&db.conn, &who.person, target.id).await?;
    let product = service::inventory::products::get(&db.conn, &who.person, like.product_id).await?;
    let dimension = service::inventory::lots::product_dimension(
        &db.conn,
        product.id,
        product.reorder_unit.as_deref(),
    )
    .await?;
    Ok(ReceiveLike {
        like,
        product_name: product.name,
        dimension,
        places: service::inventory::locations::list_all(&db.conn, &who.person).await?,
        today: use_context::<domain::local_time::Zone>()
            .unwrap_or_default()
            .day(chrono::Utc::now()),
    })
}
