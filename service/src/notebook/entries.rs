//! Notebooks and their entries: numbering, revisions, contributors and comments. An
//! entry's number is taken from its notebook under the installation-wide write lock
//! (`write::begin`), so two entries created at the same moment never share or skip one.
//! Every save of a draft is a new revision with the SHA-256 of its content; nothing is
//! overwritten. Usages (what the entry used and made) are in `usages`.

use std::collections::HashMap;

use chrono::{SubsecRound, Utc};
use domain::{
    access::{self, Access},
    attachment::Attachment,
    entry::{
        Comment, Content, Contributor, Entry, EntryPatch, EntryStatus, EntrySummary, NewComment,
        NewContributor, NewEntry, NewNotebook, Notebook, Revision,
    },
    kind::Kind,
    page::{Page, PageRequest},
    person::{parse_name, parse_optional_name, Person},
    protocol::checklist,
    DomainError, FieldError,
};
use sea_orm::{
    sea_query::{Expr, ExprTrait, LikeExpr},
    ActiveModelTrait,
    ActiveValue::Set,
    ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect,
};
use sha2::{Digest, Sha256};
use uuid::Uuid;

use crate::{
    accounts::permissions,
    accounts::teams,
    attachments::{self, Incoming, Owner},
    audit,
    entities::{
        entries, entry_comments, entry_contributors, entry_revisions, entry_usages, notebooks,
        people,
    },
    error::Result,
    files::FileStore,
    fulltext::{self, Indexed},
    markdown,
    notebook::protocols,
    notebook::usages,
    trace::recall,
    write,
};

pub(crate) const KIND: Kind = Kind::Entry;
const NOTEBOOK: Kind = Kind::Notebook;

/// Opens a notebook (a project's pages) in one of the person's teams.
pub async fn create_notebook(
    db: &DatabaseConnection,
    person: &Person,
    new: NewNotebook,
) -> Result<Notebook> {
    let mut errors: Vec<FieldError> = Vec::new();
    let name = parse_name("name", &new.name)
        .map_err(|e| errors.extend(e.field_errors().iter().cloned()))
        .ok();
    let project = parse_optional_name("project", new.project.as_deref())
        .map_err(|e| errors.extend(e.field_errors().iter().cloned()))
        .ok()
        .flatten();
    let team = access::team_for_new(person, new.team_id);
    if let Err(DomainError::Validation(e)) = &team {
        errors.extend(e.iter().cloned());
    }
    let Some(name) = name.filter(|_| errors.is_empty()) else {
        return Err(DomainError::Validation(errors).into());
    };
    let team_id = team?;
    let txn = write::begin(db).await?;
    teams::check_team_id(&txn, team_id).await?;
    let row = notebooks::Model {
        id: Uuid::now_v7(),
        team_id,
        created_by: Some(person.id),
        name,
        project,
        next_number: 1,
        created_at: Utc::now().trunc_subsecs(6),
    };
    notebooks::Entity::insert(notebooks::ActiveModel::from(row.clone()))
        .exec_without_returning(&txn)
        .await?;
    let notebook = notebook_dto(row);
    audit::record(
        &txn,
        person,
        NOTEBOOK.as_str(),
        "notebook.create",
        notebook.id,
        None,
        &notebook,
    )
    .await?;
    txn.commit().await?;
    Ok(notebook)
}

/// The notebooks the person may see, oldest first.
pub async fn notebooks(db: &DatabaseConnection, person: &Person) -> Result<Vec<Notebook>> {
    let mut query = notebooks::Entity::find().order_by_asc(notebooks::Column::Id);
    if let Some(visible) = permissions::visible(
        person,
        NOTEBOOK,
        notebooks::Column::Id,
        notebooks::Column::TeamId,
    ) {
        query = query.filter(visible);
    }
    Ok(query.all(db).await?.into_iter().map(notebook_dto).collect())
}

