//! The scan page itself: the mode tabs, the camera and the code box, and what a code read
//! does in each mode.

use domain::{kind::Kind, scan::ScanMode};
use labels::LabelCode;
use leptos::{html, prelude::*};
use leptos_router::hooks::use_query_map;

#[cfg(feature = "hydrate")]
use super::camera;
use super::{
    api,
    pending::{PendingMove, PendingUse},
    results::{added_to_entry, ScanRow, Scanned},
};
use crate::title::PageTitle;
use crate::{
    error::error_text,
    i18n::use_i18n,
    inventory::{ReceiveForm, ReceiveLot},
    notebook::{api::usage_preview, usage_form::UseFields},
    session::CsrfField,
};

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
    let mode =
        Memo::new(
            move |_| match query.with(|q| ScanMode::parse(q.get("mode").as_deref())) {
                // Adding to an entry needs the entry.
                ScanMode::Entry if entry.get().is_empty() => ScanMode::Open,
                m => m,
            },
        );
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
            match mode == ScanMode::Entry && !code.is_empty() {
                true => Some(usage_preview(entry, code, String::new(), String::new()).await),
                false => None,
            }
        },
    );
    // Receive mode: the earlier lot whose label was read, the model of the next receipt
    // (read before the page ran in the browser too: the form is sent filled in).
    let receipt = Resource::new(
        move || (mode.get(), pending.get()),
        |(mode, code)| async move {
            match mode == ScanMode::Receive && !code.is_empty() {
                true => Some(api::scan_receive_like(code).await),
                false => None,
            }
        },
    );
    let receive = ServerAction::<ReceiveLot>::new();
    // The new label last read back (a label left in view is said back once).
    let read_back = RwSignal::new(String::new());
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
        if mode.get_untracked() == ScanMode::Entry {
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
            ScanMode::Open => open_page(&code),
            ScanMode::Entry => {
                fields.clear();
                pending.set(text);
            }
            ScanMode::Move => leptos::task::spawn_local(async move {
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
            ScanMode::Receive => {
                let just_received = receive.value().with_untracked(|r| {
                    matches!(r, Some(Ok(lot)) if LabelCode::parse(&lot.label_code).is_ok_and(|c| c == code))
                });
                if just_received {
                    // The new lot's label, printed and read back: does it name that lot?
                    if read_back.get_untracked() == text {
                        return;
                    }
                    read_back.set(text.clone());
                    leptos::task::spawn_local(async move {
                        let outcome = api::scan_resolve(text.clone())
                            .await
                            .map(|t| (t, i18n.t("scan-received")))
                            .map_err(|e| error_text(&i18n, &e));
                        push(text, outcome);
                    });
                } else if pending.get_untracked() != text {
                    // Another lot to receive one like: a fresh form.
                    receive.value().set(None);
                    read_back.set(String::new());
                    pending.set(text);
                }
            }
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
            Err(e) => {
                let args: Vec<_> = e.args().into_iter().map(|(k, v)| (k, v.into())).collect();
                let why = i18n.t_with(&format!("scan-code-{}", e.code()), &args);
                status.set(i18n.t_with("scan-invalid", &[("why", why.into())]))
            }
        }
    };

    let tabs = ScanMode::ALL.map(|m| {
        let key = format!("scan-mode-{}", m.as_str());
        let href = move || match m {
            ScanMode::Entry => format!("/scan?mode={}&entry={}", m.as_str(), entry.get()),
            _ => format!("/scan?mode={}", m.as_str()),
        };
        let shown = move || m != ScanMode::Entry || !entry.get().is_empty();
        view! {
            <a href=href class="tab" class:active=move || mode.get() == m class:hidden=move || !shown()
               aria-current=move || (mode.get() == m).then_some("page")>{move || i18n.t(&key)}</a>
        }
    });
    let place_now = move || place.get().flatten();
    let hint = move || match mode.get() {
        ScanMode::Open => i18n.t("scan-hint-open"),
        ScanMode::Receive => i18n.t("scan-hint-receive"),
        ScanMode::Entry => i18n.t("scan-hint-entry"),
        ScanMode::Move => match place_now() {
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
            <PageTitle key="scan-title"/>
            <h1>{move || i18n.t("scan-title")}</h1>
            <nav class="tabs scan-modes" aria-label=move || i18n.t("scan-modes")>{tabs}</nav>
            {scan_error}
            // Inside, so that the place named in the URL is read before the page is sent.
            <Transition fallback=|| ()>
                <p class="scan-hint" data-testid="scan-hint">{hint}</p>
                {move || (mode.get() == ScanMode::Move).then(|| place_now().filter(|p| p.is_box).map(|p| {
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
                {move || (mode.get() == ScanMode::Move && !pending.get().is_empty()).then(|| place_now().map(|p| view! {
                    <PendingMove place=p code=pending.get_untracked() position on_move=move_pending/>
                }))}
                {move || (mode.get() == ScanMode::Receive).then(|| receipt.get().flatten().map(|found| match found {
                    Ok(r) if crate::session::may_add() => view! { <ReceiveLikeForm setup=r receive/> }.into_any(),
                    Ok(_) => view! { <p class="notice error" role="alert" data-testid="scan-pending-error">{i18n.t("error-forbidden")}</p> }.into_any(),
                    Err(e) => {
                        let not_a_lot = matches!(&e, crate::error::AppError::Domain(d) if d.field_errors().first().is_some_and(|f| f.code == "not_a_lot"));
                        let why = if not_a_lot { i18n.t("scan-not-a-lot") } else { error_text(&i18n, &e) };
                        view! { <p class="notice error" role="alert" data-testid="scan-pending-error">{why}</p> }.into_any()
                    }
                }))}
                {move || (mode.get() == ScanMode::Entry).then(|| preview.get().flatten().map(|found| match found {
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
            {move || (mode.get() == ScanMode::Entry).then(|| view! {
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
                    <crate::attachment::FilePick accept="image/*" camera=true/>
                    <button type="submit" class="button">{move || i18n.t("scan-photo-read")}</button>
                </form>
            </details>
        </section>
    }
}

/// Receiving another lot like the one whose label was read: the product's receive form
/// with that lot's unit and place chosen; once received, the new label to print, and the
/// scan that reads it back.
#[component]
fn ReceiveLikeForm(setup: api::ReceiveLike, receive: ServerAction<ReceiveLot>) -> impl IntoView {
    let i18n = use_i18n();
    let api::ReceiveLike {
        like,
        product_name,
        dimension,
        places,
        today,
    } = setup;
    let said = {
        let code = like.label_code.clone();
        move || {
            i18n.t_with(
                "scan-receive-like",
                &[
                    ("product", product_name.clone().into()),
                    ("code", code.clone().into()),
                ],
            )
        }
    };
    view! {
        <div class="scan-receive" data-testid="scan-receive">
            <p class="scan-receive-like" data-testid="scan-receive-like">{said}</p>
            <ReceiveForm product_id=like.product_id.to_string() dimension places today like=Some(like) receive/>
        </div>
    }
    .into_any()
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
