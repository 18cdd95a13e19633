//! One entry: the draft editor (kept on the device as it is typed, so nothing typed is
//! lost to a dropped connection or a closed tab), the rendered text, the materials and
//! equipment it used (added by typing or scanning a label code), its files, comments and
//! every revision with what it changed.

use domain::{
    diff::Change,
    entry::{Contributor, Entry, EntryStatus, Usage, UsageKind},
};
use leptos::{form::ActionForm, html, prelude::*};
use leptos_router::hooks::use_params_map;

use super::{
    api::{
        entry_view, AddComment, AddContributor, AddUsageByCode, EntryPageData, RemoveContributor,
        RemoveUsage, RevisionView, SaveEntry,
    },
    draft::{self, LocalDraft},
    usage_form::AddUsageForm,
};
use crate::loaded::Loaded;
use crate::title::PageTitle;
use crate::{
    attachment::{AttachmentLink, LiveUpload, UploadError, UploadForm},
    form::{cleared_after_success, FieldMessage, FormMessage, LastError},
    i18n::use_i18n,
    session::CsrfField,
};

#[component]
pub fn EntryPage() -> impl IntoView {
    let params = use_params_map();
    let save = ServerAction::<SaveEntry>::new();
    let add = ServerAction::<AddUsageByCode>::new();
    let remove = ServerAction::<RemoveUsage>::new();
    let comment = ServerAction::<AddComment>::new();
    let people = People {
        add: ServerAction::<AddContributor>::new(),
        remove: ServerAction::<RemoveContributor>::new(),
    };
    let data = Resource::new(
        move || {
            (
                params.with(|p| p.get("id").unwrap_or_default()),
                save.version().get()
                    + add.version().get()
                    + remove.version().get()
                    + comment.version().get()
                    + people.add.version().get()
                    + people.remove.version().get(),
            )
        },
        |(id, _)| entry_view(id),
    );
    view! {
        <section class="page entry-page">
            <Loaded data show=move |view| view! { <EntryBody view save add remove comment people/> }.into_any()/>
        </section>
    }
}

