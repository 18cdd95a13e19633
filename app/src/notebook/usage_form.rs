//! Adding what an entry used, at the bench. The code comes first (typed, or read by a
//! keyboard-wedge scanner or the camera); the page then shows what it names and, for a
//! lot, what is left, the unit as a real value (never a grey placeholder standing for
//! one) and what will remain as the amount is typed. A warning (expired lot, lapsed
//! calibration) or a large amount needs a tick before it is added; what cannot be used
//! says why. The server checks all of it again when the use is added.

use domain::{
    bench::{Amount, Planned, UseNotice, UsePreview},
    kind::Kind,
};
use leptos::{html, prelude::*, server_fn::ServerFn};

use super::api::{usage_preview, AddUsageByCode};
use crate::{
    error::AppError,
    form::{FieldMessage, FormMessage, LastError},
    i18n::{use_i18n, I18n},
    session::CsrfField,
};

/// An amount in the reader's language, exact to the stored step: "2,498 L".
pub fn amount_text(i18n: &I18n, amount: &Amount) -> String {
    i18n.quantity(amount.value, &amount.unit)
}

/// A notice in the reader's language.
pub fn notice_text(i18n: &I18n, notice: &UseNotice) -> String {
    let id = format!("use-notice-{}", notice.code());
    match notice {
        UseNotice::LotExpired { expires_on } => {
            i18n.t_with(&id, &[("date", i18n.day(*expires_on).into())])
        }
        UseNotice::CalibrationLapsed { on } => i18n.t_with(&id, &[("date", i18n.day(*on).into())]),
        UseNotice::InstrumentUnavailable { status } => i18n.t_with(
            &id,
            &[(
                "status",
                i18n.t(&format!("instrument-status-{}", status.as_str()))
                    .into(),
            )],
        ),
        UseNotice::LargeShare { percent } => {
            i18n.t_with(&id, &[("percent", i64::from(*percent).into())])
        }
        UseNotice::AboveLimit { limit } => i18n.t_with(&id, &[("limit", limit.clone().into())]),
        UseNotice::MoreThanLeft { left } => i18n.t_with(&id, &[("left", left.clone().into())]),
        UseNotice::NeverCalibrated | UseNotice::LotQuarantined | UseNotice::LotDisposed => {
            i18n.t(&id)
        }
    }
}

/// What is being typed for one use, shared by the card and the form around it.
#[derive(Clone, Copy)]
pub struct UseFields {
    pub quantity: RwSignal<String>,
    pub unit: RwSignal<String>,
    pub role: RwSignal<String>,
    pub started_at: RwSignal<String>,
    pub ended_at: RwSignal<String>,
    pub confirmed: RwSignal<bool>,
}

impl UseFields {
    pub fn new() -> Self {
        Self {
            quantity: RwSignal::new(String::new()),
            unit: RwSignal::new(String::new()),
            role: RwSignal::new("input".into()),
            started_at: RwSignal::new(String::new()),
            ended_at: RwSignal::new(String::new()),
            confirmed: RwSignal::new(false),
        }
    }

    /// Ready for the next use (the role stays: several inputs come in a row).
    pub fn clear(&self) {
        self.quantity.set(String::new());
        self.unit.set(String::new());
        self.started_at.set(String::new());
        self.ended_at.set(String::new());
        self.confirmed.set(false);
    }

    /// After a look-up: the unit offered is the preview's, unless one of the lot's kind
    /// was typed already.
    pub fn take_preview(&self, preview: &UsePreview) {
        let typed = self.unit.get_untracked();
        if !preview.units.contains(&typed) {
            self.unit.set(preview.unit.clone().unwrap_or_default());
        }
        self.confirmed.set(false);
    }

    /// The unit in effect: the one chosen, else the one the preview offers (also before
    /// the page runs in the browser, so the list never opens on its first unit).
    pub fn unit_for(&self, preview: &UsePreview) -> String {
        let chosen = self.unit.get();
        if chosen.is_empty() {
            preview.unit.clone().unwrap_or_default()
        } else {
            chosen
        }
    }

    /// What the amount typed so far will do.
    pub fn plan(&self, preview: &UsePreview) -> Planned {
        preview.plan(&self.quantity.get(), &self.unit_for(preview))
    }

