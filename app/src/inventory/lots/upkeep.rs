//! Keeping a lot right after receipt: quarantine and release, and corrections of its
//! supplier lot number, opened date and expiry (each audited, shown in its history).

use domain::lot::{Lot, LotStatus};
use leptos::{form::ActionForm, prelude::*};

use super::api::{CorrectLot, SetLotStatus};
use crate::{
    form::{FieldMessage, FormMessage, LastError},
    i18n::use_i18n,
    session::CsrfField,
};

#[component]
pub fn Upkeep(
    lot: Lot,
    correct: ServerAction<CorrectLot>,
    set_status: ServerAction<SetLotStatus>,
) -> impl IntoView {
    let i18n = use_i18n();
    let error: LastError = Signal::derive(move || correct.value().get().and_then(|r| r.err()));
    let status_error: LastError =
        Signal::derive(move || set_status.value().get().and_then(|r| r.err()));
    let id = lot.id.to_string();
    // Only a lot in use is quarantined, only a quarantined one released: an empty or
    // disposed lot's status follows its ledger.
    let toggle = match lot.status {
        LotStatus::InUse => Some(("quarantined", "lots-quarantine", "button danger")),
        LotStatus::Quarantined => Some(("in_use", "lots-release", "button primary")),
        LotStatus::Empty | LotStatus::Disposed => None,
    };
    let day = |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
    view! {
        <section class="card" aria-labelledby="upkeep-title" data-testid="lot-upkeep">
            <h2 id="upkeep-title">{move || i18n.t("lots-upkeep")}</h2>
            {toggle.map(|(status, key, class)| {
                let id = id.clone();
                view! {
                    <ActionForm action=set_status attr:class="inline-form" attr:data-testid="lot-status-form">
                        <CsrfField/>
                        <input type="hidden" name="id" value=id/>
                        <input type="hidden" name="status" value=status/>
                        <button type="submit" class=class data-testid="lot-status-toggle">{move || i18n.t(key)}</button>
                    </ActionForm>
                    <p class="hint">{move || i18n.t(&format!("{key}-hint"))}</p>
                    <FormMessage error=status_error/>
                }
            })}
            <ActionForm action=correct attr:class="form" attr:data-testid="lot-correct-form">
                <CsrfField/>
                <input type="hidden" name="id" value=id/>
                <div class="field-row">
                    <div class="field">
                        <label for="lot-supplier-lot">{move || i18n.t("lots-supplier-lot")}</label>
                        <input id="lot-supplier-lot" name="supplier_lot" type="text" maxlength="200" value=lot.supplier_lot.clone().unwrap_or_default()/>
                        <FieldMessage error field="supplier_lot" id="lot-supplier-lot-error"/>
                    </div>
                    <div class="field">
                        <label for="lot-opened-on">{move || i18n.t("lots-opened-on")}</label>
                        <input id="lot-opened-on" name="opened_on" type="date" value=day(lot.opened_on)/>
                        <FieldMessage error field="opened_on" id="lot-opened-on-error"/>
                    </div>
                    <div class="field">
                        <label for="lot-expires-on">{move || i18n.t("lots-expires-on")}</label>
                        <input id="lot-expires-on" name="expires_on" type="date" value=day(lot.expires_on)/>
                        <FieldMessage error field="expires_on" id="lot-expires-on-error"/>
                    </div>
                </div>
                <FormMessage error/>
                <button type="submit" class="button" data-testid="lot-correct">{move || i18n.t("lots-correct")}</button>
            </ActionForm>
        </section>
    }
}