/// Writes a new entry (a draft, revision 1) in the given notebook or, by default, in the
/// person's own notebook (opened on first use).
pub async fn create(db: &DatabaseConnection, person: &Person, new: NewEntry) -> Result<Entry> {
    let today = Utc::now().date_naive();
    let txn = write::begin(db).await?;
    let mut errors: Vec<FieldError> = Vec::new();
    // Started from a protocol version: its steps open the text as a checklist.
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
    let body = match &protocol {
        Some((name, version)) if new.body.trim().is_empty() => checklist(name, version),
        Some((name, version)) => format!("{}\n{}", checklist(name, version), new.body),
        None => new.body.clone(),
    };
    let content = Content::check(
        &new.title,
        &body,
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
                Some(n) => {
                    permissions::level(&txn, person, NOTEBOOK, n.id, n.team_id, n.created_by)
                        .await?
                        >= Access::Write
                }
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
        status: EntryStatus::Draft.as_str().to_owned(),
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
    audit::record(
        &txn,
        person,
        KIND.as_str(),
        "entry.create",
        entry.id,
        None,
        &entry,
    )
    .await?;
    txn.commit().await?;
    Ok(entry)
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
}

/// One page of the entries the person may see, oldest first.
pub async fn list(
    db: &DatabaseConnection,
    person: &Person,
    filter: EntryQuery,
    page: PageRequest,
) -> Result<Page<EntrySummary>> {
    let mut query = entries::Entity::find().order_by_asc(entries::Column::Id);
    if let Some(visible) =
        permissions::visible(person, KIND, entries::Column::Id, entries::Column::TeamId)
    {
        query = query.filter(visible);
    }
    if let Some(q) = filter.q.as_deref().map(str::trim).filter(|q| !q.is_empty()) {
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
        query = query.filter(entries::Column::Id.in_subquery(recall::flagged_condition()));
    }
    if let Some(after) = page.after {
        query = query.filter(entries::Column::Id.gt(after));
    }
    let rows = query.limit(page.limit + 1).all(db).await?;
    let names = names(db, rows.iter().filter_map(|r| r.author_id).collect()).await?;
    let flagged = recall::flagged(db, &rows.iter().map(|r| r.id).collect::<Vec<_>>()).await?;
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
            status: EntryStatus::parse(&r.status),
            flagged: flagged.contains(&r.id),
            updated_at: r.updated_at,
        },
    ))
}

/// One entry, with its contributors and its materials and equipment.
pub async fn get(db: &DatabaseConnection, person: &Person, id: Uuid) -> Result<Entry> {
    let row = find(db, id).await?;
    access::require(
        access_to(db, person, &row).await?,
        Access::Read,
        KIND.as_str(),
    )?;
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
    access::require(
        access_to(&txn, person, &current).await?,
        Access::Write,
        KIND.as_str(),
    )?;
    EntryStatus::parse(&current.status).require_draft()?;
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
        entries::Entity::update(entries::ActiveModel::from(row.clone()).reset_all())
            .exec(&txn)
            .await?;
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
    audit::record(
        &txn,
        person,
        KIND.as_str(),
        "entry.update",
        id,
        Some(&before),
        &after,
    )
    .await?;
    txn.commit().await?;
    Ok(after)
}

/// Every saved revision, oldest first.
pub async fn revisions(
    db: &DatabaseConnection,
    person: &Person,
    id: Uuid,
) -> Result<Vec<Revision>> {
    let row = find(db, id).await?;
    access::require(
        access_to(db, person, &row).await?,
        Access::Read,
        KIND.as_str(),
    )?;
    let rows = entry_revisions::Entity::find()
        .filter(entry_revisions::Column::EntryId.eq(id))
        .order_by_asc(entry_revisions::Column::Revision)
        .all(db)
        .await?;
    let names = names(db, rows.iter().filter_map(|r| r.saved_by).collect()).await?;
    Ok(rows
        .into_iter()
        .map(|r| Revision {
            revision: r.revision,
            title: r.title,
            body: r.body,
            tags: split_tags(&r.tags),
            entry_date: r.entry_date,
            sha256: r.sha256,
            saved_by: r.saved_by.and_then(|p| names.get(&p).cloned()),
            saved_at: r.saved_at,
        })
        .collect())
}

/// Comments on an entry, by anyone who may read it (a signed entry too: a comment is not
/// part of its content).
pub async fn comment(
    db: &DatabaseConnection,
    person: &Person,
    id: Uuid,
    new: NewComment,
) -> Result<Comment> {
    let body = new.check()?;
    let txn = write::begin(db).await?;
    let row = find(&txn, id).await?;
    access::require(
        access_to(&txn, person, &row).await?,
        Access::Read,
        KIND.as_str(),
    )?;
    let model = entry_comments::Model {
        id: Uuid::now_v7(),
        entry_id: id,
        author_id: Some(person.id),
        body,
        created_at: Utc::now().trunc_subsecs(6),
    };
    entry_comments::Entity::insert(entry_comments::ActiveModel::from(model.clone()))
        .exec_without_returning(&txn)
        .await?;
    let comment = Comment {
        id: model.id,
        author: Some(person.name.clone()),
        body: model.body,
        created_at: model.created_at,
    };
    audit::record(
        &txn,
        person,
        KIND.as_str(),
        "entry.comment",
        id,
        None,
        &comment,
    )
    .await?;
    txn.commit().await?;
    Ok(comment)
}

