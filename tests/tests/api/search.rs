use paillasse_tests::{both_engines, day, TestApp};
use serde_json::{json, Value};

async fn created(app: &TestApp, path: &str, body: Value) -> Value {
    let res = app.post_json(path, &body).await;
    assert_eq!(res.status(), 201, "{path}: {}", res.text().await.unwrap());
    res.json().await.unwrap()
}

/// `(kind, name)` of every hit for `q`, in the order given.
async fn found(app: &TestApp, q: &str) -> Vec<(String, String)> {
    let res = app.get(&format!("/api/v1/search?q={}", urlencode(q))).await;
    assert_eq!(res.status(), 200);
    let body: Value = res.json().await.unwrap();
    body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| {
            (
                h["kind"].as_str().unwrap().to_owned(),
                h["name"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

fn urlencode(q: &str) -> String {
    q.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

fn pair(kind: &str, name: &str) -> (String, String) {
    (kind.to_owned(), name.to_owned())
}

/// Ids of a list's pages, read with `limit=2` until the last page.
async fn every_page(app: &TestApp, path: &str) -> Vec<String> {
    let mut ids = Vec::new();
    let mut cursor = String::new();
    loop {
        let sep = if path.contains('?') { '&' } else { '?' };
        let res = app.get(&format!("{path}{sep}limit=2{cursor}")).await;
        assert_eq!(res.status(), 200, "{path}");
        let page: Value = res.json().await.unwrap();
        ids.extend(
            page["items"]
                .as_array()
                .unwrap()
                .iter()
                .map(|i| i["id"].as_str().unwrap().to_owned()),
        );
        match page["next_cursor"].as_str() {
            Some(next) => cursor = format!("&cursor={next}"),
            None => return ids,
        }
    }
}

both_engines! {
    /// One box finds products by a word of the name, the supplier, the CAS number; lots by
    /// supplier lot number or label code (under their product's name); samples,
    /// instruments and locations by the start of a word of their name; instruments by
    /// model and serial number. A label code puts its thing first.
    async fn one_search_box_finds_every_kind_of_thing(app) {
        let ethanol = created(&app, "/api/v1/products", json!({
            "name": "Ethanol absolute", "kind": "chemical", "cas": "64-17-5", "supplier": "Sigma-Aldrich"
        })).await;
        let lot = created(&app, "/api/v1/lots", json!({
            "product_id": ethanol["id"], "quantity": 1, "unit": "L", "supplier_lot": "SHBK4471"
        })).await;
        created(&app, "/api/v1/samples", json!({"name": "Leaf ethanolic extract", "quantity": 5, "unit": "mL"})).await;
        created(&app, "/api/v1/instruments", json!({"name": "Rotary evaporator", "model": "Hei-VAP Core", "serial": "SN-99-17"})).await;
        app.create_location("Solvent cabinet", None).await;

        assert_eq!(found(&app, "ETHAN").await, [pair("product", "Ethanol absolute"), pair("sample", "Leaf ethanolic extract")]);
        assert_eq!(found(&app, "sigma").await, [pair("product", "Ethanol absolute")]);
        assert_eq!(found(&app, "64-17-5").await, [pair("product", "Ethanol absolute")]);
        assert_eq!(found(&app, "SHBK4471").await, [pair("lot", "Ethanol absolute")]);
        assert_eq!(found(&app, "hei-vap").await, [pair("instrument", "Rotary evaporator")]);
        assert_eq!(found(&app, "SN-99-17").await, [pair("instrument", "Rotary evaporator")]);
        assert_eq!(found(&app, "solv cab").await, [pair("location", "Solvent cabinet")]);
        assert!(found(&app, "thanol").await.is_empty(), "words match by their start, not their middle");
        assert!(found(&app, "  ").await.is_empty());
        assert!(found(&app, "\"* OR -").await.is_empty(), "search syntax is never passed through");

        // A label code as a scanner or a hurried hand types it.
        let code = lot["label_code"].as_str().unwrap().replace('-', "").to_lowercase();
        let res: Value = app.get(&format!("/api/v1/search?q={code}")).await.json().await.unwrap();
        assert_eq!(res["items"][0]["kind"], "lot");
        assert_eq!(res["items"][0]["id"], lot["id"]);
        assert_eq!(res["items"][0]["exact"], true);
        assert_eq!(res["items"][0]["details"][0], "SHBK4471");
    }
}

both_engines! {
    /// What another team keeps is not found, not even by its exact label code.
    async fn search_finds_only_what_the_reader_may_see(app) {
        let lot_product = created(&app, "/api/v1/products", json!({"name": "Trypsin", "kind": "biological"})).await;
        let lot = created(&app, "/api/v1/lots", json!({"product_id": lot_product["id"], "quantity": 10, "unit": "mL"})).await;
        created(&app, "/api/v1/samples", json!({"name": "Trypsin digest", "quantity": 1, "unit": "mL"})).await;
        let (_, token) = app.person("bob@other.test", "member", Some("Other lab")).await;
        let other = app.with_token(&token);
        for q in ["trypsin", lot["label_code"].as_str().unwrap()] {
            let res: Value = other.get(&format!("/api/v1/search?q={q}")).await.json().await.unwrap();
            assert_eq!(res["items"], json!([]), "{q}");
        }
        assert_eq!(found(&app, "trypsin").await.len(), 2);
    }
}

both_engines! {
    /// Full-text indexes follow renames: the old name is no longer found, the new one is.
    async fn search_follows_renamed_things(app) {
        let instrument = created(&app, "/api/v1/instruments", json!({"name": "Balance XS205"})).await;
        let id = instrument["id"].as_str().unwrap();
        let res = app.patch_json(&format!("/api/v1/instruments/{id}"), &json!({"name": "Microbalance"})).await;
        assert_eq!(res.status(), 200);
        assert!(found(&app, "xs205").await.is_empty());
        assert_eq!(found(&app, "microbal").await, [pair("instrument", "Microbalance")]);
    }
}

both_engines! {
    /// Lots sorted by expiry come soonest first, undated last, across pages of two that
    /// neither skip nor repeat; the expiry range and status filters combine with it.
    async fn lots_sort_by_expiry_and_filter_by_expiry_range_and_status(app) {
        let product = created(&app, "/api/v1/products", json!({"name": "Agarose", "kind": "chemical"})).await;
        let lot = |expires: Option<&str>| json!({"product_id": product["id"], "quantity": 100, "unit": "g", "expires_on": expires});
        let id = |v: Value| v["id"].as_str().unwrap().to_owned();
        let undated_a = id(created(&app, "/api/v1/lots", lot(None)).await);
        let late = id(created(&app, "/api/v1/lots", lot(Some(&day(1600)))).await);
        let soon = id(created(&app, "/api/v1/lots", lot(Some(&day(1000)))).await);
        let undated_b = id(created(&app, "/api/v1/lots", lot(None)).await);
        let mid = id(created(&app, "/api/v1/lots", lot(Some(&day(1200)))).await);
        let mid_twin = id(created(&app, "/api/v1/lots", lot(Some(&day(1200)))).await);

        let by_expiry = every_page(&app, "/api/v1/lots?sort=expiry").await;
        assert_eq!(by_expiry, [soon.as_str(), mid.as_str(), mid_twin.as_str(), late.as_str(), undated_a.as_str(), undated_b.as_str()]);
        let in_range = every_page(&app, &format!("/api/v1/lots?sort=expiry&expires_after={}&expires_before={}", day(1000), day(1200))).await;
        assert_eq!(in_range, [soon.as_str(), mid.as_str(), mid_twin.as_str()], "both ends of the range are included");

        let res = app.patch_json(&format!("/api/v1/lots/{mid}"), &json!({"status": "quarantined"})).await;
        assert_eq!(res.status(), 200, "{}", res.text().await.unwrap());
        assert_eq!(every_page(&app, "/api/v1/lots?status=quarantined").await, [mid.as_str()]);

        // The CSV export takes the same filters and order.
        let csv = app.get(&format!("/api/v1/export/lots?sort=expiry&expires_before={}", day(1300))).await.text().await.unwrap();
        let ids: Vec<&str> = csv.lines().skip(1).map(|l| l.split(',').next().unwrap()).collect();
        assert_eq!(ids, [soon.as_str(), mid.as_str(), mid_twin.as_str()]);
    }
}

both_engines! {
    /// Names sort the sample, product, instrument and location lists, page after page.
    async fn lists_sort_by_name_across_pages(app) {
        let mut ids = Vec::new();
        for name in ["Plasma 3", "Buffer", "Aliquot", "Plasma 1", "Cells"] {
            ids.push((name, created(&app, "/api/v1/samples", json!({"name": name, "quantity": 1, "unit": "mL"})).await["id"].as_str().unwrap().to_owned()));
            created(&app, "/api/v1/products", json!({"name": name, "kind": "other"})).await;
            created(&app, "/api/v1/instruments", json!({"name": name})).await;
            app.create_location(name, None).await;
        }
        ids.sort();
        let expected: Vec<String> = ids.into_iter().map(|(_, id)| id).collect();
        assert_eq!(every_page(&app, "/api/v1/samples?sort=name").await, expected);
        for kind in ["products", "instruments", "locations"] {
            let page: Value = app.get(&format!("/api/v1/{kind}?sort=name&limit=500")).await.json().await.unwrap();
            let names: Vec<&str> = page["items"].as_array().unwrap().iter().map(|i| i["name"].as_str().unwrap()).collect();
            assert_eq!(names, ["Aliquot", "Buffer", "Cells", "Plasma 1", "Plasma 3"], "{kind}");
            assert_eq!(every_page(&app, &format!("/api/v1/{kind}?sort=name")).await.len(), 5, "{kind}");
        }
    }
}

both_engines! {
    /// An order a list does not offer, a malformed date or status: 422 naming the field.
    async fn bad_sorts_and_filters_name_their_field(app) {
        for (path, field) in [
            ("/api/v1/lots?sort=name", "sort"),
            ("/api/v1/products?sort=expiry", "sort"),
            ("/api/v1/samples?sort=size", "sort"),
            ("/api/v1/lots?expires_before=31/12/2030", "expires_before"),
            ("/api/v1/lots?expires_after=2030-02-30", "expires_after"),
            ("/api/v1/lots?status=open", "status"),
            ("/api/v1/instruments?status=broken", "status"),
            ("/api/v1/export/lots?sort=name", "sort"),
        ] {
            let res = app.get(path).await;
            assert_eq!(res.status(), 422, "{path}");
            let problem: Value = res.json().await.unwrap();
            assert_eq!(problem["errors"][0]["field"], field, "{path}");
        }
    }
}

both_engines! {
    /// `sort=newest` reads a notebook from its latest entry back, page after page, each
    /// once; the default stays oldest first.
    async fn entries_read_newest_first_across_pages(app) {
        let mut ids = Vec::new();
        for n in 1..=5 {
            ids.push(created(&app, "/api/v1/entries", json!({"title": format!("Manip {n}")})).await["id"].as_str().unwrap().to_owned());
        }
        assert_eq!(every_page(&app, "/api/v1/entries").await, ids);
        ids.reverse();
        assert_eq!(every_page(&app, "/api/v1/entries?sort=newest").await, ids);
        let res = app.get("/api/v1/entries?sort=name").await;
        assert_eq!(res.status(), 422);
        let problem: Value = res.json().await.unwrap();
        assert_eq!(problem["errors"][0]["field"], "sort");
    }
}
