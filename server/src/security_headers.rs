//! Headers every response carries. Pages set their own content security policy (with the
//! nonce of their hydration script, see `app::csp`); everything else gets a policy that
//! allows nothing.

use axum::{
    http::{header, HeaderName, HeaderValue},
    Router,
};
use tower_http::set_header::SetResponseHeaderLayer;

const NOTHING_ALLOWED: &str = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'";

/// `https`: the installation is reached over TLS (`--base-url https://…`), so browsers are
/// told to never use plain HTTP for it again (a year; subdomains are not ours to bind).
pub fn apply(router: Router, https: bool) -> Router {
    let fixed = [
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::REFERRER_POLICY, "same-origin"),
        // For browsers that predate CSP's frame-ancestors.
        (header::X_FRAME_OPTIONS, "DENY"),
        (
            HeaderName::from_static("permissions-policy"),
            // The scan page will need the camera; nothing needs the rest.
            "camera=(self), microphone=(), geolocation=(), payment=(), usb=()",
        ),
    ];
    let mut router = router.layer(SetResponseHeaderLayer::if_not_present(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(NOTHING_ALLOWED),
    ));
    for (name, value) in fixed {
        router = router.layer(SetResponseHeaderLayer::overriding(
            name,
            HeaderValue::from_static(value),
        ));
    }
    if https {
        router = router.layer(SetResponseHeaderLayer::overriding(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000"),
        ));
    }
    router
}
