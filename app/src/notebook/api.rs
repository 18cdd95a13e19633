//! Server functions of the notebook pages; the rules are the service's.

// A server function called by a form takes one argument per field.
#![allow(clippy::too_many_arguments)]

use domain::{
    attachment::Attachment,
    diff::DiffLine,
    entry::{Comment, Entry, EntrySummary, Notebook, Usage},
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
    pub tags: Vec<String>,
    pub entry_date: chrono::NaiveDate,
    /// What the revision changed besides the body: the earlier title, tags and date
    /// (`None` when unchanged, and for the first revision).
    pub title_before: Option<String>,
    pub tags_before: Option<Vec<String>>,
    pub date_before: Option<chrono::NaiveDate>,
    pub body_changes: Vec<DiffLine>,
}

/// Someone to pick in a list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PersonChoice {
    pub id: uuid::Uuid,
    pub name: String,
}

/// Everything the entry page shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EntryPageData {
    pub entry: Entry,
    pub notebook: Option<Notebook>,
    pub attachments: Vec<Attachment>,
    pub comments: Vec<Comment>,
    /// Newest first.
    pub revisions: Vec<RevisionView>,
}

/// The notebook's list, newest first, a page at a time (`after`: the cursor the page
/// before ended on): words, tag, dates, author (a person's id) and what the entries used
/// (a typed or scanned label code).
#[server(prefix = "/api/ui", endpoint = "entry_list", input = leptos::server_fn::codec::GetUrl)]
pub async fn entry_list(
    q: String,
    tag: String,
    from: String,
    to: String,
    author: String,
    uses: String,
    flagged: String,
    notebook: String,
    after: String,
) -> Result<domain::page::Page<EntrySummary>, AppError> {
    use domain::DomainError;
    let who = principal()?;
    let db = database()?;
    let author_id = match author.trim() {
        "" => None,
        raw => Some(parse_id(raw, "author")?),
    };
    let uses = match uses.trim() {
        "" => None,
        raw => {
            let unknown = || {
                DomainError::invalid(
                    "uses",
                    "not_found",
                    "no lot, sample or instrument has this code",
                )
            };
            let code = labels::LabelCode::parse(raw).map_err(|_| unknown())?;
            let target = service::things::labels::resolve(&db.conn, &who.person, &code)
                .await
                .map_err(|_| unknown())?;
            Some(target.id)
        }
    };
    let notebook_id = match notebook.trim() {
        "" => None,
        raw => Some(domain::kind::Kind::Notebook.id(raw)?),
    };
    let filter = service::notebook::entries::EntryQuery {
        notebook_id,
        q: Some(q),
        tag: Some(tag),
        from: domain::page::optional_day("from", Some(&from))?,
        to: domain::page::optional_day("to", Some(&to))?,
        author_id,
        uses,
        flagged: flagged == "true",
        // A notebook reads newest first.
        sort: domain::page::Sort::Newest,
    };
    let page = domain::page::PageRequest::parse(Some(crate::list_search::PAGE_SIZE), Some(&after))?;
    Ok(service::notebook::entries::list(&db.conn, &who.person, filter, page).await?)
}

/// Whose entries the list can be narrowed to: the people of the reader's teams.
#[server(prefix = "/api/ui", endpoint = "notebook_people", input = leptos::server_fn::codec::GetUrl)]
pub async fn notebook_people() -> Result<Vec<PersonChoice>, AppError> {
    let who = principal()?;
    let db = database()?;
    let mut people = vec![PersonChoice {
        id: who.person.id,
        name: who.person.name.clone(),
    }];
    for m in &who.person.memberships {
        for member in service::accounts::teams::members(&db.conn, &who.person, m.team_id).await? {
            if !people.iter().any(|p| p.id == member.person_id) {
                people.push(PersonChoice {
                    id: member.person_id,
                    name: member.name,
                });
            }
        }
    }
    people.sort_by_key(|p| p.name.to_lowercase());
    Ok(people)
}

/// The notebooks the person may write in or read, oldest first.
#[server(prefix = "/api/ui", endpoint = "notebook_choices", input = leptos::server_fn::codec::GetUrl)]
pub async fn notebook_choices() -> Result<WritableNotebooks, AppError> {
    let who = principal()?;
    let db = database()?;
    Ok(WritableNotebooks {
        notebooks: service::notebook::notebooks::list(&db.conn, &who.person).await?,
        own: service::notebook::notebooks::own(&db.conn, &who.person).await?,
    })
}

/// The notebooks a person may write in, and which is their own (where a new entry goes
/// by default), once they have one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WritableNotebooks {
    pub notebooks: Vec<Notebook>,
    pub own: Option<uuid::Uuid>,
}

