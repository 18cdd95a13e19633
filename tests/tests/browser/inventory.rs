//! Stock at the bench: receiving and consuming a lot, samples and aliquots, an
//! instrument's calibration.

use fantoccini::Locator;
use paillasse_tests::{day, wait_until, Browser, Engine, TestApp, DEFAULT_EMAIL, PASSWORD};
use serde_json::json;

/// At the bench: add a product, receive a lot of it, consume from the lot; asking for
/// more than is left is explained and changes nothing.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn receiving_and_consuming_stock() {
    let app = TestApp::spawn(Engine::Sqlite).await.unwrap();
    let browser = Browser::start().await;
    browser
        .sign_in(&app.address, DEFAULT_EMAIL, PASSWORD, "/products")
        .await;
    browser.type_into("product-name", "Ethanol absolute").await;
    browser.type_into("product-cas", "64-17-5").await;
    browser.type_into("product-reorder", "500").await;
    browser.type_into("product-reorder-unit", "ml").await;
    browser
        .click("[data-testid='product-form'] button[type='submit']")
        .await;
    wait_until("the product is listed", || async {
        browser
            .text_of("[data-testid='product-row']")
            .await
            .contains("Ethanol absolute")
    })
    .await;
    browser.click("[data-testid='product-row'] a").await;
    wait_until("on the product page", || async {
        browser.text_of("[data-testid='product-name']").await == "Ethanol absolute"
    })
    .await;
    browser.type_into("lot-quantity", "100").await;
    browser.choose("lot-unit", "mL").await;
    browser
        .click("[data-testid='receive-form'] button[type='submit']")
        .await;
    wait_until("the lot is listed", || async {
        browser
            .text_of("[data-testid='lot-row']")
            .await
            .contains("100 mL")
    })
    .await;
    browser.click("[data-testid='lot-row'] a").await;
    wait_until("on the lot page", || async {
        browser.text_of("[data-testid='lot-quantity']").await == "100 mL"
    })
    .await;
    browser.wait_for_hydration().await;
    browser.type_into("movement-quantity", "30").await;
    browser
        .click("[data-testid='movement-form'] button[type='submit']")
        .await;
    wait_until("the quantity follows", || async {
        browser.text_of("[data-testid='lot-quantity']").await == "70 mL"
    })
    .await;
    browser.type_into("movement-quantity", "100").await;
    browser
        .click("[data-testid='movement-form'] button[type='submit']")
        .await;
    wait_until("the over-draw is explained", || async {
        browser
            .text_of("#movement-quantity-error")
            .await
            .contains("more than is left")
    })
    .await;
    assert_eq!(
        browser.text_of("[data-testid='lot-quantity']").await,
        "70 mL"
    );
    // The history says who consumed what.
    browser.click("[data-testid='history'] summary").await;
    wait_until("the history lists the consumption", || async {
        let text = browser.text_of("[data-testid='history']").await;
        text.contains("ada used some of it") && text.contains("Quantity: 100 → 70")
    })
    .await;
    browser.screenshot("lot-consumed").await;
    // 70 mL left is under the 500 mL reorder level set with the product.
    browser.client.goto(&app.url("/alerts")).await.unwrap();
    let low = browser.text_of("[data-testid='alert-stock']").await;
    assert!(
        low.contains("Ethanol absolute") && low.contains("70 / 500 mL"),
        "{low}"
    );
    browser.close().await;
}

/// At the bench: a sample is made from a lot named by its label code (some of the lot is
/// taken), then split into aliquots in one action; asking for more than is left is
/// explained and makes nothing.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn making_a_sample_from_a_lot_and_aliquoting_it() {
    let app = TestApp::spawn(Engine::Sqlite).await.unwrap();
    let lot = app
        .create_lot(
            "Human plasma",
            "biological",
            json!({"quantity": 50, "unit": "mL"}),
        )
        .await;
    let browser = Browser::start().await;
    browser
        .sign_in(&app.address, DEFAULT_EMAIL, PASSWORD, "/samples")
        .await;
    browser.wait_for_hydration().await;
    let export = browser
        .client
        .find(Locator::Css("[data-testid='export-link']"))
        .await
        .unwrap()
        .attr("href")
        .await
        .unwrap();
    assert_eq!(export.as_deref(), Some("/api/v1/export/samples"));
    browser.type_into("sample-name", "Plasma pool").await;
    browser.type_into("sample-quantity", "10").await;
    browser.type_into("sample-unit", "ml").await;
    // Typed as on a smudged label: lower case, no dash.
    let code = lot["label_code"]
        .as_str()
        .unwrap()
        .replace('-', "")
        .to_lowercase();
    browser.type_into("sample-parent", &code).await;
    browser.type_into("sample-taken", "10").await;
    browser
        .click("[data-testid='sample-form'] button[type='submit']")
        .await;
    wait_until("the sample is listed", || async {
        browser
            .text_of("[data-testid='sample-row']")
            .await
            .contains("Plasma pool")
    })
    .await;
    let lot_now: serde_json::Value = app
        .get(&format!("/api/v1/lots/{}", lot["id"].as_str().unwrap()))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        lot_now["quantity"].as_f64(),
        Some(40.0),
        "10 mL taken from the lot"
    );

    browser.click("[data-testid='sample-row'] a").await;
    wait_until("on the sample page", || async {
        browser.text_of("[data-testid='sample-quantity']").await == "10 mL"
    })
    .await;
    assert!(browser
        .text_of("[data-testid='parent-row']")
        .await
        .contains("Human plasma"));
    browser.wait_for_hydration().await;
    browser.type_into("aliquot-count", "4").await;
    browser.type_into("aliquot-quantity", "2").await;
    browser
        .click("[data-testid='aliquot-form'] button[type='submit']")
        .await;
    wait_until("the aliquots are listed", || async {
        browser
            .text_of("[data-testid='sample-children']")
            .await
            .contains("Plasma pool · 4")
    })
    .await;
    assert_eq!(
        browser.text_of("[data-testid='sample-quantity']").await,
        "2 mL"
    );
    browser.type_into("aliquot-count", "3").await;
    browser.type_into("aliquot-quantity", "1").await;
    browser
        .click("[data-testid='aliquot-form'] button[type='submit']")
        .await;
    wait_until("the over-draw is explained", || async {
        browser
            .text_of("#aliquot-quantity-error")
            .await
            .contains("more than is left")
    })
    .await;
    assert_eq!(
        browser.text_of("[data-testid='sample-quantity']").await,
        "2 mL"
    );
    browser.screenshot("sample-aliquoted").await;
    browser.close().await;
}

