//! The history block every thing's page ends with: who changed what, when.

use crate::loaded::Loaded;
use domain::history::HistoryEntry;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::session::{database, parse_id, principal};
use crate::{error::AppError, i18n::use_i18n};

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
            <Loaded data=entries show=move |list| view! { <Entries list/> }.into_any()/>
        </details>
    }
}

#[component]
fn Entries(list: Vec<HistoryEntry>) -> impl IntoView {
    let i18n = use_i18n();
    let rows = list
        .into_iter()
        .rev()
        .map(|e| {
            let at = e.at;
            let changes = e
                .changes
                .iter()
                .map(|c| format!("{}: {} → {}", c.field, short(&c.before), short(&c.after)))
                .collect::<Vec<_>>()
                .join(" · ");
            view! {
                <li class="item" data-testid="history-row">
                    <span class="item-title">{e.action}</span>
                    <span class="item-meta">{move || i18n.date(at)}" · "{e.by}</span>
                    {(!changes.is_empty()).then(|| view! { <span class="item-meta history-changes">{changes}</span> })}
                </li>
            }
        })
        .collect_view();
    view! { <ul class="item-list">{rows}</ul> }
}

/// A value as one short line: strings bare, absent as a dash, long ones cut.
fn short(v: &serde_json::Value) -> String {
    let text = match v {
        serde_json::Value::Null => "—".to_owned(),
        serde_json::Value::String(s) => s.clone(),
        // Quantities come as floats: 100.0 reads as 100.
        serde_json::Value::Number(n) => match n.as_f64() {
            Some(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", f as i64),
            _ => n.to_string(),
        },
        other => other.to_string(),
    };
    if text.chars().count() > 60 {
        format!("{}…", text.chars().take(59).collect::<String>())
    } else {
        text
    }
}
