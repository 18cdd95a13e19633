//! Server functions of the notebook pages; the rules are the service's.

// A server function called by a form takes one argument per field.
#![allow(clippy::too_many_arguments)]

use domain::{
    attachment::Attachment,
    diff::DiffLine,
    entry::{Comment, Entry, EntrySummary, Usage},
};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::session::{database, parse_id, principal};

/// One revision in the history, with what it changed in the body.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RevisionView {
    pub revision: i32,
    pub sha256: String,
    pub saved_by: Option<String>,
    pub saved_at: chrono::DateTime<chrono::Utc>,
    pub title: String,
    pub body_changes: Vec<DiffLine>,
}

/// Everything the entry page shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EntryPageData {
    pub entry: Entry,
    pub notebook: String,
    pub attachments: Vec<Attachment>,
    pub comments: Vec<Comment>,
    /// Newest first.
    pub revisions: Vec<RevisionView>,
}

#[server(prefix = "/api/ui", endpoint = "entry_list", input = leptos::server_fn::codec::GetUrl)]
pub async fn entry_list(
    q: String,
    tag: String,
    from: String,
    to: String,
) -> Result<Vec<EntrySummary>, AppError> {
    let who = principal()?;
    let db = database()?;
    let filter = service::entries::EntryQuery {
        q: Some(q),
        tag: Some(tag),
        from: domain::page::optional_day("from", Some(&from))?,
        to: domain::page::optional_day("to", Some(&to))?,
        ..Default::default()
    };
    let page = domain::page::PageRequest::parse(Some("500"), None)?;
    let mut items = service::entries::list(&db.conn, &who.person, filter, page)
        .await?
        .items;
    // The notebook reads newest first.
    items.reverse();
    Ok(items)
}

/// Starts an entry in the person's own notebook and opens it.
#[server(prefix = "/api/ui", endpoint = "create_entry")]
pub async fn create_entry(title: String, csrf_token: String) -> Result<Entry, AppError> {
    let _ = csrf_token;
    let who = principal()?;
    let db = database()?;
    let new = domain::entry::NewEntry {
        title,
        ..Default::default()
    };
    let entry = service::entries::create(&db.conn, &who.person, new).await?;
    crate::account::redirect_plain_form(&format!("/entries/{}", entry.id));
    Ok(entry)
}

#[server(prefix = "/api/ui", endpoint = "entry_view", input = leptos::server_fn::codec::GetUrl)]
pub async fn entry_view(id: String) -> Result<EntryPageData, AppError> {
    let who = principal()?;
    let db = database()?;
    let id = parse_id(&id, "entry")?;
    let entry = service::entries::get(&db.conn, &who.person, id).await?;
    let notebook = service::entries::notebooks(&db.conn, &who.person)
        .await?
        .into_iter()
        .find(|n| n.id == entry.notebook_id)
        .map(|n| n.name)
        .unwrap_or_default();
    let attachments = service::entries::attachments_of(&db.conn, &who.person, id).await?;
    let comments = service::entries::comments(&db.conn, &who.person, id).await?;
    let saved = service::entries::revisions(&db.conn, &who.person, id).await?;
    let mut revisions = Vec::with_capacity(saved.len());
    let mut previous = String::new();
    for r in saved {
        revisions.push(RevisionView {
            revision: r.revision,
            body_changes: domain::diff::lines(&previous, &r.body),
            sha256: r.sha256,
            saved_by: r.saved_by,
            saved_at: r.saved_at,
            title: r.title,
        });
        previous = r.body;
    }
    revisions.reverse();
    Ok(EntryPageData {
        entry,
        notebook,
        attachments,
        comments,
        revisions,
    })
}

/// Saves the draft: a new revision when something changed.
#[server(prefix = "/api/ui", endpoint = "save_entry")]
pub async fn save_entry(
    id: String,
    title: String,
    body: String,
    tags: String,
    entry_date: String,
    csrf_token: String,
) -> Result<Entry, AppError> {
    let _ = csrf_token;
    let who = principal()?;
    let db = database()?;
    let id = parse_id(&id, "entry")?;
    let entry_date = domain::page::optional_day("entry_date", Some(&entry_date))?;
    let patch = domain::entry::EntryPatch {
        title: Some(title),
        body: Some(body),
        tags: Some(tags.split(',').map(str::to_owned).collect()),
        entry_date,
    };
    Ok(service::entries::update(&db.conn, &who.person, id, patch).await?)
}

