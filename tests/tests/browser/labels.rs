//! Labels: printing those of ticked samples, and opening an old (relabelled) one.

use fantoccini::Locator;
use paillasse_tests::{wait_until, Browser, Engine, TestApp, DEFAULT_EMAIL, PASSWORD};
use serde_json::json;

/// Ticking two samples in the list and printing them opens the print dialog with both
/// labels previewed and the sheet's used positions shown; a later start position moves
/// them; the PDF it offers holds both. A phone opening an old (relabelled) label lands on
/// the sample's page with a notice.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn printing_labels_of_ticked_samples_and_opening_an_old_label() {
    let app = TestApp::spawn(Engine::Sqlite).await.unwrap();
    let mut codes = Vec::new();
    for name in ["Plasma A", "Plasma B", "Plasma C"] {
        let s: serde_json::Value = app
            .post_json(
                "/api/v1/samples",
                &json!({"name": name, "quantity": 1, "unit": "mL"}),
            )
            .await
            .json()
            .await
            .unwrap();
        codes.push(s["label_code"].as_str().unwrap().to_owned());
    }
    let browser = Browser::start().await;
    browser
        .sign_in(&app.address, DEFAULT_EMAIL, PASSWORD, "/samples")
        .await;
    for code in &codes[..2] {
        browser
            .click(&format!("input.print-tick[value='{code}']"))
            .await;
    }
    browser.click("[data-testid='print-selected']").await;
    wait_until("two labels previewed", || async {
        browser
            .client
            .find_all(Locator::Css("[data-testid='print-previews'] img"))
            .await
            .map(|imgs| imgs.len())
            .unwrap_or(0)
            == 2
    })
    .await;
    let used = browser
        .client
        .find_all(Locator::Css("[data-testid='sheet-map'] .sheet-cell.used"))
        .await
        .unwrap()
        .len();
    assert_eq!(used, 2);
    // Each preview really is an image the server drew.
    let loaded: bool = browser
        .client
        .execute(
            "return [...document.querySelectorAll(\"[data-testid='print-previews'] img\")].every(i => i.complete && i.naturalWidth > 0)",
            vec![],
        )
        .await
        .unwrap()
        .as_bool()
        .unwrap();
    assert!(loaded, "the previews loaded");
    browser.type_into("print-start", "65").await;
    browser
        .click("[data-testid='print-form'] button[type='submit']")
        .await;
    wait_until("the labels run over to a second sheet", || async {
        browser
            .text_of("[data-testid='sheet-map'] figcaption")
            .await
            .contains("2 sheets")
    })
    .await;
    browser.screenshot("print-dialog").await;
    let href = browser
        .client
        .find(Locator::Css("[data-testid='print-download']"))
        .await
        .unwrap()
        .attr("href")
        .await
        .unwrap()
        .unwrap();
    assert!(href.contains("start=65"), "{href}");
    let res = app.get(&href).await;
    assert_eq!(res.status(), 200);
    assert!(res.bytes().await.unwrap().starts_with(b"%PDF"));

    let res = app
        .post_json(&format!("/api/v1/labels/{}/relabel", codes[2]), &json!({}))
        .await;
    let new: serde_json::Value = res.json().await.unwrap();
    browser
        .client
        .goto(&app.url(&format!("/l/{}", codes[2].to_lowercase())))
        .await
        .unwrap();
    wait_until("the old label's notice", || async {
        browser
            .text_of("[data-testid='relabelled-notice']")
            .await
            .contains(new["label_code"].as_str().unwrap())
    })
    .await;
    browser.close().await;
}

/// The print form shows the fields of the output chosen, in French: a sheet's template
/// and first position for a PDF, a label's size and resolution for a Zebra printer.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_print_form_shows_the_fields_of_its_output() {
    let app = TestApp::spawn(Engine::Sqlite).await.unwrap();
    let browser = Browser::start().await;
    browser
        .sign_in(
            &app.address,
            DEFAULT_EMAIL,
            PASSWORD,
            "/print?codes=0000-0000",
        )
        .await;
    browser.switch_to_french().await;
    let shown = |id: &'static str| {
        let client = browser.client.clone();
        async move {
            client
                .find(Locator::Id(id))
                .await
                .unwrap()
                .is_displayed()
                .await
                .unwrap()
        }
    };
    assert!(shown("print-template").await && shown("print-start").await);
    assert!(
        !shown("print-width").await && !shown("print-dpi").await,
        "no Zebra fields for a PDF"
    );
    browser
        .client
        .find(Locator::Css("#print-output option[value='zpl']"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    assert!(shown("print-width").await && shown("print-height").await && shown("print-dpi").await);
    assert!(
        !shown("print-template").await && !shown("print-start").await,
        "no sheet fields for a Zebra label"
    );
    browser.close().await;
}
