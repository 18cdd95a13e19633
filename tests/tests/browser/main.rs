//! The hydrated UI in a real headless Chromium. Screenshots land in
//! `target/browser-screenshots/`.

use std::time::Duration;

use fantoccini::Locator;
use paillasse_tests::{Browser, Engine, TestApp, DEFAULT_EMAIL, PASSWORD};
use serde_json::json;

mod bench;
mod markup;

async fn row_names(browser: &Browser) -> Vec<String> {
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
async fn open_locations(app: &TestApp) -> Browser {
    let browser = Browser::start().await;
    browser
        .sign_in(&app.address, DEFAULT_EMAIL, PASSWORD, "/locations")
        .await;
    browser
}

async fn submit_add_form(browser: &Browser) {
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

/// Marks the current document; a full page load would lose the mark.
async fn mark_document(browser: &Browser) {
    browser
        .client
        .execute("window.__paillasseMark = 42;", vec![])
        .await
        .unwrap();
}

async fn document_is_marked(browser: &Browser) -> bool {
    browser
        .client
        .execute("return window.__paillasseMark === 42;", vec![])
        .await
        .unwrap()
        == json!(true)
}

async fn wait_until<F, Fut>(what: &str, mut check: F)
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = bool>,
{
    for _ in 0..200 {
        if check().await {
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("timed out waiting until {what}");
}

/// After hydration, adding a location through the form shows it in the tree without a
/// page load, under its parent, and it is stored.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn adding_a_location_updates_the_page_in_place() {
    let app = TestApp::spawn(Engine::Sqlite).await.unwrap();
    let room = app.create_location("Room 214", None).await;
    let browser = open_locations(&app).await;
    assert_eq!(row_names(&browser).await, ["Room 214"]);
    mark_document(&browser).await;

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
    assert!(document_is_marked(&browser).await, "no navigation happened");
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
    mark_document(&browser).await;

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
    assert!(document_is_marked(&browser).await);
    browser.screenshot("locations-refused").await;
    assert_eq!(app.count("locations").await, 0);
    browser.close().await;
}

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
    mark_document(&browser).await;

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
        document_is_marked(&browser).await,
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

/// The sign-in flow as a person meets it: a page asks them to sign in and brings them
/// back; a wrong password is explained; signing out ends the session.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn signing_in_and_out() {
    let app = TestApp::spawn(Engine::Sqlite).await.unwrap();
    let browser = Browser::start().await;
    browser.client.goto(&app.url("/locations")).await.unwrap();
    let url = browser.client.current_url().await.unwrap();
    assert_eq!(
        url.path(),
        "/login",
        "a signed-out visit goes to the sign-in page"
    );
    assert_eq!(url.query(), Some("next=%2Flocations"));
    browser.wait_for_hydration().await;

    browser
        .fill_login(DEFAULT_EMAIL, "not my password at all")
        .await;
    let error = browser
        .client
        .find(Locator::Css("[data-testid='login-error']"))
        .await
        .unwrap();
    wait_until("the refusal is shown", || async {
        error
            .text()
            .await
            .unwrap()
            .contains("Wrong e-mail or password")
    })
    .await;
    browser.screenshot("login-refused").await;

    browser.fill_login(DEFAULT_EMAIL, PASSWORD).await;
    wait_until("back on the locations page", || async {
        browser.client.current_url().await.unwrap().path() == "/locations"
    })
    .await;
    browser.wait_for_hydration().await;
    let name = browser
        .client
        .find(Locator::Css("[data-testid='user-name']"))
        .await
        .unwrap();
    assert_eq!(name.text().await.unwrap(), "ada");
    browser.screenshot("signed-in").await;

    browser
        .client
        .find(Locator::Css("[data-testid='logout']"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    wait_until("on the sign-in page", || async {
        browser.client.current_url().await.unwrap().path() == "/login"
    })
    .await;
    browser.client.goto(&app.url("/locations")).await.unwrap();
    assert_eq!(
        browser.client.current_url().await.unwrap().path(),
        "/login",
        "signed out for good"
    );
    browser.close().await;
}

async fn type_into(browser: &Browser, id: &str, text: &str) {
    let field = browser.client.find(Locator::Id(id)).await.unwrap();
    field.clear().await.unwrap();
    field.send_keys(text).await.unwrap();
}

/// Taps what `css` finds, scrolled to the middle of the screen first as a person would
/// (a phone's bottom bar covers the lowest 4 rem).
async fn click(browser: &Browser, css: &str) {
    let element = browser.client.find(Locator::Css(css)).await.unwrap();
    browser
        .client
        .execute(
            "arguments[0].scrollIntoView({block: 'center'});",
            vec![serde_json::to_value(&element).unwrap()],
        )
        .await
        .unwrap();
    element.click().await.unwrap();
}

async fn text_of(browser: &Browser, css: &str) -> String {
    match browser.client.find(Locator::Css(css)).await {
        Ok(e) => e.text().await.unwrap_or_default(),
        Err(_) => String::new(),
    }
}

/// On the account page a person creates an API token (shown once, and it works), revokes
/// it, and changes their password (the current one is checked).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_account_page_manages_tokens_and_the_password() {
    let app = TestApp::spawn(Engine::Sqlite).await.unwrap();
    let browser = Browser::start().await;
    browser
        .sign_in(&app.address, DEFAULT_EMAIL, PASSWORD, "/account")
        .await;

    type_into(&browser, "token-name", "plate reader").await;
    click(&browser, "[data-testid='token-form'] button[type='submit']").await;
    wait_until("the new token is shown", || async {
        text_of(&browser, "[data-testid='new-token']")
            .await
            .starts_with("pai_")
    })
    .await;
    let token = text_of(&browser, "[data-testid='new-token']").await;
    assert_eq!(
        app.with_token(&token)
            .get("/api/v1/locations")
            .await
            .status(),
        200
    );
    wait_until("the token is listed", || async {
        text_of(&browser, "[data-testid='token-row']")
            .await
            .contains("plate reader")
    })
    .await;
    browser.screenshot("account-token-created").await;

    click(&browser, "[data-testid='revoke-token']").await;
    wait_until("the token is marked revoked", || async {
        text_of(&browser, "[data-testid='token-row']")
            .await
            .contains("revoked")
    })
    .await;
    assert_eq!(
        app.with_token(&token)
            .get("/api/v1/locations")
            .await
            .status(),
        401
    );

    type_into(&browser, "current-password", "not my password at all").await;
    type_into(&browser, "new-password", "a new passphrase for ada").await;
    click(
        &browser,
        "[data-testid='password-form'] button[type='submit']",
    )
    .await;
    wait_until("the wrong current password is explained", || async {
        text_of(&browser, "#current-password-error")
            .await
            .contains("is not right")
    })
    .await;
    type_into(&browser, "current-password", PASSWORD).await;
    type_into(&browser, "new-password", "a new passphrase for ada").await;
    click(
        &browser,
        "[data-testid='password-form'] button[type='submit']",
    )
    .await;
    wait_until("the change is confirmed", || async {
        text_of(&browser, "[data-testid='password-flash']")
            .await
            .contains("Password changed")
    })
    .await;
    let login = app
        .with_token("")
        .post(
            "/api/v1/auth/login",
            &json!({"email": DEFAULT_EMAIL, "password": "a new passphrase for ada"}),
        )
        .await;
    assert_eq!(login.status(), 200);
    browser.screenshot("account-password-changed").await;
    browser.close().await;
}

/// An admin creates a team and an account; the team's manager adds the person to the
/// team; the person then sees the team but cannot manage it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn admins_and_managers_manage_people_and_teams() {
    let app = TestApp::spawn(Engine::Sqlite).await.unwrap();
    app.person("root@lab.test", "admin", None).await;
    let admin = Browser::start().await;
    admin
        .sign_in(&app.address, "root@lab.test", PASSWORD, "/people")
        .await;
    type_into(&admin, "person-name", "Irène").await;
    type_into(&admin, "person-email", "irene@lab.test").await;
    type_into(&admin, "person-password", "first password to change").await;
    click(&admin, "[data-testid='person-form'] button[type='submit']").await;
    wait_until("the account is listed", || async {
        let rows = admin
            .client
            .find_all(Locator::Css("[data-testid='person-row']"))
            .await
            .unwrap();
        let mut all = String::new();
        for r in rows {
            all.push_str(&r.text().await.unwrap());
        }
        all.contains("irene@lab.test")
    })
    .await;
    admin.screenshot("people-created").await;
    admin.client.goto(&app.url("/teams")).await.unwrap();
    admin.wait_for_hydration().await;
    type_into(&admin, "team-name", "Crystallography").await;
    click(&admin, "[data-testid='team-form'] button[type='submit']").await;
    wait_until("the team is shown", || async {
        text_of(&admin, "main").await.contains("Crystallography")
    })
    .await;
    admin.close().await;

    // Ada manages team Lab: she adds Irène as a viewer.
    let manager = Browser::start().await;
    manager
        .sign_in(&app.address, DEFAULT_EMAIL, PASSWORD, "/teams")
        .await;
    let form = "[data-testid='member-form']";
    let email = manager
        .client
        .find(Locator::Css(&format!("{form} input[name='email']")))
        .await
        .unwrap();
    email.send_keys("irene@lab.test").await.unwrap();
    manager
        .client
        .find(Locator::Css(&format!("{form} select[name='role']")))
        .await
        .unwrap()
        .select_by_value("viewer")
        .await
        .unwrap();
    click(&manager, &format!("{form} button[type='submit']")).await;
    wait_until("Irène is in the team", || async {
        text_of(&manager, "[data-testid='team-card']")
            .await
            .contains("Irène")
    })
    .await;
    manager.screenshot("team-member-added").await;
    manager.close().await;

    let irene = service::accounts::people::find_by_email(&app.db.conn, "irene@lab.test")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(irene.memberships.len(), 1);
    assert_eq!(irene.memberships[0].role, domain::person::TeamRole::Viewer);

    let viewer = Browser::start().await;
    viewer
        .sign_in(
            &app.address,
            "irene@lab.test",
            "first password to change",
            "/teams",
        )
        .await;
    assert!(text_of(&viewer, "[data-testid='team-card']")
        .await
        .contains("Lab"));
    assert!(
        viewer
            .client
            .find_all(Locator::Css("[data-testid='member-form']"))
            .await
            .unwrap()
            .is_empty(),
        "a viewer cannot add people"
    );
    assert!(
        viewer
            .client
            .find_all(Locator::Css("a[href='/people']"))
            .await
            .unwrap()
            .is_empty(),
        "only admins see the people page"
    );
    viewer.close().await;
}

/// Someone in several teams chooses the team a new location belongs to.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_person_in_two_teams_chooses_the_team() {
    let app = TestApp::spawn(Engine::Sqlite).await.unwrap();
    let (_, root) = app.person("root@lab.test", "admin", None).await;
    let team: serde_json::Value = app
        .with_token(&root)
        .post("/api/v1/teams", &json!({"name": "Annex"}))
        .await
        .json()
        .await
        .unwrap();
    let team_id = team["id"].as_str().unwrap().to_owned();
    let res = app
        .with_token(&root)
        .post(
            &format!("/api/v1/teams/{team_id}/members"),
            &json!({"email": DEFAULT_EMAIL, "role": "member"}),
        )
        .await;
    assert_eq!(res.status(), 200);

    let browser = open_locations(&app).await;
    browser
        .client
        .find(Locator::Id("location-team"))
        .await
        .expect("a team choice")
        .select_by_value(&team_id)
        .await
        .unwrap();
    type_into(&browser, "location-name", "Annex freezer").await;
    submit_add_form(&browser).await;
    wait_until("the new row appears", || async {
        row_names(&browser)
            .await
            .contains(&"Annex freezer".to_owned())
    })
    .await;
    let list: serde_json::Value = app
        .get("/api/v1/locations?q=annex")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(list["items"][0]["team_id"], team_id.as_str());
    browser.close().await;
}

/// A manager shares a location with another team from its page, then stops; a member
/// who did not make it sees the location but no sharing controls.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sharing_a_location_from_its_page() {
    let app = TestApp::spawn(Engine::Sqlite).await.unwrap();
    let (_, reader) = app
        .person("reader@lab.test", "member", Some("Readers"))
        .await;
    app.person(
        "member@lab.test",
        "member",
        Some(paillasse_tests::DEFAULT_TEAM),
    )
    .await;
    let freezer = app.create_location("Freezer −80", None).await;
    let path = format!("/locations/{}", freezer["id"].as_str().unwrap());
    let api_path = format!("/api/v1{path}");
    assert_eq!(app.with_token(&reader).get(&api_path).await.status(), 404);

    let browser = Browser::start().await;
    browser
        .sign_in(&app.address, DEFAULT_EMAIL, PASSWORD, &path)
        .await;
    assert_eq!(
        text_of(&browser, "[data-testid='location-name']").await,
        "Freezer −80"
    );
    assert_eq!(
        text_of(&browser, "[data-testid='location-team']").await,
        "Lab"
    );
    let team = browser
        .client
        .find(Locator::Id("share-team"))
        .await
        .unwrap();
    team.select_by_label("Readers").await.unwrap();
    click(&browser, "[data-testid='share-form'] button[type='submit']").await;
    wait_until("the share is listed", || async {
        text_of(&browser, "[data-testid='shares']")
            .await
            .contains("Readers")
    })
    .await;
    assert_eq!(app.with_token(&reader).get(&api_path).await.status(), 200);
    let write = app
        .with_token(&reader)
        .patch(&api_path, &json!({"name": "Mine now"}))
        .await;
    assert_eq!(write.status(), 403, "shared read-only");
    browser.screenshot("location-shared").await;

    click(&browser, "[data-testid='share-row'] button[type='submit']").await;
    wait_until("the share is gone", || async {
        !text_of(&browser, "[data-testid='shares']")
            .await
            .contains("Readers")
    })
    .await;
    assert_eq!(app.with_token(&reader).get(&api_path).await.status(), 404);
    browser.close().await;

    let member = Browser::start().await;
    member
        .sign_in(&app.address, "member@lab.test", PASSWORD, &path)
        .await;
    assert_eq!(
        text_of(&member, "[data-testid='location-name']").await,
        "Freezer −80"
    );
    assert!(
        member
            .client
            .find_all(Locator::Css("[data-testid='share-form']"))
            .await
            .unwrap()
            .is_empty(),
        "only those who manage it share it"
    );
    member.close().await;
}

