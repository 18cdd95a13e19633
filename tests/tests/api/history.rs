use paillasse_tests::both_engines;
use serde_json::{json, Value};

both_engines! {
    /// A lot's history: who received it, who consumed how much, who moved it, with the
    /// fields each change touched; hidden from those who may not see the lot.
    async fn a_things_history_tells_who_changed_what(app) {
        let product: Value = app.post_json("/api/v1/products", &json!({"name": "Agarose", "kind": "consumable"})).await.json().await.unwrap();
        let lot: Value = app.post_json("/api/v1/lots", &json!({"product_id": product["id"], "quantity": 500, "unit": "g"})).await.json().await.unwrap();
        let id = lot["id"].as_str().unwrap();
        app.post_json(&format!("/api/v1/lots/{id}/movements"), &json!({"kind": "consume", "quantity": 20, "unit": "g"})).await;
        app.patch_json(&format!("/api/v1/lots/{id}"), &json!({"supplier_lot": "BCBX1234"})).await;

        let history: Vec<Value> = app.get(&format!("/api/v1/history/lot/{id}")).await.json().await.unwrap();
        let actions: Vec<&str> = history.iter().map(|h| h["action"].as_str().unwrap()).collect();
        assert_eq!(actions, ["lot.create", "lot.consume", "lot.update"]);
        assert!(history.iter().all(|h| h["by"] == "ada"));
        assert_eq!(history[1]["changes"], json!([{"field": "quantity", "before": 500.0, "after": 480.0}]));
        assert_eq!(history[2]["changes"], json!([{"field": "supplier_lot", "before": null, "after": "BCBX1234"}]));
        assert!(history[0]["seq"].as_i64().unwrap() < history[1]["seq"].as_i64().unwrap());

        let (_, outsider) = app.person("outsider@lab.test", "member", Some("Elsewhere")).await;
        assert_eq!(app.with_token(&outsider).get(&format!("/api/v1/history/lot/{id}")).await.status(), 404);
        assert_eq!(app.get(&format!("/api/v1/history/spaceship/{id}")).await.status(), 404);
        assert_eq!(app.get("/api/v1/history/lot/not-an-id").await.status(), 404);
    }
}

both_engines! {
    /// The ids a change holds are named for the reader — the place, the product, the team
    /// — so a page never shows a UUID; a place the reader may not see is left unnamed.
    async fn a_history_names_what_its_ids_are(app) {
        let freezer = app.create_location("Congélateur −80 °C", None).await;
        let bench = app.create_location("Paillasse 3", None).await;
        let lot = app.create_lot("Tampon Tris", "chemical", json!({"quantity": 100, "unit": "mL", "location_id": freezer["id"]})).await;
        let id = lot["id"].as_str().unwrap();
        assert_eq!(app.patch_json(&format!("/api/v1/lots/{id}"), &json!({"location_id": bench["id"]})).await.status(), 200);

        let history: Vec<Value> = app.get(&format!("/api/v1/history/lot/{id}")).await.json().await.unwrap();
        let field = |n: usize, name: &str| history[n]["changes"].as_array().unwrap().iter().find(|c| c["field"] == name).cloned().unwrap();
        assert_eq!(field(0, "product_id")["after_name"], "Tampon Tris");
        assert_eq!(field(0, "team_id")["after_name"], "Lab");
        assert_eq!(field(0, "created_by")["after_name"], "ada");
        let moved = field(1, "location_id");
        assert_eq!((moved["before_name"].as_str(), moved["after_name"].as_str()), (Some("Congélateur −80 °C"), Some("Paillasse 3")));
        assert_eq!(moved["before"], freezer["id"], "the ids stay, for scripts");

        // A partner team reading the lot (shared) does not learn the names of places
        // it may not see.
        let partners = app.person("partner@lab.test", "member", Some("Partners")).await;
        app.share("lot", id, partners.0.memberships[0].team_id, "read").await;
        let theirs: Vec<Value> = app.with_token(&partners.1).get(&format!("/api/v1/history/lot/{id}")).await.json().await.unwrap();
        let moved = theirs[1]["changes"].as_array().unwrap().iter().find(|c| c["field"] == "location_id").cloned().unwrap();
        assert!(moved.get("before_name").is_none() && moved.get("after_name").is_none(), "{moved}");
        assert_eq!(moved["after"], bench["id"]);
    }
}