/// A lapsed calibration shows on the instrument list and in the alerts; recording a new
/// calibration on the instrument's page clears it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_lapsed_calibration_shows_until_renewed() {
    let app = TestApp::spawn(Engine::Sqlite).await.unwrap();
    let balance: serde_json::Value = app
        .post_json(
            "/api/v1/instruments",
            &json!({"name": "Analytical balance"}),
        )
        .await
        .json()
        .await
        .unwrap();
    let today = chrono::Utc::now().date_naive();
    let res = app
        .post_json(
            &format!("/api/v1/instruments/{}/records", balance["id"].as_str().unwrap()),
            &json!({"kind": "calibration", "performed_on": (today - chrono::Duration::days(400)).to_string(), "valid_until": (today - chrono::Duration::days(35)).to_string()}),
        )
        .await;
    assert_eq!(res.status(), 201);
    let browser = Browser::start().await;
    browser
        .sign_in(&app.address, DEFAULT_EMAIL, PASSWORD, "/instruments")
        .await;
    assert!(browser
        .text_of("[data-testid='instrument-row'] [data-testid='calibration-badge']")
        .await
        .contains("calibration lapsed"));
    browser.client.goto(&app.url("/alerts")).await.unwrap();
    assert!(browser
        .text_of("[data-testid='alert-calibration']")
        .await
        .contains("Analytical balance"));
    browser.click("[data-testid='alert-calibration'] a").await;
    wait_until("on the instrument page", || async {
        browser
            .text_of("[data-testid='calibration-badge']")
            .await
            .contains("lapsed")
    })
    .await;
    browser.wait_for_hydration().await;
    // Date inputs take what is typed in the browser's own date format; set the value.
    for (id, value) in [
        ("record-performed-on", today.to_string()),
        (
            "record-valid-until",
            (today + chrono::Duration::days(365)).to_string(),
        ),
    ] {
        browser
            .client
            .execute(
                "document.getElementById(arguments[0]).value = arguments[1];",
                vec![json!(id), json!(value)],
            )
            .await
            .unwrap();
    }
    browser
        .type_into("record-performed-by", "Mettler service")
        .await;
    browser
        .click("[data-testid='record-form'] button[type='submit']")
        .await;
    wait_until("the calibration is valid", || async {
        browser
            .text_of("[data-testid='calibration-badge']")
            .await
            .starts_with("calibrated")
    })
    .await;
    assert!(browser
        .text_of("[data-testid='record-row']")
        .await
        .contains("Mettler service"));
    browser.screenshot("instrument-calibrated").await;
    browser.client.goto(&app.url("/alerts")).await.unwrap();
    assert_eq!(
        browser.text_of("[data-testid='alert-calibration']").await,
        ""
    );
    browser.close().await;
}

/// A partner team's member opening a lot shared with them reads its product's name on
/// the lot page (it was blank: the product itself is not shared).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_shared_lots_page_names_its_product() {
    let app = TestApp::spawn(Engine::Sqlite).await.unwrap();
    let lot = app
        .create_lot(
            "Agarose, low EEO",
            "chemical",
            json!({"quantity": 100, "unit": "g"}),
        )
        .await;
    let (partner, _) = app
        .person("partner@lab.test", "member", Some("Partners"))
        .await;
    let id = lot["id"].as_str().unwrap();
    app.share("lot", id, partner.memberships[0].team_id, "read")
        .await;
    let browser = Browser::start().await;
    browser
        .sign_in(
            &app.address,
            "partner@lab.test",
            PASSWORD,
            &format!("/lots/{id}"),
        )
        .await;
    let heading = browser.text_of("h1").await;
    assert!(heading.starts_with("Agarose, low EEO"), "{heading}");
    assert_eq!(
        browser.text_of("[data-testid='lot-quantity']").await,
        "100 g"
    );
    browser.close().await;
}

