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

/// What an entry used or made.
#[cfg_attr(
    feature = "db",
    derive(sea_orm::DeriveValueType),
    sea_orm(
        value_type = "String",
        from_str = "UsageKind::from_stored",
        to_str = "UsageKind::to_stored"
    )
)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum UsageKind {
    /// A lot consumed (a `consume` line in its ledger).
    Lot,
    SampleInput,
    SampleOutput,
    /// An instrument used during a time window.
    Instrument,
    /// The protocol version followed.
    Protocol,
}

crate::stored!(
    UsageKind,
    "usage kind",
    [Lot, SampleInput, SampleOutput, Instrument, Protocol]
);

impl UsageKind {
    /// The kind of thing used.
    pub fn thing(self) -> crate::kind::Kind {
        use crate::kind::Kind;
        match self {
            Self::Lot => Kind::Lot,
            Self::SampleInput | Self::SampleOutput => Kind::Sample,
            Self::Instrument => Kind::Instrument,
            Self::Protocol => Kind::ProtocolVersion,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Lot => "lot",
            Self::SampleInput => "sample_input",
            Self::SampleOutput => "sample_output",
            Self::Instrument => "instrument",
            Self::Protocol => "protocol",
        }
    }
}

/// A row of the entry's "Materials and equipment" table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Usage {
    pub id: Uuid,
    pub kind: UsageKind,
    /// The lot, sample or instrument.
    pub thing_id: Uuid,
    /// Empty when the reader may not see the thing (`restricted`).
    pub label_code: Option<String>,
    pub name: Option<String>,
    pub restricted: bool,
    /// Lots: the supplier's lot number and the expiry date.
    pub supplier_lot: Option<String>,
    pub expires_on: Option<NaiveDate>,
    /// Lots: how much was consumed.
    pub quantity: Option<f64>,
    pub unit: Option<String>,
    /// Instruments: the window of use.
    pub started_at: Option<DateTime<Utc>>,
    pub ended_at: Option<DateTime<Utc>>,
    /// Recorded when the usage was added: a lapsed calibration, an instrument in
    /// maintenance, an expired lot (in English; `notices` has the same as codes).
    pub warning: Option<String>,
    /// The same warnings as codes with their values, for each reader's language.
    #[serde(default)]
    pub notices: Vec<crate::bench::UseNotice>,
    pub created_at: DateTime<Utc>,
}

/// `POST /api/v1/entries/{id}/usages`: one of
/// `{"lot_id","quantity","unit"}`, `{"sample_id","role":"input"|"output"}`,
/// `{"role":"output","name","quantity","unit","relation"?}` (a new sample made by the
/// entry from its inputs), `{"instrument_id","started_at","ended_at"}`.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewUsage {
    #[serde(default)]
    pub lot_id: Option<Uuid>,
    #[serde(default)]
    pub sample_id: Option<Uuid>,
    #[serde(default)]
    pub instrument_id: Option<Uuid>,
    /// The protocol version followed.
    #[serde(default)]
    pub protocol_version_id: Option<Uuid>,
    #[serde(default)]
    pub role: Option<String>,
    #[serde(default)]
    pub quantity: Option<f64>,
    #[serde(default)]
    pub unit: Option<String>,
    /// A new output sample's name (and `type`, `relation` to the inputs).
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default, rename = "type")]
    pub sample_type: Option<String>,
    #[serde(default)]
    pub relation: Option<String>,
    #[serde(default)]
    pub started_at: Option<DateTime<Utc>>,
    #[serde(default)]
    pub ended_at: Option<DateTime<Utc>>,
}

/// A usage request read as what it asks.
#[derive(Debug, Clone, PartialEq)]
pub enum UsageRequest {
    Lot {
        lot_id: Uuid,
        quantity: f64,
        unit: Option<String>,
    },
    SampleInput {
        sample_id: Uuid,
    },
    SampleOutput {
        sample_id: Uuid,
    },
    NewOutput {
        name: String,
        quantity: f64,
        unit: String,
        sample_type: Option<String>,
        relation: String,
    },
    Instrument {
        instrument_id: Uuid,
        started_at: DateTime<Utc>,
        ended_at: DateTime<Utc>,
    },
    Protocol {
        version_id: Uuid,
    },
}

impl UsageRequest {
    /// The kind of usage it records.
    pub fn kind(&self) -> UsageKind {
        match self {
            Self::Lot { .. } => UsageKind::Lot,
            Self::SampleInput { .. } => UsageKind::SampleInput,
            Self::SampleOutput { .. } | Self::NewOutput { .. } => UsageKind::SampleOutput,
            Self::Instrument { .. } => UsageKind::Instrument,
            Self::Protocol { .. } => UsageKind::Protocol,
        }
    }
}

