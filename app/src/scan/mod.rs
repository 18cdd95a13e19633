//! The scan page, the technician's main screen on a tablet: the back camera decodes
//! labels in the browser, and a USB or Bluetooth scanner (a keyboard that types a code
//! and Enter) works at any time through the always-ready code box. Modes:
//! - *open*: go to the thing;
//! - *move here*: scan a location, then each lot or sample to put there;
//! - *receive*: scan each new lot's freshly printed label, to check it reads back to the
//!   right lot before it goes on the shelf;
//! - *add to entry* (opened from a notebook entry): each scanned lot (with the quantity
//!   given above), sample or instrument becomes one of the entry's usages.
//!
//! Without a camera (refused, or none), a photo taken with the device's camera app is
//! decoded on the server; without JavaScript, the code box still opens what it names.

mod api;
#[cfg(feature = "hydrate")]
mod camera;

use domain::{kind::Kind, label::LabelTarget};
use labels::LabelCode;
use leptos::{html, prelude::*};
use leptos_router::hooks::use_query_map;

use crate::{
    error::AppError,
    i18n::use_i18n,
    notebook::{
        api::usage_preview,
        usage_form::{UseCard, UseFields},
    },
    session::CsrfField,
};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    Open,
    Move,
    Receive,
    Entry,
}

impl Mode {
    const ALL: [Mode; 4] = [Mode::Open, Mode::Move, Mode::Receive, Mode::Entry];

    fn as_str(self) -> &'static str {
        match self {
            Mode::Open => "open",
            Mode::Move => "move",
            Mode::Receive => "receive",
            Mode::Entry => "entry",
        }
    }

    fn parse(raw: Option<String>) -> Self {
        Self::ALL
            .into_iter()
            .find(|m| Some(m.as_str()) == raw.as_deref())
            .unwrap_or(Mode::Open)
    }
}

/// One scan and what came of it, newest first on the page.
#[derive(Debug, Clone, PartialEq)]
struct Scanned {
    code: String,
    /// The thing and what was done, or why nothing was.
    outcome: Result<(LabelTarget, String), String>,
}

/// A camera that still sees the label it just read reads it again and again: in "add to
/// entry" mode the same code is ignored while its addition waits for a tap, and until
/// it has been out of view this long after one was added.
#[cfg(feature = "hydrate")]
const OUT_OF_VIEW_MS: f64 = 3000.0;

