//! The page as a whole: the language switch, and a phone's header and bottom bar (every
//! page's fit at each size is `fit`'s).

use fantoccini::Locator;
use paillasse_tests::{wait_until, Browser, Engine, TestApp, DEFAULT_EMAIL, PASSWORD};
use serde_json::json;

use crate::locations::open_locations;

/// The language switch re-renders the page in French in place, and the choice sticks for
/// the next server-rendered page.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn switching_to_french_in_place() {
    let app = TestApp::spawn(Engine::Sqlite).await.unwrap();
    app.create_location("Paillasse 3", None).await;
    let browser = open_locations(&app).await;
    let heading = || async {
        browser
            .client
            .find(Locator::Css("h1"))
            .await
            .unwrap()
            .text()
            .await
            .unwrap()
    };
    assert_eq!(heading().await, "Storage locations");
    browser.mark_document().await;

    browser
        .client
        .find(Locator::Css("a[hreflang='fr']"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    wait_until("the heading is French", || async {
        heading().await == "Emplacements de stockage"
    })
    .await;
    assert!(
        browser.document_is_marked().await,
        "switched without reloading"
    );
    let lang = browser
        .client
        .execute("return document.documentElement.lang;", vec![])
        .await
        .unwrap();
    assert_eq!(lang, json!("fr"));
    let date = browser
        .client
        .find(Locator::Css(".tree-date"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(!date.contains(','), "French date format: {date}");
    browser.screenshot("locations-french").await;

    browser.client.refresh().await.unwrap();
    browser.wait_for_hydration().await;
    assert_eq!(heading().await, "Emplacements de stockage");
    browser.close().await;
}

/// On a phone in French the header is one line and the bottom bar holds the four places a
/// technician uses and "Plus", all on screen; "Plus" opens the other places and signing
/// out, and folds away once one is opened.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_phone_shows_four_places_and_more() {
    let app = TestApp::spawn(Engine::Sqlite).await.unwrap();
    let browser = Browser::start().await;
    browser.client.set_window_size(360, 740).await.unwrap();
    browser
        .sign_in(&app.address, DEFAULT_EMAIL, PASSWORD, "/scan")
        .await;
    browser.switch_to_french().await;
    let bar = |js: &'static str| {
        let client = browser.client.clone();
        async move { client.execute(js, vec![]).await.unwrap() }
    };
    // Every item of the bar visible, inside the screen, finger-sized, its word whole.
    let items = bar(
        "return [...document.querySelectorAll('.app-nav > .nav-item, .app-nav > .nav-more > summary')]
            .filter(e => e.checkVisibility())
            .map(e => { const r = e.getBoundingClientRect(); const word = e.lastElementChild;
                return [e.innerText.replace(/\\s+/g, ' ').trim(), r.left >= 0 && r.right <= document.documentElement.clientWidth && r.bottom <= window.innerHeight,
                        r.width >= 44 && r.height >= 44, word.scrollWidth <= word.clientWidth]; });",
    )
    .await;
    assert_eq!(
        items,
        json!([
            ["▣ Scanner", true, true, true],
            ["✎ Cahier", true, true, true],
            ["⚗ Stock", true, true, true],
            ["⌕ Chercher", true, true, true],
            ["⋯ Plus", true, true, true]
        ])
    );
    let header =
        bar("return document.querySelector('.app-header').getBoundingClientRect().height;").await;
    assert!(
        header.as_f64().unwrap() < 80.0,
        "the header is one line: {header}"
    );
    assert!(!browser
        .client
        .find(Locator::Css("[data-testid='logout-more']"))
        .await
        .unwrap()
        .is_displayed()
        .await
        .unwrap());

    browser.click("[data-testid='nav-more']").await;
    let more = bar(
        "return [...document.querySelectorAll('.nav-more-items .nav-item')].filter(e => e.checkVisibility()).map(e => e.innerText.replace(/\\s+/g, ' ').trim());",
    )
    .await;
    assert_eq!(
        more,
        json!([
            "⇄ Traçabilité",
            "▤ Lots",
            "▦ Emplacements",
            "◈ Échantillons",
            "⚖ Appareils",
            "⚠ Alertes",
            "◎ Équipes",
            "◉ Compte"
        ])
    );
    assert!(browser
        .client
        .find(Locator::Css("[data-testid='logout-more']"))
        .await
        .unwrap()
        .is_displayed()
        .await
        .unwrap());
    assert!(browser.fits_width().await);
    browser.screenshot("phone-more").await;

    browser.click(".nav-more-items a[href='/samples']").await;
    wait_until("on the samples page", || async {
        browser.client.current_url().await.unwrap().path() == "/samples"
    })
    .await;
    wait_until("Plus folded away", || async {
        bar("return document.querySelector('.nav-more').open;").await == json!(false)
    })
    .await;
    let current = bar(
        "return getComputedStyle(document.querySelector('[data-testid=nav-more]')).fontWeight;",
    )
    .await;
    assert_eq!(
        current,
        json!("700"),
        "Plus is marked: the page is one of its places"
    );
    browser.close().await;
}

/// Each tab says what it shows, in the reader's language: the page, or the thing with
/// its label code, then "Paillasse".
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_tab_is_titled_by_its_page() {
    let app = TestApp::spawn(Engine::Sqlite).await.unwrap();
    let lot = app
        .create_lot("Agarose", "chemical", json!({"quantity": 100, "unit": "g"}))
        .await;
    let code = lot["label_code"].as_str().unwrap();
    let browser = Browser::start().await;
    browser
        .sign_in(&app.address, DEFAULT_EMAIL, PASSWORD, "/scan")
        .await;
    let title = || async { browser.client.title().await.unwrap() };
    assert_eq!(title().await, "Scan · Paillasse");
    browser.switch_to_french().await;
    wait_until("the title is French", || async {
        title().await == "Scanner · Paillasse"
    })
    .await;
    for (page, expected) in [
        (
            format!("/lots/{}", lot["id"].as_str().unwrap()),
            format!("Agarose {code} · Paillasse"),
        ),
        (
            "/products".to_owned(),
            "Produits et stock · Paillasse".to_owned(),
        ),
        (
            "/notebook".to_owned(),
            "Cahier de laboratoire · Paillasse".to_owned(),
        ),
        (
            "/no/such/page".to_owned(),
            "Page introuvable · Paillasse".to_owned(),
        ),
    ] {
        browser.client.goto(&app.url(&page)).await.unwrap();
        browser.wait_for_hydration().await;
        assert_eq!(title().await, expected, "{page}");
    }
    browser.close().await;
}
