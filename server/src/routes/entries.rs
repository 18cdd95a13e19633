//! `/api/v1/notebooks` and `/api/v1/entries`: notebook entries, their revisions,
//! comments and usages — thin handlers over `service::notebook::entries` and `service::notebook::usages`.

use axum::{extract::State, http::StatusCode, Json};
use domain::{
    entry::{
        Comment, Entry, EntryPatch, EntrySummary, FollowedProtocol, NewComment, NewEntry,
        NewNotebook, NewUsage, Notebook, Revision, StepTick, Usage,
    },
    page::{optional_day, Page, PageRequest, Sort},
    DomainError,
};
use serde::Deserialize;
use service::{notebook::entries, notebook::usages};
use utoipa::IntoParams;
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::{
    auth::Signed,
    extract::{ApiJson, ApiQuery, IdPath, TwoIdsPath},
    problem::{ApiResult, Problem},
    state::AppState,
};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_notebooks, create_notebook))
        .routes(routes!(list, create))
        .routes(routes!(read, update))
        .routes(routes!(revisions))
        .routes(routes!(tick_step))
        .routes(routes!(comments, comment))
        .routes(routes!(add_usage))
        .routes(routes!(remove_usage))
}

/// The notebooks the caller may see.
#[utoipa::path(get, path = "/notebooks", operation_id = "list_notebooks", tag = "notebook", responses((status = 200, body = Vec<Notebook>)))]
async fn list_notebooks(
    State(state): State<AppState>,
    Signed(who): Signed,
) -> ApiResult<Json<Vec<Notebook>>> {
    Ok(Json(
        service::notebook::notebooks::list(&state.db.conn, &who.person).await?,
    ))
}

/// Opens a notebook (`{"name","project"?,"team_id"?}`).
#[utoipa::path(post, path = "/notebooks", operation_id = "create_notebook", tag = "notebook", request_body = NewNotebook, responses(
    (status = 201, body = Notebook),
    (status = 422, body = Problem, content_type = "application/problem+json"),
))]
async fn create_notebook(
    State(state): State<AppState>,
    Signed(who): Signed,
    ApiJson(new): ApiJson<NewNotebook>,
) -> ApiResult<(StatusCode, Json<Notebook>)> {
    let notebook = service::notebook::notebooks::create(&state.db.conn, &who.person, new).await?;
    Ok((StatusCode::CREATED, Json(notebook)))
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
struct ListQuery {
    /// Words of the title, body, tags or comments (each a prefix).
    q: Option<String>,
    notebook_id: Option<uuid::Uuid>,
    author_id: Option<uuid::Uuid>,
    /// One tag.
    tag: Option<String>,
    /// Entries dated on or after this day (YYYY-MM-DD).
    from: Option<String>,
    /// Entries dated on or before this day.
    to: Option<String>,
    /// Entries that used or made this lot, sample or instrument (its id).
    uses: Option<uuid::Uuid>,
    /// `true`: only entries that carry a recall flag.
    flagged: Option<String>,
    /// `created` (oldest first, the default) or `newest` (newest first).
    sort: Option<String>,
    #[param(value_type = Option<u64>, minimum = 1, maximum = 500)]
    limit: Option<String>,
    cursor: Option<String>,
}

/// Lists the entries the caller may see, oldest first unless `sort=newest`.
#[utoipa::path(get, path = "/entries", operation_id = "list_entries", tag = "notebook", params(ListQuery), responses(
    (status = 200, body = Page<EntrySummary>),
    (status = 422, body = Problem, content_type = "application/problem+json"),
))]
async fn list(
    State(state): State<AppState>,
    Signed(who): Signed,
    ApiQuery(query): ApiQuery<ListQuery>,
) -> ApiResult<Json<Page<EntrySummary>>> {
    let page = PageRequest::parse(query.limit.as_deref(), query.cursor.as_deref())?;
    let filter = entries::EntryQuery {
        q: query.q,
        notebook_id: query.notebook_id,
        author_id: query.author_id,
        tag: query.tag,
        from: optional_day("from", query.from.as_deref())?,
        to: optional_day("to", query.to.as_deref())?,
        uses: query.uses,
        sort: Sort::parse(query.sort.as_deref(), &entries::SORTS)?,
        flagged: match query.flagged.as_deref().map(str::trim) {
            None | Some("" | "false") => false,
            Some("true") => true,
            Some(_) => {
                return Err(
                    DomainError::invalid("flagged", "invalid", "must be true or false").into(),
                )
            }
        },
    };
    Ok(Json(
        entries::list(&state.db.conn, &who.person, filter, page).await?,
    ))
}

