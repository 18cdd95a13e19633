use leptos::prelude::*;
use leptos_router::components::A;

use crate::i18n::use_i18n;
use crate::title::PageTitle;

/// Makes the server's answer a 404 (a page for a thing that does not exist, or that the
/// reader may not see).
pub fn set_status_not_found() {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(http::StatusCode::NOT_FOUND);
    }
}

#[component]
pub fn NotFound() -> impl IntoView {
    set_status_not_found();
    let i18n = use_i18n();
    view! {
        <section class="page">
            <PageTitle key="not-found-title"/>
            <h1>{move || i18n.t("not-found-title")}</h1>
            <p><A href="/locations">{move || i18n.t("not-found-back")}</A></p>
        </section>
    }
}