/// At the bench: add a product, receive a lot of it, consume from the lot; asking for
/// more than is left is explained and changes nothing.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn receiving_and_consuming_stock() {
    let app = TestApp::spawn(Engine::Sqlite).await.unwrap();
    let browser = Browser::start().await;
    browser
        .sign_in(&app.address, DEFAULT_EMAIL, PASSWORD, "/products")
        .await;
    type_into(&browser, "product-name", "Ethanol absolute").await;
    type_into(&browser, "product-cas", "64-17-5").await;
    type_into(&browser, "product-reorder", "500").await;
    type_into(&browser, "product-reorder-unit", "ml").await;
    click(
        &browser,
        "[data-testid='product-form'] button[type='submit']",
    )
    .await;
    wait_until("the product is listed", || async {
        text_of(&browser, "[data-testid='product-row']")
            .await
            .contains("Ethanol absolute")
    })
    .await;
    click(&browser, "[data-testid='product-row'] a").await;
    wait_until("on the product page", || async {
        text_of(&browser, "[data-testid='product-name']").await == "Ethanol absolute"
    })
    .await;
    type_into(&browser, "lot-quantity", "100").await;
    type_into(&browser, "lot-unit", "ml").await;
    click(
        &browser,
        "[data-testid='receive-form'] button[type='submit']",
    )
    .await;
    wait_until("the lot is listed", || async {
        text_of(&browser, "[data-testid='lot-row']")
            .await
            .contains("100 mL")
    })
    .await;
    click(&browser, "[data-testid='lot-row'] a").await;
    wait_until("on the lot page", || async {
        text_of(&browser, "[data-testid='lot-quantity']").await == "100 mL"
    })
    .await;
    browser.wait_for_hydration().await;
    type_into(&browser, "movement-quantity", "30").await;
    click(
        &browser,
        "[data-testid='movement-form'] button[type='submit']",
    )
    .await;
    wait_until("the quantity follows", || async {
        text_of(&browser, "[data-testid='lot-quantity']").await == "70 mL"
    })
    .await;
    type_into(&browser, "movement-quantity", "100").await;
    click(
        &browser,
        "[data-testid='movement-form'] button[type='submit']",
    )
    .await;
    wait_until("the over-draw is explained", || async {
        text_of(&browser, "#movement-quantity-error")
            .await
            .contains("more than is left")
    })
    .await;
    assert_eq!(
        text_of(&browser, "[data-testid='lot-quantity']").await,
        "70 mL"
    );
    // The history says who consumed what.
    click(&browser, "[data-testid='history'] summary").await;
    wait_until("the history lists the consumption", || async {
        let text = text_of(&browser, "[data-testid='history']").await;
        text.contains("lot.consume") && text.contains("quantity: 100 → 70")
    })
    .await;
    browser.screenshot("lot-consumed").await;
    // 70 mL left is under the 500 mL reorder level set with the product.
    browser.client.goto(&app.url("/alerts")).await.unwrap();
    let low = text_of(&browser, "[data-testid='alert-stock']").await;
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
    type_into(&browser, "sample-name", "Plasma pool").await;
    type_into(&browser, "sample-quantity", "10").await;
    type_into(&browser, "sample-unit", "ml").await;
    // Typed as on a smudged label: lower case, no dash.
    let code = lot["label_code"]
        .as_str()
        .unwrap()
        .replace('-', "")
        .to_lowercase();
    type_into(&browser, "sample-parent", &code).await;
    type_into(&browser, "sample-taken", "10").await;
    click(
        &browser,
        "[data-testid='sample-form'] button[type='submit']",
    )
    .await;
    wait_until("the sample is listed", || async {
        text_of(&browser, "[data-testid='sample-row']")
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

    click(&browser, "[data-testid='sample-row'] a").await;
    wait_until("on the sample page", || async {
        text_of(&browser, "[data-testid='sample-quantity']").await == "10 mL"
    })
    .await;
    assert!(text_of(&browser, "[data-testid='parent-row']")
        .await
        .contains("Human plasma"));
    browser.wait_for_hydration().await;
    type_into(&browser, "aliquot-count", "4").await;
    type_into(&browser, "aliquot-quantity", "2").await;
    click(
        &browser,
        "[data-testid='aliquot-form'] button[type='submit']",
    )
    .await;
    wait_until("the aliquots are listed", || async {
        text_of(&browser, "[data-testid='sample-children']")
            .await
            .contains("Plasma pool · 4")
    })
    .await;
    assert_eq!(
        text_of(&browser, "[data-testid='sample-quantity']").await,
        "2 mL"
    );
    type_into(&browser, "aliquot-count", "3").await;
    type_into(&browser, "aliquot-quantity", "1").await;
    click(
        &browser,
        "[data-testid='aliquot-form'] button[type='submit']",
    )
    .await;
    wait_until("the over-draw is explained", || async {
        text_of(&browser, "#aliquot-quantity-error")
            .await
            .contains("more than is left")
    })
    .await;
    assert_eq!(
        text_of(&browser, "[data-testid='sample-quantity']").await,
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
    assert!(text_of(
        &browser,
        "[data-testid='instrument-row'] [data-testid='calibration-badge']"
    )
    .await
    .contains("calibration lapsed"));
    browser.client.goto(&app.url("/alerts")).await.unwrap();
    assert!(text_of(&browser, "[data-testid='alert-calibration']")
        .await
        .contains("Analytical balance"));
    click(&browser, "[data-testid='alert-calibration'] a").await;
    wait_until("on the instrument page", || async {
        text_of(&browser, "[data-testid='calibration-badge']")
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
    type_into(&browser, "record-performed-by", "Mettler service").await;
    click(
        &browser,
        "[data-testid='record-form'] button[type='submit']",
    )
    .await;
    wait_until("the calibration is valid", || async {
        text_of(&browser, "[data-testid='calibration-badge']")
            .await
            .starts_with("calibrated")
    })
    .await;
    assert!(text_of(&browser, "[data-testid='record-row']")
        .await
        .contains("Mettler service"));
    browser.screenshot("instrument-calibrated").await;
    browser.client.goto(&app.url("/alerts")).await.unwrap();
    assert_eq!(
        text_of(&browser, "[data-testid='alert-calibration']").await,
        ""
    );
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
    type_into(&browser, "grid-rows", "3").await;
    type_into(&browser, "grid-cols", "4").await;
    click(&browser, "[data-testid='grid-form'] button[type='submit']").await;
    wait_until("the box is drawn", || async {
        text_of(&browser, "[data-testid='box-occupancy']").await == "0 / 12"
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
        type_into(&browser, "place-position", "b2").await;
        click(&browser, "[data-testid='place-form'] button[type='submit']").await;
        if expect_taken {
            wait_until("the taken position is explained", || async {
                text_of(&browser, "#place-position-error")
                    .await
                    .contains("already taken")
            })
            .await;
        } else {
            wait_until("the sample is in the box", || async {
                text_of(&browser, "[data-testid='sample-place']").await == "Cryo box · B2"
            })
            .await;
        }
    }
    browser.client.goto(&app.url(&box_page)).await.unwrap();
    assert_eq!(
        text_of(&browser, "[data-testid='box-occupancy']").await,
        "1 / 12"
    );
    assert_eq!(
        text_of(&browser, "td[data-position='B2']").await,
        first["label_code"].as_str().unwrap()
    );
    browser.screenshot("box-with-sample").await;
    browser.close().await;
}

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
            click(browser, "[data-testid='sds-form'] button[type='submit']").await;
        }
    };
    upload(fake).await;
    wait_until("the refusal is explained", || async {
        text_of(&browser, "[data-testid='upload-error']")
            .await
            .contains("not what its type says")
    })
    .await;
    upload(sheet).await;
    wait_until("the sheet is linked", || async {
        text_of(&browser, "[data-testid='product-sds']")
            .await
            .contains("SDS acetone.pdf")
    })
    .await;
    assert_eq!(text_of(&browser, "[data-testid='upload-error']").await, "");
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

    click(&browser, "a.nav-item[href='/search']").await;
    browser.wait_for_hydration().await;
    type_into(&browser, "everything-search", "aceto").await;
    click(&browser, ".search-page button[type='submit']").await;
    wait_until("the product is found", || async {
        text_of(&browser, "[data-testid='search-hit']")
            .await
            .contains("Acetone HPLC")
    })
    .await;
    let code = lot["label_code"].as_str().unwrap();
    type_into(
        &browser,
        "everything-search",
        &code.replace('-', "").to_lowercase(),
    )
    .await;
    click(&browser, ".search-page button[type='submit']").await;
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
        click(&browser, &format!("input.print-tick[value='{code}']")).await;
    }
    click(&browser, "[data-testid='print-selected']").await;
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
    type_into(&browser, "print-start", "65").await;
    click(&browser, "[data-testid='print-form'] button[type='submit']").await;
    wait_until("the labels run over to a second sheet", || async {
        text_of(&browser, "[data-testid='sheet-map'] figcaption")
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
        text_of(&browser, "[data-testid='relabelled-notice']")
            .await
            .contains(new["label_code"].as_str().unwrap())
    })
    .await;
    browser.close().await;
}

/// The tablet's camera (Chromium's fake camera filming a label) reads a lot's label in
/// the browser: in receive mode the lot is listed as read back, with the time the wasm
/// decoder took; in open mode the page goes to the lot.
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
    wait_until("the lot is read back", || async {
        text_of(&browser, "[data-testid='scan-result']")
            .await
            .contains("DMSO")
    })
    .await;
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
    assert!(text_of(&browser, "[data-testid='scan-result']")
        .await
        .contains("RNBK9912"));
    browser.screenshot("scan-receive").await;

    click(&browser, ".scan-modes a[href='/scan?mode=open']").await;
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
        text_of(&browser, "[data-testid='scan-result']")
            .await
            .contains("location first")
    })
    .await;
    scan(fridge["label_code"].as_str().unwrap().to_lowercase()).await;
    wait_until("moving to the fridge", || async {
        text_of(&browser, "[data-testid='scan-hint']")
            .await
            .contains("Fridge 4 °C")
    })
    .await;
    scan(lot_code.replace('-', " ")).await;
    wait_until("the lot is moved", || async {
        text_of(&browser, "[data-testid='scan-result']")
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

    click(&browser, ".scan-modes a[href='/scan?mode=open']").await;
    browser.wait_for_hydration().await;
    scan("7KQ3-9XZ".into()).await;
    wait_until("the short code is explained", || async {
        text_of(&browser, "[data-testid='scan-status']")
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
    type_into(&browser, "entry-new-title", "Washing the cells").await;
    click(
        &browser,
        "[data-testid='new-entry-form'] button[type='submit']",
    )
    .await;
    wait_until("on the new entry's page", || async {
        text_of(&browser, "[data-testid='entry-title']")
            .await
            .contains("#1 Washing the cells")
    })
    .await;
    browser.wait_for_hydration().await;
    type_into(
        &browser,
        "entry-text",
        "Washed twice in **PBS**.\n\n| step | min |\n|---|---|\n| spin | 5 |",
    )
    .await;
    // The tablet drops the page before saving: the text is offered back.
    let url = browser.client.current_url().await.unwrap();
    browser.client.goto(url.as_str()).await.unwrap();
    browser.wait_for_hydration().await;
    wait_until("the unsaved text is offered back", || async {
        !text_of(&browser, "[data-testid='draft-offer']")
            .await
            .is_empty()
    })
    .await;
    click(&browser, "[data-testid='draft-restore']").await;
    click(&browser, "[data-testid='entry-save']").await;
    wait_until("the text is saved as revision 2", || async {
        text_of(&browser, "[data-testid='entry-revision']")
            .await
            .starts_with("2 ")
    })
    .await;

    type_into(&browser, "usage-quantity", "5").await;
    type_into(&browser, "usage-unit", "mL").await;
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
        text_of(&browser, "[data-testid='use-outcome']")
            .await
            .contains("495 mL will remain")
    })
    .await;
    click(&browser, "[data-testid='usage-submit']").await;
    wait_until("the scanned lot is in the materials", || async {
        let row = text_of(&browser, "[data-testid='usage-row']").await;
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
    click(
        &browser,
        "[data-testid='entry-attach-form'] button[type='submit']",
    )
    .await;
    wait_until("the photo is shown", || async {
        !text_of(&browser, "[data-testid='entry-image']")
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
            && text_of(&browser, "[data-testid='entry-body'] td").await == "spin"
            && text_of(&browser, "[data-testid='usage-row']")
                .await
                .contains("PBS buffer")
            && text_of(&browser, "[data-testid='entry-image']")
                .await
                .contains("gel.png")
    })
    .await;
    assert!(
        text_of(&browser, "[data-testid='draft-offer']")
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
    assert!(text_of(&browser, "[data-testid='entry-row']")
        .await
        .contains("#1 Washing the cells"));
    browser
        .client
        .goto(&app.url("/notebook?from=2000-01-01&to=2000-12-31"))
        .await
        .unwrap();
    assert_eq!(text_of(&browser, "[data-testid='entry-row']").await, "");
    browser.close().await;
}

/// A protocol written on its page starts an entry whose text opens with the steps as a
/// checklist; the protocol then shows that version frozen.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn starting_an_entry_from_a_protocol() {
    let app = TestApp::spawn(Engine::Sqlite).await.unwrap();
    let browser = Browser::start().await;
    browser
        .sign_in(&app.address, DEFAULT_EMAIL, PASSWORD, "/protocols")
        .await;
    type_into(&browser, "protocol-name", "Bradford assay").await;
    type_into(
        &browser,
        "protocol-steps",
        "Dilute the standards\nAdd the dye\nRead at 595 nm",
    )
    .await;
    click(
        &browser,
        "[data-testid='protocol-form'] button[type='submit']",
    )
    .await;
    wait_until("the protocol is listed", || async {
        text_of(&browser, "[data-testid='protocol-row']")
            .await
            .contains("Bradford assay")
    })
    .await;
    click(&browser, "[data-testid='protocol-row'] a").await;
    wait_until("on the protocol's page", || async {
        text_of(&browser, "[data-testid='protocol-name']").await == "Bradford assay"
    })
    .await;
    browser.wait_for_hydration().await;
    click(&browser, "[data-testid='start-entry'] button").await;
    wait_until("the entry opens with the checklist", || async {
        let body = text_of(&browser, "[data-testid='entry-body']").await;
        body.contains("Bradford assay (version 1)") && body.contains("Read at 595 nm")
    })
    .await;
    let boxes = browser
        .client
        .find_all(Locator::Css(
            "[data-testid='entry-body'] input[type='checkbox']",
        ))
        .await
        .unwrap()
        .len();
    assert_eq!(boxes, 3);
    assert!(text_of(&browser, "[data-testid='materials']")
        .await
        .contains("Bradford assay (version 1)"));
    browser.close().await;
}

/// Data made through the API for the Trace pages: a sample made by an entry from a tissue,
/// a lot of buffer and a cycler whose calibration had lapsed.
struct TracedLab {
    lot: serde_json::Value,
    tissue: String,
    cycler: String,
    entry: String,
    made: String,
}

async fn traced_lab(app: &TestApp) -> TracedLab {
    let id = |v: &serde_json::Value| v["id"].as_str().unwrap().to_owned();
    let lot = app
        .create_lot(
            "Lysis buffer",
            "chemical",
            json!({"quantity": 50, "unit": "mL", "supplier_lot": "LB-2026"}),
        )
        .await;
    let cycler: serde_json::Value = app
        .post_json("/api/v1/instruments", &json!({"name": "Thermocycler"}))
        .await
        .json()
        .await
        .unwrap();
    app.post_json(
        &format!("/api/v1/instruments/{}/records", id(&cycler)),
        &json!({"kind": "calibration", "performed_on": "2026-01-01", "valid_until": "2026-02-01"}),
    )
    .await;
    let tissue: serde_json::Value = app
        .post_json(
            "/api/v1/samples",
            &json!({"name": "Liver tissue", "quantity": 1, "unit": "g"}),
        )
        .await
        .json()
        .await
        .unwrap();
    let entry: serde_json::Value = app
        .post_json(
            "/api/v1/entries",
            &json!({"title": "RNA extraction", "entry_date": "2026-03-02"}),
        )
        .await
        .json()
        .await
        .unwrap();
    let usages = format!("/api/v1/entries/{}/usages", id(&entry));
    for body in [
        json!({"sample_id": id(&tissue), "role": "input"}),
        json!({"lot_id": id(&lot), "quantity": 2, "unit": "mL"}),
        json!({"instrument_id": id(&cycler), "started_at": "2026-03-02T09:00:00Z", "ended_at": "2026-03-02T10:00:00Z"}),
    ] {
        assert_eq!(app.post_json(&usages, &body).await.status(), 201, "{body}");
    }
    let made: serde_json::Value = app
        .post_json(
            &usages,
            &json!({"role": "output", "name": "Liver RNA", "quantity": 40, "unit": "µL", "relation": "extract"}),
        )
        .await
        .json()
        .await
        .unwrap();
    TracedLab {
        lot,
        tissue: id(&tissue),
        cycler: id(&cycler),
        entry: id(&entry),
        made: made["thing_id"].as_str().unwrap().to_owned(),
    }
}

/// The keys (`kind:id`) of the nodes drawn.
async fn drawn_nodes(browser: &Browser) -> std::collections::BTreeSet<String> {
    let mut keys = std::collections::BTreeSet::new();
    for node in browser
        .client
        .find_all(Locator::Css("[data-testid='trace-node']"))
        .await
        .unwrap()
    {
        if let Ok(Some(key)) = node.attr("data-key").await {
            keys.insert(key);
        }
    }
    keys
}

/// From a sample's page, Trace draws everything that went into it — the entry that made
/// it, the tissue, the lot, the cycler (its lapsed calibration outlined) and the author —
/// and lists the same in a table; from the lot, "mark affected" flags the entry, which
/// then shows the flag.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn tracing_a_sample_and_recalling_its_lot() {
    let app = TestApp::spawn(Engine::Sqlite).await.unwrap();
    let lab = traced_lab(&app).await;
    let me: serde_json::Value = app.get("/api/v1/auth/me").await.json().await.unwrap();
    let lot_id = lab.lot["id"].as_str().unwrap().to_owned();
    let browser = Browser::start().await;
    browser
        .sign_in(
            &app.address,
            DEFAULT_EMAIL,
            PASSWORD,
            &format!("/samples/{}", lab.made),
        )
        .await;
    browser.wait_for_hydration().await;
    click(&browser, "[data-testid='trace-link']").await;
    let expected: std::collections::BTreeSet<String> = [
        format!("sample:{}", lab.made),
        format!("entry:{}", lab.entry),
        format!("sample:{}", lab.tissue),
        format!("lot:{lot_id}"),
        format!("instrument:{}", lab.cycler),
        format!("person:{}", me["id"].as_str().unwrap()),
    ]
    .into_iter()
    .collect();
    wait_until("the graph shows what went into the RNA", || async {
        drawn_nodes(&browser).await == expected
    })
    .await;
    let cycler = browser
        .client
        .find(Locator::Css(&format!(
            "[data-testid='trace-node'][data-key='instrument:{}']",
            lab.cycler
        )))
        .await
        .unwrap();
    assert!(cycler
        .attr("class")
        .await
        .unwrap()
        .unwrap_or_default()
        .contains("warning"));
    let rows = browser
        .client
        .find_all(Locator::Css("[data-testid='trace-row']"))
        .await
        .unwrap()
        .len();
    assert_eq!(rows, expected.len());
    assert!(text_of(&browser, "[data-testid='trace-table']")
        .await
        .contains("LB-2026"));
    browser.screenshot("trace-graph").await;

    // Forward from the lot: recall it.
    click(
        &browser,
        &format!("[data-testid='trace-table'] a[href='/lots/{lot_id}']"),
    )
    .await;
    // The address changes first, then the lot's page arrives: wait for its Trace button.
    let lot_trace = format!("[data-testid='trace-link'][href='/trace/lot/{lot_id}']");
    wait_until("on the lot's page", || async {
        browser.client.find(Locator::Css(&lot_trace)).await.is_ok()
    })
    .await;
    browser.wait_for_hydration().await;
    click(&browser, &lot_trace).await;
    wait_until("the lot's forward trace reaches the entry", || async {
        drawn_nodes(&browser)
            .await
            .contains(&format!("entry:{}", lab.entry))
    })
    .await;
    browser.wait_for_hydration().await;
    type_into(&browser, "recall-reason", "Supplier recall: endotoxin").await;
    click(
        &browser,
        "[data-testid='recall-form'] button[type='submit']",
    )
    .await;
    wait_until("the recall says what it flagged", || async {
        text_of(&browser, "[data-testid='recall-done']")
            .await
            .contains("One entry flagged")
    })
    .await;
    wait_until("the flagged entry is outlined in the graph", || async {
        match browser
            .client
            .find(Locator::Css(&format!(
                "[data-testid='trace-node'][data-key='entry:{}']",
                lab.entry
            )))
            .await
        {
            Ok(node) => node
                .attr("class")
                .await
                .ok()
                .flatten()
                .unwrap_or_default()
                .contains("warning"),
            Err(_) => false,
        }
    })
    .await;
    browser.screenshot("trace-recall").await;
    browser
        .client
        .goto(&app.url(&format!("/entries/{}", lab.entry)))
        .await
        .unwrap();
    assert!(text_of(&browser, "[data-testid='entry-flags']")
        .await
        .contains("Supplier recall: endotoxin"));
    browser
        .client
        .goto(&app.url("/notebook?flagged=true"))
        .await
        .unwrap();
    assert!(text_of(&browser, "[data-testid='entry-row']")
        .await
        .contains("RNA extraction"));
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
    type_into(&browser, "contributor-email", "nobody@lab.test").await;
    type_into(&browser, "contributor-role", "analysed").await;
    click(
        &browser,
        "[data-testid='contributor-form'] button[type='submit']",
    )
    .await;
    wait_until("an unknown account is explained", || async {
        !text_of(&browser, "#contributor-email-error")
            .await
            .is_empty()
    })
    .await;
    type_into(&browser, "contributor-email", "ben@lab.test").await;
    click(
        &browser,
        "[data-testid='contributor-form'] button[type='submit']",
    )
    .await;
    wait_until("Ben is listed as having analysed", || async {
        text_of(&browser, "[data-testid='contributors']")
            .await
            .contains("ben · analysed")
    })
    .await;
    click(&browser, "details[data-testid='revisions'] summary").await;
    assert!(text_of(&browser, "[data-testid='revision-title-change']")
        .await
        .contains("RNA extraction, liver"));
    browser.screenshot("entry-contributors").await;
    click(
        &browser,
        "[data-testid='contributor'] .inline-form button[type='submit']",
    )
    .await;
    wait_until("Ben is taken off", || async {
        text_of(&browser, "[data-testid='contributors']")
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
    assert!(!text_of(&browser, "[data-testid='entry-uses-error']")
        .await
        .is_empty());

    // A notebook for a project, and an entry in it: numbered from 1 there.
    browser.client.goto(&app.url("/notebook")).await.unwrap();
    browser.wait_for_hydration().await;
    click(&browser, "details.new-notebook summary").await;
    type_into(&browser, "notebook-name", "Cloning").await;
    type_into(&browser, "notebook-project", "pGEX").await;
    click(
        &browser,
        "[data-testid='new-notebook-form'] button[type='submit']",
    )
    .await;
    wait_until("the new notebook can be chosen", || async {
        text_of(&browser, "#entry-new-notebook")
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
    type_into(&browser, "entry-new-title", "Ligation").await;
    click(
        &browser,
        "[data-testid='new-entry-form'] button[type='submit']",
    )
    .await;
    wait_until("the entry opens in the Cloning notebook", || async {
        text_of(&browser, "[data-testid='entry-title']").await == "#1 Ligation"
            && text_of(&browser, ".crumbs").await.contains("Cloning")
    })
    .await;
    browser.close().await;
}
