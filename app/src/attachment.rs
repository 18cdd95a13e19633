//! Attachments on a thing's page: a link to the file, and a plain upload form
//! (`multipart/form-data` to `/forms/…`, so a tablet's file picker or camera works with
//! or without JavaScript). The server sends the page back with `?upload_error=CODE` when
//! it refuses a file.

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
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <form class="upload-form" method="post" enctype="multipart/form-data" action=action data-testid=testid>
            <CsrfField/>
            <FilePick accept camera/>
            <button type="submit" class="button">{move || i18n.t(label)}</button>
        </form>
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
) -> impl IntoView {
    let i18n = use_i18n();
    let chosen = RwSignal::new(None::<String>);
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