/// A lab's 120 samples, looked through on a tablet in French a page at a time: 50, then
/// 50 more, then the last 20, each once, in the order chosen, the search kept; "Première
/// page" goes back.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn paging_through_many_samples() {
    let app = TestApp::spawn(Engine::Sqlite).await.unwrap();
    for n in 0..120 {
        let res = app
            .post_json(
                "/api/v1/samples",
                &json!({"name": format!("Plasma {n:03}"), "quantity": 1, "unit": "mL"}),
            )
            .await;
        assert_eq!(res.status(), 201);
    }
    app.post_json(
        "/api/v1/samples",
        &json!({"name": "Serum", "quantity": 1, "unit": "mL"}),
    )
    .await;
    let browser = Browser::start().await;
    browser.client.set_window_size(1024, 768).await.unwrap();
    browser
        .sign_in(
            &app.address,
            DEFAULT_EMAIL,
            PASSWORD,
            "/samples?q=plasma&sort=name",
        )
        .await;
    browser.switch_to_french().await;
    let names = || browser.texts_of("[data-testid='sample-row'] a");
    let mut seen = names().await;
    assert_eq!(seen.len(), 50);
    assert_eq!(seen[0], "Plasma 000");
    assert!(browser
        .client
        .find(Locator::Css("[data-testid='first-page']"))
        .await
        .is_err());
    for expected in [50, 20] {
        assert_eq!(
            browser.text_of("[data-testid='next-page']").await,
            "Page suivante"
        );
        browser.click("[data-testid='next-page']").await;
        wait_until("the next page", || async {
            names().await.first() != seen.get(seen.len() - 50.min(seen.len()))
        })
        .await;
        let page = names().await;
        assert_eq!(page.len(), expected);
        seen.extend(page);
    }
    let wanted: Vec<String> = (0..120).map(|n| format!("Plasma {n:03}")).collect();
    assert_eq!(seen, wanted, "each once, in name order, the search kept");
    assert!(browser
        .client
        .find(Locator::Css("[data-testid='next-page']"))
        .await
        .is_err());
    assert!(browser.fits_width().await);
    browser.click("[data-testid='first-page']").await;
    wait_until("back on the first page", || async {
        names().await.first().map(String::as_str) == Some("Plasma 000")
    })
    .await;
    browser.close().await;
}

/// A lab manager checks the lots in French before ordering: every lot with its product,
/// quantity, status, expiry and place; then only the quarantined ones, only what is in
/// the freezer (its boxes included), only what expires within a month. Each filter stays
/// in the form and the address.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_manager_filters_the_lots() {
    let app = TestApp::spawn(Engine::Sqlite).await.unwrap();
    let id = |v: &serde_json::Value| v["id"].as_str().unwrap().to_owned();
    let freezer = app.create_location("Congélateur −20", None).await;
    let boxed = app
        .create_location("Boîte enzymes", Some(freezer["id"].as_str().unwrap()))
        .await;
    let shelf = app.create_location("Étagère solvants", None).await;
    let taq = app
        .create_lot(
            "Taq polymérase",
            "biological",
            json!({"quantity": 500, "unit": "µL", "expires_on": paillasse_tests::day(20), "location_id": id(&boxed)}),
        )
        .await;
    let ethanol = app
        .create_lot(
            "Éthanol absolu",
            "chemical",
            json!({"quantity": 2.5, "unit": "L", "expires_on": paillasse_tests::day(400), "location_id": id(&shelf)}),
        )
        .await;
    let suspicious = app
        .create_lot(
            "dNTP mix",
            "kit",
            json!({"quantity": 1, "unit": "mL", "expires_on": paillasse_tests::day(200), "location_id": id(&freezer)}),
        )
        .await;
    let res = app
        .patch_json(
            &format!("/api/v1/lots/{}", id(&suspicious)),
            &json!({"status": "quarantined"}),
        )
        .await;
    assert_eq!(res.status(), 200);
    let browser = Browser::start().await;
    browser.client.set_window_size(1024, 768).await.unwrap();
    browser
        .sign_in(&app.address, DEFAULT_EMAIL, PASSWORD, "/lots")
        .await;
    browser.switch_to_french().await;
    // Read in one go: the list may be redrawn between two reads of its rows.
    let rows = || async {
        let rows = browser
            .client
            .execute(
                "return [...document.querySelectorAll(\"[data-testid='lot-row']\")].map(r => r.innerText.replace(/\\s+/g, ' '));",
                vec![],
            )
            .await
            .unwrap();
        serde_json::from_value::<Vec<String>>(rows).unwrap()
    };
    let all = rows().await;
    assert_eq!(all.len(), 3, "{all:?}");
    let code = |lot: &serde_json::Value| lot["label_code"].as_str().unwrap().to_owned();
    assert!(
        all[1].contains("Éthanol absolu")
            && all[1].contains(&code(&ethanol))
            && all[1].contains("2,5 L")
            && all[1].contains("en usage")
            && all[1].contains("Étagère solvants"),
        "{}",
        all[1]
    );
    let filter = |field: &'static str, value: String| {
        let (browser, app) = (&browser, &app);
        async move {
            browser.client.goto(&app.url("/lots")).await.unwrap();
            browser.wait_for_hydration().await;
            let select = browser.client.find(Locator::Id(field)).await.unwrap();
            if select.tag_name().await.unwrap() == "select" {
                select.select_by_value(&value).await.unwrap();
            } else {
                browser.pick_date(field, &value).await;
            }
            browser
                .click("[data-testid='lot-filters'] button[type='submit']")
                .await;
            wait_until("the filtered list", || async {
                browser
                    .client
                    .current_url()
                    .await
                    .unwrap()
                    .query()
                    .is_some_and(|q| q.contains(&field.replace("lots-", "").replace('-', "_")))
            })
            .await;
            browser.wait_for_hydration().await;
        }
    };
    filter("lots-status", "quarantined".into()).await;
    let found = rows().await;
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0].contains("dNTP mix") && found[0].contains("en quarantaine"),
        "{}",
        found[0]
    );
    assert_eq!(
        browser.value_of("#lots-status").await,
        "quarantined",
        "the filter stays chosen"
    );

    filter("lots-within", id(&freezer)).await;
    let found = rows().await;
    assert_eq!(found.len(), 2, "the freezer and its box: {found:?}");
    assert!(
        found.iter().any(|r| r.contains(&code(&taq)))
            && found.iter().any(|r| r.contains(&code(&suspicious)))
    );

    filter("lots-expires-before", paillasse_tests::day(30)).await;
    let found = rows().await;
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].contains("Taq polymérase"));
    assert!(browser.fits_width().await);
    browser.screenshot("lots-filtered").await;
    browser.close().await;
}

