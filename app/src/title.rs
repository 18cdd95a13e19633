//! The browser tab's title: what the page is, then the application ("Lots · Paillasse",
//! "Agarose 7QW1-ZMSW · Paillasse"), so a technician with five tabs open finds the right
//! one.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::i18n::use_i18n;

/// `key` names the page (a Fluent id); `thing` is the one thing it shows, if any.
#[component]
pub fn PageTitle(
    #[prop(optional)] key: Option<&'static str>,
    #[prop(optional, into)] thing: Option<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let text = move || {
        let page = [key.map(|k| i18n.t(k)), thing.clone()]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" ");
        format!("{page} · {}", i18n.t("app-name"))
    };
    // On the server the title is a plain value (see the head in `lib.rs`: leptos_meta may
    // read a closure after the page's owner has gone); in the browser it follows the
    // language switch.
    #[cfg(feature = "ssr")]
    return view! { <Title text=text()/> };
    #[cfg(not(feature = "ssr"))]
    view! { <Title text=text/> }
}
