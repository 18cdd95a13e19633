use paillasse_tests::{both_engines, day, TestApp};
use serde_json::{json, Value};

async fn product(app: &TestApp) -> String {
    let res = app
        .post_json(
            "/api/v1/products",
            &json!({"name": "Ethanol", "kind": "chemical", "cas": "64-17-5"}),
        )
        .await;
    assert_eq!(res.status(), 201);
    res.json::<Value>().await.unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned()
}

async fn lot(app: &TestApp, product: &str, quantity: f64, unit: &str) -> Value {
    let res = app.post_json("/api/v1/lots", &json!({"product_id": product, "quantity": quantity, "unit": unit, "supplier_lot": "SZBF1234", "expires_on": day(200)})).await;
    assert_eq!(res.status(), 201);
    res.json().await.unwrap()
}

async fn ledger_sum(app: &TestApp, lot_id: &str) -> f64 {
    let ledger: Value = app
        .get(&format!("/api/v1/lots/{lot_id}/movements"))
        .await
        .json()
        .await
        .unwrap();
    ledger
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["change"].as_f64().unwrap())
        .sum()
}

both_engines! {
    /// A received lot has a label code and its quantity; consuming in another unit of the
    /// same dimension works; the quantity always equals the ledger's sum.
    async fn the_ledger_drives_the_quantity(app) {
        let product = product(&app).await;
        let lot = lot(&app, &product, 100.0, "ml").await;
        assert_eq!((lot["quantity"].as_f64(), lot["unit"].as_str(), lot["status"].as_str()), (Some(100.0), Some("mL"), Some("in_use")));
        assert!(labels::LabelCode::parse(lot["label_code"].as_str().unwrap()).is_ok());
        let id = lot["id"].as_str().unwrap();
        let movements = format!("/api/v1/lots/{id}/movements");

        let res = app.post_json(&movements, &json!({"kind": "consume", "quantity": 250, "unit": "µL", "reason": "PCR master mix"})).await;
        assert_eq!(res.status(), 201);
        let m: Value = res.json().await.unwrap();
        assert_eq!((m["change"].as_f64(), m["unit"].as_str()), (Some(-0.25), Some("mL")));
        app.post_json(&movements, &json!({"kind": "adjust", "quantity": -0.75, "reason": "spilled"})).await;
        let now: Value = app.get(&format!("/api/v1/lots/{id}")).await.json().await.unwrap();
        assert_eq!(now["quantity"].as_f64(), Some(99.0));
        assert_eq!(ledger_sum(&app, id).await, 99.0);

        let res = app.post_json(&movements, &json!({"kind": "consume", "quantity": 1, "unit": "g"})).await;
        assert_eq!(res.status(), 422);
        assert_eq!(res.json::<Value>().await.unwrap()["errors"][0]["code"], "wrong_dimension");
        let res = app.post_json(&movements, &json!({"kind": "consume", "quantity": 99.5, "unit": "mL"})).await;
        assert_eq!(res.status(), 409);
        assert_eq!(res.json::<Value>().await.unwrap()["errors"][0]["field"], "quantity");

        // Consuming the rest empties it; disposing ends it.
        app.post_json(&movements, &json!({"kind": "consume", "quantity": 99, "unit": "mL"})).await;
        let now: Value = app.get(&format!("/api/v1/lots/{id}")).await.json().await.unwrap();
        assert_eq!((now["quantity"].as_f64(), now["status"].as_str()), (Some(0.0), Some("empty")));
        assert_eq!(app.post_json(&movements, &json!({"kind": "dispose"})).await.status(), 201);
        let now: Value = app.get(&format!("/api/v1/lots/{id}")).await.json().await.unwrap();
        assert_eq!(now["status"], "disposed");
        assert_eq!(app.post_json(&movements, &json!({"kind": "receive", "quantity": 1})).await.status(), 409, "a disposed lot takes nothing");
        let history = service::audit::history(&app.db.conn, "lot", id).await.unwrap();
        let actions: Vec<&str> = history.iter().map(|r| r.action.as_str()).collect();
        assert_eq!(actions, ["lot.create", "lot.consume", "lot.adjust", "lot.consume", "lot.dispose"]);
    }
}

both_engines! {
    /// Ten people consume 30 mL each from 100 mL at the same moment: exactly three get it,
    /// the others a 409, and the lot never goes below zero.
    async fn concurrent_consumption_never_overdraws(app) {
        let product = product(&app).await;
        let lot = lot(&app, &product, 100.0, "mL").await;
        let id = lot["id"].as_str().unwrap().to_owned();
        let app = std::sync::Arc::new(app);
        let tasks: Vec<_> = (0..10)
            .map(|_| {
                let app = app.clone();
                let path = format!("/api/v1/lots/{id}/movements");
                tokio::spawn(async move {
                    app.post_json(&path, &json!({"kind": "consume", "quantity": 30, "unit": "mL"})).await.status().as_u16()
                })
            })
            .collect();
        let mut statuses = Vec::new();
        for t in tasks {
            statuses.push(t.await.unwrap());
        }
        statuses.sort();
        assert_eq!(statuses, [201, 201, 201, 409, 409, 409, 409, 409, 409, 409]);
        let now: Value = app.get(&format!("/api/v1/lots/{id}")).await.json().await.unwrap();
        assert_eq!(now["quantity"].as_f64(), Some(10.0));
        assert_eq!(ledger_sum(&app, &id).await, 10.0);
    }
}

