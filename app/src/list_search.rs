//! The search form every inventory list carries: the words, the order, the search button
//! and the CSV export of the same list. A GET form, so the search and the order live in
//! the address (shareable, kept on reload) and work without JavaScript.

use domain::kind::Kind;
use leptos::prelude::*;

use crate::{export::ExportLink, i18n::use_i18n};

/// The search form of the list of `kind` (ids `{kind}-search` and `{kind}-sort`), its
/// box hinted by the message `hint`, offering the orders `orders`.
#[component]
pub fn ListSearch(
    kind: Kind,
    hint: &'static str,
    orders: &'static [&'static str],
    #[prop(into)] q: Signal<String>,
    #[prop(into)] sort: Signal<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    // Every kind with a list has a folder of pages.
    let action = format!("/{}", kind.folder().unwrap_or_default());
    let id = format!("{}-search", kind.as_str());
    let label_for = id.clone();
    view! {
        <form method="get" action=action class="search" role="search">
            <label class="visually-hidden" for=label_for>{move || i18n.t("products-search")}</label>
            <input id=id name="q" type="search" value=q placeholder=move || i18n.t(hint)/>
            <SortSelect id=format!("{}-sort", kind.as_str()) orders current=sort/>
            <button type="submit" class="button">{move || i18n.t("products-search")}</button>
            <ExportLink kind q sort/>
        </form>
    }
}

/// A `<select name="sort">` offering `orders` (`created`, `name`, `expiry`), each labelled
/// by the message `sort-{order}`.
#[component]
fn SortSelect(
    id: String,
    orders: &'static [&'static str],
    current: Signal<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let options = orders
        .iter()
        .map(|order| {
            let key = format!("sort-{order}");
            view! {
                <option value=*order selected=move || current.with(|c| c.as_str() == *order || (c.is_empty() && *order == "created"))>{move || i18n.t(&key)}</option>
            }
        })
        .collect_view();
    let label_for = id.clone();
    view! {
        <label class="sort" for=label_for>
            <span>{move || i18n.t("sort-by")}</span>
            <select id=id name="sort">{options}</select>
        </label>
    }
}
