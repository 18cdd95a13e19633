//! What a partner team may do with what it was shown: reading is not writing. A
//! read-only share of a box does not let them fill it; reading a sample does not let them
//! rewrite its provenance; a recall speaks for the entries its author may speak for; a
//! sample's history shows its parents as the reader may see them now.

use paillasse_tests::both_engines;
use serde_json::{json, Value};

fn id(v: &Value) -> String {
    v["id"].as_str().unwrap().to_owned()
}

async fn created(res: reqwest::Response) -> Value {
    let status = res.status();
    let body: Value = res.json().await.unwrap();
    assert_eq!(status, 201, "{body}");
    body
}

both_engines! {
    /// Team B has a read-only share of team A's box: it sees the box but cannot put its
    /// lot, sample or instrument there (422 naming location_id, nothing written); with a
    /// read-write share it can.
    async fn a_read_only_share_of_a_box_does_not_let_a_partner_fill_it(app) {
        let the_box = created(app.post_json("/api/v1/locations", &json!({"name": "Box A1", "grid": {"rows": 9, "cols": 9}})).await).await;
        let (bob, bob_token) = app.person("bob@partner.test", "member", Some("Partner")).await;
        let partner = bob.memberships[0].team_id;
        app.share("location", &id(&the_box), partner, "read").await;
        let as_bob = app.with_token(&bob_token);
        let product = created(as_bob.post("/api/v1/products", &json!({"name": "Their buffer", "kind": "chemical"})).await).await;
        let lot = created(as_bob.post("/api/v1/lots", &json!({"product_id": id(&product), "quantity": 1, "unit": "L"})).await).await;
        let sample = created(as_bob.post("/api/v1/samples", &json!({"name": "Their aliquot", "quantity": 1, "unit": "mL"})).await).await;
        assert_eq!(as_bob.get(&format!("/api/v1/locations/{}", id(&the_box))).await.status(), 200, "they may see it");

        let before = (app.count("positions").await, app.count("audit_log").await);
        for (path, body) in [
            (format!("/api/v1/lots/{}", id(&lot)), json!({"location_id": id(&the_box), "position": "A1"})),
            (format!("/api/v1/samples/{}", id(&sample)), json!({"location_id": id(&the_box), "position": "A2"})),
            (format!("/api/v1/samples/{}", id(&sample)), json!({"location_id": id(&the_box)})),
        ] {
            let res = as_bob.patch(&path, &body).await;
            assert_eq!(res.status(), 422, "{path} {body}");
            let problem: Value = res.json().await.unwrap();
            assert_eq!((problem["errors"][0]["field"].as_str(), problem["errors"][0]["code"].as_str()), (Some("location_id"), Some("read_only")));
        }
        let res = as_bob.post("/api/v1/instruments", &json!({"name": "Their pipette", "location_id": id(&the_box)})).await;
        assert_eq!(res.status(), 422);
        assert_eq!((app.count("positions").await, app.count("audit_log").await), before, "nothing written");

        app.unshare("location", &id(&the_box)).await;
        app.share("location", &id(&the_box), partner, "write").await;
        let res = as_bob.patch(&format!("/api/v1/samples/{}", id(&sample)), &json!({"location_id": id(&the_box), "position": "A2"})).await;
        assert_eq!(res.status(), 200, "a read-write share lets them");
    }
}

both_engines! {
    /// Someone who may only read team A's sample cannot declare it the output of their own
    /// entry (A's lineage would be theirs to falsify); as an input it is fine.
    async fn reading_a_sample_does_not_allow_rewriting_its_provenance(app) {
        let ours = created(app.post_json("/api/v1/samples", &json!({"name": "Plasma 12", "quantity": 1, "unit": "mL"})).await).await;
        let (bob, bob_token) = app.person("bob@partner.test", "member", Some("Partner")).await;
        app.share("sample", &id(&ours), bob.memberships[0].team_id, "read").await;
        let as_bob = app.with_token(&bob_token);
        let entry = created(as_bob.post("/api/v1/entries", &json!({"title": "Their assay", "body": ""})).await).await;
        let usages = format!("/api/v1/entries/{}/usages", id(&entry));
        let before = app.count("entry_usages").await;
        let res = as_bob.post(&usages, &json!({"sample_id": id(&ours), "role": "output"})).await;
        assert_eq!(res.status(), 422);
        let problem: Value = res.json().await.unwrap();
        assert_eq!((problem["errors"][0]["field"].as_str(), problem["errors"][0]["code"].as_str()), (Some("sample_id"), Some("read_only")));
        assert_eq!(app.count("entry_usages").await, before);
        assert_eq!(as_bob.post(&usages, &json!({"sample_id": id(&ours), "role": "input"})).await.status(), 201);
        let trace: Value = app.get(&format!("/api/v1/trace/sample/{}?direction=backward", id(&ours))).await.json().await.unwrap();
        assert_eq!(trace["edges"], json!([]), "nothing made our sample: {trace}");
    }
}