/// A lab manager keeps a lot right from its page, in French on a tablet: quarantines it
/// (a consumption is then refused), releases it, and corrects its supplier lot number,
/// opened date and expiry; the page, the API and the history all show the changes.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn keeping_a_lot_from_its_page() {
    let app = TestApp::spawn(Engine::Sqlite).await.unwrap();
    let lot = app
        .create_lot(
            "Trypsine-EDTA",
            "biological",
            json!({"quantity": 100, "unit": "mL", "supplier_lot": "TR-0001", "expires_on": paillasse_tests::day(60)}),
        )
        .await;
    let path = format!("/lots/{}", lot["id"].as_str().unwrap());
    let browser = Browser::start().await;
    browser.client.set_window_size(1024, 768).await.unwrap();
    browser
        .sign_in(&app.address, DEFAULT_EMAIL, PASSWORD, &path)
        .await;
    browser.switch_to_french().await;
    assert_eq!(
        browser.text_of("[data-testid='lot-status-toggle']").await,
        "Mettre en quarantaine"
    );
    browser.click("[data-testid='lot-status-toggle']").await;
    wait_until("quarantined", || async {
        browser.text_of("[data-testid='lot-status']").await == "en quarantaine"
    })
    .await;
    let res = app
        .post_json(
            &format!("/api/v1/lots/{}/movements", lot["id"].as_str().unwrap()),
            &json!({"kind": "consume", "quantity": 1, "unit": "mL"}),
        )
        .await;
    assert_eq!(res.status(), 409, "a quarantined lot takes no consumption");
    wait_until("the release offered", || async {
        browser.text_of("[data-testid='lot-status-toggle']").await == "Lever la quarantaine"
    })
    .await;
    browser.click("[data-testid='lot-status-toggle']").await;
    wait_until("in use again", || async {
        browser.text_of("[data-testid='lot-status']").await == "en usage"
    })
    .await;

    assert_eq!(
        browser.value_of("#lot-supplier-lot").await,
        "TR-0001",
        "the current value, not a placeholder"
    );
    browser.type_into("lot-supplier-lot", "TR-0001-B").await;
    browser
        .pick_date("lot-expires-on", &paillasse_tests::day(30))
        .await;
    // Opened before it was received: refused, naming the field, nothing saved and
    // nothing typed lost.
    browser
        .pick_date("lot-opened-on", &paillasse_tests::day(-1))
        .await;
    browser.click("[data-testid='lot-correct']").await;
    wait_until("the opened date refused", || async {
        browser.text_of("#lot-opened-on-error").await == "est avant la réception du lot"
    })
    .await;
    assert_eq!(
        browser.text_of("[data-testid='lot-supplier-lot']").await,
        "TR-0001"
    );
    assert_eq!(browser.value_of("#lot-supplier-lot").await, "TR-0001-B");
    // Opened today, the day it came.
    browser
        .pick_date("lot-opened-on", &paillasse_tests::day(0))
        .await;
    browser.click("[data-testid='lot-correct']").await;
    wait_until("the corrections shown", || async {
        browser.text_of("[data-testid='lot-supplier-lot']").await == "TR-0001-B"
    })
    .await;
    assert_eq!(
        browser.text_of("[data-testid='lot-opened']").await,
        in_french(0)
    );
    assert_eq!(
        browser.text_of("[data-testid='lot-expires']").await,
        in_french(30)
    );
    let now: serde_json::Value = app
        .get(&format!("/api/v1/lots/{}", lot["id"].as_str().unwrap()))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        (
            now["supplier_lot"].as_str(),
            now["opened_on"].as_str(),
            now["expires_on"].as_str(),
            now["status"].as_str()
        ),
        (
            Some("TR-0001-B"),
            Some(paillasse_tests::day(0).as_str()),
            Some(paillasse_tests::day(30).as_str()),
            Some("in_use")
        )
    );
    let history: serde_json::Value = app
        .get(&format!(
            "/api/v1/history/lot/{}",
            lot["id"].as_str().unwrap()
        ))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        history.as_array().map(Vec::len),
        Some(4),
        "received, quarantined, released, corrected: {history}"
    );
    assert!(browser.fits_width().await);
    browser.close().await;
}

