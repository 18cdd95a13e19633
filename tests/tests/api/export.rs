use paillasse_tests::both_engines;
use serde_json::json;

fn parse(text: &str) -> Vec<Vec<String>> {
    csv::Reader::from_reader(text.as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect()
}

both_engines! {
    /// A list exported as CSV: a header, every row the reader may see (across many
    /// pages), commas and quotes intact, formulas defused, filters applied.
    async fn lists_export_as_csv(app) {
        for name in ["Sodium chloride, 99%", "=HYPERLINK(\"http://evil\")", "Tris \"base\""] {
            let res = app.post_json("/api/v1/products", &json!({"name": name, "kind": "chemical"})).await;
            assert_eq!(res.status(), 201);
        }
        let res = app.get("/api/v1/export/products?q=tris").await;
        assert_eq!(res.status(), 200);
        assert!(res.headers()["content-type"].to_str().unwrap().starts_with("text/csv"));
        assert!(res.headers()["content-disposition"].to_str().unwrap().contains("paillasse-products.csv"));
        let text = res.text().await.unwrap();
        assert!(text.starts_with("id,name,kind,cas,"), "{text}");
        let rows = parse(&text);
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0][1], "Tris \"base\"");
        let all = parse(&app.get("/api/v1/export/products").await.text().await.unwrap());
        let names: Vec<&str> = all.iter().map(|r| r[1].as_str()).collect();
        assert_eq!(names, ["Sodium chloride, 99%", "'=HYPERLINK(\"http://evil\")", "Tris \"base\""]);

        // More than one batch of rows, in creation order.
        let boxed = app.create_location("Rack", None).await;
        for n in 0..520 {
            let res = app.post_json("/api/v1/samples", &json!({"name": format!("S{n:03}"), "quantity": 1, "unit": "mL", "location_id": boxed["id"]})).await;
            assert_eq!(res.status(), 201);
        }
        let samples = parse(&app.get("/api/v1/export/samples").await.text().await.unwrap());
        assert_eq!(samples.len(), 520);
        assert_eq!((samples[0][2].as_str(), samples[519][2].as_str()), ("S000", "S519"));
        assert_eq!(samples[0][7], boxed["id"].as_str().unwrap());

        // Another team sees none of it; a bad filter or kind is refused before any CSV.
        let (_, outsider) = app.person("outsider@lab.test", "member", Some("Elsewhere")).await;
        let theirs = app.with_token(&outsider).get("/api/v1/export/samples").await.text().await.unwrap();
        assert_eq!(parse(&theirs).len(), 0);
        assert_eq!(app.get("/api/v1/export/samples?status=lost").await.status(), 422);
        assert_eq!(app.get("/api/v1/export/spaceships").await.status(), 404);
        for kind in ["lots", "instruments", "locations"] {
            let res = app.get(&format!("/api/v1/export/{kind}")).await;
            assert_eq!(res.status(), 200, "{kind}");
        }
        let locations = parse(&app.get("/api/v1/export/locations").await.text().await.unwrap());
        assert_eq!(locations[0][2], "Rack");
    }
}