both_engines! {
    /// Each bad field is named and nothing is written; illegal status changes are refused.
    async fn bad_lots_and_transitions_are_refused(app) {
        let product = product(&app).await;
        let before = (app.count("lots").await, app.count("movements").await, app.count("audit_log").await);
        let res = app.post_json("/api/v1/lots", &json!({"product_id": uuid::Uuid::now_v7(), "quantity": 0, "unit": "furlong", "received_on": "2026-11-30", "expires_on": "2026-01-01"})).await;
        assert_eq!(res.status(), 422);
        let problem: Value = res.json().await.unwrap();
        let mut fields: Vec<&str> = problem["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap()).collect();
        fields.sort();
        assert_eq!(fields, ["expires_on", "product_id", "unit"]);
        let res = app.post_json("/api/v1/lots", &json!({"product_id": product, "quantity": -5, "unit": "g"})).await;
        assert_eq!(res.json::<Value>().await.unwrap()["errors"][0]["code"], "not_positive");
        assert_eq!((app.count("lots").await, app.count("movements").await, app.count("audit_log").await), before);

        let lot = lot(&app, &product, 5.0, "g").await;
        let path = format!("/api/v1/lots/{}", lot["id"].as_str().unwrap());
        let res = app.patch_json(&path, &json!({"status": "empty"})).await;
        assert_eq!(res.status(), 422);
        assert_eq!(res.json::<Value>().await.unwrap()["errors"][0]["code"], "transition");
        assert_eq!(app.patch_json(&path, &json!({"status": "quarantined"})).await.status(), 200);
        let consume = app.post_json(&format!("{path}/movements"), &json!({"kind": "consume", "quantity": 1, "unit": "g"})).await;
        assert_eq!(consume.status(), 409, "quarantined stock is not used");
        assert_eq!(app.patch_json(&path, &json!({"status": "in_use", "opened_on": day(0)})).await.status(), 200);
    }
}

both_engines! {
    /// Tris base is counted in grams: a lot of it received in mL is refused, naming the
    /// unit, and nothing is written; a product reordered in kg is counted in mass before
    /// its first lot; a new product with nothing to say takes any unit.
    async fn a_receipt_in_a_unit_the_product_is_not_counted_in_is_refused(app) {
        let tris = app.create_lot("Tris base", "chemical", json!({"quantity": 500, "unit": "g"})).await;
        let before: Value = app.get(&format!("/api/v1/lots?product_id={}", tris["product_id"].as_str().unwrap())).await.json().await.unwrap();
        let res = app.post_json("/api/v1/lots", &json!({"product_id": tris["product_id"], "quantity": 500, "unit": "mL"})).await;
        assert_eq!(res.status(), 422);
        let body: Value = res.json().await.unwrap();
        assert_eq!(body["errors"][0]["field"], "unit", "{body}");
        assert_eq!(body["errors"][0]["code"], "product_dimension", "{body}");
        let after: Value = app.get(&format!("/api/v1/lots?product_id={}", tris["product_id"].as_str().unwrap())).await.json().await.unwrap();
        assert_eq!(before["items"].as_array().unwrap().len(), after["items"].as_array().unwrap().len());
        // Kilograms are grams too.
        assert_eq!(app.post_json("/api/v1/lots", &json!({"product_id": tris["product_id"], "quantity": 1, "unit": "kg"})).await.status(), 201);

        let agar: Value = app.post_json("/api/v1/products", &json!({"name": "Agar", "kind": "chemical", "reorder_level": 1, "reorder_unit": "kg"})).await.json().await.unwrap();
        assert_eq!(app.post_json("/api/v1/lots", &json!({"product_id": agar["id"], "quantity": 2, "unit": "L"})).await.status(), 422);
        assert_eq!(app.post_json("/api/v1/lots", &json!({"product_id": agar["id"], "quantity": 500, "unit": "g"})).await.status(), 201);

        let tips: Value = app.post_json("/api/v1/products", &json!({"name": "Cônes 200 µL", "kind": "consumable"})).await.json().await.unwrap();
        assert_eq!(app.post_json("/api/v1/lots", &json!({"product_id": tips["id"], "quantity": 960, "unit": "count"})).await.status(), 201);
    }
}
