//! The product catalogue: search, list, add.

use domain::product::{Product, ProductKind};
use leptos::{form::ActionForm, prelude::*};
use leptos_router::hooks::use_query_map;

use super::api::{product_list, CreateProduct};
use crate::loaded::Loaded;
use crate::title::PageTitle;
use crate::{
    form::{cleared_after_success, FieldMessage, FormMessage, LastError},
    i18n::use_i18n,
    list_search::{ListSearch, NextPage},
    session::CsrfField,
};

#[component]
pub fn ProductsPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let q = move || query.with(|p| p.get("q").unwrap_or_default());
    let sort = move || query.with(|p| p.get("sort").unwrap_or_default());
    let after = move || query.with(|p| p.get("after").unwrap_or_default());
    let create = ServerAction::<CreateProduct>::new();
    let products = Resource::new(
        move || (q(), sort(), after(), create.version().get()),
        |(q, sort, after, _)| product_list(q, sort, after),
    );
    view! {
        <section class="page products-page">
            <PageTitle key="products-title"/>
            <h1>{move || i18n.t("products-title")}</h1>
            <ListSearch kind=domain::kind::Kind::Product hint="products-search-hint" orders=&["created", "name"] q=Signal::derive(q) sort=Signal::derive(sort)/>
            <Loaded data=products show=move |page| view! {
                <ProductList list=page.items/>
                <NextPage kind=domain::kind::Kind::Product q=q() sort=sort() next=page.next_cursor paged=!after().is_empty()/>
            }.into_any()/>
            {crate::session::may_add().then(|| view! { <NewProductForm create/> })}
        </section>
    }
}

#[component]
fn ProductList(list: Vec<Product>) -> impl IntoView {
    let i18n = use_i18n();
    if list.is_empty() {
        return view! { <p class="empty">{move || i18n.t("products-none")}</p> }.into_any();
    }
    let rows = list
        .into_iter()
        .map(|p| {
            let kind = format!("kind-{}", p.kind.as_str());
            let meta = [p.cas.clone(), p.supplier.clone(), p.catalog_number.clone()]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(" · ");
            view! {
                <li class="item" data-testid="product-row">
                    <a class="item-title" href=format!("/products/{}", p.id)>{p.name}</a>
                    <span class="item-meta">{move || i18n.t(&kind)} {(!meta.is_empty()).then(|| format!(" · {meta}"))}</span>
                    {(!p.hazards.is_empty()).then(|| view! { <super::ghs::Hazards codes=p.hazards.clone()/> })}
                </li>
            }
        })
        .collect_view();
    view! { <ul class="item-list">{rows}</ul> }.into_any()
}

#[component]
fn NewProductForm(create: ServerAction<CreateProduct>) -> impl IntoView {
    let i18n = use_i18n();
    let error: LastError = Signal::derive(move || create.value().get().and_then(|r| r.err()));
    let form = cleared_after_success(move || matches!(create.value().get(), Some(Ok(_))));
    let kinds = ProductKind::ALL
        .iter()
        .map(|&k| {
            let key = format!("kind-{}", k.as_str());
            view! { <option value=k.as_str()>{move || i18n.t(&key)}</option> }
        })
        .collect::<Vec<_>>();
    view! {
        <section class="card" aria-labelledby="new-product-title">
            <h2 id="new-product-title">{move || i18n.t("products-new")}</h2>
            <ActionForm action=create node_ref=form attr:class="form" attr:data-testid="product-form">
                <CsrfField/>
                <div class="field">
                    <label for="product-name">{move || i18n.t("people-name")}</label>
                    <input id="product-name" name="name" type="text" maxlength="200" required/>
                    <FieldMessage error field="name" id="product-name-error"/>
                </div>
                <div class="field">
                    <label for="product-kind">{move || i18n.t("products-kind")}</label>
                    <select id="product-kind" name="kind">{kinds}</select>
                </div>
                <div class="field">
                    <label for="product-cas">{move || i18n.t("products-cas")}</label>
                    <input id="product-cas" name="cas" type="text" inputmode="numeric" placeholder="7732-18-5"/>
                    <FieldMessage error field="cas" id="product-cas-error"/>
                </div>
                <div class="field">
                    <label for="product-supplier">{move || i18n.t("products-supplier")}</label>
                    <input id="product-supplier" name="supplier" type="text" maxlength="200"/>
                </div>
                <div class="field">
                    <label for="product-catalog">{move || i18n.t("products-catalog-number")}</label>
                    <input id="product-catalog" name="catalog_number" type="text" maxlength="200"/>
                </div>
                <div class="field">
                    <label for="product-reorder">{move || i18n.t("products-reorder-level")}</label>
                    <input id="product-reorder" name="reorder_level" type="text" inputmode="decimal" aria-describedby="product-reorder-hint"/>
                    <p class="hint" id="product-reorder-hint">{move || i18n.t("products-reorder-hint")}</p>
                    <FieldMessage error field="reorder_level" id="product-reorder-error"/>
                </div>
                <div class="field">
                    <label for="product-reorder-unit">{move || i18n.t("lots-unit")}</label>
                    <input id="product-reorder-unit" name="reorder_unit" type="text" placeholder="mL"/>
                    <FieldMessage error field="reorder_unit" id="product-reorder-unit-error"/>
                </div>
                <FormMessage error/>
                <button type="submit" class="button primary">{move || i18n.t("products-create")}</button>
            </ActionForm>
        </section>
    }
}