#[component]
fn EntryBody(
    view: EntryPageData,
    save: ServerAction<SaveEntry>,
    add: ServerAction<AddUsageByCode>,
    remove: ServerAction<RemoveUsage>,
    comment: ServerAction<AddComment>,
    people: People,
) -> impl IntoView {
    let i18n = use_i18n();
    let e = view.entry;
    let draft = e.status == EntryStatus::Draft;
    let status = format!("entry-status-{}", e.status.as_str());
    let id = e.id.to_string();
    let revision_count = view.revisions.len() as i64;
    // Kept here, not refetched with the entry: a file sent from the page joins the list
    // and the text being typed stays as it is.
    let attachments = RwSignal::new(view.attachments);
    let files = move || {
        attachments
            .get()
            .into_iter()
            .map(|a| {
                let image = a.content_type.starts_with("image/");
                let thumb = format!("/api/v1/attachments/{}/thumbnail", a.id);
                let full = format!("/api/v1/attachments/{}", a.id);
                let name = a.filename.clone();
                if image {
                    view! {
                        <figure class="entry-image" data-testid="entry-image">
                            <a href=full.clone() target="_blank" rel="noopener"><img src=thumb alt=name.clone()/></a>
                            <figcaption>{name.clone()}</figcaption>
                            // What to put in the text to show the image there.
                            <code class="embed" title=move || i18n.t("entry-embed")>{format!("![{name}]({full})")}</code>
                        </figure>
                    }
                    .into_any()
                } else {
                    view! { <p class="entry-file"><AttachmentLink attachment=a/></p> }.into_any()
                }
            })
            .collect_view()
    };
    let live = LiveUpload {
        api: format!("/api/v1/entries/{id}/attachments"),
        done: Callback::new(move |a| attachments.update(|list| list.push(a))),
    };
    view! {
        <p class="crumbs"><a href="/notebook">{move || view.notebook.as_ref().map(|n| super::list::notebook_label(&i18n, n)).unwrap_or_default()}</a></p>
        <PageTitle thing=format!("#{} {}", e.number, e.title)/>
        <h1 data-testid="entry-title">{format!("#{} {}", e.number, e.title)}</h1>
        {(!e.flags.is_empty()).then(|| view! {
            <div class="notice error" role="alert" data-testid="entry-flags">
                <strong>{move || i18n.t("entry-flagged")}</strong>
                <ul>{e.flags.iter().map(|f| {
                    let at = f.created_at;
                    view! {
                        <li data-testid="entry-flag">{format!(
                            "{} — {} {} · {} · ",
                            f.reason,
                            f.source_kind,
                            f.source_label_code.clone().unwrap_or_default(),
                            f.flagged_by.clone().unwrap_or_default(),
                        )}{move || i18n.date(at)}</li>
                    }
                }).collect_view()}</ul>
            </div>
        })}
        <p class="actions"><crate::trace::TraceLink kind=domain::kind::Kind::Entry id=id.clone()/></p>
        <dl class="facts">
            <dt>{move || i18n.t("entry-date")}</dt><dd>{move || i18n.day(e.entry_date)}</dd>
            <dt>{move || i18n.t("entry-author")}</dt><dd>{e.author.clone().unwrap_or_default()}</dd>
            <dt>{move || i18n.t("entry-status")}</dt><dd data-testid="entry-status">{move || i18n.t(&status)}</dd>
            <dt>{move || i18n.t("entry-revision")}</dt>
            <dd data-testid="entry-revision"><span title=e.content_sha256.clone()>{format!("{} · SHA-256 {}…", e.revision, &e.content_sha256[..12.min(e.content_sha256.len())])}</span></dd>
        </dl>
        <Contributors entry_id=id.clone() contributors=e.contributors.clone() draft people/>
        {(!e.protocols.is_empty()).then(|| view! {
            <super::steps::ProtocolSteps entry_id=id.clone() protocols=e.protocols.clone() editable=draft && crate::session::may_add()/>
        })}
        {draft.then(|| view! { <Editor entry=e.clone() save/> })}
        <article class="entry-body" data-testid="entry-body" inner_html=e.body_html.clone()></article>
        <h2>{move || i18n.t("entry-materials")}</h2>
        <Materials entry_id=id.clone() usages=e.usages.clone() draft remove/>
        {draft.then(|| view! { <AddUsageForm entry_id=id.clone() add/> })}
        <h2>{move || i18n.t("entry-files")}</h2>
        <div class="entry-files" data-testid="entry-files">{files}</div>
        {draft.then(|| view! {
            <UploadError/>
            <UploadForm action=format!("/forms/entries/{id}/attachments") accept="image/*" label="entry-photo" testid="entry-photo-form" camera=true live=live.clone()/>
            <UploadForm action=format!("/forms/entries/{id}/attachments") accept="image/*,application/pdf,text/csv,.csv,.txt" label="entry-attach" testid="entry-attach-form" live=live.clone()/>
        })}
        <h2>{move || i18n.t("entry-comments")}</h2>
        <Comments entry_id=e.id.to_string() comments=view.comments comment/>
        <crate::sharing::SharingCard kind=domain::kind::Kind::Entry id=e.id.to_string()/>
        <details class="revisions" data-testid="revisions">
            <summary>{move || i18n.t_with("entry-revisions", &[("count", revision_count.into())])}</summary>
            {view.revisions.into_iter().map(|r| view! { <RevisionItem r/> }).collect_view()}
        </details>
    }
}

/// One saved revision: who saved it when, its hash, and what it changed.
#[component]
fn RevisionItem(r: RevisionView) -> impl IntoView {
    let i18n = use_i18n();
    let title_now = r.title.clone();
    let tags_now = r.tags.join(", ");
    let date_now = r.entry_date;
    let body = r
        .body_changes
        .into_iter()
        .map(|l| {
            let (class, mark) = match l.change {
                Change::Added => ("added", "+ "),
                Change::Removed => ("removed", "- "),
                Change::Same => ("same", "  "),
                Change::Omitted => {
                    let count: i64 = l.text.parse().unwrap_or_default();
                    return view! { <span class="omitted">{move || format!("  … {}\n", i18n.t_with("entry-diff-omitted", &[("count", count.into())]))}</span> }.into_any();
                }
            };
            view! { <span class=class>{format!("{mark}{}\n", l.text)}</span> }.into_any()
        })
        .collect_view();
    view! {
        <section class="revision" data-testid="revision">
            <h3>{move || format!("{} · {} · {}", r.revision, i18n.date_time(r.saved_at), r.saved_by.as_deref().unwrap_or_default())}</h3>
            <p class="sha">{format!("SHA-256 {}", r.sha256)}</p>
            <ul class="changes">
                {r.title_before.map(|before| view! {
                    <li data-testid="revision-title-change">{move || i18n.t("entry-title")}": "<del>{before}</del>" → "<ins>{title_now}</ins></li>
                })}
                {r.tags_before.map(|before| view! {
                    <li data-testid="revision-tags-change">{move || i18n.t("entry-tags")}": "<del>{before.join(", ")}</del>" → "<ins>{tags_now}</ins></li>
                })}
                {r.date_before.map(|before| view! {
                    <li>{move || i18n.t("entry-date")}": "<del>{move || i18n.day(before)}</del>" → "<ins>{move || i18n.day(date_now)}</ins></li>
                })}
            </ul>
            <pre class="diff">{body}</pre>
        </section>
    }
    // Erased: the entry page's view type is otherwise too deep for the compiler.
    .into_any()
}

