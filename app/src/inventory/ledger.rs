//! The stock ledger as lot and sample pages show it, and the form that records a
//! movement (the bench's most frequent action: consuming some).

use chrono::{DateTime, Utc};
use domain::{ledger::MovementKind, lot::Movement, sample::SampleMovement};
use leptos::{form::ActionForm, prelude::*};

use crate::{
    error::AppError,
    form::{cleared_after_success, FieldMessage, FormMessage, LastError},
    i18n::use_i18n,
    session::CsrfField,
};
#[cfg(feature = "ssr")]
use {
    super::fields::{blank, number},
    crate::session::{database, principal},
};

/// Records a movement in the ledger of a lot or a sample (`thing`).
#[server(prefix = "/api/ui", endpoint = "record_movement")]
pub async fn record_movement(
    thing: String,
    id: String,
    kind: String,
    quantity: String,
    unit: String,
    reason: String,
    csrf_token: String,
) -> Result<(), AppError> {
    let _ = csrf_token;
    let who = principal()?;
    let db = database()?;
    let new = domain::ledger::NewMovement {
        kind,
        quantity: number("quantity", &quantity)?,
        unit: blank(unit),
        reason: blank(reason),
    };
    let kind = domain::kind::Kind::named(&thing)
        .filter(|k| k.is_placed())
        .ok_or_else(|| domain::DomainError::not_found(thing.clone()))?;
    let id = kind.id(&id)?;
    Ok(service::things::move_stock(&db.conn, &who.person, kind, id, new).await?)
}

/// One line of a lot's or a sample's ledger.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    pub kind: MovementKind,
    pub change: f64,
    pub unit: String,
    pub reason: Option<String>,
    pub at: DateTime<Utc>,
}

impl From<Movement> for Line {
    fn from(m: Movement) -> Self {
        Self {
            kind: m.kind,
            change: m.change,
            unit: m.unit,
            reason: m.reason,
            at: m.at,
        }
    }
}

impl From<SampleMovement> for Line {
    fn from(m: SampleMovement) -> Self {
        Self {
            kind: m.kind,
            change: m.change,
            unit: m.unit,
            reason: m.reason,
            at: m.at,
        }
    }
}

/// A line's reason: the application's own in the reader's language, a person's as typed.
fn reason_text(i18n: &crate::i18n::I18n, reason: &str) -> String {
    match domain::ledger_reason::Reason::read(reason) {
        Some(r) => {
            let args: Vec<_> = r.args().into_iter().map(|(k, v)| (k, v.into())).collect();
            i18n.t_with(&format!("ledger-reason-{}", r.code()), &args)
        }
        None => reason.to_owned(),
    }
}

/// The ledger, newest first.
#[component]
pub fn Ledger(lines: Vec<Line>) -> impl IntoView {
    let i18n = use_i18n();
    let rows = lines
        .into_iter()
        .rev()
        .map(|m| {
            let key = format!("movement-{}", m.kind.as_str());
            let at = m.at;
            let (change, unit) = (m.change, m.unit);
            let change = move || match m.kind {
                MovementKind::Move => String::new(),
                _ => {
                    let sign = if change > 0.0 { "+" } else { "" };
                    format!(" {sign}{} {unit}", i18n.amount(change))
                }
            };
            let reason = m
                .reason
                .map(|r| move || format!(" · {}", reason_text(&i18n, &r)));
            view! {
                <li class="item" data-testid="movement-row">
                    <span class="item-title">{move || i18n.t(&key)}{change}</span>
                    <span class="item-meta">{move || i18n.date_time(at)}{reason}</span>
                </li>
            }
        })
        .collect_view();
    view! { <ul class="item-list">{rows}</ul> }
}

/// Records a movement of a lot or a sample (`thing`), in its unit by default.
#[component]
pub fn MovementForm(
    thing: domain::kind::Kind,
    id: String,
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
                <input type="hidden" name="thing" value=thing.as_str()/>
                <input type="hidden" name="id" value=id/>
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
