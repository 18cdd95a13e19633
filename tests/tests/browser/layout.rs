//! The page as a whole: the language switch, and a narrow phone's screen.

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

/// On a 360 px wide phone the pages fit without sideways scrolling and the targets stay
/// finger-sized.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_pages_fit_a_narrow_phone() {
    let app = TestApp::spawn(Engine::Sqlite).await.unwrap();
    app.create_location(
        "A location with a rather long name that has to wrap on a phone",
        None,
    )
    .await;
    let browser = Browser::start().await;
    browser.client.set_window_size(360, 740).await.unwrap();
    browser
        .sign_in(&app.address, DEFAULT_EMAIL, PASSWORD, "/locations")
        .await;
    for page in [
        "/locations",
        "/account",
        "/teams",
        "/products",
        "/samples",
        "/instruments",
        "/alerts",
        "/search?q=plasma",
        "/notebook",
        "/scan?mode=move",
        "/print?codes=0000-0000",
        "/login",
    ] {
        if page != "/locations" {
            browser.client.goto(&app.url(page)).await.unwrap();
            browser.wait_for_hydration().await;
        }
        let fits = browser
            .client
            .execute(
                "return document.documentElement.scrollWidth <= window.innerWidth;",
                vec![],
            )
            .await
            .unwrap();
        assert_eq!(fits, json!(true), "no horizontal scrolling on {page}");
        // Checkboxes are reached through their (finger-sized) label.
        let small = browser
            .client
            .execute(
                "return [...document.querySelectorAll('button, a.nav-item, a.lang-option, input:not([type=hidden]):not([type=checkbox]), select, label.check')]
                    .filter(e => e.getBoundingClientRect().height < 44)
                    .map(e => e.outerHTML.slice(0, 120) + ' ' + e.getBoundingClientRect().height);",
                vec![],
            )
            .await
            .unwrap();
        assert_eq!(small, json!([]), "touch targets under 44 px on {page}");
        browser
            .screenshot(&format!("phone{}", page.replace('/', "-")))
            .await;
    }
    browser.close().await;
}