impl NewUsage {
    /// Which usage this is, every missing or contradictory field named.
    pub fn read(&self) -> Result<UsageRequest, DomainError> {
        let given = [
            self.lot_id.is_some(),
            self.sample_id.is_some(),
            self.instrument_id.is_some(),
            self.protocol_version_id.is_some(),
        ]
        .iter()
        .filter(|g| **g)
        .count();
        let new_output = given == 0 && self.name.is_some();
        if given > 1 || (given == 0 && !new_output) {
            return Err(DomainError::invalid(
                "lot_id",
                "one_of",
                "give exactly one of lot_id, sample_id, instrument_id, protocol_version_id (or name for a new output sample)",
            ));
        }
        let role = self.role.as_deref().map(str::trim);
        if let Some(version_id) = self.protocol_version_id {
            return Ok(UsageRequest::Protocol { version_id });
        }
        if let Some(lot_id) = self.lot_id {
            return match self.quantity {
                Some(quantity) => Ok(UsageRequest::Lot {
                    lot_id,
                    quantity,
                    unit: self.unit.clone(),
                }),
                None => Err(DomainError::invalid(
                    "quantity",
                    "required",
                    "how much of the lot was used",
                )),
            };
        }
        if let Some(sample_id) = self.sample_id {
            return match role {
                Some("input") | None => Ok(UsageRequest::SampleInput { sample_id }),
                Some("output") => Ok(UsageRequest::SampleOutput { sample_id }),
                Some(_) => Err(DomainError::invalid(
                    "role",
                    "invalid",
                    "must be input or output",
                )),
            };
        }
        if let Some(instrument_id) = self.instrument_id {
            let mut errors = Vec::new();
            if self.started_at.is_none() {
                errors.push(FieldError::new("started_at", "required", "is required"));
            }
            if self.ended_at.is_none() {
                errors.push(FieldError::new("ended_at", "required", "is required"));
            }
            if let (Some(s), Some(e)) = (self.started_at, self.ended_at) {
                if e < s {
                    errors.push(FieldError::new(
                        "ended_at",
                        "before_start",
                        "must not be before started_at",
                    ));
                }
            }
            return match (self.started_at, self.ended_at) {
                (Some(started_at), Some(ended_at)) if errors.is_empty() => {
                    Ok(UsageRequest::Instrument {
                        instrument_id,
                        started_at,
                        ended_at,
                    })
                }
                _ => Err(DomainError::Validation(errors)),
            };
        }
        if role.is_some_and(|r| r != "output") {
            return Err(DomainError::invalid(
                "role",
                "invalid",
                "a new sample is an output",
            ));
        }
        let mut errors = Vec::new();
        let name = parse_name("name", self.name.as_deref().unwrap_or_default())
            .map_err(|e| errors.extend(e.field_errors().iter().cloned()))
            .ok();
        if self.quantity.is_none() {
            errors.push(FieldError::new("quantity", "required", "is required"));
        }
        if self.unit.as_deref().is_none_or(|u| u.trim().is_empty()) {
            errors.push(FieldError::new("unit", "required", "is required"));
        }
        // Checked here so that the error names this body's field, not the lineage rows
        // the relation ends up in.
        let relation = self.relation.clone().unwrap_or_else(|| "other".into());
        if let Err(e) = crate::sample::Derivation::parse("relation", &relation) {
            errors.extend(e.field_errors().iter().cloned());
        }
        match (name, self.quantity, self.unit.clone()) {
            (Some(name), Some(quantity), Some(unit)) if errors.is_empty() => {
                Ok(UsageRequest::NewOutput {
                    name,
                    quantity,
                    unit,
                    sample_type: self.sample_type.clone(),
                    relation,
                })
            }
            _ => Err(DomainError::Validation(errors)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 30).unwrap()
    }

    #[test]
    fn content_is_normalised_and_hashed_in_a_fixed_form() {
        let c = Content::check(
            " PCR of #12 ",
            "a\r\nb",
            &["  #PCR".into(), "pcr".into(), "Gel".into()],
            day(),
        )
        .unwrap();
        assert_eq!(c.title, "PCR of #12");
        assert_eq!(c.body, "a\nb");
        assert_eq!(c.tags, ["pcr", "gel"]);
        assert_eq!(c.canonical(), c.clone().canonical());
        let err = Content::check(" ", &"x".repeat(MAX_BODY_BYTES + 1), &["a,b".into()], day())
            .unwrap_err();
        let fields: Vec<_> = err
            .field_errors()
            .iter()
            .map(|e| e.field.as_str())
            .collect();
        assert_eq!(fields, ["title", "body", "tags"]);
    }

    #[test]
    fn a_usage_request_names_what_is_missing_or_contradictory() {
        let both = NewUsage {
            lot_id: Some(Uuid::nil()),
            sample_id: Some(Uuid::nil()),
            ..Default::default()
        };
        assert_eq!(both.read().unwrap_err().field_errors()[0].code, "one_of");
        let lot = NewUsage {
            lot_id: Some(Uuid::nil()),
            ..Default::default()
        };
        assert_eq!(lot.read().unwrap_err().field_errors()[0].field, "quantity");
        let t = |h| {
            DateTime::parse_from_rfc3339(&format!("2026-11-30T{h:02}:00:00Z"))
                .unwrap()
                .with_timezone(&Utc)
        };
        let window = NewUsage {
            instrument_id: Some(Uuid::nil()),
            started_at: Some(t(10)),
            ended_at: Some(t(9)),
            ..Default::default()
        };
        assert_eq!(
            window.read().unwrap_err().field_errors()[0].field,
            "ended_at"
        );
        let output = NewUsage {
            name: Some("Eluate".into()),
            quantity: Some(1.0),
            unit: Some("mL".into()),
            ..Default::default()
        };
        assert!(matches!(
            output.read().unwrap(),
            UsageRequest::NewOutput { .. }
        ));
        let bad_relation = NewUsage {
            relation: Some("brewed".into()),
            ..output.clone()
        };
        assert_eq!(
            bad_relation.read().unwrap_err().field_errors()[0].field,
            "relation"
        );
        let bad_role = NewUsage {
            sample_id: Some(Uuid::nil()),
            role: Some("catalyst".into()),
            ..Default::default()
        };
        assert_eq!(bad_role.read().unwrap_err().field_errors()[0].field, "role");
    }
}
