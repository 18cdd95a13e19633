//! The product catalogue: validated by `domain::product`, owned by a team, audited.

use std::collections::HashMap;

use chrono::{SubsecRound, Utc};
use domain::{
    access::{self, Access},
    kind::Kind,
    page::{Page, PageRequest, Sort},
    person::Person,
    product::{NewProduct, Product, ProductKind, ProductPatch, ValidProduct},
    quantity::Unit,
    DomainError,
};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QuerySelect,
};
use uuid::Uuid;

use crate::{
    accounts::permissions::{self, Owned},
    accounts::teams,
    attachments::{self, Incoming, Owner},
    audit,
    entities::products,
    error::Result,
    files::FileStore,
    fulltext::{self, Indexed},
    paging, write,
};

const KIND: Kind = Kind::Product;

/// Filters of the product list.
#[derive(Debug, Clone, Default)]
pub struct ProductQuery {
    /// Words of the name or supplier (each a prefix, any case), a CAS number, or a
    /// catalogue number.
    pub q: Option<String>,
    pub kind: Option<String>,
    pub sort: Sort,
}

/// The orders the product list offers.
pub const SORTS: [Sort; 2] = [Sort::Created, Sort::Name];

/// One page of the products the person may see, in creation order.
pub async fn list(
    db: &DatabaseConnection,
    person: &Person,
    filter: ProductQuery,
    page: PageRequest,
) -> Result<Page<Product>> {
    let mut query = paging::apply(
        products::Entity::find(),
        filter.sort,
        products::Column::Id,
        Some(products::Column::Name),
        page.after,
    );
    if let Some(visible) =
        permissions::visible(person, KIND, products::Column::Id, products::Column::TeamId)
    {
        query = query.filter(visible);
    }
    if let Some(kind) = fulltext::typed(filter.kind.as_deref()) {
        query = query.filter(products::Column::Kind.eq(ProductKind::parse(kind)?.as_str()));
    }
    if let Some(q) = fulltext::typed(filter.q.as_deref()) {
        let exact = Condition::any()
            .add(products::Column::CatalogNumber.eq(q))
            .add_option(
                domain::cas::Cas::parse(q)
                    .ok()
                    .map(|cas| products::Column::Cas.eq(cas.as_str())),
            );
        let backend = db.get_database_backend();
        query = query.filter(fulltext::search(backend, Indexed::Products, q, exact));
    }
    let rows = query.limit(page.limit + 1).all(db).await?;
    Ok(Page::from_rows(rows, page, |r| r.id, into_dto))
}

pub async fn get(db: &DatabaseConnection, person: &Person, id: Uuid) -> Result<Product> {
    let row = find(db, id).await?;
    permissions::require(db, person, &row, Access::Read).await?;
    Ok(into_dto(row))
}

pub async fn create(db: &DatabaseConnection, person: &Person, new: NewProduct) -> Result<Product> {
    let valid = new.validate();
    let team = access::team_for_new(person, new.team_id);
    let (valid, team_id) = match (valid, team) {
        (Ok(v), Ok(t)) => (v, t),
        (Err(DomainError::Validation(mut a)), Err(DomainError::Validation(b))) => {
            a.extend(b);
            return Err(DomainError::Validation(a).into());
        }
        (Err(e), _) | (_, Err(e)) => return Err(e.into()),
    };
    let txn = write::begin(db).await?;
    teams::check_team_id(&txn, team_id).await?;
    let now = Utc::now().trunc_subsecs(6);
    let model = to_model(
        Uuid::now_v7(),
        team_id,
        Some(person.id),
        valid,
        None,
        now,
        now,
    );
    products::Entity::insert(products::ActiveModel::from(model.clone()))
        .exec_without_returning(&txn)
        .await?;
    let product = into_dto(model);
    audit::commit(
        txn,
        person,
        KIND,
        "product.create",
        product.id,
        None,
        product,
    )
    .await
}

pub async fn update(
    db: &DatabaseConnection,
    person: &Person,
    id: Uuid,
    patch: ProductPatch,
) -> Result<Product> {
    let txn = write::begin(db).await?;
    let current = find(&txn, id).await?;
    permissions::require(&txn, person, &current, Access::Write).await?;
    let before = into_dto(current.clone());
    let valid = patch.apply(&before).validate()?;
    let model = to_model(
        id,
        current.team_id,
        current.created_by,
        valid,
        current.sds_attachment_id,
        current.created_at,
        Utc::now().trunc_subsecs(6),
    );
    write::replace(&txn, model.clone()).await?;
    let after = into_dto(model);
    audit::commit(
        txn,
        person,
        KIND,
        "product.update",
        after.id,
        Some(&before),
        after,
    )
    .await
}

