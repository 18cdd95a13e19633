//! The account page: one's password, API tokens and signed-in devices.

use domain::account::{ApiToken, SessionInfo};
use leptos::{form::ActionForm, prelude::*};

use super::api::{
    my_sessions, my_tokens, ChangePassword, CreateToken, LogoutElsewhere, RevokeSession,
    RevokeToken,
};
use crate::loaded::Loaded;
use crate::title::PageTitle;
use crate::{
    form::{cleared_after_success, FieldMessage, FormMessage, LastError},
    i18n::use_i18n,
    session::CsrfField,
};

#[component]
pub fn AccountPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="page account-page">
            <PageTitle key="account-title"/>
            <h1>{move || i18n.t("account-title")}</h1>
            <PasswordForm/>
            <Tokens/>
            <Sessions/>
        </section>
    }
}

#[component]
fn PasswordForm() -> impl IntoView {
    let i18n = use_i18n();
    let change = ServerAction::<ChangePassword>::new();
    let error: LastError = Signal::derive(move || change.value().get().and_then(|r| r.err()));
    let form = cleared_after_success(move || matches!(change.value().get(), Some(Ok(_))));
    view! {
        <section class="card" aria-labelledby="password-title">
            <h2 id="password-title">{move || i18n.t("account-password")}</h2>
            <ActionForm action=change node_ref=form attr:class="form" attr:data-testid="password-form">
                <CsrfField/>
                <div class="field">
                    <label for="current-password">{move || i18n.t("account-current-password")}</label>
                    <input id="current-password" name="current_password" type="password" autocomplete="current-password" required/>
                    <FieldMessage error field="current_password" id="current-password-error"/>
                </div>
                <div class="field">
                    <label for="new-password">{move || i18n.t("account-new-password")}</label>
                    <input id="new-password" name="new_password" type="password" autocomplete="new-password" minlength="10" required/>
                    <FieldMessage error field="new_password" id="new-password-error"/>
                </div>
                <FormMessage error/>
                <button type="submit" class="button primary" disabled=move || change.pending().get()>
                    {move || i18n.t("account-password-submit")}
                </button>
            </ActionForm>
            <p class="flash" role="status" aria-live="polite" data-testid="password-flash">
                {move || matches!(change.value().get(), Some(Ok(()))).then(|| i18n.t("account-password-changed"))}
            </p>
        </section>
    }
}

#[component]
fn Tokens() -> impl IntoView {
    let i18n = use_i18n();
    let create = ServerAction::<CreateToken>::new();
    let revoke = ServerAction::<RevokeToken>::new();
    let tokens = Resource::new(
        move || (create.version().get(), revoke.version().get()),
        |_| my_tokens(),
    );
    let error: LastError = Signal::derive(move || create.value().get().and_then(|r| r.err()));
    let revoke_error: LastError =
        Signal::derive(move || revoke.value().get().and_then(|r| r.err()));
    let form = cleared_after_success(move || matches!(create.value().get(), Some(Ok(_))));
    let created = move || {
        create.value().get().and_then(|r| r.ok()).map(|new| {
            view! {
                <div class="notice ok" role="status">
                    <p>{i18n.t("account-token-once")}</p>
                    <code class="secret" data-testid="new-token">{new.token}</code>
                </div>
            }
        })
    };
    view! {
        <section class="card" aria-labelledby="tokens-title">
            <h2 id="tokens-title">{move || i18n.t("account-tokens")}</h2>
            <p class="intro">{move || i18n.t("account-tokens-intro")}</p>
            {created}
            <Loaded data=tokens show=move |list| view! { <TokenList list revoke/> }.into_any()/>
            <FormMessage error=revoke_error/>
            <h3>{move || i18n.t("account-token-new")}</h3>
            <ActionForm action=create node_ref=form attr:class="form" attr:data-testid="token-form">
                <CsrfField/>
                <div class="field">
                    <label for="token-name">{move || i18n.t("account-token-name")}</label>
                    <input id="token-name" name="name" type="text" maxlength="200" required placeholder=move || i18n.t("account-token-name-hint")/>
                    <FieldMessage error field="name" id="token-name-error"/>
                </div>
                <div class="field">
                    <label for="token-expiry">{move || i18n.t("account-token-expiry")}</label>
                    <select id="token-expiry" name="expires_in_days">
                        <option value="">{move || i18n.t("account-token-never")}</option>
                        <option value="30">{move || i18n.t_with("account-token-days", &[("days", 30.into())])}</option>
                        <option value="90" selected>{move || i18n.t_with("account-token-days", &[("days", 90.into())])}</option>
                        <option value="365">{move || i18n.t_with("account-token-days", &[("days", 365.into())])}</option>
                    </select>
                    <FieldMessage error field="expires_in_days" id="token-expiry-error"/>
                </div>
                <label class="check">
                    <input type="checkbox" name="read_only" value="on"/>
                    <span>{move || i18n.t("account-token-read-only")}</span>
                </label>
                <FormMessage error/>
                <button type="submit" class="button primary" disabled=move || create.pending().get()>
                    {move || i18n.t("account-token-create")}
                </button>
            </ActionForm>
        </section>
    }
}

