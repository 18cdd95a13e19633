//! One instrument: its calibration state, status, and its calibration and maintenance
//! records, with forms to record one and change the status.

use domain::instrument::{InstrumentRecord, InstrumentStatus};
use leptos::{form::ActionForm, prelude::*};
use leptos_router::hooks::use_params_map;

use super::{
    api::{instrument_view, AddInstrumentRecord, SetInstrumentStatus},
    calibration::CalibrationBadge,
};
use crate::loaded::Loaded;
use crate::title::PageTitle;
use crate::{
    attachment::{UploadError, UploadForm},
    form::{cleared_after_success, FieldMessage, FormMessage, LastError},
    history::History,
    i18n::use_i18n,
    print::{PrintLink, RelabelledNotice},
    session::CsrfField,
};

#[component]
pub fn InstrumentPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let record = ServerAction::<AddInstrumentRecord>::new();
    let status = ServerAction::<SetInstrumentStatus>::new();
    let data = Resource::new(
        move || {
            (
                params.with(|p| p.get("id").unwrap_or_default()),
                record.version().get() + status.version().get(),
            )
        },
        |(id, _)| instrument_view(id),
    );
    view! {
        <section class="page instrument-page">
            <Loaded data show=move |d| {
                let i = d.instrument;
                let id = i.id.to_string();
                let current = i.status;
                let status_key = format!("instrument-status-{}", i.status.as_str());
                view! {
                    <RelabelledNotice current=i.label_code.clone()/>
                    <PageTitle thing=format!("{} {}", i.name, i.label_code)/>
                    <h1>{i.name.clone()}" "<span class="label-code">{i.label_code.clone()}</span></h1>
                    <p class="actions"><PrintLink code=i.label_code.clone()/><crate::trace::TraceLink kind=domain::kind::Kind::Instrument id=i.id.to_string()/></p>
                    <p class="calibration-line"><CalibrationBadge instrument=i.clone()/></p>
                    <dl class="facts">
                        <dt>{move || i18n.t("lots-status")}</dt><dd data-testid="instrument-status">{move || i18n.t(&status_key)}</dd>
                        <dt>{move || i18n.t("instruments-model")}</dt><dd>{i.model.unwrap_or_default()}</dd>
                        <dt>{move || i18n.t("instruments-serial")}</dt><dd>{i.serial.unwrap_or_default()}</dd>
                    </dl>
                    <StatusForm instrument_id=id.clone() current status/>
                    <RecordForm instrument_id=id record/>
                    <h2>{move || i18n.t("instruments-records")}</h2>
                    <UploadError/>
                    <Records instrument_id=i.id.to_string() records=d.records/>
                    <crate::sharing::SharingCard kind=domain::kind::Kind::Instrument id=i.id.to_string()/>
                    <History kind=domain::kind::Kind::Instrument id=i.id.to_string() refresh=Signal::derive(move || record.version().get() + status.version().get())/>
                }
                .into_any()
            }/>
        </section>
    }
}

#[component]
fn StatusForm(
    instrument_id: String,
    current: InstrumentStatus,
    status: ServerAction<SetInstrumentStatus>,
) -> impl IntoView {
    let i18n = use_i18n();
    let options = InstrumentStatus::ALL
        .iter()
        .map(|&s| {
            let key = format!("instrument-status-{}", s.as_str());
            view! { <option value=s.as_str() selected=s == current>{move || i18n.t(&key)}</option> }
        })
        .collect::<Vec<_>>();
    view! {
        <ActionForm action=status attr:class="inline-form" attr:data-testid="status-form">
            <CsrfField/>
            <input type="hidden" name="instrument_id" value=instrument_id/>
            <label for="instrument-status-select">{move || i18n.t("lots-status")}</label>
            <select id="instrument-status-select" name="status">{options}</select>
            <button type="submit" class="button">{move || i18n.t("instruments-set-status")}</button>
        </ActionForm>
    }
}

