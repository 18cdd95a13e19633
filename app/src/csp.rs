//! The content security policy of every page: scripts only from this origin plus the one
//! inline hydration script carrying this response's nonce, wasm allowed to compile, no
//! inline styles, no framing.

use leptos::{nonce::use_nonce, prelude::use_context};
use leptos_axum::ResponseOptions;

/// The policy for a page whose inline script carries `nonce`.
pub fn page_policy(nonce: &str) -> String {
    format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; \
         style-src 'self'; img-src 'self' data: blob:; media-src 'self' blob:; \
         connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; \
         frame-ancestors 'none'"
    )
}

/// Sets the page's policy on the response being rendered (the server adds a stricter
/// default to every response that has none).
pub fn set_page_policy() {
    let (Some(nonce), Some(response)) = (use_nonce(), use_context::<ResponseOptions>()) else {
        return;
    };
    if let Ok(value) = http::HeaderValue::from_str(&page_policy(&nonce.to_string())) {
        response.insert_header(http::header::CONTENT_SECURITY_POLICY, value);
    }
}