/// Writes an entry: `{"title","body"}` (Markdown), optionally `notebook_id`, `tags`,
/// `entry_date`, `contributors` (`[{"email","role"}]`). It gets the next number of its
/// notebook and is a draft at revision 1.
#[utoipa::path(post, path = "/entries", operation_id = "create_entry", tag = "notebook", request_body = NewEntry, responses(
    (status = 201, body = Entry),
    (status = 400, body = Problem, content_type = "application/problem+json"),
    (status = 422, body = Problem, content_type = "application/problem+json"),
))]
async fn create(
    State(state): State<AppState>,
    Signed(who): Signed,
    ApiJson(new): ApiJson<NewEntry>,
) -> ApiResult<(StatusCode, Json<Entry>)> {
    let entry = entries::create(&state.db.conn, &who.person, new).await?;
    Ok((StatusCode::CREATED, Json(entry)))
}

/// One entry with its body rendered (`body_html`, sanitised), contributors and usages.
#[utoipa::path(get, path = "/entries/{id}", operation_id = "read_entry", tag = "notebook", params(("id" = uuid::Uuid, Path, description = "the entry")), responses(
    (status = 200, body = Entry),
    (status = 404, body = Problem, content_type = "application/problem+json"),
))]
async fn read(
    State(state): State<AppState>,
    Signed(who): Signed,
    IdPath(id): IdPath,
) -> ApiResult<Json<Entry>> {
    Ok(Json(entries::get(&state.db.conn, &who.person, id).await?))
}

/// Saves a draft (`title`, `body`, `tags`, `entry_date`): a new revision when the content
/// changed; 409 once signed.
#[utoipa::path(patch, path = "/entries/{id}", operation_id = "update_entry", tag = "notebook", params(("id" = uuid::Uuid, Path, description = "the entry")), request_body = EntryPatch, responses(
    (status = 200, body = Entry),
    (status = 409, body = Problem, content_type = "application/problem+json"),
    (status = 422, body = Problem, content_type = "application/problem+json"),
))]
async fn update(
    State(state): State<AppState>,
    Signed(who): Signed,
    IdPath(id): IdPath,
    ApiJson(patch): ApiJson<EntryPatch>,
) -> ApiResult<Json<Entry>> {
    Ok(Json(
        entries::update(&state.db.conn, &who.person, id, patch).await?,
    ))
}

/// Ticks (`"done": true`) or unticks a step of a protocol the draft follows; answers the
/// entry's protocols with who did each step when. 409 once signed.
#[utoipa::path(put, path = "/entries/{id}/steps", operation_id = "tick_entry_step", tag = "notebook", params(("id" = uuid::Uuid, Path, description = "the entry")), request_body = StepTick, responses(
    (status = 200, body = Vec<FollowedProtocol>),
    (status = 404, body = Problem, content_type = "application/problem+json"),
    (status = 409, body = Problem, content_type = "application/problem+json"),
    (status = 422, body = Problem, content_type = "application/problem+json"),
))]
async fn tick_step(
    State(state): State<AppState>,
    Signed(who): Signed,
    IdPath(id): IdPath,
    ApiJson(tick): ApiJson<StepTick>,
) -> ApiResult<Json<Vec<FollowedProtocol>>> {
    Ok(Json(
        entries::tick(&state.db.conn, &who.person, id, tick).await?,
    ))
}

