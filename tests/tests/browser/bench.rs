//! At the bench, as a technician does it: on a 1024 px tablet and a 360 px phone, in
//! French, with a keyboard-wedge scanner, the tablet's camera, and a page that has not
//! hydrated yet. What they check: the stock figure, the words on screen, nothing
//! overflowing, nothing taken without their tap.

use paillasse_tests::{day, wait_until, Browser, Engine, TestApp, DEFAULT_EMAIL, PASSWORD};
use serde_json::{json, Value};

async fn stock(app: &TestApp, lot: &Value) -> f64 {
    let lot: Value = app
        .get(&format!("/api/v1/lots/{}", lot["id"].as_str().unwrap()))
        .await
        .json()
        .await
        .unwrap();
    lot["quantity"].as_f64().unwrap()
}

fn code(lot: &Value) -> String {
    lot["label_code"].as_str().unwrap().to_owned()
}

/// The entry page's "add by label code", at one screen size: "2" for ethanol kept in
/// litres shows what 2 L would leave and asks for a tick — the unit shown is a real,
/// chosen value; in mL it is taken as 2 mL. The next lot of the same product offers mL.
/// An expired lot is said in French before it is used, needs the tick, and the warning
/// stays in the materials table, in view on a tablet.
async fn adding_lots_to_an_entry_at(width: u32, height: u32) {
    let app = TestApp::spawn(Engine::Sqlite).await.unwrap();
    let ethanol = app
        .create_lot(
            "Éthanol absolu",
            "chemical",
            json!({"quantity": 2.5, "unit": "L", "supplier_lot": "SZBF1234"}),
        )
        .await;
    let second: Value = app
        .post_json(
            "/api/v1/lots",
            &json!({"product_id": ethanol["product_id"], "quantity": 1, "unit": "L"}),
        )
        .await
        .json()
        .await
        .unwrap();
    let agarose = app
        .create_lot(
            "Agarose",
            "chemical",
            json!({"quantity": 100, "unit": "g", "received_on": day(-400), "expires_on": day(-10)}),
        )
        .await;
    let entry: Value = app
        .post_json(
            "/api/v1/entries",
            &json!({"title": "Nettoyage de la hotte", "body": ""}),
        )
        .await
        .json()
        .await
        .unwrap();
    let entry_id = entry["id"].as_str().unwrap();

    let browser = Browser::start().await;
    browser.client.set_window_size(width, height).await.unwrap();
    browser
        .sign_in(
            &app.address,
            DEFAULT_EMAIL,
            PASSWORD,
            &format!("/entries/{entry_id}"),
        )
        .await;
    browser.switch_to_french().await;

    browser
        .wedge("usage-code", &code(&ethanol).to_lowercase())
        .await;
    wait_until("the lot is shown before anything is taken", || async {
        browser
            .text_of("[data-testid='use-left']")
            .await
            .contains("2,5 L")
    })
    .await;
    assert_eq!(
        browser.value_of("#usage-unit").await,
        "L",
        "the unit is a real, visible value"
    );
    assert!(
        browser.fits_width().await,
        "no sideways scrolling at {width} px"
    );
    browser.type_into("usage-quantity", "2").await;
    wait_until("what 2 L would leave is said", || async {
        browser
            .text_of("[data-testid='use-outcome']")
            .await
            .contains("il restera 500 mL")
    })
    .await;
    assert!(browser
        .text_of("[data-testid='use-notices']")
        .await
        .contains("80 %"));
    assert!(
        browser.is_disabled("[data-testid='usage-submit']").await,
        "a large amount waits for the tick"
    );
    assert_eq!(stock(&app, &ethanol).await, 2.5, "nothing taken yet");

    browser.click("#usage-unit option[value='mL']").await;
    wait_until("2 mL leaves 2,498 L", || async {
        browser
            .text_of("[data-testid='use-outcome']")
            .await
            .contains("il restera 2,498 L")
    })
    .await;
    browser
        .screenshot(&format!("bench-entry-card-{width}"))
        .await;
    browser.click("[data-testid='usage-submit']").await;
    wait_until("the use is in the materials table", || async {
        browser
            .text_of("[data-testid='usage-row']")
            .await
            .contains("2 mL")
    })
    .await;
    assert_eq!(stock(&app, &ethanol).await, 2.498);

    browser.wedge("usage-code", &code(&second)).await;
    wait_until("the next bottle of ethanol is looked up", || async {
        browser
            .text_of("[data-testid='use-left']")
            .await
            .contains("1 L")
    })
    .await;
    assert_eq!(
        browser.value_of("#usage-unit").await,
        "mL",
        "the unit last used for the product"
    );
    browser.click("[data-testid='usage-cancel']").await;

    browser.wedge("usage-code", &code(&agarose)).await;
    wait_until("the expiry is said in French", || async {
        browser
            .text_of("[data-testid='use-notices']")
            .await
            .contains("Périmé depuis le")
    })
    .await;
    browser.type_into("usage-quantity", "1").await;
    wait_until("the expired lot waits for the tick", || async {
        browser.is_disabled("[data-testid='usage-submit']").await
    })
    .await;
    browser.click("label[for='usage-confirm']").await;
    wait_until("ticked, it can be added", || async {
        !browser.is_disabled("[data-testid='usage-submit']").await
    })
    .await;
    browser.click("[data-testid='usage-submit']").await;
    wait_until("the warning is in the materials table", || async {
        browser
            .text_of("[data-testid='usage-warning']")
            .await
            .contains("Périmé depuis le")
    })
    .await;
    assert_eq!(stock(&app, &agarose).await, 99.0);
    assert!(
        browser.fits_width().await,
        "no sideways scrolling at {width} px"
    );
    if width >= 1024 {
        let in_view = browser
            .client
            .execute(
                "const r = document.querySelector(\"[data-testid='usage-warning']\").getBoundingClientRect(); return r.right <= window.innerWidth && r.width > 0;",
                vec![],
            )
            .await
            .unwrap();
        assert_eq!(
            in_view,
            json!(true),
            "the warning is seen without scrolling on a tablet"
        );
    }
    browser.screenshot(&format!("bench-entry-{width}")).await;
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn adding_lots_to_an_entry_on_a_tablet_in_french() {
    adding_lots_to_an_entry_at(1024, 768).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn adding_lots_to_an_entry_on_a_phone_in_french() {
    adding_lots_to_an_entry_at(360, 740).await;
}

/// The tablet's camera films a lot's label that stays in view: one pending addition
/// appears and waits, showing the amount and unit; only the tap adds it, once — eight
/// more seconds with the label in view add nothing more (it was added every 2.5 s).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_label_left_in_front_of_the_camera_is_added_once() {
    let app = TestApp::spawn(Engine::Sqlite).await.unwrap();
    let lot = app
        .create_lot(
            "Éthanol 70 %",
            "chemical",
            json!({"quantity": 1, "unit": "L"}),
        )
        .await;
    let entry: Value = app
        .post_json(
            "/api/v1/entries",
            &json!({"title": "Nettoyage", "body": ""}),
        )
        .await
        .json()
        .await
        .unwrap();
    let entry_id = entry["id"].as_str().unwrap();
    let label = labels::LabelCode::parse(&code(&lot)).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let film = dir.path().join("label.y4m");
    paillasse_tests::label_film(&app.address, &label, &film);
    let browser = Browser::start_with_camera(&film).await;
    browser.client.set_window_size(1024, 768).await.unwrap();
    browser
        .sign_in(
            &app.address,
            DEFAULT_EMAIL,
            PASSWORD,
            &format!("/scan?mode=entry&entry={entry_id}"),
        )
        .await;
    browser.switch_to_french().await;

    wait_until("the label read waits for a tap", || async {
        browser
            .text_of("[data-testid='pending-use']")
            .await
            .contains("Éthanol 70 %")
    })
    .await;
    assert_eq!(browser.value_of("#scan-unit").await, "L");
    browser.type_into("scan-quantity", "20").await;
    browser.click("#scan-unit option[value='mL']").await;
    wait_until("what will remain is said", || async {
        browser
            .text_of("[data-testid='use-outcome']")
            .await
            .contains("il restera 980 mL")
    })
    .await;
    tokio::time::sleep(std::time::Duration::from_secs(3)).await;
    let usages = || async {
        let stored: Value = app
            .get(&format!("/api/v1/entries/{entry_id}"))
            .await
            .json()
            .await
            .unwrap();
        stored["usages"].as_array().unwrap().len()
    };
    assert_eq!(usages().await, 0, "nothing is added before the tap");
    browser.screenshot("bench-scan-pending").await;
    browser.click("[data-testid='pending-add']").await;
    wait_until("added to the entry", || async {
        browser
            .text_of("[data-testid='scan-results']")
            .await
            .contains("ajouté à l’entrée")
    })
    .await;
    assert!(browser
        .text_of("[data-testid='scan-results']")
        .await
        .contains("20 mL"));
    // The label stays in front of the camera.
    tokio::time::sleep(std::time::Duration::from_secs(8)).await;
    assert_eq!(usages().await, 1, "one scan adds once");
    assert_eq!(
        browser.text_of("[data-testid='pending-use']").await,
        "",
        "no new pending addition"
    );
    assert_eq!(stock(&app, &lot).await, 0.98);
    browser.close().await;
}

/// Putting samples away into a 9×9 box with the scanner, on a phone in French: each one
/// goes to the first free position (shown before), and appears in the box.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn putting_samples_away_into_a_box_fills_its_free_positions() {
    let app = TestApp::spawn(Engine::Sqlite).await.unwrap();
    let freezer = app.create_location("Congélateur −80", None).await;
    let rack: Value = app
        .post_json("/api/v1/locations", &json!({"name": "Boîte 9×9", "parent_id": freezer["id"], "grid": {"rows": 9, "cols": 9}}))
        .await
        .json()
        .await
        .unwrap();
    let mut samples = Vec::new();
    for name in ["Aliquote 1", "Aliquote 2"] {
        let s: Value = app
            .post_json(
                "/api/v1/samples",
                &json!({"name": name, "quantity": 1, "unit": "mL"}),
            )
            .await
            .json()
            .await
            .unwrap();
        samples.push(s);
    }
    let browser = Browser::start().await;
    browser.client.set_window_size(360, 740).await.unwrap();
    browser
        .sign_in(&app.address, DEFAULT_EMAIL, PASSWORD, "/scan?mode=move")
        .await;
    browser.switch_to_french().await;
    browser.wedge("scan-input", &code(&rack)).await;
    wait_until("the box's first free position is proposed", || async {
        browser.value_of("#scan-position").await == "A1"
    })
    .await;
    for (sample, position) in samples.iter().zip(["A1", "A2"]) {
        browser.wedge("scan-input", &code(sample)).await;
        wait_until("the sample is put away", || async {
            browser
                .text_of("[data-testid='scan-results']")
                .await
                .contains(&format!("rangé ici, en {position}"))
        })
        .await;
        let stored: Value = app
            .get(&format!(
                "/api/v1/samples/{}",
                sample["id"].as_str().unwrap()
            ))
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(
            (stored["location_id"].as_str(), stored["position"].as_str()),
            (rack["id"].as_str(), Some(position))
        );
    }
    assert!(browser.fits_width().await);
    browser.screenshot("bench-scan-box-phone").await;
    browser.close().await;
}

