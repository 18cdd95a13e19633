//! The notebook: writing an entry, starting one from a protocol, contributors, history and
//! the notebook's filters.

use fantoccini::Locator;
use paillasse_tests::{wait_until, Browser, Engine, TestApp, DEFAULT_EMAIL, PASSWORD};
use serde_json::json;

use crate::trace::traced_lab;

/// At the bench: an entry is started, its text typed (and kept by the tablet across a
/// reload before it was saved), a lot added by scanning its label with a keyboard-wedge
/// scanner, a photo attached, and the entry saved; reloaded, it all shows.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn writing_an_entry_with_a_scanned_lot_and_a_photo() {
    let app = TestApp::spawn(Engine::Sqlite).await.unwrap();
    let lot = app
        .create_lot(
            "PBS buffer",
            "chemical",
            json!({"quantity": 500, "unit": "mL", "supplier_lot": "SLBX1234"}),
        )
        .await;
    let code = lot["label_code"].as_str().unwrap().to_owned();
    let dir = tempfile::tempdir().unwrap();
    let photo = dir.path().join("gel.png");
    let png = app
        .get(&format!("/api/v1/labels/{code}/qr.png"))
        .await
        .bytes()
        .await
        .unwrap();
    std::fs::write(&photo, &png).unwrap();

    let browser = Browser::start().await;
    browser
        .sign_in(&app.address, DEFAULT_EMAIL, PASSWORD, "/notebook")
        .await;
    browser.wait_for_hydration().await;
    browser
        .type_into("entry-new-title", "Washing the cells")
        .await;
    browser
        .click("[data-testid='new-entry-form'] button[type='submit']")
        .await;
    wait_until("on the new entry's page", || async {
        browser
            .text_of("[data-testid='entry-title']")
            .await
            .contains("#1 Washing the cells")
    })
    .await;
    browser.wait_for_hydration().await;
    browser
        .type_into(
            "entry-text",
            "Washed twice in **PBS**.\n\n| step | min |\n|---|---|\n| spin | 5 |",
        )
        .await;
    // The tablet drops the page before saving: the text is offered back.
    let url = browser.client.current_url().await.unwrap();
    browser.client.goto(url.as_str()).await.unwrap();
    browser.wait_for_hydration().await;
    wait_until("the unsaved text is offered back", || async {
        !browser
            .text_of("[data-testid='draft-offer']")
            .await
            .is_empty()
    })
    .await;
    browser.click("[data-testid='draft-restore']").await;
    browser.click("[data-testid='entry-save']").await;
    wait_until("the text is saved as revision 2", || async {
        browser
            .text_of("[data-testid='entry-revision']")
            .await
            .starts_with("2 ")
    })
    .await;

    browser.type_into("usage-quantity", "5").await;
    browser.type_into("usage-unit", "mL").await;
    let field = browser
        .client
        .find(Locator::Id("usage-code"))
        .await
        .unwrap();
    field
        .send_keys(&format!("{}\n", code.to_lowercase()))
        .await
        .unwrap();
    // What it will do is shown first; the tap adds it.
    wait_until("the scanned lot is shown with what will remain", || async {
        browser
            .text_of("[data-testid='use-outcome']")
            .await
            .contains("495 mL will remain")
    })
    .await;
    browser.click("[data-testid='usage-submit']").await;
    wait_until("the scanned lot is in the materials", || async {
        let row = browser.text_of("[data-testid='usage-row']").await;
        row.contains("PBS buffer") && row.contains("5 mL") && row.contains("SLBX1234")
    })
    .await;

    let input = browser
        .client
        .find(Locator::Css(
            "[data-testid='entry-attach-form'] input[type='file']",
        ))
        .await
        .unwrap();
    input.send_keys(photo.to_str().unwrap()).await.unwrap();
    browser
        .click("[data-testid='entry-attach-form'] button[type='submit']")
        .await;
    wait_until("the photo is shown", || async {
        !browser
            .text_of("[data-testid='entry-image']")
            .await
            .is_empty()
    })
    .await;

    browser.client.goto(url.as_str()).await.unwrap();
    wait_until("everything is there after a reload", || async {
        let body = browser
            .client
            .find(Locator::Css("[data-testid='entry-body'] strong"))
            .await;
        let strong = match body {
            Ok(e) => e.text().await.unwrap_or_default(),
            Err(_) => String::new(),
        };
        strong == "PBS"
            && browser.text_of("[data-testid='entry-body'] td").await == "spin"
            && browser
                .text_of("[data-testid='usage-row']")
                .await
                .contains("PBS buffer")
            && browser
                .text_of("[data-testid='entry-image']")
                .await
                .contains("gel.png")
    })
    .await;
    assert!(
        browser
            .text_of("[data-testid='draft-offer']")
            .await
            .is_empty(),
        "a saved text is not offered again"
    );
    browser.screenshot("entry").await;
    let stock: serde_json::Value = app
        .get(&format!("/api/v1/lots/{}", lot["id"].as_str().unwrap()))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(stock["quantity"], 495.0);
    // The notebook lists it, and a date range without it does not.
    browser.client.goto(&app.url("/notebook")).await.unwrap();
    assert!(browser
        .text_of("[data-testid='entry-row']")
        .await
        .contains("#1 Washing the cells"));
    browser
        .client
        .goto(&app.url("/notebook?from=2000-01-01&to=2000-12-31"))
        .await
        .unwrap();
    assert_eq!(browser.text_of("[data-testid='entry-row']").await, "");
    browser.close().await;
}

