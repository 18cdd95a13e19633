//! The storage locations' tree: adding a location in place, a refused name, a location
//! made a box and samples put in it.

use std::time::Duration;

use fantoccini::Locator;
use paillasse_tests::{wait_until, Browser, Engine, TestApp, DEFAULT_EMAIL, PASSWORD};
use serde_json::json;

/// The names in the locations tree, top to bottom.
pub(crate) async fn row_names(browser: &Browser) -> Vec<String> {
    let rows = browser
        .client
        .find_all(Locator::Css("[data-testid='location-row'] .tree-name"))
        .await
        .unwrap();
    let mut names = Vec::new();
    for row in rows {
        names.push(row.text().await.unwrap());
    }
    names
}

/// A browser on the hydrated locations page.
pub(crate) async fn open_locations(app: &TestApp) -> Browser {
    let browser = Browser::start().await;
    browser
        .sign_in(&app.address, DEFAULT_EMAIL, PASSWORD, "/locations")
        .await;
    browser
}

/// Submits the add-location form.
pub(crate) async fn submit_add_form(browser: &Browser) {
    let button = "[data-testid='add-location-form'] button[type='submit']";
    browser
        .client
        .find(Locator::Css(button))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
}

/// After hydration, adding a location through the form shows it in the tree without a
/// page load, under its parent, and it is stored.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn adding_a_location_updates_the_page_in_place() {
    let app = TestApp::spawn(Engine::Sqlite).await.unwrap();
    let room = app.create_location("Room 214", None).await;
    let browser = open_locations(&app).await;
    assert_eq!(row_names(&browser).await, ["Room 214"]);
    browser.mark_document().await;

    let name = browser
        .client
        .find(Locator::Id("location-name"))
        .await
        .unwrap();
    name.send_keys("Freezer −80 °C").await.unwrap();
    let parent = browser
        .client
        .find(Locator::Id("location-parent"))
        .await
        .unwrap();
    parent
        .select_by_value(room["id"].as_str().unwrap())
        .await
        .unwrap();
    submit_add_form(&browser).await;

    wait_until("the new row appears", || async {
        row_names(&browser).await.len() == 2
    })
    .await;
    assert_eq!(row_names(&browser).await, ["Room 214", "Freezer −80 °C"]);
    let child = browser
        .client
        .find(Locator::Css("[data-testid='location-row']:nth-child(2)"))
        .await
        .unwrap();
    assert_eq!(
        child.attr("data-depth").await.unwrap().as_deref(),
        Some("1")
    );
    let indent = |row: u8| {
        let script = format!(
            "return getComputedStyle(document.querySelectorAll('.tree-row')[{row}]).paddingLeft;"
        );
        let client = browser.client.clone();
        async move { client.execute(&script, vec![]).await.unwrap() }
    };
    assert_ne!(
        indent(0).await,
        indent(1).await,
        "the child is drawn indented"
    );
    assert!(browser.document_is_marked().await, "no navigation happened");
    let inline_styles = browser
        .client
        .execute(
            "return document.querySelectorAll('[style]').length;",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(inline_styles, json!(0), "the CSP forbids inline styles");
    let flash = browser
        .client
        .find(Locator::Css("[data-testid='flash']"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(flash.contains("Freezer −80 °C"), "{flash}");
    assert_eq!(
        // Found again: the form is drawn anew with the refreshed list of parents.
        browser
            .client
            .find(Locator::Id("location-name"))
            .await
            .unwrap()
            .prop("value")
            .await
            .unwrap()
            .unwrap_or_default(),
        "",
        "the form is cleared for the next one"
    );
    browser.screenshot("locations-added").await;

    let ada = service::accounts::people::find_by_email(&app.db.conn, DEFAULT_EMAIL)
        .await
        .unwrap()
        .unwrap();
    let stored = service::inventory::locations::list_all(&app.db.conn, &ada)
        .await
        .unwrap();
    assert_eq!(stored.len(), 2);
    assert_eq!(
        stored[1].parent_id.map(|p| p.to_string()),
        room["id"].as_str().map(String::from)
    );
    browser.close().await;
}

/// A refused name shows the reason next to the field, in place, and adds nothing.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refused_name_is_explained_next_to_the_field() {
    let app = TestApp::spawn(Engine::Sqlite).await.unwrap();
    let browser = open_locations(&app).await;
    browser.mark_document().await;

    // Spaces pass the browser's `required` check but not the server's rules.
    let name = browser
        .client
        .find(Locator::Id("location-name"))
        .await
        .unwrap();
    name.send_keys("   ").await.unwrap();
    submit_add_form(&browser).await;

    let error = browser
        .client
        .wait()
        .at_most(Duration::from_secs(10))
        .for_element(Locator::Id("location-name-error"))
        .await
        .unwrap();
    assert_eq!(error.text().await.unwrap(), "must not be empty");
    assert_eq!(
        name.attr("aria-invalid").await.unwrap().as_deref(),
        Some("true")
    );
    assert!(browser.document_is_marked().await);
    browser.screenshot("locations-refused").await;
    assert_eq!(app.count("locations").await, 0);
    browser.close().await;
}

/// A location becomes a box from its page; a sample is moved into a position from its
/// page and appears in the drawn box; a taken position is explained.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn putting_samples_in_a_box() {
    let app = TestApp::spawn(Engine::Sqlite).await.unwrap();
    let boxed = app.create_location("Cryo box", None).await;
    let sample = |name: &'static str| {
        let app = &app;
        async move {
            let s: serde_json::Value = app
                .post_json(
                    "/api/v1/samples",
                    &json!({"name": name, "quantity": 1, "unit": "mL"}),
                )
                .await
                .json()
                .await
                .unwrap();
            s
        }
    };
    let first = sample("Serum A").await;
    let second = sample("Serum B").await;
    let browser = Browser::start().await;
    let box_page = format!("/locations/{}", boxed["id"].as_str().unwrap());
    browser
        .sign_in(&app.address, DEFAULT_EMAIL, PASSWORD, &box_page)
        .await;
    browser.wait_for_hydration().await;
    browser.type_into("grid-rows", "3").await;
    browser.type_into("grid-cols", "4").await;
    browser
        .click("[data-testid='grid-form'] button[type='submit']")
        .await;
    wait_until("the box is drawn", || async {
        browser.text_of("[data-testid='box-occupancy']").await == "0 / 12"
    })
    .await;

    for (s, expect_taken) in [(&first, false), (&second, true)] {
        browser
            .client
            .goto(&app.url(&format!("/samples/{}", s["id"].as_str().unwrap())))
            .await
            .unwrap();
        browser.wait_for_hydration().await;
        browser
            .client
            .find(Locator::Css("#place-location"))
            .await
            .unwrap()
            .select_by_label("Cryo box (3×4)")
            .await
            .unwrap();
        browser.type_into("place-position", "b2").await;
        browser
            .click("[data-testid='place-form'] button[type='submit']")
            .await;
        if expect_taken {
            wait_until("the taken position is explained", || async {
                browser
                    .text_of("#place-position-error")
                    .await
                    .contains("already taken")
            })
            .await;
        } else {
            wait_until("the sample is in the box", || async {
                browser.text_of("[data-testid='sample-place']").await == "Cryo box · B2"
            })
            .await;
        }
    }
    browser.client.goto(&app.url(&box_page)).await.unwrap();
    assert_eq!(
        browser.text_of("[data-testid='box-occupancy']").await,
        "1 / 12"
    );
    assert_eq!(
        browser.text_of("td[data-position='B2']").await,
        first["label_code"].as_str().unwrap()
    );
    browser.screenshot("box-with-sample").await;
    browser.close().await;
}