#[component]
pub fn ScanPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let param = move |name: &str| query.with(|q| q.get(name)).unwrap_or_default();
    let entry = Memo::new(move |_| param("entry"));
    let mode = Memo::new(move |_| match Mode::parse(query.with(|q| q.get("mode"))) {
        // Adding to an entry needs the entry.
        Mode::Entry if entry.get().is_empty() => Mode::Open,
        m => m,
    });
    let status = RwSignal::new(String::new());
    let decode_ms = RwSignal::new(None::<f64>);
    let camera_failed = RwSignal::new(false);
    let scans = RwSignal::new(Vec::<Scanned>::new());
    // Where "move here" puts things (from the URL before the page runs, so a scan made
    // before it hydrated kept its mode), and the code waiting for a tap (entry mode).
    let place_id = RwSignal::new(param("to"));
    let pending = RwSignal::new(param("pending"));
    let position = RwSignal::new(String::new());
    let fields = UseFields::new();
    let video = NodeRef::<html::Video>::new();
    let canvas = NodeRef::<html::Canvas>::new();
    let input = NodeRef::<html::Input>::new();
    // Stored, so the handler below stays `Copy` for the camera and the code box alike.
    let csrf = StoredValue::new(
        crate::session::use_user()
            .map(|u| u.csrf_token)
            .unwrap_or_default(),
    );
    let place = Resource::new(
        move || place_id.get(),
        |id| async move {
            match id.is_empty() {
                true => None,
                false => api::scan_place(id).await.ok(),
            }
        },
    );
    let preview = Resource::new(
        move || (mode.get(), entry.get(), pending.get()),
        |(mode, entry, code)| async move {
            match mode == Mode::Entry && !code.is_empty() {
                true => Some(usage_preview(entry, code, String::new(), String::new()).await),
                false => None,
            }
        },
    );
    // A code read in "receive" mode before the page ran in the browser, read back now.
    let received = Resource::new(
        move || (mode.get(), pending.get()),
        |(mode, code)| async move {
            match mode == Mode::Receive && !code.is_empty() {
                true => Some(api::scan_resolve(code).await),
                false => None,
            }
        },
    );
    // The unit offered by a new preview becomes the field's value.
    Effect::new(move |_| {
        if let Some(Some(Ok(p))) = preview.get() {
            fields.take_preview(&p);
        }
    });
    let push =
        move |code: String, outcome| scans.update(|s| s.insert(0, Scanned { code, outcome }));
    #[cfg(feature = "hydrate")]
    let seen = StoredValue::new(None::<(String, f64)>);

    // What a code does, whether the camera or a scanner read it.
    let handle = move |code: LabelCode, from_camera: bool| {
        let text = code.to_string();
        if mode.get_untracked() == Mode::Entry {
            // One scan adds once: the same label, still in view, is not a new scan.
            if pending.get_untracked() == text {
                return;
            }
            #[cfg(feature = "hydrate")]
            if from_camera {
                let now = js_sys::Date::now();
                let recent = seen.with_value(
                    |s| matches!(s, Some((c, at)) if *c == text && now - at < OUT_OF_VIEW_MS),
                );
                seen.set_value(Some((text.clone(), now)));
                if recent {
                    return;
                }
            }
        }
        let _ = from_camera;
        status.set(i18n.t_with("scan-found", &[("code", text.clone().into())]));
        let csrf = csrf.get_value();
        match mode.get_untracked() {
            Mode::Open => open_page(&code),
            Mode::Entry => {
                fields.clear();
                pending.set(text);
            }
            Mode::Move => leptos::task::spawn_local(async move {
                let found = api::scan_resolve(text.clone()).await;
                let to = place_id.get_untracked();
                match found {
                    Ok(t) if t.kind == Kind::Location => {
                        position.set(String::new());
                        place_id.set(t.id.to_string());
                    }
                    Ok(_) if to.is_empty() => push(text, Err(i18n.t("scan-location-first"))),
                    Ok(_) => {
                        let moved = api::scan_move(
                            text.clone(),
                            to,
                            Some(position.get_untracked()),
                            None,
                            csrf,
                        )
                        .await;
                        position.set(String::new());
                        place.refetch();
                        push(
                            text,
                            moved
                                .map(|m| {
                                    let done = match &m.position {
                                        Some(p) => i18n.t_with(
                                            "scan-moved-to",
                                            &[("position", p.clone().into())],
                                        ),
                                        None => i18n.t("scan-moved"),
                                    };
                                    (m.target, done)
                                })
                                .map_err(|e| error_text(&i18n, &e)),
                        );
                    }
                    Err(e) => push(text, Err(error_text(&i18n, &e))),
                }
            }),
            Mode::Receive => leptos::task::spawn_local(async move {
                let outcome = match api::scan_resolve(text.clone()).await {
                    Ok(t) if t.kind == Kind::Lot => Ok((t, i18n.t("scan-received"))),
                    Ok(_) => Err(i18n.t("scan-not-a-lot")),
                    Err(e) => Err(error_text(&i18n, &e)),
                };
                push(text, outcome);
            }),
        }
    };

    // The pending addition, added on the person's tap only.
    let add = move || {
        let Some(Some(Ok(p))) = preview.get_untracked() else {
            return;
        };
        if !fields.ready(&p) {
            return;
        }
        let code = pending.get_untracked();
        let csrf = csrf.get_value();
        let entry_id = entry.get_untracked();
        leptos::task::spawn_local(async move {
            let added = crate::notebook::api::add_usage_by_code(
                entry_id.clone(),
                code.clone(),
                fields.quantity.get_untracked(),
                fields.unit_for(&p),
                fields.role.get_untracked(),
                String::new(),
                String::new(),
                fields.confirmed.get_untracked().then(|| "true".to_owned()),
                None,
                csrf,
            )
            .await;
            match added {
                Ok(u) => {
                    #[cfg(feature = "hydrate")]
                    seen.set_value(Some((code.clone(), js_sys::Date::now())));
                    pending.set(String::new());
                    let amount = u.quantity.map(|q| {
                        crate::notebook::usage_form::amount_text(
                            &i18n,
                            &domain::bench::Amount {
                                value: q,
                                unit: u.unit.clone().unwrap_or_default(),
                            },
                        )
                    });
                    let target = added_to_entry(&entry_id, &code, u, amount);
                    push(code, Ok((target, i18n.t("scan-added"))));
                }
                Err(e) => status.set(error_text(&i18n, &e)),
            }
        });
    };
    let cancel = move || {
        pending.set(String::new());
        fields.clear();
    };
    // A thing read in "move here" mode before the page ran in the browser: moved on tap.
    let move_pending = move || {
        let code = pending.get_untracked();
        let to = place_id.get_untracked();
        let csrf = csrf.get_value();
        leptos::task::spawn_local(async move {
            let moved =
                api::scan_move(code.clone(), to, Some(position.get_untracked()), None, csrf).await;
            pending.set(String::new());
            position.set(String::new());
            place.refetch();
            push(
                code,
                moved
                    .map(|m| {
                        let done = match &m.position {
                            Some(p) => {
                                i18n.t_with("scan-moved-to", &[("position", p.clone().into())])
                            }
                            None => i18n.t("scan-moved"),
                        };
                        (m.target, done)
                    })
                    .map_err(|e| error_text(&i18n, &e)),
            );
        });
    };

    // Another mode: the label in view is read again, for that mode.
    #[cfg(feature = "hydrate")]
    let epoch = RwSignal::new(0u32);
    #[cfg(feature = "hydrate")]
    Effect::new(move |_| {
        mode.track();
        epoch.update(|e| *e = e.wrapping_add(1));
    });

    // The camera, once the page runs in the browser.
    #[cfg(feature = "hydrate")]
    Effect::new(move |started: Option<bool>| {
        if started == Some(true) {
            return true;
        }
        let (Some(v), Some(c)) = (video.get(), canvas.get()) else {
            return false;
        };
        leptos::task::spawn_local(async move {
            match camera::open(&v).await {
                Ok(stream) => {
                    let watching = camera::watch(
                        v,
                        c,
                        move || epoch.get_untracked(),
                        move |code, ms| {
                            decode_ms.set(Some(ms));
                            handle(code, true);
                        },
                    );
                    let stream = send_wrapper::SendWrapper::new(stream);
                    on_cleanup(move || {
                        if let Some(w) = watching {
                            w.clear();
                        }
                        camera::close(&stream);
                    });
                }
                Err(why) => {
                    camera_failed.set(true);
                    status.set(i18n.t_with("scan-no-camera", &[("why", why.into())]));
                }
            }
        });
        true
    });

    // A scanner types the code and Enter into the box (it keeps the focus). Before the
    // page runs in the browser, the same box is a plain form to `/go`, which carries the
    // mode, the place and the entry.
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        let Some(field) = input.get() else {
            return;
        };
        ev.prevent_default();
        let typed = field.value();
        field.set_value("");
        let _ = field.focus();
        match LabelCode::parse(&typed) {
            Ok(code) => handle(code, false),
            Err(e) => status.set(i18n.t_with("scan-invalid", &[("why", e.to_string().into())])),
        }
    };

    let tabs = Mode::ALL.map(|m| {
        let key = format!("scan-mode-{}", m.as_str());
        let href = move || match m {
            Mode::Entry => format!("/scan?mode=entry&entry={}", entry.get()),
            _ => format!("/scan?mode={}", m.as_str()),
        };
        let shown = move || m != Mode::Entry || !entry.get().is_empty();
        view! {
            <a href=href class="tab" class:active=move || mode.get() == m class:hidden=move || !shown()
               aria-current=move || (mode.get() == m).then_some("page")>{move || i18n.t(&key)}</a>
        }
    });
    let place_now = move || place.get().flatten();
    let hint = move || match mode.get() {
        Mode::Open => i18n.t("scan-hint-open"),
        Mode::Receive => i18n.t("scan-hint-receive"),
        Mode::Entry => i18n.t("scan-hint-entry"),
        Mode::Move => match place_now() {
            None => i18n.t("scan-hint-move"),
            Some(p) => i18n.t_with("scan-hint-move-to", &[("place", p.name.into())]),
        },
    };
    let notice = move || {
        query.with(|q| q.get("photo_error")).map(|code| {
            view! { <p class="notice error" role="alert" data-testid="photo-error">{i18n.t(&format!("scan-photo-error-{code}"))}</p> }
        })
    };
    let scan_error = move || {
        query.with(|q| q.get("scan_error")).map(|code| {
            view! { <p class="notice error" role="alert" data-testid="scan-error">{i18n.t(&format!("scan-error-{code}"))}</p> }
        })
    };
    view! {
        <section class="page scan-page">
            <h1>{move || i18n.t("scan-title")}</h1>
            <nav class="tabs scan-modes" aria-label=move || i18n.t("scan-modes")>{tabs}</nav>
            {scan_error}
            // Inside, so that the place named in the URL is read before the page is sent.
            <Transition fallback=|| ()>
                <p class="scan-hint" data-testid="scan-hint">{hint}</p>
                {move || (mode.get() == Mode::Move).then(|| place_now().filter(|p| p.is_box).map(|p| {
                    let free = p.next_free.clone().unwrap_or_default();
                    view! {
                        <div class="field scan-position">
                            <label for="scan-position">{move || i18n.t("scan-position")}</label>
                            <input id="scan-position" type="text" autocomplete="off" autocapitalize="characters" data-testid="scan-position" value=free.clone()
                                   prop:value=move || { let typed = position.get(); if typed.is_empty() { free.clone() } else { typed } }
                                   on:input=move |ev| position.set(event_target_value(&ev))/>
                            <p class="hint">{move || match &p.next_free {
                                Some(next) => i18n.t_with("scan-position-hint", &[("position", next.clone().into())]),
                                None => i18n.t("scan-box-full"),
                            }}</p>
                        </div>
                    }
                }))}
                {move || (mode.get() == Mode::Move && !pending.get().is_empty()).then(|| place_now().map(|p| view! {
                    <PendingMove place=p code=pending.get_untracked() position on_move=move_pending/>
                }))}
                {move || (mode.get() == Mode::Receive).then(|| received.get().flatten().map(|found| {
                    let code = pending.get_untracked();
                    let outcome = match found {
                        Ok(t) if t.kind == Kind::Lot => Ok((t, i18n.t("scan-received"))),
                        Ok(_) => Err(i18n.t("scan-not-a-lot")),
                        Err(e) => Err(error_text(&i18n, &e)),
                    };
                    view! { <ul class="item-list" data-testid="scan-pending-result"><ScanRow scanned=Scanned { code, outcome }/></ul> }
                }))}
                {move || (mode.get() == Mode::Entry).then(|| preview.get().flatten().map(|found| match found {
                    Ok(p) => view! { <PendingUse preview=p fields entry=entry.get_untracked() code=pending.get_untracked() on_add=add on_cancel=cancel/> }.into_any(),
                    Err(e) => view! { <p class="notice error" role="alert" data-testid="scan-pending-error">{error_text(&i18n, &e)}</p> }.into_any(),
                }))}
            </Transition>
            <form method="get" action="/go" class="search wedge" on:submit=on_submit>
                <input type="hidden" name="mode" value=move || mode.get().as_str()/>
                <input type="hidden" name="entry" value=move || entry.get()/>
                <input type="hidden" name="to" value=move || place_id.get()/>
                <label class="visually-hidden" for="scan-input">{move || i18n.t("scan-code")}</label>
                <input id="scan-input" name="code" node_ref=input type="text" autofocus=true
                       autocomplete="off" autocapitalize="characters" spellcheck="false"
                       placeholder=move || i18n.t("scan-code") data-testid="scan-input"/>
                <button type="submit" class="button">{move || i18n.t("scan-open")}</button>
            </form>
            <p class="scan-status" role="status" data-testid="scan-status"
               data-decode-ms=move || decode_ms.get().map(|ms| format!("{ms:.1}"))>{move || status.get()}</p>
            <ul class="item-list scan-results" data-testid="scan-results">
                {move || scans.get().into_iter().map(|s| view! { <ScanRow scanned=s/> }).collect_view()}
            </ul>
            {move || (mode.get() == Mode::Entry).then(|| view! {
                <p><a class="button" href=format!("/entries/{}", entry.get()) data-testid="back-to-entry">{i18n.t("scan-back-to-entry")}</a></p>
            })}
            <div class="camera" class:hidden=move || camera_failed.get()>
                <video node_ref=video autoplay=true muted=true playsinline=true data-testid="scan-video"></video>
                <canvas node_ref=canvas class="hidden"></canvas>
            </div>
            {notice}
            <details class="photo-fallback" open=move || camera_failed.get()>
                <summary>{move || i18n.t("scan-photo")}</summary>
                <form method="post" enctype="multipart/form-data" action="/forms/scan/photo" class="upload-form" data-testid="photo-form">
                    <CsrfField/>
                    <input type="file" name="file" accept="image/*" capture="environment" required=true/>
                    <button type="submit" class="button">{move || i18n.t("scan-photo-read")}</button>
                </form>
            </details>
        </section>
    }
}

