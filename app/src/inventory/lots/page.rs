//! One lot: its quantity, its ledger, and recording a movement (the bench's most frequent
//! action: consuming some).

use domain::lot::Lot;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use super::{
    api::{lot_view, CorrectLot, SetLotStatus},
    upkeep::Upkeep,
};
use crate::loaded::Loaded;
use crate::title::PageTitle;
use crate::{
    error::AppError,
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
    let correct = ServerAction::<CorrectLot>::new();
    let set_status = ServerAction::<SetLotStatus>::new();
    // A correction reloads the page only once it took: a refused one keeps what was typed
    // (the lot's `updated_at` tells one accepted change from the next).
    let stamp = |v: Option<Result<Lot, AppError>>| v.and_then(Result::ok).map(|l| l.updated_at);
    let accepted = move || {
        (
            stamp(correct.value().get()),
            stamp(set_status.value().get()),
        )
    };
    let changes = move || {
        record.version().get()
            + relocate.version().get()
            + correct.version().get()
            + set_status.version().get()
    };
    let data = Resource::new(
        move || {
            let id = params.with(|p| p.get("id").unwrap_or_default());
            (
                id,
                record.version().get() + relocate.version().get(),
                accepted(),
            )
        },
        |(id, _, _)| lot_view(id),
    );
    view! {
        <section class="page lot-page">
            <Loaded data show=move |d| {
                let lot = d.lot;
                let upkept = lot.clone();
                let status = format!("status-{}", lot.status.as_str());
                let id = lot.id.to_string();
                let unit = lot.unit.clone();
                view! {
                    <RelabelledNotice current=lot.label_code.clone()/>
                    <PageTitle thing=format!("{} {}", d.product_name, lot.label_code)/>
                    <h1><a href=format!("/products/{}", lot.product_id)>{d.product_name}</a>" "<span class="label-code">{lot.label_code.clone()}</span></h1>
                    <p class="actions">
                        <PrintLink code=lot.label_code.clone()/>
                        <crate::trace::TraceLink kind=domain::kind::Kind::Lot id=lot.id.to_string()/>
                        {crate::session::may_add().then(|| view! {
                            <a class="button" href=format!("/products/{}?like={}#receive-title", lot.product_id, lot.id) data-testid="receive-another">{move || i18n.t("lots-receive-another")}</a>
                        })}
                    </p>
                    <p class="big-quantity" data-testid="lot-quantity">{move || i18n.quantity(lot.quantity, &lot.unit)}</p>
                    <dl class="facts">
                        <dt>{move || i18n.t("lots-status")}</dt><dd data-testid="lot-status">{move || i18n.t(&status)}</dd>
                        <dt>{move || i18n.t("lots-supplier-lot")}</dt><dd data-testid="lot-supplier-lot">{lot.supplier_lot.unwrap_or_default()}</dd>
                        <dt>{move || i18n.t("lots-received-on")}</dt><dd>{move || i18n.day(lot.received_on)}</dd>
                        <dt>{move || i18n.t("lots-opened-on")}</dt><dd data-testid="lot-opened">{move || lot.opened_on.map(|d| i18n.day(d)).unwrap_or_default()}</dd>
                        <dt>{move || i18n.t("lots-expires-on")}</dt><dd data-testid="lot-expires">{move || lot.expires_on.map(|d| i18n.day(d)).unwrap_or_default()}</dd>
                        <dt>{move || i18n.t("samples-place")}</dt><dd data-testid="lot-place">{describe(&d.places, lot.location_id, lot.position.as_deref())}</dd>
                    </dl>
                    // Only what the person may do: a viewer reads, with no form to be refused by.
                    {d.may_write.then(|| view! {
                        <PlaceForm kind=domain::kind::Kind::Lot id=id.clone() places=d.places location=lot.location_id position=lot.position.clone() action=relocate/>
                        <MovementForm thing=domain::kind::Kind::Lot id unit record/>
                        <Upkeep lot=upkept correct set_status/>
                    })}
                    <h2>{move || i18n.t("lots-ledger")}</h2>
                    <Ledger lines=d.movements.into_iter().map(Into::into).collect()/>
                    <crate::sharing::SharingCard kind=domain::kind::Kind::Lot id=lot.id.to_string()/>
                    <History kind=domain::kind::Kind::Lot id=lot.id.to_string() refresh=Signal::derive(changes)/>
                }
                .into_any()
            }/>
        </section>
    }
}
