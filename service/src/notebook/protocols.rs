//! Protocols and their versions. The current version of a protocol may be edited until an
//! entry follows it; from then on it is frozen and a change makes the next version, so
//! every entry keeps pointing at the very text it followed.

use chrono::{SubsecRound, Utc};
use domain::{
    access::{self, Access},
    kind::Kind,
    person::Person,
    protocol::{NewProtocol, NewProtocolVersion, Protocol, ProtocolVersion},
    DomainError,
};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection,
    EntityTrait, QueryFilter, QueryOrder,
};
use uuid::Uuid;

use crate::{
    accounts::permissions::{self, Owned},
    accounts::teams,
    audit,
    entities::{protocol_versions, protocols},
    error::Result,
    write, ServiceError,
};

const KIND: Kind = Kind::Protocol;

pub async fn create(
    db: &DatabaseConnection,
    person: &Person,
    new: NewProtocol,
) -> Result<Protocol> {
    let checked = new.check();
    let team = access::team_for_new(person, new.team_id);
    let mut errors = match &checked {
        Err(e) => e.field_errors().to_vec(),
        Ok(_) => Vec::new(),
    };
    if let Err(DomainError::Validation(e)) = &team {
        errors.extend(e.iter().cloned());
    }
    if !errors.is_empty() {
        return Err(DomainError::Validation(errors).into());
    }
    let ((name, version), team_id) = (checked?, team?);
    let txn = write::begin(db).await?;
    teams::check_team_id(&txn, team_id).await?;
    let now = Utc::now().trunc_subsecs(6);
    let row = protocols::Model {
        id: Uuid::now_v7(),
        team_id,
        created_by: Some(person.id),
        name,
        created_at: now,
    };
    protocols::Entity::insert(protocols::ActiveModel::from(row.clone()))
        .exec_without_returning(&txn)
        .await?;
    insert_version(&txn, person, row.id, 1, &version).await?;
    let protocol = describe(&txn, row).await?;
    audit::commit(
        txn,
        person,
        KIND,
        "protocol.create",
        protocol.id,
        None,
        protocol,
    )
    .await
}

/// The protocols the person may see, by name.
pub async fn list(db: &DatabaseConnection, person: &Person) -> Result<Vec<Protocol>> {
    let mut query = protocols::Entity::find().order_by_asc(protocols::Column::Name);
    if let Some(visible) = permissions::visible(
        person,
        KIND,
        protocols::Column::Id,
        protocols::Column::TeamId,
    ) {
        query = query.filter(visible);
    }
    let mut out = Vec::new();
    for row in query.all(db).await? {
        out.push(describe(db, row).await?);
    }
    Ok(out)
}

pub async fn get(db: &DatabaseConnection, person: &Person, id: Uuid) -> Result<Protocol> {
    let row = find(db, id).await?;
    permissions::require(db, person, &row, Access::Read).await?;
    describe(db, row).await
}

/// Changes the protocol's text and steps: the current version itself while no entry has
/// followed it, else a new version.
pub async fn revise(
    db: &DatabaseConnection,
    person: &Person,
    id: Uuid,
    new: NewProtocolVersion,
) -> Result<ProtocolVersion> {
    let version = new.check()?;
    let txn = write::begin(db).await?;
    let row = find(&txn, id).await?;
    permissions::require(&txn, person, &row, Access::Write).await?;
    let before = describe(&txn, row.clone()).await?;
    let latest = protocol_versions::Entity::find()
        .filter(protocol_versions::Column::ProtocolId.eq(id))
        .order_by_desc(protocol_versions::Column::Version)
        .one(&txn)
        .await?
        .ok_or_else(|| DomainError::not_found("protocol version"))?;
    let saved = if latest.frozen {
        insert_version(&txn, person, id, latest.version + 1, &version).await?
    } else {
        let mut edit: protocol_versions::ActiveModel = latest.into();
        edit.body = Set(version.body.clone());
        edit.steps = Set(serde_json::to_string(&version.steps).unwrap_or_default());
        version_dto(edit.update(&txn).await?)?
    };
    let after = describe(&txn, row).await?;
    audit::record(
        &txn,
        person,
        KIND.as_str(),
        "protocol.revise",
        id,
        Some(&before),
        &after,
    )
    .await?;
    txn.commit().await?;
    Ok(saved)
}

