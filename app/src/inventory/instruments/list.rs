//! The instruments: search, list with their calibration state, register one.

use domain::instrument::Instrument;
use leptos::{form::ActionForm, prelude::*};
use leptos_router::hooks::use_query_map;

use super::{
    api::{instrument_list, CreateInstrument},
    calibration::CalibrationBadge,
};
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
pub fn InstrumentsPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let q = move || query.with(|p| p.get("q").unwrap_or_default());
    let sort = move || query.with(|p| p.get("sort").unwrap_or_default());
    let after = move || query.with(|p| p.get("after").unwrap_or_default());
    let create = ServerAction::<CreateInstrument>::new();
    let list = Resource::new(
        move || (q(), sort(), after(), create.version().get()),
        |(q, sort, after, _)| instrument_list(q, sort, after),
    );
    view! {
        <section class="page instruments-page">
            <PageTitle key="instruments-title"/>
            <h1>{move || i18n.t("instruments-title")}</h1>
            <ListSearch kind=domain::kind::Kind::Instrument hint="instruments-search-hint" orders=&["created", "name"] q=Signal::derive(q) sort=Signal::derive(sort)/>
            <Loaded data=list show=move |page| view! {
                <InstrumentList list=page.items/>
                <NextPage kind=domain::kind::Kind::Instrument q=q() sort=sort() next=page.next_cursor paged=!after().is_empty()/>
            }.into_any()/>
            {crate::session::may_add().then(|| view! { <NewInstrumentForm create/> })}
        </section>
    }
}

#[component]
fn InstrumentList(list: Vec<Instrument>) -> impl IntoView {
    let i18n = use_i18n();
    if list.is_empty() {
        return view! { <p class="empty">{move || i18n.t("instruments-none")}</p> }.into_any();
    }
    let rows = list
        .into_iter()
        .map(|i| {
            let status = format!("instrument-status-{}", i.status.as_str());
            let meta = [i.model.clone(), i.serial.clone()]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(" · ");
            let href = format!("/instruments/{}", i.id);
            let name = i.name.clone();
            let code = i.label_code.clone();
            view! {
                <li class="item" data-testid="instrument-row">
                    <PrintTick code=code.clone()/>
                    <a class="item-title" href=href>{name}</a>
                    <span class="item-meta"><span class="label-code">{code}</span>" · "{move || i18n.t(&status)}{(!meta.is_empty()).then(|| format!(" · {meta}"))}</span>
                    <CalibrationBadge instrument=i/>
                </li>
            }
        })
        .collect_view();
    view! { <PrintableList>{rows}</PrintableList> }.into_any()
}

#[component]
fn NewInstrumentForm(create: ServerAction<CreateInstrument>) -> impl IntoView {
    let i18n = use_i18n();
    let error: LastError = Signal::derive(move || create.value().get().and_then(|r| r.err()));
    let form = cleared_after_success(move || matches!(create.value().get(), Some(Ok(_))));
    view! {
        <section class="card" aria-labelledby="new-instrument-title">
            <h2 id="new-instrument-title">{move || i18n.t("instruments-new")}</h2>
            <ActionForm action=create node_ref=form attr:class="form" attr:data-testid="instrument-form">
                <CsrfField/>
                <div class="field">
                    <label for="instrument-name">{move || i18n.t("people-name")}</label>
                    <input id="instrument-name" name="name" type="text" maxlength="200" required/>
                    <FieldMessage error field="name" id="instrument-name-error"/>
                </div>
                <div class="field">
                    <label for="instrument-model">{move || i18n.t("instruments-model")}</label>
                    <input id="instrument-model" name="model" type="text" maxlength="200"/>
                </div>
                <div class="field">
                    <label for="instrument-serial">{move || i18n.t("instruments-serial")}</label>
                    <input id="instrument-serial" name="serial" type="text" maxlength="200"/>
                </div>
                <FormMessage error/>
                <button type="submit" class="button primary">{move || i18n.t("instruments-create")}</button>
            </ActionForm>
        </section>
    }
}
