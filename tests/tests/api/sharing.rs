//! Sharing every kind of thing with a partner team: read-only, then read-write, then no
//! more, by those who manage it and nobody else; a notebook shares its entries.

use paillasse_tests::{both_engines, TestApp};
use serde_json::{json, Value};

async fn created(app: &TestApp, path: &str, body: Value) -> Value {
    let res = app.post_json(path, &body).await;
    assert_eq!(res.status(), 201, "{path}: {}", res.text().await.unwrap());
    res.json().await.unwrap()
}

/// One thing of each kind that can be shared, as `(folder, id, a change a writer may make)`.
async fn one_of_each(app: &TestApp) -> Vec<(&'static str, String, Value)> {
    let location = app.create_location("Cold room", None).await;
    let product = created(
        app,
        "/api/v1/products",
        json!({"name": "Agarose", "kind": "consumable"}),
    )
    .await;
    let lot = created(
        app,
        "/api/v1/lots",
        json!({"product_id": product["id"], "quantity": 500, "unit": "g"}),
    )
    .await;
    let sample = created(
        app,
        "/api/v1/samples",
        json!({"name": "Serum", "quantity": 10, "unit": "mL"}),
    )
    .await;
    let instrument = created(app, "/api/v1/instruments", json!({"name": "Balance"})).await;
    let protocol = created(
        app,
        "/api/v1/protocols",
        json!({"name": "Miniprep", "steps": ["Spin"]}),
    )
    .await;
    let entry = created(
        app,
        "/api/v1/entries",
        json!({"title": "Day 1", "body": "PCR"}),
    )
    .await;
    let id = |v: &Value| v["id"].as_str().unwrap().to_owned();
    vec![
        ("locations", id(&location), json!({"name": "Cold room 2"})),
        ("products", id(&product), json!({"supplier": "Sigma"})),
        ("lots", id(&lot), json!({"supplier_lot": "L-42"})),
        ("samples", id(&sample), json!({"name": "Serum 2"})),
        ("instruments", id(&instrument), json!({"name": "Balance 2"})),
        ("protocols", id(&protocol), json!({})),
        ("entries", id(&entry), json!({"title": "Day 1, redone"})),
    ]
}

both_engines! {
    /// For each kind: the partner sees nothing; shared read-only, it reads (and finds it
    /// in its list) but may not change it nor share it on; read-write, it changes it;
    /// unshared, it is gone again. Each step is in the history of the kinds that show one.
    async fn every_kind_is_shared_read_then_write_then_not(app) {
        let (partner, token) = app.person("partner@lab.test", "member", Some("Partners")).await;
        let partners = partner.memberships[0].team_id;
        let partner = app.with_token(&token);
        for (folder, id, change) in one_of_each(&app).await {
            let thing = format!("/api/v1/{folder}/{id}");
            let share = format!("{thing}/shares/{partners}");
            let listed = || async {
                let page: Value = partner.get(&format!("/api/v1/{folder}?limit=500")).await.json().await.unwrap();
                // Protocols are listed whole, the other kinds a page at a time.
                let items = page["items"].as_array().or(page.as_array()).unwrap();
                items.iter().any(|i| i["id"] == id.as_str())
            };
            assert_eq!(partner.get(&thing).await.status(), 404, "{folder}: not shared yet");
            assert!(!listed().await, "{folder}");

            let res = app.me().put(&share, &json!({"access": "read"})).await;
            assert_eq!(res.status(), 200, "{folder}");
            let shares: Value = app.get(&format!("{thing}/shares")).await.json().await.unwrap();
            assert_eq!(shares, json!([{"team_id": partners, "team_name": "Partners", "access": "read"}]), "{folder}");
            assert_eq!(partner.get(&thing).await.status(), 200, "{folder}: shared read-only");
            assert!(listed().await, "{folder}: listed once shared");
            if folder != "protocols" {
                assert_eq!(partner.patch(&thing, &change).await.status(), 403, "{folder}: read-only");
            }
            assert_eq!(partner.put(&share, &json!({"access": "write"})).await.status(), 403, "{folder}: no sharing on");
            assert_eq!(partner.get(&format!("{thing}/shares")).await.status(), 403, "{folder}");

            assert_eq!(app.me().put(&share, &json!({"access": "write"})).await.status(), 200, "{folder}");
            if folder != "protocols" {
                let res = partner.patch(&thing, &change).await;
                assert_eq!(res.status(), 200, "{folder}: read-write: {}", res.text().await.unwrap());
            }

            assert_eq!(app.me().delete(&share).await.status(), 204, "{folder}");
            assert_eq!(partner.get(&thing).await.status(), 404, "{folder}: unshared");
            assert!(!listed().await, "{folder}");
            assert_eq!(app.me().delete(&share).await.status(), 404, "{folder}: no such share any more");

            let kind = domain::kind::Kind::from_folder(folder).unwrap();
            if !domain::kind::Kind::WITH_HISTORY.contains(&kind) {
                continue;
            }
            let history: Value = app.get(&format!("/api/v1/history/{kind}/{id}")).await.json().await.unwrap();
            let actions: Vec<&str> = history.as_array().unwrap().iter().map(|h| h["action"].as_str().unwrap()).collect();
            for action in ["share", "unshare"] {
                assert!(actions.contains(&format!("{kind}.{action}").as_str()), "{folder}: {actions:?}");
            }
        }
    }
}

