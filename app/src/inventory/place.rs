//! Where a lot or sample is kept: its location and, in a box, its position; and the
//! form that moves it (the ledger records each move).

use domain::location::Location;
use leptos::{form::ActionForm, prelude::*};

#[cfg(feature = "ssr")]
use crate::session::{database, principal};
use crate::{
    error::AppError,
    form::{FieldMessage, FormMessage, LastError},
    i18n::use_i18n,
    session::CsrfField,
};

/// Moves a lot or a sample (`kind`) to a location and, in a box, a position.
#[server(prefix = "/api/ui", endpoint = "move_thing")]
pub async fn move_thing(
    kind: String,
    id: String,
    location_id: String,
    position: String,
    csrf_token: String,
) -> Result<(), AppError> {
    let _ = csrf_token;
    let who = principal()?;
    let db = database()?;
    let location = match location_id.trim() {
        "" => None,
        raw => Some(domain::kind::Kind::Location.id(raw)?),
    };
    let position = Some(position.trim().to_owned()).filter(|p| !p.is_empty());
    let kind = domain::kind::Kind::named(&kind)
        .filter(|k| k.is_placed())
        .ok_or_else(|| domain::DomainError::not_found(kind.clone()))?;
    let id = kind.id(&id)?;
    Ok(service::things::place(&db.conn, &who.person, kind, id, location, position).await?)
}

/// The place as text: "Cryo box 1 · B7".
pub fn describe(
    places: &[Location],
    location: Option<uuid::Uuid>,
    position: Option<&str>,
) -> String {
    let name = location
        .and_then(|l| places.iter().find(|p| p.id == l))
        .map(|p| p.name.clone())
        .unwrap_or_default();
    match position {
        Some(p) => format!("{name} · {p}"),
        None => name,
    }
}

/// The places to choose from, a box with its size: "Cryo box 1 (9×9)".
pub fn place_options(places: Vec<Location>, selected: Option<uuid::Uuid>) -> impl IntoView {
    places
        .into_iter()
        .map(|p| {
            let label = match p.grid {
                Some(g) => format!("{} ({}×{})", p.name, g.rows, g.cols),
                None => p.name.clone(),
            };
            view! { <option value=p.id.to_string() selected=Some(p.id) == selected>{label}</option> }
        })
        .collect_view()
}

#[component]
pub fn PlaceForm(
    kind: domain::kind::Kind,
    id: String,
    places: Vec<Location>,
    location: Option<uuid::Uuid>,
    position: Option<String>,
    action: ServerAction<MoveThing>,
) -> impl IntoView {
    let i18n = use_i18n();
    let error: LastError = Signal::derive(move || action.value().get().and_then(|r| r.err()));
    let options = place_options(places, location);
    view! {
        <section class="card" aria-labelledby="place-title">
            <h2 id="place-title">{move || i18n.t("place-move")}</h2>
            <ActionForm action attr:class="form" attr:data-testid="place-form">
                <CsrfField/>
                <input type="hidden" name="kind" value=kind.as_str()/>
                <input type="hidden" name="id" value=id/>
                <div class="field">
                    <label for="place-location">{move || i18n.t("place-location")}</label>
                    <select id="place-location" name="location_id">
                        <option value="" selected=location.is_none()>{move || i18n.t("place-nowhere")}</option>
                        {options}
                    </select>
                    <FieldMessage error field="location_id" id="place-location-error"/>
                </div>
                <div class="field">
                    <label for="place-position">{move || i18n.t("place-position")}</label>
                    <input id="place-position" name="position" type="text" autocapitalize="characters" autocomplete="off" placeholder="B7" value=position.unwrap_or_default()/>
                    <FieldMessage error field="position" id="place-position-error"/>
                </div>
                <FormMessage error/>
                <button type="submit" class="button primary">{move || i18n.t("place-submit")}</button>
            </ActionForm>
        </section>
    }
}