/// A protocol written on its page starts an entry that lists its steps; a technician on a
/// phone, in French, ticks two of them with a tap (each says who did it when), unticks
/// one, and finds the same after a reload; the protocol then shows that version frozen.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn starting_an_entry_from_a_protocol_and_ticking_its_steps() {
    let app = TestApp::spawn(Engine::Sqlite).await.unwrap();
    let browser = Browser::start().await;
    browser.client.set_window_size(360, 740).await.unwrap();
    browser
        .sign_in(&app.address, DEFAULT_EMAIL, PASSWORD, "/protocols")
        .await;
    browser.switch_to_french().await;
    browser.type_into("protocol-name", "Bradford assay").await;
    browser
        .type_into(
            "protocol-steps",
            "Dilute the standards\nAdd the dye\nRead at 595 nm",
        )
        .await;
    browser
        .click("[data-testid='protocol-form'] button[type='submit']")
        .await;
    wait_until("the protocol is listed", || async {
        browser
            .text_of("[data-testid='protocol-row']")
            .await
            .contains("Bradford assay")
    })
    .await;
    browser.click("[data-testid='protocol-row'] a").await;
    wait_until("on the protocol's page", || async {
        browser.text_of("[data-testid='protocol-name']").await == "Bradford assay"
    })
    .await;
    browser.wait_for_hydration().await;
    browser.click("[data-testid='start-entry'] button").await;
    wait_until("the entry lists the steps", || async {
        browser.text_of("[data-testid='protocol-steps'] h2").await == "Bradford assay, version 1"
    })
    .await;
    let steps = || async {
        let read = browser
            .client
            .execute(
                "return [...document.querySelectorAll(\"[data-testid='protocol-step']\")].map(s => [s.querySelector('.step-text').textContent, s.querySelector('input').checked, (s.querySelector(\"[data-testid='step-done']\") || {textContent: ''}).textContent]);",
                vec![],
            )
            .await
            .unwrap();
        serde_json::from_value::<Vec<(String, bool, String)>>(read).unwrap()
    };
    let texts: Vec<String> = steps().await.into_iter().map(|s| s.0).collect();
    assert_eq!(
        texts,
        ["Dilute the standards", "Add the dye", "Read at 595 nm"]
    );
    assert!(
        browser
            .text_of("[data-testid='entry-body']")
            .await
            .is_empty(),
        "no checklist pasted into the text"
    );
    browser.wait_for_hydration().await;
    for (n, expected) in [
        (1, [true, false, false]),
        (2, [true, true, false]),
        (1, [false, true, false]),
    ] {
        browser
            .click(&format!(
                "[data-testid='protocol-step']:nth-child({n}) label"
            ))
            .await;
        // Ticked, and the stored state back from the server: who did it, or no one.
        wait_until(&format!("step {n} changes"), || async {
            steps()
                .await
                .iter()
                .map(|s| (s.1, !s.2.is_empty()))
                .eq(expected.iter().map(|e| (*e, *e)))
        })
        .await;
    }
    let now = steps().await;
    assert_eq!(
        now.iter().map(|s| s.1).collect::<Vec<_>>(),
        [false, true, false]
    );
    assert!(now[1].2.starts_with("fait par ada, "), "{now:?}");
    assert!(now[0].2.is_empty(), "{now:?}");
    let [w, h] = browser
        .client
        .execute(
            "const r = document.querySelector(\"[data-testid='protocol-step'] label\").getBoundingClientRect(); return [r.width, r.height];",
            vec![],
        )
        .await
        .unwrap()
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_f64().unwrap())
        .collect::<Vec<_>>()[..]
    else {
        unreachable!()
    };
    assert!(
        w >= 44.0 && h >= 44.0,
        "a step is tapped with a finger: {w}×{h}"
    );
    assert!(browser.fits_width().await);
    browser.client.refresh().await.unwrap();
    wait_until("the ticks are stored", || async {
        steps().await.iter().map(|s| s.1).collect::<Vec<_>>() == [false, true, false]
    })
    .await;
    assert!(browser
        .text_of("[data-testid='materials']")
        .await
        .contains("Bradford assay (version 1)"));
    browser.close().await;
}

