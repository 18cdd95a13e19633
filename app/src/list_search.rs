//! The search form every inventory list carries: the words, the order, the search button
//! and the CSV export of the same list; and the links to its next pages. A GET form and
//! plain links, so the search, the order and the page live in the address (shareable,
//! kept on reload) and work without JavaScript.

use domain::kind::Kind;
use leptos::prelude::*;

use crate::{
    export::{encode, ExportLink},
    i18n::use_i18n,
};

/// Rows a list page shows: a screenful or two on a tablet, a page that loads fast over
/// a weak link; the next ones are a tap away.
#[cfg(feature = "ssr")]
pub const PAGE_SIZE: &str = "50";

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

/// Under a list of `kind` searched for `q` in the order `sort`: its pager.
#[component]
pub fn NextPage(
    kind: Kind,
    q: String,
    sort: String,
    next: Option<String>,
    /// Whether this page is past the first.
    paged: bool,
) -> impl IntoView {
    let path = format!(
        "/{}?q={}&sort={}",
        kind.folder().unwrap_or_default(),
        encode(&q),
        encode(&sort)
    );
    view! { <Pager path next paged/> }
}

/// Under a list: "Next page" while more follow (`next`, the cursor the server gave) and,
/// past the first page, "First page". `path` is the list's address with its filters
/// (`/lots?status=in_use`), which carry over.
#[component]
pub fn Pager(
    path: String,
    next: Option<String>,
    paged: bool,
    /// The address's name for the cursor, where a page holds more than one list.
    #[prop(default = "after")]
    param: &'static str,
) -> impl IntoView {
    let i18n = use_i18n();
    let first = path.clone();
    (next.is_some() || paged).then(|| {
        view! {
            <nav class="pager" aria-label=move || i18n.t("pager")>
                {paged.then(|| view! { <a class="button" href=first data-testid="first-page">{move || i18n.t("pager-first")}</a> })}
                {next.map(|cursor| {
                    let href = format!("{path}&{param}={}", encode(&cursor));
                    view! { <a class="button primary" href=href rel="next" data-testid="next-page">{move || i18n.t("pager-next")}</a> }
                })}
            </nav>
        }
    })
}
