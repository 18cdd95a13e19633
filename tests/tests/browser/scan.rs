//! The scan page: the tablet's camera and a keyboard-wedge scanner.

use fantoccini::Locator;
use paillasse_tests::{wait_until, Browser, Engine, TestApp, DEFAULT_EMAIL, PASSWORD};
use serde_json::json;

/// The tablet's camera (Chromium's fake camera filming a label) reads a lot's label in
/// the browser: in receive mode another lot like it is offered, in its unit, with the
/// time the wasm decoder took; in open mode the page goes to the lot.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_camera_reads_a_label_and_opens_its_lot() {
    let app = TestApp::spawn(Engine::Sqlite).await.unwrap();
    let lot = app
        .create_lot(
            "DMSO",
            "chemical",
            json!({"quantity": 500, "unit": "mL", "supplier_lot": "RNBK9912"}),
        )
        .await;
    let code = labels::LabelCode::parse(lot["label_code"].as_str().unwrap()).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let film = dir.path().join("label.y4m");
    paillasse_tests::label_film(&app.address, &code, &film);

    let browser = Browser::start_with_camera(&film).await;
    browser
        .sign_in(&app.address, DEFAULT_EMAIL, PASSWORD, "/scan?mode=receive")
        .await;
    wait_until("a receipt like the lot read is offered", || async {
        browser
            .text_of("[data-testid='scan-receive-like']")
            .await
            .contains("DMSO")
    })
    .await;
    assert_eq!(browser.value_of("#lot-unit").await, "mL");
    let status = browser
        .client
        .find(Locator::Css("[data-testid='scan-status']"))
        .await
        .unwrap();
    let ms: f64 = status
        .attr("data-decode-ms")
        .await
        .unwrap()
        .unwrap()
        .parse()
        .unwrap();
    println!("wasm decode of a 640x480 camera frame: {ms:.1} ms");
    browser.screenshot("scan-receive").await;

    browser.click(".scan-modes a[href='/scan?mode=open']").await;
    let lot_path = format!("/lots/{}", lot["id"].as_str().unwrap());
    wait_until("the lot's page opens", || async {
        browser
            .client
            .current_url()
            .await
            .map(|u| u.path() == lot_path)
            .unwrap_or(false)
    })
    .await;
    browser.close().await;
}

/// A USB scanner types the code and Enter: the scan page opens the lot; in move mode a
/// scanned location, then a scanned lot, puts the lot there; a mistyped code is
/// explained.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_keyboard_wedge_scanner_opens_and_moves_things() {
    let app = TestApp::spawn(Engine::Sqlite).await.unwrap();
    let lot = app
        .create_lot("Trizol", "chemical", json!({"quantity": 100, "unit": "mL"}))
        .await;
    let fridge = app.create_location("Fridge 4 °C", None).await;
    let lot_code = lot["label_code"].as_str().unwrap().to_owned();

    let browser = Browser::start().await;
    browser
        .sign_in(&app.address, DEFAULT_EMAIL, PASSWORD, "/scan?mode=move")
        .await;
    browser.wait_for_hydration().await;
    let scan = |typed: String| {
        let browser = &browser;
        async move {
            let field = browser
                .client
                .find(Locator::Id("scan-input"))
                .await
                .unwrap();
            field.send_keys(&format!("{typed}\n")).await.unwrap();
        }
    };
    scan(lot_code.clone()).await;
    wait_until("asked for a location first", || async {
        browser
            .text_of("[data-testid='scan-result']")
            .await
            .contains("location first")
    })
    .await;
    scan(fridge["label_code"].as_str().unwrap().to_lowercase()).await;
    wait_until("moving to the fridge", || async {
        browser
            .text_of("[data-testid='scan-hint']")
            .await
            .contains("Fridge 4 °C")
    })
    .await;
    scan(lot_code.replace('-', " ")).await;
    wait_until("the lot is moved", || async {
        browser
            .text_of("[data-testid='scan-result']")
            .await
            .contains("moved here")
    })
    .await;
    let stored: serde_json::Value = app
        .get(&format!("/api/v1/lots/{}", lot["id"].as_str().unwrap()))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(stored["location_id"], fridge["id"]);
    browser.screenshot("scan-move").await;

    browser.click(".scan-modes a[href='/scan?mode=open']").await;
    browser.wait_for_hydration().await;
    scan("7KQ3-9XZ".into()).await;
    wait_until("the short code is explained", || async {
        browser
            .text_of("[data-testid='scan-status']")
            .await
            .contains("Not a label code")
    })
    .await;
    scan(lot_code.to_lowercase()).await;
    let lot_path = format!("/lots/{}", lot["id"].as_str().unwrap());
    wait_until("the lot's page opens", || async {
        browser
            .client
            .current_url()
            .await
            .map(|u| u.path() == lot_path)
            .unwrap_or(false)
    })
    .await;
    browser.close().await;
}

