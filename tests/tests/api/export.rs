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
        for name in ["Sodium chloride, 99%", "=HYPERLINK(\"http://evil\")", "Tris \"base\"", "-2+3+cmd|' /C calc'!A0"] {
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
        assert_eq!(names, ["Sodium chloride, 99%", "'=HYPERLINK(\"http://evil\")", "Tris \"base\"", "'-2+3+cmd|' /C calc'!A0"]);

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

/// `GET path` with `Accept-Encoding: encoding`, decompressed by hand: the answer must say
/// it is compressed, and the bytes must be whole.
async fn download(app: &paillasse_tests::TestApp, path: &str, encoding: &str) -> String {
    use std::io::Read;
    let res = app
        .client
        .get(app.url(path))
        .bearer_auth(&app.token)
        .header("accept-encoding", encoding)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200, "{path} ({encoding})");
    assert_eq!(
        res.headers()
            .get("content-encoding")
            .map(|v| v.to_str().unwrap()),
        Some(encoding),
        "{path}"
    );
    let bytes = res
        .bytes()
        .await
        .unwrap_or_else(|e| panic!("{path} ({encoding}): {e}"));
    let mut text = String::new();
    match encoding {
        "gzip" => {
            flate2::read::GzDecoder::new(&bytes[..])
                .read_to_string(&mut text)
                .unwrap();
        }
        "br" => {
            brotli::Decompressor::new(&bytes[..], 4096)
                .read_to_string(&mut text)
                .unwrap();
        }
        other => unreachable!("{other}"),
    }
    text
}

both_engines! {
    /// Every browser asks for a compressed answer: each export kind arrives whole under
    /// gzip and brotli, header and every row, over more than one batch.
    async fn exports_arrive_whole_when_compressed(app) {
        let (person, _) = app.person("stocker@lab.test", "manager", Some(paillasse_tests::DEFAULT_TEAM)).await;
        // Straight through the service: 600 API round trips would only slow the test.
        for n in 0..600 {
            let new = domain::location::NewLocation { name: format!("Shelf {n:03}"), ..Default::default() };
            service::inventory::locations::create(&app.db.conn, &person, new).await.unwrap();
        }
        app.create_lot("Ethanol", "chemical", json!({"quantity": 1, "unit": "L", "expires_on": paillasse_tests::day(90)})).await;
        let res = app.post_json("/api/v1/samples", &json!({"name": "Plasma", "quantity": 1, "unit": "mL"})).await;
        assert_eq!(res.status(), 201);
        let res = app.post_json("/api/v1/instruments", &json!({"name": "Centrifuge", "serial": "C-1"})).await;
        assert_eq!(res.status(), 201);

        let expected = [("products", "id,name,kind,", 1), ("lots", "id,label_code,product,", 1),
            ("samples", "id,label_code,name,", 1), ("instruments", "id,label_code,name,", 1),
            ("locations", "id,label_code,name,", 600)];
        for encoding in ["gzip", "br"] {
            for (kind, header, count) in expected {
                let text = download(&app, &format!("/api/v1/export/{kind}"), encoding).await;
                assert!(text.starts_with(header), "{kind} ({encoding}): {text:.200}");
                let rows = parse(&text);
                assert_eq!(rows.len(), count, "{kind} ({encoding})");
                if kind == "locations" {
                    assert_eq!((rows[0][2].as_str(), rows[599][2].as_str()), ("Shelf 000", "Shelf 599"));
                }
            }
        }
    }
}

both_engines! {
    /// A lot shared with another team names its product for that team's members too,
    /// although the product itself stays their owners': in the CSV export (where the name
    /// came out blank) and in the search box.
    async fn a_shared_lot_names_its_product(app) {
        let lot = app.create_lot("Agarose, low EEO", "chemical", json!({"quantity": 100, "unit": "g", "supplier_lot": "AG-77"})).await;
        let (partner, token) = app.person("partner@lab.test", "member", Some("Partners")).await;
        app.share("lot", lot["id"].as_str().unwrap(), partner.memberships[0].team_id, "read").await;
        let theirs = app.with_token(&token);
        assert_eq!(theirs.get(&format!("/api/v1/products/{}", lot["product_id"].as_str().unwrap())).await.status(), 404, "the product stays its team's");

        let rows = parse(&theirs.get("/api/v1/export/lots").await.text().await.unwrap());
        assert_eq!(rows.len(), 1);
        assert_eq!((rows[0][1].as_str(), rows[0][2].as_str()), (lot["label_code"].as_str().unwrap(), "Agarose, low EEO"));

        let hits: serde_json::Value = theirs.get("/api/v1/search?q=AG-77").await.json().await.unwrap();
        assert_eq!(hits["items"][0]["name"], "Agarose, low EEO", "{hits}");
    }
}