pub async fn comments(db: &DatabaseConnection, person: &Person, id: Uuid) -> Result<Vec<Comment>> {
    let row = find(db, id).await?;
    access::require(
        access_to(db, person, &row).await?,
        Access::Read,
        KIND.as_str(),
    )?;
    let rows = entry_comments::Entity::find()
        .filter(entry_comments::Column::EntryId.eq(id))
        .order_by_asc(entry_comments::Column::Id)
        .all(db)
        .await?;
    let names = names(db, rows.iter().filter_map(|r| r.author_id).collect()).await?;
    Ok(rows
        .into_iter()
        .map(|r| Comment {
            id: r.id,
            author: r.author_id.and_then(|p| names.get(&p).cloned()),
            body: r.body,
            created_at: r.created_at,
        })
        .collect())
}

/// Attaches a file (an image from the tablet's camera, a data file) to an entry; images
/// can then be shown in its body (`![…](/api/v1/attachments/ID)`). A signed entry takes
/// no more (409): a later file belongs to a new entry.
pub async fn attach(
    db: &DatabaseConnection,
    files: &FileStore,
    person: &Person,
    id: Uuid,
    incoming: Incoming,
) -> Result<Attachment> {
    let txn = write::begin(db).await?;
    let row = find(&txn, id).await?;
    access::require(
        access_to(&txn, person, &row).await?,
        Access::Write,
        KIND.as_str(),
    )?;
    EntryStatus::parse(&row.status).require_draft()?;
    let owner = Owner {
        kind: KIND,
        id,
        team_id: row.team_id,
    };
    let attachment = attachments::keep(&txn, files, person, owner, incoming).await?;
    audit::record(
        &txn,
        person,
        KIND.as_str(),
        "entry.attach",
        id,
        None,
        &attachment,
    )
    .await?;
    txn.commit().await?;
    Ok(attachment)
}

/// The files attached to an entry, oldest first.
pub async fn attachments_of(
    db: &DatabaseConnection,
    person: &Person,
    id: Uuid,
) -> Result<Vec<Attachment>> {
    let row = find(db, id).await?;
    access::require(
        access_to(db, person, &row).await?,
        Access::Read,
        KIND.as_str(),
    )?;
    attachments::of(db, KIND, id).await
}

/// The person's own notebook in `team`, opened the first time they write.
async fn own_notebook(
    txn: &impl ConnectionTrait,
    person: &Person,
    team_id: Uuid,
) -> Result<notebooks::Model> {
    let found = notebooks::Entity::find()
        .filter(notebooks::Column::CreatedBy.eq(person.id))
        .filter(notebooks::Column::TeamId.eq(team_id))
        .order_by_asc(notebooks::Column::Id)
        .one(txn)
        .await?;
    if let Some(notebook) = found {
        return Ok(notebook);
    }
    let row = notebooks::Model {
        id: Uuid::now_v7(),
        team_id,
        created_by: Some(person.id),
        name: format!("{}'s notebook", person.name),
        project: None,
        next_number: 1,
        created_at: Utc::now().trunc_subsecs(6),
    };
    notebooks::Entity::insert(notebooks::ActiveModel::from(row.clone()))
        .exec_without_returning(txn)
        .await?;
    audit::record(
        txn,
        person,
        NOTEBOOK.as_str(),
        "notebook.create",
        row.id,
        None,
        &notebook_dto(row.clone()),
    )
    .await?;
    Ok(row)
}

/// The named contributors, each found by e-mail.
/// The named accounts and their roles, sorted and without repeats; a missing account
/// or an empty role is a field error of its line.
async fn contributors(
    txn: &impl ConnectionTrait,
    person: &Person,
    list: &[NewContributor],
    already: &[(Uuid, String)],
    errors: &mut Vec<FieldError>,
) -> Result<Vec<(Uuid, String)>> {
    let mut found = Vec::new();
    for (i, c) in list.iter().enumerate() {
        let role = parse_name(&format!("contributors[{i}].role"), &c.role)
            .map_err(|e| errors.extend(e.field_errors().iter().cloned()))
            .ok();
        let (field, who) = match c.person_id {
            Some(id) => ("person_id", people::Entity::find_by_id(id).one(txn).await?),
            None => (
                "email",
                people::Entity::find()
                    .filter(people::Column::Email.eq(c.email.trim().to_lowercase()))
                    .one(txn)
                    .await?,
            ),
        };
        // Only people the author knows (a colleague, or already on the entry) may be
        // named: an account anywhere else is "no such account" too, so the form cannot
        // be used to learn who has one.
        let who = match who {
            Some(p)
                if already.iter().any(|(id, _)| *id == p.id)
                    || crate::trace::knows(txn, person, p.id).await? =>
            {
                Some(p)
            }
            _ => None,
        };
        match (who, role) {
            (Some(p), Some(role)) => found.push((p.id, role.to_lowercase())),
            (None, _) => errors.push(FieldError::new(
                format!("contributors[{i}].{field}"),
                "not_found",
                "no such account",
            )),
            _ => {}
        }
    }
    found.sort();
    found.dedup();
    Ok(found)
}

