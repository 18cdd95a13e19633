//! One lot: its quantity, its ledger, and recording a movement (the bench's most frequent
//! action: consuming some).

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use super::api::lot_view;
use crate::loaded::Loaded;
use crate::title::PageTitle;
use crate::{
    history::History,
    i18n::use_i18n,
    inventory::{
        ledger::{Ledger, MovementForm, RecordMovement},
        place::{describe, MoveThing, PlaceForm},
    },
    print::{PrintLink, RelabelledNotice},
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
            <Loaded data show=move |d| {
                let lot = d.lot;
                let status = format!("status-{}", lot.status.as_str());
                let id = lot.id.to_string();
                let unit = lot.unit.clone();
                view! {
                    <RelabelledNotice current=lot.label_code.clone()/>
                    <PageTitle thing=format!("{} {}", d.product_name, lot.label_code)/>
                    <h1><a href=format!("/products/{}", lot.product_id)>{d.product_name}</a>" "<span class="label-code">{lot.label_code.clone()}</span></h1>
                    <p class="actions"><PrintLink code=lot.label_code.clone()/><crate::trace::TraceLink kind=domain::kind::Kind::Lot id=lot.id.to_string()/></p>
                    <p class="big-quantity" data-testid="lot-quantity">{format!("{} {}", lot.quantity, lot.unit)}</p>
                    <dl class="facts">
                        <dt>{move || i18n.t("lots-status")}</dt><dd data-testid="lot-status">{move || i18n.t(&status)}</dd>
                        <dt>{move || i18n.t("lots-supplier-lot")}</dt><dd>{lot.supplier_lot.unwrap_or_default()}</dd>
                        <dt>{move || i18n.t("lots-received-on")}</dt><dd>{lot.received_on.to_string()}</dd>
                        <dt>{move || i18n.t("lots-expires-on")}</dt><dd>{lot.expires_on.map(|d| d.to_string()).unwrap_or_default()}</dd>
                        <dt>{move || i18n.t("samples-place")}</dt><dd data-testid="lot-place">{describe(&d.places, lot.location_id, lot.position.as_deref())}</dd>
                    </dl>
                    <PlaceForm kind=domain::kind::Kind::Lot id=id.clone() places=d.places location=lot.location_id position=lot.position.clone() action=relocate/>
                    <MovementForm thing=domain::kind::Kind::Lot id unit record/>
                    <h2>{move || i18n.t("lots-ledger")}</h2>
                    <Ledger lines=d.movements.into_iter().map(Into::into).collect()/>
                    <History kind=domain::kind::Kind::Lot id=lot.id.to_string() refresh=Signal::derive(move || record.version().get() + relocate.version().get())/>
                }
                .into_any()
            }/>
        </section>
    }
}
