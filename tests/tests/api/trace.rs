//! Traceability on a hand-built lab whose answers are known:
//!
//! ```text
//! tissue T ─┐                      ┌─ (Cycler, lapsed) ┐
//! lot Taq ──┼─ E1 Extraction ─ S1 RNA ─┬─ E2 RT-PCR (ben) ─ S2 cDNA ─┬─ E3 qPCR ─ S3 plate
//! Balance ──┘  (ada, ben performed)   │  lot Taq, lot Agarose      ├─ S2a aliquot
//!                                     └──────────────────────────  └─ E4 (eve, team Other) ─ S4
//! E5 Buffer prep: lot Agarose only.
//! ```

use std::collections::{BTreeMap, BTreeSet};

use paillasse_tests::{both_engines, day, TestApp};
use serde_json::{json, Value};

fn id(v: &Value) -> String {
    v["id"].as_str().unwrap().to_owned()
}

/// The ids of the hand-built lab, and the other team's token.
struct Lab {
    taq: String,
    agarose: String,
    balance: String,
    cycler: String,
    tissue: String,
    s1: String,
    s2: String,
    s2a: String,
    s3: String,
    s4: String,
    e1: String,
    e2: String,
    e3: String,
    e4: String,
    e5: String,
    ben: String,
    eve_token: String,
}

async fn created(res: reqwest::Response) -> Value {
    let status = res.status();
    let body: Value = res.json().await.unwrap();
    assert!(status.is_success(), "{status}: {body}");
    body
}

async fn entry(app: &TestApp, token: &str, title: &str, date: &str, extra: Value) -> String {
    let mut body = json!({"title": title, "entry_date": date});
    body.as_object_mut()
        .unwrap()
        .extend(extra.as_object().unwrap().clone());
    id(&created(app.with_token(token).post("/api/v1/entries", &body).await).await)
}

async fn use_(app: &TestApp, token: &str, entry: &str, body: Value) -> Value {
    created(
        app.with_token(token)
            .post(&format!("/api/v1/entries/{entry}/usages"), &body)
            .await,
    )
    .await
}

