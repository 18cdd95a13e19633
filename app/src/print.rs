//! Printing labels: the print dialog (`/print?codes=…`), reached from any thing's page
//! (one label) or from a list (the ticked ones). It shows what each code will print and
//! a preview of the labels as they will come out, and hands over a PDF sheet or ZPL.
//! Also the notice a thing's page shows when it was opened by a retired label.

use domain::{label::LabelTarget, FieldError};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use serde::{Deserialize, Serialize};

use crate::loaded::Loaded;
use crate::title::PageTitle;
use crate::{error::AppError, export::encode, i18n::use_i18n};

/// A sheet preset as the dialog offers it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Preset {
    pub name: String,
    pub columns: u32,
    pub rows: u32,
    pub label_mm: (f32, f32),
}

/// What the dialog needs: the presets, and each asked code checked and named.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LabelsToPrint {
    pub presets: Vec<Preset>,
    pub labels: Vec<LabelTarget>,
    /// Codes refused, by place (`codes[2]`): invalid, or nothing this person may see.
    pub refused: Vec<FieldError>,
}

#[server(prefix = "/api/ui", endpoint = "print_plan", input = leptos::server_fn::codec::GetUrl)]
pub async fn print_plan(codes: String) -> Result<LabelsToPrint, AppError> {
    let codes = codes_of(vec![codes]);
    // The same limit as the sheet it prepares: each code is looked up.
    if codes.len() > service::inventory::label_codes::MAX_PRINT {
        return Err(domain::DomainError::invalid(
            "codes",
            "too_many",
            format!(
                "at most {} labels at a time",
                service::inventory::label_codes::MAX_PRINT
            ),
        )
        .into());
    }
    let who = crate::session::principal()?;
    let db = crate::session::database()?;
    let presets = labels::pdf::Template::PRESETS
        .iter()
        .map(|t| {
            let g = t.geometry();
            Preset {
                name: t.name().to_owned(),
                columns: g.columns,
                rows: g.rows,
                label_mm: (g.label.width, g.label.height),
            }
        })
        .collect();
    let mut labels = Vec::new();
    let mut refused = Vec::new();
    for (i, raw) in codes.iter().enumerate() {
        let field = format!("codes[{i}]");
        match ::labels::LabelCode::parse(raw) {
            Err(e) => refused.push(FieldError::new(field, "invalid", e.to_string())),
            Ok(code) => {
                match service::things::labels::resolve(&db.conn, &who.person, &code).await {
                    Ok(target) => labels.push(target),
                    Err(service::ServiceError::Domain(domain::DomainError::NotFound {
                        ..
                    })) => refused.push(FieldError::new(field, "not_found", "no such label")),
                    Err(e) => return Err(e.into()),
                }
            }
        }
    }
    Ok(LabelsToPrint {
        presets,
        labels,
        refused,
    })
}

/// Codes as the dialog receives them: repeated `codes` (ticked in a list) and/or one
/// text with codes separated by commas, semicolons or lines.
fn codes_of(values: Vec<String>) -> Vec<String> {
    values
        .iter()
        .flat_map(|v| v.split([',', ';', '\n', '\r']))
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .map(str::to_owned)
        .collect()
}

