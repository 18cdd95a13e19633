//! Following a label to its page: `/l/{code}`, which a phone's camera opens from the QR,
//! and `/go`, the scan page's code box when the page does not run in the browser yet.

use axum::{
    extract::{Path, State},
    response::{IntoResponse, Redirect, Response},
};
use domain::{kind::Kind, scan::ScanMode, DomainError};
use labels::LabelCode;
use serde::Deserialize;
use service::things;

use crate::{
    auth::{MaybeSigned, Signed},
    extract::ApiQuery,
    problem::Problem,
    state::AppState,
};

/// `GET /l/{code}`: the page of the thing a scanned or typed label names (303). A code
/// that is not valid, or names nothing this person may see, lands on the search page,
/// which says so; a retired code (the thing was relabelled) lands with a notice.
pub async fn open(
    State(state): State<AppState>,
    Signed(who): Signed,
    Path(raw): Path<String>,
) -> Response {
    let search = |problem: &str| {
        let q: String = form_urlencoded::byte_serialize(raw.as_bytes()).collect();
        Redirect::to(&format!("/search?q={q}&label={problem}")).into_response()
    };
    let Ok(code) = LabelCode::parse(&raw) else {
        return search("invalid");
    };
    match things::labels::resolve(&state.db.conn, &who.person, &code).await {
        Ok(target) if target.retired => {
            Redirect::to(&format!("{}?relabelled={}", target.path, code.as_compact()))
                .into_response()
        }
        Ok(target) => Redirect::to(&target.path).into_response(),
        Err(service::ServiceError::Domain(DomainError::NotFound { .. })) => search("unknown"),
        Err(e) => Problem::from(e).into_response(),
    }
}

#[derive(Deserialize)]
pub struct Go {
    code: Option<String>,
    /// The scan page's mode and its state, sent by its code box as hidden fields so that
    /// a scan made before the page runs in the browser (a slow tablet) keeps its mode.
    mode: Option<String>,
    entry: Option<String>,
    to: Option<String>,
}

/// `GET /go?code=…&mode=…`: what a scanner or a person typed into the scan page's box.
/// In *open* mode (or without one) the code's page, through `/l/{code}`. In the other
/// modes, back to the scan page with the code waiting for a tap (`pending`), or — a
/// location read in *move here* mode — as the place things go (`to`). Nothing is
/// changed by a GET: the scan page asks for the tap.
pub async fn go(
    State(state): State<AppState>,
    MaybeSigned(who): MaybeSigned,
    ApiQuery(go): ApiQuery<Go>,
) -> Response {
    let typed = go.code.unwrap_or_default();
    let param =
        |v: &str| -> String { form_urlencoded::byte_serialize(v.trim().as_bytes()).collect() };
    let mode = ScanMode::parse(go.mode.as_deref());
    if typed.trim().is_empty() {
        return Redirect::to(&format!("/scan?mode={}", mode.as_str())).into_response();
    }
    let entry = param(go.entry.as_deref().unwrap_or_default());
    let to = param(go.to.as_deref().unwrap_or_default());
    let code = param(&typed);
    // Back to the scan page in `mode`, with the rest of its state.
    let to_scan = |mode: ScanMode, rest: String| {
        Redirect::to(&format!("/scan?mode={}{rest}", mode.as_str())).into_response()
    };
    match mode {
        ScanMode::Entry => to_scan(mode, format!("&entry={entry}&pending={code}")),
        ScanMode::Receive => to_scan(mode, format!("&pending={code}")),
        ScanMode::Move => {
            let Some(who) = who else {
                return Redirect::to(&format!(
                    "/login?next={}",
                    param(&format!("/scan?mode={}&to={to}", mode.as_str()))
                ))
                .into_response();
            };
            let found = match LabelCode::parse(&typed) {
                Ok(c) => things::labels::resolve(&state.db.conn, &who.person, &c)
                    .await
                    .ok(),
                Err(_) => return to_scan(mode, format!("&to={to}&scan_error=invalid")),
            };
            match found {
                Some(place) if place.kind == Kind::Location => {
                    to_scan(mode, format!("&to={}", place.id))
                }
                Some(_) if to.is_empty() => to_scan(mode, "&scan_error=location_first".into()),
                Some(_) => to_scan(mode, format!("&to={to}&pending={code}")),
                None => to_scan(mode, format!("&to={to}&scan_error=unknown")),
            }
        }
        ScanMode::Open => Redirect::to(&format!("/l/{code}")).into_response(),
    }
}
