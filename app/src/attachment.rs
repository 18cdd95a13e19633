//! Attachments on a thing's page: a link to the file, and a plain upload form
//! (`multipart/form-data` to `/forms/…`, so a tablet's file picker or camera works with
//! or without JavaScript). The server sends the page back with `?upload_error=CODE` when
//! it refuses a file. Where the page gives a [`LiveUpload`], a page running in the browser
//! sends the file to the API instead and stays as it is (an entry's text being typed is
//! not reloaded away).

use domain::attachment::Attachment;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::{i18n::use_i18n, session::CsrfField};

/// A link that opens (PDF, image) or downloads the file, with its name and size.
#[component]
pub fn AttachmentLink(attachment: Attachment) -> impl IntoView {
    let size = if attachment.size >= 1_000_000 {
        format!("{:.1} MB", attachment.size as f64 / 1e6)
    } else {
        format!("{} kB", attachment.size.div_ceil(1000))
    };
    view! {
        <a class="attachment-link" href=format!("/api/v1/attachments/{}", attachment.id) target="_blank" rel="noopener" data-testid="attachment-link">
            {attachment.filename}
        </a>
        <span class="item-meta">" · "{size}</span>
    }
}

/// Where a page that runs in the browser sends the file without leaving (the API's upload
/// route, which takes the raw file), and what it does with the attachment made.
#[derive(Clone)]
// Read only in the browser: the server renders the plain form.
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
pub struct LiveUpload {
    pub api: String,
    pub done: Callback<Attachment>,
}

/// Uploads one file to `action`; `accept` narrows the picker (e.g. `application/pdf`).
#[component]
pub fn UploadForm(
    action: String,
    accept: &'static str,
    /// The message id of the button.
    label: &'static str,
    testid: &'static str,
    /// Opens the device's back camera rather than the file picker (a tablet at the bench).
    #[prop(optional)]
    camera: bool,
    /// Sends the file without leaving the page, once it runs in the browser.
    #[prop(optional)]
    live: Option<LiveUpload>,
) -> impl IntoView {
    let i18n = use_i18n();
    let chosen = RwSignal::new(None::<String>);
    // Why the last live upload was refused (a code, as `?upload_error=` gives it).
    let refused = RwSignal::new(None::<String>);
    let sending = RwSignal::new(false);
    let form = NodeRef::<leptos::html::Form>::new();
    let live = StoredValue::new(live);
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        let Some(live) = live.get_value() else {
            return;
        };
        #[cfg(feature = "hydrate")]
        {
            use wasm_bindgen::JsCast;
            let Some(form) = form.get() else {
                return;
            };
            ev.prevent_default();
            let input = form
                .query_selector("input[type='file']")
                .ok()
                .flatten()
                .and_then(|i| i.dyn_into::<web_sys::HtmlInputElement>().ok());
            let Some((input, file)) =
                input.and_then(|i| i.files().and_then(|f| f.get(0)).map(|f| (i, f)))
            else {
                refused.set(Some("empty".into()));
                return;
            };
            let csrf = crate::session::use_user()
                .map(|u| u.csrf_token)
                .unwrap_or_default();
            sending.set(true);
            leptos::task::spawn_local(async move {
                match live::send(&live.api, file, &csrf).await {
                    Ok(attachment) => {
                        input.set_value("");
                        chosen.set(None);
                        refused.set(None);
                        live.done.run(attachment);
                    }
                    Err(code) => refused.set(Some(code)),
                }
                sending.set(false);
            });
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = (ev, live, form);
    };
    view! {
        <form class="upload-form" method="post" enctype="multipart/form-data" action=action data-testid=testid
              node_ref=form on:submit=on_submit>
            <CsrfField/>
            <FilePick accept camera chosen/>
            {move || refused.get().map(|code| view! {
                <p class="notice error" role="alert" data-testid="upload-error">{i18n.t(&format!("upload-error-{code}"))}</p>
            })}
            <button type="submit" class="button" disabled=move || sending.get()>
                {move || if sending.get() { i18n.t("upload-sending") } else { i18n.t(label) }}
            </button>
        </form>
    }
    // Erased: the entry page's view type is otherwise too deep for the compiler.
    .into_any()
}

