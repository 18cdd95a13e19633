//! Notebooks and their entries: numbering, revisions, contributors and comments. An
//! entry's number is taken from its notebook under the installation-wide write lock
//! (`write::begin`), so two entries created at the same moment never share or skip one.
//! Every save of a draft is a new revision with the SHA-256 of its content; nothing is
//! overwritten. Usages (what the entry used and made) are in `usages`.

mod comments;
mod contributors;
mod files;
mod revisions;
pub(crate) mod rows;
mod steps;
mod view;

pub use comments::{comment, comments};
use contributors::{contributors, contributors_of, insert_contributors, names};
pub use files::{attach, attachments_of};
pub use revisions::revisions;
use revisions::{save_revision, sha256};
pub(crate) use rows::{find, KIND};
pub use steps::tick;
pub(crate) use view::describe;
use view::split_tags;

use crate::notebook::notebooks::own_notebook;

use chrono::{SubsecRound, Utc};
use domain::{
    access::{self, Access},
    entry::{Content, Entry, EntryPatch, EntryStatus, EntrySummary, NewEntry},
    page::{Page, PageRequest, Sort},
    person::Person,
    DomainError, FieldError,
};
use sea_orm::{
    sea_query::{Expr, ExprTrait, LikeExpr},
    ActiveModelTrait,
    ActiveValue::Set,
    ColumnTrait, Condition, DatabaseConnection, EntityTrait, QueryFilter, QuerySelect,
};
use uuid::Uuid;

use crate::{
    accounts::permissions,
    audit,
    entities::{entries, entry_comments, entry_contributors, entry_usages, notebooks},
    error::Result,
    fulltext::{self, Indexed},
    notebook::flags,
    notebook::protocols,
    notebook::usages,
    write,
};

/// Writes a new entry (a draft, revision 1) in the given notebook or, by default, in the
/// person's own notebook (opened on first use).
pub async fn create(db: &DatabaseConnection, person: &Person, new: NewEntry) -> Result<Entry> {
    let today = Utc::now().date_naive();
    let txn = write::begin(db).await?;
    let mut errors: Vec<FieldError> = Vec::new();
    // Started from a protocol version: its steps are listed to tick, apart from the text.
    let protocol = match new.protocol_version_id {
        None => None,
        Some(version) => match protocols::follow(&txn, person, version).await {
            Ok(found) => Some(found),
            Err(crate::ServiceError::Domain(DomainError::NotFound { .. })) => {
                errors.push(FieldError::new(
                    "protocol_version_id",
                    "not_found",
                    "no such protocol version",
                ));
                None
            }
            Err(other) => return Err(other),
        },
    };
    let content = Content::check(
        &new.title,
        &new.body,
        &new.tags,
        new.entry_date.unwrap_or(today),
    );
    if let Err(e) = &content {
        errors.extend(e.field_errors().iter().cloned());
    }
    let notebook = match new.notebook_id {
        Some(id) => {
            let found = notebooks::Entity::find_by_id(id).one(&txn).await?;
            let allowed = match &found {
                Some(n) => permissions::of(&txn, person, n).await? >= Access::Write,
                None => false,
            };
            if !allowed {
                errors.push(FieldError::new(
                    "notebook_id",
                    "not_found",
                    "no such notebook",
                ));
            }
            found.filter(|_| allowed)
        }
        None => match access::team_for_new(person, None) {
            Ok(team) => Some(own_notebook(&txn, person, team).await?),
            Err(DomainError::Validation(e)) => {
                errors.extend(e);
                None
            }
            Err(other) => return Err(other.into()),
        },
    };
    let contributors = contributors(&txn, person, &new.contributors, &[], &mut errors).await?;
    let (Ok(content), Some(notebook)) = (content, notebook) else {
        return Err(DomainError::Validation(errors).into());
    };
    if !errors.is_empty() {
        return Err(DomainError::Validation(errors).into());
    }
    let number = notebook.next_number;
    let mut counter: notebooks::ActiveModel = notebook.clone().into();
    counter.next_number = Set(number + 1);
    counter.update(&txn).await?;

    let now = Utc::now().trunc_subsecs(6);
    let row = entries::Model {
        id: Uuid::now_v7(),
        notebook_id: notebook.id,
        number,
        team_id: notebook.team_id,
        author_id: Some(person.id),
        title: content.title.clone(),
        body: content.body.clone(),
        tags: content.tags.join(","),
        entry_date: content.entry_date,
        status: EntryStatus::Draft,
        revision: 1,
        content_sha256: sha256(&content),
        created_at: now,
        updated_at: now,
    };
    entries::Entity::insert(entries::ActiveModel::from(row.clone()))
        .exec_without_returning(&txn)
        .await?;
    save_revision(&txn, person, &row).await?;
    if let Some((_, version)) = &protocol {
        usages::record_protocol(&txn, person, row.id, version.id).await?;
    }
    insert_contributors(&txn, row.id, contributors).await?;
    let entry = describe(&txn, person, row).await?;
    audit::commit(txn, person, KIND, "entry.create", entry.id, None, entry).await
}