/// A lot's ledger read on a tablet in French: what the application wrote (received,
/// moved to a place, used in an entry) is in French, amounts with a decimal comma; what
/// a person typed as the reason stays as typed.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_lots_ledger_reads_in_french() {
    let app = TestApp::spawn(Engine::Sqlite).await.unwrap();
    let lot = app
        .create_lot("Trizol", "chemical", json!({"quantity": 100, "unit": "mL"}))
        .await;
    let id = lot["id"].as_str().unwrap();
    let fridge = app.create_location("Frigo 4 °C", None).await;
    let res = app
        .patch_json(
            &format!("/api/v1/lots/{id}"),
            &json!({"location_id": fridge["id"]}),
        )
        .await;
    assert_eq!(res.status(), 200);
    let entry: serde_json::Value = app
        .post_json("/api/v1/entries", &json!({"title": "Extraction ARN"}))
        .await
        .json()
        .await
        .unwrap();
    let res = app
        .post_json(
            &format!("/api/v1/entries/{}/usages", entry["id"].as_str().unwrap()),
            &json!({"lot_id": id, "quantity": 2.5, "unit": "mL"}),
        )
        .await;
    assert_eq!(res.status(), 201);
    let res = app
        .post_json(
            &format!("/api/v1/lots/{id}/movements"),
            &json!({"kind": "consume", "quantity": 1, "unit": "mL", "reason": "flacon renversé"}),
        )
        .await;
    assert_eq!(res.status(), 201);

    let browser = Browser::start().await;
    browser.client.set_window_size(1024, 768).await.unwrap();
    browser
        .sign_in(
            &app.address,
            DEFAULT_EMAIL,
            PASSWORD,
            &format!("/lots/{id}"),
        )
        .await;
    browser.switch_to_french().await;
    let rows = || async {
        let rows = browser
            .client
            .execute(
                "return [...document.querySelectorAll(\"[data-testid='movement-row']\")].map(r => [r.querySelector('.item-title').textContent.trim(), r.querySelector('.item-meta').textContent.split(' · ').slice(1).join(' · ')]);",
                vec![],
            )
            .await
            .unwrap();
        serde_json::from_value::<Vec<(String, String)>>(rows).unwrap()
    };
    let expected = [
        ("consommation -1 mL", "flacon renversé"),
        ("consommation -2,5 mL", "utilisé dans l’entrée n° 1"),
        ("rangement", "vers Frigo 4 °C"),
        ("réception +100 mL", "reçu"),
    ]
    .map(|(a, b)| (a.to_owned(), b.to_owned()));
    wait_until("the ledger's four lines", || async {
        rows().await.len() == 4
    })
    .await;
    assert_eq!(rows().await, expected);
    browser.close().await;
}

