//! Notebook entries: what an entry holds, its states, and the usages that tie it to the
//! lots, samples and instruments of the bench. The rules a save, a usage or a comment must
//! meet live here; the service applies them in one transaction.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::{person::parse_name, DomainError, FieldError};

/// A body larger than this is refused: images go in attachments, not in the text.
pub const MAX_BODY_BYTES: usize = 1_000_000;
pub const MAX_TAGS: usize = 20;
const MAX_TAG_CHARS: usize = 50;
pub const MAX_COMMENT_CHARS: usize = 10_000;

/// A person's notebook, per project.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Notebook {
    pub id: Uuid,
    pub team_id: Uuid,
    pub created_by: Option<Uuid>,
    pub name: String,
    pub project: Option<String>,
    /// How many entries it holds (numbers run from 1 and are never reused).
    pub entries: i32,
    pub created_at: DateTime<Utc>,
    /// Whose own notebook it is, while it keeps the name it was opened with
    /// ([`Notebook::default_name`]): a page words that name in its reader's language.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub opened_for: Option<String>,
}

impl Notebook {
    /// The name a person's own notebook is opened with, the first time they write.
    pub fn default_name(owner: &str) -> String {
        format!("{owner}'s notebook")
    }
}

/// `POST /api/v1/notebooks`.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewNotebook {
    /// Not blank, at most 200 characters, no control or invisible characters.
    #[cfg_attr(
        feature = "openapi",
        schema(min_length = 1, max_length = 200, pattern = r"\S")
    )]
    pub name: String,
    #[serde(default)]
    pub project: Option<String>,
    #[serde(default)]
    pub team_id: Option<Uuid>,
}

/// Draft → signed (locked) → witnessed.
#[cfg_attr(
    feature = "db",
    derive(sea_orm::DeriveValueType),
    sea_orm(
        value_type = "String",
        from_str = "EntryStatus::from_stored",
        to_str = "EntryStatus::to_stored"
    )
)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum EntryStatus {
    Draft,
    Signed,
    Witnessed,
}

crate::stored!(EntryStatus, "entry status", [Draft, Signed, Witnessed]);

impl EntryStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Draft => "draft",
            Self::Signed => "signed",
            Self::Witnessed => "witnessed",
        }
    }

    /// Only a draft's content and usages change; a signed entry is locked.
    pub fn require_draft(self) -> Result<(), DomainError> {
        match self {
            Self::Draft => Ok(()),
            _ => Err(DomainError::conflict(
                "status",
                "locked",
                "the entry is signed: add a new entry or an addendum instead",
            )),
        }
    }
}

/// A notebook page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Entry {
    pub id: Uuid,
    pub notebook_id: Uuid,
    /// Sequential within its notebook, never reused.
    pub number: i32,
    pub team_id: Uuid,
    pub author_id: Option<Uuid>,
    pub author: Option<String>,
    pub title: String,
    /// Markdown, as written.
    pub body: String,
    /// The body rendered and sanitised (no script, no event handler, no foreign frame).
    pub body_html: String,
    pub tags: Vec<String>,
    pub entry_date: NaiveDate,
    pub status: EntryStatus,
    /// The current revision's number and content hash.
    pub revision: i32,
    pub content_sha256: String,
    pub contributors: Vec<Contributor>,
    pub usages: Vec<Usage>,
    /// Recall marks: something this entry used was recalled or out of calibration.
    pub flags: Vec<crate::trace::EntryFlag>,
    /// The protocols it follows, each step ticked or not.
    #[serde(default)]
    pub protocols: Vec<FollowedProtocol>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// An entry in a list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EntrySummary {
    pub id: Uuid,
    pub notebook_id: Uuid,
    pub number: i32,
    pub title: String,
    pub author: Option<String>,
    pub entry_date: NaiveDate,
    pub tags: Vec<String>,
    pub status: EntryStatus,
    /// Carries at least one recall flag.
    pub flagged: bool,
    pub updated_at: DateTime<Utc>,
}

/// Who did what besides the author ("performed", "analysed"…).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Contributor {
    pub person_id: Uuid,
    pub name: String,
    pub role: String,
}

