use paillasse_tests::both_engines;

const EVERYWHERE: &[(&str, &str)] = &[
    ("x-content-type-options", "nosniff"),
    ("referrer-policy", "same-origin"),
    ("x-frame-options", "DENY"),
];

both_engines! {
    /// Pages allow their own nonce'd hydration script and the wasm, nothing else inline;
    /// every other response allows nothing; all carry the fixed hardening headers.
    async fn every_response_carries_security_headers(app) {
        let page = app.get("/locations").await;
        let csp = page.headers()["content-security-policy"].to_str().unwrap().to_owned();
        let html = page.text().await.unwrap();
        let nonce = html.split("nonce=\"").nth(1).unwrap().split('"').next().unwrap();
        assert!(csp.contains(&format!("script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'")), "{csp}");
        assert!(csp.contains("style-src 'self';") && csp.contains("frame-ancestors 'none'"), "{csp}");
        assert!(!csp.contains("unsafe-inline"), "{csp}");
        assert!(!html.contains(" style=\""), "no inline style attributes");

        let again = app.get("/locations").await.text().await.unwrap();
        assert!(!again.contains(nonce), "a fresh nonce per response");

        let build = html.split("/pkg/").nth(1).unwrap().split('/').next().unwrap();
        for path in ["/api/v1/locations", "/healthz", "/api/v1/nope", "/", &format!("/pkg/{build}/paillasse.js")] {
            let res = app.get(path).await;
            assert_eq!(
                res.headers()["content-security-policy"],
                "default-src 'none'; frame-ancestors 'none'; base-uri 'none'",
                "{path}"
            );
        }
        for path in ["/locations", "/no/such/page", "/api/v1/locations", "/healthz"] {
            let res = app.get(path).await;
            for (name, value) in EVERYWHERE {
                assert_eq!(res.headers()[*name], *value, "{path} {name}");
            }
        }
    }
}
