//! One sample: where it came from, what was made from it, its ledger; aliquoting it and
//! recording a movement.

use domain::sample::Parent;
use leptos::{form::ActionForm, prelude::*};
use leptos_router::hooks::use_params_map;

use super::{
    api::{sample_view, MakeAliquots},
    list::SampleList,
};
use crate::loaded::Loaded;
use crate::title::PageTitle;
use crate::{
    form::{cleared_after_success, FieldMessage, FormMessage, LastError},
    history::History,
    i18n::use_i18n,
    inventory::{
        ledger::{Ledger, MovementForm, RecordMovement},
        place::{describe, MoveThing, PlaceForm},
    },
    print::{PrintLink, RelabelledNotice},
    session::CsrfField,
};

#[component]
pub fn SamplePage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let aliquot = ServerAction::<MakeAliquots>::new();
    let record = ServerAction::<RecordMovement>::new();
    let relocate = ServerAction::<MoveThing>::new();
    let data = Resource::new(
        move || {
            (
                params.with(|p| p.get("id").unwrap_or_default()),
                aliquot.version().get() + record.version().get() + relocate.version().get(),
            )
        },
        |(id, _)| sample_view(id),
    );
    view! {
        <section class="page sample-page">
            <Loaded data show=move |d| {
                let s = d.sample;
                let may_write = d.may_write;
                let status = format!("sample-status-{}", s.status.as_str());
                let id = s.id.to_string();
                let unit = s.unit.clone();
                let place_text = describe(&d.places, s.location_id, s.position.as_deref());
                let place = s.location_id.map(|l| view! { <a href=format!("/locations/{l}") data-testid="sample-place">{place_text}</a> });
                view! {
                    <RelabelledNotice current=s.label_code.clone()/>
                    <PageTitle thing=format!("{} {}", s.name, s.label_code)/>
                    <h1>{s.name}" "<span class="label-code">{s.label_code.clone()}</span></h1>
                    <p class="actions"><PrintLink code=s.label_code.clone()/><crate::trace::TraceLink kind=domain::kind::Kind::Sample id=s.id.to_string()/></p>
                    <p class="big-quantity" data-testid="sample-quantity">{move || i18n.quantity(s.quantity, &s.unit)}</p>
                    <dl class="facts">
                        <dt>{move || i18n.t("lots-status")}</dt><dd data-testid="sample-status">{move || i18n.t(&status)}</dd>
                        <dt>{move || i18n.t("samples-type")}</dt><dd>{s.sample_type.unwrap_or_default()}</dd>
                        <dt>{move || i18n.t("samples-place")}</dt><dd>{place}</dd>
                    </dl>
                    <h2>{move || i18n.t("samples-made-from")}</h2>
                    <Parents parents=s.parents/>
                    {may_write.then(|| view! { <AliquotForm sample_id=id.clone() unit=unit.clone() aliquot/> })}
                    <h2>{move || i18n.t("samples-children")}</h2>
                    <div data-testid="sample-children"><SampleList list=d.children/></div>
                    // Only what the person may do: a viewer reads, with no form to be refused by.
                    {may_write.then(|| view! {
                        <PlaceForm kind=domain::kind::Kind::Sample id=id.clone() places=d.places location=s.location_id position=s.position.clone() action=relocate/>
                        <MovementForm thing=domain::kind::Kind::Sample id unit record/>
                    })}
                    <h2>{move || i18n.t("lots-ledger")}</h2>
                    <Ledger lines=d.movements.into_iter().map(Into::into).collect()/>
                    <crate::sharing::SharingCard kind=domain::kind::Kind::Sample id=s.id.to_string()/>
                    <History kind=domain::kind::Kind::Sample id=s.id.to_string() refresh=Signal::derive(move || aliquot.version().get() + record.version().get() + relocate.version().get())/>
                }
                .into_any()
            }/>
        </section>
    }
}

#[component]
fn Parents(parents: Vec<Parent>) -> impl IntoView {
    let i18n = use_i18n();
    if parents.is_empty() {
        return view! { <p class="empty">{move || i18n.t("samples-no-parent")}</p> }.into_any();
    }
    let rows = parents
        .into_iter()
        .map(|p| {
            let relation = format!("derivation-{}", p.relation.as_str());
            let title = match (p.id, p.restricted) {
                (Some(id), false) => {
                    let href = p.kind.page(id).unwrap_or_default();
                    view! { <a class="item-title" href=href>{p.name.unwrap_or_default()}</a> }.into_any()
                }
                _ => view! { <span class="item-title restricted">{move || i18n.t("samples-restricted")}</span> }.into_any(),
            };
            view! {
                <li class="item" data-testid="parent-row">
                    {title}
                    <span class="item-meta">{move || i18n.t(&relation)}{p.label_code.map(|c| view! { " · "<span class="label-code">{c}</span> })}</span>
                </li>
            }
        })
        .collect_view();
    view! { <ul class="item-list">{rows}</ul> }.into_any()
}

#[component]
fn AliquotForm(
    sample_id: String,
    unit: String,
    aliquot: ServerAction<MakeAliquots>,
) -> impl IntoView {
    let i18n = use_i18n();
    let error: LastError = Signal::derive(move || aliquot.value().get().and_then(|r| r.err()));
    let form = cleared_after_success(move || matches!(aliquot.value().get(), Some(Ok(_))));
    view! {
        <section class="card" aria-labelledby="aliquot-title">
            <h2 id="aliquot-title">{move || i18n.t("samples-aliquot")}</h2>
            <ActionForm action=aliquot node_ref=form attr:class="form" attr:data-testid="aliquot-form">
                <CsrfField/>
                <input type="hidden" name="sample_id" value=sample_id/>
                <div class="field">
                    <label for="aliquot-count">{move || i18n.t("samples-aliquot-count")}</label>
                    <input id="aliquot-count" name="count" type="number" min="1" max="384" inputmode="numeric" required/>
                    <FieldMessage error field="count" id="aliquot-count-error"/>
                </div>
                <div class="field">
                    <label for="aliquot-quantity">{move || i18n.t("samples-aliquot-each")}</label>
                    <input id="aliquot-quantity" name="quantity" type="text" inputmode="decimal" required/>
                    <FieldMessage error field="quantity" id="aliquot-quantity-error"/>
                </div>
                <div class="field">
                    <label for="aliquot-unit">{move || i18n.t("lots-unit")}</label>
                    <input id="aliquot-unit" name="unit" type="text" value=unit/>
                    <FieldMessage error field="unit" id="aliquot-unit-error"/>
                </div>
                <FormMessage error/>
                <button type="submit" class="button primary">{move || i18n.t("samples-aliquot-submit")}</button>
            </ActionForm>
        </section>
    }
}