#[component]
fn RecordForm(instrument_id: String, record: ServerAction<AddInstrumentRecord>) -> impl IntoView {
    let i18n = use_i18n();
    let error: LastError = Signal::derive(move || record.value().get().and_then(|r| r.err()));
    let form = cleared_after_success(move || matches!(record.value().get(), Some(Ok(_))));
    view! {
        <section class="card" aria-labelledby="record-title">
            <h2 id="record-title">{move || i18n.t("instruments-record")}</h2>
            <ActionForm action=record node_ref=form attr:class="form" attr:data-testid="record-form">
                <CsrfField/>
                <input type="hidden" name="instrument_id" value=instrument_id/>
                <div class="field">
                    <label for="record-kind">{move || i18n.t("instruments-record-kind")}</label>
                    <select id="record-kind" name="kind">
                        <option value="calibration">{move || i18n.t("record-calibration")}</option>
                        <option value="maintenance">{move || i18n.t("record-maintenance")}</option>
                    </select>
                    <FieldMessage error field="kind" id="record-kind-error"/>
                </div>
                <div class="field">
                    <label for="record-performed-on">{move || i18n.t("instruments-performed-on")}</label>
                    <input id="record-performed-on" name="performed_on" type="date" required/>
                    <FieldMessage error field="performed_on" id="record-performed-on-error"/>
                </div>
                <div class="field">
                    <label for="record-valid-until">{move || i18n.t("instruments-valid-until")}</label>
                    <input id="record-valid-until" name="valid_until" type="date"/>
                    <FieldMessage error field="valid_until" id="record-valid-until-error"/>
                </div>
                <div class="field">
                    <label for="record-performed-by">{move || i18n.t("instruments-performed-by")}</label>
                    <input id="record-performed-by" name="performed_by" type="text" maxlength="200"/>
                </div>
                <div class="field">
                    <label for="record-notes">{move || i18n.t("instruments-notes")}</label>
                    <textarea id="record-notes" name="notes" maxlength="4000" rows="3"></textarea>
                    <FieldMessage error field="notes" id="record-notes-error"/>
                </div>
                <FormMessage error/>
                <button type="submit" class="button primary">{move || i18n.t("instruments-record-submit")}</button>
            </ActionForm>
        </section>
    }
}

#[component]
fn Records(instrument_id: String, records: Vec<InstrumentRecord>) -> impl IntoView {
    let i18n = use_i18n();
    if records.is_empty() {
        return view! { <p class="empty">{move || i18n.t("instruments-no-record")}</p> }.into_any();
    }
    let rows = records
        .into_iter()
        .map(|r| {
            let key = format!("record-{}", r.kind.as_str());
            let (until, performed_on) = (r.valid_until, r.performed_on);
            let until_key = "instruments-valid-until";
            view! {
                <li class="item" data-testid="record-row">
                    <span class="item-title">{move || i18n.t(&key)}" · "{move || i18n.day(performed_on)}</span>
                    <span class="item-meta">
                        {r.performed_by}
                        {until.map(|d| view! { " · "{move || i18n.t(until_key)}" "{move || i18n.day(d)} })}
                        {r.notes.map(|n| format!(" · {n}"))}
                    </span>
                    {match r.certificate_attachment_id {
                        Some(file) => view! {
                            <a class="attachment-link" href=format!("/api/v1/attachments/{file}") target="_blank" rel="noopener" data-testid="certificate-link">{move || i18n.t("certificate-link")}</a>
                        }.into_any(),
                        None => view! {
                            <UploadForm action=format!("/forms/instruments/{instrument_id}/records/{}/certificate", r.id) accept="application/pdf,image/*" label="certificate-upload" testid="certificate-form"/>
                        }.into_any(),
                    }}
                </li>
            }
        })
        .collect_view();
    view! { <ul class="item-list">{rows}</ul> }.into_any()
}
