//! The teams page: everyone sees their teams and who is in them; managers (and admins)
//! add people by e-mail, change roles, take people out; admins create teams.

use domain::person::{TeamMember, TeamRole};
use leptos::{form::ActionForm, prelude::*};

use super::api::{team_cards, CreateTeam, RemoveMember, SetMember, TeamCard};
use crate::loaded::Loaded;
use crate::title::PageTitle;
use crate::{
    form::{cleared_after_success, FieldMessage, FormMessage, LastError},
    i18n::use_i18n,
    session::{use_user, CsrfField},
};

#[component]
pub fn TeamsPage() -> impl IntoView {
    let i18n = use_i18n();
    let create = ServerAction::<CreateTeam>::new();
    let set = ServerAction::<SetMember>::new();
    let remove = ServerAction::<RemoveMember>::new();
    let cards = Resource::new(
        move || {
            (
                create.version().get(),
                set.version().get(),
                remove.version().get(),
            )
        },
        |_| team_cards(),
    );
    let is_admin = use_user().is_some_and(|u| u.is_admin);
    view! {
        <section class="page admin-page">
            <PageTitle key="teams-title"/>
            <h1>{move || i18n.t("teams-title")}</h1>
            {is_admin.then(|| view! { <NewTeamForm create/> })}
            <Loaded data=cards show=move |loaded| match loaded {
                cards if cards.is_empty() => view! { <p class="empty">{i18n.t("teams-none")}</p> }.into_any(),
                cards => cards
                    .into_iter()
                    .map(|card| view! { <TeamCardView card set remove/> })
                    .collect_view()
                    .into_any(),
            }/>
        </section>
    }
}

#[component]
fn NewTeamForm(create: ServerAction<CreateTeam>) -> impl IntoView {
    let i18n = use_i18n();
    let error: LastError = Signal::derive(move || create.value().get().and_then(|r| r.err()));
    let form = cleared_after_success(move || matches!(create.value().get(), Some(Ok(_))));
    view! {
        <section class="card" aria-labelledby="new-team-title">
            <h2 id="new-team-title">{move || i18n.t("teams-new")}</h2>
            <ActionForm action=create node_ref=form attr:class="form" attr:data-testid="team-form">
                <CsrfField/>
                <div class="field">
                    <label for="team-name">{move || i18n.t("teams-name")}</label>
                    <input id="team-name" name="name" type="text" maxlength="200" required/>
                    <FieldMessage error field="name" id="team-name-error"/>
                </div>
                <FormMessage error/>
                <button type="submit" class="button primary">{move || i18n.t("teams-create")}</button>
            </ActionForm>
        </section>
    }
}

#[component]
fn TeamCardView(
    card: TeamCard,
    set: ServerAction<SetMember>,
    remove: ServerAction<RemoveMember>,
) -> impl IntoView {
    let i18n = use_i18n();
    let team_id = card.team.id.to_string();
    let manage = card.can_manage;
    let rows = card
        .members
        .into_iter()
        .map(|m| view! { <MemberRow member=m team_id=team_id.clone() manage set remove/> })
        .collect_view();
    let error: LastError = Signal::derive(move || {
        set.value()
            .get()
            .and_then(|r| r.err())
            .or_else(|| remove.value().get().and_then(|r| r.err()))
    });
    let add = manage.then(|| {
        let team_id = team_id.clone();
        let email_id = format!("member-email-{team_id}");
        let role_id = format!("member-role-{team_id}");
        view! {
            <ActionForm action=set attr:class="form" attr:data-testid="member-form">
                <CsrfField/>
                <input type="hidden" name="team_id" value=team_id/>
                <div class="field">
                    <label for=email_id.clone()>{move || i18n.t("teams-member-email")}</label>
                    <input id=email_id name="email" type="email" required/>
                    <FieldMessage error field="email" id="member-email-error"/>
                </div>
                <div class="field">
                    <label for=role_id.clone()>{move || i18n.t("teams-role")}</label>
                    <RoleSelect id=role_id selected=TeamRole::Member/>
                </div>
                <button type="submit" class="button primary">{move || i18n.t("teams-add-member")}</button>
            </ActionForm>
        }
    });
    view! {
        <section class="card" data-testid="team-card">
            <h2>{card.team.name}</h2>
            <ul class="item-list">{rows}</ul>
            <FormMessage error/>
            {add}
        </section>
    }
}

#[component]
fn MemberRow(
    member: TeamMember,
    team_id: String,
    manage: bool,
    set: ServerAction<SetMember>,
    remove: ServerAction<RemoveMember>,
) -> impl IntoView {
    let i18n = use_i18n();
    let role_key = format!("role-{}", member.role.as_str());
    let email = member.email.clone();
    let controls = manage.then(|| {
        let select_id = format!("role-{}-{}", team_id, member.person_id);
        let (team_a, team_b) = (team_id.clone(), team_id.clone());
        view! {
            <ActionForm action=set attr:class="inline-form">
                <CsrfField/>
                <input type="hidden" name="team_id" value=team_a/>
                <input type="hidden" name="email" value=email/>
                <label class="visually-hidden" for=select_id.clone()>{move || i18n.t("teams-role")}</label>
                <RoleSelect id=select_id selected=member.role/>
                <button type="submit" class="button">{move || i18n.t("teams-change-role")}</button>
            </ActionForm>
            <ActionForm action=remove attr:class="inline-form">
                <CsrfField/>
                <input type="hidden" name="team_id" value=team_b/>
                <input type="hidden" name="person_id" value=member.person_id.to_string()/>
                <button type="submit" class="button">{move || i18n.t("teams-remove")}</button>
            </ActionForm>
        }
    });
    view! {
        <li class="item" data-testid="member-row">
            // What they wrote and what it touched: their trace.
            <a class="item-title" href=format!("/trace/person/{}", member.person_id) data-testid="member-trace">{member.name}</a>
            <span class="item-meta">{member.email} " · " {move || i18n.t(&role_key)}</span>
            {controls}
        </li>
    }
}

#[component]
fn RoleSelect(id: String, selected: TeamRole) -> impl IntoView {
    let i18n = use_i18n();
    let options = [TeamRole::Manager, TeamRole::Member, TeamRole::Viewer].map(|role| {
        let key = format!("role-{}", role.as_str());
        view! { <option value=role.as_str() selected=role == selected>{move || i18n.t(&key)}</option> }
    });
    view! { <select id=id name="role">{options}</select> }
}