/// Sending a file to the API from the browser, as the API takes it: the raw file, its
/// name in `?filename=`, the session's CSRF token in the header.
#[cfg(feature = "hydrate")]
mod live {
    use domain::attachment::Attachment;
    use wasm_bindgen::JsCast;
    use wasm_bindgen_futures::JsFuture;

    /// The attachment made, or why not as a code the page words (`too_large`,
    /// `mismatch`, `forbidden`…).
    pub(super) async fn send(
        api: &str,
        file: web_sys::File,
        csrf: &str,
    ) -> Result<Attachment, String> {
        let failed = |_| "server".to_owned();
        let headers = web_sys::Headers::new().map_err(failed)?;
        headers.set("x-csrf-token", csrf).map_err(failed)?;
        let kind = file.type_();
        headers
            .set(
                "content-type",
                if kind.is_empty() {
                    "application/octet-stream"
                } else {
                    &kind
                },
            )
            .map_err(failed)?;
        let init = web_sys::RequestInit::new();
        init.set_method("POST");
        init.set_headers(&headers);
        init.set_body(&file);
        let url = format!("{api}?filename={}", crate::export::encode(&file.name()));
        let window = web_sys::window().ok_or("server")?;
        let response: web_sys::Response =
            JsFuture::from(window.fetch_with_str_and_init(&url, &init))
                .await
                .map_err(failed)?
                .dyn_into()
                .map_err(failed)?;
        let text = JsFuture::from(response.text().map_err(failed)?)
            .await
            .map_err(failed)?
            .as_string()
            .unwrap_or_default();
        if response.ok() {
            return serde_json::from_str(&text).map_err(|_| "server".to_owned());
        }
        // The problem's first field error names why; else its status does.
        let problem: serde_json::Value = serde_json::from_str(&text).unwrap_or_default();
        Err(match problem["errors"][0]["code"].as_str() {
            Some(code) => code.to_owned(),
            None => match response.status() {
                401 | 403 | 409 => "forbidden",
                404 => "not_found",
                413 => "too_large",
                _ => "server",
            }
            .to_owned(),
        })
    }
}

/// The file (or photo) to send: a finger-sized button in the page's language over the
/// browser's own picker, whose "Choose File / No file chosen" is always in the browser's
/// language and too small to tap; the chosen file's name shows beside it.
#[component]
pub fn FilePick(
    accept: &'static str,
    /// Opens the device's back camera rather than the file picker.
    camera: bool,
    /// The chosen file's name, where the form clears it after sending without leaving.
    #[prop(optional)]
    chosen: Option<RwSignal<Option<String>>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let chosen = chosen.unwrap_or_else(|| RwSignal::new(None));
    let pick = if camera {
        "upload-pick-photo"
    } else {
        "upload-pick"
    };
    let on_change = move |ev: leptos::ev::Event| {
        // The file's name only: the browser shows a made-up path ("C:\\fakepath\\…").
        let value = event_target_value(&ev);
        let name = value
            .rsplit(['/', '\\'])
            .next()
            .unwrap_or_default()
            .to_owned();
        chosen.set(Some(name).filter(|n| !n.is_empty()));
    };
    view! {
        <div class="file-pick">
            <label class="button">
                <input class="file-input" type="file" name="file" accept=accept required=true
                       capture=camera.then_some("environment") on:change=on_change/>
                {move || i18n.t(pick)}
            </label>
            <span class="file-chosen" aria-live="polite" data-testid="file-chosen">
                {move || chosen.get().unwrap_or_else(|| i18n.t("upload-none"))}
            </span>
        </div>
    }
}

/// Why the server refused the last upload, if it did (`?upload_error=CODE`).
#[component]
pub fn UploadError() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    move || {
        query.with(|q| q.get("upload_error")).map(|code| {
            view! { <p class="notice error" role="alert" data-testid="upload-error">{i18n.t(&format!("upload-error-{code}"))}</p> }
        })
    }
}