/// The addition waiting for a tap: what was read, the amount and unit, what will remain,
/// the warnings; "Add" records it. Before the page runs in the browser it is a plain
/// form to the same server function.
#[component]
fn PendingUse(
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
fn PendingMove(
    place: api::MovePlace,
    code: String,
    position: RwSignal<String>,
    on_move: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    use leptos::server_fn::ServerFn;
    let i18n = use_i18n();
    let action_url = <api::ScanMove as ServerFn>::url();
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

/// A refusal in the reader's language: the first field error's translation, or the
/// kind of refusal.
fn error_text(i18n: &crate::i18n::I18n, error: &AppError) -> String {
    match error {
        AppError::Domain(e) => match e.field_errors().first() {
            Some(fe) => crate::error::describe(i18n, fe),
            None => match e {
                domain::DomainError::NotFound { .. } => i18n.t("error-not-found"),
                domain::DomainError::Forbidden { .. } => i18n.t("error-forbidden"),
                domain::DomainError::Unauthenticated { .. } => i18n.t("error-signed-out"),
                _ => i18n.t("error-server"),
            },
        },
        AppError::DiskFull => i18n.t("error-disk-full"),
        AppError::ReadOnly => i18n.t("error-read-only"),
        AppError::Server => i18n.t("error-server"),
    }
}

#[component]
fn ScanRow(scanned: Scanned) -> impl IntoView {
    match scanned.outcome {
        Ok((thing, done)) => view! {
            <li class="item" data-testid="scan-result">
                <a class="item-title" href=thing.path.clone()>{thing.name.clone()}</a>
                <span class="item-meta"><span class="label-code">{scanned.code}</span>" · "{thing.fields.join(" · ")}</span>
                <span class="badge">{done}</span>
            </li>
        }
        .into_any(),
        Err(why) => view! {
            <li class="item error" data-testid="scan-result">
                <span class="label-code">{scanned.code}</span>
                <span class="field-error">{why}</span>
            </li>
        }
        .into_any(),
    }
}

/// A usage just added, shown like any scan: the thing, the amount, and the entry it
/// went to.
fn added_to_entry(
    entry: &str,
    code: &str,
    usage: domain::entry::Usage,
    amount: Option<String>,
) -> LabelTarget {
    LabelTarget {
        kind: usage.kind.thing(),
        id: usage.thing_id,
        label_code: code.to_owned(),
        current_code: usage.label_code.unwrap_or_else(|| code.to_owned()),
        retired: false,
        name: usage.name.unwrap_or_default(),
        fields: amount.into_iter().collect(),
        path: format!("/entries/{entry}"),
    }
}

/// Goes to the thing's page through `/l/{code}`, which knows about retired codes.
fn open_page(code: &LabelCode) {
    #[cfg(feature = "hydrate")]
    if let Some(window) = web_sys::window() {
        let _ = window
            .location()
            .set_href(&format!("/l/{}", code.as_compact()));
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = code;
}