/// A lot's history as a French lab manager reads it: sentences with the person's name
/// ("ada l'a modifié"), field names and values in French ("Emplacement : Congélateur
/// −80 °C → Paillasse 3", "Statut : en usage → en quarantaine", "Quantité : 100 → 97,5"),
/// times with the day and the hour — no action codes, no field names, no ids.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_lots_history_reads_as_sentences_in_french() {
    let app = TestApp::spawn(Engine::Sqlite).await.unwrap();
    let freezer = app.create_location("Congélateur −80 °C", None).await;
    let bench = app.create_location("Paillasse 3", None).await;
    let lot = app
        .create_lot(
            "Tampon Tris 1 M",
            "chemical",
            json!({"quantity": 100, "unit": "mL", "location_id": freezer["id"]}),
        )
        .await;
    let lot_id = lot["id"].as_str().unwrap();
    for patch in [
        json!({"location_id": bench["id"]}),
        json!({"status": "quarantined"}),
    ] {
        let res = app
            .patch_json(&format!("/api/v1/lots/{lot_id}"), &patch)
            .await;
        assert_eq!(res.status(), 200, "{patch}");
    }
    let res = app
        .post_json(
            &format!("/api/v1/lots/{lot_id}/movements"),
            &json!({"kind": "adjust", "quantity": -2.5, "unit": "mL", "reason": "inventaire"}),
        )
        .await;
    assert_eq!(res.status(), 201);

    let browser = Browser::start().await;
    browser.client.set_window_size(360, 740).await.unwrap();
    browser
        .sign_in(
            &app.address,
            DEFAULT_EMAIL,
            PASSWORD,
            &format!("/lots/{lot_id}"),
        )
        .await;
    browser.switch_to_french().await;
    browser.click("[data-testid='history'] summary").await;
    let rows = || async {
        let rows = browser
            .client
            .execute(
                "return [...document.querySelectorAll(\"[data-testid='history-row']\")].map(r => r.innerText.replace(/\\s+/g, ' '));",
                vec![],
            )
            .await
            .unwrap();
        rows.as_array()
            .unwrap()
            .iter()
            .map(|r| r.as_str().unwrap().to_owned())
            .collect::<Vec<String>>()
    };
    wait_until("the history is listed", || async {
        rows().await.len() >= 4
    })
    .await;
    let rows = rows().await;
    let text = rows.join("\n");
    for expected in [
        "ada l’a créé",
        "Emplacement : Congélateur −80 °C → Paillasse 3",
        "ada l’a modifié",
        "Statut : en usage → en quarantaine",
        "ada a corrigé sa quantité",
        "Quantité : 100 → 97,5",
        // What a creation set, without a "before" it never had.
        "Emplacement : Congélateur −80 °C · ",
    ] {
        assert!(
            text.contains(&expected.replace('’', "'")) || text.contains(expected),
            "«{expected}» in:\n{text}"
        );
    }
    // Each row says when, to the minute, in French: "7 déc. 2026 à 14:05".
    for row in &rows {
        assert!(
            row.split(" à ")
                .nth(1)
                .is_some_and(|t| t.len() >= 5 && t.as_bytes()[2] == b':'),
            "a day and a time in {row}"
        );
    }
    for raw in ["lot.", "location_id", "quarantined", "in_use"] {
        assert!(!text.contains(raw), "{raw} shown raw in:\n{text}");
    }
    assert!(
        !text.split_whitespace().any(|w| uuid::Uuid::parse_str(
            w.trim_matches(|c: char| !c.is_ascii_hexdigit() && c != '-')
        )
        .is_ok()),
        "an id shown in:\n{text}"
    );
    assert!(browser.fits_width().await);
    browser.close().await;
}

/// The day `offset` days from today as a French page writes it ("6 janv. 2027").
fn in_french(offset: i64) -> String {
    let day = chrono::NaiveDate::parse_from_str(&paillasse_tests::day(offset), "%Y-%m-%d").unwrap();
    app::i18n::format_day(app::i18n::Locale::Fr, day)
}

