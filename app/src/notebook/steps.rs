//! The steps of the protocols an entry follows, ticked with a tap at the bench (stored as
//! step states, not as `[x]` typed into the text); each done step says who did it when.

use domain::entry::FollowedProtocol;
use leptos::prelude::*;
use uuid::Uuid;

use super::api::tick_step;
use crate::{error::error_text, i18n::use_i18n};

#[component]
pub(super) fn ProtocolSteps(
    entry_id: String,
    protocols: Vec<FollowedProtocol>,
    /// A draft the person may change; otherwise the steps are shown, not tickable.
    editable: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let state = RwSignal::new(protocols);
    let refused = RwSignal::new(None::<String>);
    let entry_id = StoredValue::new(entry_id);
    let csrf = StoredValue::new(
        crate::session::use_user()
            .map(|u| u.csrf_token)
            .unwrap_or_default(),
    );
    let tick = move |version: Uuid, step: u32, done: bool| {
        leptos::task::spawn_local(async move {
            let now = tick_step(
                entry_id.get_value(),
                version.to_string(),
                step,
                done,
                csrf.get_value(),
            )
            .await;
            match now {
                Ok(protocols) => {
                    refused.set(None);
                    state.set(protocols);
                }
                Err(e) => {
                    refused.set(Some(error_text(&i18n, &e)));
                    // The box shows what is stored, not what was tapped.
                    state.update(|_| ());
                }
            }
        });
    };
    (move || {
        state
            .get()
            .into_iter()
            .map(|p| {
                let version = p.protocol_version_id;
                let title = i18n.t_with(
                    "entry-steps-title",
                    &[("name", p.name.clone().into()), ("version", p.version.into())],
                );
                let steps = p
                    .steps
                    .into_iter()
                    .map(|s| {
                        let checked = s.done.is_some();
                        let step = s.step;
                        let done = s.done.map(|d| {
                            let who = d.by_name.unwrap_or_default();
                            view! {
                                <span class="item-meta step-done" data-testid="step-done">
                                    {move || i18n.t_with("entry-step-done", &[("who", who.clone().into()), ("when", i18n.date_time(d.at).into())])}
                                </span>
                            }
                        });
                        view! {
                            <li class="step" class:done=checked data-testid="protocol-step">
                                <label class="tick">
                                    <input type="checkbox" prop:checked=checked disabled=!editable
                                           on:change=move |ev| tick(version, step, event_target_checked(&ev))/>
                                    <span class="step-text">{s.text}</span>
                                </label>
                                {done}
                            </li>
                        }
                    })
                    .collect_view();
                view! {
                    <section class="card protocol-steps" data-testid="protocol-steps">
                        <h2>{title}</h2>
                        <ol class="steps">{steps}</ol>
                        {move || refused.get().map(|why| view! { <p class="notice error" role="alert" data-testid="steps-error">{why}</p> })}
                    </section>
                }
            })
            .collect_view()
    })
    .into_any()
}