/// On an entry's page a contributor is added by e-mail with a role (and taken off); the
/// history shows a changed title; the notebook narrows to an author and to what an entry
/// used, by label code.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn contributors_history_and_notebook_filters() {
    let app = TestApp::spawn(Engine::Sqlite).await.unwrap();
    let (ben, ben_token) = app
        .person(
            "ben@lab.test",
            "member",
            Some(paillasse_tests::DEFAULT_TEAM),
        )
        .await;
    let lab = traced_lab(&app).await;
    app.with_token(&ben_token)
        .post("/api/v1/entries", &json!({"title": "Ben's cloning"}))
        .await;
    app.patch_json(
        &format!("/api/v1/entries/{}", lab.entry),
        &json!({"title": "RNA extraction, liver"}),
    )
    .await;
    let browser = Browser::start().await;
    browser
        .sign_in(
            &app.address,
            DEFAULT_EMAIL,
            PASSWORD,
            &format!("/entries/{}", lab.entry),
        )
        .await;
    browser.wait_for_hydration().await;
    browser
        .type_into("contributor-email", "nobody@lab.test")
        .await;
    browser.type_into("contributor-role", "analysed").await;
    browser
        .click("[data-testid='contributor-form'] button[type='submit']")
        .await;
    wait_until("an unknown account is explained", || async {
        !browser.text_of("#contributor-email-error").await.is_empty()
    })
    .await;
    browser.type_into("contributor-email", "ben@lab.test").await;
    browser
        .click("[data-testid='contributor-form'] button[type='submit']")
        .await;
    wait_until("Ben is listed as having analysed", || async {
        browser
            .text_of("[data-testid='contributors']")
            .await
            .contains("ben · analysed")
    })
    .await;
    browser
        .click("details[data-testid='revisions'] summary")
        .await;
    assert!(browser
        .text_of("[data-testid='revision-title-change']")
        .await
        .contains("RNA extraction, liver"));
    browser.screenshot("entry-contributors").await;
    browser
        .click("[data-testid='contributor'] .inline-form button[type='submit']")
        .await;
    wait_until("Ben is taken off", || async {
        browser
            .text_of("[data-testid='contributors']")
            .await
            .is_empty()
    })
    .await;

    let listed = |path: String| {
        let browser = &browser;
        let app = &app;
        async move {
            browser.client.goto(&app.url(&path)).await.unwrap();
            let mut titles = Vec::new();
            for row in browser
                .client
                .find_all(Locator::Css("[data-testid='entry-row'] .item-title"))
                .await
                .unwrap()
            {
                titles.push(row.text().await.unwrap());
            }
            titles
        }
    };
    assert_eq!(
        listed(format!("/notebook?author={}", ben.id)).await,
        ["#1 Ben's cloning"]
    );
    let code = lab.lot["label_code"].as_str().unwrap();
    assert_eq!(
        listed(format!("/notebook?uses={code}")).await,
        ["#1 RNA extraction, liver"]
    );
    browser
        .client
        .goto(&app.url("/notebook?uses=ZZZZ-ZZZZ"))
        .await
        .unwrap();
    assert!(!browser
        .text_of("[data-testid='entry-uses-error']")
        .await
        .is_empty());

    // A notebook for a project, and an entry in it: numbered from 1 there.
    browser.client.goto(&app.url("/notebook")).await.unwrap();
    browser.wait_for_hydration().await;
    browser.click("details.new-notebook summary").await;
    browser.type_into("notebook-name", "Cloning").await;
    browser.type_into("notebook-project", "pGEX").await;
    browser
        .click("[data-testid='new-notebook-form'] button[type='submit']")
        .await;
    wait_until("the new notebook can be chosen", || async {
        browser
            .text_of("#entry-new-notebook")
            .await
            .contains("Cloning (pGEX)")
    })
    .await;
    let option = browser
        .client
        .find(Locator::XPath(
            "//select[@id='entry-new-notebook']/option[contains(., 'Cloning')]",
        ))
        .await
        .unwrap();
    option.click().await.unwrap();
    browser.type_into("entry-new-title", "Ligation").await;
    browser
        .click("[data-testid='new-entry-form'] button[type='submit']")
        .await;
    wait_until("the entry opens in the Cloning notebook", || async {
        browser.text_of("[data-testid='entry-title']").await == "#1 Ligation"
            && browser.text_of(".crumbs").await.contains("Cloning")
    })
    .await;
    browser.close().await;
}

