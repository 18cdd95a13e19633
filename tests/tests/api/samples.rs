use paillasse_tests::{both_engines, TestApp};
use serde_json::{json, Value};

/// A lot of 100 mL of buffer, returned with its id.
async fn buffer_lot(app: &TestApp) -> String {
    let product: Value = app
        .post_json(
            "/api/v1/products",
            &json!({"name": "PBS buffer", "kind": "chemical"}),
        )
        .await
        .json()
        .await
        .unwrap();
    let res = app
        .post_json(
            "/api/v1/lots",
            &json!({"product_id": product["id"], "quantity": 100, "unit": "mL"}),
        )
        .await;
    assert_eq!(res.status(), 201);
    res.json::<Value>().await.unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned()
}

async fn sample(app: &TestApp, body: Value) -> Value {
    let res = app.post_json("/api/v1/samples", &body).await;
    assert_eq!(res.status(), 201, "{}", res.text().await.unwrap());
    res.json().await.unwrap()
}

async fn quantity(app: &TestApp, path: &str) -> f64 {
    let thing: Value = app.get(path).await.json().await.unwrap();
    thing["quantity"].as_f64().unwrap()
}

fn fields(problem: &Value) -> Vec<(String, String)> {
    let mut f: Vec<_> = problem["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["field"].as_str().unwrap().to_owned(),
                e["code"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    f.sort();
    f
}

both_engines! {
    /// A sample made from a lot takes what it used from the lot; aliquoting it into four is
    /// one action that takes four portions from it; the children know their parent, and
    /// each ledger tells the story.
    async fn samples_are_derived_from_lots_and_aliquoted(app) {
        let lot = buffer_lot(&app).await;
        let freezer = app.create_location("Freezer -80", None).await;
        let pool = sample(&app, json!({
            "name": "Plasma pool", "type": "plasma", "quantity": 10, "unit": "mL",
            "location_id": freezer["id"],
            "parents": [{"lot_id": lot, "relation": "mixture", "quantity": 10, "unit": "mL"}],
        })).await;
        assert_eq!(pool["type"], "plasma");
        assert_eq!(pool["status"], "available");
        assert_eq!(pool["location_id"], freezer["id"]);
        assert!(labels::LabelCode::parse(pool["label_code"].as_str().unwrap()).is_ok());
        assert_eq!(pool["parents"][0]["kind"], "lot");
        assert_eq!(pool["parents"][0]["id"], lot.as_str());
        assert_eq!(pool["parents"][0]["relation"], "mixture");
        assert_eq!(pool["parents"][0]["name"], "PBS buffer");
        assert_eq!(quantity(&app, &format!("/api/v1/lots/{lot}")).await, 90.0);

        let pool_id = pool["id"].as_str().unwrap();
        let res = app.post_json(&format!("/api/v1/samples/{pool_id}/aliquots"), &json!({"count": 4, "quantity": 500, "unit": "µL"})).await;
        assert_eq!(res.status(), 201);
        let aliquots: Vec<Value> = res.json().await.unwrap();
        assert_eq!(aliquots.len(), 4);
        let names: Vec<&str> = aliquots.iter().map(|a| a["name"].as_str().unwrap()).collect();
        assert_eq!(names, ["Plasma pool · 1", "Plasma pool · 2", "Plasma pool · 3", "Plasma pool · 4"]);
        let codes: std::collections::BTreeSet<&str> = aliquots.iter().map(|a| a["label_code"].as_str().unwrap()).collect();
        assert_eq!(codes.len(), 4, "each aliquot has its own label code");
        for a in &aliquots {
            assert_eq!((a["quantity"].as_f64(), a["unit"].as_str()), (Some(500.0), Some("µL")));
            assert_eq!(a["parents"][0]["id"], pool["id"]);
            assert_eq!(a["parents"][0]["relation"], "aliquot");
            assert_eq!(a["location_id"], freezer["id"], "aliquots stay where the parent is");
        }
        assert_eq!(quantity(&app, &format!("/api/v1/samples/{pool_id}")).await, 8.0);

        let children: Value = app.get(&format!("/api/v1/samples?derived_from={pool_id}")).await.json().await.unwrap();
        assert_eq!(children["items"].as_array().unwrap().len(), 4);
        let from_lot: Value = app.get(&format!("/api/v1/samples?derived_from={lot}")).await.json().await.unwrap();
        assert_eq!(from_lot["items"][0]["id"], pool["id"]);
        let by_code: Value = app.get(&format!("/api/v1/samples?q={}", aliquots[2]["label_code"].as_str().unwrap().to_lowercase())).await.json().await.unwrap();
        assert_eq!(by_code["items"].as_array().unwrap().len(), 1);
        assert_eq!(by_code["items"][0]["name"], "Plasma pool · 3");
        let by_name: Value = app.get("/api/v1/samples?q=pool").await.json().await.unwrap();
        assert_eq!(by_name["items"].as_array().unwrap().len(), 5);

        let ledger: Vec<Value> = app.get(&format!("/api/v1/samples/{pool_id}/movements")).await.json().await.unwrap();
        let lines: Vec<(&str, f64)> = ledger.iter().map(|m| (m["kind"].as_str().unwrap(), m["change"].as_f64().unwrap())).collect();
        assert_eq!(lines, [("receive", 10.0), ("consume", -2.0)]);
        let lot_ledger: Vec<Value> = app.get(&format!("/api/v1/lots/{lot}/movements")).await.json().await.unwrap();
        assert!(lot_ledger[1]["reason"].as_str().unwrap().contains(pool["label_code"].as_str().unwrap()), "the lot's ledger names the sample");

        // Used up by the ledger, then discarded.
        let res = app.post_json(&format!("/api/v1/samples/{pool_id}/movements"), &json!({"kind": "consume", "quantity": 8})).await;
        assert_eq!(res.status(), 201);
        assert_eq!(app.get(&format!("/api/v1/samples/{pool_id}")).await.json::<Value>().await.unwrap()["status"], "used_up");
        let res = app.patch_json(&format!("/api/v1/samples/{pool_id}"), &json!({"name": "Plasma pool A", "type": null})).await;
        let renamed: Value = res.json().await.unwrap();
        assert_eq!((renamed["name"].as_str(), renamed["type"].as_str()), (Some("Plasma pool A"), None));
        // Full-text search: words as prefixes, any case, kept in step with renames.
        let found: Value = app.get("/api/v1/samples?q=POOL%20a").await.json().await.unwrap();
        let names: Vec<&str> = found["items"].as_array().unwrap().iter().map(|s| s["name"].as_str().unwrap()).collect();
        assert_eq!(names, ["Plasma pool A"]);
        let found: Value = app.get("/api/v1/samples?q=plas%20poo").await.json().await.unwrap();
        assert_eq!(found["items"].as_array().unwrap().len(), 5);
        let found: Value = app.get("/api/v1/samples?q=%22%20OR%20*").await.json().await.unwrap();
        assert_eq!(found["items"].as_array().unwrap().len(), 0, "search syntax is only text");
    }
}

both_engines! {
    /// Lineage never loops, and each bad field is named with nothing written: not a
    /// sample, not a movement, not a taken millilitre.
    async fn cycles_and_bad_samples_are_refused_writing_nothing(app) {
        let lot = buffer_lot(&app).await;
        let a = sample(&app, json!({"name": "A", "quantity": 10, "unit": "mL"})).await;
        let b = sample(&app, json!({"name": "B", "quantity": 1, "unit": "mL", "parents": [{"sample_id": a["id"], "relation": "extract"}]})).await;
        let c = sample(&app, json!({"name": "C", "quantity": 1, "unit": "mL", "parents": [{"sample_id": b["id"], "relation": "culture"}]})).await;
        let before = (app.count("samples").await, app.count("sample_parents").await, app.count("sample_movements").await, app.count("movements").await, app.count("audit_log").await);

        // C descends from A: A cannot be made from C, nor from itself.
        let a_id = a["id"].as_str().unwrap();
        let res = app.post_json(&format!("/api/v1/samples/{a_id}/parents"), &json!({"sample_id": c["id"], "relation": "other"})).await;
        assert_eq!(res.status(), 422);
        assert_eq!(fields(&res.json().await.unwrap()), [("sample_id".into(), "cycle".into())]);
        let res = app.post_json(&format!("/api/v1/samples/{a_id}/parents"), &json!({"sample_id": a["id"], "relation": "other"})).await;
        assert_eq!(res.status(), 422);

        let res = app.post_json("/api/v1/samples", &json!({"name": " ", "quantity": 0, "unit": "furlong",
            "parents": [{"sample_id": a["id"], "lot_id": lot, "relation": "boiled"}, {"sample_id": uuid::Uuid::now_v7(), "relation": "aliquot"}]})).await;
        assert_eq!(res.status(), 422);
        assert_eq!(fields(&res.json().await.unwrap()), [
            ("name".into(), "empty".into()),
            ("parents[0].relation".into(), "invalid".into()),
            ("parents[0].sample_id".into(), "one_parent".into()),
            ("parents[1].sample_id".into(), "not_found".into()),
            ("unit".into(), "unknown_unit".into()),
        ]);
        let res = app.post_json("/api/v1/samples", &json!({"name": "X", "quantity": -1, "unit": "mL", "location_id": uuid::Uuid::now_v7()})).await;
        assert_eq!(fields(&res.json().await.unwrap()), [("location_id".into(), "not_found".into()), ("quantity".into(), "not_positive".into())]);
        // Taking more than the lot holds, or in the wrong dimension: refused, nothing taken.
        let res = app.post_json("/api/v1/samples", &json!({"name": "Too much", "quantity": 1, "unit": "L", "parents": [{"lot_id": lot, "relation": "aliquot", "quantity": 101, "unit": "mL"}]})).await;
        assert_eq!(res.status(), 409);
        assert_eq!(fields(&res.json().await.unwrap()), [("parents[0].quantity".into(), "insufficient".into())]);
        let res = app.post_json("/api/v1/samples", &json!({"name": "Weighed", "quantity": 1, "unit": "g", "parents": [{"lot_id": lot, "relation": "aliquot", "quantity": 1, "unit": "g"}]})).await;
        assert_eq!(res.status(), 422);
        assert_eq!(fields(&res.json().await.unwrap()), [("parents[0].unit".into(), "wrong_dimension".into())]);
        // Six aliquots of 2 mL from 10 mL: none made.
        let res = app.post_json(&format!("/api/v1/samples/{a_id}/aliquots"), &json!({"count": 6, "quantity": 2, "unit": "mL"})).await;
        assert_eq!(res.status(), 409);
        let res = app.post_json(&format!("/api/v1/samples/{a_id}/aliquots"), &json!({"count": 0, "quantity": 2})).await;
        assert_eq!(fields(&res.json().await.unwrap()), [("count".into(), "out_of_range".into())]);

        let after = (app.count("samples").await, app.count("sample_parents").await, app.count("sample_movements").await, app.count("movements").await, app.count("audit_log").await);
        assert_eq!(after, before);
        assert_eq!(quantity(&app, &format!("/api/v1/lots/{lot}")).await, 100.0);
        assert_eq!(quantity(&app, &format!("/api/v1/samples/{a_id}")).await, 10.0);

        // A second parent that closes no loop is fine.
        let res = app.post_json(&format!("/api/v1/samples/{}/parents", c["id"].as_str().unwrap()), &json!({"lot_id": lot, "relation": "mixture", "quantity": 5, "unit": "mL"})).await;
        assert_eq!(res.status(), 200);
        let c: Value = res.json().await.unwrap();
        assert_eq!(c["parents"].as_array().unwrap().len(), 2);
        assert_eq!(quantity(&app, &format!("/api/v1/lots/{lot}")).await, 95.0);
    }
}

both_engines! {
    /// Two people aliquoting the same 10 mL at the same moment, 6 mL each: one gets it.
    async fn concurrent_aliquots_never_overdraw(app) {
        let parent = sample(&app, json!({"name": "Lysate", "quantity": 10, "unit": "mL"})).await;
        let path = format!("/api/v1/samples/{}/aliquots", parent["id"].as_str().unwrap());
        let app = std::sync::Arc::new(app);
        let tasks: Vec<_> = (0..6)
            .map(|_| {
                let (app, path) = (app.clone(), path.clone());
                tokio::spawn(async move {
                    app.post_json(&path, &json!({"count": 3, "quantity": 2, "unit": "mL"})).await.status().as_u16()
                })
            })
            .collect();
        let mut statuses = Vec::new();
        for t in tasks {
            statuses.push(t.await.unwrap());
        }
        statuses.sort();
        assert_eq!(statuses, [201, 409, 409, 409, 409, 409]);
        assert_eq!(quantity(&app, &format!("/api/v1/samples/{}", parent["id"].as_str().unwrap())).await, 4.0);
        assert_eq!(app.count("samples").await, 4);
    }
}

both_engines! {
    /// A parent the reader may not see is counted as restricted, never described.
    async fn parents_one_may_not_see_are_restricted(app) {
        let secret = sample(&app, json!({"name": "Patient 12 serum", "quantity": 1, "unit": "mL"})).await;
        let (them, outsider) = app.person("outsider@lab.test", "member", Some("Elsewhere")).await;
        let (_, admin) = app.person("admin@lab.test", "admin", None).await;
        let team = them.memberships[0].team_id;
        let res = app.with_token(&admin).post("/api/v1/samples", &json!({"name": "Derived", "quantity": 1, "unit": "mL", "team_id": team,
            "parents": [{"sample_id": secret["id"], "relation": "extract"}]})).await;
        assert_eq!(res.status(), 201);
        let derived: Value = res.json().await.unwrap();
        let seen: Value = app.with_token(&outsider).get(&format!("/api/v1/samples/{}", derived["id"].as_str().unwrap())).await.json().await.unwrap();
        assert_eq!(seen["parents"][0]["restricted"], true);
        assert_eq!(seen["parents"][0]["relation"], "extract");
        assert!(seen["parents"][0]["id"].is_null() && seen["parents"][0]["name"].is_null());
        assert!(!seen.to_string().contains("Patient 12"));
        let res = app.with_token(&outsider).get(&format!("/api/v1/samples/{}", secret["id"].as_str().unwrap())).await;
        assert_eq!(res.status(), 404);
        // Nor can they derive from it.
        let res = app.with_token(&outsider).post("/api/v1/samples", &json!({"name": "Stolen", "quantity": 1, "unit": "mL",
            "parents": [{"sample_id": secret["id"], "relation": "aliquot"}]})).await;
        assert_eq!(fields(&res.json().await.unwrap()), [("parents[0].sample_id".into(), "not_found".into())]);
    }
}
