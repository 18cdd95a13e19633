//! One product: what it is, its lots, and receiving a new lot.

use domain::{
    location::Location,
    lot::Lot,
    quantity::{Dimension, Unit},
};
use leptos::{form::ActionForm, prelude::*};
use leptos_router::hooks::{use_params_map, use_query_map};

use super::{
    api::{product_view, UpdateProduct},
    edit::ProductEditForm,
    ghs::Hazards,
};
use crate::loaded::Loaded;
use crate::title::PageTitle;
use crate::{
    attachment::{AttachmentLink, UploadError, UploadForm},
    form::{cleared_after_success, FieldMessage, FormMessage, LastError},
    history::History,
    i18n::use_i18n,
    inventory::lots::ReceiveLot,
    inventory::place::{describe, place_options},
    list_search::Pager,
    print::{PrintLink, PrintTick, PrintableList},
    session::CsrfField,
};

#[component]
pub fn ProductPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let query = use_query_map();
    // "Receive another like this" (from a lot's page): its unit and place, prefilled.
    let like = move || query.with(|q| q.get("like").unwrap_or_default());
    let after = move || query.with(|q| q.get("after").unwrap_or_default());
    let receive = ServerAction::<ReceiveLot>::new();
    let update = ServerAction::<UpdateProduct>::new();
    // A correction reloads the page once it took; a refused one keeps what was typed.
    let corrected = move || {
        update
            .value()
            .get()
            .and_then(Result::ok)
            .map(|p| p.updated_at)
    };
    let data = Resource::new(
        move || {
            (
                params.with(|p| p.get("id").unwrap_or_default()),
                after(),
                like(),
                receive.version().get(),
                corrected(),
            )
        },
        |(id, after, like, _, _)| product_view(id, after, like),
    );
    view! {
        <section class="page product-page">
            <Loaded data show=move |d| {
                let p = d.product;
                let editable = d.may_write.then(|| p.clone());
                let kind = format!("kind-{}", p.kind.as_str());
                let id = p.id.to_string();
                view! {
                    <PageTitle thing=p.name.clone()/>
                    <h1 data-testid="product-name">{p.name}</h1>
                    <dl class="facts">
                        <dt>{move || i18n.t("products-kind")}</dt><dd>{move || i18n.t(&kind)}</dd>
                        <dt>{move || i18n.t("products-cas")}</dt><dd>{p.cas.unwrap_or_default()}</dd>
                        <dt>{move || i18n.t("products-supplier")}</dt><dd>{p.supplier.unwrap_or_default()}</dd>
                        <dt>{move || i18n.t("products-catalog-number")}</dt><dd>{p.catalog_number.unwrap_or_default()}</dd>
                        <dt>{move || i18n.t("products-hazards")}</dt><dd><Hazards codes=p.hazards.clone()/></dd>
                        <dt>{move || i18n.t("products-reorder-level")}</dt><dd data-testid="product-reorder">{p.reorder_level.map(|l| format!("{l} {}", p.reorder_unit.clone().unwrap_or_default())).unwrap_or_default()}</dd>
                    </dl>
                    <h2>{move || i18n.t("sds-title")}</h2>
                    <p class="sds" data-testid="product-sds">
                        {match d.sds {
                            Some(sds) => view! { <AttachmentLink attachment=sds/> }.into_any(),
                            None => view! { <span class="empty">{move || i18n.t("sds-none")}</span> }.into_any(),
                        }}
                    </p>
                    <UploadError/>
                    <UploadForm action=format!("/forms/products/{id}/sds") accept="application/pdf,image/*" label="sds-upload" testid="sds-form"/>
                    <h2>{move || i18n.t("lots-title")}</h2>
                    <LotList lots=d.lots.items/>
                    <Pager path=format!("/products/{id}?") next=d.lots.next_cursor paged=!after().is_empty()/>
                    <p><a class="button export-link" href=format!("/api/v1/export/lots?product_id={id}") download="" data-testid="export-lots">{move || i18n.t("export-csv")}</a></p>
                    {crate::session::may_add().then(|| view! { <ReceiveForm product_id=id.clone() dimension=d.dimension places=d.places today=d.today like=d.like.clone() receive/> })}
                    {editable.map(|product| view! { <ProductEditForm product update/> })}
                    <crate::sharing::SharingCard kind=domain::kind::Kind::Product id=id.clone()/>
                    <History kind=domain::kind::Kind::Product id refresh=Signal::derive(|| 0)/>
                }
                .into_any()
            }/>
        </section>
    }
}

