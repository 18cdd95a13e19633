//! The nine GHS hazard pictograms, drawn by the application (no image files, nothing
//! fetched): a red diamond with a black symbol, as on the bottle. Hazards are chosen by
//! tapping pictograms, not by typing codes.

use domain::product::GHS_PICTOGRAMS;
use leptos::prelude::*;

use crate::i18n::use_i18n;

/// The symbol inside the diamond, on a 100 × 100 grid (simplified, recognisable shapes).
fn symbol(code: &str) -> &'static str {
    match code {
        // Exploding bomb.
        "GHS01" => {
            r##"<circle cx="50" cy="60" r="12"/><path d="M50 30v12M33 40l8 8M67 40l-8 8M27 60h11M73 60H62" stroke="#000" stroke-width="4"/>"##
        }
        // Flame.
        "GHS02" => {
            r##"<path d="M50 24c10 14 16 22 13 37-2 9-8 13-13 13-8 0-14-6-13-14 1-8 7-12 7-20 4 6 6 10 6 14 4-8 4-18 0-30z"/><rect x="32" y="75" width="36" height="4"/>"##
        }
        // Flame over circle.
        "GHS03" => {
            r##"<circle cx="50" cy="63" r="11" fill="none" stroke="#000" stroke-width="5"/><path d="M50 24c7 10 10 16 7 24-2 4-12 4-14 0-2-6 3-10 4-16 2 4 3 6 3 8 2-4 2-10 0-16z"/><rect x="32" y="77" width="36" height="4"/>"##
        }
        // Gas cylinder.
        "GHS04" => {
            r##"<rect x="26" y="46" width="46" height="16" rx="8" transform="rotate(-20 50 54)"/><rect x="70" y="38" width="8" height="8" transform="rotate(-20 50 54)"/>"##
        }
        // Corrosion: two tubes pouring on a surface and a hand.
        "GHS05" => {
            r##"<path d="M28 30l7-4 9 15-7 4zM56 30l7-4 9 15-7 4z"/><circle cx="40" cy="53" r="3"/><circle cx="68" cy="53" r="3"/><rect x="26" y="64" width="22" height="6"/><path d="M54 62h22v8H54z"/>"##
        }
        // Skull and crossbones.
        "GHS06" => {
            r##"<path d="M30 58l40 16M70 58L30 74" stroke="#000" stroke-width="6" stroke-linecap="round"/><circle cx="50" cy="40" r="13"/><rect x="43" y="48" width="14" height="9"/><circle cx="45" cy="40" r="3.5" fill="#fff"/><circle cx="55" cy="40" r="3.5" fill="#fff"/>"##
        }
        // Exclamation mark.
        "GHS07" => {
            r##"<rect x="45" y="25" width="10" height="34" rx="3"/><circle cx="50" cy="69" r="6"/>"##
        }
        // Health hazard: a person with a star on the chest.
        "GHS08" => {
            r##"<circle cx="50" cy="28" r="7"/><path d="M36 76l2-32c2-6 22-6 24 0l2 32z"/><path d="M50 48l3 8h8l-6 5 2 8-7-5-7 5 2-8-6-5h8z" fill="#fff"/>"##
        }
        // Environment: a bare tree and a dead fish.
        "GHS09" => {
            r##"<path d="M32 72V40M32 48l-8 10M32 44l8 10M22 72h20" stroke="#000" stroke-width="4" fill="none"/><path d="M48 64c8-8 20-8 26 0-6 8-18 8-26 0zM48 64l-6-6v12z"/>"##
        }
        _ => "",
    }
}

/// The message id naming a pictogram's hazard ("Flammable" / "Inflammable").
pub fn name_key(code: &str) -> String {
    format!("ghs-{}", code.to_lowercase())
}

/// One pictogram, named for screen readers and tooltips in the reader's language.
#[component]
pub fn Pictogram(code: String, #[prop(default = 40)] size: u32) -> impl IntoView {
    let i18n = use_i18n();
    let key = name_key(&code);
    let inner = format!(
        r##"<polygon points="50,3 97,50 50,97 3,50" fill="#fff" stroke="#d00" stroke-width="7" stroke-linejoin="round"/>{}"##,
        symbol(&code)
    );
    view! {
        <span class="ghs" data-code=code.clone() title=move || i18n.t(&key)>
            <svg viewBox="0 0 100 100" width=size height=size role="img" aria-hidden="true" inner_html=inner></svg>
        </span>
    }
}

/// A product's hazards as their pictograms.
#[component]
pub fn Hazards(codes: Vec<String>) -> impl IntoView {
    let i18n = use_i18n();
    let names = codes.clone();
    let label = move || {
        names
            .iter()
            .map(|c| i18n.t(&name_key(c)))
            .collect::<Vec<_>>()
            .join(", ")
    };
    view! {
        <span class="ghs-row" data-testid="product-hazards" role="img" aria-label=label>
            {codes.into_iter().map(|code| view! { <Pictogram code/> }).collect_view()}
        </span>
    }
}

/// The nine pictograms to tick, each with its name; sent as `hazards[]`.
#[component]
pub fn HazardPicker(selected: Vec<String>) -> impl IntoView {
    let i18n = use_i18n();
    let boxes = GHS_PICTOGRAMS
        .iter()
        .map(|code| {
            let id = format!("hazard-{}", code.to_lowercase());
            let key = name_key(code);
            let label_for = id.clone();
            view! {
                <label class="ghs-choice" for=label_for>
                    <input id=id type="checkbox" name="hazards[]" value=*code checked=selected.iter().any(|s| s == code)/>
                    <Pictogram code=code.to_string() size=48/>
                    <span>{move || i18n.t(&key)}</span>
                </label>
            }
        })
        .collect_view();
    view! {
        <fieldset class="ghs-picker" data-testid="hazard-picker">
            <legend>{move || i18n.t("products-hazards")}</legend>
            {boxes}
        </fieldset>
    }
}