async fn build(app: &TestApp) -> Lab {
    let me = app.token.clone();
    let (ben, ben_token) = app
        .person(
            "ben@lab.test",
            "member",
            Some(paillasse_tests::DEFAULT_TEAM),
        )
        .await;
    let (eve, eve_token) = app.person("eve@other.test", "member", Some("Other")).await;
    let taq = id(&app.create_lot("Taq polymerase", "biological", json!({"quantity": 500, "unit": "µL", "supplier_lot": "TQ-771", "expires_on": day(1100)})).await);
    let agarose = id(&app.create_lot("Agarose", "chemical", json!({"quantity": 100, "unit": "g", "received_on": "2025-12-01", "expires_on": "2026-01-31"})).await);
    let balance = id(&created(
        app.post_json("/api/v1/instruments", &json!({"name": "Balance XS205"}))
            .await,
    )
    .await);
    let cycler = id(&created(
        app.post_json("/api/v1/instruments", &json!({"name": "Thermocycler T100"}))
            .await,
    )
    .await);
    for (instrument, until) in [(&balance, "2026-12-31"), (&cycler, "2026-03-01")] {
        created(
            app.post_json(
                &format!("/api/v1/instruments/{instrument}/records"),
                &json!({"kind": "calibration", "performed_on": "2026-01-01", "valid_until": until}),
            )
            .await,
        )
        .await;
    }
    let tissue = id(&created(
        app.post_json(
            "/api/v1/samples",
            &json!({"name": "Liver tissue", "quantity": 1, "unit": "g"}),
        )
        .await,
    )
    .await);

    let e1 = entry(
        app,
        &me,
        "Extraction",
        "2026-03-02",
        json!({"contributors": [{"email": "ben@lab.test", "role": "performed"}]}),
    )
    .await;
    use_(app, &me, &e1, json!({"sample_id": tissue, "role": "input"})).await;
    use_(
        app,
        &me,
        &e1,
        json!({"lot_id": taq, "quantity": 10, "unit": "µL"}),
    )
    .await;
    use_(app, &me, &e1, json!({"instrument_id": balance, "started_at": "2026-03-02T09:00:00Z", "ended_at": "2026-03-02T09:30:00Z"})).await;
    let s1 = use_(app, &me, &e1, json!({"role": "output", "name": "Liver RNA", "quantity": 50, "unit": "µL", "relation": "extract"})).await["thing_id"].as_str().unwrap().to_owned();

    let e2 = entry(app, &ben_token, "RT-PCR", "2026-03-05", json!({})).await;
    use_(
        app,
        &ben_token,
        &e2,
        json!({"sample_id": s1, "role": "input"}),
    )
    .await;
    use_(
        app,
        &ben_token,
        &e2,
        json!({"lot_id": taq, "quantity": 5, "unit": "µL"}),
    )
    .await;
    use_(
        app,
        &ben_token,
        &e2,
        json!({"lot_id": agarose, "quantity": 1, "unit": "g"}),
    )
    .await;
    let lapsed = use_(app, &ben_token, &e2, json!({"instrument_id": cycler, "started_at": "2026-03-05T10:00:00Z", "ended_at": "2026-03-05T12:00:00Z"})).await;
    assert!(lapsed["warning"].as_str().unwrap().contains("lapsed"));
    let s2 = use_(app, &ben_token, &e2, json!({"role": "output", "name": "cDNA", "quantity": 20, "unit": "µL", "relation": "other"})).await["thing_id"].as_str().unwrap().to_owned();

    let e3 = entry(app, &me, "qPCR", "2026-03-10", json!({})).await;
    use_(app, &me, &e3, json!({"sample_id": s2, "role": "input"})).await;
    use_(app, &me, &e3, json!({"instrument_id": cycler, "started_at": "2026-03-10T08:00:00Z", "ended_at": "2026-03-10T09:00:00Z"})).await;
    let s3 = use_(app, &me, &e3, json!({"role": "output", "name": "qPCR plate", "quantity": 1, "unit": "count", "relation": "other"})).await["thing_id"].as_str().unwrap().to_owned();

    let s2a = id(&created(app.post_json("/api/v1/samples", &json!({"name": "cDNA aliquot", "quantity": 5, "unit": "µL", "parents": [{"sample_id": s2, "relation": "aliquot"}]})).await).await);

    // The other team reads the cDNA (shared with it) and makes something of it.
    let other = eve.memberships[0].team_id;
    app.share("sample", &s2, other, "read").await;
    let e4 = entry(app, &eve_token, "Their assay", "2026-03-12", json!({})).await;
    use_(
        app,
        &eve_token,
        &e4,
        json!({"sample_id": s2, "role": "input"}),
    )
    .await;
    let s4 = use_(app, &eve_token, &e4, json!({"role": "output", "name": "Their result", "quantity": 1, "unit": "count", "relation": "other"})).await["thing_id"].as_str().unwrap().to_owned();

    let e5 = entry(app, &me, "Buffer prep", "2026-03-03", json!({})).await;
    use_(
        app,
        &me,
        &e5,
        json!({"lot_id": agarose, "quantity": 2, "unit": "g"}),
    )
    .await;

    Lab {
        taq,
        agarose,
        balance,
        cycler,
        tissue,
        s1,
        s2,
        s2a,
        s3,
        s4,
        e1,
        e2,
        e3,
        e4,
        e5,
        ben: ben.id.to_string(),
        eve_token,
    }
}

/// A trace read as the caller sees it.
async fn trace(app: &TestApp, token: &str, path: &str) -> Value {
    let res = app
        .with_token(token)
        .get(&format!("/api/v1/trace/{path}"))
        .await;
    assert_eq!(res.status(), 200, "{path}");
    res.json().await.unwrap()
}