/// Keeps the product's safety data sheet; a newer one replaces it on the product page,
/// the older stays kept (and in the product's history).
pub async fn attach_sds(
    db: &DatabaseConnection,
    files: &FileStore,
    person: &Person,
    id: Uuid,
    incoming: Incoming,
) -> Result<Product> {
    let txn = write::begin(db).await?;
    let current = find(&txn, id).await?;
    permissions::require(&txn, person, &current, Access::Write).await?;
    let owner = Owner {
        kind: KIND,
        id,
        team_id: current.team_id,
    };
    let attachment = attachments::keep(&txn, files, person, owner, incoming).await?;
    let before = into_dto(current.clone());
    let model = products::Model {
        sds_attachment_id: Some(attachment.id),
        updated_at: Utc::now().trunc_subsecs(6),
        ..current
    };
    write::replace(&txn, model.clone()).await?;
    let after = into_dto(model);
    audit::commit(
        txn,
        person,
        KIND,
        "product.attach_sds",
        id,
        Some(&before),
        after,
    )
    .await
}

/// The names of the products `ids`, in one query per 500 ids. Asked for the lots a
/// person may see: a lot shown names its product even when the product belongs to a team
/// the person is not in (a lot shared with them).
pub async fn names(db: &impl ConnectionTrait, ids: &[Uuid]) -> Result<HashMap<Uuid, String>> {
    let mut names = HashMap::new();
    for chunk in ids.chunks(500) {
        let found = products::Entity::find()
            .filter(products::Column::Id.is_in(chunk.to_vec()))
            .all(db)
            .await?;
        names.extend(found.into_iter().map(|p| (p.id, p.name)));
    }
    Ok(names)
}

async fn find(db: &impl ConnectionTrait, id: Uuid) -> Result<products::Model> {
    Ok(products::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or_else(|| KIND.not_found())?)
}

/// Who may see or change a row: its team, shares and creator.
impl Owned for products::Model {
    const KIND: Kind = KIND;

    fn owner(&self) -> (Uuid, Uuid, Option<Uuid>) {
        (self.id, self.team_id, self.created_by)
    }
}

fn to_model(
    id: Uuid,
    team_id: Uuid,
    created_by: Option<Uuid>,
    v: ValidProduct,
    sds_attachment_id: Option<Uuid>,
    created_at: chrono::DateTime<Utc>,
    updated_at: chrono::DateTime<Utc>,
) -> products::Model {
    products::Model {
        id,
        team_id,
        created_by,
        name: v.name,
        kind: v.kind,
        cas: v.cas.map(|c| c.as_str().to_owned()),
        supplier: v.supplier,
        catalog_number: v.catalog_number,
        hazards: v.hazards.join(","),
        reorder_level: v.reorder.map(|(q, _)| q.steps),
        reorder_unit: v.reorder.map(|(_, u)| u.symbol.to_owned()),
        sds_attachment_id,
        created_at,
        updated_at,
    }
}

fn into_dto(m: products::Model) -> Product {
    let unit = m
        .reorder_unit
        .as_deref()
        .and_then(|u| Unit::parse("reorder_unit", u).ok());
    Product {
        id: m.id,
        team_id: m.team_id,
        created_by: m.created_by,
        name: m.name,
        kind: m.kind,
        cas: m.cas,
        supplier: m.supplier,
        catalog_number: m.catalog_number,
        hazards: m
            .hazards
            .split(',')
            .filter(|h| !h.is_empty())
            .map(str::to_owned)
            .collect(),
        reorder_level: m.reorder_level.zip(unit).map(|(steps, unit)| {
            domain::quantity::Quantity {
                steps,
                dimension: unit.dimension,
            }
            .value_in(unit)
        }),
        reorder_unit: unit.map(|u| u.symbol.to_owned()),
        sds_attachment_id: m.sds_attachment_id,
        created_at: m.created_at,
        updated_at: m.updated_at,
    }
}
