//! `/trace/{kind}/{id}`: the graph, the table, the exports and the recall action for one
//! thing; `/trace`: start from a typed or scanned label code.

use domain::trace::{Direction, FlagOutcome, NodeKind, Trace};
use leptos::{form::ActionForm, prelude::*};
use leptos_router::hooks::{use_params_map, use_query_map};

use super::{
    api::{trace_code, trace_view, MarkAffected},
    graph::TraceGraph,
};
use crate::loaded::Loaded;
use crate::title::PageTitle;
use crate::{
    form::{FieldMessage, FormMessage, LastError},
    i18n::use_i18n,
    session::CsrfField,
};

/// The "Trace" button of a thing's page.
#[component]
pub fn TraceLink(kind: domain::kind::Kind, id: String) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <a class="button" href=format!("/trace/{}/{id}", kind.as_str()) data-testid="trace-link">{move || i18n.t("trace-button")}</a>
    }
}

/// Which way a kind is traced by default: back from results, forward from what feeds them.
fn default_direction(kind: &str) -> &'static str {
    match NodeKind::parse(kind) {
        Ok(NodeKind::Entry | NodeKind::Sample) => "backward",
        _ => "forward",
    }
}

#[component]
pub fn TracePage() -> impl IntoView {
    let params = use_params_map();
    let kind = move || params.with(|p| p.get("kind").unwrap_or_default());
    let id = move || params.with(|p| p.get("id").unwrap_or_default());
    view! {
        <section class="page trace-page">
            {move || view! { <TraceView kind=kind() id=id()/> }}
        </section>
    }
}

