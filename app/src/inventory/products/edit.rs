//! Correcting a product from its page: its name, kind, CAS number, supplier, reorder
//! level, and its hazards ticked as GHS pictograms. Audited like any change.

use domain::product::{Product, ProductKind};
use leptos::{form::ActionForm, prelude::*};

use super::{api::UpdateProduct, ghs::HazardPicker};
use crate::{
    form::{FieldMessage, FormMessage, LastError},
    i18n::use_i18n,
    session::CsrfField,
};

#[component]
pub fn ProductEditForm(product: Product, update: ServerAction<UpdateProduct>) -> impl IntoView {
    let i18n = use_i18n();
    let error: LastError = Signal::derive(move || update.value().get().and_then(|r| r.err()));
    let kinds = ProductKind::ALL
        .iter()
        .map(|&k| {
            let key = format!("kind-{}", k.as_str());
            view! { <option value=k.as_str() selected=k == product.kind>{move || i18n.t(&key)}</option> }
        })
        .collect_view();
    let level = product
        .reorder_level
        .map(|l| i18n.amount(l))
        .unwrap_or_default();
    view! {
        <details class="card edit-product" data-testid="product-edit">
            <summary><h2>{move || i18n.t("products-edit")}</h2></summary>
            <ActionForm action=update attr:class="form" attr:data-testid="product-edit-form">
                <CsrfField/>
                <input type="hidden" name="id" value=product.id.to_string()/>
                <div class="field">
                    <label for="edit-name">{move || i18n.t("people-name")}</label>
                    <input id="edit-name" name="name" type="text" maxlength="200" required value=product.name.clone()/>
                    <FieldMessage error field="name" id="edit-name-error"/>
                </div>
                <div class="field">
                    <label for="edit-kind">{move || i18n.t("products-kind")}</label>
                    <select id="edit-kind" name="kind">{kinds}</select>
                </div>
                <div class="field">
                    <label for="edit-cas">{move || i18n.t("products-cas")}</label>
                    <input id="edit-cas" name="cas" type="text" inputmode="numeric" value=product.cas.clone().unwrap_or_default()/>
                    <FieldMessage error field="cas" id="edit-cas-error"/>
                </div>
                <div class="field">
                    <label for="edit-supplier">{move || i18n.t("products-supplier")}</label>
                    <input id="edit-supplier" name="supplier" type="text" maxlength="200" value=product.supplier.clone().unwrap_or_default()/>
                    <FieldMessage error field="supplier" id="edit-supplier-error"/>
                </div>
                <div class="field">
                    <label for="edit-catalog">{move || i18n.t("products-catalog-number")}</label>
                    <input id="edit-catalog" name="catalog_number" type="text" maxlength="200" value=product.catalog_number.clone().unwrap_or_default()/>
                    <FieldMessage error field="catalog_number" id="edit-catalog-error"/>
                </div>
                <div class="field-row">
                    <div class="field">
                        <label for="edit-reorder">{move || i18n.t("products-reorder-level")}</label>
                        <input id="edit-reorder" name="reorder_level" type="text" inputmode="decimal" value=level/>
                        <FieldMessage error field="reorder_level" id="edit-reorder-error"/>
                    </div>
                    <div class="field">
                        <label for="edit-reorder-unit">{move || i18n.t("lots-unit")}</label>
                        <input id="edit-reorder-unit" name="reorder_unit" type="text" value=product.reorder_unit.clone().unwrap_or_default()/>
                        <FieldMessage error field="reorder_unit" id="edit-reorder-unit-error"/>
                    </div>
                </div>
                <HazardPicker selected=product.hazards.clone()/>
                <FieldMessage error field="hazards" id="edit-hazards-error"/>
                <FormMessage error/>
                <button type="submit" class="button primary">{move || i18n.t("products-save")}</button>
            </ActionForm>
        </details>
    }
    .into_any()
}
