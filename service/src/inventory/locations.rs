//! Storage locations: a tree in which a location may have a parent and no location may
//! become its own ancestor.

use chrono::{SubsecRound, Utc};
use domain::{
    access::{self, Access},
    grid::Grid,
    kind::Kind,
    location::{Location, LocationName, LocationPatch, NewLocation},
    page::{Page, PageRequest, Sort},
    person::Person,
    DomainError, FieldError,
};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, EntityTrait,
    QueryFilter, QueryOrder, QuerySelect,
};
use uuid::Uuid;

use crate::{
    accounts::permissions::{self, Owned},
    accounts::shares,
    audit::{self, Change},
    entities::{locations, positions},
    error::Result,
    fulltext::{self, Indexed},
    inventory::label_codes,
    paging, write, Actor,
};

const KIND: Kind = Kind::Location;

/// The orders the location list offers.
pub const SORTS: [Sort; 2] = [Sort::Created, Sort::Name];

/// One page of locations, optionally filtered by `q` (words of the name, each a prefix,
/// or a label code).
pub async fn list(
    db: &DatabaseConnection,
    person: &Person,
    q: Option<&str>,
    sort: Sort,
    page: PageRequest,
) -> Result<Page<Location>> {
    let mut query = paging::apply(
        locations::Entity::find(),
        sort,
        locations::Column::Id,
        Some(locations::Column::Name),
        page.after,
    );
    if let Some(visible) = visible(person) {
        query = query.filter(visible);
    }
    if let Some(q) = fulltext::typed(q) {
        let exact = Condition::any().add_option(fulltext::code(locations::Column::LabelCode, q));
        let backend = db.get_database_backend();
        query = query.filter(fulltext::search(backend, Indexed::Locations, q, exact));
    }
    // One extra row tells whether another page follows.
    let rows = query.limit(page.limit + 1).all(db).await?;
    Ok(Page::from_rows(rows, page, |r| r.id, into_dto))
}

/// Every location the person may see, for drawing the tree.
pub async fn list_all(db: &DatabaseConnection, person: &Person) -> Result<Vec<Location>> {
    let mut query = locations::Entity::find().order_by_asc(locations::Column::Id);
    if let Some(visible) = visible(person) {
        query = query.filter(visible);
    }
    Ok(query.all(db).await?.into_iter().map(into_dto).collect())
}

fn visible(person: &Person) -> Option<Condition> {
    permissions::visible(
        person,
        KIND,
        locations::Column::Id,
        locations::Column::TeamId,
    )
}

pub async fn get(db: &DatabaseConnection, person: &Person, id: Uuid) -> Result<Location> {
    let row = find(db, id).await?;
    permissions::require(db, person, &row, Access::Read).await?;
    Ok(into_dto(row))
}

/// What `person` may do with one location; "not found" when they may not see it.
pub async fn access(db: &DatabaseConnection, person: &Person, id: Uuid) -> Result<Access> {
    let row = find(db, id).await?;
    let have = permissions::of(db, person, &row).await?;
    access::require(have, Access::Read, KIND.as_str())?;
    Ok(have)
}

/// What `person` may do with one location row.
/// Who may see or change a row: its team, shares and creator.
impl Owned for locations::Model {
    const KIND: Kind = KIND;

    fn owner(&self) -> (Uuid, Uuid, Option<Uuid>) {
        (self.id, self.team_id, self.created_by)
    }
}

