//! The samples: search, list, make one (from nothing, or from a sample or lot named by
//! its label code, typed or scanned).

use domain::sample::{Derivation, Sample};
use leptos::{form::ActionForm, prelude::*};
use leptos_router::hooks::use_query_map;

use super::api::{sample_list, CreateSample};
use crate::loaded::Loaded;
use crate::title::PageTitle;
use crate::{
    form::{cleared_after_success, FieldMessage, FormMessage, LastError},
    i18n::use_i18n,
    list_search::{ListSearch, NextPage},
    print::{PrintTick, PrintableList},
    session::CsrfField,
};

#[component]
pub fn SamplesPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let q = move || query.with(|p| p.get("q").unwrap_or_default());
    let sort = move || query.with(|p| p.get("sort").unwrap_or_default());
    let after = move || query.with(|p| p.get("after").unwrap_or_default());
    let create = ServerAction::<CreateSample>::new();
    let samples = Resource::new(
        move || (q(), sort(), after(), create.version().get()),
        |(q, sort, after, _)| sample_list(q, sort, after),
    );
    view! {
        <section class="page samples-page">
            <PageTitle key="samples-title"/>
            <h1>{move || i18n.t("samples-title")}</h1>
            <ListSearch kind=domain::kind::Kind::Sample hint="samples-search-hint" orders=&["created", "name"] q=Signal::derive(q) sort=Signal::derive(sort)/>
            <Loaded data=samples show=move |page| view! {
                <SampleList list=page.items/>
                <NextPage kind=domain::kind::Kind::Sample q=q() sort=sort() next=page.next_cursor paged=!after().is_empty()/>
            }.into_any()/>
            {crate::session::may_add().then(|| view! { <NewSampleForm create/> })}
        </section>
    }
}

/// Samples as a list; also used for a sample's children.
#[component]
pub fn SampleList(list: Vec<Sample>) -> impl IntoView {
    let i18n = use_i18n();
    if list.is_empty() {
        return view! { <p class="empty">{move || i18n.t("samples-none")}</p> }.into_any();
    }
    let rows = list
        .into_iter()
        .map(|s| {
            let status = format!("sample-status-{}", s.status.as_str());
            let meta = [Some(format!("{} {}", s.quantity, s.unit)), s.sample_type.clone()]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(" · ");
            view! {
                <li class="item" data-testid="sample-row">
                    <PrintTick code=s.label_code.clone()/>
                    <a class="item-title" href=format!("/samples/{}", s.id)>{s.name}</a>
                    <span class="item-meta"><span class="label-code">{s.label_code}</span>" · "{meta}" · "{move || i18n.t(&status)}</span>
                </li>
            }
        })
        .collect_view();
    view! { <PrintableList>{rows}</PrintableList> }.into_any()
}

#[component]
fn NewSampleForm(create: ServerAction<CreateSample>) -> impl IntoView {
    let i18n = use_i18n();
    let error: LastError = Signal::derive(move || create.value().get().and_then(|r| r.err()));
    let form = cleared_after_success(move || matches!(create.value().get(), Some(Ok(_))));
    let relations = Derivation::ALL
        .iter()
        .map(|&d| {
            let key = format!("derivation-{}", d.as_str());
            view! { <option value=d.as_str()>{move || i18n.t(&key)}</option> }
        })
        .collect::<Vec<_>>();
    view! {
        <section class="card" aria-labelledby="new-sample-title">
            <h2 id="new-sample-title">{move || i18n.t("samples-new")}</h2>
            <ActionForm action=create node_ref=form attr:class="form" attr:data-testid="sample-form">
                <CsrfField/>
                <div class="field">
                    <label for="sample-name">{move || i18n.t("people-name")}</label>
                    <input id="sample-name" name="name" type="text" maxlength="200" required/>
                    <FieldMessage error field="name" id="sample-name-error"/>
                </div>
                <div class="field">
                    <label for="sample-type">{move || i18n.t("samples-type")}</label>
                    <input id="sample-type" name="sample_type" type="text" maxlength="200"/>
                </div>
                <div class="field">
                    <label for="sample-quantity">{move || i18n.t("lots-quantity")}</label>
                    <input id="sample-quantity" name="quantity" type="text" inputmode="decimal" required/>
                    <FieldMessage error field="quantity" id="sample-quantity-error"/>
                </div>
                <div class="field">
                    <label for="sample-unit">{move || i18n.t("lots-unit")}</label>
                    <input id="sample-unit" name="unit" type="text" placeholder="mL" required/>
                    <FieldMessage error field="unit" id="sample-unit-error"/>
                </div>
                <fieldset class="field-group">
                    <legend>{move || i18n.t("samples-made-from")}</legend>
                    <div class="field">
                        <label for="sample-parent">{move || i18n.t("samples-parent-code")}</label>
                        <input id="sample-parent" name="parent_code" type="text" autocapitalize="characters" autocomplete="off" placeholder="7KQ3-9XZ2"/>
                        <FieldMessage error field="parent_code" id="sample-parent-error"/>
                        <FieldMessage error field="parents[0].sample_id" id="sample-parent-sample-error"/>
                        <FieldMessage error field="parents[0].lot_id" id="sample-parent-lot-error"/>
                    </div>
                    <div class="field">
                        <label for="sample-relation">{move || i18n.t("samples-relation")}</label>
                        <select id="sample-relation" name="relation">{relations}</select>
                    </div>
                    <div class="field">
                        <label for="sample-taken">{move || i18n.t("samples-taken")}</label>
                        <input id="sample-taken" name="taken" type="text" inputmode="decimal"/>
                        <FieldMessage error field="taken" id="sample-taken-error"/>
                        <FieldMessage error field="parents[0].quantity" id="sample-taken-quantity-error"/>
                    </div>
                </fieldset>
                <FormMessage error/>
                <button type="submit" class="button primary">{move || i18n.t("samples-create")}</button>
            </ActionForm>
        </section>
    }
}