/// Receiving at the bench on a phone, in French: Tris base is counted by mass, so only
/// mass units are offered (none is assumed); the lot goes straight into its box at its
/// position, on the day it came; what was received is said back with its label, and the
/// next step — printing the label — is one tap away.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn receiving_a_lot_into_its_box_and_printing_its_label() {
    let app = TestApp::spawn(Engine::Sqlite).await.unwrap();
    let first = app
        .create_lot(
            "Tris base",
            "chemical",
            json!({"quantity": 1, "unit": "kg"}),
        )
        .await;
    let product = first["product_id"].as_str().unwrap().to_owned();
    let the_box: serde_json::Value = app
        .post_json(
            "/api/v1/locations",
            &json!({"name": "Boîte R1", "grid": {"rows": 9, "cols": 9}}),
        )
        .await
        .json()
        .await
        .unwrap();
    let browser = Browser::start().await;
    browser.client.set_window_size(360, 740).await.unwrap();
    browser
        .sign_in(
            &app.address,
            DEFAULT_EMAIL,
            PASSWORD,
            &format!("/products/{product}"),
        )
        .await;
    browser.switch_to_french().await;
    let units = browser
        .client
        .execute(
            "return [...document.querySelectorAll('#lot-unit option')].map(o => o.value);",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(
        units,
        json!(["", "µg", "mg", "g", "kg"]),
        "mass units only, none chosen"
    );
    assert_eq!(
        browser.text_of("[data-testid='lot-counted']").await,
        "Ce produit se compte en masse."
    );
    assert!(
        !browser.value_of("#lot-received-on").await.is_empty(),
        "the day it came is shown, not assumed"
    );
    browser.type_into("lot-quantity", "500").await;
    browser.choose("lot-unit", "g").await;
    browser.pick_date("lot-received-on", &day(-2)).await;
    browser.choose("lot-location", "Boîte R1 (9×9)").await;
    browser.type_into("lot-position", "b3").await;
    browser
        .click("[data-testid='receive-form'] button[type='submit']")
        .await;
    wait_until("the receipt is said back", || async {
        browser
            .text_of("[data-testid='received']")
            .await
            .contains("reçu : 500 g")
    })
    .await;
    assert_eq!(
        browser.text_of("[data-testid='received-place']").await,
        "Boîte R1 · B3"
    );
    let lots: serde_json::Value = app
        .get(&format!(
            "/api/v1/lots?product_id={product}&within={}",
            the_box["id"].as_str().unwrap()
        ))
        .await
        .json()
        .await
        .unwrap();
    let lot = &lots["items"][0];
    assert_eq!(
        (
            lot["quantity"].as_f64(),
            lot["unit"].as_str(),
            lot["position"].as_str(),
            lot["received_on"].as_str()
        ),
        (Some(500.0), Some("g"), Some("B3"), Some(day(-2).as_str())),
        "{lots}"
    );
    let code = lot["label_code"].as_str().unwrap();
    assert!(browser
        .text_of("[data-testid='received']")
        .await
        .contains(code));
    let drawn = browser
        .client
        .execute(
            "const i = document.querySelector('.received-qr'); return i.complete && i.naturalWidth > 0;",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(drawn, json!(true), "the label's QR code is shown");
    assert!(browser.fits_width().await);
    browser
        .click("[data-testid='received'] [data-testid='print-link']")
        .await;
    wait_until("on the print page with the new label", || async {
        browser
            .client
            .current_url()
            .await
            .is_ok_and(|u| u.path() == "/print" && u.query().is_some_and(|q| q.contains(code)))
    })
    .await;

    // The next bottle: from the lot's page, "receive another like this" opens the form
    // with the same unit and place chosen; its box position is left to say.
    browser
        .client
        .goto(&app.url(&format!("/lots/{}", lot["id"].as_str().unwrap())))
        .await
        .unwrap();
    browser.wait_for_hydration().await;
    browser.click("[data-testid='receive-another']").await;
    wait_until("the receive form, prefilled", || async {
        browser.value_of("#lot-unit").await == "g"
    })
    .await;
    assert_eq!(
        browser.value_of("#lot-location").await,
        the_box["id"].as_str().unwrap()
    );
    assert_eq!(browser.value_of("#lot-position").await, "");
    assert_eq!(
        browser.value_of("#lot-quantity").await,
        "",
        "no amount assumed"
    );
    browser.close().await;
}

/// A refused form on a sample's page keeps what was typed beside its reason, in French:
/// asking for more aliquots than the sample holds, or using more than is left, says why
/// and leaves the figures there to correct (the page does not reload its data for a
/// refusal); nothing is taken.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refused_form_on_a_samples_page_keeps_what_was_typed() {
    let app = TestApp::spawn(Engine::Sqlite).await.unwrap();
    let sample: serde_json::Value = app
        .post_json(
            "/api/v1/samples",
            &json!({"name": "ARN foie", "quantity": 5, "unit": "µL"}),
        )
        .await
        .json()
        .await
        .unwrap();
    let id = sample["id"].as_str().unwrap();
    let browser = Browser::start().await;
    browser.client.set_window_size(360, 740).await.unwrap();
    browser
        .sign_in(
            &app.address,
            DEFAULT_EMAIL,
            PASSWORD,
            &format!("/samples/{id}"),
        )
        .await;
    browser.switch_to_french().await;
    browser.wait_for_hydration().await;
    browser.type_into("aliquot-count", "3").await;
    browser.type_into("aliquot-quantity", "2").await;
    browser
        .click("[data-testid='aliquot-form'] button[type='submit']")
        .await;
    wait_until("the refusal is explained", || async {
        !browser.text_of("#aliquot-quantity-error").await.is_empty()
    })
    .await;
    browser.type_into("movement-quantity", "9").await;
    browser
        .click("[data-testid='movement-form'] button[type='submit']")
        .await;
    wait_until("the over-draw is explained", || async {
        browser
            .text_of("#movement-quantity-error")
            .await
            .contains("dépasse ce qui reste")
    })
    .await;
    // Long enough for a reload of the page's data to have happened, had there been one.
    tokio::time::sleep(std::time::Duration::from_millis(1500)).await;
    assert_eq!(browser.value_of("#aliquot-count").await, "3");
    assert_eq!(browser.value_of("#aliquot-quantity").await, "2");
    assert_eq!(browser.value_of("#movement-quantity").await, "9");
    assert!(!browser.text_of("#aliquot-quantity-error").await.is_empty());
    assert_eq!(
        browser.text_of("[data-testid='sample-quantity']").await,
        "5 µL"
    );
    browser.close().await;
}