/// What to list.
#[derive(Debug, Clone, Default)]
pub struct EntryQuery {
    /// Words of the title, body, tags or comments (each a prefix).
    pub q: Option<String>,
    pub notebook_id: Option<Uuid>,
    pub author_id: Option<Uuid>,
    pub tag: Option<String>,
    pub from: Option<chrono::NaiveDate>,
    pub to: Option<chrono::NaiveDate>,
    /// Only entries that used or made this lot, sample or instrument.
    pub uses: Option<Uuid>,
    /// Only entries that carry a recall flag.
    pub flagged: bool,
    /// Oldest first (the API's default) or newest first (how the notebook page reads).
    pub sort: Sort,
}

/// The orders the entries list offers.
pub const SORTS: [Sort; 2] = [Sort::Created, Sort::Newest];

/// One page of the entries the person may see, in the order asked.
pub async fn list(
    db: &DatabaseConnection,
    person: &Person,
    filter: EntryQuery,
    page: PageRequest,
) -> Result<Page<EntrySummary>> {
    let mut query = crate::paging::apply(
        entries::Entity::find(),
        filter.sort,
        entries::Column::Id,
        None,
        page.after,
    );
    if let Some(visible) = permissions::visible_entries(person) {
        query = query.filter(visible);
    }
    if let Some(q) = fulltext::typed(filter.q.as_deref()) {
        let backend = db.get_database_backend();
        query = query.filter(match fulltext::words(backend, Indexed::Entries, q) {
            // In the entry itself, or in one of its comments.
            Some(in_entry) => {
                let commented = sea_orm::sea_query::Query::select()
                    .column(entry_comments::Column::EntryId)
                    .from(entry_comments::Entity)
                    .and_where(
                        fulltext::words(backend, Indexed::Comments, q)
                            .unwrap_or_else(fulltext::nothing),
                    )
                    .to_owned();
                Condition::any()
                    .add(in_entry)
                    .add(entries::Column::Id.in_subquery(commented))
            }
            None => Condition::all().add(fulltext::nothing()),
        });
    }
    if let Some(notebook) = filter.notebook_id {
        query = query.filter(entries::Column::NotebookId.eq(notebook));
    }
    if let Some(author) = filter.author_id {
        query = query.filter(entries::Column::AuthorId.eq(author));
    }
    if let Some(tag) = filter
        .tag
        .as_deref()
        .map(|t| t.trim().trim_start_matches('#').to_lowercase())
        .filter(|t| !t.is_empty())
    {
        // Tags are stored `a,b,c`: match one whole tag.
        let escaped = tag
            .replace('\\', "\\\\")
            .replace('%', "\\%")
            .replace('_', "\\_");
        query = query.filter(
            Expr::cust("(',' || entries.tags || ',')")
                .like(LikeExpr::new(format!("%,{escaped},%")).escape('\\')),
        );
    }
    if let Some(from) = filter.from {
        query = query.filter(entries::Column::EntryDate.gte(from));
    }
    if let Some(to) = filter.to {
        query = query.filter(entries::Column::EntryDate.lte(to));
    }
    if let Some(thing) = filter.uses {
        let using = sea_orm::sea_query::Query::select()
            .column(entry_usages::Column::EntryId)
            .from(entry_usages::Entity)
            .cond_where(
                Condition::any()
                    .add(entry_usages::Column::LotId.eq(thing))
                    .add(entry_usages::Column::SampleId.eq(thing))
                    .add(entry_usages::Column::InstrumentId.eq(thing)),
            )
            .to_owned();
        query = query.filter(entries::Column::Id.in_subquery(using));
    }
    if filter.flagged {
        query = query.filter(entries::Column::Id.in_subquery(flags::flagged_condition()));
    }
    let rows = query.limit(page.limit + 1).all(db).await?;
    let names = names(db, rows.iter().filter_map(|r| r.author_id).collect()).await?;
    let flagged = flags::flagged(db, &rows.iter().map(|r| r.id).collect::<Vec<_>>()).await?;
    Ok(Page::from_rows(
        rows,
        page,
        |r| r.id,
        |r| EntrySummary {
            id: r.id,
            notebook_id: r.notebook_id,
            number: r.number,
            author: r.author_id.and_then(|a| names.get(&a).cloned()),
            title: r.title,
            entry_date: r.entry_date,
            tags: split_tags(&r.tags),
            status: r.status,
            flagged: flagged.contains(&r.id),
            updated_at: r.updated_at,
        },
    ))
}

