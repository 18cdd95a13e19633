//! The "Shared with other teams" card every shareable thing's page ends with, for those
//! who manage the thing (its team's managers, its creator, admins): the teams it is
//! shared with, how, and a form to share it with another team or stop.

use domain::{
    access::{Share, ShareAccess},
    kind::Kind,
    person::Team,
};
use leptos::{form::ActionForm, prelude::*};
use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
use crate::session::{database, parse_id, principal};
use crate::{
    error::AppError,
    form::{FieldMessage, FormMessage, LastError},
    i18n::use_i18n,
    session::CsrfField,
};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sharing {
    pub shares: Vec<Share>,
    /// Teams it may be shared with (all but the owner).
    pub teams: Vec<Team>,
}

/// The kind named `raw` among those that can be shared.
#[cfg(feature = "ssr")]
fn shareable(raw: &str) -> Result<Kind, AppError> {
    Ok(Kind::parse_among(
        "kind",
        raw,
        &service::things::sharing::SHAREABLE,
    )?)
}

/// With whom the thing is shared, for those who may share it; `None` for anyone else
/// (their page shows no card).
#[server(prefix = "/api/ui", endpoint = "sharing_of", input = leptos::server_fn::codec::GetUrl)]
pub async fn sharing_of(kind: String, id: String) -> Result<Option<Sharing>, AppError> {
    let who = principal()?;
    let db = database()?;
    let kind = shareable(&kind)?;
    let id = kind.id(&id)?;
    let shared = match service::things::sharing::of(&db.conn, &who.person, kind, id).await {
        Ok(shared) => shared,
        Err(service::ServiceError::Domain(domain::DomainError::Forbidden { .. })) => {
            return Ok(None)
        }
        Err(e) => return Err(e.into()),
    };
    let teams = service::accounts::teams::all(&db.conn)
        .await?
        .into_iter()
        .filter(|t| t.id != shared.owner)
        .collect();
    Ok(Some(Sharing {
        shares: shared.shares,
        teams,
    }))
}

/// Shares a thing with a team (`access` is `read` or `write`), or changes how.
/// `csrf_token` is checked by the server's middleware before this runs.
#[server(prefix = "/api/ui", endpoint = "share_thing")]
pub async fn share_thing(
    kind: String,
    id: String,
    team_id: String,
    access: String,
    csrf_token: String,
) -> Result<Share, AppError> {
    let _ = csrf_token;
    let who = principal()?;
    let db = database()?;
    let kind = shareable(&kind)?;
    let id = kind.id(&id)?;
    let team_id = uuid::Uuid::parse_str(team_id.trim())
        .map_err(|_| domain::DomainError::invalid("team_id", "not_found", "no such team"))?;
    let how = ShareAccess::parse(&access)?;
    Ok(service::things::sharing::set(&db.conn, &who.person, kind, id, team_id, how).await?)
}

#[server(prefix = "/api/ui", endpoint = "unshare_thing")]
pub async fn unshare_thing(
    kind: String,
    id: String,
    team_id: String,
    csrf_token: String,
) -> Result<(), AppError> {
    let _ = csrf_token;
    let who = principal()?;
    let db = database()?;
    let kind = shareable(&kind)?;
    let id = kind.id(&id)?;
    let team_id = parse_id(&team_id, "share")?;
    Ok(service::things::sharing::remove(&db.conn, &who.person, kind, id, team_id).await?)
}

/// The sharing card of one thing of `kind`, shown only to those who may share it.
#[component]
pub fn SharingCard(kind: Kind, #[prop(into)] id: String) -> impl IntoView {
    let share = ServerAction::<ShareThing>::new();
    let unshare = ServerAction::<UnshareThing>::new();
    let thing = id.clone();
    let sharing = Resource::new(
        move || share.version().get() + unshare.version().get(),
        move |_| sharing_of(kind.as_str().to_owned(), thing.clone()),
    );
    view! {
        <Transition fallback=|| ()>
            {move || {
                let id = id.clone();
                Suspend::new(async move {
                    sharing
                        .await
                        .ok()
                        .flatten()
                        .map(|sharing| view! { <Card kind id sharing share unshare/> })
                })
            }}
        </Transition>
    }
}

#[component]
fn Card(
    kind: Kind,
    id: String,
    sharing: Sharing,
    share: ServerAction<ShareThing>,
    unshare: ServerAction<UnshareThing>,
) -> impl IntoView {
    let i18n = use_i18n();
    let error: LastError = Signal::derive(move || {
        share
            .value()
            .get()
            .and_then(|r| r.err())
            .or_else(|| unshare.value().get().and_then(|r| r.err()))
    });
    let rows = sharing
        .shares
        .into_iter()
        .map(|s| view! { <ShareRow kind id=id.clone() share=s unshare/> })
        .collect_view();
    let options = sharing
        .teams
        .into_iter()
        .map(|t| view! { <option value=t.id.to_string()>{t.name}</option> })
        .collect_view();
    view! {
        <section class="card" aria-labelledby="sharing-title" data-testid="sharing">
            <h2 id="sharing-title">{move || i18n.t("sharing-title")}</h2>
            <p class="intro">{move || i18n.t("sharing-intro")}</p>
            <ul class="item-list" data-testid="shares">{rows}</ul>
            <ActionForm action=share attr:class="form" attr:data-testid="share-form">
                <CsrfField/>
                <input type="hidden" name="kind" value=kind.as_str()/>
                <input type="hidden" name="id" value=id.clone()/>
                <div class="field">
                    <label for="share-team">{move || i18n.t("sharing-team")}</label>
                    <select id="share-team" name="team_id">{options}</select>
                    <FieldMessage error field="team_id" id="share-team-error"/>
                </div>
                <div class="field">
                    <label for="share-access">{move || i18n.t("sharing-access")}</label>
                    <select id="share-access" name="access">
                        <option value="read">{move || i18n.t("sharing-read")}</option>
                        <option value="write">{move || i18n.t("sharing-write")}</option>
                    </select>
                </div>
                <FormMessage error/>
                <button type="submit" class="button primary">{move || i18n.t("sharing-submit")}</button>
            </ActionForm>
        </section>
    }
}

#[component]
fn ShareRow(
    kind: Kind,
    id: String,
    share: Share,
    unshare: ServerAction<UnshareThing>,
) -> impl IntoView {
    let i18n = use_i18n();
    let how = match share.access {
        ShareAccess::Read => "sharing-read",
        ShareAccess::Write => "sharing-write",
    };
    view! {
        <li class="item" data-testid="share-row">
            <span class="item-title">{share.team_name}</span>
            <span class="item-meta">{move || i18n.t(how)}</span>
            <ActionForm action=unshare attr:class="inline-form">
                <CsrfField/>
                <input type="hidden" name="kind" value=kind.as_str()/>
                <input type="hidden" name="id" value=id/>
                <input type="hidden" name="team_id" value=share.team_id.to_string()/>
                <button type="submit" class="button">{move || i18n.t("sharing-stop")}</button>
            </ActionForm>
        </li>
    }
}