pub async fn create(
    db: &DatabaseConnection,
    person: &Person,
    new: NewLocation,
) -> Result<Location> {
    let name = LocationName::parse(&new.name);
    let grid = new.grid.map(|g| g.check("grid")).transpose()?;
    let txn = write::begin(db).await?;
    let parent = match new.parent_id {
        Some(p) => check_parent(&txn, person, None, p).await,
        None => Ok(None),
    };
    let parent_team = parent
        .as_ref()
        .ok()
        .and_then(|p| p.as_ref())
        .map(|p| p.team_id);
    let (name, _) = collect_errors(name, parent)?;
    let team_id = match (new.team_id, parent_team) {
        (None, Some(team)) if access::team_access(person, team) >= Access::Write => team,
        (asked, _) => access::team_for_new(person, asked)?,
    };
    crate::accounts::teams::check_team_id(&txn, team_id).await?;

    let id = Uuid::now_v7();
    let code = label_codes::issue(&txn, KIND, id).await?;
    let now = Utc::now().trunc_subsecs(6);
    let model = locations::Model {
        id,
        name: name.as_str().to_owned(),
        parent_id: new.parent_id,
        label_code: code.to_string(),
        created_at: now,
        updated_at: now,
        team_id,
        created_by: Some(person.id),
        grid_rows: grid.map(|g| i16::from(g.rows)),
        grid_cols: grid.map(|g| i16::from(g.cols)),
    };
    locations::Entity::insert(locations::ActiveModel::from(model.clone()))
        .exec_without_returning(&txn)
        .await?;
    let location = into_dto(model);
    audit::append(
        &txn,
        &Actor::person(person),
        Change {
            action: "location.create",
            entity_kind: KIND.as_str(),
            entity_id: id.to_string(),
            before: None,
            after: Some(&location),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(location)
}

pub async fn update(
    db: &DatabaseConnection,
    person: &Person,
    id: Uuid,
    patch: LocationPatch,
) -> Result<Location> {
    let name = patch.name.as_deref().map(LocationName::parse).transpose();
    let grid = match patch.grid {
        Some(Some(g)) => Some(Some(g.check("grid")?)),
        other => other,
    };
    let txn = write::begin(db).await?;
    let current = find(&txn, id).await?;
    let have = permissions::of(&txn, person, &current).await?;
    access::require(have, Access::Write, KIND.as_str())?;
    let parent = match patch.parent_id {
        Some(Some(p)) => check_parent(&txn, person, Some(id), p).await,
        _ => Ok(None),
    };
    let (name, _) = collect_errors(name, parent)?;
    if let Some(team) = patch.team_id.filter(|t| *t != current.team_id) {
        access::require(have, Access::Manage, KIND.as_str())?;
        match access::team_access(person, team) {
            Access::None => {
                return Err(DomainError::invalid("team_id", "not_found", "no such team").into())
            }
            Access::Read => {
                return Err(DomainError::Forbidden {
                    reason: "you may not add things to that team".into(),
                }
                .into())
            }
            _ => {}
        }
        crate::accounts::teams::check_team_id(&txn, team).await?;
        // The new owner needs no share; the others stay as the old owner set them.
        shares::drop_for_team(&txn, KIND, id, team).await?;
    }

    let before = into_dto(current.clone());
    let mut updated = current;
    if let Some(name) = name {
        updated.name = name.as_str().to_owned();
    }
    if let Some(parent_id) = patch.parent_id {
        updated.parent_id = parent_id;
    }
    if let Some(team_id) = patch.team_id {
        updated.team_id = team_id;
    }
    if let Some(grid) = grid {
        check_resize(&txn, id, grid).await?;
        updated.grid_rows = grid.map(|g| i16::from(g.rows));
        updated.grid_cols = grid.map(|g| i16::from(g.cols));
    }
    updated.updated_at = Utc::now().trunc_subsecs(6);
    locations::Entity::update(locations::ActiveModel {
        id: Set(id),
        name: Set(updated.name.clone()),
        parent_id: Set(updated.parent_id),
        team_id: Set(updated.team_id),
        grid_rows: Set(updated.grid_rows),
        grid_cols: Set(updated.grid_cols),
        updated_at: Set(updated.updated_at),
        ..Default::default()
    })
    .exec(&txn)
    .await?;
    let after = into_dto(updated);
    audit::append(
        &txn,
        &Actor::person(person),
        Change {
            action: "location.update",
            entity_kind: KIND.as_str(),
            entity_id: id.to_string(),
            before: Some(&before),
            after: Some(&after),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(after)
}

async fn find(db: &impl ConnectionTrait, id: Uuid) -> Result<locations::Model> {
    Ok(locations::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or_else(|| KIND.not_found())?)
}

/// A parent must be a location the person may see (else it is reported as missing) and
/// add to; when moving `moving`, not the location itself nor one of its descendants.
async fn check_parent(
    db: &impl ConnectionTrait,
    person: &Person,
    moving: Option<Uuid>,
    parent: Uuid,
) -> Result<Option<locations::Model>> {
    let missing = || DomainError::invalid("parent_id", "not_found", "no such location");
    let Some(row) = locations::Entity::find_by_id(parent).one(db).await? else {
        return Err(missing().into());
    };
    match permissions::of(db, person, &row).await? {
        Access::None => return Err(missing().into()),
        Access::Read => {
            return Err(DomainError::Forbidden {
                reason: "you may read the parent location but not add to it".into(),
            }
            .into())
        }
        _ => {}
    }
    if let Some(id) = moving {
        let mut cursor = Some(parent);
        // Bounded by the number of locations even if stored data ever held a loop.
        let mut seen = std::collections::HashSet::new();
        while let Some(current) = cursor.filter(|c| seen.insert(*c)) {
            if current == id {
                return Err(DomainError::invalid(
                    "parent_id",
                    "cycle",
                    "would make the location its own ancestor (a cycle)",
                )
                .into());
            }
            cursor = locations::Entity::find_by_id(current)
                .one(db)
                .await?
                .and_then(|r| r.parent_id);
        }
    }
    Ok(Some(row))
}

/// Reports every field problem at once rather than the first one only.
fn collect_errors<T, U>(
    first: std::result::Result<T, DomainError>,
    second: Result<U>,
) -> Result<(T, Option<U>)> {
    let mut errors: Vec<FieldError> = Vec::new();
    let value = match first {
        Ok(v) => Some(v),
        Err(e) => {
            errors.extend(e.field_errors().iter().cloned());
            None
        }
    };
    let second = match second {
        Ok(v) => Some(v),
        Err(crate::ServiceError::Domain(e)) if !e.field_errors().is_empty() => {
            errors.extend(e.field_errors().iter().cloned());
            None
        }
        Err(other) => return Err(other),
    };
    match value {
        Some(v) if errors.is_empty() => Ok((v, second)),
        _ => Err(DomainError::Validation(errors).into()),
    }
}

fn into_dto(m: locations::Model) -> Location {
    let grid = grid_of(&m);
    Location {
        id: m.id,
        name: m.name,
        parent_id: m.parent_id,
        label_code: m.label_code,
        team_id: m.team_id,
        created_by: m.created_by,
        grid,
        created_at: m.created_at,
        updated_at: m.updated_at,
    }
}

/// The location's grid, when it is a box.
pub(crate) fn grid_of(m: &locations::Model) -> Option<domain::grid::Grid> {
    match (m.grid_rows, m.grid_cols) {
        (Some(rows), Some(cols)) => Some(domain::grid::Grid {
            rows: u8::try_from(rows).ok()?,
            cols: u8::try_from(cols).ok()?,
        }),
        _ => None,
    }
}

/// Checks that a thing may be put in `location_id`: the location exists and `person`
/// may change what it holds — write access, as for adding a location inside it. A
/// read-only share lets a team see a box, not fill it (a partner squatting every cell
/// left the owners unable to resize or un-box it). `Some(error)` naming `field` (a 422,
/// as any bad field) when not.
pub(crate) async fn check_place(
    db: &impl ConnectionTrait,
    person: &Person,
    field: &str,
    location_id: Uuid,
) -> Result<Option<FieldError>> {
    let access = match locations::Entity::find_by_id(location_id).one(db).await? {
        Some(row) => permissions::of(db, person, &row).await?,
        None => Access::None,
    };
    Ok(match access {
        Access::Write | Access::Manage => None,
        Access::Read => Some(FieldError::new(
            field,
            "read_only",
            "this location is shared with you read-only: things cannot be put in it",
        )),
        Access::None => Some(FieldError::new(field, "not_found", "no such location")),
    })
}

/// A location and every location inside it, however deep (for "in this room" filters).
pub async fn subtree(db: &impl ConnectionTrait, root: Uuid) -> Result<Vec<Uuid>> {
    let pairs: Vec<(Uuid, Option<Uuid>)> = locations::Entity::find()
        .select_only()
        .column(locations::Column::Id)
        .column(locations::Column::ParentId)
        .into_tuple()
        .all(db)
        .await?;
    let mut children: std::collections::HashMap<Uuid, Vec<Uuid>> = Default::default();
    for (id, parent) in pairs {
        if let Some(p) = parent {
            children.entry(p).or_default().push(id);
        }
    }
    let mut found = vec![root];
    let mut i = 0;
    while i < found.len() {
        if let Some(kids) = children.get(&found[i]) {
            found.extend(kids);
        }
        i += 1;
    }
    Ok(found)
}

/// A box may shrink, or stop being a box, only if nothing is left outside.
async fn check_resize(
    txn: &impl ConnectionTrait,
    location: Uuid,
    grid: Option<Grid>,
) -> Result<()> {
    let held = positions::Entity::find()
        .filter(positions::Column::LocationId.eq(location))
        .all(txn)
        .await?;
    let outside = held
        .iter()
        .filter(|p| grid.is_none_or(|g| g.position("grid", &p.position).is_err()))
        .count();
    if outside > 0 {
        return Err(DomainError::conflict(
            "grid",
            "occupied",
            format!("{outside} occupied position(s) would fall outside the box"),
        )
        .into());
    }
    Ok(())
}
