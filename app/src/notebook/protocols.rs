//! Protocols: the list, writing one, and one protocol's versions — edit the current one
//! (a new version once an entry followed it) or start an entry from a version.

use crate::loaded::Loaded;
use domain::protocol::Protocol;
use leptos::{form::ActionForm, prelude::*};
use leptos_router::hooks::{use_navigate, use_params_map};

#[cfg(feature = "ssr")]
use crate::session::{database, parse_id, principal};
use crate::title::PageTitle;
use crate::{
    error::AppError,
    form::{cleared_after_success, FieldMessage, FormMessage, LastError},
    i18n::use_i18n,
    session::CsrfField,
};

/// Steps typed one per line.
#[cfg(feature = "ssr")]
fn lines(text: &str) -> Vec<String> {
    text.lines().map(str::to_owned).collect()
}

#[server(prefix = "/api/ui", endpoint = "protocol_list", input = leptos::server_fn::codec::GetUrl)]
pub async fn protocol_list() -> Result<Vec<Protocol>, AppError> {
    let who = principal()?;
    let db = database()?;
    Ok(service::notebook::protocols::list(&db.conn, &who.person).await?)
}

#[server(prefix = "/api/ui", endpoint = "create_protocol")]
pub async fn create_protocol(
    name: String,
    steps: String,
    body: String,
    csrf_token: String,
) -> Result<Protocol, AppError> {
    let _ = csrf_token;
    let who = principal()?;
    let db = database()?;
    let new = domain::protocol::NewProtocol {
        name,
        body,
        steps: lines(&steps),
        team_id: None,
    };
    Ok(service::notebook::protocols::create(&db.conn, &who.person, new).await?)
}

#[server(prefix = "/api/ui", endpoint = "protocol_view", input = leptos::server_fn::codec::GetUrl)]
pub async fn protocol_view(id: String) -> Result<Protocol, AppError> {
    let who = principal()?;
    let db = database()?;
    Ok(service::notebook::protocols::get(
        &db.conn,
        &who.person,
        domain::kind::Kind::Protocol.id(&id)?,
    )
    .await?)
}

#[server(prefix = "/api/ui", endpoint = "revise_protocol")]
pub async fn revise_protocol(
    id: String,
    steps: String,
    body: String,
    csrf_token: String,
) -> Result<(), AppError> {
    let _ = csrf_token;
    let who = principal()?;
    let db = database()?;
    let new = domain::protocol::NewProtocolVersion {
        body,
        steps: lines(&steps),
    };
    service::notebook::protocols::revise(
        &db.conn,
        &who.person,
        domain::kind::Kind::Protocol.id(&id)?,
        new,
    )
    .await?;
    Ok(())
}

/// Starts an entry that follows a protocol version, and opens it.
#[server(prefix = "/api/ui", endpoint = "start_from_protocol")]
pub async fn start_from_protocol(
    version_id: String,
    title: String,
    csrf_token: String,
) -> Result<domain::entry::Entry, AppError> {
    let _ = csrf_token;
    let who = principal()?;
    let db = database()?;
    let new = domain::entry::NewEntry {
        title,
        protocol_version_id: Some(parse_id(&version_id, "protocol version")?),
        ..Default::default()
    };
    let entry = service::notebook::entries::create(&db.conn, &who.person, new).await?;
    crate::account::redirect_plain_form(&format!("/entries/{}", entry.id));
    Ok(entry)
}

