use paillasse_tests::{both_engines, day, Engine, TestApp};
use serde_json::{json, Value};

async fn entry(app: &TestApp, title: &str, body: &str) -> Value {
    let res = app
        .post_json("/api/v1/entries", &json!({"title": title, "body": body}))
        .await;
    assert_eq!(res.status(), 201, "{}", res.text().await.unwrap());
    res.json().await.unwrap()
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

fn id(v: &Value) -> String {
    v["id"].as_str().unwrap().to_owned()
}

both_engines! {
    /// A lot used by an entry is consumed in its ledger, the line naming the entry; taking
    /// the usage off the draft gives the quantity back with a new line (the ledger keeps
    /// both); asking for more than is left, or in another dimension, is refused.
    async fn a_lot_usage_moves_stock_and_its_removal_restores_it(app) {
        let lot = app.create_lot("Taq polymerase", "biological", json!({"quantity": 500, "unit": "µL"})).await;
        let lot_id = id(&lot);
        let e = entry(&app, "PCR of clone 12", "Mix on ice.").await;
        let path = format!("/api/v1/entries/{}/usages", id(&e));
        let res = app.post_json(&path, &json!({"lot_id": lot_id, "quantity": 25, "unit": "µL"})).await;
        assert_eq!(res.status(), 201);
        let usage: Value = res.json().await.unwrap();
        assert_eq!(usage["kind"], "lot");
        assert_eq!(usage["quantity"], 25.0);
        assert_eq!(usage["name"], "Taq polymerase");
        assert_eq!(quantity(&app, &lot_id).await, 475.0);
        let ledger: Value = app.get(&format!("/api/v1/lots/{lot_id}/movements")).await.json().await.unwrap();
        assert_eq!(ledger[1]["kind"], "consume");
        assert_eq!(ledger[1]["entry_id"], e["id"]);

        for (body, status, field) in [
            (json!({"lot_id": lot_id, "quantity": 1000, "unit": "µL"}), 409, "quantity"),
            (json!({"lot_id": lot_id, "quantity": 1, "unit": "g"}), 422, "unit"),
            (json!({"lot_id": lot_id}), 422, "quantity"),
            (json!({"lot_id": lot_id, "sample_id": lot_id, "quantity": 1}), 422, "lot_id"),
        ] {
            let res = app.post_json(&path, &body).await;
            assert_eq!(res.status(), status, "{body}");
            let problem: Value = res.json().await.unwrap();
            assert_eq!(problem["errors"][0]["field"], field, "{body}");
        }
        assert_eq!(quantity(&app, &lot_id).await, 475.0, "refusals take nothing");

        let res = app.client.delete(app.url(&format!("{path}/{}", id(&usage)))).bearer_auth(&app.token).send().await.unwrap();
        assert_eq!(res.status(), 204);
        assert_eq!(quantity(&app, &lot_id).await, 500.0);
        let ledger: Value = app.get(&format!("/api/v1/lots/{lot_id}/movements")).await.json().await.unwrap();
        assert_eq!(ledger.as_array().unwrap().len(), 3, "the consumption and its reversal both stay");
        let e: Value = app.get(&format!("/api/v1/entries/{}", id(&e))).await.json().await.unwrap();
        assert_eq!(e["usages"], json!([]));
    }
}

both_engines! {
    /// A failure between the ledger line and the usage (injected by a database trigger)
    /// leaves neither: the lot keeps its quantity and its ledger has no line for it.
    async fn a_usage_and_its_movement_commit_together_or_not_at_all(app) {
        let lot = app.create_lot("dNTP mix", "chemical", json!({"quantity": 100, "unit": "µL"})).await;
        let lot_id = id(&lot);
        let e = entry(&app, "PCR", "").await;
        let path = format!("/api/v1/entries/{}/usages", id(&e));
        match app.engine() {
            Engine::Sqlite => app.sql("CREATE TRIGGER fail_usage BEFORE INSERT ON entry_usages BEGIN SELECT RAISE(ABORT, 'injected failure'); END").await,
            Engine::Postgres => {
                app.sql("CREATE FUNCTION fail_usage() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'injected failure'; END $$").await;
                app.sql("CREATE TRIGGER fail_usage BEFORE INSERT ON entry_usages FOR EACH ROW EXECUTE FUNCTION fail_usage()").await;
            }
        }
        let movements_before = app.count("movements").await;
        let res = app.post_json(&path, &json!({"lot_id": lot_id, "quantity": 10, "unit": "µL"})).await;
        assert_eq!(res.status(), 500);
        assert_eq!(quantity(&app, &lot_id).await, 100.0);
        assert_eq!(app.count("movements").await, movements_before);
        assert_eq!(app.count("entry_usages").await, 0);

        match app.engine() {
            Engine::Sqlite => app.sql("DROP TRIGGER fail_usage").await,
            // PostgreSQL's DROP TRIGGER names the table.
            Engine::Postgres => app.sql("DROP TRIGGER fail_usage ON entry_usages").await,
        }
        let res = app.post_json(&path, &json!({"lot_id": lot_id, "quantity": 10, "unit": "µL"})).await;
        assert_eq!(res.status(), 201);
        assert_eq!(quantity(&app, &lot_id).await, 90.0);
    }
}

both_engines! {
    /// A sample the entry makes gets the entry's inputs — samples and lots — as parents,
    /// and a label code to print.
    async fn an_output_sample_descends_from_the_entry_inputs(app) {
        let lot = app.create_lot("Lysis buffer", "chemical", json!({"quantity": 50, "unit": "mL"})).await;
        let tissue: Value = app.post_json("/api/v1/samples", &json!({"name": "Liver biopsy", "quantity": 1, "unit": "g"})).await.json().await.unwrap();
        let e = entry(&app, "RNA extraction", "").await;
        let path = format!("/api/v1/entries/{}/usages", id(&e));
        assert_eq!(app.post_json(&path, &json!({"sample_id": tissue["id"], "role": "input"})).await.status(), 201);
        assert_eq!(app.post_json(&path, &json!({"lot_id": lot["id"], "quantity": 2, "unit": "mL"})).await.status(), 201);
        let res = app.post_json(&path, &json!({"role": "output", "name": "Liver RNA", "quantity": 50, "unit": "µL", "relation": "extract"})).await;
        assert_eq!(res.status(), 201);
        let usage: Value = res.json().await.unwrap();
        assert_eq!(usage["kind"], "sample_output");
        assert!(labels::LabelCode::parse(usage["label_code"].as_str().unwrap()).is_ok());
        let sample: Value = app.get(&format!("/api/v1/samples/{}", usage["thing_id"].as_str().unwrap())).await.json().await.unwrap();
        let mut parents: Vec<(String, String)> = sample["parents"].as_array().unwrap().iter()
            .map(|p| (p["id"].as_str().unwrap().to_owned(), p["relation"].as_str().unwrap().to_owned()))
            .collect();
        parents.sort();
        let mut expected = vec![(id(&tissue), "extract".to_owned()), (id(&lot), "extract".to_owned())];
        expected.sort();
        assert_eq!(parents, expected);
    }
}

both_engines! {
    /// Using an instrument outside its calibration records a warning with the usage; inside
    /// it, none; a window that ends before it starts is refused.
    async fn instrument_use_outside_calibration_is_flagged(app) {
        let balance: Value = app.post_json("/api/v1/instruments", &json!({"name": "Balance XS205"})).await.json().await.unwrap();
        let records = format!("/api/v1/instruments/{}/records", id(&balance));
        let res = app.post_json(&records, &json!({"kind": "calibration", "performed_on": "2026-01-10", "valid_until": "2026-03-01"})).await;
        assert_eq!(res.status(), 201);
        let e = entry(&app, "Weighing", "").await;
        let path = format!("/api/v1/entries/{}/usages", id(&e));
        let inside: Value = app.post_json(&path, &json!({"instrument_id": balance["id"], "started_at": "2026-02-03T09:00:00Z", "ended_at": "2026-02-03T09:30:00Z"})).await.json().await.unwrap();
        assert_eq!(inside["warning"], Value::Null, "{inside}");
        let after: Value = app.post_json(&path, &json!({"instrument_id": balance["id"], "started_at": "2026-03-02T09:00:00Z", "ended_at": "2026-03-02T09:30:00Z"})).await.json().await.unwrap();
        assert!(after["warning"].as_str().unwrap().contains("lapsed"), "{after}");
        let stored: Value = app.get(&format!("/api/v1/entries/{}", id(&e))).await.json().await.unwrap();
        assert!(stored["usages"][1]["warning"].as_str().unwrap().contains("2026-03-02"));

        let res = app.post_json(&path, &json!({"instrument_id": balance["id"], "started_at": "2026-03-02T10:00:00Z", "ended_at": "2026-03-02T09:00:00Z"})).await;
        assert_eq!(res.status(), 422);
        let problem: Value = res.json().await.unwrap();
        assert_eq!(problem["errors"][0]["field"], "ended_at");
    }
}

both_engines! {
    /// Entries created at the same moment get consecutive numbers in their notebook,
    /// none shared, none skipped.
    async fn entry_numbers_stay_sequential_under_concurrent_creation(app) {
        let app = std::sync::Arc::new(app);
        let tasks: Vec<_> = (0..12).map(|i| {
            let app = app.clone();
            tokio::spawn(async move { entry(&app, &format!("Day {i}"), "").await["number"].as_i64().unwrap() })
        }).collect();
        let mut numbers = Vec::new();
        for t in tasks {
            numbers.push(t.await.unwrap());
        }
        numbers.sort();
        assert_eq!(numbers, (1..=12).collect::<Vec<i64>>());
    }
}

both_engines! {
    /// Every save of a draft is a revision with the SHA-256 of its content; earlier ones
    /// stay readable; a save that changes nothing makes none.
    async fn revisions_keep_every_version(app) {
        let e = entry(&app, "Western blot", "Transfer 1 h.").await;
        let path = format!("/api/v1/entries/{}", id(&e));
        for body in ["Transfer 1 h at 100 V.", "Transfer 1 h at 100 V.", "Transfer 90 min at 80 V."] {
            let res = app.patch_json(&path, &json!({"body": body})).await;
            assert_eq!(res.status(), 200);
        }
        let revisions: Value = app.get(&format!("{path}/revisions")).await.json().await.unwrap();
        let revisions = revisions.as_array().unwrap();
        let bodies: Vec<&str> = revisions.iter().map(|r| r["body"].as_str().unwrap()).collect();
        assert_eq!(bodies, ["Transfer 1 h.", "Transfer 1 h at 100 V.", "Transfer 90 min at 80 V."]);
        let shas: std::collections::HashSet<&str> = revisions.iter().map(|r| r["sha256"].as_str().unwrap()).collect();
        assert_eq!(shas.len(), 3);
        let current: Value = app.get(&path).await.json().await.unwrap();
        assert_eq!(current["revision"], 3);
        assert_eq!(current["content_sha256"], revisions[2]["sha256"]);
    }
}

both_engines! {
    /// Markdown renders with its tables; a script, an event handler or a `javascript:`
    /// link in it comes out harmless.
    async fn markdown_is_rendered_and_script_neutralised(app) {
        let e = entry(&app, "Results", "| well | OD |\n|---|---|\n| A1 | 0.42 |\n\n<script>fetch('/api/v1/auth/me')</script><img src=x onerror=alert(1)>\n\n[click](javascript:alert(1))").await;
        let html = e["body_html"].as_str().unwrap();
        assert!(html.contains("<td>A1</td>"), "{html}");
        assert!(!html.contains("<script") && !html.contains("onerror") && !html.contains("href=\"javascript"), "{html}");
        assert!(html.contains("click"), "the link text stays: {html}");
        assert!(e["body"].as_str().unwrap().contains("<script>"), "what was written is kept as written");
    }
}

both_engines! {
    /// Entries are found by words of their title, body or tags, by tag, by date, by
    /// author and by what they used; comments are added by readers.
    async fn entries_are_searched_and_commented(app) {
        let lot = app.create_lot("Agarose", "chemical", json!({"quantity": 100, "unit": "g"})).await;
        let gel = entry(&app, "Agarose gel of PCR products", "Bands at 500 bp.").await;
        let res = app.patch_json(&format!("/api/v1/entries/{}", id(&gel)), &json!({"tags": ["gel", "#PCR"]})).await;
        assert_eq!(res.status(), 200);
        app.post_json(&format!("/api/v1/entries/{}/usages", id(&gel)), &json!({"lot_id": lot["id"], "quantity": 1, "unit": "g"})).await;
        entry(&app, "Cell culture", "Split 1:10.").await;
        let titles = |v: Value| v["items"].as_array().unwrap().iter().map(|e| e["title"].as_str().unwrap().to_owned()).collect::<Vec<_>>();
        let found = |q: &'static str| { let app = &app; async move { titles(app.get(&format!("/api/v1/entries?{q}")).await.json().await.unwrap()) } };
        assert_eq!(found("q=bands").await, ["Agarose gel of PCR products"]);
        assert_eq!(found("q=split%2010").await, ["Cell culture"]);
        assert_eq!(found("tag=pcr").await, ["Agarose gel of PCR products"]);
        assert_eq!(found("tag=pc").await, Vec::<String>::new(), "a tag matches whole");
        assert_eq!(titles(app.get(&format!("/api/v1/entries?uses={}", id(&lot))).await.json().await.unwrap()), ["Agarose gel of PCR products"]);
        assert_eq!(found("from=2000-01-01&to=2000-12-31").await, Vec::<String>::new());
        let res = app.get("/api/v1/entries?from=yesterday").await;
        assert_eq!(res.status(), 422);

        let (_, viewer) = app.person("val@lab.test", "viewer", Some(paillasse_tests::DEFAULT_TEAM)).await;
        let res = app.with_token(&viewer).post(&format!("/api/v1/entries/{}/comments", id(&gel)), &json!({"body": "Which ladder?"})).await;
        assert_eq!(res.status(), 201);
        let res = app.with_token(&viewer).patch(&format!("/api/v1/entries/{}", id(&gel)), &json!({"body": "changed"})).await;
        assert_eq!(res.status(), 403, "a viewer comments but does not edit");
        let comments: Value = app.get(&format!("/api/v1/entries/{}/comments", id(&gel))).await.json().await.unwrap();
        assert_eq!(comments[0]["body"], "Which ladder?");
        assert_eq!(found("q=ladder").await, ["Agarose gel of PCR products"], "comments are searched too");
        assert_eq!(comments[0]["author"], "val");
    }
}

both_engines! {
    /// What another team keeps cannot be used without sharing: 422 naming the field,
    /// nothing written.
    async fn another_teams_things_cannot_be_used(app) {
        let (_, other) = app.person("eve@elsewhere.test", "member", Some("Elsewhere")).await;
        let product: Value = app.with_token(&other).post("/api/v1/products", &json!({"name": "Their enzyme", "kind": "biological"})).await.json().await.unwrap();
        let their_lot: Value = app.with_token(&other).post("/api/v1/lots", &json!({"product_id": product["id"], "quantity": 10, "unit": "µL"})).await.json().await.unwrap();
        let their_sample: Value = app.with_token(&other).post("/api/v1/samples", &json!({"name": "Their plasma", "quantity": 1, "unit": "mL"})).await.json().await.unwrap();
        let e = entry(&app, "Borrowing", "").await;
        let path = format!("/api/v1/entries/{}/usages", id(&e));
        for (body, field) in [
            (json!({"lot_id": their_lot["id"], "quantity": 1, "unit": "µL"}), "lot_id"),
            (json!({"sample_id": their_sample["id"], "role": "input"}), "sample_id"),
        ] {
            let res = app.post_json(&path, &body).await;
            assert_eq!(res.status(), 422, "{body}");
            let problem: Value = res.json().await.unwrap();
            assert_eq!(problem["errors"][0]["field"], field);
        }
        let lot: Value = app.with_token(&other).get(&format!("/api/v1/lots/{}", id(&their_lot))).await.json().await.unwrap();
        assert_eq!(lot["quantity"], 10.0);
        assert_eq!(app.count("entry_usages").await, 0);
    }
}

both_engines! {
    /// A photo attached to a draft is kept, listed with the entry and has a thumbnail;
    /// what is not an image has none.
    async fn photos_are_attached_to_entries_with_thumbnails(app) {
        let e = entry(&app, "Gel picture", "").await;
        // Any image will do: a label's QR, as the API draws it.
        let sample: Value = app.post_json("/api/v1/samples", &json!({"name": "Gel", "quantity": 1, "unit": "count"})).await.json().await.unwrap();
        let code = labels::LabelCode::parse(sample["label_code"].as_str().unwrap()).unwrap();
        let png = labels::qr::label_png("https://lab.example", &code, labels::qr::EcLevel::Q, 8).unwrap();
        let res = app.client.post(app.url(&format!("/api/v1/entries/{}/attachments?filename=gel.png", id(&e))))
            .bearer_auth(&app.token).header("content-type", "image/png").body(png).send().await.unwrap();
        assert_eq!(res.status(), 201);
        let attachment: Value = res.json().await.unwrap();
        assert_eq!(attachment["owner_kind"], "entry");
        let files: Value = app.get(&format!("/api/v1/entries/{}/attachments", id(&e))).await.json().await.unwrap();
        assert_eq!(files[0]["filename"], "gel.png");
        // Shown in the text by its address.
        let path = format!("/api/v1/entries/{}", id(&e));
        let saved: Value = app.patch_json(&path, &json!({"body": format!("![gel](/api/v1/attachments/{})", id(&attachment))})).await.json().await.unwrap();
        assert!(saved["body_html"].as_str().unwrap().contains(&format!("<img src=\"/api/v1/attachments/{}\"", id(&attachment))), "{}", saved["body_html"]);
        let res = app.get(&format!("/api/v1/attachments/{}/thumbnail", id(&attachment))).await;
        assert_eq!(res.status(), 200);
        assert_eq!(res.headers()["content-type"], "image/png");
        assert!(res.bytes().await.unwrap().starts_with(b"\x89PNG"));

        let res = app.client.post(app.url(&format!("/api/v1/entries/{}/attachments?filename=run.csv", id(&e))))
            .bearer_auth(&app.token).header("content-type", "text/csv").body("t,od\n0,0.1\n").send().await.unwrap();
        let csv: Value = res.json().await.unwrap();
        let res = app.get(&format!("/api/v1/attachments/{}/thumbnail", id(&csv))).await;
        assert_eq!(res.status(), 422);
    }
}

both_engines! {
    /// An entry started from a protocol version lists its steps to tick (its text is what
    /// was typed, no checklist pasted in) and records that it followed it; that version is then frozen: editing the protocol
    /// makes version 2 and version 1 stays as the entry followed it. Until an entry
    /// follows it, the current version is edited in place.
    async fn a_followed_protocol_version_is_frozen(app) {
        let res = app.post_json("/api/v1/protocols", &json!({"name": "Miniprep", "steps": ["Resuspend", "Lyse 5 min"]})).await;
        assert_eq!(res.status(), 201);
        let protocol: Value = res.json().await.unwrap();
        let pid = id(&protocol);
        let edited: Value = app.post_json(&format!("/api/v1/protocols/{pid}/versions"), &json!({"steps": ["Resuspend", "Lyse 4 min", "Neutralise"]})).await.json().await.unwrap();
        assert_eq!(edited["version"], 1, "an unused version is edited in place");
        let v1 = edited["id"].as_str().unwrap().to_owned();

        let res = app.post_json("/api/v1/entries", &json!({"title": "Plasmid prep", "body": "Clone 7.", "protocol_version_id": v1})).await;
        assert_eq!(res.status(), 201);
        let e: Value = res.json().await.unwrap();
        assert_eq!(e["body"], "Clone 7.");
        assert_eq!(e["protocols"][0]["name"], "Miniprep");
        assert_eq!(e["protocols"][0]["version"], 1);
        let steps: Vec<(&str, bool)> = e["protocols"][0]["steps"].as_array().unwrap().iter().map(|s| (s["text"].as_str().unwrap(), s["done"].is_null())).collect();
        assert_eq!(steps, [("Resuspend", true), ("Lyse 4 min", true), ("Neutralise", true)], "none done yet");
        assert_eq!(e["usages"][0]["kind"], "protocol");
        assert_eq!(e["usages"][0]["name"], "Miniprep (version 1)");

        let v2: Value = app.post_json(&format!("/api/v1/protocols/{pid}/versions"), &json!({"steps": ["Resuspend", "Lyse 3 min"]})).await.json().await.unwrap();
        assert_eq!(v2["version"], 2);
        let protocol: Value = app.get(&format!("/api/v1/protocols/{pid}")).await.json().await.unwrap();
        assert_eq!(protocol["versions"][0]["frozen"], true);
        assert_eq!(protocol["versions"][0]["steps"], json!(["Resuspend", "Lyse 4 min", "Neutralise"]));
        assert_eq!(protocol["versions"][1]["steps"], json!(["Resuspend", "Lyse 3 min"]));

        // A usage can name the protocol followed, too; an unknown version is refused.
        let other = entry(&app, "Another prep", "").await;
        let res = app.post_json(&format!("/api/v1/entries/{}/usages", id(&other)), &json!({"protocol_version_id": v2["id"]})).await;
        assert_eq!(res.status(), 201);
        let res = app.post_json(&format!("/api/v1/entries/{}/usages", id(&other)), &json!({"protocol_version_id": uuid::Uuid::nil()})).await;
        assert_eq!(res.status(), 422);
        let res = app.post_json("/api/v1/entries", &json!({"title": "x", "body": "", "protocol_version_id": uuid::Uuid::nil()})).await;
        assert_eq!(res.status(), 422);
        let problem: Value = res.json().await.unwrap();
        assert_eq!(problem["errors"][0]["field"], "protocol_version_id");
    }
}

both_engines! {
    /// Who did what: contributors are named at creation and changed later as a whole list
    /// (by e-mail or account id); changing them makes no text revision but is audited; an
    /// unknown account or an empty role is refused with its line named and nothing changed.
    async fn contributors_are_named_changed_and_audited(app) {
        let (ana, _) = app.person("ana@lab.test", "member", Some(paillasse_tests::DEFAULT_TEAM)).await;
        let (ben, _) = app.person("ben@lab.test", "member", Some(paillasse_tests::DEFAULT_TEAM)).await;
        let res = app.post_json("/api/v1/entries", &json!({
            "title": "Western blot", "contributors": [{"email": "ANA@lab.test", "role": "Performed"}]
        })).await;
        assert_eq!(res.status(), 201);
        let e: Value = res.json().await.unwrap();
        assert_eq!(e["contributors"], json!([{"person_id": ana.id, "name": ana.name, "role": "performed"}]));
        let path = format!("/api/v1/entries/{}", id(&e));
        let audit_before = app.count("audit_log").await;

        let res = app.patch_json(&path, &json!({"contributors": [
            {"email": "ana@lab.test", "role": "performed"},
            {"person_id": ben.id, "role": "analysed"},
        ]})).await;
        assert_eq!(res.status(), 200);
        let changed: Value = res.json().await.unwrap();
        assert_eq!(changed["contributors"].as_array().unwrap().len(), 2);
        assert_eq!(changed["revision"], 1, "who did what is not the text");
        assert_eq!(app.count("audit_log").await, audit_before + 1);

        for (body, field) in [
            (json!({"contributors": [{"email": "nobody@lab.test", "role": "performed"}]}), "contributors[0].email"),
            (json!({"contributors": [{"email": "ana@lab.test", "role": "performed"}, {"email": "ben@lab.test", "role": " "}]}), "contributors[1].role"),
            (json!({"title": "", "contributors": []}), "title"),
        ] {
            let res = app.patch_json(&path, &body).await;
            assert_eq!(res.status(), 422, "{body}");
            let problem: Value = res.json().await.unwrap();
            assert_eq!(problem["errors"][0]["field"], field, "{body}");
        }
        let now: Value = app.get(&path).await.json().await.unwrap();
        assert_eq!(now["contributors"], changed["contributors"], "refusals change nothing");

        // Removing everyone is a change too.
        let cleared: Value = app.patch_json(&path, &json!({"contributors": []})).await.json().await.unwrap();
        assert_eq!(cleared["contributors"], json!([]));
    }
}

both_engines! {
    /// A usage's quantity reads in the unit that suits it, not the lot's: 20 mL taken from
    /// a 1 L bottle shows as 20 mL.
    async fn usage_quantities_read_in_a_fitting_unit(app) {
        let lot = app.create_lot("Ethanol absolute", "chemical", json!({"quantity": 1, "unit": "L"})).await;
        let e = entry(&app, "Precipitation", "").await;
        let path = format!("/api/v1/entries/{}/usages", id(&e));
        let res = app.post_json(&path, &json!({"lot_id": lot["id"], "quantity": 20, "unit": "mL"})).await;
        assert_eq!(res.status(), 201);
        let usage: Value = res.json().await.unwrap();
        assert_eq!((usage["quantity"].as_f64(), usage["unit"].as_str()), (Some(20.0), Some("mL")));
        assert_eq!(quantity(&app, &id(&lot)).await, 0.98, "the lot still reads in litres");
    }
}

both_engines! {
    /// A use is judged over its whole window and by the instrument's status at the time:
    /// running past the end of a calibration is a use of a lapsed instrument; last month's
    /// use typed while the instrument is now in maintenance is not a use of an unavailable
    /// one, and a use while it was in maintenance is, even once it is back.
    async fn an_instrument_use_is_judged_over_its_window_and_at_its_time(app) {
        let balance: Value = app.post_json("/api/v1/instruments", &json!({"name": "Balance XS205"})).await.json().await.unwrap();
        let records = format!("/api/v1/instruments/{}/records", id(&balance));
        // Calibrated from 90 days ago until 30 days ago.
        let res = app.post_json(&records, &json!({"kind": "calibration", "performed_on": day(-90), "valid_until": day(-30)})).await;
        assert_eq!(res.status(), 201);
        let e = entry(&app, "Weighing", "").await;
        let path = format!("/api/v1/entries/{}/usages", id(&e));
        let notices = |u: &Value| -> Vec<String> {
            u["notices"].as_array().unwrap().iter().map(|n| n["code"].as_str().unwrap_or_default().to_owned()).collect()
        };

        // Begun on the last valid day, ended two days later.
        let across: Value = app.post_json(&path, &json!({"instrument_id": balance["id"], "started_at": format!("{}T22:00:00Z", day(-30)), "ended_at": format!("{}T06:00:00Z", day(-28))})).await.json().await.unwrap();
        assert_eq!(notices(&across), ["calibration_lapsed"], "{across}");
        assert!(across["warning"].as_str().unwrap().contains(&day(-29)), "the first lapsed day: {across}");

        // In maintenance from now on: a use two months ago, inside the calibration, is
        // not a use of an unavailable instrument.
        let instrument = format!("/api/v1/instruments/{}", id(&balance));
        let before_maintenance = chrono::Utc::now();
        assert_eq!(app.patch_json(&instrument, &json!({"status": "in_maintenance"})).await.status(), 200);
        let earlier: Value = app.post_json(&path, &json!({"instrument_id": balance["id"], "started_at": format!("{}T09:00:00Z", day(-60)), "ended_at": format!("{}T09:30:00Z", day(-60))})).await.json().await.unwrap();
        assert_eq!(notices(&earlier), Vec::<String>::new(), "{earlier}");

        // Back in service; a use that overlapped the maintenance still says so.
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
        assert_eq!(app.patch_json(&instrument, &json!({"status": "available"})).await.status(), 200);
        let during = json!({"instrument_id": balance["id"], "started_at": before_maintenance.to_rfc3339(), "ended_at": chrono::Utc::now().to_rfc3339()});
        let overlapping: Value = app.post_json(&path, &during).await.json().await.unwrap();
        assert!(notices(&overlapping).contains(&"instrument_unavailable".to_owned()), "{overlapping}");
    }
}

both_engines! {
    /// A person's own notebook says whose it is (`opened_for`), so pages word its name
    /// in their language; a notebook named by hand does not.
    async fn an_own_notebook_says_whose_it_is(app) {
        let first = app.post_json("/api/v1/entries", &json!({"title": "Day 1"})).await;
        assert_eq!(first.status(), 201);
        let project = app.post_json("/api/v1/notebooks", &json!({"name": "Cloning", "project": "ANR-42"})).await;
        assert_eq!(project.status(), 201);
        let notebooks: Value = app.get("/api/v1/notebooks").await.json().await.unwrap();
        let seen: Vec<(&str, Option<&str>)> = notebooks.as_array().unwrap().iter().map(|n| (n["name"].as_str().unwrap(), n["opened_for"].as_str())).collect();
        assert_eq!(seen, [("ada's notebook", Some("ada")), ("Cloning", None)]);
    }
}

both_engines! {
    /// An instrument's use says how its calibration stood over it, good or bad, and until
    /// when the calibration that covered it ran.
    async fn an_instrument_use_tells_its_calibration(app) {
        let instrument: Value = app.post_json("/api/v1/instruments", &json!({"name": "Balance"})).await.json().await.unwrap();
        let id = instrument["id"].as_str().unwrap();
        app.post_json(&format!("/api/v1/instruments/{id}/records"), &json!({"kind": "calibration", "performed_on": day(-200), "valid_until": day(-100)})).await;
        let entry = entry(&app, "Weighing", "").await;
        let usages = format!("/api/v1/entries/{}/usages", entry["id"].as_str().unwrap());
        let res = app.post_json(&usages, &json!({"instrument_id": id, "started_at": format!("{}T09:00:00Z", day(-150)), "ended_at": format!("{}T10:00:00Z", day(-150))})).await;
        assert_eq!(res.status(), 201);
        let res = app.post_json(&usages, &json!({"instrument_id": id, "started_at": format!("{}T09:00:00Z", day(-50)), "ended_at": format!("{}T10:00:00Z", day(-50))})).await;
        assert_eq!(res.status(), 201, "{}", res.text().await.unwrap());
        let read: Value = app.get(&format!("/api/v1/entries/{}", entry["id"].as_str().unwrap())).await.json().await.unwrap();
        let seen: Vec<(&str, &str)> = read["usages"].as_array().unwrap().iter().map(|u| (u["calibration"].as_str().unwrap(), u["calibrated_until"].as_str().unwrap())).collect();
        let until = day(-100);
        assert_eq!(seen, [("valid", until.as_str()), ("lapsed", until.as_str())]);
    }
}

both_engines! {
    /// Steps of the protocol an entry follows are ticked one by one: each says who did it
    /// and when, a second tick changes nothing, unticking is audited too;
    /// a step the protocol lacks, a protocol the entry does not follow and a reader
    /// without write access are refused, naming the field, with nothing written.
    async fn an_entrys_protocol_steps_are_ticked(app) {
        let protocol: Value = app.post_json("/api/v1/protocols", &json!({"name": "Bradford assay", "steps": ["Dilute the standards", "Add the dye", "Read at 595 nm"]})).await.json().await.unwrap();
        let version = protocol["versions"][0]["id"].as_str().unwrap().to_owned();
        let e: Value = app.post_json("/api/v1/entries", &json!({"title": "Protein assay", "protocol_version_id": version})).await.json().await.unwrap();
        let steps = format!("/api/v1/entries/{}/steps", id(&e));
        let tick = |step: u32, done: bool| json!({"protocol_version_id": version, "step": step, "done": done});

        let (_, viewer) = app.person("vic@lab.test", "viewer", Some(paillasse_tests::DEFAULT_TEAM)).await;
        let audited = app.count("audit_log").await;
        let res = app.put_json(&steps, &tick(1, true)).await;
        assert_eq!(res.status(), 200);
        let now: Value = res.json().await.unwrap();
        let done = &now[0]["steps"][1]["done"];
        assert_eq!(done["by_name"], "ada", "{now}");
        assert!(now[0]["steps"][0]["done"].is_null() && now[0]["steps"][2]["done"].is_null());
        let at = done["at"].clone();
        let again: Value = app.put_json(&steps, &tick(1, true)).await.json().await.unwrap();
        assert_eq!(again[0]["steps"][1]["done"]["at"], at, "a double tap moves nothing");
        let read: Value = app.get(&format!("/api/v1/entries/{}", id(&e))).await.json().await.unwrap();
        assert_eq!(read["protocols"], again, "the entry shows the same");
        assert_eq!(app.count("audit_log").await, audited + 1, "one record for one change");

        let res = app.put_json(&steps, &tick(3, true)).await;
        assert_eq!(res.status(), 422);
        let problem: Value = res.json().await.unwrap();
        assert_eq!((problem["errors"][0]["field"].as_str(), problem["errors"][0]["code"].as_str()), (Some("step"), Some("out_of_range")));
        let res = app.put_json(&steps, &json!({"protocol_version_id": uuid::Uuid::nil(), "step": 0, "done": true})).await;
        assert_eq!(res.status(), 422);
        assert_eq!(res.json::<Value>().await.unwrap()["errors"][0]["field"], "protocol_version_id");
        let res = app.put_json(&steps, &json!({"protocol_version_id": version, "step": 0})).await;
        assert_eq!(res.status(), 400, "done must be said, never assumed");
        assert_eq!(res.json::<Value>().await.unwrap()["errors"][0]["field"], "done");
        let res = app.with_token(&viewer).put(&steps, &tick(0, true)).await;
        assert_eq!(res.status(), 403);
        assert_eq!((app.count("entry_steps").await, app.count("audit_log").await), (1, audited + 1), "the refusals wrote nothing");

        let undone: Value = app.put_json(&steps, &tick(1, false)).await.json().await.unwrap();
        assert!(undone[0]["steps"].as_array().unwrap().iter().all(|s| s["done"].is_null()), "{undone}");
        assert_eq!((app.count("entry_steps").await, app.count("audit_log").await), (0, audited + 2), "unticking is audited too");
    }
}