/// `POST /api/v1/entries`: only `title` and `body` are needed.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewEntry {
    pub title: String,
    #[serde(default)]
    pub body: String,
    /// Default: the author's own notebook (made on first use).
    #[serde(default)]
    pub notebook_id: Option<Uuid>,
    #[serde(default)]
    pub tags: Vec<String>,
    /// Default: today.
    #[serde(default)]
    pub entry_date: Option<NaiveDate>,
    /// `{"email","role"}` of the people who contributed.
    #[serde(default)]
    pub contributors: Vec<NewContributor>,
    /// Start from this protocol version: its steps open the body as a checklist, and the
    /// entry records that it followed it (which freezes the version).
    #[serde(default)]
    pub protocol_version_id: Option<Uuid>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewContributor {
    /// The contributor's account: by e-mail, or by `person_id`.
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub person_id: Option<Uuid>,
    pub role: String,
}

/// `PATCH /api/v1/entries/{id}`: a save of a draft; every save is a new revision.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct EntryPatch {
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub body: Option<String>,
    #[serde(default)]
    pub tags: Option<Vec<String>>,
    #[serde(default)]
    pub entry_date: Option<NaiveDate>,
    /// The whole list of contributors (`{"email"|"person_id","role"}`) replacing the
    /// current one. Who did what is not part of the text, so it makes no new revision;
    /// the audit log keeps each change.
    #[serde(default)]
    pub contributors: Option<Vec<NewContributor>>,
}

/// What an entry's content is: what each revision keeps and hashes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Content {
    pub title: String,
    pub body: String,
    pub tags: Vec<String>,
    pub entry_date: NaiveDate,
}

impl Content {
    /// Checks and normalises: a title, a body within its size, tags trimmed, lower case,
    /// without repeats.
    pub fn check(
        title: &str,
        body: &str,
        tags: &[String],
        entry_date: NaiveDate,
    ) -> Result<Self, DomainError> {
        let mut errors: Vec<FieldError> = Vec::new();
        let title = parse_name("title", title)
            .map_err(|e| errors.extend(e.field_errors().iter().cloned()))
            .ok();
        if body.len() > MAX_BODY_BYTES {
            errors.push(FieldError::new(
                "body",
                "too_long",
                format!("must be at most {MAX_BODY_BYTES} bytes; attach large content as files"),
            ));
        }
        let tags = normalise_tags(tags)
            .map_err(|e| errors.extend(e.field_errors().iter().cloned()))
            .ok();
        match (title, tags) {
            (Some(title), Some(tags)) if errors.is_empty() => Ok(Self {
                title,
                body: body.replace("\r\n", "\n"),
                tags,
                entry_date,
            }),
            _ => Err(DomainError::Validation(errors)),
        }
    }

    /// The text that is hashed: fixed field order, so the same content always gives the
    /// same SHA-256, on any engine and any machine.
    pub fn canonical(&self) -> String {
        serde_json::json!({
            "title": self.title,
            "body": self.body,
            "tags": self.tags,
            "entry_date": self.entry_date,
        })
        .to_string()
    }
}

fn normalise_tags(raw: &[String]) -> Result<Vec<String>, DomainError> {
    let mut tags: Vec<String> = Vec::new();
    for tag in raw {
        let tag = tag.trim().trim_start_matches('#').to_lowercase();
        if tag.is_empty() || tags.contains(&tag) {
            continue;
        }
        if tag.chars().count() > MAX_TAG_CHARS
            || tag.contains(',')
            || tag.chars().any(char::is_control)
        {
            return Err(DomainError::invalid(
                "tags",
                "invalid",
                format!("a tag is a word or short phrase of at most {MAX_TAG_CHARS} characters, without commas"),
            ));
        }
        tags.push(tag);
    }
    if tags.len() > MAX_TAGS {
        return Err(DomainError::invalid(
            "tags",
            "too_many",
            format!("at most {MAX_TAGS} tags"),
        ));
    }
    Ok(tags)
}

/// One saved revision, never overwritten.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Revision {
    pub revision: i32,
    pub title: String,
    pub body: String,
    pub tags: Vec<String>,
    pub entry_date: NaiveDate,
    /// SHA-256 of the revision's canonical content.
    pub sha256: String,
    pub saved_by: Option<String>,
    pub saved_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Comment {
    pub id: Uuid,
    pub author: Option<String>,
    pub body: String,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewComment {
    pub body: String,
}

impl NewComment {
    pub fn check(&self) -> Result<String, DomainError> {
        let body = self.body.trim();
        if body.is_empty() {
            return Err(DomainError::invalid("body", "empty", "must not be empty"));
        }
        if body.chars().count() > MAX_COMMENT_CHARS {
            return Err(DomainError::invalid(
                "body",
                "too_long",
                format!("must be at most {MAX_COMMENT_CHARS} characters"),
            ));
        }
        Ok(body.to_owned())
    }
}

mod steps;
mod usage;
pub use steps::*;
pub use usage::*;

#[cfg(test)]
mod tests;
