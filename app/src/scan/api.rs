//! Server functions of the scan page: what a scanned code names, and moving a scanned
//! thing into the location scanned before it.

use domain::label::LabelTarget;
use leptos::prelude::*;

use crate::error::AppError;

#[server(prefix = "/api/ui", endpoint = "scan_resolve", input = leptos::server_fn::codec::GetUrl)]
pub async fn scan_resolve(code: String) -> Result<LabelTarget, AppError> {
    let who = crate::session::principal()?;
    let db = crate::session::database()?;
    let code = labels::LabelCode::parse(&code)
        .map_err(|e| domain::DomainError::invalid("code", "invalid", e.to_string()))?;
    Ok(service::label_codes::resolve(&db.conn, &who.person, &code).await?)
}

/// Puts the lot or sample `code` names into `location_id` (out of any box position),
/// answering what was moved.
#[server(prefix = "/api/ui", endpoint = "scan_move")]
pub async fn scan_move(
    code: String,
    location_id: String,
    csrf_token: String,
) -> Result<LabelTarget, AppError> {
    let _ = csrf_token;
    let who = crate::session::principal()?;
    let db = crate::session::database()?;
    let code = labels::LabelCode::parse(&code)
        .map_err(|e| domain::DomainError::invalid("code", "invalid", e.to_string()))?;
    let target = service::label_codes::resolve(&db.conn, &who.person, &code).await?;
    let place = crate::session::parse_id(&location_id, "location")?;
    match target.kind.as_str() {
        "lot" => {
            let patch = domain::lot::LotPatch {
                location_id: Some(Some(place)),
                position: Some(None),
                ..Default::default()
            };
            service::lots::update(&db.conn, &who.person, target.id, patch).await?;
        }
        "sample" => {
            let patch = domain::sample::SamplePatch {
                location_id: Some(Some(place)),
                position: Some(None),
                ..Default::default()
            };
            service::samples::update(&db.conn, &who.person, target.id, patch).await?;
        }
        _ => {
            return Err(domain::DomainError::invalid(
                "code",
                "not_movable",
                "only lots and samples are moved with the scanner",
            )
            .into())
        }
    }
    Ok(target)
}