/// Starting an entry in French: before the person has a notebook, "Mon cahier" (opened by
/// the first entry); once they have one, it is offered once, by its name, first and
/// chosen, beside their project's notebook; a new entry left there goes into it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_notebook_picker_lists_each_notebook_once() {
    let app = TestApp::spawn(Engine::Sqlite).await.unwrap();
    let browser = Browser::start().await;
    browser
        .sign_in(&app.address, DEFAULT_EMAIL, PASSWORD, "/notebook")
        .await;
    browser.switch_to_french().await;
    let choices = || async {
        browser
            .client
            .execute(
                "return [...document.querySelectorAll('#entry-new-notebook option')].map(o => [o.textContent, o.selected]);",
                vec![],
            )
            .await
            .unwrap()
    };
    assert_eq!(choices().await, json!([["Mon cahier", true]]));

    let first: serde_json::Value = app
        .post_json("/api/v1/entries", &json!({"title": "Première manip"}))
        .await
        .json()
        .await
        .unwrap();
    let project = app
        .post_json(
            "/api/v1/notebooks",
            &json!({"name": "Clonage", "project": "ANR-42"}),
        )
        .await;
    assert_eq!(project.status(), 201);
    browser.client.refresh().await.unwrap();
    browser.wait_for_hydration().await;
    assert_eq!(
        choices().await,
        json!([["Cahier de ada", true], ["Clonage (ANR-42)", false]])
    );
    browser.type_into("entry-new-title", "Deuxième manip").await;
    browser
        .click("[data-testid='new-entry-form'] button[type='submit']")
        .await;
    wait_until("on the new entry", || async {
        browser.client.current_url().await.unwrap().path() != "/notebook"
    })
    .await;
    let id = browser
        .client
        .current_url()
        .await
        .unwrap()
        .path()
        .rsplit('/')
        .next()
        .unwrap()
        .to_owned();
    let second: serde_json::Value = app
        .get(&format!("/api/v1/entries/{id}"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        second["notebook_id"], first["notebook_id"],
        "into the own notebook"
    );
    browser.close().await;
}

