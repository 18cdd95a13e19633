//! What holds each position of a box. Lots and samples share boxes; the `positions`
//! table's primary key (box, position) makes a double booking impossible even if two
//! requests raced past the check below.

use std::collections::HashMap;

use domain::{
    access::Access,
    grid::{BoxContents, Cell},
    kind::Kind,
    ledger_reason::Reason,
    person::Person,
    DomainError,
};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use uuid::Uuid;

use crate::{
    accounts::permissions,
    entities::{locations, lots, positions, products, samples},
    error::Result,
    inventory::locations::grid_of,
};

/// Puts `thing` at `position` in `location` (or nowhere when `position` is absent),
/// inside the caller's write transaction; the caller has checked that the person may
/// use the location. Returns the position as stored (`B7`).
pub(crate) async fn place(
    txn: &impl ConnectionTrait,
    kind: Kind,
    thing: Uuid,
    location: Option<Uuid>,
    position: Option<&str>,
) -> Result<Option<String>> {
    free(txn, kind, thing).await?;
    let Some(raw) = position.map(str::trim).filter(|p| !p.is_empty()) else {
        return Ok(None);
    };
    let Some(location) = location else {
        return Err(DomainError::invalid(
            "position",
            "no_location",
            "needs a location_id (a box) to be in",
        )
        .into());
    };
    let grid = locations::Entity::find_by_id(location)
        .one(txn)
        .await?
        .and_then(|l| grid_of(&l))
        .ok_or_else(|| {
            DomainError::invalid(
                "position",
                "not_a_box",
                "the location is not a box with positions",
            )
        })?;
    let position = grid.position("position", raw)?;
    if let Some(taken) = positions::Entity::find_by_id((location, position.clone()))
        .one(txn)
        .await?
    {
        return Err(DomainError::conflict(
            "position",
            "taken",
            format!("is already taken (by a {})", taken.kind),
        )
        .into());
    }
    positions::Entity::insert(positions::ActiveModel::from(positions::Model {
        location_id: location,
        position: position.clone(),
        kind,
        thing_id: thing,
    }))
    .exec_without_returning(txn)
    .await?;
    Ok(Some(position))
}

/// The first free position of a box, row by row (`None`: full, or not a box). What the
/// scan page proposes when things are put away into a box one after another.
pub async fn next_free(db: &impl ConnectionTrait, location: Uuid) -> Result<Option<String>> {
    let Some(grid) = locations::Entity::find_by_id(location)
        .one(db)
        .await?
        .and_then(|l| grid_of(&l))
    else {
        return Ok(None);
    };
    let taken: std::collections::HashSet<String> = positions::Entity::find()
        .filter(positions::Column::LocationId.eq(location))
        .all(db)
        .await?
        .into_iter()
        .map(|p| p.position)
        .collect();
    Ok(grid.positions().find(|p| !taken.contains(p)))
}

/// Frees whatever position `thing` held (it left the box, or was disposed of).
pub(crate) async fn free(txn: &impl ConnectionTrait, kind: Kind, thing: Uuid) -> Result<()> {
    positions::Entity::delete_many()
        .filter(positions::Column::Kind.eq(kind.as_str()))
        .filter(positions::Column::ThingId.eq(thing))
        .exec(txn)
        .await?;
    Ok(())
}

/// The positions of things of one kind.
pub(crate) async fn of(
    db: &impl ConnectionTrait,
    kind: Kind,
    things: &[Uuid],
) -> Result<HashMap<Uuid, String>> {
    let mut found = HashMap::new();
    for chunk in things.chunks(500) {
        for p in positions::Entity::find()
            .filter(positions::Column::Kind.eq(kind.as_str()))
            .filter(positions::Column::ThingId.is_in(chunk.to_vec()))
            .all(db)
            .await?
        {
            found.insert(p.thing_id, p.position);
        }
    }
    Ok(found)
}

