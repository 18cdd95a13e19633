use paillasse_tests::both_engines;

both_engines! {
    /// The locations page is complete HTML from the server, in the browser's language.
    async fn the_locations_page_renders_on_the_server_in_french_or_english(app) {
        app.create_location("Chambre froide", None).await;

        let res = app.client.get(app.url("/locations")).bearer_auth(&app.token).header("accept-language", "fr-FR,fr;q=0.9").send().await.unwrap();
        assert_eq!(res.status(), 200);
        let html = res.text().await.unwrap();
        assert!(html.contains(r#"<html lang="fr""#), "{html}");
        assert!(html.contains("Emplacements de stockage"));
        assert!(html.contains("Chambre froide"), "data is in the first HTML, not fetched later");

        let html = app.get("/locations").await.text().await.unwrap();
        assert!(html.contains(r#"<html lang="en""#));
        assert!(html.contains("Storage locations"));

        // The cookie set by the switch wins over the header.
        let html = app.client.get(app.url("/locations"))
            .bearer_auth(&app.token)
            .header("accept-language", "fr")
            .header("cookie", "lang=en")
            .send().await.unwrap().text().await.unwrap();
        assert!(html.contains("Storage locations"));
    }
}

both_engines! {
    /// The language switch without JavaScript: sets the cookie, goes back, never off-site.
    async fn the_language_switch_sets_a_cookie_and_redirects_locally(app) {
        let res = app.get("/lang/fr?next=/locations").await;
        assert!(res.status().is_redirection());
        assert_eq!(res.headers()["location"], "/locations");
        let cookie = res.headers()["set-cookie"].to_str().unwrap();
        assert!(cookie.starts_with("lang=fr;") && cookie.contains("SameSite=Lax"), "{cookie}");

        let res = app.get("/lang/fr?next=//evil.example/").await;
        assert_eq!(res.headers()["location"], "/");
    }
}

both_engines! {
    /// `/` leads to where each person starts: the scan page for a team's members and
    /// viewers (at the bench), the locations for managers and administrators, the sign-in
    /// page for someone signed out; an unknown page is a real 404 page.
    async fn home_redirects_and_unknown_pages_are_404(app) {
        let res = app.get("/").await;
        assert!(res.status().is_redirection(), "{}", res.status());
        assert_eq!(res.headers()["location"], "/locations", "an administrator");
        for (email, role, start) in [("tech@lab.test", "member", "/scan"), ("boss@lab.test", "manager", "/locations"), ("reader@lab.test", "viewer", "/scan")] {
            let (_, token) = app.person(email, role, Some("Lab")).await;
            let res = app.with_token(&token).get("/").await;
            assert!(res.status().is_redirection(), "{role}: {}", res.status());
            assert_eq!(res.headers()["location"], start, "{role}");
        }
        let res = app.client.get(app.url("/")).send().await.unwrap();
        assert_eq!(res.headers()["location"], "/login?next=%2F", "signed out");

        let res = app.get("/no/such/page").await;
        assert_eq!(res.status(), 404);
        assert!(res.text().await.unwrap().contains("Page not found"));
    }
}

both_engines! {
    /// The bundle is served pre-compressed and cacheable forever under its build id.
    async fn the_browser_bundle_is_compressed_and_cached(app) {
        let res = app.get("/locations").await;
        let status = res.status();
        let html = res.text().await.unwrap();
        assert_eq!(status, 200, "{html}");
        let start = html.find("/pkg/").unwrap_or_else(|| panic!("the page links the bundle: {html}"));
        let rest = &html[start..];
        let dir = &rest[..rest[5..].find('/').unwrap() + 5];

        for (encoding, expected) in [("br", "br"), ("gzip", "gzip")] {
            let res = app.client.get(app.url(&format!("{dir}/paillasse_bg.wasm"))).header("accept-encoding", encoding).send().await.unwrap();
            assert_eq!(res.status(), 200, "{dir}");
            assert_eq!(res.headers()["content-encoding"], expected);
            assert!(res.headers()["cache-control"].to_str().unwrap().contains("immutable"));
        }
        let res = app.client.get(app.url(&format!("{dir}/paillasse.css"))).send().await.unwrap();
        assert_eq!(res.status(), 200);
        assert!(res.headers()["content-type"].to_str().unwrap().starts_with("text/css"));

        let res = app.get("/pkg/0000000000000000/paillasse.js").await;
        assert_eq!(res.status(), 404, "another build's files are not served");
    }
}

both_engines! {
    /// Signed out, a page leads to the sign-in page, which comes back to it afterwards;
    /// the sign-in page itself needs no session.
    async fn signed_out_pages_lead_to_the_sign_in_page(app) {
        let res = app.with_token("").get("/locations?q=x").await;
        assert_eq!(res.status(), 303);
        assert_eq!(res.headers()["location"], "/login?next=%2Flocations%3Fq%3Dx");
        let res = app.with_token("").get("/login?next=%2Flocations").await;
        assert_eq!(res.status(), 200);
        let html = res.text().await.unwrap();
        assert!(html.contains("Sign in") && html.contains(r#"type="password""#), "{html}");
        assert!(!html.contains("csrf-token"), "no session, no token");
        // A signed-in page carries the session's CSRF token for its forms.
        let html = app.get("/locations").await.text().await.unwrap();
        assert!(html.contains(r#"name="paillasse-user" content="ada""#), "{html}");
    }
}

both_engines! {
    /// A location's page shows it to those who may see it; to anyone else it is the same
    /// 404 as a location that does not exist.
    async fn a_location_page_is_404_for_those_who_may_not_see_it(app) {
        let freezer = app.create_location("Secret freezer", None).await;
        let path = format!("/locations/{}", freezer["id"].as_str().unwrap());
        let res = app.get(&path).await;
        assert_eq!(res.status(), 200);
        assert!(res.text().await.unwrap().contains("Secret freezer"));

        let (_, outsider) = app.person("outsider@lab.test", "member", Some("Elsewhere")).await;
        let hidden = app.with_token(&outsider).get(&path).await;
        assert_eq!(hidden.status(), 404);
        assert!(!hidden.text().await.unwrap().contains("Secret freezer"));
        let made_up = app.with_token(&outsider).get(&format!("/locations/{}", uuid::Uuid::now_v7())).await;
        assert_eq!(made_up.status(), 404);
    }
}

both_engines! {
    /// Many pages rendered at once (a class opening the app together) all arrive whole.
    /// A panic inside one page's rendering, or a server starting beside it, used to leave
    /// its response hanging.
    async fn pages_rendered_concurrently_all_arrive_whole(app) {
        app.create_location("Bench", None).await;
        let app = &app;
        let loads = (0..48).map(|i| {
            let path = ["/locations", "/products", "/account", "/teams"][i % 4];
            async move {
                let res = app.get(path).await;
                let status = res.status();
                let html = res.text().await.unwrap();
                (path, status, html)
            }
        });
        // Other servers starting in the same process meanwhile (as in this test suite)
        // must not stall these pages (route generation suspends resource loading
        // process-wide; it now happens once).
        let others = futures::future::join_all(
            (0..3).map(|_| paillasse_tests::TestApp::spawn(paillasse_tests::Engine::Sqlite)),
        );
        let (pages, _others) = tokio::join!(futures::future::join_all(loads), others);
        for (path, status, html) in pages {
            assert_eq!(status, 200, "{path}: {html}");
            assert!(html.contains("/pkg/") && html.contains("</main></body></html>"), "{path}: {html}");
        }
    }
}

/// What breaks out of a `<textarea>` (or any raw-text element) when printed into it as
/// is: a redirect, a heading, a form.
const BREAKOUT: &str = r#"</textarea><meta http-equiv="refresh" content="5;url=https://evil.example/"><h1 id="injected">Sign in again</h1></title></style></script>"#;

/// Whether the page's HTML holds the payload's markup as markup (the escaped form,
/// `&lt;meta`, is text and harmless).
fn injected(html: &str) -> bool {
    html.contains(r#"<meta http-equiv="refresh" content="5;url=https://evil.example/">"#)
        || html.contains(r#"<h1 id="injected">"#)
}

both_engines! {
    /// Text typed by someone else, shown in the editor of the entry, of a protocol's next
    /// version, or sent back into the print dialog's code box, stays text: closing the
    /// `<textarea>` does not inject a redirect or a fake sign-in heading into the page.
    async fn text_put_in_a_textarea_cannot_close_it(app) {
        let entry: serde_json::Value = app.post_json("/api/v1/entries", &serde_json::json!({"title": "Normal", "body": BREAKOUT})).await.json().await.unwrap();
        let protocol: serde_json::Value = app.post_json("/api/v1/protocols", &serde_json::json!({"name": "Lysis", "body": BREAKOUT, "steps": [BREAKOUT]})).await.json().await.unwrap();
        let print = format!("/print?codes={}", BREAKOUT.bytes().map(|b| format!("%{b:02X}")).collect::<String>());
        for path in [
            format!("/entries/{}", entry["id"].as_str().unwrap()),
            format!("/protocols/{}", protocol["id"].as_str().unwrap()),
            print,
        ] {
            let res = app.get(&path).await;
            assert_eq!(res.status(), 200, "{path}");
            let html = res.text().await.unwrap();
            assert!(!injected(&html), "{path} carries live markup from the text");
        }
    }
}

both_engines! {
    /// An entry whose two revisions are long, entirely different texts (15,000 lines, and
    /// 100,000: over the limit for a line-by-line comparison) opens in seconds, not the
    /// minutes a quadratic diff took, and the server answers others meanwhile.
    async fn an_entry_with_two_long_different_revisions_opens_quickly(app) {
        for lines in [15_000, 100_000] {
            let text = |word: &str| (0..lines).map(|i| format!("{word}{i}\n")).collect::<String>();
            let entry: serde_json::Value = app.post_json("/api/v1/entries", &serde_json::json!({"title": "Long", "body": text("a")})).await.json().await.unwrap();
            let path = format!("/entries/{}", entry["id"].as_str().unwrap());
            let res = app.patch_json(&format!("/api/v1{path}"), &serde_json::json!({"body": text("b")})).await;
            assert_eq!(res.status(), 200);
            let started = std::time::Instant::now();
            let (page, health) = tokio::join!(app.get(&path), async {
                tokio::time::sleep(std::time::Duration::from_millis(50)).await;
                let asked = std::time::Instant::now();
                let res = app.get("/healthz").await;
                (res.status(), asked.elapsed())
            });
            assert_eq!(page.status(), 200);
            let took = started.elapsed();
            assert!(took < std::time::Duration::from_secs(20), "{lines} lines: {took:?}");
            assert_eq!(health.0, 200);
            assert!(health.1 < std::time::Duration::from_secs(5), "the server stayed responsive: {:?}", health.1);
        }
    }
}