both_engines! {
    /// A recall from a lot the caller's team owns flags every entry that used it, the
    /// partner's too (a supplier's recall must reach them). A partner who may change the
    /// lot only through a share flags their own entries; ours are counted, left to us.
    async fn a_recall_speaks_for_the_entries_its_author_may_speak_for(app) {
        let lot = app.create_lot("Agarose", "chemical", json!({"quantity": 100, "unit": "g"})).await;
        let (bob, bob_token) = app.person("bob@partner.test", "member", Some("Partner")).await;
        app.share("lot", &id(&lot), bob.memberships[0].team_id, "write").await;
        let as_bob = app.with_token(&bob_token);
        let ours = created(app.post_json("/api/v1/entries", &json!({"title": "Our gel", "body": ""})).await).await;
        let theirs = created(as_bob.post("/api/v1/entries", &json!({"title": "Their gel", "body": ""})).await).await;
        for (who, entry) in [(&app.token, &ours), (&bob_token, &theirs)] {
            let res = app.with_token(who).post(&format!("/api/v1/entries/{}/usages", id(entry)), &json!({"lot_id": id(&lot), "quantity": 1, "unit": "g"})).await;
            assert_eq!(res.status(), 201);
        }
        let flag = |token: String, reason: &'static str| {
            let app = &app;
            let lot = id(&lot);
            async move {
                let res = app.with_token(&token).post(&format!("/api/v1/trace/lot/{lot}/flag"), &json!({"reason": reason})).await;
                assert_eq!(res.status(), 200);
                res.json::<Value>().await.unwrap()
            }
        };
        let by_bob = flag(bob_token.clone(), "Looks odd to us").await;
        assert_eq!((by_bob["flagged"].as_u64(), by_bob["left_to_their_teams"].as_u64()), (Some(1), Some(1)), "{by_bob}");
        let ours_now: Value = app.get(&format!("/api/v1/entries/{}", id(&ours))).await.json().await.unwrap();
        assert_eq!(ours_now["flags"], json!([]), "a partner's word is not written on our entry");
        let by_us = flag(app.token.clone(), "Supplier recall").await;
        assert_eq!((by_us["flagged"].as_u64(), by_us["left_to_their_teams"].as_u64()), (Some(2), Some(0)), "{by_us}");
        let theirs_now: Value = as_bob.get(&format!("/api/v1/entries/{}", id(&theirs))).await.json().await.unwrap();
        assert_eq!(theirs_now["flags"].as_array().unwrap().len(), 2, "their own flag and the owner's recall");
    }
}

both_engines! {
    /// A sample made from another team's lot (shared with us back then, not any more):
    /// its history shows that parent restricted, like the sample itself does — no id,
    /// label code or product name.
    async fn a_samples_history_shows_its_parents_as_the_reader_may_see_them(app) {
        let (_, bob_token) = app.person("bob@partner.test", "member", Some("Partner")).await;
        let as_bob = app.with_token(&bob_token);
        let product = created(as_bob.post("/api/v1/products", &json!({"name": "Secret enzyme X", "kind": "biological"})).await).await;
        let lot = created(as_bob.post("/api/v1/lots", &json!({"product_id": id(&product), "quantity": 100, "unit": "µL"})).await).await;
        let (ada, _) = app.person("ada2@lab.test", "member", Some(paillasse_tests::DEFAULT_TEAM)).await;
        app.share("lot", &id(&lot), ada.memberships[0].team_id, "write").await;
        let sample = created(app.post_json("/api/v1/samples", &json!({"name": "Digest", "quantity": 50, "unit": "µL", "parents": [{"lot_id": id(&lot), "relation": "extract", "quantity": 10, "unit": "µL"}]})).await).await;
        app.unshare("lot", &id(&lot)).await;

        let shown: Value = app.get(&format!("/api/v1/samples/{}", id(&sample))).await.json().await.unwrap();
        assert_eq!(shown["parents"][0]["restricted"], true, "{shown}");
        let history = app.get(&format!("/api/v1/history/sample/{}", id(&sample))).await.text().await.unwrap();
        for secret in [id(&lot), lot["label_code"].as_str().unwrap().to_owned(), "Secret enzyme X".to_owned()] {
            assert!(!history.contains(&secret), "the history shows {secret}: {history}");
        }
    }
}
