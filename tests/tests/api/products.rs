use paillasse_tests::both_engines;
use serde_json::{json, Value};

both_engines! {
    /// A product is created normalised, found by name, CAS or catalogue number, filtered
    /// by kind, and updated with `null` clearing a field; every change is audited.
    async fn products_are_catalogued_searched_and_updated(app) {
        let res = app.post_json("/api/v1/products", &json!({
            "name": " Ethanol absolute ", "kind": "Chemical", "cas": "64175",
            "supplier": "Sigma", "catalog_number": "E7023", "hazards": ["ghs07", "GHS02"],
            "reorder_level": 2.5, "reorder_unit": "l"
        })).await;
        assert_eq!(res.status(), 201);
        let ethanol: Value = res.json().await.unwrap();
        assert_eq!(ethanol["name"], "Ethanol absolute");
        assert_eq!(ethanol["kind"], "chemical");
        assert_eq!(ethanol["cas"], "64-17-5");
        assert_eq!(ethanol["hazards"], json!(["GHS02", "GHS07"]));
        assert_eq!((ethanol["reorder_level"].as_f64(), ethanol["reorder_unit"].as_str()), (Some(2.5), Some("L")));
        app.post_json("/api/v1/products", &json!({"name": "Pipette tips 200 µL", "kind": "consumable"})).await;

        let names = |path: String| {
            let app = &app;
            async move {
                let list: Value = app.get(&path).await.json().await.unwrap();
                list["items"].as_array().unwrap().iter().map(|p| p["name"].as_str().unwrap().to_owned()).collect::<Vec<_>>()
            }
        };
        assert_eq!(names("/api/v1/products?q=ETHA".into()).await, ["Ethanol absolute"]);
        assert_eq!(names("/api/v1/products?q=64-17-5".into()).await, ["Ethanol absolute"]);
        assert_eq!(names("/api/v1/products?q=E7023".into()).await, ["Ethanol absolute"]);
        assert_eq!(names("/api/v1/products?kind=consumable".into()).await, ["Pipette tips 200 µL"]);
        assert_eq!(names("/api/v1/products?q=100%25".into()).await, Vec::<String>::new(), "% is a character, not a wildcard");
        assert_eq!(app.get("/api/v1/products?kind=mineral").await.status(), 422);

        let path = format!("/api/v1/products/{}", ethanol["id"].as_str().unwrap());
        let res = app.patch_json(&path, &json!({"cas": null, "supplier": "Merck"})).await;
        assert_eq!(res.status(), 200);
        let patched: Value = res.json().await.unwrap();
        assert_eq!(patched["cas"], Value::Null);
        assert_eq!(patched["supplier"], "Merck");
        assert_eq!(patched["catalog_number"], "E7023", "absent fields stay");
        let stored: Value = app.get(&path).await.json().await.unwrap();
        assert_eq!(stored, patched, "and it is stored");
        let history = service::audit::history(&app.db.conn, "product", ethanol["id"].as_str().unwrap()).await.unwrap();
        let actions: Vec<&str> = history.iter().map(|r| r.action.as_str()).collect();
        assert_eq!(actions, ["product.create", "product.update"]);
    }
}

both_engines! {
    /// Each bad field is named, all at once, and nothing is written.
    async fn bad_products_are_refused_field_by_field(app) {
        let before = app.count("products").await;
        let audit = app.count("audit_log").await;
        let res = app.post_json("/api/v1/products", &json!({
            "name": "", "kind": "mineral", "cas": "64-17-4", "hazards": ["GHS10"],
            "reorder_level": 1, "reorder_unit": "furlong"
        })).await;
        assert_eq!(res.status(), 422);
        let problem: Value = res.json().await.unwrap();
        let fields: Vec<&str> = problem["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap()).collect();
        assert_eq!(fields, ["name", "kind", "cas", "hazards", "reorder_unit"]);
        let codes: Vec<&str> = problem["errors"].as_array().unwrap().iter().map(|e| e["code"].as_str().unwrap()).collect();
        assert!(codes.contains(&"check_digit") && codes.contains(&"unknown_unit"), "{codes:?}");

        let res = app.post_json("/api/v1/products", &json!({"name": "Salt", "kind": "chemical", "reorder_level": -1, "reorder_unit": "kg"})).await;
        assert_eq!(res.json::<Value>().await.unwrap()["errors"][0]["field"], "reorder_level");
        let res = app.post_raw("/api/v1/products", r#"{"name": "Salt", "kind": "chemical", "colour": "white"}"#).await;
        assert_eq!(res.status(), 400);
        assert_eq!((app.count("products").await, app.count("audit_log").await), (before, audit));
    }
}