/// Opens a notebook for a project.
#[server(prefix = "/api/ui", endpoint = "create_notebook")]
pub async fn create_notebook(
    name: String,
    project: String,
    csrf_token: String,
) -> Result<Notebook, AppError> {
    let _ = csrf_token;
    let who = principal()?;
    let db = database()?;
    let new = domain::entry::NewNotebook {
        name,
        project: Some(project).filter(|p| !p.trim().is_empty()),
        team_id: None,
    };
    Ok(service::notebook::notebooks::create(&db.conn, &who.person, new).await?)
}

/// Starts an entry (in the chosen notebook, by default the person's own) and opens it.
#[server(prefix = "/api/ui", endpoint = "create_entry")]
pub async fn create_entry(
    title: String,
    notebook_id: String,
    csrf_token: String,
) -> Result<Entry, AppError> {
    let _ = csrf_token;
    let who = principal()?;
    let db = database()?;
    let notebook_id = match notebook_id.trim() {
        "" => None,
        raw => Some(uuid::Uuid::parse_str(raw).map_err(|_| {
            domain::DomainError::invalid("notebook_id", "not_found", "no such notebook")
        })?),
    };
    let new = domain::entry::NewEntry {
        title,
        notebook_id,
        ..Default::default()
    };
    let entry = service::notebook::entries::create(&db.conn, &who.person, new).await?;
    crate::account::redirect_plain_form(&format!("/entries/{}", entry.id));
    Ok(entry)
}