/// A notebook kept for a year holds more than 500 entries. On a phone in French the
/// newest comes first, 50 at a time, the filter kept from page to page: the list used to
/// read the 500 oldest and turn them round, so this week's entries never showed.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_long_notebook_shows_its_newest_entries_first() {
    let app = TestApp::spawn(Engine::Sqlite).await.unwrap();
    for n in 1..=505 {
        let res = app
            .post_json(
                "/api/v1/entries",
                &json!({"title": format!("Manip {n:03}"), "tags": ["pcr"]}),
            )
            .await;
        assert_eq!(res.status(), 201);
    }
    app.post_json("/api/v1/entries", &json!({"title": "Réunion"}))
        .await;
    let browser = Browser::start().await;
    browser.client.set_window_size(360, 740).await.unwrap();
    browser
        .sign_in(&app.address, DEFAULT_EMAIL, PASSWORD, "/notebook?tag=pcr")
        .await;
    browser.switch_to_french().await;
    let titles = || browser.texts_of("[data-testid='entry-row'] .item-title");
    let expected = |from: u32| -> Vec<String> {
        (0..50)
            .map(|k| format!("#{} Manip {:03}", from - k, from - k))
            .collect()
    };
    assert_eq!(titles().await, expected(505), "this week's entries first");
    assert!(browser
        .client
        .find(Locator::Css("[data-testid='first-page']"))
        .await
        .is_err());
    assert_eq!(
        browser.text_of("[data-testid='next-page']").await,
        "Page suivante"
    );
    assert!(browser.fits_width().await);
    browser.click("[data-testid='next-page']").await;
    wait_until("the next page", || async {
        titles().await.first().map(String::as_str) == Some("#455 Manip 455")
    })
    .await;
    assert_eq!(titles().await, expected(455), "the next 50, the tag kept");
    browser.click("[data-testid='first-page']").await;
    wait_until("back on the first page", || async {
        titles().await.first().map(String::as_str) == Some("#505 Manip 505")
    })
    .await;
    browser.close().await;
}

/// A reader of an entry in French sees each instrument's calibration over its use in the
/// materials table, good as well as bad: "étalonné jusqu’au …" for a balance calibrated
/// through the use, the lapsed cycler flagged with the day its calibration ran to.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_materials_table_shows_each_instruments_calibration() {
    let app = TestApp::spawn(Engine::Sqlite).await.unwrap();
    let lab = traced_lab(&app).await;
    let balance: serde_json::Value = app
        .post_json("/api/v1/instruments", &json!({"name": "Balance"}))
        .await
        .json()
        .await
        .unwrap();
    let balance_id = balance["id"].as_str().unwrap();
    app.post_json(
        &format!("/api/v1/instruments/{balance_id}/records"),
        &json!({"kind": "calibration", "performed_on": paillasse_tests::day(-40), "valid_until": paillasse_tests::day(300)}),
    )
    .await;
    let day = paillasse_tests::day(-30);
    let res = app
        .post_json(
            &format!("/api/v1/entries/{}/usages", lab.entry),
            &json!({"instrument_id": balance_id, "started_at": format!("{day}T11:00:00Z"), "ended_at": format!("{day}T11:30:00Z")}),
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
            &format!("/entries/{}", lab.entry),
        )
        .await;
    browser.switch_to_french().await;
    let details = |name: &'static str| {
        let browser = &browser;
        async move {
            let text = browser
                .client
                .execute(
                    "const row = [...document.querySelectorAll(\"[data-testid='usage-row']\")].find(r => r.cells[2].textContent.startsWith(arguments[0])); return row ? row.cells[3].textContent : '';",
                    vec![json!(name)],
                )
                .await
                .unwrap();
            text.as_str().unwrap_or_default().to_owned()
        }
    };
    wait_until("the balance's calibration", || async {
        details("Balance").await.starts_with("étalonné jusqu’au ")
    })
    .await;
    assert!(
        details("Thermocycler")
            .await
            .starts_with("étalonnage valable seulement jusqu’au "),
        "{}",
        details("Thermocycler").await
    );
    assert!(browser.fits_width().await);
    browser.close().await;
}

