//! Who is acting, and the database side of the access rules in `domain::access`:
//! loading a thing's ownership and filtering lists down to what a person may see.

use domain::{
    access::{Access, Ownership},
    kind::Kind,
    person::Person,
    trace::NodeKind,
};
use sea_orm::{
    sea_query::{Expr, ExprTrait, Query},
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter,
};
use uuid::Uuid;

use crate::{
    entities::{
        entries, instruments, lots, memberships, protocol_versions, protocols, samples, shares,
    },
    error::Result,
    Actor,
};

/// How a request proved who it comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Credential {
    /// A browser session; state changes must carry this CSRF token.
    Session { csrf_token: String },
    /// A personal API token (`Authorization: Bearer`).
    Token { id: Uuid, read_only: bool },
}

/// The person behind a request and how they signed in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Principal {
    pub person: Person,
    pub credential: Credential,
}

impl Principal {
    pub fn actor(&self) -> Actor {
        Actor::person(&self.person)
    }

    /// A read-only token may read, nothing else.
    pub fn may_write(&self) -> bool {
        !matches!(
            self.credential,
            Credential::Token {
                read_only: true,
                ..
            }
        )
    }
}

/// The teams a person belongs to, whatever the role.
fn team_ids(person: &Person) -> Vec<Uuid> {
    person.memberships.iter().map(|m| m.team_id).collect()
}

/// Rows of `kind` that `person` may see: owned by one of their teams or shared with one.
/// `None` for an admin, who sees everything.
pub(crate) fn visible<C: ColumnTrait>(
    person: &Person,
    kind: Kind,
    id_col: C,
    team_col: C,
) -> Option<Condition> {
    if person.is_admin {
        return None;
    }
    let teams = team_ids(person);
    let shared = Query::select()
        .column(shares::Column::EntityId)
        .from(shares::Entity)
        .and_where(Expr::col(shares::Column::EntityKind).eq(kind.as_str()))
        .and_where(Expr::col(shares::Column::TeamId).is_in(teams.clone()))
        .to_owned();
    Some(
        Condition::any()
            .add(team_col.is_in(teams))
            .add(id_col.in_subquery(shared)),
    )
}

/// `(SELECT notebook_id FROM entries WHERE id = entry)`.
fn notebook_of(entry: Uuid) -> sea_orm::sea_query::SelectStatement {
    Query::select()
        .column(entries::Column::NotebookId)
        .from(entries::Entity)
        .and_where(Expr::col(entries::Column::Id).eq(entry))
        .to_owned()
}

/// The entries `person` may see: of their teams, shared with one, or in a notebook
/// shared with one. `None` for an admin.
pub(crate) fn visible_entries(person: &Person) -> Option<Condition> {
    let own = visible(
        person,
        Kind::Entry,
        entries::Column::Id,
        entries::Column::TeamId,
    )?;
    let notebooks = Query::select()
        .column(shares::Column::EntityId)
        .from(shares::Entity)
        .and_where(Expr::col(shares::Column::EntityKind).eq(Kind::Notebook.as_str()))
        .and_where(Expr::col(shares::Column::TeamId).is_in(team_ids(person)))
        .to_owned();
    Some(own.add(entries::Column::NotebookId.in_subquery(notebooks)))
}

/// Who owns one thing and with whom it is shared.
pub(crate) async fn ownership(
    db: &impl ConnectionTrait,
    kind: Kind,
    id: Uuid,
    team_id: Uuid,
    created_by: Option<Uuid>,
) -> Result<Ownership> {
    let mut shared = Condition::all()
        .add(shares::Column::EntityKind.eq(kind.as_str()))
        .add(shares::Column::EntityId.eq(id));
    if kind == Kind::Entry {
        // A notebook shared with a team shares its entries: they are its pages.
        shared = Condition::any().add(shared).add(
            Condition::all()
                .add(shares::Column::EntityKind.eq(Kind::Notebook.as_str()))
                .add(shares::Column::EntityId.in_subquery(notebook_of(id))),
        );
    }
    let shares = shares::Entity::find()
        .filter(shared)
        .all(db)
        .await?
        .into_iter()
        .map(|s| (s.team_id, s.access))
        .collect();
    Ok(Ownership {
        team_id,
        created_by,
        shares,
    })
}

