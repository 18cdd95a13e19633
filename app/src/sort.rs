//! The "Sort by" choice of a list's search form. It is part of the GET form, so the
//! order lives in the address (shareable, kept on reload) and works without JavaScript.

use leptos::prelude::*;

use crate::i18n::use_i18n;

/// A `<select name="sort">` offering `orders` (`created`, `name`, `expiry`), each labelled
/// by the message `sort-{order}`.
#[component]
pub fn SortSelect(
    id: &'static str,
    orders: &'static [&'static str],
    #[prop(into)] current: Signal<String>,
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
    view! {
        <label class="sort" for=id>
            <span>{move || i18n.t("sort-by")}</span>
            <select id=id name="sort">{options}</select>
        </label>
    }
}