/// A technician on a phone, in French, receives a second bottle of Tris base at the scan
/// page: the first bottle's label opens a receive form with its unit and shelf chosen (no
/// amount assumed); the receipt is said back with the new label to print; reading the
/// new label back names the new lot, once, however long it stays before the scanner.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_lot_is_received_at_the_scan_page_like_an_earlier_one() {
    let app = TestApp::spawn(Engine::Sqlite).await.unwrap();
    let shelf = app.create_location("Étagère 2", None).await;
    let shelf_id = shelf["id"].as_str().unwrap().to_owned();
    let first = app
        .create_lot(
            "Tris base",
            "chemical",
            json!({"quantity": 1, "unit": "kg", "location_id": shelf_id}),
        )
        .await;
    let product = first["product_id"].as_str().unwrap().to_owned();
    let browser = Browser::start().await;
    browser.client.set_window_size(360, 740).await.unwrap();
    browser
        .sign_in(&app.address, DEFAULT_EMAIL, PASSWORD, "/scan?mode=receive")
        .await;
    browser.switch_to_french().await;
    browser
        .wedge("scan-input", first["label_code"].as_str().unwrap())
        .await;
    wait_until("the receive form opens", || async {
        browser.text_of("[data-testid='scan-receive-like']").await
            == format!(
                "Un autre lot de Tris base, comme {}",
                first["label_code"].as_str().unwrap()
            )
    })
    .await;
    assert_eq!(browser.value_of("#lot-unit").await, "kg");
    assert_eq!(browser.value_of("#lot-location").await, shelf_id);
    assert_eq!(
        browser.value_of("#lot-quantity").await,
        "",
        "no amount assumed"
    );
    assert!(browser.fits_width().await);
    browser.type_into("lot-quantity", "2,5").await;
    browser
        .click("[data-testid='receive-form'] button[type='submit']")
        .await;
    wait_until("the receipt is said back", || async {
        browser
            .text_of("[data-testid='received']")
            .await
            .contains("reçu : 2,5 kg")
    })
    .await;
    let lots: serde_json::Value = app
        .get(&format!("/api/v1/lots?product_id={product}"))
        .await
        .json()
        .await
        .unwrap();
    let items = lots["items"].as_array().unwrap();
    assert_eq!(items.len(), 2, "{lots}");
    let new = items
        .iter()
        .find(|l| l["id"] != first["id"])
        .unwrap()
        .clone();
    assert_eq!(
        (
            new["quantity"].as_f64(),
            new["unit"].as_str(),
            new["location_id"].as_str()
        ),
        (Some(2.5), Some("kg"), Some(shelf_id.as_str()))
    );
    let new_code = new["label_code"].as_str().unwrap().to_owned();
    assert!(browser
        .text_of("[data-testid='received']")
        .await
        .contains(&new_code));
    assert!(
        browser
            .client
            .find(Locator::Css("[data-testid='received'] a[href^='/print']"))
            .await
            .is_ok(),
        "the label's print step is offered"
    );
    // The new label, printed and read back (twice: it stayed in front of the scanner).
    browser.wedge("scan-input", &new_code).await;
    browser.wedge("scan-input", &new_code).await;
    wait_until("the new label reads back", || async {
        browser
            .text_of("[data-testid='scan-result']")
            .await
            .contains("l’étiquette se relit")
    })
    .await;
    let rows = browser
        .client
        .find_all(Locator::Css("[data-testid='scan-result']"))
        .await
        .unwrap();
    assert_eq!(rows.len(), 1, "read back once");
    assert!(rows[0].text().await.unwrap().contains(&new_code));
    assert!(browser.fits_width().await);
    browser.screenshot("scan-receive-like").await;
    browser.close().await;
}

/// A technician on a phone, in French, mistypes codes into the scan box: each mistake is
/// explained in French — a swapped character, a short code, a character no label has —
/// with nothing of the English reason left.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_mistyped_code_is_explained_in_french() {
    let app = TestApp::spawn(Engine::Sqlite).await.unwrap();
    let lot = app
        .create_lot("Trizol", "chemical", json!({"quantity": 100, "unit": "mL"}))
        .await;
    let code = lot["label_code"].as_str().unwrap().to_owned();
    let last = code.chars().last().unwrap();
    let swapped = format!(
        "{}{}",
        &code[..code.len() - 1],
        if last == '0' { '1' } else { '0' }
    );
    let browser = Browser::start().await;
    browser.client.set_window_size(360, 740).await.unwrap();
    browser
        .sign_in(&app.address, DEFAULT_EMAIL, PASSWORD, "/scan")
        .await;
    browser.switch_to_french().await;
    for (typed, said) in [
        (
            swapped,
            "Pas un code d’étiquette : le caractère de contrôle ne correspond pas (un caractère mal saisi, ou deux inversés)",
        ),
        (
            "7KQ3-9XZ".to_owned(),
            "Pas un code d’étiquette : un code d’étiquette a 8 caractères, celui-ci en a 7",
        ),
        (
            format!("{}!{}", &code[..1], &code[2..]),
            "Pas un code d’étiquette : « ! » (caractère 2) ne figure dans aucun code d’étiquette",
        ),
    ] {
        let field = browser.client.find(Locator::Id("scan-input")).await.unwrap();
        field.send_keys(&format!("{typed}\n")).await.unwrap();
        wait_until(&format!("{typed} explained"), || async {
            browser.text_of("[data-testid='scan-status']").await == said
        })
        .await;
    }
    assert!(browser.fits_width().await);
    browser.close().await;
}
