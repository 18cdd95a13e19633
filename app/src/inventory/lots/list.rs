//! The lots: every lot the person may see, filtered by status, expiry, place (and what is
//! inside it) and words, a page at a time; what a lab manager checks before ordering.

use domain::{kind::Kind, location::Location, lot::LotStatus};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use super::api::{lot_list, LotListing};
use crate::{
    export::encode,
    i18n::use_i18n,
    inventory::place::describe,
    list_search::Pager,
    loaded::Loaded,
    print::{PrintTick, PrintableList},
    title::PageTitle,
};

/// The filters, as the address holds them (a GET form: shareable, kept on reload).
const FILTERS: [&str; 6] = [
    "q",
    "sort",
    "status",
    "within",
    "expires_after",
    "expires_before",
];

#[component]
pub fn LotsPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let get = move |name: &str| query.with(|p| p.get(name).unwrap_or_default());
    let filters = move || FILTERS.map(get);
    let after = move || get("after");
    let lots = Resource::new(
        move || (filters(), after()),
        |([q, sort, status, within, expires_after, expires_before], after)| {
            lot_list(
                q,
                sort,
                status,
                within,
                expires_after,
                expires_before,
                after,
            )
        },
    );
    view! {
        <section class="page lots-page">
            <PageTitle key="lots-title"/>
            <h1>{move || i18n.t("lots-title")}</h1>
            <Loaded data=lots show=move |listing: LotListing| {
                let [q, sort, status, within, expires_after, expires_before] = filters();
                let kept: String = FILTERS
                    .iter()
                    .zip(filters())
                    .map(|(name, value)| format!("{name}={}", encode(&value)))
                    .collect::<Vec<_>>()
                    .join("&");
                view! {
                    <Filters q sort status within expires_after expires_before places=listing.places.clone()/>
                    <LotList lots=listing.page.items names=listing.product_names places=listing.places/>
                    <Pager path=format!("/lots?{kept}") next=listing.page.next_cursor paged=!after().is_empty()/>
                }
                .into_any()
            }/>
        </section>
    }
}

/// The filter form: words, status, place, expiry window and order.
#[component]
fn Filters(
    q: String,
    sort: String,
    status: String,
    within: String,
    expires_after: String,
    expires_before: String,
    places: Vec<Location>,
) -> impl IntoView {
    let i18n = use_i18n();
    let statuses = LotStatus::ALL
        .iter()
        .map(|s| {
            let (value, key) = (s.as_str(), format!("status-{}", s.as_str()));
            view! { <option value=value selected=status == value>{move || i18n.t(&key)}</option> }
        })
        .collect_view();
    let places = places
        .into_iter()
        .map(|p| {
            let id = p.id.to_string();
            let selected = id == within;
            view! { <option value=id selected=selected>{p.name}</option> }
        })
        .collect_view();
    let orders = ["created", "expiry"].map(|o| {
        let key = format!("sort-{o}");
        view! { <option value=o selected=sort == o || (sort.is_empty() && o == "created")>{move || i18n.t(&key)}</option> }
    });
    view! {
        <form method="get" action="/lots" class="form lot-filters" role="search" data-testid="lot-filters">
            <div class="field-row">
                <div class="field">
                    <label for="lots-q">{move || i18n.t("products-search")}</label>
                    <input id="lots-q" name="q" type="search" value=q placeholder=move || i18n.t("lots-search-hint")/>
                </div>
                <div class="field">
                    <label for="lots-status">{move || i18n.t("lots-status")}</label>
                    <select id="lots-status" name="status">
                        <option value="">{move || i18n.t("lots-any-status")}</option>
                        {statuses}
                    </select>
                </div>
                <div class="field">
                    <label for="lots-within">{move || i18n.t("samples-place")}</label>
                    <select id="lots-within" name="within">
                        <option value="">{move || i18n.t("lots-anywhere")}</option>
                        {places}
                    </select>
                </div>
            </div>
            <div class="field-row">
                <div class="field">
                    <label for="lots-expires-after">{move || i18n.t("lots-expires-after")}</label>
                    <input id="lots-expires-after" name="expires_after" type="date" value=expires_after/>
                </div>
                <div class="field">
                    <label for="lots-expires-before">{move || i18n.t("lots-expires-before")}</label>
                    <input id="lots-expires-before" name="expires_before" type="date" value=expires_before/>
                </div>
                <div class="field">
                    <label for="lots-sort">{move || i18n.t("sort-by")}</label>
                    <select id="lots-sort" name="sort">{orders}</select>
                </div>
            </div>
            <button type="submit" class="button primary">{move || i18n.t("lots-filter")}</button>
        </form>
    }
}

/// Lots as a list, each with its product, quantity, status, expiry and place.
#[component]
pub fn LotList(
    lots: Vec<domain::lot::Lot>,
    names: std::collections::HashMap<uuid::Uuid, String>,
    places: Vec<Location>,
) -> impl IntoView {
    let i18n = use_i18n();
    if lots.is_empty() {
        return view! { <p class="empty">{move || i18n.t("lots-none-found")}</p> }.into_any();
    }
    let rows = lots
        .into_iter()
        .map(|l| {
            let status = format!("status-{}", l.status.as_str());
            let name = names.get(&l.product_id).cloned().unwrap_or_default();
            let place = describe(&places, l.location_id, l.position.as_deref());
            let expires = l.expires_on;
            view! {
                <li class="item" data-testid="lot-row">
                    <PrintTick code=l.label_code.clone()/>
                    <a class="item-title" href=Kind::Lot.page(l.id).unwrap_or_default()>{name}" "<span class="label-code">{l.label_code}</span></a>
                    <span class="item-meta" data-testid="lot-quantity">{move || i18n.quantity(l.quantity, &l.unit)}</span>
                    <span class="badge" data-testid="lot-status">{move || i18n.t(&status)}</span>
                    {expires.map(|d| view! { <span class="item-meta" data-testid="lot-expiry">{move || i18n.t_with("lots-expires", &[("date", i18n.day(d).into())])}</span> })}
                    {(!place.is_empty()).then(|| view! { <span class="item-meta">{place}</span> })}
                </li>
            }
        })
        .collect_view();
    view! { <PrintableList>{rows}</PrintableList> }.into_any()
}