/// A row whose access follows from who owns it: its kind, and its id, team and
/// creator (an entry's author).
pub(crate) trait Owned {
    const KIND: Kind;
    fn owner(&self) -> (Uuid, Uuid, Option<Uuid>);
}

/// What `person` may do with `row`.
pub(crate) async fn of<R: Owned>(
    db: &impl ConnectionTrait,
    person: &Person,
    row: &R,
) -> Result<domain::access::Access> {
    let (id, team_id, created_by) = row.owner();
    level(db, person, R::KIND, id, team_id, created_by).await
}

/// Nothing, when `person` may do `needed` with `row`; 404 when they may not even see it,
/// 403 when they may only read it.
pub(crate) async fn require<R: Owned>(
    db: &impl ConnectionTrait,
    person: &Person,
    row: &R,
    needed: domain::access::Access,
) -> Result<()> {
    let has = of(db, person, row).await?;
    Ok(domain::access::require(has, needed, R::KIND.as_str())?)
}

/// What `person` may do with one thing of `kind`.
pub(crate) async fn level(
    db: &impl ConnectionTrait,
    person: &Person,
    kind: Kind,
    id: Uuid,
    team_id: Uuid,
    created_by: Option<Uuid>,
) -> Result<domain::access::Access> {
    let owner = ownership(db, kind, id, team_id, created_by).await?;
    Ok(domain::access::access(person, &owner))
}

/// What `person` may do with a thing a trace goes through (a person: read when they
/// know them).
pub(crate) async fn of_node(
    db: &impl ConnectionTrait,
    person: &Person,
    (kind, id): (NodeKind, Uuid),
) -> Result<Access> {
    let owner = match kind {
        NodeKind::Entry => entries::Entity::find_by_id(id)
            .one(db)
            .await?
            .map(|r| (Kind::Entry, r.team_id, r.author_id)),
        NodeKind::Sample => samples::Entity::find_by_id(id)
            .one(db)
            .await?
            .map(|r| (Kind::Sample, r.team_id, r.created_by)),
        NodeKind::Lot => lots::Entity::find_by_id(id)
            .one(db)
            .await?
            .map(|r| (Kind::Lot, r.team_id, r.created_by)),
        NodeKind::Instrument => instruments::Entity::find_by_id(id)
            .one(db)
            .await?
            .map(|r| (Kind::Instrument, r.team_id, r.created_by)),
        // A version is shared with its protocol.
        NodeKind::ProtocolVersion => {
            match protocol_versions::Entity::find_by_id(id).one(db).await? {
                Some(v) => match protocols::Entity::find_by_id(v.protocol_id).one(db).await? {
                    Some(p) => {
                        return level(db, person, Kind::Protocol, p.id, p.team_id, p.created_by)
                            .await
                    }
                    None => None,
                },
                None => None,
            }
        }
        // A person's work is traced by colleagues (and admins): anyone else would learn
        // when an outsider worked from the restricted nodes' count.
        NodeKind::Person => {
            return Ok(if knows(db, person, id).await? {
                Access::Read
            } else {
                Access::None
            })
        }
    };
    match owner {
        Some((kind, team, created_by)) => level(db, person, kind, id, team, created_by).await,
        None => Ok(Access::None),
    }
}

/// Whether `person` may know who `other` is: themselves, a member of one of their teams,
/// or anyone for an admin.
pub(crate) async fn knows(db: &impl ConnectionTrait, person: &Person, other: Uuid) -> Result<bool> {
    if person.is_admin || person.id == other {
        return Ok(true);
    }
    let mine: Vec<Uuid> = person.memberships.iter().map(|m| m.team_id).collect();
    Ok(memberships::Entity::find()
        .filter(memberships::Column::PersonId.eq(other))
        .filter(memberships::Column::TeamId.is_in(mine))
        .one(db)
        .await?
        .is_some())
}