#[component]
pub fn PrintPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let codes = move || codes_of(query.with(|q| q.get_all("codes").unwrap_or_default()));
    let param = move |key: &'static str, default: &'static str| {
        move || {
            query
                .with(|q| q.get(key))
                .filter(|v| !v.trim().is_empty())
                .unwrap_or_else(|| default.to_owned())
        }
    };
    let template = param("template", "avery-l7651");
    let start = param("start", "1");
    let output = param("output", "sheet");
    let width = param("width_mm", "50");
    let height = param("height_mm", "25");
    let dpi = param("dpi", "203");
    let plan = Resource::new(move || codes().join("\n"), print_plan);
    view! {
        <section class="page print-page">
            <PageTitle key="print-title"/>
            <h1>{move || i18n.t("print-title")}</h1>
            <Loaded data=plan show=move |plan| {
                let (template, start, output) = (template(), start(), output());
                let (width, height, dpi) = (width(), height(), dpi());
                let good: Vec<String> = plan.labels.iter().map(|l| l.label_code.clone()).collect();
                let joined = encode(&good.join(","));
                let download = if output == "zpl" {
                    format!("/api/v1/labels/labels.zpl?codes={joined}&dpi={}&width_mm={}&height_mm={}", encode(&dpi), encode(&width), encode(&height))
                } else {
                    format!("/api/v1/labels/sheet.pdf?codes={joined}&template={}&start={}", encode(&template), encode(&start))
                };
                let size = if output == "zpl" {
                    format!("width_mm={}&height_mm={}", encode(&width), encode(&height))
                } else {
                    format!("template={}", encode(&template))
                };
                let preset = plan.presets.iter().find(|p| p.name == template).cloned();
                let start_at: usize = start.trim().parse().unwrap_or(1);
                view! {
                    <form method="get" action="/print" class="form print-form" data-testid="print-form">
                        <div class="field">
                            <label for="print-codes">{i18n.t("print-codes")}</label>
                            <textarea id="print-codes" name="codes" rows="3">{crate::form::in_textarea(codes().join("\n"))}</textarea>
                        </div>
                        <div class="field">
                            <label for="print-output">{i18n.t("print-output")}</label>
                            <select id="print-output" name="output">
                                <option value="sheet" selected=output != "zpl">{i18n.t("print-output-sheet")}</option>
                                <option value="zpl" selected=output == "zpl">{i18n.t("print-output-zpl")}</option>
                            </select>
                        </div>
                        <div class="field sheet-only">
                            <label for="print-template">{i18n.t("print-template")}</label>
                            <select id="print-template" name="template">
                                {plan.presets.iter().map(|p| {
                                    let label = format!("{} — {}×{} mm, {}×{}", p.name, p.label_mm.0, p.label_mm.1, p.columns, p.rows);
                                    view! { <option value=p.name.clone() selected=p.name == template>{label}</option> }
                                }).collect_view()}
                            </select>
                        </div>
                        <div class="field sheet-only">
                            <label for="print-start">{i18n.t("print-start")}</label>
                            <input id="print-start" name="start" type="number" min="1" value=start.clone() inputmode="numeric"/>
                        </div>
                        <div class="field zpl-size">
                            <label for="print-width">{i18n.t("print-zpl-size")}</label>
                            <input id="print-width" name="width_mm" type="number" min="5" max="300" step="0.1" value=width.clone()/>
                            <input id="print-height" name="height_mm" type="number" min="5" max="300" step="0.1" value=height.clone() aria-label=i18n.t("print-zpl-height")/>
                            <select id="print-dpi" name="dpi" aria-label=i18n.t("print-zpl-dpi")>
                                <option value="203" selected=dpi != "300">"203 dpi"</option>
                                <option value="300" selected=dpi == "300">"300 dpi"</option>
                            </select>
                        </div>
                        <button type="submit" class="button">{i18n.t("print-preview")}</button>
                    </form>
                    {(!plan.refused.is_empty()).then(|| view! {
                        <ul class="notice error" data-testid="print-refused">
                            {plan.refused.iter().map(|e| view! { <li>{format!("{}: {}", e.field, e.message)}</li> }).collect_view()}
                        </ul>
                    })}
                    {if plan.labels.is_empty() {
                        view! { <p class="empty">{i18n.t("print-none")}</p> }.into_any()
                    } else {
                        view! {
                            {(output != "zpl").then(|| preset.map(|p| view! { <SheetMap preset=p start=start_at count=good.len()/> }))}
                            <div class="label-previews" data-testid="print-previews">
                                {plan.labels.iter().take(12).map(|l| view! {
                                    <figure class="label-preview">
                                        <img src=format!("/api/v1/labels/{}/preview.svg?{size}", l.label_code) alt=format!("{} {}", l.label_code, l.name)/>
                                    </figure>
                                }).collect_view()}
                            </div>
                            <p class="print-count">{i18n.t_with("print-count", &[("count", (good.len() as i64).into())])}</p>
                            <a class="button primary" href=download download="" data-testid="print-download">{i18n.t(if output == "zpl" { "print-download-zpl" } else { "print-download-pdf" })}</a>
                        }.into_any()
                    }}
                }
                .into_any()
            }/>
        </section>
    }
}

/// Which positions of the sheet the labels take, from the start position on (the ones
/// before it stay blank, for a partly used sheet); further sheets are counted.
#[component]
fn SheetMap(preset: Preset, start: usize, count: usize) -> impl IntoView {
    let i18n = use_i18n();
    let per_page = (preset.columns * preset.rows) as usize;
    let first = start.clamp(1, per_page.max(1)) - 1;
    let pages = (first + count).div_ceil(per_page.max(1));
    let rows = (0..preset.rows as usize)
        .map(|r| {
            let cells = (0..preset.columns as usize)
                .map(|c| {
                    let slot = r * preset.columns as usize + c;
                    let used = slot >= first && slot < first + count;
                    view! { <td class="sheet-cell" class:used=used></td> }
                })
                .collect_view();
            view! { <tr>{cells}</tr> }
        })
        .collect_view();
    view! {
        <figure class="sheet-map" data-testid="sheet-map">
            <table aria-hidden="true"><tbody>{rows}</tbody></table>
            <figcaption>{move || i18n.t_with("print-sheets", &[("count", (pages as i64).into())])}</figcaption>
        </figure>
    }
}

/// "Print label" from a thing's page.
#[component]
pub fn PrintLink(code: String) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <a class="button" href=format!("/print?codes={}", encode(&code)) data-testid="print-link">{move || i18n.t("print-label")}</a>
    }
}

/// Shown on a thing's page opened by a retired label (`?relabelled=CODE`).
#[component]
pub fn RelabelledNotice(current: String) -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    move || {
        query.with(|q| q.get("relabelled")).map(|old| {
            let text = i18n.t_with(
                "label-relabelled",
                &[("old", old.into()), ("current", current.clone().into())],
            );
            view! { <p class="notice" role="status" data-testid="relabelled-notice">{text}</p> }
        })
    }
}

/// A list whose items can be ticked and printed together: a GET form to the dialog.
#[component]
pub fn PrintableList(
    children: Children,
    /// The list's own class (`item-list`, or `tree` for the locations).
    #[prop(default = "item-list")]
    list_class: &'static str,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <form method="get" action="/print" class="printable-list">
            <ul class=list_class>{children()}</ul>
            <button type="submit" class="button" data-testid="print-selected">{move || i18n.t("print-selected")}</button>
        </form>
    }
}

/// The tick box of one item of a [`PrintableList`].
#[component]
pub fn PrintTick(code: String) -> impl IntoView {
    let i18n = use_i18n();
    let label = code.clone();
    view! {
        <label class="tick-target">
            <input type="checkbox" class="print-tick" name="codes" value=code aria-label=move || format!("{} {label}", i18n.t("print-label"))/>
        </label>
    }
}
