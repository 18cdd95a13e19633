use paillasse_tests::{both_engines, TestApp};
use serde_json::{json, Value};

async fn cryo_box(app: &TestApp) -> String {
    let res = app
        .post_json(
            "/api/v1/locations",
            &json!({"name": "Cryo box 1", "grid": {"rows": 9, "cols": 9}}),
        )
        .await;
    assert_eq!(res.status(), 201);
    let b: Value = res.json().await.unwrap();
    assert_eq!(b["grid"], json!({"rows": 9, "cols": 9}));
    b["id"].as_str().unwrap().to_owned()
}

fn first_error(v: &Value) -> (String, String) {
    let e = &v["errors"][0];
    (
        e["field"].as_str().unwrap().to_owned(),
        e["code"].as_str().unwrap().to_owned(),
    )
}

both_engines! {
    /// Two things never hold one position; a position outside the box, in a location that
    /// is not a box, or without a location is refused by name; moving and disposing free
    /// the position, and a move is a line in the ledger.
    async fn a_box_holds_one_thing_per_position(app) {
        let boxed = cryo_box(&app).await;
        let product: Value = app.post_json("/api/v1/products", &json!({"name": "Competent cells", "kind": "biological"})).await.json().await.unwrap();
        let res = app.post_json("/api/v1/lots", &json!({"product_id": product["id"], "quantity": 10, "unit": "count", "location_id": boxed, "position": "b07"})).await;
        assert_eq!(res.status(), 201, "{}", res.text().await.unwrap());
        let lot: Value = res.json().await.unwrap();
        assert_eq!((lot["location_id"].as_str(), lot["position"].as_str()), (Some(boxed.as_str()), Some("B7")));

        let shelf = app.create_location("Shelf", None).await;
        let before = (app.count("samples").await, app.count("positions").await, app.count("audit_log").await);
        let sample = |position: &str, location: Option<&str>| json!({"name": "Aliquot", "quantity": 1, "unit": "mL", "location_id": location, "position": position});
        let res = app.post_json("/api/v1/samples", &sample("B7", Some(&boxed))).await;
        assert_eq!(res.status(), 409);
        assert_eq!(first_error(&res.json().await.unwrap()), ("position".into(), "taken".into()));
        let res = app.post_json("/api/v1/samples", &sample("J1", Some(&boxed))).await;
        assert_eq!(res.status(), 422);
        assert_eq!(first_error(&res.json().await.unwrap()), ("position".into(), "outside_box".into()));
        let res = app.post_json("/api/v1/samples", &sample("A1", shelf["id"].as_str())).await;
        assert_eq!(first_error(&res.json().await.unwrap()), ("position".into(), "not_a_box".into()));
        let res = app.post_json("/api/v1/samples", &sample("A1", None)).await;
        assert_eq!(first_error(&res.json().await.unwrap()), ("position".into(), "no_location".into()));
        assert_eq!((app.count("samples").await, app.count("positions").await, app.count("audit_log").await), before, "nothing written");

        let contents: Value = app.get(&format!("/api/v1/locations/{boxed}/positions")).await.json().await.unwrap();
        assert_eq!(contents["grid"], json!({"rows": 9, "cols": 9}));
        assert_eq!(contents["cells"].as_array().unwrap().len(), 1);
        assert_eq!((contents["cells"][0]["position"].as_str(), contents["cells"][0]["kind"].as_str()), (Some("B7"), Some("lot")));
        assert_eq!(contents["cells"][0]["name"], "Competent cells");

        // Moving the lot within the box frees B7 and writes a `move` in its ledger.
        let lot_path = format!("/api/v1/lots/{}", lot["id"].as_str().unwrap());
        let moved: Value = app.patch_json(&lot_path, &json!({"position": "C3"})).await.json().await.unwrap();
        assert_eq!(moved["position"], "C3");
        let ledger: Vec<Value> = app.get(&format!("{lot_path}/movements")).await.json().await.unwrap();
        let last = ledger.last().unwrap();
        assert_eq!((last["kind"].as_str(), last["change"].as_f64()), (Some("move"), Some(0.0)));
        assert_eq!(last["reason"], "to Cryo box 1 C3");
        let res = app.post_json("/api/v1/samples", &sample("B7", Some(&boxed))).await;
        assert_eq!(res.status(), 201);
        let placed: Value = res.json().await.unwrap();
        assert_eq!(placed["position"], "B7");
        // A move is recorded by a change of place, not posted as a movement.
        let res = app.post_json(&format!("{lot_path}/movements"), &json!({"kind": "move"})).await;
        assert_eq!(first_error(&res.json().await.unwrap()), ("kind".into(), "not_here".into()));

        // Disposing frees the position; moving to a plain location leaves the box.
        assert_eq!(app.post_json(&format!("{lot_path}/movements"), &json!({"kind": "dispose"})).await.status(), 201);
        let disposed: Value = app.get(&lot_path).await.json().await.unwrap();
        assert!(disposed["position"].is_null());
        let sample_path = format!("/api/v1/samples/{}", placed["id"].as_str().unwrap());
        let res = app.patch_json(&sample_path, &json!({"location_id": shelf["id"]})).await;
        let on_shelf: Value = res.json().await.unwrap();
        assert!(on_shelf["position"].is_null());
        assert_eq!(on_shelf["location_id"], shelf["id"]);
        assert_eq!(app.count("positions").await, 0);
        let ledger: Vec<Value> = app.get(&format!("{sample_path}/movements")).await.json().await.unwrap();
        assert_eq!(ledger.last().unwrap()["reason"], "to Shelf");
    }
}

