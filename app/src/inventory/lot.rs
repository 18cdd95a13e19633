//! One lot: its quantity, its ledger, and recording a movement (the bench's most frequent
//! action: consuming some).

use domain::lot::Movement;
use leptos::{form::ActionForm, prelude::*};
use leptos_router::hooks::use_params_map;

use super::{
    api::{lot_view, RecordMovement},
    place::{describe, MoveThing, PlaceForm},
};
use crate::{
    form::{cleared_after_success, FieldMessage, FormMessage, LastError, LoadFailure},
    history::History,
    i18n::use_i18n,
    session::CsrfField,
};

#[component]
pub fn LotPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let record = ServerAction::<RecordMovement>::new();
    let relocate = ServerAction::<MoveThing>::new();
    let data = Resource::new(
        move || {
            (
                params.with(|p| p.get("id").unwrap_or_default()),
                record.version().get() + relocate.version().get(),
            )
        },
        |(id, _)| lot_view(id),
    );
    view! {
        <section class="page lot-page">
            <Transition fallback=move || view! { <p class="loading">{i18n.t("locations-loading")}</p> }>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(d) => {
                            let lot = d.lot;
                            let status = format!("status-{}", lot.status.as_str());
                            let id = lot.id.to_string();
                            let unit = lot.unit.clone();
                            view! {
                                <h1><a href=format!("/products/{}", lot.product_id)>{d.product_name}</a>" "<span class="label-code">{lot.label_code}</span></h1>
                                <p class="big-quantity" data-testid="lot-quantity">{format!("{} {}", lot.quantity, lot.unit)}</p>
                                <dl class="facts">
                                    <dt>{move || i18n.t("lots-status")}</dt><dd data-testid="lot-status">{move || i18n.t(&status)}</dd>
                                    <dt>{move || i18n.t("lots-supplier-lot")}</dt><dd>{lot.supplier_lot.unwrap_or_default()}</dd>
                                    <dt>{move || i18n.t("lots-received-on")}</dt><dd>{lot.received_on.to_string()}</dd>
                                    <dt>{move || i18n.t("lots-expires-on")}</dt><dd>{lot.expires_on.map(|d| d.to_string()).unwrap_or_default()}</dd>
                                    <dt>{move || i18n.t("samples-place")}</dt><dd data-testid="lot-place">{describe(&d.places, lot.location_id, lot.position.as_deref())}</dd>
                                </dl>
                                <PlaceForm kind="lot" id=id.clone() places=d.places location=lot.location_id position=lot.position.clone() action=relocate/>
                                <MovementForm lot_id=id unit record/>
                                <h2>{move || i18n.t("lots-ledger")}</h2>
                                <Ledger movements=d.movements/>
                                <History kind="lot" id=lot.id.to_string() refresh=Signal::derive(move || record.version().get() + relocate.version().get())/>
                            }
                            .into_any()
                        }
                        Err(e) => view! { <LoadFailure error=e/> }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}

#[component]
fn MovementForm(
    lot_id: String,
    unit: String,
    record: ServerAction<RecordMovement>,
) -> impl IntoView {
    let i18n = use_i18n();
    let error: LastError = Signal::derive(move || record.value().get().and_then(|r| r.err()));
    let form = cleared_after_success(move || matches!(record.value().get(), Some(Ok(_))));
    let kinds = ["consume", "receive", "adjust", "dispose"].map(|k| {
        let key = format!("movement-{k}");
        view! { <option value=k>{move || i18n.t(&key)}</option> }
    });
    view! {
        <section class="card" aria-labelledby="movement-title">
            <h2 id="movement-title">{move || i18n.t("lots-movement")}</h2>
            <ActionForm action=record node_ref=form attr:class="form" attr:data-testid="movement-form">
                <CsrfField/>
                <input type="hidden" name="lot_id" value=lot_id/>
                <div class="field">
                    <label for="movement-kind">{move || i18n.t("lots-movement-kind")}</label>
                    <select id="movement-kind" name="kind">{kinds}</select>
                </div>
                <div class="field">
                    <label for="movement-quantity">{move || i18n.t("lots-quantity")}</label>
                    <input id="movement-quantity" name="quantity" type="text" inputmode="decimal"/>
                    <FieldMessage error field="quantity" id="movement-quantity-error"/>
                </div>
                <div class="field">
                    <label for="movement-unit">{move || i18n.t("lots-unit")}</label>
                    <input id="movement-unit" name="unit" type="text" value=unit/>
                    <FieldMessage error field="unit" id="movement-unit-error"/>
                </div>
                <div class="field">
                    <label for="movement-reason">{move || i18n.t("lots-reason")}</label>
                    <input id="movement-reason" name="reason" type="text" maxlength="200"/>
                </div>
                <FieldMessage error field="kind" id="movement-kind-error"/>
                <FormMessage error/>
                <button type="submit" class="button primary">{move || i18n.t("lots-movement-submit")}</button>
            </ActionForm>
        </section>
    }
}

#[component]
fn Ledger(movements: Vec<Movement>) -> impl IntoView {
    let i18n = use_i18n();
    let rows = movements
        .into_iter()
        .rev()
        .map(|m| {
            let key = format!("movement-{}", m.kind.as_str());
            let at = m.at;
            view! {
                <li class="item" data-testid="movement-row">
                    <span class="item-title">{move || i18n.t(&key)}" "{format!("{:+} {}", m.change, m.unit)}</span>
                    <span class="item-meta">{move || i18n.date(at)} {m.reason.map(|r| format!(" · {r}"))}</span>
                </li>
            }
        })
        .collect_view();
    view! { <ul class="item-list">{rows}</ul> }
}