/// What a box holds; things the person may not see are only marked taken.
pub async fn contents(
    db: &sea_orm::DatabaseConnection,
    person: &Person,
    location: Uuid,
) -> Result<BoxContents> {
    crate::inventory::locations::access(db, person, location).await?;
    let row = locations::Entity::find_by_id(location)
        .one(db)
        .await?
        .ok_or_else(|| Kind::Location.not_found())?;
    let grid = grid_of(&row);
    let held = positions::Entity::find()
        .filter(positions::Column::LocationId.eq(location))
        .order_by_asc(positions::Column::Position)
        .all(db)
        .await?;
    let mut cells = Vec::with_capacity(held.len());
    for p in held {
        let described = match p.kind {
            Kind::Lot => match lots::Entity::find_by_id(p.thing_id).one(db).await? {
                Some(l) if permissions::of(db, person, &l).await? >= Access::Read => {
                    let name = products::Entity::find_by_id(l.product_id)
                        .one(db)
                        .await?
                        .map(|p| p.name);
                    Some((l.label_code, name))
                }
                _ => None,
            },
            _ => match samples::Entity::find_by_id(p.thing_id).one(db).await? {
                Some(s) if permissions::of(db, person, &s).await? >= Access::Read => {
                    Some((s.label_code, Some(s.name)))
                }
                _ => None,
            },
        };
        cells.push(match described {
            Some((code, name)) => Cell {
                position: p.position,
                kind: p.kind,
                id: Some(p.thing_id),
                label_code: Some(code),
                name,
                restricted: false,
            },
            None => Cell {
                position: p.position,
                kind: p.kind,
                id: None,
                label_code: None,
                name: None,
                restricted: true,
            },
        });
    }
    // Row by row, column by column (A2 before A10): the grid's own order. A position
    // the grid does not have (never written: resizing checks) would come last.
    let order: HashMap<String, usize> = grid
        .iter()
        .flat_map(|g| g.positions())
        .enumerate()
        .map(|(i, p)| (p, i))
        .collect();
    cells.sort_by_key(|c| {
        let at = order.get(&c.position).copied();
        (at.is_none(), at)
    });
    Ok(BoxContents { grid, cells })
}

/// Where a thing ends up after a change of place.
pub(crate) struct Place {
    pub location: Option<Uuid>,
    /// For the ledger's `move` line: "Freezer B B7", or "nowhere".
    pub description: String,
}

/// Applies a change of place asked by a patch (`location_id`, `position`), inside the
/// caller's write transaction. `None` when the patch names neither. A thing moved to
/// another location without a position leaves its old position.
pub(crate) async fn relocate(
    txn: &impl ConnectionTrait,
    person: &Person,
    kind: Kind,
    thing: Uuid,
    current: Option<Uuid>,
    location: Option<Option<Uuid>>,
    position: Option<Option<String>>,
) -> Result<Option<Place>> {
    if location.is_none() && position.is_none() {
        return Ok(None);
    }
    let target = location.unwrap_or(current);
    if let Some(place) = target.filter(|t| Some(*t) != current) {
        if let Some(e) =
            crate::inventory::locations::check_place(txn, person, "location_id", place).await?
        {
            return Err(DomainError::Validation(vec![e]).into());
        }
    }
    let kept = if target == current {
        of(txn, kind, &[thing]).await?.remove(&thing)
    } else {
        None
    };
    let asked = position.unwrap_or(kept);
    let position = place(txn, kind, thing, target, asked.as_deref()).await?;
    let name = match target {
        Some(id) => locations::Entity::find_by_id(id)
            .one(txn)
            .await?
            .map(|l| l.name)
            .unwrap_or_default(),
        None => String::new(),
    };
    let description = match (target, &position) {
        (None, _) => Reason::MovedOut,
        (Some(_), Some(p)) => Reason::MovedTo {
            place: format!("{name} {p}"),
        },
        (Some(_), None) => Reason::MovedTo { place: name },
    }
    .stored();
    Ok(Some(Place {
        location: target,
        description,
    }))
}
