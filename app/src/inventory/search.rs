//! The search page: one box across products, lots, samples, instruments and locations.
//! A typed or scanned label code puts its thing first.

use domain::search::Hit;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::loaded::Loaded;
use crate::title::PageTitle;
use crate::{error::AppError, i18n::use_i18n};

#[server(prefix = "/api/ui", endpoint = "search", input = leptos::server_fn::codec::GetUrl)]
pub async fn search_everything(q: String) -> Result<Vec<Hit>, AppError> {
    let who = crate::session::principal()?;
    let db = crate::session::database()?;
    Ok(service::things::search::everything(&db.conn, &who.person, &q).await?)
}

#[component]
pub fn SearchPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let q = move || query.with(|p| p.get("q").unwrap_or_default());
    let hits = Resource::new(q, search_everything);
    // Set by `/l/{code}` when a scanned or typed label found nothing to open.
    let label_problem = move || {
        query
            .with(|p| p.get("label"))
            .filter(|p| p == "invalid" || p == "unknown")
            .map(|p| {
                let text = i18n.t_with(&format!("label-{p}"), &[("code", q().into())]);
                view! { <p class="notice error" role="alert" data-testid="label-problem">{text}</p> }
            })
    };
    view! {
        <section class="page search-page">
            <PageTitle key="search-title"/>
            <h1>{move || i18n.t("search-title")}</h1>
            {label_problem}
            <form method="get" action="/search" class="search" role="search">
                <label class="visually-hidden" for="everything-search">{move || i18n.t("products-search")}</label>
                <input id="everything-search" name="q" type="search" value=q autofocus=true placeholder=move || i18n.t("search-hint")/>
                <button type="submit" class="button">{move || i18n.t("products-search")}</button>
            </form>
            <Loaded data=hits show=move |loaded| match loaded {
                list if list.is_empty() && q().trim().is_empty() => ().into_any(),
                list if list.is_empty() => view! { <p class="empty">{i18n.t("search-none")}</p> }.into_any(),
                list => view! { <HitList list/> }.into_any(),
            }/>
        </section>
    }
}

#[component]
fn HitList(list: Vec<Hit>) -> impl IntoView {
    let i18n = use_i18n();
    let rows = list
        .into_iter()
        .map(|hit| {
            let href = hit.kind.page(hit.id).unwrap_or_default();
            let kind = format!("search-kind-{}", hit.kind);
            let details = hit.details.join(" · ");
            view! {
                <li class="item" class:exact=hit.exact data-testid="search-hit" data-kind=hit.kind.as_str()>
                    <a class="item-title" href=href>{hit.name}</a>
                    <span class="item-meta">
                        <span class="kind-badge">{move || i18n.t(&kind)}</span>
                        {hit.label_code.map(|c| view! { " · "<span class="label-code">{c}</span> })}
                        {(!details.is_empty()).then(|| format!(" · {details}"))}
                    </span>
                </li>
            }
        })
        .collect_view();
    view! { <ul class="item-list">{rows}</ul> }
}
