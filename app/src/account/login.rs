//! The sign-in page. A plain form: it works before (or without) the wasm app.

use leptos::{form::ActionForm, prelude::*};
use leptos_router::hooks::use_query_map;

use super::api::Login;
use crate::title::PageTitle;
use crate::{error::AppError, i18n::use_i18n};

#[component]
pub fn LoginPage() -> impl IntoView {
    let i18n = use_i18n();
    let login = ServerAction::<Login>::new();
    let query = use_query_map();
    let next = move || query.with(|q| q.get("next").unwrap_or_default());
    Effect::new(move |_| {
        if let Some(Ok(to)) = login.value().get() {
            super::reload_to(&to);
        }
    });
    let message = move || match login.value().get() {
        Some(Err(AppError::Domain(domain::DomainError::Throttled { retry_after_secs }))) => i18n
            .t_with(
                "login-throttled",
                &[("seconds", (retry_after_secs as i64).into())],
            ),
        Some(Err(AppError::Domain(_))) => i18n.t("login-wrong"),
        Some(Err(AppError::Server)) => i18n.t("error-server"),
        _ => String::new(),
    };
    view! {
        <section class="page login-page">
            <PageTitle key="login-title"/>
            <h1>{move || i18n.t("login-title")}</h1>
            <ActionForm action=login attr:class="form card" attr:data-testid="login-form">
                <input type="hidden" name="next" value=next/>
                <div class="field">
                    <label for="login-email">{move || i18n.t("login-email")}</label>
                    <input id="login-email" name="email" type="email" autocomplete="username" required/>
                </div>
                <div class="field">
                    <label for="login-password">{move || i18n.t("login-password")}</label>
                    <input id="login-password" name="password" type="password" autocomplete="current-password" required/>
                </div>
                <p class="field-error" role="alert" data-testid="login-error">{message}</p>
                <button type="submit" class="button primary" disabled=move || login.pending().get()>
                    {move || i18n.t("login-submit")}
                </button>
            </ActionForm>
        </section>
    }
}
