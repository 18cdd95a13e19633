//! Accounts: signing in and out, the account page, people and teams, a person in two
//! teams, sharing a location with another team.

use fantoccini::Locator;
use paillasse_tests::{wait_until, Browser, Engine, TestApp, DEFAULT_EMAIL, PASSWORD};
use serde_json::json;

use crate::locations::{open_locations, row_names, submit_add_form};

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

/// On the account page a person creates an API token (shown once, and it works), revokes
/// it, and changes their password (the current one is checked).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_account_page_manages_tokens_and_the_password() {
    let app = TestApp::spawn(Engine::Sqlite).await.unwrap();
    let browser = Browser::start().await;
    browser
        .sign_in(&app.address, DEFAULT_EMAIL, PASSWORD, "/account")
        .await;

    browser.type_into("token-name", "plate reader").await;
    browser
        .click("[data-testid='token-form'] button[type='submit']")
        .await;
    wait_until("the new token is shown", || async {
        browser
            .text_of("[data-testid='new-token']")
            .await
            .starts_with("pai_")
    })
    .await;
    let token = browser.text_of("[data-testid='new-token']").await;
    assert_eq!(
        app.with_token(&token)
            .get("/api/v1/locations")
            .await
            .status(),
        200
    );
    wait_until("the token is listed", || async {
        browser
            .text_of("[data-testid='token-row']")
            .await
            .contains("plate reader")
    })
    .await;
    browser.screenshot("account-token-created").await;

    browser.click("[data-testid='revoke-token']").await;
    wait_until("the token is marked revoked", || async {
        browser
            .text_of("[data-testid='token-row']")
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

    browser
        .type_into("current-password", "not my password at all")
        .await;
    browser
        .type_into("new-password", "a new passphrase for ada")
        .await;
    browser
        .click("[data-testid='password-form'] button[type='submit']")
        .await;
    wait_until("the wrong current password is explained", || async {
        browser
            .text_of("#current-password-error")
            .await
            .contains("is not right")
    })
    .await;
    browser.type_into("current-password", PASSWORD).await;
    browser
        .type_into("new-password", "a new passphrase for ada")
        .await;
    browser
        .click("[data-testid='password-form'] button[type='submit']")
        .await;
    wait_until("the change is confirmed", || async {
        browser
            .text_of("[data-testid='password-flash']")
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
    admin.type_into("person-name", "Irène").await;
    admin.type_into("person-email", "irene@lab.test").await;
    admin
        .type_into("person-password", "first password to change")
        .await;
    admin
        .click("[data-testid='person-form'] button[type='submit']")
        .await;
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
    admin.type_into("team-name", "Crystallography").await;
    admin
        .click("[data-testid='team-form'] button[type='submit']")
        .await;
    wait_until("the team is shown", || async {
        admin.text_of("main").await.contains("Crystallography")
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
    manager
        .click(&format!("{form} button[type='submit']"))
        .await;
    wait_until("Irène is in the team", || async {
        manager
            .text_of("[data-testid='team-card']")
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
    assert!(viewer
        .text_of("[data-testid='team-card']")
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
    browser.type_into("location-name", "Annex freezer").await;
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
        browser.text_of("[data-testid='location-name']").await,
        "Freezer −80"
    );
    assert_eq!(
        browser.text_of("[data-testid='location-team']").await,
        "Lab"
    );
    let team = browser
        .client
        .find(Locator::Id("share-team"))
        .await
        .unwrap();
    team.select_by_label("Readers").await.unwrap();
    browser
        .click("[data-testid='share-form'] button[type='submit']")
        .await;
    wait_until("the share is listed", || async {
        browser
            .text_of("[data-testid='shares']")
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

    browser
        .click("[data-testid='share-row'] button[type='submit']")
        .await;
    wait_until("the share is gone", || async {
        !browser
            .text_of("[data-testid='shares']")
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
        member.text_of("[data-testid='location-name']").await,
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

/// A technician opening Paillasse on the bench's tablet signs in and lands on the scan
/// page, ready for the first label; their manager lands on the locations.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_technician_starts_on_the_scan_page() {
    let app = TestApp::spawn(Engine::Sqlite).await.unwrap();
    app.person("theo@lab.test", "member", Some("Biochimie"))
        .await;
    app.person("mona@lab.test", "manager", Some("Biochimie"))
        .await;
    let browser = Browser::start().await;
    browser.client.set_window_size(1024, 768).await.unwrap();
    for (email, start) in [("theo@lab.test", "/scan"), ("mona@lab.test", "/locations")] {
        browser.client.goto(&app.url("/")).await.unwrap();
        browser.wait_for_hydration().await;
        browser.fill_login(email, PASSWORD).await;
        wait_until(&format!("{email} on {start}"), || async {
            browser.client.current_url().await.unwrap().path() == start
        })
        .await;
        browser.wait_for_hydration().await;
        browser.click("[data-testid='logout']").await;
        wait_until("signed out", || async {
            browser.client.current_url().await.unwrap().path() == "/login"
        })
        .await;
    }
    browser.close().await;
}

/// A viewer reads without being offered what they may not do: no "add" form on the lists
/// or the notebook, no movement, place or upkeep form on a lot or a sample. A member of a
/// team a lot is shared with for reading sees its page without forms too; its own team's
/// member sees them all.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pages_offer_only_what_the_reader_may_do() {
    let app = TestApp::spawn(Engine::Sqlite).await.unwrap();
    let lot = app
        .create_lot("Agarose", "chemical", json!({"quantity": 100, "unit": "g"}))
        .await;
    let sample: serde_json::Value = app
        .post_json(
            "/api/v1/samples",
            &json!({"name": "Plasma", "quantity": 1, "unit": "mL"}),
        )
        .await
        .json()
        .await
        .unwrap();
    app.person(
        "vera@lab.test",
        "viewer",
        Some(paillasse_tests::DEFAULT_TEAM),
    )
    .await;
    let (partner, _) = app
        .person("pia@lab.test", "member", Some("Partenaires"))
        .await;
    app.share(
        "lot",
        lot["id"].as_str().unwrap(),
        partner.memberships[0].team_id,
        "read",
    )
    .await;
    let lot_page = format!("/lots/{}", lot["id"].as_str().unwrap());
    let sample_page = format!("/samples/{}", sample["id"].as_str().unwrap());
    let forms = [
        ("/products", "[data-testid='product-form']"),
        ("/samples", "[data-testid='sample-form']"),
        ("/instruments", "[data-testid='instrument-form']"),
        ("/locations", "[data-testid='add-location-form']"),
        ("/notebook", "[data-testid='new-entry-form']"),
        (lot_page.as_str(), "[data-testid='movement-form']"),
        (lot_page.as_str(), "[data-testid='place-form']"),
        (lot_page.as_str(), "[data-testid='lot-upkeep']"),
        (sample_page.as_str(), "[data-testid='aliquot-form']"),
        (sample_page.as_str(), "[data-testid='movement-form']"),
    ];
    for (email, offered) in [(DEFAULT_EMAIL, true), ("vera@lab.test", false)] {
        let browser = Browser::start().await;
        browser
            .sign_in(&app.address, email, PASSWORD, "/products")
            .await;
        browser.switch_to_french().await;
        for (page, form) in forms {
            browser.client.goto(&app.url(page)).await.unwrap();
            browser.wait_for_hydration().await;
            let found = browser.client.find(Locator::Css(form)).await.is_ok();
            assert_eq!(found, offered, "{email} on {page}: {form}");
        }
        browser.close().await;
    }
    let browser = Browser::start().await;
    browser
        .sign_in(&app.address, "pia@lab.test", PASSWORD, &lot_page)
        .await;
    assert!(
        browser.text_of("h1").await.starts_with("Agarose"),
        "the shared lot reads"
    );
    for form in ["movement-form", "place-form", "lot-upkeep"] {
        let css = format!("[data-testid='{form}']");
        assert!(
            browser.client.find(Locator::Css(&css)).await.is_err(),
            "no {form} on a lot shared for reading"
        );
    }
    browser.close().await;
}

/// A lab manager on a phone, in French, shares each kind of thing with a partner team
/// from its page — a product, a lot, a sample, an instrument, a protocol, an entry —
/// choosing read-only, then read-write, then stops (and a notebook, with its entries); the partner reads, then writes, then
/// no longer sees it. A member who did not make the thing is offered no sharing.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sharing_every_kind_from_its_page() {
    let app = TestApp::spawn(Engine::Sqlite).await.unwrap();
    let (_, partner) = app
        .person("partner@lab.test", "member", Some("Partenaires"))
        .await;
    app.person(
        "member@lab.test",
        "member",
        Some(paillasse_tests::DEFAULT_TEAM),
    )
    .await;
    let lot = app
        .create_lot(
            "Agarose",
            "consumable",
            json!({"quantity": 500, "unit": "g"}),
        )
        .await;
    let made = |path: &'static str, body: serde_json::Value| {
        let app = &app;
        async move {
            let res = app.post_json(path, &body).await;
            assert_eq!(res.status(), 201, "{path}");
            res.json::<serde_json::Value>().await.unwrap()["id"]
                .as_str()
                .unwrap()
                .to_owned()
        }
    };
    let things = [
        ("products", lot["product_id"].as_str().unwrap().to_owned()),
        ("lots", lot["id"].as_str().unwrap().to_owned()),
        (
            "samples",
            made(
                "/api/v1/samples",
                json!({"name": "Sérum", "quantity": 10, "unit": "mL"}),
            )
            .await,
        ),
        (
            "instruments",
            made("/api/v1/instruments", json!({"name": "Balance"})).await,
        ),
        (
            "protocols",
            made(
                "/api/v1/protocols",
                json!({"name": "Miniprep", "steps": ["Centrifuger"]}),
            )
            .await,
        ),
        (
            "entries",
            made("/api/v1/entries", json!({"title": "Jour 1"})).await,
        ),
    ];

    let browser = Browser::start().await;
    browser.client.set_window_size(360, 740).await.unwrap();
    browser
        .sign_in(&app.address, DEFAULT_EMAIL, PASSWORD, "/scan")
        .await;
    browser.switch_to_french().await;
    let shares = || async { browser.text_of("[data-testid='shares']").await };
    for (folder, id) in &things {
        let api_path = format!("/api/v1/{folder}/{id}");
        assert_eq!(app.with_token(&partner).get(&api_path).await.status(), 404);
        browser
            .client
            .goto(&app.url(&format!("/{folder}/{id}")))
            .await
            .unwrap();
        browser.wait_for_hydration().await;
        wait_until(&format!("the sharing card of {folder}"), || async {
            browser.text_of("#sharing-title").await == "Partagé avec d’autres équipes"
        })
        .await;
        assert_eq!(shares().await, "", "{folder}: shared with nobody yet");
        let team = browser
            .client
            .find(Locator::Id("share-team"))
            .await
            .unwrap();
        team.select_by_label("Partenaires").await.unwrap();
        browser
            .click("[data-testid='share-form'] button[type='submit']")
            .await;
        wait_until(&format!("{folder} shared read-only"), || async {
            shares().await.contains("Partenaires") && shares().await.contains("lecture seule")
        })
        .await;
        assert_eq!(
            app.with_token(&partner).get(&api_path).await.status(),
            200,
            "{folder}: the partner reads it"
        );
        assert!(browser.fits_width().await, "{folder}");
        if *folder == "lots" {
            browser.screenshot("lot-shared-fr-360").await;
        }

        let access = browser
            .client
            .find(Locator::Id("share-access"))
            .await
            .unwrap();
        access.select_by_label("lecture et écriture").await.unwrap();
        browser
            .click("[data-testid='share-form'] button[type='submit']")
            .await;
        wait_until(&format!("{folder} shared read-write"), || async {
            shares().await.contains("lecture et écriture")
        })
        .await;
        assert_eq!(
            browser
                .client
                .find_all(Locator::Css("[data-testid='share-row']"))
                .await
                .unwrap()
                .len(),
            1,
            "{folder}: one share per team, its access changed"
        );

        browser
            .click("[data-testid='share-row'] button[type='submit']")
            .await;
        wait_until(&format!("{folder} no longer shared"), || async {
            !shares().await.contains("Partenaires")
        })
        .await;
        assert_eq!(
            app.with_token(&partner).get(&api_path).await.status(),
            404,
            "{folder}: unshared"
        );
    }

    // A notebook is shared from the notebook page filtered to it, with its entries.
    let entry: serde_json::Value = app
        .get(&format!("/api/v1/entries/{}", things[5].1))
        .await
        .json()
        .await
        .unwrap();
    let notebook = entry["notebook_id"].as_str().unwrap();
    browser
        .client
        .goto(&app.url(&format!("/notebook?notebook={notebook}")))
        .await
        .unwrap();
    browser.wait_for_hydration().await;
    wait_until("the notebook's sharing card", || async {
        browser.text_of("#sharing-title").await == "Partagé avec d’autres équipes"
    })
    .await;
    let team = browser
        .client
        .find(Locator::Id("share-team"))
        .await
        .unwrap();
    team.select_by_label("Partenaires").await.unwrap();
    browser
        .click("[data-testid='share-form'] button[type='submit']")
        .await;
    wait_until("the notebook shared", || async {
        shares().await.contains("Partenaires")
    })
    .await;
    let entry_path = format!("/api/v1/entries/{}", things[5].1);
    assert_eq!(
        app.with_token(&partner).get(&entry_path).await.status(),
        200,
        "the partner reads the notebook's entries"
    );
    assert!(browser.fits_width().await);
    browser.close().await;

    let member = Browser::start().await;
    member
        .sign_in(
            &app.address,
            "member@lab.test",
            PASSWORD,
            &format!("/lots/{}", things[1].1),
        )
        .await;
    member.wait_for_hydration().await;
    assert!(
        member
            .client
            .find_all(Locator::Css("[data-testid='sharing']"))
            .await
            .unwrap()
            .is_empty(),
        "only those who manage it share it"
    );
    member.close().await;
}
