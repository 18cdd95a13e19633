//! Files and finding things: a safety data sheet uploaded, then everything searched.

use fantoccini::Locator;
use paillasse_tests::{wait_until, Browser, Engine, TestApp, DEFAULT_EMAIL, PASSWORD};
use serde_json::json;

/// A safety data sheet chosen in the file picker is kept and linked from the product
/// page; a file that is not what its name says is refused with the reason. The search
/// page then finds the product by a word and its lot by a label code typed as a hurried
/// hand would (lower case, no dash), the lot first.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn uploading_a_safety_data_sheet_and_searching_everything() {
    let app = TestApp::spawn(Engine::Sqlite).await.unwrap();
    let product: serde_json::Value = app
        .post_json(
            "/api/v1/products",
            &json!({"name": "Acetone HPLC", "kind": "chemical", "cas": "67-64-1"}),
        )
        .await
        .json()
        .await
        .unwrap();
    let id = product["id"].as_str().unwrap();
    let lot: serde_json::Value = app
        .post_json(
            "/api/v1/lots",
            &json!({"product_id": id, "quantity": 2.5, "unit": "L", "supplier_lot": "BCCK1234"}),
        )
        .await
        .json()
        .await
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let sheet = dir.path().join("SDS acetone.pdf");
    std::fs::write(&sheet, b"%PDF-1.4\n1 0 obj << >> endobj\n%%EOF\n").unwrap();
    let fake = dir.path().join("renamed.pdf");
    std::fs::write(&fake, b"this is a text file, not a PDF").unwrap();

    let browser = Browser::start().await;
    browser
        .sign_in(
            &app.address,
            DEFAULT_EMAIL,
            PASSWORD,
            &format!("/products/{id}"),
        )
        .await;
    let upload = |file: std::path::PathBuf| {
        let browser = &browser;
        async move {
            let input = browser
                .client
                .find(Locator::Css("[data-testid='sds-form'] input[type='file']"))
                .await
                .unwrap();
            input.send_keys(file.to_str().unwrap()).await.unwrap();
            browser
                .click("[data-testid='sds-form'] button[type='submit']")
                .await;
        }
    };
    upload(fake).await;
    wait_until("the refusal is explained", || async {
        browser
            .text_of("[data-testid='upload-error']")
            .await
            .contains("not what its type says")
    })
    .await;
    upload(sheet).await;
    wait_until("the sheet is linked", || async {
        browser
            .text_of("[data-testid='product-sds']")
            .await
            .contains("SDS acetone.pdf")
    })
    .await;
    assert_eq!(browser.text_of("[data-testid='upload-error']").await, "");
    browser.screenshot("product-sds").await;
    let stored: serde_json::Value = app
        .get(&format!("/api/v1/products/{id}"))
        .await
        .json()
        .await
        .unwrap();
    let file = app
        .get(&format!(
            "/api/v1/attachments/{}",
            stored["sds_attachment_id"].as_str().unwrap()
        ))
        .await
        .bytes()
        .await
        .unwrap();
    assert!(file.starts_with(b"%PDF-1.4"));

    browser.click("a.nav-item[href='/search']").await;
    browser.wait_for_hydration().await;
    browser.type_into("everything-search", "aceto").await;
    browser.click(".search-page button[type='submit']").await;
    wait_until("the product is found", || async {
        browser
            .text_of("[data-testid='search-hit']")
            .await
            .contains("Acetone HPLC")
    })
    .await;
    let code = lot["label_code"].as_str().unwrap();
    browser
        .type_into("everything-search", &code.replace('-', "").to_lowercase())
        .await;
    browser.click(".search-page button[type='submit']").await;
    wait_until("the lot is found first", || async {
        let first = browser
            .client
            .find(Locator::Css("[data-testid='search-hit']"))
            .await;
        match first {
            Ok(hit) => {
                hit.attr("data-kind").await.ok().flatten().as_deref() == Some("lot")
                    && hit.text().await.unwrap_or_default().contains(code)
            }
            Err(_) => false,
        }
    })
    .await;
    browser.screenshot("search-by-code").await;
    browser.close().await;
}