/// Adds what a typed or scanned label code names: a lot (with the quantity used), a
/// sample (as input or output), an instrument (used from `started_at` to `ended_at`, by
/// default the last hour).
#[server(prefix = "/api/ui", endpoint = "add_usage_by_code")]
pub async fn add_usage_by_code(
    entry_id: String,
    code: String,
    quantity: String,
    unit: String,
    role: String,
    started_at: String,
    ended_at: String,
    csrf_token: String,
) -> Result<Usage, AppError> {
    use domain::DomainError;
    let _ = csrf_token;
    let who = principal()?;
    let db = database()?;
    let entry_id = parse_id(&entry_id, "entry")?;
    let code = labels::LabelCode::parse(&code)
        .map_err(|e| DomainError::invalid("code", "invalid", e.to_string()))?;
    let target = service::label_codes::resolve(&db.conn, &who.person, &code)
        .await
        .map_err(|_| {
            DomainError::invalid(
                "code",
                "not_found",
                "no lot, sample or instrument has this code",
            )
        })?;
    let mut new = domain::entry::NewUsage::default();
    match target.kind.as_str() {
        "lot" => {
            new.lot_id = Some(target.id);
            new.quantity =
                match quantity.trim() {
                    "" => None,
                    raw => Some(raw.replace(',', ".").parse().map_err(|_| {
                        DomainError::invalid("quantity", "invalid", "is not a number")
                    })?),
                };
            new.unit = Some(unit).filter(|u| !u.trim().is_empty());
        }
        "sample" => {
            new.sample_id = Some(target.id);
            new.role = Some(role).filter(|r| !r.trim().is_empty());
        }
        "instrument" => {
            let now = chrono::Utc::now();
            let when = |field: &str,
                        raw: &str,
                        default|
             -> Result<chrono::DateTime<chrono::Utc>, AppError> {
                match raw.trim() {
                    "" => Ok(default),
                    raw => chrono::NaiveDateTime::parse_from_str(raw, "%Y-%m-%dT%H:%M")
                        .map(|t| t.and_utc())
                        .map_err(|_| {
                            DomainError::invalid(field, "invalid", "is not a date and time").into()
                        }),
                }
            };
            new.instrument_id = Some(target.id);
            new.started_at = Some(when(
                "started_at",
                &started_at,
                now - chrono::Duration::hours(1),
            )?);
            new.ended_at = Some(when("ended_at", &ended_at, now)?);
        }
        _ => {
            return Err(DomainError::invalid(
                "code",
                "not_usable",
                "a location is not used by an entry",
            )
            .into())
        }
    }
    Ok(service::usages::add(&db.conn, &who.person, entry_id, new).await?)
}

#[server(prefix = "/api/ui", endpoint = "remove_usage")]
pub async fn remove_usage(
    entry_id: String,
    usage_id: String,
    csrf_token: String,
) -> Result<(), AppError> {
    let _ = csrf_token;
    let who = principal()?;
    let db = database()?;
    let entry_id = parse_id(&entry_id, "entry")?;
    let usage_id = parse_id(&usage_id, "usage")?;
    Ok(service::usages::remove(&db.conn, &who.person, entry_id, usage_id).await?)
}

#[server(prefix = "/api/ui", endpoint = "add_comment")]
pub async fn add_comment(
    entry_id: String,
    body: String,
    csrf_token: String,
) -> Result<Comment, AppError> {
    let _ = csrf_token;
    let who = principal()?;
    let db = database()?;
    let entry_id = parse_id(&entry_id, "entry")?;
    let new = domain::entry::NewComment { body };
    Ok(service::entries::comment(&db.conn, &who.person, entry_id, new).await?)
}
