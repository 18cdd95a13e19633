//! The Leptos UI. Rendered on the server first (`ssr`), then hydrated in the browser
//! (`hydrate`) so a slow tablet shows content before the wasm arrives.

mod account;
mod admin;
mod attachment;
#[cfg(feature = "ssr")]
mod csp;
pub mod error;
mod export;
mod form;
mod history;
pub mod i18n;
mod inventory;
mod layout;
mod lazy_pages;
mod list_search;
mod loaded;
mod locations;
mod not_found;
mod notebook;
mod print;
mod scan;
pub mod session;
mod sharing;
mod title;
mod trace;

use leptos::prelude::*;
use leptos_meta::{provide_meta_context, Html, MetaTags, Title};
use leptos_router::{
    components::{Route, Router, Routes},
    path, Lazy, SsrMode,
};

use crate::i18n::{I18n, Locale};

/// The HTML document around the app; rendered on the server only.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    #[cfg(feature = "ssr")]
    csp::set_page_policy();
    let css = format!("/{}/{}.css", options.site_pkg_dir, options.output_name);
    // Read by the browser app at hydration (see `session::current_user`).
    let user = session::current_user().map(|u| {
        view! {
            <meta name="paillasse-user" content=u.name/>
            <meta name="paillasse-admin" content=u.is_admin.to_string()/>
            <meta name="paillasse-may-add" content=u.may_add.to_string()/>
            <meta name="csrf-token" content=u.csrf_token/>
        }
    });
    view! {
        <!DOCTYPE html>
        <html>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <meta name="color-scheme" content="light"/>
                <link rel="stylesheet" href=css/>
                <meta name="paillasse-time-zone" content=time_zone().name()/>
                {user}
                <HydrationScripts options/>
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    let i18n = I18n::new(initial_locale(), time_zone());
    provide_context(i18n);
    provide_context(session::current_user());

    // On the server the head is rendered from plain values: leptos_meta may read its
    // closures after the page's reactive owner has gone (seen under load: a panic and an
    // empty reply). In the browser they stay reactive, for switching language in place.
    #[cfg(feature = "ssr")]
    let head = view! {
        <Html attr:lang=i18n.current().code()/>
        <Title text=i18n.t("app-name")/>
    };
    #[cfg(not(feature = "ssr"))]
    let head = view! {
        <Html attr:lang=move || i18n.current().code()/>
        <Title text=move || i18n.t("app-name")/>
    };

    view! {
        {head}
        <Router>
            <layout::Layout>
                <Routes fallback=not_found::NotFound>
                    // Async: the whole page, data included, arrives as HTML, so it reads before (or
                    // without) the wasm and needs no inline script to slot content in. Lazy: the
                    // page's code loads when first opened (the scan page and sign-in come first).
                    <Route path=path!("/locations") view={Lazy::<lazy_pages::Locations>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/locations/:id") view={Lazy::<lazy_pages::Location>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/products") view={Lazy::<lazy_pages::Products>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/products/:id") view={Lazy::<lazy_pages::Product>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/lots") view={Lazy::<lazy_pages::Lots>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/lots/:id") view={Lazy::<lazy_pages::Lot>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/samples") view={Lazy::<lazy_pages::Samples>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/samples/:id") view={Lazy::<lazy_pages::Sample>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/instruments") view={Lazy::<lazy_pages::Instruments>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/instruments/:id") view={Lazy::<lazy_pages::Instrument>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/alerts") view={Lazy::<lazy_pages::Alerts>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/search") view={Lazy::<lazy_pages::Search>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/print") view={Lazy::<lazy_pages::Print>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/scan") view=scan::ScanPage ssr=SsrMode::Async/>
                    <Route path=path!("/notebook") view={Lazy::<lazy_pages::NotebookList>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/entries/:id") view={Lazy::<lazy_pages::Entry>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/protocols") view={Lazy::<lazy_pages::Protocols>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/protocols/:id") view={Lazy::<lazy_pages::Protocol>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/trace") view={Lazy::<lazy_pages::TraceStart>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/trace/:kind/:id") view={Lazy::<lazy_pages::Trace>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/login") view=account::LoginPage ssr=SsrMode::Async/>
                    <Route path=path!("/account") view={Lazy::<lazy_pages::Account>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/teams") view={Lazy::<lazy_pages::Teams>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/people") view={Lazy::<lazy_pages::People>::new()} ssr=SsrMode::Async/>
                </Routes>
            </layout::Layout>
        </Router>
    }
}

/// The installation's time zone: the server's setting, which the page carries to the
/// browser in a meta tag (so both render times alike).
fn time_zone() -> domain::local_time::Zone {
    #[cfg(feature = "ssr")]
    {
        use_context::<domain::local_time::Zone>().unwrap_or_default()
    }
    #[cfg(not(feature = "ssr"))]
    {
        document()
            .query_selector("meta[name='paillasse-time-zone']")
            .ok()
            .flatten()
            .and_then(|meta| meta.get_attribute("content"))
            .and_then(|name| domain::local_time::Zone::parse(&name).ok())
            .unwrap_or_default()
    }
}

/// The language to render in: on the server the `lang` cookie, else the browser's
/// `Accept-Language`; in the browser whatever the server rendered (so hydration matches).
fn initial_locale() -> Locale {
    #[cfg(feature = "ssr")]
    {
        use http::header::{ACCEPT_LANGUAGE, COOKIE};
        let Some(parts) = use_context::<http::request::Parts>() else {
            return Locale::En;
        };
        let from_cookie = parts
            .headers
            .get_all(COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(';'))
            .find_map(|c| c.trim().strip_prefix("lang="))
            .and_then(Locale::from_code);
        from_cookie.unwrap_or_else(|| {
            let header = parts
                .headers
                .get(ACCEPT_LANGUAGE)
                .and_then(|v| v.to_str().ok())
                .unwrap_or("");
            Locale::from_accept_language(header)
        })
    }
    #[cfg(not(feature = "ssr"))]
    {
        document()
            .document_element()
            .and_then(|root| root.get_attribute("lang"))
            .and_then(|lang| Locale::from_code(&lang))
            .unwrap_or(Locale::En)
    }
}