/// The node keys (`kind:id`) of a trace.
fn nodes(t: &Value) -> BTreeSet<String> {
    t["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["key"].as_str().unwrap().to_owned())
        .collect()
}

fn edges(t: &Value) -> BTreeSet<(String, String, String)> {
    t["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["from"].as_str().unwrap().to_owned(),
                e["relation"].as_str().unwrap().to_owned(),
                e["to"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

fn k(kind: &str, id: &str) -> String {
    format!("{kind}:{id}")
}

fn e(from: String, relation: &str, to: String) -> (String, String, String) {
    (from, relation.to_owned(), to)
}

fn set<T: Ord>(items: impl IntoIterator<Item = T>) -> BTreeSet<T> {
    items.into_iter().collect()
}

both_engines! {
    /// Backward from the qPCR plate: every lot, sample generation, instrument, person and
    /// their links — exactly, and nothing downstream or beside.
    async fn backward_trace_finds_exactly_what_went_in(app) {
        let lab = build(&app).await;
        let me = app.token.clone();
        let ada = app.get("/api/v1/auth/me").await.json::<Value>().await.unwrap()["id"].as_str().unwrap().to_owned();
        let t = trace(&app, &me, &format!("sample/{}?direction=backward", lab.s3)).await;
        let (s, en, l, i, p) = (|x: &str| k("sample", x), |x: &str| k("entry", x), |x: &str| k("lot", x), |x: &str| k("instrument", x), |x: &str| k("person", x));
        assert_eq!(t["start"], s(&lab.s3));
        assert_eq!(nodes(&t), set([
            s(&lab.s3), en(&lab.e3), s(&lab.s2), en(&lab.e2), s(&lab.s1), en(&lab.e1), s(&lab.tissue),
            l(&lab.taq), l(&lab.agarose), i(&lab.cycler), i(&lab.balance), p(&ada), p(&lab.ben),
        ]));
        assert_eq!(edges(&t), set([
            e(en(&lab.e3), "produced", s(&lab.s3)), e(s(&lab.s2), "input", en(&lab.e3)), e(s(&lab.s2), "derived_from", s(&lab.s3)),
            e(i(&lab.cycler), "used_instrument", en(&lab.e3)), e(p(&ada), "authored", en(&lab.e3)),
            e(en(&lab.e2), "produced", s(&lab.s2)), e(s(&lab.s1), "input", en(&lab.e2)), e(l(&lab.taq), "consumed", en(&lab.e2)),
            e(l(&lab.agarose), "consumed", en(&lab.e2)), e(i(&lab.cycler), "used_instrument", en(&lab.e2)), e(p(&lab.ben), "authored", en(&lab.e2)),
            e(s(&lab.s1), "derived_from", s(&lab.s2)), e(l(&lab.taq), "derived_from", s(&lab.s2)), e(l(&lab.agarose), "derived_from", s(&lab.s2)),
            e(en(&lab.e1), "produced", s(&lab.s1)), e(s(&lab.tissue), "input", en(&lab.e1)), e(l(&lab.taq), "consumed", en(&lab.e1)),
            e(i(&lab.balance), "used_instrument", en(&lab.e1)), e(p(&ada), "authored", en(&lab.e1)), e(p(&lab.ben), "contributed", en(&lab.e1)),
            e(s(&lab.tissue), "derived_from", s(&lab.s1)), e(l(&lab.taq), "derived_from", s(&lab.s1)),
        ]));
        assert_eq!(t["restricted"], 0);
        let node = |key: String| t["nodes"].as_array().unwrap().iter().find(|n| n["key"] == key.as_str()).unwrap().clone();
        let taq = node(l(&lab.taq));
        assert_eq!((taq["name"].as_str(), taq["supplier_lot"].as_str(), taq["expires_on"].as_str()), (Some("Taq polymerase"), Some("TQ-771"), Some(day(1100).as_str())));
        assert!(taq["warnings"].as_array().unwrap().is_empty());
        // The agarose had expired when RT-PCR used it; the cycler's calibration had lapsed.
        assert!(node(l(&lab.agarose))["warnings"][0].as_str().unwrap().contains("expiry"), "{t}");
        assert!(node(i(&lab.cycler))["warnings"][0].as_str().unwrap().contains("lapsed"));
        assert!(node(i(&lab.balance))["warnings"].as_array().unwrap().is_empty());
        // The fewest links: the plate's parent cDNA, its parent RNA, the entry that made it.
        assert_eq!(node(en(&lab.e1))["depth"], 3);
        let contributed = t["edges"].as_array().unwrap().iter().find(|x| x["relation"] == "contributed").unwrap();
        assert_eq!(contributed["role"], "performed");
        let consumed = t["edges"].as_array().unwrap().iter().find(|x| x["relation"] == "consumed" && x["to"] == en(&lab.e1).as_str()).unwrap();
        assert_eq!((consumed["quantity"].as_f64(), consumed["unit"].as_str()), (Some(10.0), Some("µL")));

        // A bounded depth stops there; the same trace from the entry starts there.
        let near = trace(&app, &me, &format!("sample/{}?max_depth=1", lab.s3)).await;
        assert_eq!(nodes(&near), set([s(&lab.s3), en(&lab.e3), s(&lab.s2)]));
        let near = trace(&app, &me, &format!("sample/{}?max_depth=2", lab.s3)).await;
        assert_eq!(nodes(&near), set([
            s(&lab.s3), en(&lab.e3), s(&lab.s2), i(&lab.cycler), p(&ada),
            en(&lab.e2), s(&lab.s1), l(&lab.taq), l(&lab.agarose),
        ]));
        let from_entry = trace(&app, &me, &format!("entry/{}", lab.e1)).await;
        assert_eq!(nodes(&from_entry), set([en(&lab.e1), s(&lab.tissue), l(&lab.taq), i(&lab.balance), p(&ada), p(&lab.ben)]));
    }
}

both_engines! {
    /// Forward from a lot: every entry that consumed it and everything made downstream,
    /// through every generation; the other team's work is there, restricted and counted,
    /// never described. From their side, what they may not see is hidden the same way.
    async fn forward_trace_reaches_everything_downstream_and_hides_the_rest(app) {
        let lab = build(&app).await;
        let me = app.token.clone();
        let t = trace(&app, &me, &format!("lot/{}?direction=forward", lab.taq)).await;
        let visible: BTreeSet<String> = t["nodes"].as_array().unwrap().iter().filter(|n| n["restricted"] == false).map(|n| n["key"].as_str().unwrap().to_owned()).collect();
        let (s, en, l) = (|x: &str| k("sample", x), |x: &str| k("entry", x), |x: &str| k("lot", x));
        assert_eq!(visible, set([l(&lab.taq), en(&lab.e1), en(&lab.e2), en(&lab.e3), s(&lab.s1), s(&lab.s2), s(&lab.s2a), s(&lab.s3)]));
        assert_eq!(t["restricted"], 2, "the other team's entry and sample");
        let hidden: Vec<&Value> = t["nodes"].as_array().unwrap().iter().filter(|n| n["restricted"] == true).collect();
        assert_eq!(set(hidden.iter().map(|n| n["kind"].as_str().unwrap())), set(["entry", "sample"]));
        assert!(hidden.iter().all(|n| n["name"].is_null() && n["label_code"].is_null() && n["id"].as_str().unwrap().starts_with("restricted-")));
        let text = t.to_string();
        assert!(!text.contains(&lab.e4) && !text.contains(&lab.s4) && !text.contains("Their"), "nothing of theirs leaks: {text}");
        assert_eq!(edges(&t).len(), 15, "{t}");
        assert!(!nodes(&t).contains(&en(&lab.e5)), "the buffer prep did not use this lot");

        // The other team, backward from their result: our cDNA (shared with them) is
        // named; everything of ours behind it is restricted.
        let theirs = trace(&app, &lab.eve_token, &format!("sample/{}", lab.s4)).await;
        let named: BTreeSet<String> = theirs["nodes"].as_array().unwrap().iter().filter(|n| n["restricted"] == false).filter(|n| n["kind"] != "person").map(|n| n["key"].as_str().unwrap().to_owned()).collect();
        assert_eq!(named, set([s(&lab.s4), en(&lab.e4), s(&lab.s2)]));
        let text = theirs.to_string();
        for secret in ["Taq", "Extraction", "RT-PCR", "Liver", lab.taq.as_str(), lab.e1.as_str(), lab.cycler.as_str()] {
            assert!(!text.contains(secret), "{secret} leaked: {text}");
        }
        assert!(theirs["restricted"].as_u64().unwrap() >= 8, "{theirs}");
        // And they cannot trace our things at all.
        let res = app.with_token(&lab.eve_token).get(&format!("/api/v1/trace/lot/{}", lab.taq)).await;
        assert_eq!(res.status(), 404);
    }
}

both_engines! {
    /// Forward from an instrument or a person honours the window at its boundaries: a use
    /// that ends exactly when the window starts is in, one that starts a second after it
    /// ends is out.
    async fn time_windows_are_honoured_at_their_boundaries(app) {
        let lab = build(&app).await;
        let me = app.token.clone();
        let entries = |t: &Value| -> BTreeSet<String> {
            t["nodes"].as_array().unwrap().iter().filter(|n| n["kind"] == "entry" && n["restricted"] == false).map(|n| n["id"].as_str().unwrap().to_owned()).collect()
        };
        let cycler = |window: &str| format!("instrument/{}?direction=forward&{window}", lab.cycler);
        // RT-PCR used it 10:00–12:00 on March 5, qPCR 08:00–09:00 on March 10.
        let t = trace(&app, &me, &cycler("from=2026-03-05T12:00:00Z&to=2026-03-09")).await;
        assert_eq!(entries(&t), set([lab.e2.clone(), lab.e3.clone()]), "RT-PCR at the window's start, qPCR downstream of it");
        let used: Vec<&Value> = t["edges"].as_array().unwrap().iter().filter(|x| x["from"] == k("instrument", &lab.cycler).as_str()).collect();
        assert_eq!(used.len(), 1, "the cycler hangs from the RT-PCR only, not from what came of it: {t}");
        assert_eq!((used[0]["to"].as_str().unwrap(), used[0]["relation"].as_str().unwrap()), (k("entry", &lab.e2).as_str(), "used_instrument"));
        let t = trace(&app, &me, &cycler("from=2026-03-05T12:00:01Z&to=2026-03-10T07:59:59Z")).await;
        assert_eq!(entries(&t), BTreeSet::new(), "nothing used it in that window");
        let t = trace(&app, &me, &cycler("from=2026-03-06&to=2026-03-10T08:00:00Z")).await;
        assert_eq!(entries(&t), set([lab.e3.clone()]));
        let t = trace(&app, &me, &format!("instrument/{}?direction=forward", lab.balance)).await;
        assert_eq!(entries(&t), set([lab.e1.clone(), lab.e2.clone(), lab.e3.clone()]), "no window: every use");

        let ben = |window: &str| format!("person/{}?direction=forward&{window}", lab.ben);
        let t = trace(&app, &me, &ben("from=2026-03-05&to=2026-03-05")).await;
        assert_eq!(entries(&t), set([lab.e2.clone(), lab.e3.clone()]), "authored RT-PCR that day; qPCR is downstream");
        let t = trace(&app, &me, &ben("from=2026-03-01&to=2026-03-04")).await;
        assert_eq!(entries(&t), set([lab.e1.clone(), lab.e2.clone(), lab.e3.clone()]), "performed the extraction");
        let started = t["edges"].as_array().unwrap().iter().filter(|x| x["from"] == k("person", &lab.ben).as_str()).count();
        assert_eq!(started, 1, "only the window's own entries hang from the person: {t}");

        for (query, field) in [("direction=sideways", "direction"), ("max_depth=0", "max_depth"), ("from=2026-03-10&to=2026-03-01", "to"), ("from=March", "from"), ("format=xml", "format")] {
            let res = app.get(&format!("/api/v1/trace/instrument/{}?{query}", lab.cycler)).await;
            assert_eq!(res.status(), 422, "{query}");
            let problem: Value = res.json().await.unwrap();
            assert_eq!(problem["errors"][0]["field"], field, "{query}");
        }
        let res = app.get(&format!("/api/v1/trace/gadget/{}", lab.cycler)).await;
        assert_eq!(res.status(), 422);
        let res = app.get(&format!("/api/v1/trace/sample/{}", lab.cycler)).await;
        assert_eq!(res.status(), 404, "an instrument's id is no sample");
    }
}

both_engines! {
    /// Lineage cannot loop: what an entry made cannot go back into it or upstream of it,
    /// and nothing is written when refused.
    async fn lineage_cycles_are_refused(app) {
        let lab = build(&app).await;
        let before = app.count("entry_usages").await;
        for (entry, body, why) in [
            (&lab.e1, json!({"sample_id": lab.s3, "role": "input"}), "the plate was made downstream of the extraction"),
            (&lab.e3, json!({"sample_id": lab.tissue, "role": "output"}), "the tissue went into the qPCR's inputs long ago"),
            (&lab.e2, json!({"sample_id": lab.s2, "role": "input"}), "RT-PCR made the cDNA"),
        ] {
            let res = app.post_json(&format!("/api/v1/entries/{entry}/usages"), &body).await;
            assert_eq!(res.status(), 422, "{why}");
            let problem: Value = res.json().await.unwrap();
            assert_eq!((problem["errors"][0]["field"].as_str(), problem["errors"][0]["code"].as_str()), (Some("sample_id"), Some("cycle")), "{why}");
        }
        assert_eq!(app.count("entry_usages").await, before);
        // A sample beside the chain is fine.
        let res = app.post_json(&format!("/api/v1/entries/{}/usages", lab.e3), &json!({"sample_id": lab.s2a, "role": "input"})).await;
        assert_eq!(res.status(), 201);
    }
}

both_engines! {
    /// Recall: marking the agarose lot flags exactly the entries downstream of it (the
    /// other team's too, only counted), once, with the reason shown on the entry and in the
    /// list; an instrument's window flags what used it then; audited.
    async fn recall_flags_exactly_the_affected_entries(app) {
        let lab = build(&app).await;
        let audit = app.count("audit_log").await;
        let res = app.post_json(&format!("/api/v1/trace/lot/{}/flag", lab.agarose), &json!({"reason": "Supplier recall 2026-04: contaminated"})).await;
        assert_eq!(res.status(), 200);
        let outcome: Value = res.json().await.unwrap();
        assert_eq!(outcome["flagged"], 4, "{outcome}");
        assert_eq!(outcome["restricted"], 1);
        assert_eq!(set(outcome["entries"].as_array().unwrap().iter().map(|v| v.as_str().unwrap().to_owned())), set([lab.e2.clone(), lab.e3.clone(), lab.e5.clone()]));
        assert_eq!(app.count("audit_log").await, audit + 1);
        assert_eq!(app.count("entry_flags").await, 4);

        let e3: Value = app.get(&format!("/api/v1/entries/{}", lab.e3)).await.json().await.unwrap();
        assert_eq!(e3["flags"][0]["reason"], "Supplier recall 2026-04: contaminated");
        assert_eq!(e3["flags"][0]["source_kind"], "lot");
        let e1: Value = app.get(&format!("/api/v1/entries/{}", lab.e1)).await.json().await.unwrap();
        assert_eq!(e1["flags"], json!([]), "the extraction never touched the agarose");
        let theirs: Value = app.with_token(&lab.eve_token).get(&format!("/api/v1/entries/{}", lab.e4)).await.json().await.unwrap();
        assert_eq!(theirs["flags"][0]["reason"], "Supplier recall 2026-04: contaminated");
        assert_eq!(theirs["flags"][0]["source_label_code"], Value::Null, "they may not see our lot");
        let flagged: Value = app.get("/api/v1/entries?flagged=true").await.json().await.unwrap();
        let listed = set(flagged["items"].as_array().unwrap().iter().map(|i| i["id"].as_str().unwrap().to_owned()));
        assert_eq!(listed, set([lab.e2.clone(), lab.e3.clone(), lab.e5.clone()]));
        assert!(flagged["items"].as_array().unwrap().iter().all(|i| i["flagged"] == true));
        let backward = trace(&app, &app.token, &format!("entry/{}", lab.e3)).await;
        let e3_node = backward["nodes"].as_array().unwrap().iter().find(|n| n["key"] == k("entry", &lab.e3).as_str()).unwrap().clone();
        assert!(e3_node["warnings"][0].as_str().unwrap().starts_with("flagged:"));
        // The lot's history shows the recall: its reason and how many entries, not which
        // (one is the other team's).
        let history: Value = app.get(&format!("/api/v1/history/lot/{}", lab.agarose)).await.json().await.unwrap();
        let recall = history.as_array().unwrap().iter().find(|h| h["action"] == "trace.flag").expect("the recall is in the lot's history").clone();
        let changed: BTreeMap<String, Value> = recall["changes"].as_array().unwrap().iter().map(|c| (c["field"].as_str().unwrap().to_owned(), c["after"].clone())).collect();
        assert_eq!(changed["reason"], "Supplier recall 2026-04: contaminated");
        assert_eq!(changed["flagged_entries"], 4);
        assert!(!history.to_string().contains(&lab.e4), "no entry ids in the lot's history: {history}");

        // Again: nothing new.
        let again: Value = app.post_json(&format!("/api/v1/trace/lot/{}/flag", lab.agarose), &json!({"reason": "Supplier recall 2026-04: contaminated"})).await.json().await.unwrap();
        assert_eq!(again["flagged"], 0);
        // The cycler's lapsed window: RT-PCR and what came of it, not the extraction.
        let window: Value = app.post_json(&format!("/api/v1/trace/instrument/{}/flag", lab.cycler), &json!({"reason": "Calibration lapsed", "from": "2026-03-02", "to": "2026-03-06"})).await.json().await.unwrap();
        assert_eq!(window["flagged"], 3, "RT-PCR, qPCR and their assay: {window}");

        // Refusals: no reason, not recallable, someone who may only read.
        for (path, body, status, field) in [
            (format!("lot/{}/flag", lab.taq), json!({"reason": " "}), 422, "reason"),
            (format!("entry/{}/flag", lab.e1), json!({"reason": "x"}), 422, "kind"),
            (format!("instrument/{}/flag", lab.cycler), json!({"reason": "x", "from": "soon"}), 422, "from"),
        ] {
            let res = app.post_json(&format!("/api/v1/trace/{path}"), &body).await;
            assert_eq!(res.status(), status, "{path}");
            let problem: Value = res.json().await.unwrap();
            assert_eq!(problem["errors"][0]["field"], field);
        }
        let res = app.with_token(&lab.eve_token).post(&format!("/api/v1/trace/sample/{}/flag", lab.s2), &json!({"reason": "x"})).await;
        assert_eq!(res.status(), 403, "reading a shared sample does not allow recalling it");
    }
}

both_engines! {
    /// Exports: CSV with one row per node and the path that reaches it, W3C PROV JSON-LD
    /// with entries as activities that used lots and generated samples.
    async fn traces_export_as_csv_and_prov(app) {
        let lab = build(&app).await;
        let res = app.get(&format!("/api/v1/trace/sample/{}?format=csv", lab.s2)).await;
        assert_eq!(res.status(), 200);
        assert!(res.headers()["content-type"].to_str().unwrap().starts_with("text/csv"));
        let text = res.text().await.unwrap();
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        let headers = reader.headers().unwrap().clone();
        assert_eq!(&headers[0], "kind");
        let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
        let json_trace = trace(&app, &app.token, &format!("sample/{}", lab.s2)).await;
        assert_eq!(rows.len(), json_trace["nodes"].as_array().unwrap().len());
        let tissue = rows.iter().find(|r| &r[1] == lab.tissue.as_str()).unwrap();
        let path = &tissue[9];
        // The shortest way: the cDNA, the RNA it came from, the tissue that came from.
        let steps: Vec<&str> = path.split(" > ").collect();
        assert_eq!(steps.len(), 3, "{path}");
        assert!(steps[0].ends_with("cDNA") && steps[1].ends_with("Liver RNA") && steps[2].ends_with("Liver tissue"), "{path}");

        let res = app.get(&format!("/api/v1/trace/sample/{}?format=prov", lab.s2)).await;
        assert_eq!(res.status(), 200);
        assert_eq!(res.headers()["content-type"], "application/ld+json");
        let prov: Value = res.json().await.unwrap();
        assert_eq!(prov["@context"]["prov"], "http://www.w3.org/ns/prov#");
        let graph = prov["@graph"].as_array().unwrap();
        let find = |id: &str| graph.iter().find(|o| o["@id"] == format!("urn:uuid:{id}").as_str()).unwrap().clone();
        let rt = find(&lab.e2);
        assert!(rt["@type"].as_array().unwrap().contains(&json!("prov:Activity")));
        let used: BTreeSet<String> = rt["prov:used"].as_array().unwrap().iter().map(|u| u["@id"].as_str().unwrap().to_owned()).collect();
        assert!(used.contains(&format!("urn:uuid:{}", lab.taq)) && used.contains(&format!("urn:uuid:{}", lab.s1)) && used.contains(&format!("urn:uuid:{}", lab.cycler)));
        assert_eq!(find(&lab.s2)["prov:wasGeneratedBy"][0]["@id"], format!("urn:uuid:{}", lab.e2));
        assert!(find(&lab.s1)["prov:wasDerivedFrom"].as_array().unwrap().contains(&json!({"@id": format!("urn:uuid:{}", lab.tissue)})));
        assert!(find(&lab.ben)["@type"].as_array().unwrap().contains(&json!("prov:Agent")));
    }
}

both_engines! {
    /// Two uses of one lot by an entry are two edges with their quantities; a protocol
    /// version followed is upstream of the entry, and a team the protocol is shared with
    /// traces it forward; a period is refused where it means nothing; a person is traced
    /// by colleagues only; hidden nodes come after the visible ones and say nothing of
    /// when they were made.
    async fn repeated_uses_protocols_and_what_outsiders_get(app) {
        let lab = build(&app).await;
        let me = app.token.clone();
        use_(&app, &me, &lab.e1, json!({"lot_id": lab.taq, "quantity": 3, "unit": "µL"})).await;
        let t = trace(&app, &me, &format!("entry/{}", lab.e1)).await;
        let mut taken: Vec<f64> = t["edges"].as_array().unwrap().iter()
            .filter(|x| x["relation"] == "consumed")
            .map(|x| x["quantity"].as_f64().unwrap())
            .collect();
        taken.sort_by(f64::total_cmp);
        assert_eq!(taken, [3.0, 10.0]);

        let protocol = created(app.post_json("/api/v1/protocols", &json!({"name": "Miniprep", "steps": ["Spin"]})).await).await;
        let version = protocol["versions"][0]["id"].as_str().unwrap().to_owned();
        let followed = id(&created(app.post_json("/api/v1/entries", &json!({"title": "Miniprep 1", "protocol_version_id": version})).await).await);
        let t = trace(&app, &me, &format!("entry/{followed}")).await;
        assert!(edges(&t).contains(&e(k("protocol_version", &version), "followed_protocol", k("entry", &followed))), "{t}");
        let res = app.with_token(&lab.eve_token).get(&format!("/api/v1/trace/protocol_version/{version}?direction=forward")).await;
        assert_eq!(res.status(), 404, "not shared yet");
        let eve = service::accounts::people::find_by_email(&app.db.conn, "eve@other.test").await.unwrap().unwrap();
        app.share("protocol", &id(&protocol), eve.memberships[0].team_id, "read").await;
        let theirs = trace(&app, &lab.eve_token, &format!("protocol_version/{version}?direction=forward")).await;
        let start = theirs["nodes"].as_array().unwrap().iter().find(|n| n["key"] == k("protocol_version", &version).as_str()).unwrap().clone();
        assert_eq!(start["name"], "Miniprep (version 1)");
        assert_eq!(theirs["restricted"], 1, "our entry that followed it");

        for (path, field) in [
            (format!("lot/{}?direction=forward&from=2026-01-01", lab.taq), "from"),
            (format!("instrument/{}?direction=backward&to=2026-01-01", lab.cycler), "to"),
        ] {
            let res = app.get(&format!("/api/v1/trace/{path}")).await;
            assert_eq!(res.status(), 422, "{path}");
            let problem: Value = res.json().await.unwrap();
            assert_eq!(problem["errors"][0]["field"], field);
        }
        let res = app.post_json(&format!("/api/v1/trace/lot/{}/flag", lab.taq), &json!({"reason": "x", "from": "2026-01-01"})).await;
        assert_eq!(res.status(), 422);

        let res = app.with_token(&lab.eve_token).get(&format!("/api/v1/trace/person/{}?direction=forward", lab.ben)).await;
        assert_eq!(res.status(), 404, "an outsider does not trace our people");

        let forward = trace(&app, &me, &format!("lot/{}?direction=forward", lab.taq)).await;
        let nodes = forward["nodes"].as_array().unwrap();
        for pair in nodes.windows(2) {
            let (a, b) = (&pair[0], &pair[1]);
            if a["depth"] == b["depth"] {
                assert!(!(a["restricted"] == true && b["restricted"] == false), "hidden nodes come last at their depth: {forward}");
            }
        }
    }
}
