//! `/api/v1/products`: thin handlers over `service::inventory::products`.

use axum::{extract::State, http::StatusCode, Json};
use domain::{
    page::{Page, PageRequest, Sort},
    product::{NewProduct, Product, ProductPatch},
};
use serde::Deserialize;
use service::inventory::products::{self, ProductQuery};
use utoipa::IntoParams;
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::{
    auth::Signed,
    extract::{ApiJson, ApiQuery, IdPath},
    problem::{ApiResult, Problem},
    state::AppState,
};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list, create))
        .routes(routes!(read, update))
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
struct ListQuery {
    /// Words of the name or supplier (each a prefix, any case), a CAS number, or a
    /// catalogue number.
    q: Option<String>,
    /// chemical, biological, consumable, kit or other.
    kind: Option<String>,
    /// `created` (oldest first, the default) or `name`.
    sort: Option<String>,
    /// Page size, 1–500 (default 50).
    #[param(value_type = Option<u64>, minimum = 1, maximum = 500)]
    limit: Option<String>,
    /// `next_cursor` of the previous page.
    cursor: Option<String>,
}

/// Lists the products the caller may see.
#[utoipa::path(get, path = "/products", operation_id = "list_products", tag = "inventory", params(ListQuery), responses(
    (status = 200, body = Page<Product>),
    (status = 422, description = "bad `kind`, `sort`, `limit` or `cursor`", body = Problem, content_type = "application/problem+json"),
))]
async fn list(
    State(state): State<AppState>,
    Signed(who): Signed,
    ApiQuery(query): ApiQuery<ListQuery>,
) -> ApiResult<Json<Page<Product>>> {
    let page = PageRequest::parse(query.limit.as_deref(), query.cursor.as_deref())?;
    let filter = ProductQuery {
        q: query.q,
        kind: query.kind,
        sort: Sort::parse(query.sort.as_deref(), &products::SORTS)?,
    };
    Ok(Json(
        products::list(&state.db.conn, &who.person, filter, page).await?,
    ))
}

/// Adds a product to the catalogue.
#[utoipa::path(post, path = "/products", operation_id = "create_product", tag = "inventory", request_body = NewProduct, responses(
    (status = 201, body = Product),
    (status = 400, description = "unreadable body", body = Problem, content_type = "application/problem+json"),
    (status = 422, description = "refused values (e.g. a CAS number with a wrong check digit)", body = Problem, content_type = "application/problem+json"),
))]
async fn create(
    State(state): State<AppState>,
    Signed(who): Signed,
    ApiJson(new): ApiJson<NewProduct>,
) -> ApiResult<(StatusCode, Json<Product>)> {
    let created = products::create(&state.db.conn, &who.person, new).await?;
    Ok((StatusCode::CREATED, Json(created)))
}

/// Reads one product.
#[utoipa::path(get, path = "/products/{id}", operation_id = "read_product", tag = "inventory", params(("id" = uuid::Uuid, Path, description = "the product id")), responses(
    (status = 200, body = Product),
    (status = 404, body = Problem, content_type = "application/problem+json"),
))]
async fn read(
    State(state): State<AppState>,
    Signed(who): Signed,
    IdPath(id): IdPath,
) -> ApiResult<Json<Product>> {
    Ok(Json(products::get(&state.db.conn, &who.person, id).await?))
}

/// Changes a product; `null` clears an optional field.
#[utoipa::path(patch, path = "/products/{id}", operation_id = "update_product", tag = "inventory", params(("id" = uuid::Uuid, Path, description = "the product id")), request_body = ProductPatch, responses(
    (status = 200, body = Product),
    (status = 403, body = Problem, content_type = "application/problem+json"),
    (status = 404, body = Problem, content_type = "application/problem+json"),
    (status = 422, body = Problem, content_type = "application/problem+json"),
))]
async fn update(
    State(state): State<AppState>,
    Signed(who): Signed,
    IdPath(id): IdPath,
    ApiJson(patch): ApiJson<ProductPatch>,
) -> ApiResult<Json<Product>> {
    Ok(Json(
        products::update(&state.db.conn, &who.person, id, patch).await?,
    ))
}
