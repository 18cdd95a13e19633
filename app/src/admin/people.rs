//! The people page (admins): every account, and creating one with a first password to
//! hand over. There is no self-registration.

use domain::person::Person;
use leptos::{form::ActionForm, prelude::*};

use super::api::{all_people, CreatePerson};
use crate::loaded::Loaded;
use crate::title::PageTitle;
use crate::{
    form::{cleared_after_success, FieldMessage, FormMessage, LastError},
    i18n::use_i18n,
    session::CsrfField,
};

#[component]
pub fn PeoplePage() -> impl IntoView {
    let i18n = use_i18n();
    let create = ServerAction::<CreatePerson>::new();
    let people = Resource::new(move || create.version().get(), |_| all_people());
    view! {
        <section class="page admin-page">
            <PageTitle key="people-title"/>
            <h1>{move || i18n.t("people-title")}</h1>
            <Loaded data=people show=move |list| view! {
                <NewPersonForm create/>
                <PeopleList list/>
            }
            .into_any()/>
        </section>
    }
}

#[component]
fn NewPersonForm(create: ServerAction<CreatePerson>) -> impl IntoView {
    let i18n = use_i18n();
    let error: LastError = Signal::derive(move || create.value().get().and_then(|r| r.err()));
    let form = cleared_after_success(move || matches!(create.value().get(), Some(Ok(_))));
    let created = move || match create.value().get() {
        Some(Ok(p)) => i18n.t_with("people-created", &[("name", p.name.into())]),
        _ => String::new(),
    };
    view! {
        <section class="card" aria-labelledby="new-person-title">
            <h2 id="new-person-title">{move || i18n.t("people-new")}</h2>
            <ActionForm action=create node_ref=form attr:class="form" attr:data-testid="person-form">
                <CsrfField/>
                <div class="field">
                    <label for="person-name">{move || i18n.t("people-name")}</label>
                    <input id="person-name" name="name" type="text" maxlength="200" required/>
                    <FieldMessage error field="name" id="person-name-error"/>
                </div>
                <div class="field">
                    <label for="person-email">{move || i18n.t("login-email")}</label>
                    <input id="person-email" name="email" type="email" required/>
                    <FieldMessage error field="email" id="person-email-error"/>
                </div>
                <div class="field">
                    <label for="person-password">{move || i18n.t("people-first-password")}</label>
                    <input id="person-password" name="password" type="password" autocomplete="new-password" minlength="10" required/>
                    <FieldMessage error field="password" id="person-password-error"/>
                </div>
                <label class="check">
                    <input type="checkbox" name="is_admin" value="on"/>
                    <span>{move || i18n.t("people-is-admin")}</span>
                </label>
                <FormMessage error/>
                <button type="submit" class="button primary">{move || i18n.t("people-create")}</button>
            </ActionForm>
            <p class="flash" role="status" aria-live="polite">{created}</p>
        </section>
    }
}

#[component]
fn PeopleList(list: Vec<Person>) -> impl IntoView {
    let i18n = use_i18n();
    let rows = list
        .into_iter()
        .map(|p| {
            let teams = p
                .memberships
                .iter()
                .map(|m| m.team_name.clone())
                .collect::<Vec<_>>()
                .join(", ");
            let admin = p.is_admin;
            view! {
                <li class="item" data-testid="person-row">
                    <span class="item-title">{p.name}</span>
                    <span class="item-meta">{p.email} {(!teams.is_empty()).then(|| format!(" · {teams}"))}</span>
                    {admin.then(|| view! { <span class="badge">{move || i18n.t("people-admin")}</span> })}
                </li>
            }
        })
        .collect_view();
    view! { <ul class="item-list">{rows}</ul> }
}
