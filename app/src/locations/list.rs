//! The locations page: the tree of places, and adding one (under a parent, for a team).

use domain::{location::LocationNode, person::Team};
use leptos::{form::ActionForm, html, prelude::*};

use super::api::{list_locations, CreateLocation};
use crate::title::PageTitle;
use crate::{
    error::{describe, AppError},
    export::ExportLink,
    i18n::{use_i18n, I18n},
    print::{PrintTick, PrintableList},
    session::CsrfField,
};

#[component]
pub fn LocationsPage() -> impl IntoView {
    let i18n = use_i18n();
    let create = ServerAction::<CreateLocation>::new();
    // Refetched after each successful addition only: a refused one leaves the form (and
    // what was typed) as it is.
    let added = RwSignal::new(0u32);
    Effect::new(move |_| {
        if matches!(create.value().get(), Some(Ok(_))) {
            added.update(|n| *n += 1);
        }
    });
    let locations = Resource::new(move || added.get(), |_| list_locations());

    // One Suspend renders everything that needs the list, so the page awaits it once.
    view! {
        <section class="page locations-page">
            <PageTitle key="locations-title"/>
            <h1>{move || i18n.t("locations-title")}</h1>
            <p class="intro">{move || i18n.t("locations-intro")}</p>
            <p><ExportLink kind=domain::kind::Kind::Location q=Signal::derive(String::new)/></p>
            <Transition fallback=move || view! { <p class="loading">{i18n.t("loading")}</p> }>
                {move || Suspend::new(async move {
                    match locations.await {
                        Ok(view) => view! {
                            <LocationTree nodes=view.nodes.clone()/>
                            {crate::session::may_add().then(|| view! { <AddLocationForm create parents=view.nodes teams=view.teams/> })}
                        }
                        .into_any(),
                        Err(_) => view! { <ServerErrorNotice/> }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}

/// Deeper levels are drawn at this indent (the stylesheet has one rule per level, since
/// the content security policy allows no inline styles).
const MAX_INDENT: usize = 8;

#[component]
fn LocationTree(nodes: Vec<LocationNode>) -> impl IntoView {
    let i18n = use_i18n();
    if nodes.is_empty() {
        return view! { <p class="empty" data-testid="locations-empty">{move || i18n.t("locations-empty")}</p> }
            .into_any();
    }
    let count = nodes.len() as i64;
    let rows = nodes
        .into_iter()
        .map(|node| {
            let loc = node.location;
            let created = loc.created_at;
            view! {
                <li class="tree-row" data-testid="location-row" data-depth=node.depth.min(MAX_INDENT)>
                    <PrintTick code=loc.label_code.clone()/>
                    <a class="tree-name" href=format!("/locations/{}", loc.id)>{loc.name}</a>
                    <span class="label-code" title=move || i18n.t("locations-code")>{loc.label_code}</span>
                    <time class="tree-date" datetime=created.to_rfc3339()>{move || i18n.date(created)}</time>
                </li>
            }
        })
        .collect_view();
    view! {
        <p class="count">{move || i18n.t_with("locations-count", &[("count", count.into())])}</p>
        <PrintableList list_class="tree">{rows}</PrintableList>
    }
    .into_any()
}

#[component]
fn AddLocationForm(
    create: ServerAction<CreateLocation>,
    parents: Vec<LocationNode>,
    teams: Vec<Team>,
) -> impl IntoView {
    let i18n = use_i18n();
    let form = NodeRef::<html::Form>::new();
    let name_input = NodeRef::<html::Input>::new();
    let result = create.value();

    // After a success, clear the form and put the cursor back for the next one.
    Effect::new(move |_| {
        if matches!(result.get(), Some(Ok(_))) {
            if let Some(form) = form.get() {
                form.reset();
            }
            if let Some(input) = name_input.get() {
                let _ = input.focus();
            }
        }
    });

    let field_errors = move |field: &'static str| {
        move || {
            result.with(|r| match r {
                Some(Err(e)) => e
                    .for_field(field)
                    .iter()
                    .map(|fe| describe(&i18n, fe))
                    .collect::<Vec<_>>()
                    .join(" "),
                _ => String::new(),
            })
        }
    };
    let has_error = move |field: &'static str| {
        move || result.with(|r| matches!(r, Some(Err(e)) if !e.for_field(field).is_empty()))
    };

    view! {
        <section class="card add-location" aria-labelledby="add-location-title">
            <h2 id="add-location-title">{move || i18n.t("locations-add")}</h2>
            <ActionForm action=create node_ref=form attr:class="form" attr:data-testid="add-location-form">
                <CsrfField/>
                <div class="field">
                    <label for="location-name">{move || i18n.t("locations-name")}</label>
                    <input
                        id="location-name"
                        name="name"
                        type="text"
                        autocomplete="off"
                        maxlength="200"
                        required
                        node_ref=name_input
                        placeholder=move || i18n.t("locations-name-hint")
                        aria-invalid=move || has_error("name")().then_some("true")
                        aria-describedby="location-name-error"
                    />
                    <FieldErrorText id="location-name-error" text=field_errors("name")/>
                </div>
                <div class="field">
                    <label for="location-parent">{move || i18n.t("locations-parent")}</label>
                    <select id="location-parent" name="parent_id" aria-describedby="location-parent-error">
                        <option value="">{move || i18n.t("locations-parent-none")}</option>
                        {parents.into_iter().map(parent_option).collect_view()}
                    </select>
                    <FieldErrorText id="location-parent-error" text=field_errors("parent_id")/>
                </div>
                // Only asked of people who can add to several teams.
                {(teams.len() > 1).then(|| view! {
                    <div class="field">
                        <label for="location-team">{move || i18n.t("locations-team")}</label>
                        <select id="location-team" name="team_id" aria-describedby="location-team-error">
                            {teams.into_iter().map(|t| view! { <option value=t.id.to_string()>{t.name}</option> }).collect_view()}
                        </select>
                        <FieldErrorText id="location-team-error" text=field_errors("team_id")/>
                    </div>
                })}
                <button type="submit" class="button primary" disabled=move || create.pending().get()>
                    {move || if create.pending().get() { i18n.t("locations-saving") } else { i18n.t("locations-submit") }}
                </button>
            </ActionForm>
            <p class="flash" role="status" aria-live="polite" data-testid="flash">
                {move || added_message(&i18n, &result.get())}
            </p>
        </section>
    }
}

fn parent_option(node: LocationNode) -> impl IntoView {
    // Non-breaking spaces keep the indentation inside a native select.
    let indent = "\u{a0}\u{a0}".repeat(node.depth);
    view! { <option value=node.location.id.to_string()>{format!("{indent}{}", node.location.name)}</option> }
}

fn added_message(
    i18n: &I18n,
    result: &Option<Result<domain::location::Location, AppError>>,
) -> String {
    match result {
        Some(Ok(loc)) => i18n.t_with("locations-added", &[("name", loc.name.clone().into())]),
        Some(Err(AppError::Server)) => i18n.t("error-server"),
        _ => String::new(),
    }
}

#[component]
fn ServerErrorNotice() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="notice error" role="alert">
            <strong>{move || i18n.t("error-title")}</strong>
            <p>{move || i18n.t("error-server")}</p>
        </div>
    }
}

/// The refusal under a field; absent (not an empty box) while there is none.
#[component]
fn FieldErrorText(
    id: &'static str,
    text: impl Fn() -> String + Send + Sync + 'static,
) -> impl IntoView {
    move || {
        let message = text();
        (!message.is_empty())
            .then(|| view! { <p class="field-error" id=id role="alert">{message}</p> })
    }
}