#[component]
fn TokenList(list: Vec<ApiToken>, revoke: ServerAction<RevokeToken>) -> impl IntoView {
    let i18n = use_i18n();
    if list.is_empty() {
        return view! { <p class="empty">{move || i18n.t("account-tokens-none")}</p> }.into_any();
    }
    let rows = list
        .into_iter()
        .map(|t| {
            let id = t.id.to_string();
            let created = t.created_at;
            let access = if t.read_only { "account-token-ro" } else { "account-token-rw" };
            let expires = t.expires_at;
            let revoked = t.revoked_at.is_some();
            view! {
                <li class="item" data-testid="token-row" class:revoked=revoked>
                    <span class="item-title">{t.name}</span>
                    <span class="item-meta">
                        {move || i18n.t(access)} " · "
                        {move || i18n.t_with("account-created", &[("date", i18n.date(created).into())])}
                        {move || expires.map(|e| format!(" · {}", i18n.t_with("account-expires", &[("date", i18n.date(e).into())])))}
                    </span>
                    {if revoked {
                        view! { <span class="badge">{move || i18n.t("account-token-revoked")}</span> }.into_any()
                    } else {
                        view! {
                            <ActionForm action=revoke attr:class="inline-form">
                                <CsrfField/>
                                <input type="hidden" name="id" value=id/>
                                <button type="submit" class="button" data-testid="revoke-token">{move || i18n.t("account-revoke")}</button>
                            </ActionForm>
                        }.into_any()
                    }}
                </li>
            }
        })
        .collect_view();
    view! { <ul class="item-list">{rows}</ul> }.into_any()
}

#[component]
fn Sessions() -> impl IntoView {
    let i18n = use_i18n();
    let revoke = ServerAction::<RevokeSession>::new();
    let elsewhere = ServerAction::<LogoutElsewhere>::new();
    let sessions = Resource::new(
        move || (revoke.version().get(), elsewhere.version().get()),
        |_| my_sessions(),
    );
    let error: LastError = Signal::derive(move || {
        revoke
            .value()
            .get()
            .and_then(|r| r.err())
            .or_else(|| elsewhere.value().get().and_then(|r| r.err()))
    });
    view! {
        <section class="card" aria-labelledby="sessions-title">
            <h2 id="sessions-title">{move || i18n.t("account-sessions")}</h2>
            <Loaded data=sessions show=move |list| view! { <SessionList list revoke/> }.into_any()/>
            <FormMessage error/>
            <ActionForm action=elsewhere attr:class="inline-form">
                <CsrfField/>
                <button type="submit" class="button" data-testid="logout-elsewhere">{move || i18n.t("account-logout-elsewhere")}</button>
            </ActionForm>
        </section>
    }
}

#[component]
fn SessionList(list: Vec<SessionInfo>, revoke: ServerAction<RevokeSession>) -> impl IntoView {
    let i18n = use_i18n();
    let rows = list
        .into_iter()
        .map(|s| {
            let seen = s.last_seen_at;
            let device = s.user_agent.clone().unwrap_or_default();
            view! {
                <li class="item" data-testid="session-row">
                    <span class="item-title">{device}</span>
                    <span class="item-meta">
                        {move || i18n.t_with("account-last-seen", &[("date", i18n.date(seen).into())])}
                    </span>
                    {if s.current {
                        view! { <span class="badge">{move || i18n.t("account-this-device")}</span> }.into_any()
                    } else {
                        view! {
                            <ActionForm action=revoke attr:class="inline-form">
                                <CsrfField/>
                                <input type="hidden" name="id" value=s.id/>
                                <button type="submit" class="button">{move || i18n.t("account-sign-out-device")}</button>
                            </ActionForm>
                        }.into_any()
                    }}
                </li>
            }
        })
        .collect_view();
    view! { <ul class="item-list">{rows}</ul> }
}
