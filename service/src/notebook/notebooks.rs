//! Notebooks: a project's pages, one per person by default, numbered entries in each.

use std::collections::HashMap;

use chrono::{SubsecRound, Utc};
use domain::{
    access::{self},
    entry::{NewNotebook, Notebook},
    kind::Kind,
    person::{parse_name, parse_optional_name, Person},
    DomainError, FieldError,
};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder,
};
use uuid::Uuid;

use crate::{
    accounts::permissions::{self, Owned},
    accounts::teams,
    audit,
    entities::{notebooks, people},
    error::Result,
    write,
};

/// Who may see or change a notebook: its team, shares and creator.
impl Owned for notebooks::Model {
    const KIND: domain::kind::Kind = domain::kind::Kind::Notebook;

    fn owner(&self) -> (Uuid, Uuid, Option<Uuid>) {
        (self.id, self.team_id, self.created_by)
    }
}

const NOTEBOOK: Kind = Kind::Notebook;

/// Opens a notebook (a project's pages) in one of the person's teams.
pub async fn create(
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
    let notebook = notebook_dto(row, None);
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
pub async fn list(db: &DatabaseConnection, person: &Person) -> Result<Vec<Notebook>> {
    let mut query = notebooks::Entity::find().order_by_asc(notebooks::Column::Id);
    if let Some(visible) = permissions::visible(
        person,
        NOTEBOOK,
        notebooks::Column::Id,
        notebooks::Column::TeamId,
    ) {
        query = query.filter(visible);
    }
    let rows = query.all(db).await?;
    let creators: Vec<Uuid> = rows.iter().filter_map(|r| r.created_by).collect();
    let names: HashMap<Uuid, String> = people::Entity::find()
        .filter(people::Column::Id.is_in(creators))
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.id, p.name))
        .collect();
    Ok(rows
        .into_iter()
        .map(|r| {
            let creator = r.created_by.and_then(|c| names.get(&c)).cloned();
            notebook_dto(r, creator.as_deref())
        })
        .collect())
}

/// The person's own notebook in `team`, opened the first time they write.
pub(crate) async fn own_notebook(
    txn: &impl ConnectionTrait,
    person: &Person,
    team_id: Uuid,
) -> Result<notebooks::Model> {
    if let Some(notebook) = find_own(txn, person, team_id).await? {
        return Ok(notebook);
    }
    let row = notebooks::Model {
        id: Uuid::now_v7(),
        team_id,
        created_by: Some(person.id),
        name: Notebook::default_name(&person.name),
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
        &notebook_dto(row.clone(), Some(&person.name)),
    )
    .await?;
    Ok(row)
}

/// The notebook as the API shows it; `creator` is its creator's name, if known.
pub(crate) fn notebook_dto(m: notebooks::Model, creator: Option<&str>) -> Notebook {
    let opened_for = creator
        .filter(|c| m.project.is_none() && m.name == Notebook::default_name(c))
        .map(str::to_owned);
    Notebook {
        id: m.id,
        team_id: m.team_id,
        created_by: m.created_by,
        name: m.name,
        project: m.project,
        entries: m.next_number - 1,
        created_at: m.created_at,
        opened_for,
    }
}

/// The person's own notebook in a team: the first they opened there.
async fn find_own(
    db: &impl ConnectionTrait,
    person: &Person,
    team_id: Uuid,
) -> Result<Option<notebooks::Model>> {
    Ok(notebooks::Entity::find()
        .filter(notebooks::Column::CreatedBy.eq(person.id))
        .filter(notebooks::Column::TeamId.eq(team_id))
        .order_by_asc(notebooks::Column::Id)
        .one(db)
        .await?)
}

/// Where a new entry goes when no notebook is chosen, if that notebook exists yet (it is
/// opened with the first such entry): pickers show it once, by its name.
pub async fn own(db: &DatabaseConnection, person: &Person) -> Result<Option<Uuid>> {
    match access::team_for_new(person, None) {
        Ok(team) => Ok(find_own(db, person, team).await?.map(|n| n.id)),
        Err(_) => Ok(None),
    }
}
