//! The notebook: entries newest first, a page at a time, found by words, tag or what they used; a new
//! entry starts from its title.

use domain::entry::EntrySummary;
use leptos::{form::ActionForm, prelude::*};
use leptos_router::hooks::{use_navigate, use_query_map};

use super::api::{
    entry_list, notebook_choices, notebook_people, CreateEntry, CreateNotebook, WritableNotebooks,
};
use crate::title::PageTitle;
use crate::{
    export::encode,
    form::{FieldMessage, FormMessage, LastError},
    i18n::use_i18n,
    list_search::Pager,
    session::CsrfField,
};

#[component]
pub fn NotebookPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let q = move || query.with(|p| p.get("q").unwrap_or_default());
    let tag = move || query.with(|p| p.get("tag").unwrap_or_default());
    let from = move || query.with(|p| p.get("from").unwrap_or_default());
    let to = move || query.with(|p| p.get("to").unwrap_or_default());
    let author = move || query.with(|p| p.get("author").unwrap_or_default());
    let uses = move || query.with(|p| p.get("uses").unwrap_or_default());
    let flagged = move || query.with(|p| p.get("flagged").unwrap_or_default());
    let notebook = move || query.with(|p| p.get("notebook").unwrap_or_default());
    let after = move || query.with(|p| p.get("after").unwrap_or_default());
    let entries = Resource::new(
        move || {
            (
                q(),
                tag(),
                from(),
                to(),
                author(),
                uses(),
                flagged(),
                notebook(),
                after(),
            )
        },
        |(q, tag, from, to, author, uses, flagged, notebook, after)| {
            entry_list(q, tag, from, to, author, uses, flagged, notebook, after)
        },
    );
    // The list's address with its filters, which the next pages keep.
    let filtered = move || {
        let filters = [
            ("q", q()),
            ("tag", tag()),
            ("from", from()),
            ("to", to()),
            ("author", author()),
            ("uses", uses()),
            ("flagged", flagged()),
            ("notebook", notebook()),
        ]
        .into_iter()
        .map(|(name, value)| format!("{name}={}", encode(&value)))
        .collect::<Vec<_>>();
        format!("/notebook?{}", filters.join("&"))
    };
    let open_notebook = ServerAction::<CreateNotebook>::new();
    let notebooks = Resource::new(
        move || open_notebook.version().get(),
        |_| notebook_choices(),
    );
    let notebook_error: LastError =
        Signal::derive(move || open_notebook.value().get().and_then(|r| r.err()));
    // The notebooks as `<option>`s, the one in `chosen` selected (a filter's choice).
    let options = move |chosen: String| {
        Suspend::new(async move {
            let choices = notebooks.await.map(|c| c.notebooks).unwrap_or_default();
            choices
                .into_iter()
                .map(|n| notebook_option(n, &chosen))
                .collect_view()
        })
    };
    // Where a new entry goes: the person's own notebook first and chosen, listed once by
    // its name; "My notebook" only until it exists (the first entry opens it).
    let destinations = move || {
        Suspend::new(async move {
            let choices = notebooks.await.unwrap_or(WritableNotebooks {
                notebooks: Vec::new(),
                own: None,
            });
            let own = choices.own.map(|id| id.to_string()).unwrap_or_default();
            let mut list = choices.notebooks;
            list.sort_by_key(|n| n.id.to_string() != own);
            let mine = own.is_empty().then(|| {
                view! { <option value="">{move || i18n.t("notebook-own")}</option> }
            });
            view! {
                {mine}
                {list.into_iter().map(|n| notebook_option(n, &own)).collect_view()}
            }
        })
    };
    let people = Resource::new(|| (), |_| notebook_people());
    let create = ServerAction::<CreateEntry>::new();
    let navigate = use_navigate();
    Effect::new(move |_| {
        if let Some(Ok(entry)) = create.value().get() {
            navigate(&format!("/entries/{}", entry.id), Default::default());
        }
    });
    let error: LastError = Signal::derive(move || create.value().get().and_then(|r| r.err()));
    view! {
        <section class="page notebook-page">
            <PageTitle key="notebook-title"/>
            <h1>{move || i18n.t("notebook-title")}</h1>
            <p class="actions"><a class="button" href="/protocols">{move || i18n.t("protocols-title")}</a></p>
            // A viewer writes no entry: no form to be refused by.
            {crate::session::may_add().then(|| view! {
                <ActionForm action=create attr:class="form new-entry" attr:data-testid="new-entry-form">
                    <CsrfField/>
                    <div class="field">
                        <label for="entry-new-title">{move || i18n.t("notebook-new-title")}</label>
                        <input id="entry-new-title" name="title" type="text" maxlength="200" required/>
                        <FieldMessage error field="title" id="entry-new-title-error"/>
                        <FieldMessage error field="team_id" id="entry-new-team-error"/>
                    </div>
                    <div class="field">
                        <label for="entry-new-notebook">{move || i18n.t("notebook-in")}</label>
                        <select id="entry-new-notebook" name="notebook_id">
                            <Transition>{destinations}</Transition>
                        </select>
                        <FieldMessage error field="notebook_id" id="entry-new-notebook-error"/>
                    </div>
                    <FormMessage error/>
                    <button type="submit" class="button primary">{move || i18n.t("notebook-new")}</button>
                </ActionForm>
                <details class="card new-notebook">
                    <summary>{move || i18n.t("notebook-open")}</summary>
                    <ActionForm action=open_notebook attr:class="form" attr:data-testid="new-notebook-form">
                        <CsrfField/>
                        <div class="field">
                            <label for="notebook-name">{move || i18n.t("notebook-name")}</label>
                            <input id="notebook-name" name="name" type="text" maxlength="200" required/>
                            <FieldMessage error=notebook_error field="name" id="notebook-name-error"/>
                        </div>
                        <div class="field">
                            <label for="notebook-project">{move || i18n.t("notebook-project")}</label>
                            <input id="notebook-project" name="project" type="text" maxlength="200"/>
                        </div>
                        <FormMessage error=notebook_error/>
                        <button type="submit" class="button">{move || i18n.t("notebook-open")}</button>
                    </ActionForm>
                </details>
            })}
            <form method="get" action="/notebook" class="search" role="search">
                <label class="visually-hidden" for="entry-search">{move || i18n.t("products-search")}</label>
                <input id="entry-search" name="q" type="search" value=q placeholder=move || i18n.t("notebook-search-hint")/>
                <input name="tag" type="hidden" value=tag/>
                <label class="date-filter">
                    <span>{move || i18n.t("notebook-from")}</span>
                    <input id="entry-from" name="from" type="date" value=from/>
                </label>
                <label class="date-filter">
                    <span>{move || i18n.t("notebook-to")}</span>
                    <input id="entry-to" name="to" type="date" value=to/>
                </label>
                <label class="date-filter">
                    <span>{move || i18n.t("notebook-in")}</span>
                    <select id="entry-notebook" name="notebook">
                        <option value="">{move || i18n.t("notebook-all")}</option>
                        <Transition>{move || options(notebook())}</Transition>
                    </select>
                </label>
                <label class="date-filter">
                    <span>{move || i18n.t("notebook-author")}</span>
                    <select id="entry-author" name="author">
                        <option value="">{move || i18n.t("notebook-anyone")}</option>
                        <Transition>
                            {move || Suspend::new(async move {
                                people.await.unwrap_or_default().into_iter().map(|p| {
                                    let id = p.id.to_string();
                                    let chosen = author() == id;
                                    view! { <option value=id selected=chosen>{p.name}</option> }
                                }).collect_view()
                            })}
                        </Transition>
                    </select>
                </label>
                <label class="date-filter">
                    <span>{move || i18n.t("notebook-uses")}</span>
                    <input id="entry-uses" name="uses" type="text" value=uses autocomplete="off" autocapitalize="characters" spellcheck="false" placeholder="7KQ3-9XZ2"/>
                </label>
                <label class="date-filter check-filter">
                    <input id="entry-flagged" name="flagged" type="checkbox" value="true" checked=move || flagged() == "true"/>
                    <span>{move || i18n.t("notebook-flagged")}</span>
                </label>
                <button type="submit" class="button">{move || i18n.t("products-search")}</button>
            </form>
            <Transition fallback=move || view! { <p class="loading">{i18n.t("loading")}</p> }>
                {move || Suspend::new(async move {
                    match entries.await {
                        Ok(page) => view! {
                            <EntryList list=page.items/>
                            <Pager path=filtered() next=page.next_cursor paged=!after().is_empty()/>
                        }.into_any(),
                        // A refused filter (a label code that names nothing) says which.
                        Err(e) if !e.for_field("uses").is_empty() => view! {
                            <p class="notice error" data-testid="entry-uses-error">{i18n.t("notebook-uses-unknown")}</p>
                        }.into_any(),
                        Err(_) => view! { <p class="notice error">{i18n.t("error-server")}</p> }.into_any(),
                    }
                })}
            </Transition>
            // A notebook chosen in the filter can be shared by those who manage it.
            {move || {
                let chosen = notebook();
                (!chosen.is_empty()).then(|| view! {
                    <crate::sharing::SharingCard kind=domain::kind::Kind::Notebook id=chosen/>
                })
            }}
        </section>
    }
}