#[component]
fn LotList(lots: Vec<Lot>) -> impl IntoView {
    let i18n = use_i18n();
    if lots.is_empty() {
        return view! { <p class="empty">{move || i18n.t("lots-none")}</p> }.into_any();
    }
    let rows = lots
        .into_iter()
        .map(|l| {
            let status = format!("status-{}", l.status.as_str());
            let expires = l.expires_on;
            view! {
                <li class="item" data-testid="lot-row">
                    <PrintTick code=l.label_code.clone()/>
                    <a class="item-title" href=format!("/lots/{}", l.id)><span class="label-code">{l.label_code}</span></a>
                    <span class="item-meta" data-testid="lot-quantity">{move || i18n.quantity(l.quantity, &l.unit)}</span>
                    <span class="badge">{move || i18n.t(&status)}</span>
                    {expires.map(|d| view! { <span class="item-meta">{move || i18n.t_with("lots-expires", &[("date", i18n.day(d).into())])}</span> })}
                </li>
            }
        })
        .collect_view();
    view! { <PrintableList>{rows}</PrintableList> }.into_any()
}

/// Receiving a lot: how much and in which of the product's units (no unit is assumed),
/// the day it came (today unless changed), where it goes; then what was received, its
/// label and the step to print it.
#[component]
pub(crate) fn ReceiveForm(
    product_id: String,
    dimension: Option<Dimension>,
    places: Vec<Location>,
    today: chrono::NaiveDate,
    /// An earlier lot to receive another like: its unit and place are prefilled.
    like: Option<Lot>,
    receive: ServerAction<ReceiveLot>,
) -> impl IntoView {
    let i18n = use_i18n();
    let error: LastError = Signal::derive(move || receive.value().get().and_then(|r| r.err()));
    let form = cleared_after_success(move || matches!(receive.value().get(), Some(Ok(_))));
    let dimensions = match dimension {
        Some(d) => vec![d],
        None => vec![
            Dimension::Mass,
            Dimension::Volume,
            Dimension::Amount,
            Dimension::Count,
        ],
    };
    let units = dimensions
        .into_iter()
        .map(|d| {
            let key = format!("dimension-{}", dimension_name(d));
            let options = Unit::of(d)
                .map(|u| {
                    let chosen = like.as_ref().is_some_and(|l| l.unit == u.symbol);
                    view! { <option value=u.symbol selected=chosen>{u.symbol}</option> }
                })
                .collect_view();
            view! { <optgroup label=move || i18n.t(&key)>{options}</optgroup> }
        })
        .collect_view();
    let counted = dimension.map(|d| format!("lots-counted-{}", dimension_name(d)));
    let names = places.clone();
    view! {
        <section class="card" aria-labelledby="receive-title">
            <h2 id="receive-title">{move || i18n.t("lots-receive")}</h2>
            {move || receive.value().get().and_then(|r| r.ok()).map(|lot| view! { <Received lot places=names.clone()/> })}
            <ActionForm action=receive node_ref=form attr:class="form" attr:data-testid="receive-form">
                <CsrfField/>
                <input type="hidden" name="product_id" value=product_id/>
                <div class="field-row">
                    <div class="field">
                        <label for="lot-quantity">{move || i18n.t("lots-quantity")}</label>
                        <input id="lot-quantity" name="quantity" type="text" inputmode="decimal" autocomplete="off" required/>
                        <FieldMessage error field="quantity" id="lot-quantity-error"/>
                    </div>
                    <div class="field">
                        <label for="lot-unit">{move || i18n.t("lots-unit")}</label>
                        <select id="lot-unit" name="unit" required>
                            <option value="">{move || i18n.t("lots-unit-choose")}</option>
                            {units}
                        </select>
                        <FieldMessage error field="unit" id="lot-unit-error"/>
                    </div>
                </div>
                {counted.map(|key| view! { <p class="hint" data-testid="lot-counted">{move || i18n.t(&key)}</p> })}
                <div class="field">
                    <label for="lot-received-on">{move || i18n.t("lots-received-on")}</label>
                    <input id="lot-received-on" name="received_on" type="date" required value=today.to_string()/>
                    <FieldMessage error field="received_on" id="lot-received-on-error"/>
                </div>
                <div class="field">
                    <label for="lot-supplier-lot">{move || i18n.t("lots-supplier-lot")}</label>
                    <input id="lot-supplier-lot" name="supplier_lot" type="text" maxlength="200"/>
                    <FieldMessage error field="supplier_lot" id="lot-supplier-lot-error"/>
                </div>
                <div class="field">
                    <label for="lot-expires">{move || i18n.t("lots-expires-on")}</label>
                    <input id="lot-expires" name="expires_on" type="date"/>
                    <FieldMessage error field="expires_on" id="lot-expires-error"/>
                </div>
                <div class="field-row">
                    <div class="field">
                        <label for="lot-location">{move || i18n.t("place-location")}</label>
                        <select id="lot-location" name="location_id">
                            <option value="">{move || i18n.t("place-nowhere")}</option>
                            {place_options(places, like.as_ref().and_then(|l| l.location_id))}
                        </select>
                        <FieldMessage error field="location_id" id="lot-location-error"/>
                    </div>
                    <div class="field">
                        <label for="lot-position">{move || i18n.t("place-position")}</label>
                        <input id="lot-position" name="position" type="text" autocapitalize="characters" autocomplete="off"/>
                        <FieldMessage error field="position" id="lot-position-error"/>
                    </div>
                </div>
                <FormMessage error/>
                <button type="submit" class="button primary">{move || i18n.t("lots-receive-submit")}</button>
            </ActionForm>
        </section>
    }
    // Erased: the product page's view type is otherwise too deep for the compiler.
    .into_any()
}

