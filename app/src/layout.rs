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
    view! {
        <a class="skip-link" href="#main">{move || i18n.t("skip-to-content")}</a>
        <header class="app-header">
            <a class="brand" href="/locations">
                <span class="brand-name">{move || i18n.t("app-name")}</span>
                <span class="brand-tagline">{move || i18n.t("app-tagline")}</span>
            </a>
            <LanguageSwitch/>
            <UserMenu/>
        </header>
        <nav class="app-nav" aria-label=move || i18n.t("nav-main")>
            <A href="/scan" attr:class="nav-item">
                <span class="nav-icon" aria-hidden="true">"▣"</span>
                <span>{move || i18n.t("nav-scan")}</span>
            </A>
            <A href="/notebook" attr:class="nav-item">
                <span class="nav-icon" aria-hidden="true">"✎"</span>
                <span>{move || i18n.t("nav-notebook")}</span>
            </A>
            <A href="/trace" attr:class="nav-item">
                <span class="nav-icon" aria-hidden="true">"⇄"</span>
                <span>{move || i18n.t("nav-trace")}</span>
            </A>
            <A href="/search" attr:class="nav-item">
                <span class="nav-icon" aria-hidden="true">"⌕"</span>
                <span>{move || i18n.t("nav-search")}</span>
            </A>
            <A href="/locations" attr:class="nav-item">
                <span class="nav-icon" aria-hidden="true">"▦"</span>
                <span>{move || i18n.t("nav-locations")}</span>
            </A>
            <A href="/products" attr:class="nav-item">
                <span class="nav-icon" aria-hidden="true">"⚗"</span>
                <span>{move || i18n.t("nav-products")}</span>
            </A>
            <A href="/samples" attr:class="nav-item">
                <span class="nav-icon" aria-hidden="true">"◈"</span>
                <span>{move || i18n.t("nav-samples")}</span>
            </A>
            <A href="/instruments" attr:class="nav-item">
                <span class="nav-icon" aria-hidden="true">"⚖"</span>
                <span>{move || i18n.t("nav-instruments")}</span>
            </A>
            <A href="/alerts" attr:class="nav-item">
                <span class="nav-icon" aria-hidden="true">"⚠"</span>
                <span>{move || i18n.t("nav-alerts")}</span>
            </A>
            <A href="/teams" attr:class="nav-item">
                <span class="nav-icon" aria-hidden="true">"◎"</span>
                <span>{move || i18n.t("nav-teams")}</span>
            </A>
            {crate::session::use_user().filter(|u| u.is_admin).map(|_| view! {
                <A href="/people" attr:class="nav-item">
                    <span class="nav-icon" aria-hidden="true">"☰"</span>
                    <span>{move || i18n.t("nav-people")}</span>
                </A>
            })}
            <A href="/account" attr:class="nav-item">
                <span class="nav-icon" aria-hidden="true">"◉"</span>
                <span>{move || i18n.t("nav-account")}</span>
            </A>
        </nav>
        <main id="main" class="app-main">{children()}</main>
    }
}

/// Who is signed in, and signing out (a form, so it works without JavaScript and
/// carries the CSRF token).
#[component]
fn UserMenu() -> impl IntoView {
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
                    <button type="submit" class="button link" data-testid="logout">{move || i18n.t("logout")}</button>
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
