//! Text that others typed, shown in editors, stays text in the real DOM.

use paillasse_tests::{Browser, Engine, TestApp, DEFAULT_EMAIL, PASSWORD};
use serde_json::{json, Value};

const BREAKOUT: &str = r#"</textarea><meta http-equiv="refresh" content="5;url=https://evil.example/"><h1 id="injected">Sign in again</h1>"#;

/// An entry body, a protocol's text and steps, and codes sent to the print dialog that
/// close the `<textarea>` they are shown in: no element is injected into the page, and
/// the editor holds the text exactly as it was typed (after hydration too).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn text_that_closes_a_textarea_stays_text() {
    let app = TestApp::spawn(Engine::Sqlite).await.unwrap();
    let entry: Value = app
        .post_json(
            "/api/v1/entries",
            &json!({"title": "Normal", "body": BREAKOUT}),
        )
        .await
        .json()
        .await
        .unwrap();
    let protocol: Value = app
        .post_json(
            "/api/v1/protocols",
            &json!({"name": "Lysis", "body": BREAKOUT, "steps": [BREAKOUT]}),
        )
        .await
        .json()
        .await
        .unwrap();
    let print = format!(
        "/print?codes={}",
        BREAKOUT
            .bytes()
            .map(|b| format!("%{b:02X}"))
            .collect::<String>()
    );
    let browser = Browser::start().await;
    let entry_page = format!("/entries/{}", entry["id"].as_str().unwrap());
    browser
        .sign_in(&app.address, DEFAULT_EMAIL, PASSWORD, &entry_page)
        .await;
    for (path, textarea) in [
        (entry_page.clone(), "entry-text"),
        (
            format!("/protocols/{}", protocol["id"].as_str().unwrap()),
            "revise-body",
        ),
        (print, "print-codes"),
    ] {
        browser.client.goto(&app.url(&path)).await.unwrap();
        browser.wait_for_hydration().await;
        let found = browser
            .client
            .execute(
                "return [document.querySelectorAll('meta[http-equiv]').length, document.querySelectorAll('#injected').length, document.getElementById(arguments[0])?.value ?? null];",
                vec![json!(textarea)],
            )
            .await
            .unwrap();
        assert_eq!(found[0], json!(0), "{path}: injected meta");
        assert_eq!(found[1], json!(0), "{path}: injected heading");
        assert!(
            found[2]
                .as_str()
                .unwrap_or_default()
                .contains("</textarea><meta"),
            "{path}: the text is kept as typed: {found}"
        );
    }
    browser.close().await;
}