/// An entry follows `version_id`: the version becomes frozen. Returns the protocol's name
/// and the version; "not found" for one the person may not see.
pub(crate) async fn follow(
    txn: &impl ConnectionTrait,
    person: &Person,
    version_id: Uuid,
) -> Result<(String, ProtocolVersion)> {
    let version = protocol_versions::Entity::find_by_id(version_id)
        .one(txn)
        .await?
        .ok_or_else(|| KIND.not_found())?;
    let protocol = find(txn, version.protocol_id).await?;
    let access = permissions::of(txn, person, &protocol).await?;
    access::require(access, Access::Read, KIND.as_str())?;
    let version = if version.frozen {
        version
    } else if access < Access::Write {
        // Following freezes the version; only its team may decide when its text is done.
        return Err(DomainError::invalid(
            "protocol_version_id",
            "not_published",
            "this version is still being written by its team: follow a frozen version",
        )
        .into());
    } else {
        let mut freeze: protocol_versions::ActiveModel = version.into();
        freeze.frozen = Set(true);
        freeze.update(txn).await?
    };
    Ok((protocol.name, version_dto(version)?))
}

/// "Name (version N)" for a version the person may see.
pub(crate) async fn version_name(
    db: &impl ConnectionTrait,
    person: &Person,
    version_id: Uuid,
) -> Result<Option<String>> {
    let Some(version) = protocol_versions::Entity::find_by_id(version_id)
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let protocol = find(db, version.protocol_id).await?;
    if permissions::of(db, person, &protocol).await? < Access::Read {
        return Ok(None);
    }
    Ok(Some(format!(
        "{} (version {})",
        protocol.name, version.version
    )))
}

async fn insert_version(
    txn: &impl ConnectionTrait,
    person: &Person,
    protocol_id: Uuid,
    number: i32,
    version: &NewProtocolVersion,
) -> Result<ProtocolVersion> {
    let row = protocol_versions::Model {
        id: Uuid::now_v7(),
        protocol_id,
        version: number,
        body: version.body.clone(),
        steps: serde_json::to_string(&version.steps).unwrap_or_default(),
        frozen: false,
        created_by: Some(person.id),
        created_at: Utc::now().trunc_subsecs(6),
    };
    protocol_versions::Entity::insert(protocol_versions::ActiveModel::from(row.clone()))
        .exec_without_returning(txn)
        .await?;
    version_dto(row)
}

async fn describe(db: &impl ConnectionTrait, row: protocols::Model) -> Result<Protocol> {
    let versions = protocol_versions::Entity::find()
        .filter(protocol_versions::Column::ProtocolId.eq(row.id))
        .order_by_asc(protocol_versions::Column::Version)
        .all(db)
        .await?
        .into_iter()
        .map(version_dto)
        .collect::<Result<_>>()?;
    Ok(Protocol {
        id: row.id,
        team_id: row.team_id,
        name: row.name,
        versions,
        created_at: row.created_at,
    })
}

/// A version as shown; steps that no longer read as a list of texts are a damaged row.
pub(crate) fn version_dto(m: protocol_versions::Model) -> Result<ProtocolVersion> {
    let steps = serde_json::from_str(&m.steps)
        .map_err(|_| ServiceError::stored("protocol_versions.steps", m.steps.clone()))?;
    Ok(ProtocolVersion {
        id: m.id,
        protocol_id: m.protocol_id,
        version: m.version,
        body: m.body,
        steps,
        frozen: m.frozen,
        created_at: m.created_at,
    })
}

async fn find(db: &impl ConnectionTrait, id: Uuid) -> Result<protocols::Model> {
    Ok(protocols::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or_else(|| KIND.not_found())?)
}

/// Who may see or change a row: its team, shares and creator.
impl Owned for protocols::Model {
    const KIND: Kind = KIND;

    fn owner(&self) -> (Uuid, Uuid, Option<Uuid>) {
        (self.id, self.team_id, self.created_by)
    }
}
