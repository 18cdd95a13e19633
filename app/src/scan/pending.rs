//! What waits for a tap on the scan page: the "add to entry" card (the usage read, its
//! amount and warnings) and the "move here" card (a thing read before the page ran).

use domain::kind::Kind;
use leptos::prelude::*;

use super::api::{MovePlace, ScanMove};
use crate::{
    i18n::use_i18n,
    notebook::usage_form::{UseCard, UseFields},
    session::CsrfField,
};

/// The addition waiting for a tap: what was read, the amount and unit, what will remain,
/// the warnings; "Add" records it. Before the page runs in the browser it is a plain
/// form to the same server function.
#[component]
pub(super) fn PendingUse(
    preview: domain::bench::UsePreview,
    fields: UseFields,
    entry: String,
    code: String,
    on_add: impl Fn() + Copy + Send + Sync + 'static,
    on_cancel: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    use leptos::server_fn::ServerFn;
    let i18n = use_i18n();
    let p = StoredValue::new(preview.clone());
    // Before the page runs in the browser the plain form must stay usable: the server
    // checks what the button would have.
    let hydrated = RwSignal::new(false);
    Effect::new(move |_| hydrated.set(true));
    let ready = move || !hydrated.get() || p.with_value(|p| fields.ready(p));
    let back = format!("/scan?mode=entry&entry={entry}");
    let action_url = <crate::notebook::api::AddUsageByCode as ServerFn>::url();
    view! {
        <form method="post" action=action_url class="card pending-use" data-testid="pending-use"
              on:submit=move |ev: leptos::ev::SubmitEvent| { ev.prevent_default(); on_add(); }>
            <h2>{move || i18n.t("scan-pending")}</h2>
            <CsrfField/>
            <input type="hidden" name="entry_id" value=entry/>
            <input type="hidden" name="code" value=code/>
            <input type="hidden" name="started_at" value=""/>
            <input type="hidden" name="ended_at" value=""/>
            <input type="hidden" name="back" value=back/>
            {(preview.kind != Kind::Sample).then(|| view! { <input type="hidden" name="role" value="input"/> })}
            <UseCard preview fields prefix="scan"/>
            <div class="actions">
                <button type="submit" class="button primary big" data-testid="pending-add" disabled=move || !ready()>{move || i18n.t("scan-add-pending")}</button>
                <button type="button" class="button" data-testid="pending-cancel" on:click=move |_| on_cancel()>{move || i18n.t("use-cancel")}</button>
            </div>
        </form>
    }
    .into_any()
}

/// A thing read in "move here" mode before the page ran in the browser, waiting for the
/// tap that moves it (a GET never changes anything). A plain form until then.
#[component]
pub(super) fn PendingMove(
    place: MovePlace,
    code: String,
    position: RwSignal<String>,
    on_move: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    use leptos::server_fn::ServerFn;
    let i18n = use_i18n();
    let action_url = <ScanMove as ServerFn>::url();
    let back = format!("/scan?mode=move&to={}", place.id);
    let free = place.next_free.clone().unwrap_or_default();
    view! {
        <form method="post" action=action_url class="card pending-use" data-testid="pending-move"
              on:submit=move |ev: leptos::ev::SubmitEvent| { ev.prevent_default(); on_move(); }>
            <h2>{move || i18n.t_with("scan-pending-move", &[("place", place.name.clone().into())])}</h2>
            <CsrfField/>
            <input type="hidden" name="code" value=code.clone()/>
            <input type="hidden" name="location_id" value=place.id.to_string()/>
            <input type="hidden" name="back" value=back/>
            <p><span class="label-code">{code}</span></p>
            {place.is_box.then(|| view! {
                <div class="field">
                    <label for="pending-position">{move || i18n.t("scan-position")}</label>
                    <input id="pending-position" name="position" type="text" autocomplete="off" value=free.clone()
                           prop:value=move || { let typed = position.get(); if typed.is_empty() { free.clone() } else { typed } }
                           on:input=move |ev| position.set(event_target_value(&ev))/>
                </div>
            })}
            <button type="submit" class="button primary big" data-testid="pending-move-button">{move || i18n.t("scan-move-pending")}</button>
        </form>
    }
    .into_any()
}
