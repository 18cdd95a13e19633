//! One location's page: what it is, where, whose; and, for those who manage it, with which
//! other teams it is shared.

use domain::{
    grid::{BoxContents, Grid},
    kind::Kind,
};
use leptos::{form::ActionForm, prelude::*};
use leptos_router::{components::A, hooks::use_params_map};

use super::api::{location_detail, LocationInfo, SetBoxGrid};
use crate::loaded::Loaded;
use crate::sharing::SharingCard;
use crate::title::PageTitle;
use crate::{
    form::{FieldMessage, FormMessage, LastError},
    history::History,
    i18n::use_i18n,
    session::CsrfField,
};

#[component]
pub fn LocationPage() -> impl IntoView {
    let params = use_params_map();
    let set_grid = ServerAction::<SetBoxGrid>::new();
    let detail = Resource::new(
        move || {
            (
                params.with(|p| p.get("id").unwrap_or_default()),
                set_grid.version().get(),
            )
        },
        |(id, _)| location_detail(id),
    );
    view! {
        <section class="page location-page">
            <Loaded data=detail show=move |d| view! { <Detail detail=d set_grid/> }.into_any()/>
        </section>
    }
}

#[component]
fn Detail(detail: LocationInfo, set_grid: ServerAction<SetBoxGrid>) -> impl IntoView {
    let i18n = use_i18n();
    let loc = detail.location;
    let created = loc.created_at;
    let parent = detail.parent.map(|p| {
        let href = format!("/locations/{}", p.id);
        view! { <A href=href>{p.name}</A> }
    });
    let id = loc.id.to_string();
    view! {
        <crate::print::RelabelledNotice current=loc.label_code.clone()/>
        <PageTitle thing=loc.name.clone()/>
        <h1 data-testid="location-name">{loc.name}</h1>
        <p class="actions"><crate::print::PrintLink code=loc.label_code.clone()/></p>
        <dl class="facts">
            <dt>{move || i18n.t("locations-code")}</dt>
            <dd><span class="label-code">{loc.label_code}</span></dd>
            <dt>{move || i18n.t("locations-team")}</dt>
            <dd data-testid="location-team">{detail.team_name}</dd>
            <dt>{move || i18n.t("locations-parent")}</dt>
            <dd>{parent.map(IntoAny::into_any).unwrap_or_else(|| i18n.t("locations-top-level").into_any())}</dd>
            <dt>{move || i18n.t("locations-created")}</dt>
            <dd><time datetime=created.to_rfc3339()>{move || i18n.date(created)}</time></dd>
        </dl>
        <BoxGrid contents=detail.contents.clone()/>
        <super::contents::Contents/>
        {detail.may_write.then(|| view! { <GridForm id=id.clone() grid=detail.contents.grid set_grid/> })}
        <SharingCard kind=Kind::Location id=id.clone()/>
        <History kind=domain::kind::Kind::Location id refresh=Signal::derive(move || set_grid.version().get())/>
    }
}

/// The box drawn as it sits on the bench: rows A…, columns 1…; each occupied cell links
/// to what it holds.
#[component]
fn BoxGrid(contents: BoxContents) -> impl IntoView {
    let i18n = use_i18n();
    let Some(grid) = contents.grid else {
        return ().into_any();
    };
    let header = (1..=grid.cols)
        .map(|c| view! { <th scope="col">{c}</th> })
        .collect_view();
    let rows = (0..grid.rows)
        .map(|r| {
            let label = Grid::row_label(r);
            let cells = (1..=grid.cols)
                .map(|c| {
                    let position = format!("{label}{c}");
                    match contents.cells.iter().find(|cell| cell.position == position) {
                        Some(cell) if !cell.restricted => {
                            let href = cell.id.and_then(|id| cell.kind.page(id)).unwrap_or_default();
                            let title = format!("{position} · {}", cell.name.clone().unwrap_or_default());
                            view! {
                                <td class="cell taken" data-position=position.clone()>
                                    <a href=href title=title>{cell.label_code.clone().unwrap_or_default()}</a>
                                </td>
                            }
                            .into_any()
                        }
                        Some(_) => view! { <td class="cell taken restricted" data-position=position.clone() title=move || i18n.t("samples-restricted")>"■"</td> }.into_any(),
                        None => view! { <td class="cell" data-position=position.clone()></td> }.into_any(),
                    }
                })
                .collect_view();
            view! { <tr><th scope="row">{label.to_string()}</th>{cells}</tr> }
        })
        .collect_view();
    let summary = format!(
        "{} / {}",
        contents.cells.len(),
        usize::from(grid.rows) * usize::from(grid.cols)
    );
    view! {
        <section class="card" aria-labelledby="box-title">
            <h2 id="box-title">{move || i18n.t("boxes-title")}" "<span class="badge" data-testid="box-occupancy">{summary}</span></h2>
            <div class="box-scroll">
                <table class="box-grid" data-testid="box-grid">
                    <thead><tr><th></th>{header}</tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        </section>
    }
    .into_any()
}

#[component]
fn GridForm(id: String, grid: Option<Grid>, set_grid: ServerAction<SetBoxGrid>) -> impl IntoView {
    let i18n = use_i18n();
    let error: LastError = Signal::derive(move || set_grid.value().get().and_then(|r| r.err()));
    let rows = grid.map(|g| g.rows.to_string()).unwrap_or_default();
    let cols = grid.map(|g| g.cols.to_string()).unwrap_or_default();
    view! {
        <section class="card" aria-labelledby="grid-form-title">
            <h2 id="grid-form-title">{move || i18n.t("boxes-grid")}</h2>
            <p class="hint">{move || i18n.t("boxes-grid-hint")}</p>
            <ActionForm action=set_grid attr:class="form" attr:data-testid="grid-form">
                <CsrfField/>
                <input type="hidden" name="location_id" value=id/>
                <div class="field">
                    <label for="grid-rows">{move || i18n.t("boxes-rows")}</label>
                    <input id="grid-rows" name="rows" type="number" min="1" max="26" inputmode="numeric" value=rows/>
                </div>
                <div class="field">
                    <label for="grid-cols">{move || i18n.t("boxes-cols")}</label>
                    <input id="grid-cols" name="cols" type="number" min="1" max="48" inputmode="numeric" value=cols/>
                </div>
                <FieldMessage error field="grid" id="grid-error"/>
                <FormMessage error/>
                <button type="submit" class="button primary">{move || i18n.t("boxes-save")}</button>
            </ActionForm>
        </section>
    }
}