    /// Whether "Add" may be tapped: nothing blocks, a lot has a readable amount, and any
    /// notice is confirmed.
    pub fn ready(&self, preview: &UsePreview) -> bool {
        let planned = self.plan(preview);
        let amount_ok = preview.lot.is_none() || planned.take.is_some();
        amount_ok && !planned.blocked() && (!planned.asks_confirmation() || self.confirmed.get())
    }
}

impl Default for UseFields {
    fn default() -> Self {
        Self::new()
    }
}

/// The card shown once a code is read: the thing; for a lot its stock, the amount and
/// unit, and what will remain; for a sample its role; the notices, and the tick that
/// confirms them. `prefix` keeps field ids apart when a page has two cards.
#[component]
pub fn UseCard(preview: UsePreview, fields: UseFields, prefix: &'static str) -> impl IntoView {
    let i18n = use_i18n();
    let facts = [
        preview
            .supplier_lot
            .clone()
            .map(|l| i18n.t_with("use-supplier-lot", &[("lot", l.into())])),
        preview
            .expires_on
            .map(|d| i18n.t_with("use-expires", &[("date", i18n.day(d).into())])),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(" · ");
    let kind = format!("usage-kind-{}", preview.kind);
    let p = StoredValue::new(preview.clone());
    let planned = Memo::new(move |_| p.with_value(|p| fields.plan(p)));
    let amount = preview.lot.is_some().then(|| {
        let units = preview.units.clone();
        let quantity_id = format!("{prefix}-quantity");
        let unit_id = format!("{prefix}-unit");
        view! {
            <p class="use-left" data-testid="use-left">{move || planned.with(|p| p.left.as_ref().map(|l| i18n.t_with("use-left", &[("amount", amount_text(&i18n, l).into())])))}</p>
            <div class="field-row">
                <div class="field">
                    <label for=quantity_id.clone()>{move || i18n.t("use-quantity")}</label>
                    <input id=quantity_id name="quantity" type="text" inputmode="decimal" autocomplete="off" required=true
                           data-testid="use-quantity" prop:value=move || fields.quantity.get()
                           on:input=move |ev| { fields.quantity.set(event_target_value(&ev)); fields.confirmed.set(false); }/>
                </div>
                <div class="field">
                    <label for=unit_id.clone()>{move || i18n.t("use-unit")}</label>
                    <select id=unit_id name="unit" required=true data-testid="use-unit"
                            on:change=move |ev| { fields.unit.set(event_target_value(&ev)); fields.confirmed.set(false); }>
                        {units.into_iter().map(|u| {
                            let (value, label) = (u.clone(), u.clone());
                            view! { <option value=u selected=move || p.with_value(|p| fields.unit_for(p)) == value>{label}</option> }
                        }).collect_view()}
                    </select>
                </div>
            </div>
            <p class="use-outcome" data-testid="use-outcome" aria-live="polite">{move || planned.with(|p| match (&p.take, &p.remaining) {
                (Some(take), Some(rest)) => i18n.t_with("use-will-remain", &[
                    ("take", amount_text(&i18n, take).into()),
                    ("rest", amount_text(&i18n, rest).into()),
                ]),
                _ => i18n.t("use-type-amount"),
            })}</p>
        }
    });
    let role = (preview.kind == Kind::Sample).then(|| {
        let role_id = format!("{prefix}-role");
        view! {
            <div class="field">
                <label for=role_id.clone()>{move || i18n.t("usage-role")}</label>
                <select id=role_id name="role" on:change=move |ev| fields.role.set(event_target_value(&ev))>
                    <option value="input" selected=move || fields.role.get() == "input">{move || i18n.t("usage-sample_input")}</option>
                    <option value="output" selected=move || fields.role.get() == "output">{move || i18n.t("usage-sample_output")}</option>
                </select>
            </div>
        }
    });
    let confirm_id = format!("{prefix}-confirm");
    view! {
        <div class="use-card" data-testid="use-card" data-kind=preview.kind.as_str()>
            <p class="use-what">
                <span class="badge">{move || i18n.t(&kind)}</span>" "
                <strong data-testid="use-name">{preview.name.clone()}</strong>" "
                <span class="label-code">{preview.label_code.clone()}</span>
                {(!facts.is_empty()).then(|| view! { <span class="item-meta">" · "{facts}</span> })}
            </p>
            {amount}
            {role}
            <ul class="use-notices" data-testid="use-notices">
                {move || planned.with(|p| p.notices.iter().map(|n| {
                    let text = notice_text(&i18n, n);
                    view! { <li class:blocking=n.blocks() data-code=n.code()>{text}</li> }
                }).collect_view())}
            </ul>
            {move || planned.with(|p| (p.asks_confirmation() && !p.blocked()).then(|| view! {
                <label class="confirm" for=confirm_id.clone()>
                    <input id=confirm_id.clone() type="checkbox" name="confirmed" value="true" data-testid="use-confirm"
                           prop:checked=move || fields.confirmed.get()
                           on:change=move |ev| fields.confirmed.set(event_target_checked(&ev))/>
                    {move || i18n.t("use-confirm")}
                </label>
            }))}
        </div>
    }
    .into_any()
}

/// The entry page's "add by label code" form. Before the page runs in the browser (or
/// without JavaScript) it is a plain form: every field shown, nothing defaulted, and the
/// server refuses a blank unit or an unconfirmed warning. In the browser, the code is
/// looked up first and the card above shows what "Add" will do.
#[component]
pub fn AddUsageForm(entry_id: String, add: ServerAction<AddUsageByCode>) -> impl IntoView {
    let i18n = use_i18n();
    let code = RwSignal::new(String::new());
    let fields = UseFields::new();
    let preview = RwSignal::new(None::<UsePreview>);
    let lookup_error = RwSignal::new(None::<AppError>);
    let hydrated = RwSignal::new(false);
    Effect::new(move |_| hydrated.set(true));
    let code_input = NodeRef::<html::Input>::new();
    let error: LastError = Signal::derive(move || {
        lookup_error
            .get()
            .or_else(|| add.value().get().and_then(|r| r.err()))
    });
    let csrf = StoredValue::new(
        crate::session::use_user()
            .map(|u| u.csrf_token)
            .unwrap_or_default(),
    );
    let entry = StoredValue::new(entry_id.clone());

    // A use added: ready for the next code.
    Effect::new(move |_| {
        if matches!(add.value().get(), Some(Ok(_))) {
            preview.set(None);
            code.set(String::new());
            fields.clear();
            if let Some(input) = code_input.get_untracked() {
                let _ = input.focus();
            }
        }
    });
    let look_up = move || {
        let typed = code.get_untracked();
        add.value().set(None);
        leptos::task::spawn_local(async move {
            let found = usage_preview(
                entry.get_value(),
                typed,
                fields.unit.get_untracked(),
                fields.started_at.get_untracked(),
            )
            .await;
            match found {
                Ok(p) => {
                    fields.take_preview(&p);
                    lookup_error.set(None);
                    preview.set(Some(p));
                }
                Err(e) => {
                    preview.set(None);
                    lookup_error.set(Some(e));
                }
            }
        });
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(p) = preview.get_untracked() else {
            look_up();
            return;
        };
        if !fields.ready(&p) {
            return;
        }
        add.dispatch(AddUsageByCode {
            entry_id: entry.get_value(),
            code: code.get_untracked(),
            quantity: fields.quantity.get_untracked(),
            unit: fields.unit_for(&p),
            role: fields.role.get_untracked(),
            started_at: fields.started_at.get_untracked(),
            ended_at: fields.ended_at.get_untracked(),
            confirmed: fields.confirmed.get_untracked().then(|| "true".to_owned()),
            back: None,
            csrf_token: csrf.get_value(),
        });
    };
    let cancel = move |_| {
        preview.set(None);
        code.set(String::new());
        fields.clear();
    };
    let action_url = <AddUsageByCode as ServerFn>::url();
    view! {
        <section class="card" aria-labelledby="add-usage-title">
            <h3 id="add-usage-title">{move || i18n.t("entry-add-usage")}</h3>
            <p class="hint">{move || i18n.t("entry-add-usage-hint")}</p>
            <form method="post" action=action_url class="form" data-testid="add-usage-form" on:submit=on_submit>
                <CsrfField/>
                <input type="hidden" name="entry_id" value=entry_id.clone()/>
                <input type="hidden" name="back" value=format!("/entries/{entry_id}")/>
                <div class="field">
                    <label for="usage-code">{move || i18n.t("usage-code")}</label>
                    <input id="usage-code" name="code" type="text" autocomplete="off" autocapitalize="characters" spellcheck="false" required=true
                           node_ref=code_input prop:value=move || code.get()
                           on:input=move |ev| { code.set(event_target_value(&ev)); preview.set(None); }/>
                    <FieldMessage error field="code" id="usage-code-error"/>
                    <FieldMessage error field="lot_id" id="usage-lot-error"/>
                    <FieldMessage error field="sample_id" id="usage-sample-error"/>
                </div>
                {move || match preview.get() {
                    Some(p) => {
                        let instrument = p.kind == Kind::Instrument;
                        view! {
                            <UseCard preview=p fields prefix="usage"/>
                            {instrument.then(|| view! { <UseWindow fields error/> })}
                        }.into_any()
                    }
                    // The plain form: every field, nothing filled in for the person.
                    None => view! {
                        <div class="field-row">
                            <div class="field">
                                <label for="usage-quantity">{move || i18n.t("use-quantity")}</label>
                                <input id="usage-quantity" name="quantity" type="text" inputmode="decimal" autocomplete="off"
                                       prop:value=move || fields.quantity.get() on:input=move |ev| fields.quantity.set(event_target_value(&ev))/>
                            </div>
                            <div class="field">
                                <label for="usage-unit">{move || i18n.t("use-unit")}</label>
                                <input id="usage-unit" name="unit" type="text" autocomplete="off" list="usage-units"
                                       prop:value=move || fields.unit.get() on:input=move |ev| fields.unit.set(event_target_value(&ev))/>
                                <datalist id="usage-units">
                                    {["µL", "mL", "L", "µg", "mg", "g", "kg", "µmol", "mmol", "mol", "count"].map(|u| view! { <option value=u></option> })}
                                </datalist>
                            </div>
                            <div class="field">
                                <label for="usage-role">{move || i18n.t("usage-role")}</label>
                                <select id="usage-role" name="role" on:change=move |ev| fields.role.set(event_target_value(&ev))>
                                    <option value="input">{move || i18n.t("usage-sample_input")}</option>
                                    <option value="output">{move || i18n.t("usage-sample_output")}</option>
                                </select>
                            </div>
                        </div>
                        <UseWindow fields error/>
                        <label class="confirm" for="usage-confirm-plain">
                            <input id="usage-confirm-plain" type="checkbox" name="confirmed" value="true"/>
                            {move || i18n.t("use-confirm")}
                        </label>
                    }.into_any(),
                }}
                <FieldMessage error field="quantity" id="usage-quantity-error"/>
                <FieldMessage error field="unit" id="usage-unit-error"/>
                <FieldMessage error field="confirmed" id="usage-confirm-error"/>
                <FormMessage error/>
                <div class="actions">
                    <button type="submit" class="button primary" data-testid="usage-submit"
                            disabled=move || preview.with(|p| p.as_ref().is_some_and(|p| !fields.ready(p)))>
                        {move || if hydrated.get() && preview.with(Option::is_none) { i18n.t("use-look-up") } else { i18n.t("entry-add-usage-button") }}
                    </button>
                    {move || preview.with(Option::is_some).then(|| view! {
                        <button type="button" class="button" data-testid="usage-cancel" on:click=cancel>{move || i18n.t("use-cancel")}</button>
                    })}
                    <a class="button" href=format!("/scan?mode=entry&entry={entry_id}") data-testid="scan-to-entry">{move || i18n.t("entry-scan")}</a>
                </div>
            </form>
        </section>
    }
    .into_any()
}

/// When an instrument was used (blank: the last hour, as the hint says).
#[component]
fn UseWindow(fields: UseFields, error: LastError) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="field-row">
            <div class="field">
                <label for="usage-from">{move || i18n.t("usage-from")}</label>
                <input id="usage-from" name="started_at" type="datetime-local"
                       prop:value=move || fields.started_at.get() on:input=move |ev| fields.started_at.set(event_target_value(&ev))/>
                <FieldMessage error field="started_at" id="usage-from-error"/>
            </div>
            <div class="field">
                <label for="usage-to">{move || i18n.t("usage-to")}</label>
                <input id="usage-to" name="ended_at" type="datetime-local"
                       prop:value=move || fields.ended_at.get() on:input=move |ev| fields.ended_at.set(event_target_value(&ev))/>
                <FieldMessage error field="ended_at" id="usage-to-error"/>
            </div>
        </div>
    }
    .into_any()
}
