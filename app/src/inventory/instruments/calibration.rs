//! The calibration badge, the same wherever an instrument appears.

use domain::instrument::{CalibrationState, Instrument};
use leptos::prelude::*;

use crate::i18n::use_i18n;

#[component]
pub fn CalibrationBadge(instrument: Instrument) -> impl IntoView {
    let i18n = use_i18n();
    let state = instrument.calibration;
    let key = format!("calibration-{}", state.as_str());
    let until = instrument.calibrated_until;
    let class = match state {
        CalibrationState::Lapsed => "badge danger",
        CalibrationState::DueSoon => "badge warning",
        _ => "badge",
    };
    view! {
        <span class=class data-testid="calibration-badge" data-state=state.as_str()>
            {move || i18n.t(&key)}{move || until.map(|d| format!(" · {}", i18n.day(d)))}
        </span>
    }
}