/// What was just received, said back: the new lot's code, amount and place, its label,
/// and the step that comes next at the bench — printing the label.
#[component]
fn Received(lot: Lot, places: Vec<Location>) -> impl IntoView {
    let i18n = use_i18n();
    let place = describe(&places, lot.location_id, lot.position.as_deref());
    let code = lot.label_code.clone();
    let (quantity, unit) = (lot.quantity, lot.unit.clone());
    let said = {
        let code = code.clone();
        move || {
            i18n.t_with(
                "lots-received",
                &[
                    ("code", code.clone().into()),
                    ("amount", i18n.quantity(quantity, &unit).into()),
                ],
            )
        }
    };
    view! {
        <div class="notice ok received" role="status" data-testid="received">
            <img class="received-qr" src=format!("/api/v1/labels/{code}/qr.svg") alt=move || i18n.t("lots-received-qr") width="96" height="96"/>
            <div>
                <p><strong>{said}</strong></p>
                {(!place.is_empty()).then(|| view! { <p data-testid="received-place">{place}</p> })}
                <p class="actions">
                    <PrintLink code=code.clone()/>
                    <a class="button" href=format!("/lots/{}", lot.id) data-testid="received-open">{move || i18n.t("lots-received-open")}</a>
                </p>
            </div>
        </div>
    }
}

fn dimension_name(d: Dimension) -> &'static str {
    match d {
        Dimension::Mass => "mass",
        Dimension::Volume => "volume",
        Dimension::Amount => "amount",
        Dimension::Count => "count",
    }
}
