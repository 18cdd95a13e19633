//! Storage locations: a tree in which a location may have a parent and no location may
//! become its own ancestor.

use chrono::{SubsecRound, Utc};
use domain::{
    location::{Location, LocationName, LocationPatch, NewLocation},
    page::{encode_cursor, Page, PageRequest},
    DomainError, FieldError,
};
use labels::LabelCode;
use sea_orm::{
    sea_query::{Expr, ExprTrait, Func, LikeExpr},
    ActiveValue::Set,
    ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect,
};
use uuid::Uuid;

use crate::{
    audit::{self, Change},
    entities::locations,
    error::Result,
    label_codes, write, Actor,
};

const KIND: &str = "location";

/// One page of locations in creation order, optionally filtered by `q` (a part of the
/// name, or a label code).
pub async fn list(
    db: &DatabaseConnection,
    q: Option<&str>,
    page: PageRequest,
) -> Result<Page<Location>> {
    let mut query = locations::Entity::find().order_by_asc(locations::Column::Id);
    if let Some(after) = page.after {
        query = query.filter(locations::Column::Id.gt(after));
    }
    if let Some(q) = q.map(str::trim).filter(|q| !q.is_empty()) {
        let pattern = format!("%{}%", escape_like(&q.to_lowercase()));
        let mut cond = Condition::any().add(
            Expr::expr(Func::lower(Expr::col(locations::Column::Name)))
                .like(LikeExpr::new(pattern).escape('\\')),
        );
        if let Ok(code) = LabelCode::parse(q) {
            cond = cond.add(locations::Column::LabelCode.eq(code.to_string()));
        }
        query = query.filter(cond);
    }
    // One extra row tells whether another page follows.
    let mut rows = query.limit(page.limit + 1).all(db).await?;
    let next_cursor = if rows.len() as u64 > page.limit {
        rows.truncate(page.limit as usize);
        rows.last().map(|r| encode_cursor(r.id))
    } else {
        None
    };
    Ok(Page {
        items: rows.into_iter().map(into_dto).collect(),
        next_cursor,
    })
}

/// Every location, for drawing the tree.
pub async fn list_all(db: &DatabaseConnection) -> Result<Vec<Location>> {
    let rows = locations::Entity::find()
        .order_by_asc(locations::Column::Id)
        .all(db)
        .await?;
    Ok(rows.into_iter().map(into_dto).collect())
}

pub async fn get(db: &DatabaseConnection, id: Uuid) -> Result<Location> {
    Ok(into_dto(find(db, id).await?))
}

pub async fn create(db: &DatabaseConnection, actor: &Actor, new: NewLocation) -> Result<Location> {
    let name = LocationName::parse(&new.name);
    let txn = write::begin(db).await?;
    let parent = match new.parent_id {
        Some(p) => check_parent_exists(&txn, p).await,
        None => Ok(()),
    };
    let name = collect_errors(name, parent)?;

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
    };
    locations::Entity::insert(locations::ActiveModel::from(model.clone()))
        .exec_without_returning(&txn)
        .await?;
    let location = into_dto(model);
    audit::append(
        &txn,
        actor,
        Change {
            action: "location.create",
            entity_kind: KIND,
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
    actor: &Actor,
    id: Uuid,
    patch: LocationPatch,
) -> Result<Location> {
    let name = patch.name.as_deref().map(LocationName::parse).transpose();
    let txn = write::begin(db).await?;
    let current = find(&txn, id).await?;
    let parent = match patch.parent_id {
        Some(Some(p)) => check_new_parent(&txn, id, p).await,
        _ => Ok(()),
    };
    let name = collect_errors(name, parent)?;

    let before = into_dto(current.clone());
    let mut updated = current;
    if let Some(name) = name {
        updated.name = name.as_str().to_owned();
    }
    if let Some(parent_id) = patch.parent_id {
        updated.parent_id = parent_id;
    }
    updated.updated_at = Utc::now().trunc_subsecs(6);
    locations::Entity::update(locations::ActiveModel {
        id: Set(id),
        name: Set(updated.name.clone()),
        parent_id: Set(updated.parent_id),
        updated_at: Set(updated.updated_at),
        ..Default::default()
    })
    .exec(&txn)
    .await?;
    let after = into_dto(updated);
    audit::append(
        &txn,
        actor,
        Change {
            action: "location.update",
            entity_kind: KIND,
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
        .ok_or_else(|| DomainError::not_found("location"))?)
}

async fn check_parent_exists(db: &impl ConnectionTrait, parent: Uuid) -> Result<()> {
    match locations::Entity::find_by_id(parent).one(db).await? {
        Some(_) => Ok(()),
        None => Err(DomainError::invalid("parent_id", "not_found", "no such location").into()),
    }
}

/// A new parent must exist and must not be the location itself or one of its descendants.
async fn check_new_parent(db: &impl ConnectionTrait, id: Uuid, parent: Uuid) -> Result<()> {
    let mut cursor = Some(parent);
    while let Some(current) = cursor {
        if current == id {
            return Err(DomainError::invalid(
                "parent_id",
                "cycle",
                "would make the location its own ancestor (a cycle)",
            )
            .into());
        }
        cursor = match locations::Entity::find_by_id(current).one(db).await? {
            Some(row) => row.parent_id,
            None if current == parent => {
                return Err(
                    DomainError::invalid("parent_id", "not_found", "no such location").into(),
                )
            }
            None => None,
        };
    }
    Ok(())
}

/// Reports every field problem at once rather than the first one only.
fn collect_errors<T>(first: std::result::Result<T, DomainError>, second: Result<()>) -> Result<T> {
    let mut errors: Vec<FieldError> = Vec::new();
    let value = match first {
        Ok(v) => Some(v),
        Err(e) => {
            errors.extend(e.field_errors().iter().cloned());
            None
        }
    };
    match second {
        Ok(()) => {}
        Err(crate::ServiceError::Domain(e)) if !e.field_errors().is_empty() => {
            errors.extend(e.field_errors().iter().cloned())
        }
        Err(other) => return Err(other),
    }
    match value {
        Some(v) if errors.is_empty() => Ok(v),
        _ => Err(DomainError::Validation(errors).into()),
    }
}

fn escape_like(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_")
}

fn into_dto(m: locations::Model) -> Location {
    Location {
        id: m.id,
        name: m.name,
        parent_id: m.parent_id,
        label_code: m.label_code,
        created_at: m.created_at,
        updated_at: m.updated_at,
    }
}