#[server(prefix = "/api/ui", endpoint = "entry_view", input = leptos::server_fn::codec::GetUrl)]
pub async fn entry_view(id: String) -> Result<EntryPageData, AppError> {
    let who = principal()?;
    let db = database()?;
    let id = domain::kind::Kind::Entry.id(&id)?;
    let entry = service::notebook::entries::get(&db.conn, &who.person, id).await?;
    let notebook = service::notebook::notebooks::list(&db.conn, &who.person)
        .await?
        .into_iter()
        .find(|n| n.id == entry.notebook_id);
    let attachments = service::notebook::entries::attachments_of(&db.conn, &who.person, id).await?;
    let comments = service::notebook::entries::comments(&db.conn, &who.person, id).await?;
    let saved = service::notebook::entries::revisions(&db.conn, &who.person, id).await?;
    let diffs = use_context::<service::notebook::diffs::Diffs>().unwrap_or_default();
    let mut revisions = Vec::with_capacity(saved.len());
    let mut previous: Option<domain::entry::Revision> = None;
    for r in saved {
        let before = previous.as_ref();
        let body_changes = diffs
            .between(
                (before.map_or("", |p| p.sha256.as_str()), &r.sha256),
                before.map_or("", |p| p.body.as_str()).into(),
                r.body.as_str().into(),
            )
            .await;
        revisions.push(RevisionView {
            revision: r.revision,
            body_changes: body_changes.as_ref().clone(),
            title_before: before
                .filter(|p| p.title != r.title)
                .map(|p| p.title.clone()),
            tags_before: before.filter(|p| p.tags != r.tags).map(|p| p.tags.clone()),
            date_before: before
                .filter(|p| p.entry_date != r.entry_date)
                .map(|p| p.entry_date),
            sha256: r.sha256.clone(),
            saved_by: r.saved_by.clone(),
            saved_at: r.saved_at,
            title: r.title.clone(),
            tags: r.tags.clone(),
            entry_date: r.entry_date,
        });
        previous = Some(r);
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
    let id = domain::kind::Kind::Entry.id(&id)?;
    let entry_date = domain::page::optional_day("entry_date", Some(&entry_date))?;
    let patch = domain::entry::EntryPatch {
        title: Some(title),
        body: Some(body),
        tags: Some(tags.split(',').map(str::to_owned).collect()),
        entry_date,
        contributors: None,
    };
    Ok(service::notebook::entries::update(&db.conn, &who.person, id, patch).await?)
}

/// Adds someone (by e-mail) with their role to the entry's contributors.
#[server(prefix = "/api/ui", endpoint = "add_contributor")]
pub async fn add_contributor(
    entry_id: String,
    email: String,
    role: String,
    csrf_token: String,
) -> Result<Entry, AppError> {
    let _ = csrf_token;
    // The new one first, so its refusals name `contributors[0].…`.
    let new = domain::entry::NewContributor {
        email,
        person_id: None,
        role,
    };
    change_contributors(&entry_id, |list| list.insert(0, new)).await
}

#[server(prefix = "/api/ui", endpoint = "remove_contributor")]
pub async fn remove_contributor(
    entry_id: String,
    person_id: String,
    role: String,
    csrf_token: String,
) -> Result<Entry, AppError> {
    let _ = csrf_token;
    let person_id = domain::kind::Kind::Person.id(&person_id)?;
    change_contributors(&entry_id, |list| {
        list.retain(|c| !(c.person_id == Some(person_id) && c.role == role))
    })
    .await
}

/// Rewrites the entry's list of contributors with `change` applied.
#[cfg(feature = "ssr")]
async fn change_contributors(
    entry_id: &str,
    change: impl FnOnce(&mut Vec<domain::entry::NewContributor>),
) -> Result<Entry, AppError> {
    let who = principal()?;
    let db = database()?;
    let id = domain::kind::Kind::Entry.id(entry_id)?;
    let entry = service::notebook::entries::get(&db.conn, &who.person, id).await?;
    let mut list: Vec<domain::entry::NewContributor> = entry
        .contributors
        .into_iter()
        .map(|c| domain::entry::NewContributor {
            email: String::new(),
            person_id: Some(c.person_id),
            role: c.role,
        })
        .collect();
    change(&mut list);
    let patch = domain::entry::EntryPatch {
        contributors: Some(list),
        ..Default::default()
    };
    Ok(service::notebook::entries::update(&db.conn, &who.person, id, patch).await?)
}

/// What adding a typed or scanned code to the entry would do (nothing is written): the
/// thing, a lot's stock and the unit to offer (the page works out what will remain), and
/// the warnings that will need a tap.
#[server(prefix = "/api/ui", endpoint = "usage_preview", input = leptos::server_fn::codec::GetUrl)]
pub async fn usage_preview(
    entry_id: String,
    code: String,
    unit: String,
    started_at: String,
) -> Result<domain::bench::UsePreview, AppError> {
    let who = principal()?;
    let db = database()?;
    let entry_id = domain::kind::Kind::Entry.id(&entry_id)?;
    let typed = service::things::bench::BenchUse {
        code,
        unit,
        started_at,
        zone: time_zone(),
        ..Default::default()
    };
    Ok(service::things::bench::preview_by_code(
        &db.conn,
        &who.person,
        entry_id,
        &typed,
        &confirm_policy(),
    )
    .await?)
}

/// Adds what a typed or scanned label code names: a lot (with the quantity used and its
/// unit, both required), a sample (as input or output), an instrument (used from
/// `started_at` to `ended_at`, by default the last hour). A warning or a large amount
/// needs `confirmed` (the preview's tap).
#[server(prefix = "/api/ui", endpoint = "add_usage_by_code")]
pub async fn add_usage_by_code(
    entry_id: String,
    code: String,
    quantity: String,
    unit: String,
    role: String,
    started_at: String,
    ended_at: String,
    #[server(default)] confirmed: Option<String>,
    #[server(default)] back: Option<String>,
    csrf_token: String,
) -> Result<Usage, AppError> {
    let _ = csrf_token;
    let who = principal()?;
    let db = database()?;
    let entry_id = domain::kind::Kind::Entry.id(&entry_id)?;
    let typed = service::things::bench::BenchUse {
        code,
        quantity,
        unit,
        role,
        started_at,
        ended_at,
        zone: time_zone(),
    };
    let asked = service::notebook::usages::Asked::Bench {
        confirmed: confirmed.is_some_and(|c| c == "true" || c == "on"),
        policy: confirm_policy(),
    };
    let usage =
        service::things::bench::add_by_code(&db.conn, &who.person, entry_id, &typed, &asked)
            .await?;
    // A plain form (no JavaScript yet) goes back to the page it came from.
    if let Some(back) = back.as_deref().and_then(crate::session::local_path) {
        crate::account::redirect_plain_form(back);
    }
    Ok(usage)
}

/// Where the bench's typed times are read (the server's `--time-zone`).
#[cfg(feature = "ssr")]
fn time_zone() -> domain::local_time::Zone {
    use_context::<domain::local_time::Zone>().unwrap_or_default()
}

/// When a use asks for a tap (the server's `--confirm-use-above`).
#[cfg(feature = "ssr")]
fn confirm_policy() -> domain::bench::ConfirmPolicy {
    use_context::<domain::bench::ConfirmPolicy>().unwrap_or_default()
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
    let entry_id = domain::kind::Kind::Entry.id(&entry_id)?;
    let usage_id = parse_id(&usage_id, "usage")?;
    Ok(service::notebook::usages::remove(&db.conn, &who.person, entry_id, usage_id).await?)
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
    let entry_id = domain::kind::Kind::Entry.id(&entry_id)?;
    let new = domain::entry::NewComment { body };
    Ok(service::notebook::entries::comment(&db.conn, &who.person, entry_id, new).await?)
}

/// Ticks or unticks a step of a protocol the entry follows (a tap on its box).
#[server(prefix = "/api/ui", endpoint = "tick_step")]
pub async fn tick_step(
    entry_id: String,
    protocol_version_id: String,
    step: u32,
    done: bool,
    csrf_token: String,
) -> Result<Vec<domain::entry::FollowedProtocol>, AppError> {
    let _ = csrf_token;
    let who = principal()?;
    let db = database()?;
    let entry_id = domain::kind::Kind::Entry.id(&entry_id)?;
    let tick = domain::entry::StepTick {
        protocol_version_id: parse_id(&protocol_version_id, "protocol version")?,
        step,
        done,
    };
    Ok(service::notebook::entries::tick(&db.conn, &who.person, entry_id, tick).await?)
}
