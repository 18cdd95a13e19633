use paillasse_tests::{both_engines, day, TestApp};
use serde_json::{json, Value};

async fn instrument(app: &TestApp, name: &str) -> Value {
    let res = app
        .post_json(
            "/api/v1/instruments",
            &json!({"name": name, "serial": "B123-456", "model": "XPR205"}),
        )
        .await;
    assert_eq!(res.status(), 201);
    res.json().await.unwrap()
}

async fn calibrate(app: &TestApp, id: &str, on: i64, until: i64) {
    let res = app.post_json(&format!("/api/v1/instruments/{id}/records"), &json!({"kind": "calibration", "performed_on": day(on), "valid_until": day(until), "performed_by": "Mettler service"})).await;
    assert_eq!(res.status(), 201, "{}", res.text().await.unwrap());
}

async fn calibration_alerts(app: &TestApp, days: i64) -> Vec<String> {
    let alerts: Value = app
        .get(&format!("/api/v1/alerts?days={days}"))
        .await
        .json()
        .await
        .unwrap();
    alerts["calibration"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            format!(
                "{}:{}",
                a["name"].as_str().unwrap(),
                a["state"].as_str().unwrap()
            )
        })
        .collect()
}

both_engines! {
    /// An instrument's calibration state follows its latest calibration: none, lapsed,
    /// due soon, valid; it shows in the list, on the instrument and in the alerts.
    async fn calibration_state_follows_the_records(app) {
        let balance = instrument(&app, "Analytical balance").await;
        assert_eq!(balance["calibration"], "none");
        assert_eq!(balance["status"], "available");
        assert!(labels::LabelCode::parse(balance["label_code"].as_str().unwrap()).is_ok());
        let id = balance["id"].as_str().unwrap();
        let path = format!("/api/v1/instruments/{id}");

        calibrate(&app, id, -400, -35).await;
        let now: Value = app.get(&path).await.json().await.unwrap();
        assert_eq!(now["calibration"], "lapsed");
        assert_eq!(now["calibrated_until"], day(-35));
        let list: Value = app.get("/api/v1/instruments?q=balance").await.json().await.unwrap();
        assert_eq!(list["items"][0]["calibration"], "lapsed");
        assert_eq!(calibration_alerts(&app, 30).await, ["Analytical balance:lapsed"]);

        calibrate(&app, id, 0, 10).await;
        assert_eq!(app.get(&path).await.json::<Value>().await.unwrap()["calibration"], "due_soon");
        assert_eq!(calibration_alerts(&app, 30).await, ["Analytical balance:due_soon"]);
        assert!(calibration_alerts(&app, 5).await.is_empty(), "ends after the window");

        calibrate(&app, id, 0, 365).await;
        assert_eq!(app.get(&path).await.json::<Value>().await.unwrap()["calibration"], "valid");
        assert!(calibration_alerts(&app, 30).await.is_empty());

        let res = app.post_json(&format!("{path}/records"), &json!({"kind": "maintenance", "performed_on": day(0), "notes": "Draft shield replaced"})).await;
        assert_eq!(res.status(), 201);
        let record: Value = res.json().await.unwrap();
        assert_eq!(record["performed_by"], "ada", "defaults to who records it");
        let records: Vec<Value> = app.get(&format!("{path}/records")).await.json().await.unwrap();
        assert_eq!(records.len(), 4);
        assert_eq!(records[0]["kind"], "maintenance", "newest first");

        let res = app.patch_json(&path, &json!({"status": "in_maintenance", "serial": null})).await;
        let patched: Value = res.json().await.unwrap();
        assert_eq!((patched["status"].as_str(), patched["serial"].as_str()), (Some("in_maintenance"), None));
        assert_eq!(app.get("/api/v1/instruments?q=B123-456").await.json::<Value>().await.unwrap()["items"].as_array().unwrap().len(), 0);
        let history = service::audit::history(&app.db.conn, "instrument", id).await.unwrap();
        let actions: Vec<&str> = history.iter().map(|r| r.action.as_str()).collect();
        assert_eq!(actions, ["instrument.create", "instrument.calibration", "instrument.calibration", "instrument.calibration", "instrument.maintenance", "instrument.update"]);
    }
}