#[component]
fn EntryList(list: Vec<EntrySummary>) -> impl IntoView {
    let i18n = use_i18n();
    if list.is_empty() {
        return view! { <p class="empty">{move || i18n.t("notebook-none")}</p> }.into_any();
    }
    let rows = list
        .into_iter()
        .map(|e| {
            let status = format!("entry-status-{}", e.status.as_str());
            let tags = e
                .tags
                .iter()
                .map(|t| view! { <a class="tag" href=format!("/notebook?tag={t}")>{format!("#{t}")}</a> })
                .collect_view();
            view! {
                <li class="item" data-testid="entry-row">
                    <a class="item-title" href=format!("/entries/{}", e.id)>{format!("#{} {}", e.number, e.title)}</a>
                    <span class="item-meta">{move || i18n.day(e.entry_date)}" · "{e.author.unwrap_or_default()}" · "{move || i18n.t(&status)}</span>
                    <span class="tags">{tags}</span>
                    {e.flagged.then(|| view! { <span class="badge warning" data-testid="entry-flagged-badge">{move || i18n.t("entry-flagged")}</span> })}
                </li>
            }
        })
        .collect_view();
    view! { <ul class="item-list">{rows}</ul> }.into_any()
}

/// A notebook as an `<option>`, named with its project; selected when it is `chosen`.
fn notebook_option(n: domain::entry::Notebook, chosen: &str) -> impl IntoView {
    let i18n = use_i18n();
    let id = n.id.to_string();
    let selected = chosen == id;
    view! { <option value=id selected=selected>{move || notebook_label(&i18n, &n)}</option> }
}

/// A notebook's name in the reader's language ("Cahier de Théo" for the name it was
/// opened with), with its project.
pub fn notebook_label(i18n: &crate::i18n::I18n, n: &domain::entry::Notebook) -> String {
    let name = match &n.opened_for {
        Some(owner) => i18n.t_with("notebook-of", &[("name", owner.clone().into())]),
        None => n.name.clone(),
    };
    match &n.project {
        Some(p) => format!("{name} ({p})"),
        None => name,
    }
}
