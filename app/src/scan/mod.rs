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

use domain::label::LabelTarget;
use labels::LabelCode;
use leptos::{html, prelude::*};
use leptos_router::hooks::use_query_map;

use crate::{i18n::use_i18n, session::CsrfField};

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
    outcome: Result<(LabelTarget, &'static str), String>,
}

#[component]
pub fn ScanPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let entry = Memo::new(move |_| query.with(|q| q.get("entry")).unwrap_or_default());
    let mode = Memo::new(move |_| match Mode::parse(query.with(|q| q.get("mode"))) {
        // Adding to an entry needs the entry.
        Mode::Entry if entry.get().is_empty() => Mode::Open,
        m => m,
    });
    let quantity = RwSignal::new(String::new());
    let unit = RwSignal::new(String::new());
    let status = RwSignal::new(String::new());
    let decode_ms = RwSignal::new(None::<f64>);
    let camera_failed = RwSignal::new(false);
    let target = RwSignal::new(None::<LabelTarget>);
    let scans = RwSignal::new(Vec::<Scanned>::new());
    let video = NodeRef::<html::Video>::new();
    let canvas = NodeRef::<html::Canvas>::new();
    let input = NodeRef::<html::Input>::new();
    // Stored, so the handler below stays `Copy` for the camera and the code box alike.
    let csrf = StoredValue::new(
        crate::session::use_user()
            .map(|u| u.csrf_token)
            .unwrap_or_default(),
    );

    // What a code does, whether the camera or a scanner read it.
    let handle = move |code: LabelCode| {
        status.set(i18n.t_with("scan-found", &[("code", code.to_string().into())]));
        let push = move |outcome| {
            scans.update(|s| {
                s.insert(
                    0,
                    Scanned {
                        code: code.to_string(),
                        outcome,
                    },
                )
            })
        };
        let csrf = csrf.get_value();
        match mode.get_untracked() {
            Mode::Open => open_page(&code),
            Mode::Move => leptos::task::spawn_local(async move {
                let found = api::scan_resolve(code.to_string()).await;
                match (found, target.get_untracked()) {
                    (Ok(place), _) if place.kind == "location" => target.set(Some(place)),
                    (Ok(_), None) => push(Err(i18n.t("scan-location-first"))),
                    (Ok(_), Some(place)) => {
                        let moved =
                            api::scan_move(code.to_string(), place.id.to_string(), csrf).await;
                        push(moved.map(|t| (t, "scan-moved")).map_err(|e| e.to_string()));
                    }
                    (Err(e), _) => push(Err(e.to_string())),
                }
            }),
            Mode::Entry => leptos::task::spawn_local(async move {
                let added = crate::notebook::api::add_usage_by_code(
                    entry.get_untracked(),
                    code.to_string(),
                    quantity.get_untracked(),
                    unit.get_untracked(),
                    "input".into(),
                    String::new(),
                    String::new(),
                    csrf,
                )
                .await;
                push(
                    added
                        .map(|u| {
                            (
                                added_to_entry(&entry.get_untracked(), &code, u),
                                "scan-added",
                            )
                        })
                        .map_err(|e| e.to_string()),
                );
            }),
            Mode::Receive => leptos::task::spawn_local(async move {
                push(match api::scan_resolve(code.to_string()).await {
                    Ok(t) if t.kind == "lot" => Ok((t, "scan-received")),
                    Ok(_) => Err(i18n.t("scan-not-a-lot")),
                    Err(e) => Err(e.to_string()),
                });
            }),
        }
    };

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
                    let watching = camera::watch(v, c, move |code, ms| {
                        decode_ms.set(Some(ms));
                        handle(code);
                    });
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

    // A scanner types the code and Enter into the box (it keeps the focus).
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        let Some(field) = input.get() else {
            return;
        };
        ev.prevent_default();
        let typed = field.value();
        field.set_value("");
        let _ = field.focus();
        match LabelCode::parse(&typed) {
            Ok(code) => handle(code),
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
    let hint = move || match mode.get() {
        Mode::Open => i18n.t("scan-hint-open"),
        Mode::Receive => i18n.t("scan-hint-receive"),
        Mode::Entry => i18n.t("scan-hint-entry"),
        Mode::Move => match target.get() {
            None => i18n.t("scan-hint-move"),
            Some(place) => i18n.t_with("scan-hint-move-to", &[("place", place.name.into())]),
        },
    };
    let photo_error = move || {
        query.with(|q| q.get("photo_error")).map(|code| {
            view! { <p class="notice error" role="alert" data-testid="photo-error">{i18n.t(&format!("scan-photo-error-{code}"))}</p> }
        })
    };
    view! {
        <section class="page scan-page">
            <h1>{move || i18n.t("scan-title")}</h1>
            <nav class="tabs scan-modes" aria-label=move || i18n.t("scan-modes")>{tabs}</nav>
            <p class="scan-hint" data-testid="scan-hint">{hint}</p>
            {move || (mode.get() == Mode::Entry).then(|| view! {
                <div class="field-row scan-amount">
                    <div class="field">
                        <label for="scan-quantity">{i18n.t("scan-lot-quantity")}</label>
                        <input id="scan-quantity" type="text" inputmode="decimal" prop:value=move || quantity.get()
                               on:input=move |ev| quantity.set(event_target_value(&ev))/>
                    </div>
                    <div class="field">
                        <label for="scan-unit">{i18n.t("lots-unit")}</label>
                        <input id="scan-unit" type="text" placeholder="mL" prop:value=move || unit.get()
                               on:input=move |ev| unit.set(event_target_value(&ev))/>
                    </div>
                    <a class="button" href=format!("/entries/{}", entry.get()) data-testid="back-to-entry">{i18n.t("scan-back-to-entry")}</a>
                </div>
            })}
            <div class="camera" class:hidden=move || camera_failed.get()>
                <video node_ref=video autoplay=true muted=true playsinline=true data-testid="scan-video"></video>
                <canvas node_ref=canvas class="hidden"></canvas>
            </div>
            <p class="scan-status" role="status" data-testid="scan-status"
               data-decode-ms=move || decode_ms.get().map(|ms| format!("{ms:.1}"))>{move || status.get()}</p>
            <form method="get" action="/go" class="search wedge" on:submit=on_submit>
                <label class="visually-hidden" for="scan-input">{move || i18n.t("scan-code")}</label>
                <input id="scan-input" name="code" node_ref=input type="text" autofocus=true
                       autocomplete="off" autocapitalize="characters" spellcheck="false"
                       placeholder=move || i18n.t("scan-code") data-testid="scan-input"/>
                <button type="submit" class="button">{move || i18n.t("scan-open")}</button>
            </form>
            <ul class="item-list scan-results" data-testid="scan-results">
                {move || scans.get().into_iter().map(|s| view! { <ScanRow scanned=s/> }).collect_view()}
            </ul>
            {photo_error}
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

#[component]
fn ScanRow(scanned: Scanned) -> impl IntoView {
    let i18n = use_i18n();
    match scanned.outcome {
        Ok((thing, done)) => view! {
            <li class="item" data-testid="scan-result">
                <a class="item-title" href=thing.path.clone()>{thing.name.clone()}</a>
                <span class="item-meta"><span class="label-code">{scanned.code}</span>" · "{thing.fields.join(" · ")}</span>
                <span class="badge">{move || i18n.t(done)}</span>
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

/// A usage just added, shown like any scan: the thing, and the entry it went to.
fn added_to_entry(entry: &str, code: &LabelCode, usage: domain::entry::Usage) -> LabelTarget {
    let amount = usage
        .quantity
        .map(|q| format!("{q} {}", usage.unit.clone().unwrap_or_default()));
    LabelTarget {
        kind: usage.kind.as_str().to_owned(),
        id: usage.thing_id,
        label_code: code.to_string(),
        current_code: usage.label_code.unwrap_or_else(|| code.to_string()),
        retired: false,
        name: usage.name.unwrap_or_default(),
        fields: [amount, usage.warning].into_iter().flatten().collect(),
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