#[component]
pub fn ProtocolsPage() -> impl IntoView {
    let i18n = use_i18n();
    let create = ServerAction::<CreateProtocol>::new();
    let list = Resource::new(move || create.version().get(), |_| protocol_list());
    let error: LastError = Signal::derive(move || create.value().get().and_then(|r| r.err()));
    let form = cleared_after_success(move || matches!(create.value().get(), Some(Ok(_))));
    view! {
        <section class="page protocols-page">
            <PageTitle key="protocols-title"/>
            <h1>{move || i18n.t("protocols-title")}</h1>
            <Loaded data=list show=move |loaded| match loaded {
                list if list.is_empty() => view! { <p class="empty">{i18n.t("protocols-none")}</p> }.into_any(),
                list => view! {
                    <ul class="item-list">
                        {list.into_iter().map(|p| {
                            let latest = p.versions.last().map(|v| v.version).unwrap_or(1);
                            view! {
                                <li class="item" data-testid="protocol-row">
                                    <a class="item-title" href=format!("/protocols/{}", p.id)>{p.name}</a>
                                    <span class="item-meta">{i18n.t_with("protocols-version", &[("version", (latest as i64).into())])}</span>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any(),
            }/>
            <section class="card" aria-labelledby="new-protocol-title">
                <h2 id="new-protocol-title">{move || i18n.t("protocols-new")}</h2>
                <ActionForm action=create node_ref=form attr:class="form" attr:data-testid="protocol-form">
                    <CsrfField/>
                    <div class="field">
                        <label for="protocol-name">{move || i18n.t("people-name")}</label>
                        <input id="protocol-name" name="name" type="text" maxlength="200" required/>
                        <FieldMessage error field="name" id="protocol-name-error"/>
                    </div>
                    <div class="field">
                        <label for="protocol-steps">{move || i18n.t("protocols-steps")}</label>
                        <textarea id="protocol-steps" name="steps" rows="6"></textarea>
                        <FieldMessage error field="steps" id="protocol-steps-error"/>
                    </div>
                    <div class="field">
                        <label for="protocol-body">{move || i18n.t("protocols-body")}</label>
                        <textarea id="protocol-body" name="body" rows="4"></textarea>
                    </div>
                    <FormMessage error/>
                    <button type="submit" class="button primary">{move || i18n.t("protocols-create")}</button>
                </ActionForm>
            </section>
        </section>
    }
}

#[component]
pub fn ProtocolPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let revise = ServerAction::<ReviseProtocol>::new();
    let start = ServerAction::<StartFromProtocol>::new();
    let navigate = use_navigate();
    Effect::new(move |_| {
        if let Some(Ok(entry)) = start.value().get() {
            navigate(&format!("/entries/{}", entry.id), Default::default());
        }
    });
    let data = Resource::new(
        move || {
            (
                params.with(|p| p.get("id").unwrap_or_default()),
                revise.version().get(),
            )
        },
        |(id, _)| protocol_view(id),
    );
    let error: LastError = Signal::derive(move || revise.value().get().and_then(|r| r.err()));
    view! {
        <section class="page protocol-page">
            <Loaded data show=move |p| {
                let current = p.versions.last().cloned();
                let steps = current.as_ref().map(|v| v.steps.join("\n")).unwrap_or_default();
                let body = current.as_ref().map(|v| v.body.clone()).unwrap_or_default();
                let id = p.id.to_string();
                let shared_id = id.clone();
                let name = p.name.clone();
                let versions: Vec<_> = p.versions.into_iter().rev().collect();
                view! {
                    <p class="crumbs"><a href="/protocols">{i18n.t("protocols-title")}</a></p>
                    <PageTitle thing=name.clone()/>
                    <h1 data-testid="protocol-name">{name.clone()}</h1>
                    {versions.into_iter().map(|v| {
                        let frozen = if v.frozen { i18n.t("protocols-frozen") } else { i18n.t("protocols-editable") };
                        let title = format!("{} (v{})", name, v.version);
                        view! {
                            <section class="card protocol-version" data-testid="protocol-version">
                                <h2>{i18n.t_with("protocols-version", &[("version", (v.version as i64).into())])}" · "{frozen}</h2>
                                <ol>{v.steps.into_iter().map(|s| view! { <li>{s}</li> }).collect_view()}</ol>
                                {(!v.body.is_empty()).then(|| view! { <p class="protocol-text">{v.body}</p> })}
                                <ActionForm action=start attr:class="form inline-start" attr:data-testid="start-entry">
                                    <CsrfField/>
                                    <input type="hidden" name="version_id" value=v.id.to_string()/>
                                    <input type="hidden" name="title" value=title/>
                                    <button type="submit" class="button primary">{i18n.t("protocols-start")}</button>
                                </ActionForm>
                                {v.frozen.then(|| view! { <crate::trace::TraceLink kind=domain::kind::Kind::ProtocolVersion id=v.id.to_string()/> })}
                            </section>
                        }
                    }).collect_view()}
                    <section class="card">
                        <h2>{i18n.t("protocols-revise")}</h2>
                        <p class="hint">{i18n.t("protocols-revise-hint")}</p>
                        <ActionForm action=revise attr:class="form" attr:data-testid="revise-form">
                            <CsrfField/>
                            <input type="hidden" name="id" value=id/>
                            <div class="field">
                                <label for="revise-steps">{i18n.t("protocols-steps")}</label>
                                <textarea id="revise-steps" name="steps" rows="6">{crate::form::in_textarea(steps)}</textarea>
                                <FieldMessage error field="steps" id="revise-steps-error"/>
                            </div>
                            <div class="field">
                                <label for="revise-body">{i18n.t("protocols-body")}</label>
                                <textarea id="revise-body" name="body" rows="4">{crate::form::in_textarea(body)}</textarea>
                            </div>
                            <FormMessage error/>
                            <button type="submit" class="button">{i18n.t("entry-save")}</button>
                        </ActionForm>
                    </section>
                    <crate::sharing::SharingCard kind=domain::kind::Kind::Protocol id=shared_id/>
                }
                .into_any()
            }/>
        </section>
    }
}