/// The entry's contributors as stored, sorted like [`contributors`] returns them.
async fn contributors_of(txn: &impl ConnectionTrait, entry: Uuid) -> Result<Vec<(Uuid, String)>> {
    let mut rows: Vec<(Uuid, String)> = entry_contributors::Entity::find()
        .filter(entry_contributors::Column::EntryId.eq(entry))
        .all(txn)
        .await?
        .into_iter()
        .map(|c| (c.person_id, c.role))
        .collect();
    rows.sort();
    Ok(rows)
}

async fn insert_contributors(
    txn: &impl ConnectionTrait,
    entry: Uuid,
    list: Vec<(Uuid, String)>,
) -> Result<()> {
    for (person_id, role) in list {
        entry_contributors::Entity::insert(entry_contributors::ActiveModel::from(
            entry_contributors::Model {
                entry_id: entry,
                person_id,
                role,
            },
        ))
        .exec_without_returning(txn)
        .await?;
    }
    Ok(())
}

async fn save_revision(
    txn: &impl ConnectionTrait,
    person: &Person,
    row: &entries::Model,
) -> Result<()> {
    entry_revisions::Entity::insert(entry_revisions::ActiveModel::from(entry_revisions::Model {
        id: Uuid::now_v7(),
        entry_id: row.id,
        revision: row.revision,
        title: row.title.clone(),
        body: row.body.clone(),
        tags: row.tags.clone(),
        entry_date: row.entry_date,
        sha256: row.content_sha256.clone(),
        saved_by: Some(person.id),
        saved_at: row.updated_at,
    }))
    .exec_without_returning(txn)
    .await?;
    Ok(())
}

/// An entry as shown: the body rendered and sanitised, who wrote it, who contributed,
/// what it used.
pub(crate) async fn describe(
    db: &impl ConnectionTrait,
    person: &Person,
    row: entries::Model,
) -> Result<Entry> {
    let contributors = entry_contributors::Entity::find()
        .filter(entry_contributors::Column::EntryId.eq(row.id))
        .all(db)
        .await?;
    let mut ids: Vec<Uuid> = contributors.iter().map(|c| c.person_id).collect();
    ids.extend(row.author_id);
    let names = names(db, ids).await?;
    let usages = usages::of_entry(db, person, row.id).await?;
    Ok(Entry {
        id: row.id,
        notebook_id: row.notebook_id,
        number: row.number,
        team_id: row.team_id,
        author_id: row.author_id,
        author: row.author_id.and_then(|a| names.get(&a).cloned()),
        body_html: markdown::to_safe_html(&row.body),
        title: row.title,
        body: row.body,
        tags: split_tags(&row.tags),
        entry_date: row.entry_date,
        status: EntryStatus::parse(&row.status),
        revision: row.revision,
        content_sha256: row.content_sha256,
        contributors: contributors
            .into_iter()
            .map(|c| Contributor {
                name: names.get(&c.person_id).cloned().unwrap_or_default(),
                person_id: c.person_id,
                role: c.role,
            })
            .collect(),
        usages,
        flags: recall::of_entry(db, person, row.id).await?,
        created_at: row.created_at,
        updated_at: row.updated_at,
    })
}

/// People's names, in one query.
async fn names(db: &impl ConnectionTrait, ids: Vec<Uuid>) -> Result<HashMap<Uuid, String>> {
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    Ok(people::Entity::find()
        .filter(people::Column::Id.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.id, p.name))
        .collect())
}

pub(crate) async fn find(db: &impl ConnectionTrait, id: Uuid) -> Result<entries::Model> {
    Ok(entries::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or_else(|| KIND.not_found())?)
}

pub(crate) async fn access_to(
    db: &impl ConnectionTrait,
    person: &Person,
    row: &entries::Model,
) -> Result<Access> {
    permissions::level(db, person, KIND, row.id, row.team_id, row.author_id).await
}

fn sha256(content: &Content) -> String {
    hex::encode(Sha256::digest(content.canonical().as_bytes()))
}

fn split_tags(raw: &str) -> Vec<String> {
    raw.split(',')
        .filter(|t| !t.is_empty())
        .map(str::to_owned)
        .collect()
}

fn notebook_dto(m: notebooks::Model) -> Notebook {
    Notebook {
        id: m.id,
        team_id: m.team_id,
        created_by: m.created_by,
        name: m.name,
        project: m.project,
        entries: m.next_number - 1,
        created_at: m.created_at,
    }
}
