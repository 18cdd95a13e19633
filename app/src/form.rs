//! Pieces every form uses: the refusal under a field, and the message for refusals that
//! concern the whole form (not allowed, signed out, server trouble).

use domain::DomainError;
use leptos::{html, prelude::*};

use crate::{
    error::{describe, AppError},
    i18n::use_i18n,
};

/// The error of an action's last run, if it failed.
pub type LastError = Signal<Option<AppError>>;

/// The refusal under one field; absent (not an empty box) while there is none.
#[component]
pub fn FieldMessage(error: LastError, field: &'static str, id: &'static str) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        let message = error
            .get()
            .map(|e| {
                e.for_field(field)
                    .iter()
                    .map(|fe| describe(&i18n, fe))
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .unwrap_or_default();
        (!message.is_empty())
            .then(|| view! { <p class="field-error" id=id role="alert">{message}</p> })
    }
}

/// A refusal that is not about one field.
#[component]
pub fn FormMessage(error: LastError) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        let key = match error.get()? {
            AppError::Server => "error-server",
            AppError::DiskFull => "error-disk-full",
            AppError::ReadOnly => "error-read-only",
            AppError::Domain(DomainError::Forbidden { .. }) => "error-forbidden",
            AppError::Domain(DomainError::Unauthenticated { .. }) => "error-signed-out",
            AppError::Domain(DomainError::NotFound { .. }) => "error-not-found",
            AppError::Domain(DomainError::Throttled { .. }) => "error-throttled",
            AppError::Domain(
                DomainError::Validation(_) | DomainError::Conflict(_) | DomainError::TooLarge(_),
            ) => return None,
        };
        Some(view! { <p class="notice error" role="alert">{i18n.t(key)}</p> })
    }
}

/// Why a page's data could not be loaded. A thing that does not exist (or that the
/// reader may not see) makes the response a 404, like the API.
#[component]
pub fn LoadFailure(error: AppError) -> impl IntoView {
    if matches!(error, AppError::Domain(DomainError::NotFound { .. })) {
        crate::not_found::set_status_not_found();
    }
    let error: LastError = Signal::derive(move || Some(error.clone()));
    view! { <FormMessage error/> }
}

/// A form that empties itself each time `succeeded` turns true (after a successful
/// submission), ready for the next one; a refused one keeps what was typed.
pub fn cleared_after_success(
    succeeded: impl Fn() -> bool + Send + Sync + 'static,
) -> NodeRef<html::Form> {
    let form = NodeRef::<html::Form>::new();
    Effect::new(move |_| {
        if succeeded() {
            if let Some(form) = form.get() {
                form.reset();
            }
        }
    });
    form
}

/// Text to put inside a `<textarea>`. The renderer writes a textarea's children into the
/// server's HTML unescaped (it treats it like `<script>`), so a text holding
/// `</textarea><meta http-equiv="refresh" …>` closed the editor and became live markup
/// for every reader. On the server the text is escaped here (the browser decodes it back
/// into the field's value); in the browser a text node is made from it as it is.
pub fn in_textarea(text: impl Into<String>) -> String {
    let text = text.into();
    #[cfg(feature = "ssr")]
    {
        text.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
    }
    #[cfg(not(feature = "ssr"))]
    text
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    #[test]
    fn text_in_a_textarea_cannot_close_it() {
        assert_eq!(
            super::in_textarea("a < b && </textarea><h1>"),
            "a &lt; b &amp;&amp; &lt;/textarea&gt;&lt;h1&gt;"
        );
    }
}
