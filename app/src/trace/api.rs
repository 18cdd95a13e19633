//! Server functions of the Trace pages; the rules are the service's.

use domain::trace::{FlagOutcome, Trace};
use leptos::prelude::*;

use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::session::{database, parse_id, principal};

/// The trace of one thing, in one direction, within an optional window.
#[server(prefix = "/api/ui", endpoint = "trace_view", input = leptos::server_fn::codec::GetUrl)]
pub async fn trace_view(
    kind: String,
    id: String,
    direction: String,
    from: String,
    to: String,
) -> Result<Trace, AppError> {
    use domain::trace::{NodeKind, TraceQuery};
    let who = principal()?;
    let db = database()?;
    let kind = NodeKind::parse(&kind)?;
    let id = parse_id(&id, kind.as_str())?;
    let query = TraceQuery::parse(Some(&direction), None, Some(&from), Some(&to))?;
    Ok(service::trace::trace(&db.conn, &who.person, kind, id, query).await?)
}

/// Where a typed or scanned label code leads: `(kind, id)` of a lot, sample or
/// instrument.
#[server(prefix = "/api/ui", endpoint = "trace_code", input = leptos::server_fn::codec::GetUrl)]
pub async fn trace_code(code: String) -> Result<(String, String), AppError> {
    use domain::{kind::Kind, DomainError};
    let who = principal()?;
    let db = database()?;
    let unknown = || {
        DomainError::invalid(
            "code",
            "not_found",
            "no lot, sample or instrument has this code",
        )
    };
    let code = labels::LabelCode::parse(&code).map_err(|_| unknown())?;
    let target = service::things::labels::resolve(&db.conn, &who.person, &code)
        .await
        .map_err(|_| unknown())?;
    match target.kind {
        Kind::Lot | Kind::Sample | Kind::Instrument => {
            Ok((target.kind.as_str().to_owned(), target.id.to_string()))
        }
        _ => Err(DomainError::invalid("code", "not_traceable", "a location has no trace").into()),
    }
}

/// Recall: flags every entry downstream of the thing (within the window for an
/// instrument).
#[server(prefix = "/api/ui", endpoint = "mark_affected")]
pub async fn mark_affected(
    kind: String,
    id: String,
    reason: String,
    from: String,
    to: String,
    csrf_token: String,
) -> Result<FlagOutcome, AppError> {
    let _ = csrf_token;
    let who = principal()?;
    let db = database()?;
    let kind = domain::trace::NodeKind::parse(&kind)?;
    let id = parse_id(&id, kind.as_str())?;
    let new = domain::trace::NewFlag {
        reason,
        from: Some(from).filter(|f| !f.trim().is_empty()),
        to: Some(to).filter(|t| !t.trim().is_empty()),
    };
    Ok(service::trace::recall::flag(&db.conn, &who.person, kind, id, new).await?)
}