/// A technician looking for what a freezer holds, on a phone in French: its page lists
/// the lots and samples kept in it and in the rack and box inside it, each with where it
/// is exactly, 50 a page; the box's page lists only the box's.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_locations_page_lists_what_it_holds() {
    let app = TestApp::spawn(Engine::Sqlite).await.unwrap();
    let id = |v: &serde_json::Value| v["id"].as_str().unwrap().to_owned();
    let freezer = app.create_location("Congélateur −80", None).await;
    let rack = app
        .create_location("Portoir 3", Some(freezer["id"].as_str().unwrap()))
        .await;
    let boxed: serde_json::Value = app
        .post_json(
            "/api/v1/locations",
            &json!({"name": "Boîte plasma", "parent_id": id(&rack), "grid": {"rows": 9, "cols": 9}}),
        )
        .await
        .json()
        .await
        .unwrap();
    app.create_lot(
        "Taq polymérase",
        "biological",
        json!({"quantity": 500, "unit": "µL", "location_id": id(&freezer)}),
    )
    .await;
    for n in 0..55 {
        let res = app
            .post_json(
                "/api/v1/samples",
                &json!({"name": format!("Plasma {n:02}"), "quantity": 1, "unit": "mL", "location_id": id(&boxed)}),
            )
            .await;
        assert_eq!(res.status(), 201);
    }
    let elsewhere = app.create_location("Étagère", None).await;
    app.post_json(
        "/api/v1/samples",
        &json!({"name": "Ailleurs", "quantity": 1, "unit": "mL", "location_id": id(&elsewhere)}),
    )
    .await;
    let browser = Browser::start().await;
    browser.client.set_window_size(360, 740).await.unwrap();
    browser
        .sign_in(
            &app.address,
            DEFAULT_EMAIL,
            PASSWORD,
            &format!("/locations/{}", id(&freezer)),
        )
        .await;
    browser.switch_to_french().await;
    let count = |css: &'static str| {
        let client = browser.client.clone();
        async move { client.find_all(Locator::Css(css)).await.unwrap().len() }
    };
    assert_eq!(
        browser.text_of("#contents-title").await,
        "Ce qu’il contient"
    );
    let lot = browser
        .text_of("[data-testid='contents-lots'] [data-testid='lot-row']")
        .await;
    assert!(
        lot.contains("Taq polymérase") && lot.contains("500 µL") && lot.contains("Congélateur −80"),
        "{lot}"
    );
    assert_eq!(
        count("[data-testid='contents-samples'] [data-testid='sample-row']").await,
        50
    );
    assert!(!browser
        .text_of("[data-testid='location-contents']")
        .await
        .contains("Ailleurs"));
    assert!(browser.fits_width().await);
    browser
        .click("[data-testid='location-contents'] [data-testid='next-page']")
        .await;
    wait_until("the samples' next page", || async {
        count("[data-testid='contents-samples'] [data-testid='sample-row']").await == 5
    })
    .await;
    assert_eq!(
        count("[data-testid='contents-lots'] [data-testid='lot-row']").await,
        1,
        "the lots stay"
    );

    browser
        .client
        .goto(&app.url(&format!("/locations/{}", id(&boxed))))
        .await
        .unwrap();
    browser.wait_for_hydration().await;
    assert_eq!(
        count("[data-testid='contents-lots'] [data-testid='lot-row']").await,
        0
    );
    assert_eq!(
        count("[data-testid='contents-samples'] [data-testid='sample-row']").await,
        50
    );
    browser.close().await;
}
