use labels::LabelCode;
use paillasse_tests::both_engines;
use serde_json::{json, Value};

both_engines! {
    /// A created location comes back with an id and a valid label code, and is listed.
    async fn creating_then_listing_locations(app) {
        let room = app.create_location("Room 101", None).await;
        let freezer = app.create_location("  Freezer −80 °C  ", Some(room["id"].as_str().unwrap())).await;

        assert_eq!(freezer["name"], "Freezer −80 °C", "names are trimmed");
        assert_eq!(freezer["parent_id"], room["id"]);
        let code = freezer["label_code"].as_str().unwrap();
        assert_eq!(LabelCode::parse(code).unwrap().to_string(), code);
        assert_ne!(room["label_code"], freezer["label_code"]);

        let list: Value = app.get("/api/v1/locations").await.json().await.unwrap();
        let names: Vec<&str> = list["items"].as_array().unwrap().iter().map(|l| l["name"].as_str().unwrap()).collect();
        assert_eq!(names, ["Room 101", "Freezer −80 °C"]);
        assert_eq!(list["next_cursor"], Value::Null);

        let one: Value = app.get(&format!("/api/v1/locations/{}", freezer["id"].as_str().unwrap())).await.json().await.unwrap();
        assert_eq!(one, freezer);
    }
}

both_engines! {
    /// PATCH renames, moves under another parent, and back to the top level.
    async fn updating_a_location(app) {
        let a = app.create_location("Room A", None).await;
        let b = app.create_location("Room B", None).await;
        let shelf = app.create_location("Shelf", Some(a["id"].as_str().unwrap())).await;
        let path = format!("/api/v1/locations/{}", shelf["id"].as_str().unwrap());

        let res = app.patch_json(&path, &json!({"name": "Top shelf", "parent_id": b["id"]})).await;
        assert_eq!(res.status(), 200);
        let moved: Value = res.json().await.unwrap();
        assert_eq!(moved["name"], "Top shelf");
        assert_eq!(moved["parent_id"], b["id"]);
        assert_eq!(moved["label_code"], shelf["label_code"], "the label code never changes");

        let res = app.patch_json(&path, &json!({"parent_id": null})).await;
        let root: Value = res.json().await.unwrap();
        assert_eq!(root["parent_id"], Value::Null);
        assert_eq!(root["name"], "Top shelf", "absent fields are left alone");

        let stored: Value = app.get(&path).await.json().await.unwrap();
        assert_eq!(stored, root);
    }
}

both_engines! {
    /// A location cannot be placed inside itself or inside one of its descendants.
    async fn a_cycle_is_refused(app) {
        let site = app.create_location("Site", None).await;
        let room = app.create_location("Room", Some(site["id"].as_str().unwrap())).await;
        let freezer = app.create_location("Freezer", Some(room["id"].as_str().unwrap())).await;
        let before = app.snapshot().await;

        for new_parent in [&freezer, &room, &site] {
            let res = app
                .patch_json(&format!("/api/v1/locations/{}", site["id"].as_str().unwrap()), &json!({"parent_id": new_parent["id"]}))
                .await;
            assert_eq!(res.status(), 422);
            let problem: Value = res.json().await.unwrap();
            assert_eq!(problem["errors"][0]["field"], "parent_id");
            assert_eq!(problem["errors"][0]["code"], "cycle");
        }
        assert_eq!(app.snapshot().await, before);
        let stored: Value = app.get(&format!("/api/v1/locations/{}", site["id"].as_str().unwrap())).await.json().await.unwrap();
        assert_eq!(stored["parent_id"], Value::Null);
    }
}

both_engines! {
    /// `q` finds locations by the start of words of their name (any case) or by label
    /// code; what people type is never search syntax.
    async fn searching_by_name_or_label_code(app) {
        app.create_location("Cold room", None).await;
        let freezer = app.create_location("Freezer 100%", None).await;
        app.create_location("Bench", None).await;

        let found: Value = app.get("/api/v1/locations?q=FREEZER").await.json().await.unwrap();
        assert_eq!(found["items"].as_array().unwrap().len(), 1);
        let found: Value = app.get("/api/v1/locations?q=fre%20100").await.json().await.unwrap();
        assert_eq!(found["items"][0]["name"], "Freezer 100%");
        assert_eq!(found["items"].as_array().unwrap().len(), 1);
        for wildcard in ["%25", "_", "*", "%22"] {
            let found: Value = app.get(&format!("/api/v1/locations?q={wildcard}")).await.json().await.unwrap();
            assert_eq!(found["items"], json!([]), "{wildcard} is no wildcard");
        }

        let code = freezer["label_code"].as_str().unwrap().to_lowercase().replace('-', " ");
        let found: Value = app.get(&format!("/api/v1/locations?q={code}")).await.json().await.unwrap();
        assert_eq!(found["items"][0]["id"], freezer["id"]);
    }
}

both_engines! {
    /// Concurrent writers all succeed, each with its own label code, and the audit chain
    /// stays whole.
    async fn concurrent_creations_all_land(app) {
        let base = app.count("audit_log").await;
        let app = std::sync::Arc::new(app);
        let tasks: Vec<_> = (0..16)
            .map(|i| {
                let app = app.clone();
                tokio::spawn(async move { app.create_location(&format!("Box {i}"), None).await })
            })
            .collect();
        let mut codes = std::collections::HashSet::new();
        for t in tasks {
            let loc = t.await.unwrap();
            codes.insert(loc["label_code"].as_str().unwrap().to_owned());
        }
        assert_eq!(codes.len(), 16);
        // On top of the records of setting up the test's person.
        assert_eq!(app.count("audit_log").await, base + 16);
        assert_eq!(service::audit::verify(&app.db.conn).await.unwrap(), Ok(base + 16));
    }
}
