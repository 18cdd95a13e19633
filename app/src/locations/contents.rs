//! What a location holds: the lots and samples kept in it or in any location inside it (a
//! freezer's racks and boxes), a page of each, each saying where exactly it is.

use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::api::location_contents;
use crate::{
    i18n::use_i18n,
    inventory::{LotList, SampleList},
    list_search::Pager,
    loaded::Loaded,
};

#[component]
pub fn Contents() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let query = use_query_map();
    let id = move || params.with(|p| p.get("id").unwrap_or_default());
    let lots_after = move || query.with(|q| q.get("lots_after").unwrap_or_default());
    let samples_after = move || query.with(|q| q.get("samples_after").unwrap_or_default());
    let contents = Resource::new(
        move || (id(), lots_after(), samples_after()),
        |(id, lots_after, samples_after)| location_contents(id, lots_after, samples_after),
    );
    view! {
        <section class="card contents" aria-labelledby="contents-title" data-testid="location-contents">
            <h2 id="contents-title">{move || i18n.t("locations-contents")}</h2>
            <Loaded data=contents show=move |c| {
                let path = format!("/locations/{}", id());
                // Each list pages on its own; the other keeps its page.
                let lots_path = format!("{path}?samples_after={}", samples_after());
                let samples_path = format!("{path}?lots_after={}", lots_after());
                let empty = c.lots.items.is_empty() && c.samples.items.is_empty();
                view! {
                    {empty.then(|| view! { <p class="empty">{move || i18n.t("locations-holds-nothing")}</p> })}
                    {(!c.lots.items.is_empty()).then(|| view! {
                        <h3>{move || i18n.t("lots-title")}</h3>
                        <div data-testid="contents-lots"><LotList lots=c.lots.items names=c.product_names places=c.places.clone()/></div>
                    })}
                    <Pager path=lots_path param="lots_after" next=c.lots.next_cursor paged=!lots_after().is_empty()/>
                    {(!c.samples.items.is_empty()).then(|| view! {
                        <h3>{move || i18n.t("samples-title")}</h3>
                        <div data-testid="contents-samples"><SampleList list=c.samples.items/></div>
                    })}
                    <Pager path=samples_path param="samples_after" next=c.samples.next_cursor paged=!samples_after().is_empty()/>
                }
                .into_any()
            }/>
        </section>
    }
}