both_engines! {
    /// Bad records and instruments are refused field by field, writing nothing.
    async fn bad_instruments_and_records_are_refused(app) {
        let balance = instrument(&app, "Balance").await;
        let path = format!("/api/v1/instruments/{}", balance["id"].as_str().unwrap());
        let before = (app.count("instruments").await, app.count("instrument_records").await, app.count("audit_log").await);
        let codes = |v: Value| -> Vec<String> {
            let mut c: Vec<String> = v["errors"].as_array().unwrap().iter().map(|e| format!("{}:{}", e["field"].as_str().unwrap(), e["code"].as_str().unwrap())).collect();
            c.sort();
            c
        };
        let res = app.post_json(&format!("{path}/records"), &json!({"kind": "calibration", "performed_on": day(1)})).await;
        assert_eq!(res.status(), 422);
        assert_eq!(codes(res.json().await.unwrap()), ["performed_on:in_future", "valid_until:required"]);
        let res = app.post_json(&format!("{path}/records"), &json!({"kind": "calibration", "performed_on": day(0), "valid_until": day(-1)})).await;
        assert_eq!(codes(res.json().await.unwrap()), ["valid_until:before_performed"]);
        let res = app.post_json(&format!("{path}/records"), &json!({"kind": "repair", "performed_on": day(0)})).await;
        assert_eq!(codes(res.json().await.unwrap()), ["kind:invalid"]);
        // Not a date at all: malformed (400), the field still named.
        let res = app.post_json(&format!("{path}/records"), &json!({"kind": "maintenance", "performed_on": "yesterday"})).await;
        assert_eq!(res.status(), 400);
        assert_eq!(res.json::<Value>().await.unwrap()["errors"][0]["field"], "performed_on");
        let res = app.post_json("/api/v1/instruments", &json!({"name": "", "location_id": uuid::Uuid::now_v7()})).await;
        assert_eq!(codes(res.json().await.unwrap()), ["location_id:not_found", "name:empty"]);
        let res = app.patch_json(&path, &json!({"status": "broken"})).await;
        assert_eq!(codes(res.json().await.unwrap()), ["status:invalid"]);
        let after = (app.count("instruments").await, app.count("instrument_records").await, app.count("audit_log").await);
        assert_eq!(after, before);
        let res = app.get("/api/v1/alerts?days=400").await;
        assert_eq!(codes(res.json().await.unwrap()), ["days:out_of_range"]);
    }
}

both_engines! {
    /// The alerts: expiring and expired lots (not disposed ones) soonest first, products
    /// under their reorder level counting usable lots in any unit of the right kind,
    /// and nothing from another team.
    async fn alerts_show_what_needs_attention(app) {
        let res = app.post_json("/api/v1/products", &json!({"name": "Ethanol", "kind": "chemical", "reorder_level": 500, "reorder_unit": "mL"})).await;
        assert_eq!(res.status(), 201, "{}", res.text().await.unwrap());
        let ethanol: Value = res.json().await.unwrap();
        let lot = |quantity: f64, unit: &'static str, expires: Option<i64>| {
            let app = &app;
            let body = json!({"product_id": ethanol["id"], "quantity": quantity, "unit": unit, "received_on": day(-500), "expires_on": expires.map(day)});
            async move {
                let res = app.post_json("/api/v1/lots", &body).await;
                assert_eq!(res.status(), 201);
                res.json::<Value>().await.unwrap()
            }
        };
        let soon = lot(100.0, "mL", Some(10)).await;
        let expired = lot(0.2, "L", Some(-3)).await;
        lot(50.0, "mL", Some(100)).await;
        let disposed = lot(10.0, "mL", Some(5)).await;
        let res = app.post_json(&format!("/api/v1/lots/{}/movements", disposed["id"].as_str().unwrap()), &json!({"kind": "dispose"})).await;
        assert_eq!(res.status(), 201);

        let alerts: Value = app.get("/api/v1/alerts").await.json().await.unwrap();
        assert_eq!(alerts["days"], 30);
        let expiring: Vec<(&str, i64)> = alerts["expiring_lots"].as_array().unwrap().iter().map(|l| (l["label_code"].as_str().unwrap(), l["days_left"].as_i64().unwrap())).collect();
        assert_eq!(expiring, [(expired["label_code"].as_str().unwrap(), -3), (soon["label_code"].as_str().unwrap(), 10)]);
        assert_eq!(alerts["expiring_lots"][0]["product_name"], "Ethanol");
        // 100 mL + 0.2 L + 50 mL in use: 350 mL, under 500 mL.
        assert_eq!(alerts["low_stock"].as_array().unwrap().len(), 1);
        assert_eq!(alerts["low_stock"][0]["in_stock"].as_f64(), Some(350.0));
        assert_eq!((alerts["low_stock"][0]["reorder_level"].as_f64(), alerts["low_stock"][0]["unit"].as_str()), (Some(500.0), Some("mL")));

        lot(1.0, "L", None).await;
        let alerts: Value = app.get("/api/v1/alerts?days=0").await.json().await.unwrap();
        assert_eq!(alerts["low_stock"].as_array().unwrap().len(), 0, "restocked");
        assert_eq!(alerts["expiring_lots"].as_array().unwrap().len(), 1, "only the expired one today");

        let (_, outsider) = app.person("outsider@lab.test", "member", Some("Elsewhere")).await;
        let theirs: Value = app.with_token(&outsider).get("/api/v1/alerts").await.json().await.unwrap();
        assert_eq!(theirs, json!({"days": 30, "expiring_lots": [], "low_stock": [], "calibration": []}));
    }
}
