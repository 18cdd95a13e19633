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