/// `/trace`: type or scan a label code to trace its lot, sample or instrument.
#[component]
pub fn TraceStartPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let code = move || query.with(|q| q.get("code").unwrap_or_default());
    let found = Resource::new(code, |code| async move {
        if code.trim().is_empty() {
            None
        } else {
            Some(trace_code(code).await)
        }
    });
    view! {
        <section class="page trace-page">
            <PageTitle key="trace-title"/>
            <PageTitle key="trace-title"/>
        <h1>{move || i18n.t("trace-title")}</h1>
            <p class="hint">{move || i18n.t("trace-start-hint")}</p>
            <form method="get" action="/trace" class="search" role="search">
                <label class="visually-hidden" for="trace-code">{move || i18n.t("usage-code")}</label>
                <input id="trace-code" name="code" type="text" value=code autocomplete="off" autocapitalize="characters" spellcheck="false" placeholder="7KQ3-9XZ2" autofocus/>
                <button type="submit" class="button primary">{move || i18n.t("trace-button")}</button>
            </form>
            <Transition>
                {move || Suspend::new(async move {
                    match found.await {
                        None => ().into_any(),
                        Some(Ok((kind, id))) => view! { <TraceView kind id/> }.into_any(),
                        Some(Err(_)) => view! { <p class="notice error" data-testid="trace-code-error">{i18n.t("notebook-uses-unknown")}</p> }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}

/// The trace of one thing with its controls, graph, table, exports and recall form.
#[component]
fn TraceView(kind: String, id: String) -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let fallback = default_direction(&kind);
    let direction = move || {
        query
            .with(|q| q.get("direction"))
            .filter(|d| !d.is_empty())
            .unwrap_or_else(|| fallback.to_owned())
    };
    let from = move || query.with(|q| q.get("from").unwrap_or_default());
    let to = move || query.with(|q| q.get("to").unwrap_or_default());
    let (k, i) = (kind.clone(), id.clone());
    // Marking entries shows at once: their flags are warnings of the trace.
    let mark = ServerAction::<MarkAffected>::new();
    let trace = Resource::new(
        move || {
            (
                k.clone(),
                i.clone(),
                direction(),
                from(),
                to(),
                mark.version().get(),
            )
        },
        |(kind, id, direction, from, to, _)| trace_view(kind, id, direction, from, to),
    );
    let node = NodeKind::parse(&kind).ok();
    let windowed = matches!(node, Some(NodeKind::Instrument | NodeKind::Person));
    let recallable = matches!(
        node,
        Some(NodeKind::Lot | NodeKind::Sample | NodeKind::Instrument)
    );
    let base = format!("/trace/{kind}/{id}");
    let api = format!("/api/v1/trace/{kind}/{id}");
    let export = move |format: &str| {
        format!(
            "{api}?direction={}&from={}&to={}&format={format}",
            direction(),
            from(),
            to()
        )
    };
    let export = StoredValue::new(export);
    let b1 = base.clone();
    let b2 = base.clone();
    view! {
        <h1>{move || i18n.t("trace-title")}</h1>
        <nav class="trace-controls" aria-label=move || i18n.t("trace-direction")>
            <a class="button" class:primary=move || direction() == "backward" href=move || format!("{b1}?direction=backward") data-testid="trace-backward">{move || i18n.t("trace-backward")}</a>
            <a class="button" class:primary=move || direction() == "forward" href=move || format!("{b2}?direction=forward") data-testid="trace-forward">{move || i18n.t("trace-forward")}</a>
        </nav>
        {windowed.then(|| view! {
            <form method="get" action=base.clone() class="search trace-window">
                <input type="hidden" name="direction" value="forward"/>
                <label class="date-filter"><span>{move || i18n.t("notebook-from")}</span><input name="from" type="date" value=move || from().get(..10).unwrap_or_default().to_owned()/></label>
                <label class="date-filter"><span>{move || i18n.t("notebook-to")}</span><input name="to" type="date" value=move || to().get(..10).unwrap_or_default().to_owned()/></label>
                <button type="submit" class="button">{move || i18n.t("trace-window")}</button>
            </form>
        })}
        <Loaded data=trace show=move |t| view! {
            <TraceSummary trace=t.clone()/>
            <p class="actions exports">
                <a class="button" href=export.with_value(|e| e("json")) data-testid="trace-export-json">"JSON"</a>
                <a class="button" href=export.with_value(|e| e("csv")) data-testid="trace-export-csv">"CSV"</a>
                <a class="button" href=export.with_value(|e| e("prov")) data-testid="trace-export-prov">"W3C PROV"</a>
            </p>
            <TraceGraph trace=t.clone()/>
            <TraceTable trace=t/>
        }.into_any()/>
        {recallable.then(|| view! { <RecallForm kind=kind.clone() id=id.clone() windowed mark/> })}
    }
}

#[component]
fn TraceSummary(trace: Trace) -> impl IntoView {
    let i18n = use_i18n();
    let start = trace
        .node(&trace.start)
        .map(|n| super::notices::caption(&i18n, n))
        .unwrap_or_default();
    let key = match trace.direction {
        Direction::Backward => "trace-summary-backward",
        Direction::Forward => "trace-summary-forward",
    };
    let nodes = trace.nodes.len() as i64 - 1;
    let restricted = trace.restricted as i64;
    let warned = trace.nodes.iter().filter(|n| !n.notices.is_empty()).count() as i64;
    view! {
        <p class="trace-summary" data-testid="trace-summary">
            {move || i18n.t_with(key, &[("start", start.clone().into()), ("count", nodes.into())])}
            {(restricted > 0).then(|| view! { " " {move || i18n.t_with("trace-restricted", &[("count", restricted.into())])} })}
            {(warned > 0).then(|| view! { " " <strong class="warning-text">{move || i18n.t_with("trace-warnings", &[("count", warned.into())])}</strong> })}
        </p>
    }
}

/// Rows the table shows at most; the CSV export has them all.
const TABLE_ROWS: usize = 1_000;

/// The same result as a table: what a tablet reader scrolls, what a screen reader reads.
#[component]
fn TraceTable(trace: Trace) -> impl IntoView {
    let i18n = use_i18n();
    let paths = trace.paths();
    let captions: Vec<String> = trace
        .nodes
        .iter()
        .map(|n| super::notices::caption(&i18n, n))
        .collect();
    let more = trace.nodes.len().saturating_sub(TABLE_ROWS);
    let rows = trace
        .nodes
        .iter()
        .enumerate()
        .take(TABLE_ROWS)
        .map(|(i, n)| {
            let kind = format!("trace-kind-{}", n.kind.as_str());
            let details = [
                n.supplier.clone(),
                n.supplier_lot
                    .clone()
                    .map(|l| i18n.t_with("trace-detail-lot", &[("lot", l.into())])),
                n.expires_on.map(|d| {
                    let day = i18n.day(d);
                    i18n.t_with("trace-detail-expiry", &[("date", day.into())])
                }),
            ]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" · ");
            let path = Trace::path_text(&paths, &captions, i, " › ");
            let notices = n.notices.clone();
            let name = if n.restricted {
                view! { <em>{move || i18n.t("samples-restricted")}</em> }.into_any()
            } else {
                view! { <a href=n.kind.link(&n.id)>{n.name.clone().unwrap_or_default()}</a> }.into_any()
            };
            view! {
                <tr data-testid="trace-row" class:warning=!n.notices.is_empty()>
                    <td data-label=move || i18n.t("usage-what")>{move || i18n.t(&kind)}</td>
                    <td data-label=move || i18n.t("usage-code")><span class="label-code">{n.label_code.clone().unwrap_or_default()}</span></td>
                    <td data-label=move || i18n.t("usage-name")>{name}</td>
                    <td data-label=move || i18n.t("trace-depth")>{n.depth}</td>
                    <td data-label=move || i18n.t("usage-details")>{details}</td>
                    <td class="usage-warning" data-label=move || i18n.t("usage-warning")>{move || super::notices::all(&i18n, &notices)}</td>
                    <td class="path" data-label=move || i18n.t("trace-path")>{path}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-scroll">
            <table class="trace-table" data-testid="trace-table">
                <thead><tr>
                    <th>{move || i18n.t("usage-what")}</th><th>{move || i18n.t("usage-code")}</th><th>{move || i18n.t("usage-name")}</th>
                    <th>{move || i18n.t("trace-depth")}</th><th>{move || i18n.t("usage-details")}</th><th>{move || i18n.t("usage-warning")}</th><th>{move || i18n.t("trace-path")}</th>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
        {(more > 0).then(|| view! {
            <p class="hint" data-testid="trace-table-more">{move || i18n.t_with("trace-table-more", &[("count", (more as i64).into())])}</p>
        })}
    }
}

/// "Mark affected": flags every entry downstream with the reason.
#[component]
fn RecallForm(
    kind: String,
    id: String,
    windowed: bool,
    mark: ServerAction<MarkAffected>,
) -> impl IntoView {
    let i18n = use_i18n();
    let error: LastError = Signal::derive(move || mark.value().get().and_then(|r| r.err()));
    let done = move || match mark.value().get() {
        Some(Ok(FlagOutcome {
            flagged,
            restricted,
            ..
        })) => Some(i18n.t_with(
            "trace-marked",
            &[
                ("count", (flagged as i64).into()),
                ("restricted", (restricted as i64).into()),
            ],
        )),
        _ => None,
    };
    view! {
        <section class="card recall" aria-labelledby="recall-title">
            <h2 id="recall-title">{move || i18n.t("trace-recall")}</h2>
            <p class="hint">{move || i18n.t("trace-recall-hint")}</p>
            <ActionForm action=mark attr:class="form" attr:data-testid="recall-form">
                <CsrfField/>
                <input type="hidden" name="kind" value=kind/>
                <input type="hidden" name="id" value=id/>
                <div class="field">
                    <label for="recall-reason">{move || i18n.t("trace-reason")}</label>
                    <input id="recall-reason" name="reason" type="text" maxlength="500" required/>
                    <FieldMessage error field="reason" id="recall-reason-error"/>
                </div>
                {if windowed {
                    view! {
                        <div class="field-row">
                            <div class="field">
                                <label for="recall-from">{move || i18n.t("notebook-from")}</label>
                                <input id="recall-from" name="from" type="date"/>
                                <FieldMessage error field="from" id="recall-from-error"/>
                            </div>
                            <div class="field">
                                <label for="recall-to">{move || i18n.t("notebook-to")}</label>
                                <input id="recall-to" name="to" type="date"/>
                                <FieldMessage error field="to" id="recall-to-error"/>
                            </div>
                        </div>
                    }.into_any()
                } else {
                    view! { <input type="hidden" name="from" value=""/><input type="hidden" name="to" value=""/> }.into_any()
                }}
                <FormMessage error/>
                <button type="submit" class="button danger">{move || i18n.t("trace-mark")}</button>
            </ActionForm>
            {move || done().map(|text| view! { <p class="notice" role="status" data-testid="recall-done">{text}</p> })}
        </section>
    }
}
