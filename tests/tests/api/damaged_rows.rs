//! A value in the database that no version of Paillasse writes (a damaged row, a hand
//! edit gone wrong) is an error, logged and answered 500: never read as some default —
//! a quarantined lot whose status was mangled must not become a usable one.

use paillasse_tests::both_engines;
use serde_json::{json, Value};

fn id(v: &Value) -> String {
    v["id"].as_str().unwrap().to_owned()
}

/// Answers 500 with a problem that says nothing of the row.
async fn refused(res: reqwest::Response) {
    assert_eq!(res.status(), 500);
    let problem: Value = res.json().await.unwrap();
    assert!(
        !problem.to_string().contains("quarantin"),
        "the stored value is not shown: {problem}"
    );
}

both_engines! {
    /// A quarantined lot whose status was mangled is neither shown as in use nor consumed.
    async fn a_lot_with_an_unknown_status_is_an_error_not_a_usable_lot(app) {
        let lot = app.create_lot("Tris base", "chemical", json!({"quantity": 500, "unit": "g"})).await;
        let path = format!("/api/v1/lots/{}", id(&lot));
        assert_eq!(app.patch_json(&path, &json!({"status": "quarantined"})).await.status(), 200);
        let before = app.count("movements").await;
        app.sql("UPDATE lots SET status = 'quarantine d'").await;

        refused(app.get(&path).await).await;
        refused(app.get("/api/v1/lots").await).await;
        let consume = app.post_json(&format!("{path}/movements"), &json!({"kind": "consume", "quantity": 1, "unit": "g"})).await;
        assert_eq!(consume.status(), 500, "not consumed as if in use");
        assert_eq!(app.count("movements").await, before, "nothing written");
    }
}

both_engines! {
    /// Products, instruments, samples and label codes likewise.
    async fn other_unknown_stored_values_are_errors_too(app) {
        let product: Value = app.post_json("/api/v1/products", &json!({"name": "Agarose", "kind": "chemical"})).await.json().await.unwrap();
        app.sql("UPDATE products SET kind = 'chemicalz'").await;
        refused(app.get(&format!("/api/v1/products/{}", id(&product))).await).await;

        let instrument: Value = app.post_json("/api/v1/instruments", &json!({"name": "Balance"})).await.json().await.unwrap();
        app.sql("UPDATE instruments SET status = 'broken-ish'").await;
        refused(app.get(&format!("/api/v1/instruments/{}", id(&instrument))).await).await;

        let sample: Value = app.post_json("/api/v1/samples", &json!({"name": "Serum", "quantity": 100, "unit": "mL"})).await.json().await.unwrap();
        app.sql("UPDATE samples SET status = 'gone?'").await;
        refused(app.get(&format!("/api/v1/samples/{}", id(&sample))).await).await;

        let location = app.create_location("Freezer", None).await;
        let code = location["label_code"].as_str().unwrap().to_owned();
        app.sql("UPDATE label_codes SET kind = 'locationz'").await;
        refused(app.get(&format!("/api/v1/labels/{code}")).await).await;
    }
}
