//! Uses recorded at the bench (the pages' server functions go through the same service
//! calls as here): a blank unit never stands for the lot's, a large amount or a warning
//! needs the person's confirmation, what cannot be used is refused whatever they say,
//! and the warnings are kept on the usage. Through the REST API, a script's usage is
//! recorded as asked, its warnings kept too.

use domain::bench::{ConfirmPolicy, UseNotice};
use paillasse_tests::{both_engines, day, TestApp, DEFAULT_TEAM};
use serde_json::{json, Value};
use service::{notebook::usages::Asked, things::bench::BenchUse};

fn id(v: &Value) -> String {
    v["id"].as_str().unwrap().to_owned()
}

async fn quantity(app: &TestApp, lot: &str) -> f64 {
    let lot: Value = app
        .get(&format!("/api/v1/lots/{lot}"))
        .await
        .json()
        .await
        .unwrap();
    lot["quantity"].as_f64().unwrap()
}

fn typed(code: &str, quantity: &str, unit: &str) -> BenchUse {
    BenchUse {
        code: code.into(),
        quantity: quantity.into(),
        unit: unit.into(),
        ..Default::default()
    }
}

fn bench(confirmed: bool) -> Asked {
    Asked::Bench {
        confirmed,
        policy: ConfirmPolicy::parse("500 mL").unwrap(),
    }
}

/// The fields a refusal names, and their codes.
fn refused(result: Result<domain::entry::Usage, service::ServiceError>) -> Vec<(String, String)> {
    match result {
        Err(service::ServiceError::Domain(e)) => e
            .field_errors()
            .iter()
            .map(|f| (f.field.clone(), f.code.clone()))
            .collect(),
        other => panic!("expected a refusal, got {other:?}"),
    }
}

both_engines! {
    /// Ethanol held in litres: "2" with a blank unit is refused naming the unit (it took
    /// 2 L before); 2 mL is taken as 2 mL; 2 L (80 % of what is left, over the 500 mL
    /// limit) waits for a confirmation, then is taken; nothing moves on a refusal.
    async fn a_blank_unit_is_refused_and_a_large_amount_needs_a_confirmation(app) {
        let (tech, _) = app.person("theo@lab.test", "member", Some(DEFAULT_TEAM)).await;
        let lot = app.create_lot("Ethanol absolute", "chemical", json!({"quantity": 2.5, "unit": "L"})).await;
        let (lot_id, code) = (id(&lot), lot["label_code"].as_str().unwrap().to_owned());
        let entry: Value = app.post_json("/api/v1/entries", &json!({"title": "Cleaning", "body": ""})).await.json().await.unwrap();
        let entry_id = uuid::Uuid::parse_str(&id(&entry)).unwrap();
        let db = &app.db.conn;
        let before = (app.count("movements").await, app.count("entry_usages").await, app.count("audit_log").await);

        let blank = service::things::bench::add_by_code(db, &tech, entry_id, &typed(&code, "2", ""), &bench(true)).await;
        assert_eq!(refused(blank), [("unit".to_owned(), "required".to_owned())]);
        let no_amount = service::things::bench::add_by_code(db, &tech, entry_id, &typed(&code, "", "mL"), &bench(true)).await;
        assert_eq!(refused(no_amount), [("quantity".to_owned(), "required".to_owned())]);
        let two_litres = service::things::bench::add_by_code(db, &tech, entry_id, &typed(&code, "2", "L"), &bench(false)).await;
        assert_eq!(refused(two_litres), [("confirmed".to_owned(), "large_share".to_owned()), ("confirmed".to_owned(), "above_limit".to_owned())]);
        assert_eq!((app.count("movements").await, app.count("entry_usages").await, app.count("audit_log").await), before, "refusals write nothing");
        assert_eq!(quantity(&app, &lot_id).await, 2.5);

        let two_ml = service::things::bench::add_by_code(db, &tech, entry_id, &typed(&code, "2", "mL"), &bench(false)).await.unwrap();
        assert_eq!((two_ml.quantity, two_ml.unit.as_deref()), (Some(2.0), Some("mL")));
        assert_eq!(quantity(&app, &lot_id).await, 2.498);
        service::things::bench::add_by_code(db, &tech, entry_id, &typed(&code, "2", "L"), &bench(true)).await.unwrap();
        assert_eq!(quantity(&app, &lot_id).await, 0.498);
        // More than is left cannot be confirmed away.
        let too_much = service::things::bench::add_by_code(db, &tech, entry_id, &typed(&code, "1", "L"), &bench(true)).await;
        assert_eq!(refused(too_much), [("quantity".to_owned(), "more_than_left".to_owned())]);
        assert_eq!(quantity(&app, &lot_id).await, 0.498);
    }
}