/// Every saved revision with its SHA-256, oldest first.
#[utoipa::path(get, path = "/entries/{id}/revisions", operation_id = "list_entry_revisions", tag = "notebook", params(("id" = uuid::Uuid, Path, description = "the entry")), responses(
    (status = 200, body = Vec<Revision>),
    (status = 404, body = Problem, content_type = "application/problem+json"),
))]
async fn revisions(
    State(state): State<AppState>,
    Signed(who): Signed,
    IdPath(id): IdPath,
) -> ApiResult<Json<Vec<Revision>>> {
    Ok(Json(
        entries::revisions(&state.db.conn, &who.person, id).await?,
    ))
}

/// The comments, oldest first.
#[utoipa::path(get, path = "/entries/{id}/comments", operation_id = "list_entry_comments", tag = "notebook", params(("id" = uuid::Uuid, Path, description = "the entry")), responses(
    (status = 200, body = Vec<Comment>),
    (status = 404, body = Problem, content_type = "application/problem+json"),
))]
async fn comments(
    State(state): State<AppState>,
    Signed(who): Signed,
    IdPath(id): IdPath,
) -> ApiResult<Json<Vec<Comment>>> {
    Ok(Json(
        entries::comments(&state.db.conn, &who.person, id).await?,
    ))
}

/// Comments on an entry (anyone who may read it).
#[utoipa::path(post, path = "/entries/{id}/comments", operation_id = "add_entry_comment", tag = "notebook", params(("id" = uuid::Uuid, Path, description = "the entry")), request_body = NewComment, responses(
    (status = 201, body = Comment),
    (status = 422, body = Problem, content_type = "application/problem+json"),
))]
async fn comment(
    State(state): State<AppState>,
    Signed(who): Signed,
    IdPath(id): IdPath,
    ApiJson(new): ApiJson<NewComment>,
) -> ApiResult<(StatusCode, Json<Comment>)> {
    let comment = entries::comment(&state.db.conn, &who.person, id, new).await?;
    Ok((StatusCode::CREATED, Json(comment)))
}

/// Adds a usage to a draft: `{"lot_id","quantity","unit"}` (consumed from the lot's
/// ledger in the same transaction; 409 when it does not hold it),
/// `{"sample_id","role":"input"|"output"}`, `{"role":"output","name","quantity","unit",
/// "relation"?}` (a new sample made from the entry's inputs), or
/// `{"instrument_id","started_at","ended_at"}` (a warning recorded when its calibration
/// had lapsed or it was not in service).
#[utoipa::path(post, path = "/entries/{id}/usages", operation_id = "add_entry_usage", tag = "notebook", params(("id" = uuid::Uuid, Path, description = "the entry")), request_body = NewUsage, responses(
    (status = 201, body = Usage),
    (status = 409, body = Problem, content_type = "application/problem+json"),
    (status = 422, body = Problem, content_type = "application/problem+json"),
))]
async fn add_usage(
    State(state): State<AppState>,
    Signed(who): Signed,
    IdPath(id): IdPath,
    ApiJson(new): ApiJson<NewUsage>,
) -> ApiResult<(StatusCode, Json<Usage>)> {
    let usage = usages::add(&state.db.conn, &who.person, id, new, &usages::Asked::Api).await?;
    Ok((StatusCode::CREATED, Json(usage)))
}

/// Takes a usage off a draft; a lot gets back what it gave (a new ledger line).
#[utoipa::path(delete, path = "/entries/{id}/usages/{usage_id}", operation_id = "remove_entry_usage", tag = "notebook", params(
    ("id" = uuid::Uuid, Path, description = "the entry"),
    ("usage_id" = uuid::Uuid, Path, description = "the usage"),
), responses(
    (status = 204),
    (status = 404, body = Problem, content_type = "application/problem+json"),
    (status = 409, body = Problem, content_type = "application/problem+json"),
))]
async fn remove_usage(
    State(state): State<AppState>,
    Signed(who): Signed,
    TwoIdsPath(id, usage_id): TwoIdsPath,
) -> ApiResult<StatusCode> {
    usages::remove(&state.db.conn, &who.person, id, usage_id).await?;
    Ok(StatusCode::NO_CONTENT)
}
