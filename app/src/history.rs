//! The history block every thing's page ends with: who changed what, when.

use crate::loaded::Loaded;
use domain::history::{FieldChange, HistoryEntry};
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::session::{database, parse_id, principal};
use crate::{
    error::AppError,
    i18n::{use_i18n, I18n},
};

#[server(prefix = "/api/ui", endpoint = "thing_history", input = leptos::server_fn::codec::GetUrl)]
pub async fn thing_history(kind: String, id: String) -> Result<Vec<HistoryEntry>, AppError> {
    let who = principal()?;
    let db = database()?;
    let id = parse_id(&id, &kind)?;
    let kind =
        domain::kind::Kind::named(&kind).ok_or_else(|| domain::DomainError::not_found(kind))?;
    Ok(service::things::history::of(&db.conn, &who.person, kind, id).await?)
}

/// The history of one thing, newest first; `refresh` changes when the page changed it.
#[component]
pub fn History(
    kind: domain::kind::Kind,
    id: String,
    #[prop(into)] refresh: Signal<usize>,
) -> impl IntoView {
    let i18n = use_i18n();
    let entries = Resource::new(
        move || (id.clone(), refresh.get()),
        move |(id, _)| thing_history(kind.as_str().to_owned(), id),
    );
    view! {
        <details class="card history" data-testid="history">
            <summary><h2>{move || i18n.t("history-title")}</h2></summary>
            <Loaded data=entries show=move |list| view! { <Entries kind list/> }.into_any()/>
        </details>
    }
}

#[component]
fn Entries(kind: domain::kind::Kind, list: Vec<HistoryEntry>) -> impl IntoView {
    let i18n = use_i18n();
    let rows = list
        .into_iter()
        .rev()
        .map(|e| {
            let at = e.at;
            // Worded in a closure: it follows a switch of language.
            let fields = e.changes.clone();
            let said = move || sentence(&i18n, &e);
            let changed = move || changes(&i18n, kind, &fields);
            view! {
                <li class="item" data-testid="history-row">
                    <span class="item-title">{said}</span>
                    <span class="item-meta"><time datetime=at.to_rfc3339()>{move || i18n.date_time(at)}</time></span>
                    {move || {
                        let text = changed();
                        (!text.is_empty()).then(|| view! { <span class="item-meta history-changes">{text}</span> })
                    }}
                </li>
            }
        })
        .collect_view();
    view! { <ul class="item-list">{rows}</ul> }
}

/// "Théo Technicien moved it": who did what, from the action's verb (`lot.move` → move).
fn sentence(i18n: &I18n, e: &HistoryEntry) -> String {
    let who = if e.by_command_line {
        i18n.t("history-command-line")
    } else {
        e.by.clone()
    };
    let verb = e.action.rsplit('.').next().unwrap_or_default();
    match translate_opt_with(i18n, &format!("history-{verb}"), &who) {
        Some(text) => text,
        None => i18n.t_with(
            "history-other",
            &[("who", who.into()), ("action", e.action.clone().into())],
        ),
    }
}

fn translate_opt_with(i18n: &I18n, id: &str, who: &str) -> Option<String> {
    crate::i18n::translate_opt(i18n.current(), id)?;
    Some(i18n.t_with(id, &[("who", who.to_owned().into())]))
}

/// "Quantity: 100 → 97.5 · Place: Freezer 2 → Bench 3", in the reader's words.
fn changes(i18n: &I18n, kind: domain::kind::Kind, changes: &[FieldChange]) -> String {
    changes
        .iter()
        // The id and the creator are the thing itself and the sentence's "who".
        .filter(|c| c.field != "id" && c.field != "created_by")
        .map(|c| {
            let field =
                crate::i18n::translate_opt(i18n.current(), &format!("history-field-{}", c.field))
                    .unwrap_or_else(|| c.field.clone());
            let value = |v: &serde_json::Value, name: &Option<String>| {
                name.clone()
                    .unwrap_or_else(|| value_text(i18n, kind, &c.field, v))
            };
            let after = value(&c.after, &c.after_name);
            if c.before.is_null() {
                // Set for the first time (a creation): no "before" to show.
                i18n.t_with(
                    "history-set",
                    &[("field", field.into()), ("after", after.into())],
                )
            } else {
                i18n.t_with(
                    "history-change",
                    &[
                        ("field", field.into()),
                        ("before", value(&c.before, &c.before_name).into()),
                        ("after", after.into()),
                    ],
                )
            }
        })
        .collect::<Vec<_>>()
        .join(" · ")
}

/// A value as one short line in the reader's words: statuses and kinds translated, days
/// and amounts in the locale's format, absent as a dash, long text cut.
fn value_text(i18n: &I18n, kind: domain::kind::Kind, field: &str, v: &serde_json::Value) -> String {
    use domain::kind::Kind;
    use serde_json::Value;
    let text = match v {
        Value::Null => "—".to_owned(),
        Value::String(s) => {
            let message = match (kind, field) {
                (Kind::Lot, "status") => Some(format!("status-{s}")),
                (Kind::Sample, "status") => Some(format!("sample-status-{s}")),
                (Kind::Instrument, "status") => Some(format!("instrument-status-{s}")),
                (_, "calibration") => Some(format!("calibration-{s}")),
                (Kind::Product, "kind") => Some(format!("kind-{s}")),
                _ => None,
            };
            if let Some(text) =
                message.and_then(|id| crate::i18n::translate_opt(i18n.current(), &id))
            {
                text
            } else if let Ok(day) = chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d") {
                i18n.day(day)
            } else if uuid::Uuid::parse_str(s).is_ok() {
                // An id the reader may not see named (or a file's): said, not shown.
                if field.ends_with("attachment_id") {
                    i18n.t("history-file")
                } else {
                    i18n.t("history-unseen")
                }
            } else {
                s.clone()
            }
        }
        Value::Number(n) => n.as_f64().map_or_else(|| n.to_string(), |f| i18n.amount(f)),
        Value::Bool(b) => b.to_string(),
        Value::Array(items) => items
            .iter()
            .map(|item| match item {
                // A sample's parents: by name or label, as their page shows them.
                Value::Object(o) => o
                    .get("name")
                    .and_then(Value::as_str)
                    .or_else(|| o.get("label_code").and_then(Value::as_str))
                    .unwrap_or("—")
                    .to_owned(),
                // A hazard by its name ("Inflammable"), as the pictogram's tooltip says.
                Value::String(code) if field == "hazards" => crate::i18n::translate_opt(
                    i18n.current(),
                    &format!("ghs-{}", code.to_lowercase()),
                )
                .unwrap_or_else(|| code.clone()),
                other => value_text(i18n, kind, field, other),
            })
            .collect::<Vec<_>>()
            .join(", "),
        Value::Object(o) if field == "grid" => i18n.t_with(
            "history-grid",
            &[
                (
                    "rows",
                    o.get("rows")
                        .cloned()
                        .unwrap_or_default()
                        .to_string()
                        .into(),
                ),
                (
                    "cols",
                    o.get("cols")
                        .cloned()
                        .unwrap_or_default()
                        .to_string()
                        .into(),
                ),
            ],
        ),
        other => other.to_string(),
    };
    if text.chars().count() > 60 {
        format!("{}…", text.chars().take(59).collect::<String>())
    } else {
        text
    }
}