both_engines! {
    /// A box shrinks only if nothing would fall outside; sizes are bounded.
    async fn a_box_resizes_only_around_what_it_holds(app) {
        let boxed = cryo_box(&app).await;
        let res = app.post_json("/api/v1/samples", &json!({"name": "S", "quantity": 1, "unit": "mL", "location_id": boxed, "position": "C5"})).await;
        assert_eq!(res.status(), 201);
        let path = format!("/api/v1/locations/{boxed}");
        let res = app.patch_json(&path, &json!({"grid": {"rows": 2, "cols": 9}})).await;
        assert_eq!(res.status(), 409);
        assert_eq!(first_error(&res.json().await.unwrap()), ("grid".into(), "occupied".into()));
        let res = app.patch_json(&path, &json!({"grid": null})).await;
        assert_eq!(res.status(), 409);
        let res = app.patch_json(&path, &json!({"grid": {"rows": 3, "cols": 5}})).await;
        assert_eq!(res.status(), 200);
        let res = app.patch_json(&path, &json!({"grid": {"rows": 0, "cols": 5}})).await;
        assert_eq!(first_error(&res.json().await.unwrap()), ("grid".into(), "out_of_range".into()));
        let res = app.post_json("/api/v1/locations", &json!({"name": "Huge", "grid": {"rows": 27, "cols": 1}})).await;
        assert_eq!(res.status(), 422);
    }
}

both_engines! {
    /// Six people put six samples in the same position at the same moment: one gets it.
    async fn concurrent_placements_never_double_book(app) {
        let boxed = cryo_box(&app).await;
        let mut paths = Vec::new();
        for n in 0..6 {
            let s: Value = app.post_json("/api/v1/samples", &json!({"name": format!("S{n}"), "quantity": 1, "unit": "mL", "location_id": boxed})).await.json().await.unwrap();
            paths.push(format!("/api/v1/samples/{}", s["id"].as_str().unwrap()));
        }
        let app = std::sync::Arc::new(app);
        let tasks: Vec<_> = paths
            .into_iter()
            .map(|path| {
                let app = app.clone();
                tokio::spawn(async move { app.patch_json(&path, &json!({"position": "E5"})).await.status().as_u16() })
            })
            .collect();
        let mut statuses = Vec::new();
        for t in tasks {
            statuses.push(t.await.unwrap());
        }
        statuses.sort();
        assert_eq!(statuses, [200, 409, 409, 409, 409, 409]);
        assert_eq!(app.count("positions").await, 1);
    }
}

both_engines! {
    /// Another team's thing in one's box shows as taken, not described.
    async fn cells_one_may_not_see_are_restricted(app) {
        let boxed = cryo_box(&app).await;
        let (them, _) = app.person("outsider@lab.test", "member", Some("Elsewhere")).await;
        let (_, admin) = app.person("admin@lab.test", "admin", None).await;
        let res = app.with_token(&admin).post("/api/v1/samples", &json!({"name": "Their secret", "quantity": 1, "unit": "mL", "team_id": them.memberships[0].team_id, "location_id": boxed, "position": "A1"})).await;
        assert_eq!(res.status(), 201);
        let contents: Value = app.get(&format!("/api/v1/locations/{boxed}/positions")).await.json().await.unwrap();
        assert_eq!(contents["cells"][0]["position"], "A1");
        assert_eq!(contents["cells"][0]["restricted"], true);
        assert!(!contents.to_string().contains("Their secret"));
    }
}

both_engines! {
    /// "What is in this room": lots and samples in the room or anywhere inside it, not
    /// those elsewhere; `location_id` alone stays the exact place.
    async fn lists_filter_by_a_location_and_everything_inside_it(app) {
        let room = app.create_location("Room 101", None).await;
        let freezer = app.create_location("Freezer", room["id"].as_str()).await;
        let boxed = app.post_json("/api/v1/locations", &json!({"name": "Box", "parent_id": freezer["id"], "grid": {"rows": 2, "cols": 2}})).await.json::<Value>().await.unwrap();
        let elsewhere = app.create_location("Room 102", None).await;
        let sample = |name: &str, place: &Value| json!({"name": name, "quantity": 1, "unit": "mL", "location_id": place["id"]});
        for (name, place) in [("In box", &boxed), ("In freezer", &freezer), ("Elsewhere", &elsewhere)] {
            assert_eq!(app.post_json("/api/v1/samples", &sample(name, place)).await.status(), 201);
        }
        let product: Value = app.post_json("/api/v1/products", &json!({"name": "Agar", "kind": "consumable"})).await.json().await.unwrap();
        app.post_json("/api/v1/lots", &json!({"product_id": product["id"], "quantity": 1, "unit": "kg", "location_id": boxed["id"], "position": "A1"})).await;
        app.post_json("/api/v1/lots", &json!({"product_id": product["id"], "quantity": 1, "unit": "kg", "location_id": elsewhere["id"]})).await;

        let names = |v: Value| -> Vec<String> { v["items"].as_array().unwrap().iter().map(|s| s["name"].as_str().unwrap().to_owned()).collect() };
        let room_id = room["id"].as_str().unwrap();
        let inside = names(app.get(&format!("/api/v1/samples?within={room_id}")).await.json().await.unwrap());
        assert_eq!(inside, ["In box", "In freezer"]);
        assert!(names(app.get(&format!("/api/v1/samples?location_id={room_id}")).await.json().await.unwrap()).is_empty());
        let lots: Value = app.get(&format!("/api/v1/lots?within={room_id}")).await.json().await.unwrap();
        assert_eq!(lots["items"].as_array().unwrap().len(), 1);
        assert_eq!(lots["items"][0]["position"], "A1");
        let csv = app.get(&format!("/api/v1/export/lots?within={room_id}")).await.text().await.unwrap();
        assert_eq!(csv.lines().count(), 2, "header and one lot");
    }
}
