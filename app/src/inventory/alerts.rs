//! The dashboard of what needs attention: expiring lots, low stock, calibrations.

use domain::alert::Alerts;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[cfg(feature = "ssr")]
use crate::session::{database, principal};
use crate::title::PageTitle;
use crate::{error::AppError, i18n::use_i18n, loaded::Loaded};

#[server(prefix = "/api/ui", endpoint = "alert_board", input = leptos::server_fn::codec::GetUrl)]
pub async fn alert_board(days: String) -> Result<Alerts, AppError> {
    let who = principal()?;
    let db = database()?;
    let days = domain::alert::parse_days(Some(&days))?;
    Ok(service::inventory::alerts::alerts(&db.conn, &who.person, days).await?)
}

#[component]
pub fn AlertsPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let days = move || query.with(|p| p.get("days").unwrap_or_else(|| "30".into()));
    let data = Resource::new(days, alert_board);
    view! {
        <section class="page alerts-page">
            <PageTitle key="alerts-title"/>
            <h1>{move || i18n.t("alerts-title")}</h1>
            <form method="get" action="/alerts" class="search">
                <label for="alert-days">{move || i18n.t("alerts-days")}</label>
                <input id="alert-days" name="days" type="number" min="0" max="366" inputmode="numeric" value=days/>
                <button type="submit" class="button">{move || i18n.t("alerts-apply")}</button>
            </form>
            <Loaded data show=|a| view! { <Board alerts=a/> }.into_any()/>
        </section>
    }
}

#[component]
fn Board(alerts: Alerts) -> impl IntoView {
    let i18n = use_i18n();
    let none = move || view! { <p class="empty">{move || i18n.t("alerts-none")}</p> };
    let lots = alerts
        .expiring_lots
        .into_iter()
        .map(|l| {
            let (key, n) = if l.days_left < 0 {
                ("alerts-expired", -l.days_left)
            } else {
                ("alerts-expires-in", l.days_left)
            };
            let class = if l.days_left < 0 { "item overdue" } else { "item" };
            view! {
                <li class=class data-testid="alert-lot">
                    <a class="item-title" href=format!("/lots/{}", l.lot_id)>{l.product_name}</a>
                    <span class="item-meta"><span class="label-code">{l.label_code}</span>" · "{move || i18n.day(l.expires_on)}" · "{move || i18n.t_with(key, &[("days", n.into())])}</span>
                </li>
            }
        })
        .collect::<Vec<_>>();
    let stock = alerts
        .low_stock
        .into_iter()
        .map(|p| {
            let text = format!("{} / {} {}", p.in_stock, p.reorder_level, p.unit);
            view! {
                <li class="item" data-testid="alert-stock">
                    <a class="item-title" href=format!("/products/{}", p.product_id)>{p.product_name}</a>
                    <span class="item-meta">{text}</span>
                </li>
            }
        })
        .collect::<Vec<_>>();
    let calibrations = alerts
        .calibration
        .into_iter()
        .map(|c| {
            let key = format!("calibration-{}", c.state.as_str());
            let class = if c.state.warns() { "item overdue" } else { "item" };
            view! {
                <li class=class data-testid="alert-calibration">
                    <a class="item-title" href=format!("/instruments/{}", c.instrument_id)>{c.name}</a>
                    <span class="item-meta"><span class="label-code">{c.label_code}</span>" · "{move || i18n.t(&key)}{c.calibrated_until.map(|d| format!(" · {d}"))}</span>
                </li>
            }
        })
        .collect::<Vec<_>>();
    let section = move |title: &'static str, rows: Vec<AnyView>| {
        view! {
            <h2>{move || i18n.t(title)}</h2>
            {if rows.is_empty() { none().into_any() } else { view! { <ul class="item-list">{rows}</ul> }.into_any() }}
        }
    };
    view! {
        {section("alerts-expiring", lots.into_iter().map(IntoAny::into_any).collect())}
        {section("alerts-low-stock", stock.into_iter().map(IntoAny::into_any).collect())}
        {section("alerts-calibration", calibrations.into_iter().map(IntoAny::into_any).collect())}
    }
}