both_engines! {
    /// The preview offers the unit the product was last used in (not the lot's litres),
    /// and carries the stock and rules the page needs to say what will remain.
    async fn the_preview_offers_the_unit_last_used_for_the_product(app) {
        let (tech, _) = app.person("theo@lab.test", "member", Some(DEFAULT_TEAM)).await;
        let first = app.create_lot("Ethanol absolute", "chemical", json!({"quantity": 2.5, "unit": "L"})).await;
        let product = first["product_id"].as_str().unwrap();
        let second: Value = app.post_json("/api/v1/lots", &json!({"product_id": product, "quantity": 1, "unit": "L"})).await.json().await.unwrap();
        let entry: Value = app.post_json("/api/v1/entries", &json!({"title": "Cleaning", "body": ""})).await.json().await.unwrap();
        let entry_id = uuid::Uuid::parse_str(&id(&entry)).unwrap();
        let db = &app.db.conn;
        let policy = ConfirmPolicy::default();
        let code = |lot: &Value| lot["label_code"].as_str().unwrap().to_owned();

        let fresh = service::things::bench::preview_by_code(db, &tech, entry_id, &typed(&code(&second), "", ""), &policy).await.unwrap();
        assert_eq!(fresh.unit.as_deref(), Some("L"), "never used: the lot's own unit");
        service::things::bench::add_by_code(db, &tech, entry_id, &typed(&code(&first), "20", "mL"), &bench(false)).await.unwrap();
        let preview = service::things::bench::preview_by_code(db, &tech, entry_id, &typed(&code(&second), "", ""), &policy).await.unwrap();
        assert_eq!(preview.unit.as_deref(), Some("mL"));
        assert_eq!(preview.units, ["µL", "mL", "L"]);
        let planned = preview.plan("20", "mL");
        assert_eq!(planned.remaining.map(|a| (a.value, a.unit)), Some((980.0, "mL".to_owned())));
        // A person who may not use the entry gets nothing to see.
        let (outsider, _) = app.person("eve@other.test", "member", Some("Other")).await;
        assert!(service::things::bench::preview_by_code(db, &outsider, entry_id, &typed(&code(&second), "", ""), &policy).await.is_err());
    }
}

both_engines! {
    /// An expired lot is said at the bench and needs a confirmation; confirmed, the
    /// warning is kept on the usage (as a code for the pages, as text for the API); a
    /// quarantined lot cannot be used, confirmed or not. A script's usage of an expired lot
    /// through the REST API keeps the warning too.
    async fn expired_and_quarantined_lots_are_said_at_the_moment_of_use(app) {
        let (tech, _) = app.person("theo@lab.test", "member", Some(DEFAULT_TEAM)).await;
        let expired = app.create_lot("Agarose", "chemical", json!({"quantity": 100, "unit": "g", "received_on": day(-400), "expires_on": day(-10)})).await;
        let quarantined = app.create_lot("Tris base", "chemical", json!({"quantity": 500, "unit": "g"})).await;
        assert_eq!(app.patch_json(&format!("/api/v1/lots/{}", id(&quarantined)), &json!({"status": "quarantined"})).await.status(), 200);
        let entry: Value = app.post_json("/api/v1/entries", &json!({"title": "Gel", "body": ""})).await.json().await.unwrap();
        let entry_id = uuid::Uuid::parse_str(&id(&entry)).unwrap();
        let db = &app.db.conn;
        let code = |lot: &Value| lot["label_code"].as_str().unwrap().to_owned();

        let unconfirmed = service::things::bench::add_by_code(db, &tech, entry_id, &typed(&code(&expired), "1", "g"), &bench(false)).await;
        assert_eq!(refused(unconfirmed), [("confirmed".to_owned(), "lot_expired".to_owned())]);
        let used = service::things::bench::add_by_code(db, &tech, entry_id, &typed(&code(&expired), "1", "g"), &bench(true)).await.unwrap();
        let expires_on = day(-10).parse().unwrap();
        assert_eq!(used.notices, [UseNotice::LotExpired { expires_on }]);
        let stored: Value = app.get(&format!("/api/v1/entries/{entry_id}")).await.json().await.unwrap();
        assert_eq!(stored["usages"][0]["notices"][0]["code"], "lot_expired");
        assert!(stored["usages"][0]["warning"].as_str().unwrap().contains("expiry"), "{stored}");

        let blocked = service::things::bench::add_by_code(db, &tech, entry_id, &typed(&code(&quarantined), "1", "g"), &bench(true)).await;
        assert_eq!(refused(blocked), [("quantity".to_owned(), "lot_quarantined".to_owned())]);
        assert_eq!(quantity(&app, &id(&quarantined)).await, 500.0);

        let res = app.post_json(&format!("/api/v1/entries/{entry_id}/usages"), &json!({"lot_id": id(&expired), "quantity": 2, "unit": "g"})).await;
        assert_eq!(res.status(), 201);
        let usage: Value = res.json().await.unwrap();
        assert_eq!(usage["notices"][0]["code"], "lot_expired");
    }
}

both_engines! {
    /// An instrument whose calibration had lapsed, or that was never calibrated, needs a
    /// confirmation at the bench; the warning is kept.
    async fn a_lapsed_or_never_calibrated_instrument_needs_a_confirmation(app) {
        let (tech, _) = app.person("theo@lab.test", "member", Some(DEFAULT_TEAM)).await;
        let cycler: Value = app.post_json("/api/v1/instruments", &json!({"name": "Thermocycler"})).await.json().await.unwrap();
        let entry: Value = app.post_json("/api/v1/entries", &json!({"title": "PCR", "body": ""})).await.json().await.unwrap();
        let entry_id = uuid::Uuid::parse_str(&id(&entry)).unwrap();
        let use_it = BenchUse { code: cycler["label_code"].as_str().unwrap().into(), ..Default::default() };
        let db = &app.db.conn;
        let unconfirmed = service::things::bench::add_by_code(db, &tech, entry_id, &use_it, &bench(false)).await;
        assert_eq!(refused(unconfirmed), [("confirmed".to_owned(), "never_calibrated".to_owned())]);
        let used = service::things::bench::add_by_code(db, &tech, entry_id, &use_it, &bench(true)).await.unwrap();
        assert_eq!(used.notices, [UseNotice::NeverCalibrated]);
    }
}