/// A lab manager corrects a product from its page, in French on a phone: a mistyped CAS
/// number is refused naming the field (what was typed stays), then corrected; hazards are
/// ticked as GHS pictograms, not typed as codes, and the page shows them with their
/// French names; the history says what changed. A viewer sees no form to correct it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn correcting_a_product_and_its_hazard_pictograms() {
    let app = TestApp::spawn(Engine::Sqlite).await.unwrap();
    let product: serde_json::Value = app
        .post_json(
            "/api/v1/products",
            &json!({"name": "Éthanol absolu", "kind": "chemical", "cas": "64-17-5", "hazards": ["GHS05"]}),
        )
        .await
        .json()
        .await
        .unwrap();
    let id = product["id"].as_str().unwrap().to_owned();
    let browser = Browser::start().await;
    browser.client.set_window_size(360, 740).await.unwrap();
    browser
        .sign_in(
            &app.address,
            DEFAULT_EMAIL,
            PASSWORD,
            &format!("/products/{id}"),
        )
        .await;
    browser.switch_to_french().await;
    browser.wait_for_hydration().await;
    browser.click("[data-testid='product-edit'] summary").await;
    browser.type_into("edit-cas", "64-17-6").await;
    browser.click("label[for='hazard-ghs05']").await;
    browser.click("label[for='hazard-ghs02']").await;
    browser.click("label[for='hazard-ghs07']").await;
    browser
        .click("[data-testid='product-edit-form'] button[type='submit']")
        .await;
    wait_until("the wrong CAS number is explained", || async {
        !browser.text_of("#edit-cas-error").await.is_empty()
    })
    .await;
    assert_eq!(
        browser.value_of("#edit-cas").await,
        "64-17-6",
        "what was typed stays"
    );
    let stored: serde_json::Value = app
        .get(&format!("/api/v1/products/{id}"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(stored["hazards"], json!(["GHS05"]), "nothing written");
    browser.type_into("edit-cas", "64-17-5 ").await;
    browser.type_into("edit-supplier", "Carlo Erba").await;
    browser
        .click("[data-testid='product-edit-form'] button[type='submit']")
        .await;
    wait_until("the hazards are shown as pictograms", || async {
        browser
            .client
            .execute(
                "const h = document.querySelector(\"dl [data-testid='product-hazards']\"); return h ? h.getAttribute('aria-label') : '';",
                vec![],
            )
            .await
            .unwrap()
            == json!("Inflammable, Nocif, irritant")
    })
    .await;
    let stored: serde_json::Value = app
        .get(&format!("/api/v1/products/{id}"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(stored["hazards"], json!(["GHS02", "GHS07"]));
    assert_eq!(stored["supplier"], "Carlo Erba");
    let drawn = browser
        .client
        .execute(
            "return [...document.querySelectorAll(\"dl [data-testid='product-hazards'] .ghs\")].map(g => [g.dataset.code, g.querySelector('svg polygon') !== null, g.title]);",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(
        drawn,
        json!([
            ["GHS02", true, "Inflammable"],
            ["GHS07", true, "Nocif, irritant"]
        ])
    );
    assert!(browser.fits_width().await);
    browser
        .client
        .execute(
            "document.querySelector(\"[data-testid='product-edit']\").open = true; document.querySelector(\"[data-testid='hazard-picker']\").scrollIntoView();",
            vec![],
        )
        .await
        .unwrap();
    browser.screenshot("product-hazards-fr-360").await;
    browser.click("[data-testid='history'] summary").await;
    wait_until("the history says what changed", || async {
        browser
            .text_of("[data-testid='history']")
            .await
            .contains("Dangers : Corrosif → Inflammable, Nocif, irritant")
    })
    .await;

    // A viewer reads the product, with no form to be refused by.
    let (_, _) = app.person("vera@lab.test", "viewer", Some("Lab")).await;
    browser.client.delete_all_cookies().await.unwrap();
    browser
        .sign_in(
            &app.address,
            "vera@lab.test",
            PASSWORD,
            &format!("/products/{id}"),
        )
        .await;
    wait_until("the viewer reads the product", || async {
        browser.text_of("[data-testid='product-name']").await == "Éthanol absolu"
    })
    .await;
    assert!(browser
        .client
        .find(Locator::Css("[data-testid='product-edit']"))
        .await
        .is_err());
    browser.close().await;
}

/// A lab manager on a phone, in French, reads a product with 61 lots: 50 on its page,
/// then the other 11 behind "Page suivante", each once; "receive another like this" from
/// a lot beyond the first page still fills in its unit.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_products_lots_are_paged() {
    let app = TestApp::spawn(Engine::Sqlite).await.unwrap();
    let first = app
        .create_lot("Ethanol", "chemical", json!({"quantity": 1, "unit": "L"}))
        .await;
    let product = first["product_id"].as_str().unwrap().to_owned();
    let mut codes = vec![first["label_code"].as_str().unwrap().to_owned()];
    let mut last = first.clone();
    for _ in 0..60 {
        last = app
            .post_json(
                "/api/v1/lots",
                &json!({"product_id": product, "quantity": 500, "unit": "mL"}),
            )
            .await
            .json()
            .await
            .unwrap();
        codes.push(last["label_code"].as_str().unwrap().to_owned());
    }
    let browser = Browser::start().await;
    browser.client.set_window_size(360, 740).await.unwrap();
    browser
        .sign_in(
            &app.address,
            DEFAULT_EMAIL,
            PASSWORD,
            &format!("/products/{product}"),
        )
        .await;
    browser.switch_to_french().await;
    let shown = || browser.texts_of("[data-testid='lot-row'] .label-code");
    let mut seen = shown().await;
    assert_eq!(seen.len(), 50);
    assert_eq!(
        browser.text_of("[data-testid='next-page']").await,
        "Page suivante"
    );
    assert!(browser.fits_width().await);
    browser.click("[data-testid='next-page']").await;
    wait_until("the second page", || async { shown().await.len() == 11 }).await;
    seen.extend(shown().await);
    assert_eq!(seen, codes, "each lot once, oldest first");
    assert!(browser
        .client
        .find(Locator::Css("[data-testid='next-page']"))
        .await
        .is_err());
    browser
        .client
        .goto(&app.url(&format!(
            "/products/{product}?like={}",
            last["id"].as_str().unwrap()
        )))
        .await
        .unwrap();
    wait_until("the receive form takes the lot's unit", || async {
        browser.value_of("#lot-unit").await == "mL"
    })
    .await;
    browser.close().await;
}