/// Before the page has hydrated (here: no JavaScript at all), the scan box keeps its
/// mode: a box read in "move here" becomes the place, a sample read next waits for a tap
/// and goes to the first free position; in "add to entry" a lot read waits with its
/// unit shown and is added on the tap only. Nothing opens the thing's page instead.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn scans_keep_their_mode_before_the_page_hydrates() {
    let app = TestApp::spawn(Engine::Sqlite).await.unwrap();
    let rack: Value = app
        .post_json(
            "/api/v1/locations",
            &json!({"name": "Boîte A", "grid": {"rows": 9, "cols": 9}}),
        )
        .await
        .json()
        .await
        .unwrap();
    let sample: Value = app
        .post_json(
            "/api/v1/samples",
            &json!({"name": "Aliquote 7", "quantity": 1, "unit": "mL"}),
        )
        .await
        .json()
        .await
        .unwrap();
    let lot = app
        .create_lot("PBS", "chemical", json!({"quantity": 500, "unit": "mL"}))
        .await;
    let entry: Value = app
        .post_json("/api/v1/entries", &json!({"title": "Lavage", "body": ""}))
        .await
        .json()
        .await
        .unwrap();
    let entry_id = entry["id"].as_str().unwrap();

    let browser = Browser::start_without_javascript().await;
    browser.client.set_window_size(1024, 768).await.unwrap();
    browser
        .client
        .goto(&app.url("/login?next=%2Fscan%3Fmode%3Dmove"))
        .await
        .unwrap();
    browser.fill_login(DEFAULT_EMAIL, PASSWORD).await;
    let path_is = |path: &'static str| {
        let browser = &browser;
        async move {
            browser
                .client
                .current_url()
                .await
                .map(|u| u.path() == path)
                .unwrap_or(false)
        }
    };
    wait_until("signed in, on the scan page", || path_is("/scan")).await;

    browser.wedge("scan-input", &code(&rack)).await;
    wait_until("the box is the place", || async {
        browser
            .text_of("[data-testid='scan-hint']")
            .await
            .contains("Boîte A")
    })
    .await;
    browser.wedge("scan-input", &code(&sample)).await;
    wait_until("the sample waits for a tap", || async {
        !browser
            .text_of("[data-testid='pending-move']")
            .await
            .is_empty()
    })
    .await;
    assert_eq!(browser.value_of("#pending-position").await, "A1");
    browser.click("[data-testid='pending-move-button']").await;
    wait_until("back on the scan page", || async {
        browser
            .text_of("[data-testid='pending-move']")
            .await
            .is_empty()
            && path_is("/scan").await
    })
    .await;
    let stored: Value = app
        .get(&format!(
            "/api/v1/samples/{}",
            sample["id"].as_str().unwrap()
        ))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        (stored["location_id"].as_str(), stored["position"].as_str()),
        (rack["id"].as_str(), Some("A1"))
    );

    browser
        .client
        .goto(&app.url(&format!("/scan?mode=entry&entry={entry_id}")))
        .await
        .unwrap();
    browser.wedge("scan-input", &code(&lot)).await;
    wait_until("the lot waits for a tap", || async {
        !browser
            .text_of("[data-testid='pending-use']")
            .await
            .is_empty()
    })
    .await;
    assert_eq!(browser.value_of("#scan-unit").await, "mL");
    assert_eq!(
        stock(&app, &lot).await,
        500.0,
        "nothing taken before the tap"
    );
    browser.type_into("scan-quantity", "5").await;
    browser.click("[data-testid='pending-add']").await;
    wait_until("the lot is added", || async {
        stock(&app, &lot).await == 495.0
    })
    .await;
    browser.close().await;
}