/// One entry, with its contributors and its materials and equipment.
pub async fn get(db: &DatabaseConnection, person: &Person, id: Uuid) -> Result<Entry> {
    let row = find(db, id).await?;
    permissions::require(db, person, &row, Access::Read).await?;
    describe(db, person, row).await
}

/// Saves a draft: the content changes and becomes a new revision; a save that changes
/// nothing makes none. A signed entry is locked (409).
pub async fn update(
    db: &DatabaseConnection,
    person: &Person,
    id: Uuid,
    patch: EntryPatch,
) -> Result<Entry> {
    let txn = write::begin(db).await?;
    let current = find(&txn, id).await?;
    permissions::require(&txn, person, &current, Access::Write).await?;
    current.status.require_draft()?;
    let tags = patch.tags.unwrap_or_else(|| split_tags(&current.tags));
    let mut errors: Vec<FieldError> = Vec::new();
    let content = Content::check(
        patch.title.as_deref().unwrap_or(&current.title),
        patch.body.as_deref().unwrap_or(&current.body),
        &tags,
        patch.entry_date.unwrap_or(current.entry_date),
    )
    .map_err(|e| errors.extend(e.field_errors().iter().cloned()))
    .ok();
    let wanted = match &patch.contributors {
        Some(list) => {
            let already = contributors_of(&txn, id).await?;
            Some(contributors(&txn, person, list, &already, &mut errors).await?)
        }
        None => None,
    };
    let Some(content) = content.filter(|_| errors.is_empty()) else {
        return Err(DomainError::Validation(errors).into());
    };
    let sha = sha256(&content);
    let content_changed = sha != current.content_sha256;
    let contributors_changed = match &wanted {
        Some(wanted) => *wanted != contributors_of(&txn, id).await?,
        None => false,
    };
    if !content_changed && !contributors_changed {
        return describe(&txn, person, current).await;
    }
    let before = describe(&txn, person, current.clone()).await?;
    let row = if content_changed {
        let row = entries::Model {
            title: content.title,
            body: content.body,
            tags: content.tags.join(","),
            entry_date: content.entry_date,
            revision: current.revision + 1,
            content_sha256: sha,
            updated_at: Utc::now().trunc_subsecs(6),
            ..current
        };
        write::replace(&txn, row.clone()).await?;
        save_revision(&txn, person, &row).await?;
        row
    } else {
        current
    };
    if let (Some(wanted), true) = (wanted, contributors_changed) {
        entry_contributors::Entity::delete_many()
            .filter(entry_contributors::Column::EntryId.eq(id))
            .exec(&txn)
            .await?;
        insert_contributors(&txn, id, wanted).await?;
    }
    let after = describe(&txn, person, row).await?;
    audit::commit(txn, person, KIND, "entry.update", id, Some(&before), after).await
}