/// The server actions that change who contributed.
#[derive(Clone, Copy)]
struct People {
    add: ServerAction<AddContributor>,
    remove: ServerAction<RemoveContributor>,
}

/// Who did what besides the author; on a draft, people are added by e-mail with a role
/// and taken off again.
#[component]
fn Contributors(
    entry_id: String,
    contributors: Vec<Contributor>,
    draft: bool,
    people: People,
) -> impl IntoView {
    let i18n = use_i18n();
    let error: LastError = Signal::derive(move || {
        people
            .add
            .value()
            .get()
            .and_then(|r| r.err())
            .or_else(|| people.remove.value().get().and_then(|r| r.err()))
    });
    let form = cleared_after_success(move || matches!(people.add.value().get(), Some(Ok(_))));
    let list = contributors
        .into_iter()
        .map(|c| {
            let entry_id = entry_id.clone();
            view! {
                <li data-testid="contributor">
                    <span><a href=format!("/trace/person/{}", c.person_id)>{c.name.clone()}</a>{format!(" · {}", c.role)}</span>
                    {draft.then(|| view! {
                        <ActionForm action=people.remove attr:class="inline-form">
                            <CsrfField/>
                            <input type="hidden" name="entry_id" value=entry_id/>
                            <input type="hidden" name="person_id" value=c.person_id.to_string()/>
                            <input type="hidden" name="role" value=c.role.clone()/>
                            <button type="submit" class="button link">{move || i18n.t("entry-remove-usage")}</button>
                        </ActionForm>
                    })}
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="contributors" aria-labelledby="contributors-title">
            <h2 id="contributors-title">{move || i18n.t("entry-contributors")}</h2>
            <ul class="contributor-list" data-testid="contributors">{list}</ul>
            {draft.then(|| view! {
                <ActionForm action=people.add node_ref=form attr:class="form field-row" attr:data-testid="contributor-form">
                    <CsrfField/>
                    <input type="hidden" name="entry_id" value=entry_id.clone()/>
                    <div class="field">
                        <label for="contributor-email">{move || i18n.t("entry-contributor-email")}</label>
                        <input id="contributor-email" name="email" type="email" required autocomplete="off"/>
                        <FieldMessage error field="contributors[0].email" id="contributor-email-error"/>
                    </div>
                    <div class="field">
                        <label for="contributor-role">{move || i18n.t("entry-contributor-role")}</label>
                        <input id="contributor-role" name="role" type="text" list="contributor-roles" required/>
                        <datalist id="contributor-roles">
                            <option value="designed"/>
                            <option value="performed"/>
                            <option value="analysed"/>
                            <option value="supervised"/>
                        </datalist>
                        <FieldMessage error field="contributors[0].role" id="contributor-role-error"/>
                    </div>
                    <FormMessage error/>
                    <button type="submit" class="button">{move || i18n.t("entry-contributor-add")}</button>
                </ActionForm>
            })}
        </section>
    }
}

/// The draft's fields. Everything typed is kept on the device at once; a newer local
/// copy than the saved text is offered back when the page opens again.
#[component]
fn Editor(entry: Entry, save: ServerAction<SaveEntry>) -> impl IntoView {
    let i18n = use_i18n();
    let error: LastError = Signal::derive(move || save.value().get().and_then(|r| r.err()));
    let id = entry.id.to_string();
    let title = NodeRef::<html::Input>::new();
    let tags = NodeRef::<html::Input>::new();
    let date = NodeRef::<html::Input>::new();
    let body = NodeRef::<html::Textarea>::new();
    let saved = LocalDraft {
        title: entry.title.clone(),
        body: entry.body.clone(),
        tags: entry.tags.join(", "),
        entry_date: entry.entry_date.to_string(),
    };
    let offered = RwSignal::new(None::<LocalDraft>);
    let key = StoredValue::new(id.clone());
    let current = move || LocalDraft {
        title: title.get().map(|f| f.value()).unwrap_or_default(),
        body: body.get().map(|f| f.value()).unwrap_or_default(),
        tags: tags.get().map(|f| f.value()).unwrap_or_default(),
        entry_date: date.get().map(|f| f.value()).unwrap_or_default(),
    };
    // After hydration: offer back what was typed here and never saved.
    let saved_copy = saved.clone();
    Effect::new(move |_| {
        if let Some(local) = draft::load(&key.get_value()) {
            if local != saved_copy {
                offered.set(Some(local));
            } else {
                draft::clear(&key.get_value());
            }
        }
    });
    Effect::new(move |_| {
        if matches!(save.value().get(), Some(Ok(_))) {
            draft::clear(&key.get_value());
        }
    });
    let restore = move |_| {
        if let Some(local) = offered.get_untracked() {
            if let (Some(t), Some(b), Some(g), Some(d)) =
                (title.get(), body.get(), tags.get(), date.get())
            {
                t.set_value(&local.title);
                b.set_value(&local.body);
                g.set_value(&local.tags);
                d.set_value(&local.entry_date);
            }
        }
        offered.set(None);
    };
    let discard = move |_| {
        draft::clear(&key.get_value());
        offered.set(None);
    };
    view! {
        {move || offered.get().is_some().then(|| view! {
            <div class="notice" role="status" data-testid="draft-offer">
                <p>{i18n.t("entry-draft-found")}</p>
                <button type="button" class="button primary" on:click=restore data-testid="draft-restore">{i18n.t("entry-draft-restore")}</button>
                <button type="button" class="button" on:click=discard>{i18n.t("entry-draft-discard")}</button>
            </div>
        })}
        <ActionForm action=save attr:class="form entry-editor" attr:data-testid="entry-editor"
            on:input=move |_| draft::store(&key.get_value(), &current())>
            <CsrfField/>
            <input type="hidden" name="id" value=id/>
            <div class="field">
                <label for="entry-title">{move || i18n.t("entry-title")}</label>
                <input id="entry-title" name="title" node_ref=title type="text" maxlength="200" required value=saved.title.clone()/>
                <FieldMessage error field="title" id="entry-title-error"/>
            </div>
            <div class="field">
                <label for="entry-date">{move || i18n.t("entry-date")}</label>
                <input id="entry-date" name="entry_date" node_ref=date type="date" value=saved.entry_date.clone()/>
            </div>
            <div class="field">
                <label for="entry-tags">{move || i18n.t("entry-tags")}</label>
                <input id="entry-tags" name="tags" node_ref=tags type="text" value=saved.tags.clone() placeholder="pcr, gel"/>
                <FieldMessage error field="tags" id="entry-tags-error"/>
            </div>
            <div class="field">
                <label for="entry-text">{move || i18n.t("entry-text")}</label>
                <textarea id="entry-text" name="body" node_ref=body rows="12">{crate::form::in_textarea(saved.body.clone())}</textarea>
                <FieldMessage error field="body" id="entry-text-error"/>
            </div>
            <FormMessage error/>
            <button type="submit" class="button primary" data-testid="entry-save">{move || i18n.t("entry-save")}</button>
        </ActionForm>
    }
}

/// The "Materials and equipment" table: what a reader of a patent file looks at.
#[component]
fn Materials(
    entry_id: String,
    usages: Vec<Usage>,
    draft: bool,
    remove: ServerAction<RemoveUsage>,
) -> impl IntoView {
    let i18n = use_i18n();
    if usages.is_empty() {
        return view! { <p class="empty">{move || i18n.t("entry-no-materials")}</p> }.into_any();
    }
    let rows = usages
        .into_iter()
        .map(|u| {
            let kind = format!("usage-{}", u.kind.as_str());
            let amount = match u.kind {
                UsageKind::Lot => u.quantity.map(|q| {
                    super::usage_form::amount_text(&i18n, &domain::bench::Amount { value: q, unit: u.unit.clone().unwrap_or_default() })
                }),
                UsageKind::Instrument => u.started_at.zip(u.ended_at).map(|(s, e)| {
                    window_text(&i18n, s, e)
                }),
                _ => None,
            };
            // In the reader's language, following a switch of language.
            let (calibration, until) = (u.calibration, u.calibrated_until);
            let (supplier_lot, expires_on) = (u.supplier_lot.clone(), u.expires_on);
            let details = move || {
                // An instrument's calibration over the use, good or bad: what an auditor asks.
                let calibration = calibration.map(|state| {
                    let key = format!("use-calibration-{}", state.as_str());
                    match until {
                        Some(until) => {
                            let day = i18n.day(until);
                            i18n.t_with(&format!("{key}-until"), &[("date", day.into())])
                        }
                        None => i18n.t(&key),
                    }
                });
                [
                    calibration,
                    supplier_lot.clone().map(|l| i18n.t_with("use-supplier-lot", &[("lot", l.into())])),
                    expires_on.map(|d| {
                        let day = i18n.day(d);
                        i18n.t_with("use-expires", &[("date", day.into())])
                    }),
                ]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(" · ")
            };
            let name = if u.restricted { i18n.t("samples-restricted") } else { u.name.clone().unwrap_or_default() };
            // Under the name, where it is seen without scrolling on a tablet; in the
            // reader's language when recorded as codes (older usages kept English text).
            let warned = !u.notices.is_empty() || u.warning.is_some();
            let notices = u.notices.clone();
            let fallback = u.warning.clone().unwrap_or_default();
            let warning = move || {
                if notices.is_empty() {
                    fallback.clone()
                } else {
                    notices.iter().map(|n| super::usage_form::notice_text(&i18n, n)).collect::<Vec<_>>().join(" ")
                }
            };
            let entry_id = entry_id.clone();
            view! {
                <tr data-testid="usage-row" class:warning=warned>
                    <td data-label=move || i18n.t("usage-what")>{move || i18n.t(&kind)}</td>
                    <td data-label=move || i18n.t("usage-code")><span class="label-code">{u.label_code.clone().unwrap_or_default()}</span></td>
                    <td data-label=move || i18n.t("usage-name")>{name}{warned.then(|| view! { <span class="usage-warning" data-testid="usage-warning">"⚠ "{warning}</span> })}</td>
                    <td data-label=move || i18n.t("usage-details")>{details}</td>
                    <td data-label=move || i18n.t("usage-amount")>{amount.unwrap_or_default()}</td>
                    <td>{draft.then(|| view! {
                        <ActionForm action=remove attr:class="inline-form">
                            <CsrfField/>
                            <input type="hidden" name="entry_id" value=entry_id/>
                            <input type="hidden" name="usage_id" value=u.id.to_string()/>
                            <button type="submit" class="button link">{move || i18n.t("entry-remove-usage")}</button>
                        </ActionForm>
                    })}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-scroll">
            <table class="materials" data-testid="materials">
                <thead><tr>
                    <th>{move || i18n.t("usage-what")}</th><th>{move || i18n.t("usage-code")}</th><th>{move || i18n.t("usage-name")}</th>
                    <th>{move || i18n.t("usage-details")}</th><th>{move || i18n.t("usage-amount")}</th><th></th>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
    .into_any()
}

#[component]
fn Comments(
    entry_id: String,
    comments: Vec<domain::entry::Comment>,
    comment: ServerAction<AddComment>,
) -> impl IntoView {
    let i18n = use_i18n();
    let error: LastError = Signal::derive(move || comment.value().get().and_then(|r| r.err()));
    let form = cleared_after_success(move || matches!(comment.value().get(), Some(Ok(_))));
    let list = comments
        .into_iter()
        .map(|c| view! {
            <li class="comment" data-testid="comment">
                <p class="item-meta">{c.author.unwrap_or_default()}" · "{move || i18n.date_time(c.created_at)}</p>
                <p>{c.body}</p>
            </li>
        })
        .collect_view();
    view! {
        <ul class="comments">{list}</ul>
        <ActionForm action=comment node_ref=form attr:class="form" attr:data-testid="comment-form">
            <CsrfField/>
            <input type="hidden" name="entry_id" value=entry_id/>
            <div class="field">
                <label for="comment-body">{move || i18n.t("entry-comment")}</label>
                <textarea id="comment-body" name="body" rows="2" required></textarea>
                <FieldMessage error field="body" id="comment-body-error"/>
            </div>
            <button type="submit" class="button">{move || i18n.t("entry-comment-send")}</button>
        </ActionForm>
    }
}

/// An instrument's use on the installation's clock: "2 mars 2026 à 09:00 – 10:30", the
/// end's day said only when it is another day.
fn window_text(
    i18n: &crate::i18n::I18n,
    from: chrono::DateTime<chrono::Utc>,
    to: chrono::DateTime<chrono::Utc>,
) -> String {
    if i18n.zone.day(from) == i18n.zone.day(to) {
        format!("{} – {}", i18n.date_time(from), i18n.time(to))
    } else {
        format!("{} – {}", i18n.date_time(from), i18n.date_time(to))
    }
}
