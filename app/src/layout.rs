//! The frame around every page: the header with the language switch, and the navigation
//! (a side bar on wide screens, a bottom bar on narrow ones).

use leptos::prelude::*;
use leptos_router::{components::A, hooks::use_location};

use leptos::form::ActionForm;

use crate::{
    i18n::{use_i18n, Locale},
    session::CsrfField,
};

#[component]
pub fn Layout(children: Children) -> impl IntoView {
    let i18n = use_i18n();
    // "More" folds away once one of its pages is opened.
    let more = NodeRef::<leptos::html::Details>::new();
    let location = use_location();
    Effect::new(move |_| {
        location.pathname.track();
        if let Some(more) = more.get_untracked() {
            more.set_open(false);
        }
    });
    view! {
        <a class="skip-link" href="#main">{move || i18n.t("skip-to-content")}</a>
        <header class="app-header">
            <a class="brand" href="/locations">
                <span class="brand-name">{move || i18n.t("app-name")}</span>
                <span class="brand-tagline">{move || i18n.t("app-tagline")}</span>
            </a>
            <LanguageSwitch/>
            <UserMenu testid="logout"/>
        </header>
        <nav class="app-nav" aria-label=move || i18n.t("nav-main")>
            // What a technician reaches for: always in the phone's bottom bar.
            <NavItem href="/scan" icon="▣" key="nav-scan"/>
            <NavItem href="/notebook" icon="✎" key="nav-notebook"/>
            <NavItem href="/products" icon="⚗" key="nav-products"/>
            <NavItem href="/search" icon="⌕" key="nav-search"/>
            // The rest: behind "More" on a phone, listed in the side bar on a tablet.
            <details class="nav-more" node_ref=more>
                <summary class="nav-item" data-testid="nav-more">
                    <span class="nav-icon" aria-hidden="true">"⋯"</span>
                    <span>{move || i18n.t("nav-more")}</span>
                </summary>
                <div class="nav-more-items">
                    <NavItem href="/trace" icon="⇄" key="nav-trace"/>
                    <NavItem href="/lots" icon="▤" key="nav-lots"/>
                    <NavItem href="/locations" icon="▦" key="nav-locations"/>
                    <NavItem href="/samples" icon="◈" key="nav-samples"/>
                    <NavItem href="/instruments" icon="⚖" key="nav-instruments"/>
                    <NavItem href="/alerts" icon="⚠" key="nav-alerts"/>
                    <NavItem href="/teams" icon="◎" key="nav-teams"/>
                    {crate::session::use_user().filter(|u| u.is_admin).map(|_| view! {
                        <NavItem href="/people" icon="☰" key="nav-people"/>
                    })}
                    <NavItem href="/account" icon="◉" key="nav-account"/>
                    // On a phone the header keeps one line: signing out is here.
                    <div class="nav-signout"><UserMenu testid="logout-more"/></div>
                </div>
            </details>
        </nav>
        <main id="main" class="app-main">{children()}</main>
    }
}

/// One place in the navigation; marked as the current page where it is.
#[component]
fn NavItem(href: &'static str, icon: &'static str, key: &'static str) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <A href=href attr:class="nav-item">
            <span class="nav-icon" aria-hidden="true">{icon}</span>
            <span>{move || i18n.t(key)}</span>
        </A>
    }
}

/// Who is signed in, and signing out (a form, so it works without JavaScript and
/// carries the CSRF token).
#[component]
fn UserMenu(testid: &'static str) -> impl IntoView {
    let i18n = use_i18n();
    let logout = ServerAction::<crate::account::Logout>::new();
    Effect::new(move |_| {
        if let Some(Ok(to)) = logout.value().get() {
            crate::account::reload_to(&to);
        }
    });
    crate::session::use_user().map(|user| {
        view! {
            <div class="user-menu">
                <span class="user-name" data-testid="user-name">{user.name}</span>
                <ActionForm action=logout attr:class="logout-form">
                    <CsrfField/>
                    <button type="submit" class="button link" data-testid=testid>{move || i18n.t("logout")}</button>
                </ActionForm>
            </div>
        }
    })
}

/// Links that work without JavaScript (the server sets the cookie and redirects back);
/// once hydrated, a tap switches the language in place.
#[component]
fn LanguageSwitch() -> impl IntoView {
    let i18n = use_i18n();
    let location = use_location();
    let links = Locale::ALL.map(|locale| {
        let href = move || format!("/lang/{}?next={}", locale.code(), location.pathname.get());
        let on_click = move |ev: leptos::ev::MouseEvent| {
            ev.prevent_default();
            i18n.locale.set(locale);
            remember_locale(locale);
        };
        view! {
            <a
                href=href
                hreflang=locale.code()
                aria-label=move || i18n.t(&format!("lang-{}", locale.code()))
                class="lang-option"
                class:active=move || i18n.current() == locale
                aria-current=move || (i18n.current() == locale).then_some("true")
                on:click=on_click
            >
                // The short code fits a phone's header; the full name is what is read out.
                <abbr title=move || i18n.t(&format!("lang-{}", locale.code()))>{locale.code().to_uppercase()}</abbr>
            </a>
        }
    });
    view! {
        <div class="lang-switch" role="group" aria-label=move || i18n.t("lang-switch")>
            {links}
        </div>
    }
}

/// Keeps the choice for the next server-rendered page.
fn remember_locale(locale: Locale) {
    #[cfg(feature = "hydrate")]
    {
        use leptos::wasm_bindgen::JsCast;
        if let Ok(doc) = document().dyn_into::<web_sys::HtmlDocument>() {
            let _ = doc.set_cookie(&format!(
                "lang={}; path=/; max-age=31536000; SameSite=Lax",
                locale.code()
            ));
        }
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = locale;
}