/// Adding a photo to an entry on a phone, in French, in the middle of typing its text: the
/// button that opens the camera is the page's own, in French and finger-sized (not the
/// browser's tiny "Choose File"), it asks for the back camera, the chosen photo's name
/// shows before it is sent; once sent the photo is in the entry and the page did not
/// reload: the unsaved text is still there. A file that is not what its name says is
/// refused in French, on the spot.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_photo_is_taken_with_a_french_finger_sized_button() {
    let app = TestApp::spawn(Engine::Sqlite).await.unwrap();
    let entry: serde_json::Value = app
        .post_json(
            "/api/v1/entries",
            &json!({"title": "Gel d'agarose", "body": ""}),
        )
        .await
        .json()
        .await
        .unwrap();
    let lot = app
        .create_lot("Agarose", "chemical", json!({"quantity": 100, "unit": "g"}))
        .await;
    let png = app
        .get(&format!(
            "/api/v1/labels/{}/qr.png",
            lot["label_code"].as_str().unwrap()
        ))
        .await
        .bytes()
        .await
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let photo = dir.path().join("gel-2026.png");
    std::fs::write(&photo, &png).unwrap();

    let browser = Browser::start().await;
    browser.client.set_window_size(360, 740).await.unwrap();
    browser
        .sign_in(
            &app.address,
            DEFAULT_EMAIL,
            PASSWORD,
            &format!("/entries/{}", entry["id"].as_str().unwrap()),
        )
        .await;
    browser.switch_to_french().await;
    browser
        .type_into("entry-text", "Migration 30 min à 100 V")
        .await;
    browser.mark_document().await;
    let form = "[data-testid='entry-photo-form']";
    let button = browser
        .client
        .execute(
            &format!(
                "const l = document.querySelector(\"{form} .file-pick label\"); const r = l.getBoundingClientRect(); const i = l.querySelector('input'); return [l.innerText.trim(), r.height, i.getAttribute('capture'), getComputedStyle(i).opacity];"
            ),
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(button[0], "Prendre une photo");
    assert!(button[1].as_f64().unwrap() >= 44.0, "{button}");
    assert_eq!(button[2], "environment", "the back camera");
    assert_eq!(button[3], "0", "the browser's own picker is not seen");
    assert_eq!(
        browser
            .text_of(&format!("{form} [data-testid='file-chosen']"))
            .await,
        "Aucun fichier choisi"
    );
    let input = browser
        .client
        .find(Locator::Css(&format!("{form} input[type='file']")))
        .await
        .unwrap();
    input.send_keys(photo.to_str().unwrap()).await.unwrap();
    wait_until("the chosen photo is named", || async {
        browser
            .text_of(&format!("{form} [data-testid='file-chosen']"))
            .await
            == "gel-2026.png"
    })
    .await;
    assert!(browser.fits_width().await);
    browser
        .click(&format!("{form} button[type='submit']"))
        .await;
    wait_until("the photo is in the entry", || async {
        !browser
            .text_of("[data-testid='entry-image']")
            .await
            .is_empty()
    })
    .await;
    assert!(browser
        .text_of("[data-testid='entry-image']")
        .await
        .contains("gel-2026.png"));
    assert!(
        browser.document_is_marked().await,
        "the page did not reload"
    );
    assert_eq!(
        browser.value_of("#entry-text").await,
        "Migration 30 min à 100 V",
        "the text being typed is still there"
    );
    assert_eq!(
        browser
            .text_of(&format!("{form} [data-testid='file-chosen']"))
            .await,
        "Aucun fichier choisi",
        "ready for the next photo"
    );
    let fake = dir.path().join("photo.png");
    std::fs::write(&fake, "not a picture at all").unwrap();
    input.send_keys(fake.to_str().unwrap()).await.unwrap();
    browser
        .click(&format!("{form} button[type='submit']"))
        .await;
    wait_until("the fake photo is refused in French", || async {
        browser
            .text_of(&format!("{form} [data-testid='upload-error']"))
            .await
            == "Le fichier n’est pas du type annoncé (un fichier renommé, par exemple)."
    })
    .await;
    assert!(browser.document_is_marked().await);
    let saved: serde_json::Value = app
        .get(&format!(
            "/api/v1/entries/{}/attachments",
            entry["id"].as_str().unwrap()
        ))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(saved.as_array().map(Vec::len), Some(1), "{saved}");
    browser.close().await;
}