/// An instrument's use typed on the lab's clock (Paris): 09:00 in January is 08:00 UTC,
/// in July 07:00 UTC; the materials table shows the times as typed, in French; a time
/// the clocks skipped is refused next to its field, in French, and nothing is recorded.
/// (Past dates on purpose: the outcome does not depend on today.)
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_instruments_use_is_typed_and_shown_on_the_labs_clock() {
    let app = TestApp::spawn(Engine::Sqlite).await.unwrap();
    let cycler: Value = app
        .post_json("/api/v1/instruments", &json!({"name": "Thermocycleur"}))
        .await
        .json()
        .await
        .unwrap();
    let entry: Value = app
        .post_json("/api/v1/entries", &json!({"title": "PCR", "body": ""}))
        .await
        .json()
        .await
        .unwrap();
    let entry_id = entry["id"].as_str().unwrap();
    let browser = Browser::start().await;
    browser.client.set_window_size(360, 740).await.unwrap();
    browser
        .sign_in(
            &app.address,
            DEFAULT_EMAIL,
            PASSWORD,
            &format!("/entries/{entry_id}"),
        )
        .await;
    browser.switch_to_french().await;
    let windows = || {
        let app = &app;
        async move {
            let entry: Value = app
                .get(&format!("/api/v1/entries/{entry_id}"))
                .await
                .json()
                .await
                .unwrap();
            entry["usages"]
                .as_array()
                .unwrap()
                .iter()
                .map(|u| {
                    (
                        u["started_at"].as_str().unwrap().to_owned(),
                        u["ended_at"].as_str().unwrap().to_owned(),
                    )
                })
                .collect::<Vec<_>>()
        }
    };
    for (n, (from, to, utc_from, utc_to, shown)) in [
        (
            "2026-01-15T09:00",
            "2026-01-15T10:30",
            "2026-01-15T08:00:00Z",
            "2026-01-15T09:30:00Z",
            "15 janv. 2026 à 09:00 – 10:30",
        ),
        (
            "2026-07-15T09:00",
            "2026-07-16T08:15",
            "2026-07-15T07:00:00Z",
            "2026-07-16T06:15:00Z",
            "15 juil. 2026 à 09:00 – 16 juil. 2026 à 08:15",
        ),
    ]
    .into_iter()
    .enumerate()
    {
        browser.wedge("usage-code", &code(&cycler)).await;
        wait_until("the instrument is looked up", || async {
            browser
                .client
                .find(fantoccini::Locator::Css(
                    "[data-testid='use-card'][data-kind='instrument']",
                ))
                .await
                .is_ok()
        })
        .await;
        browser.pick_time("usage-from", from).await;
        browser.pick_time("usage-to", to).await;
        // Never calibrated: said, and taken only with the tick.
        browser.click("label[for='usage-confirm']").await;
        browser.click("[data-testid='usage-submit']").await;
        wait_until("the use is in the materials table", || async {
            browser
                .client
                .find_all(fantoccini::Locator::Css("[data-testid='usage-row']"))
                .await
                .unwrap()
                .len()
                == n + 1
        })
        .await;
        let table = browser.text_of("[data-testid='materials']").await;
        assert!(table.contains(shown), "{shown} in {table}");
        let recorded = windows().await;
        assert!(
            recorded
                .iter()
                .any(|(f, t)| f.starts_with(&utc_from[..16]) && t.starts_with(&utc_to[..16])),
            "{utc_from}–{utc_to} in {recorded:?}"
        );
    }
    // 29 March 2026, 02:30 never happened in Paris.
    browser.wedge("usage-code", &code(&cycler)).await;
    wait_until("the instrument is looked up", || async {
        browser
            .client
            .find(fantoccini::Locator::Css(
                "[data-testid='use-card'][data-kind='instrument']",
            ))
            .await
            .is_ok()
    })
    .await;
    browser.pick_time("usage-from", "2026-03-29T02:30").await;
    browser.pick_time("usage-to", "2026-03-29T04:00").await;
    browser.click("label[for='usage-confirm']").await;
    browser.click("[data-testid='usage-submit']").await;
    wait_until("the skipped time is explained", || async {
        browser
            .text_of("#usage-from-error")
            .await
            .contains("on a avancé l’heure")
    })
    .await;
    assert_eq!(windows().await.len(), 2, "nothing more recorded");
    assert!(browser.fits_width().await);
    browser.close().await;
}