both_engines! {
    /// A notebook shared with a partner team shares its entries, those written after too,
    /// in the entries list and one by one; an entry shared alone shares only itself.
    async fn a_shared_notebook_shares_its_entries(app) {
        let (partner, token) = app.person("partner@lab.test", "member", Some("Partners")).await;
        let partners = partner.memberships[0].team_id;
        let partner = app.with_token(&token);
        let first = created(&app, "/api/v1/entries", json!({"title": "Day 1"})).await;
        let notebook = first["notebook_id"].as_str().unwrap().to_owned();
        let other = created(&app, "/api/v1/notebooks", json!({"name": "Cloning"})).await;
        let elsewhere = created(&app, "/api/v1/entries", json!({"title": "Elsewhere", "notebook_id": other["id"]})).await;
        let titles = || async {
            let page: Value = partner.get("/api/v1/entries").await.json().await.unwrap();
            page["items"].as_array().unwrap().iter().map(|e| e["title"].as_str().unwrap().to_owned()).collect::<Vec<_>>()
        };
        assert!(titles().await.is_empty());

        let res = app.me().put(&format!("/api/v1/notebooks/{notebook}/shares/{partners}"), &json!({"access": "read"})).await;
        assert_eq!(res.status(), 200);
        let second = created(&app, "/api/v1/entries", json!({"title": "Day 2"})).await;
        assert_eq!(titles().await, ["Day 1", "Day 2"]);
        for entry in [&first, &second] {
            let path = format!("/api/v1/entries/{}", entry["id"].as_str().unwrap());
            assert_eq!(partner.get(&path).await.status(), 200);
            assert_eq!(partner.patch(&path, &json!({"title": "Mine now"})).await.status(), 403);
        }
        let notebooks: Value = partner.get("/api/v1/notebooks").await.json().await.unwrap();
        assert!(notebooks.as_array().unwrap().iter().any(|n| n["id"] == notebook.as_str()));
        let path = format!("/api/v1/entries/{}", elsewhere["id"].as_str().unwrap());
        assert_eq!(partner.get(&path).await.status(), 404, "another notebook's entry");

        app.me().delete(&format!("/api/v1/notebooks/{notebook}/shares/{partners}")).await;
        assert!(titles().await.is_empty());
        let res = app.me().put(&format!("/api/v1/entries/{}/shares/{partners}", first["id"].as_str().unwrap()), &json!({"access": "read"})).await;
        assert_eq!(res.status(), 200);
        assert_eq!(titles().await, ["Day 1"], "only the entry shared");
    }
}

both_engines! {
    /// A share to the owning team, to no team, with an unknown access, of a kind that is
    /// not shared: refused naming the field, nothing written.
    async fn bad_shares_name_their_field(app) {
        let lot = app.create_lot("Agarose", "consumable", json!({"quantity": 1, "unit": "g"})).await;
        let lot_id = lot["id"].as_str().unwrap();
        let owner = lot["team_id"].as_str().unwrap();
        let (partner, _) = app.person("partner@lab.test", "member", Some("Partners")).await;
        let partners = partner.memberships[0].team_id;
        let before = app.snapshot().await;
        for (path, body, field) in [
            (format!("/api/v1/lots/{lot_id}/shares/{owner}"), json!({"access": "read"}), "team_id"),
            (format!("/api/v1/lots/{lot_id}/shares/{}", uuid::Uuid::nil()), json!({"access": "read"}), "team_id"),
            (format!("/api/v1/lots/{lot_id}/shares/{partners}"), json!({"access": "everything"}), "access"),
        ] {
            let res = app.me().put(&path, &body).await;
            assert_eq!(res.status(), 422, "{path}");
            let problem: Value = res.json().await.unwrap();
            assert_eq!(problem["errors"][0]["field"], field, "{path}");
        }
        assert_eq!(app.snapshot().await, before);
        let shares: Value = app.get(&format!("/api/v1/lots/{lot_id}/shares")).await.json().await.unwrap();
        assert_eq!(shares, json!([]));
    }
}
