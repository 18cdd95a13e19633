//! Trace: what went into a sample, and recalling a lot from its forward trace.

use fantoccini::Locator;
use paillasse_tests::{day, wait_until, Browser, Engine, TestApp, DEFAULT_EMAIL, PASSWORD};
use serde_json::json;

/// Data made through the API for the Trace pages: a sample made by an entry from a tissue,
/// a lot of buffer and a cycler whose calibration had lapsed.
pub(crate) struct TracedLab {
    pub(crate) lot: serde_json::Value,
    pub(crate) tissue: String,
    pub(crate) cycler: String,
    pub(crate) entry: String,
    pub(crate) made: String,
}

pub(crate) async fn traced_lab(app: &TestApp) -> TracedLab {
    let id = |v: &serde_json::Value| v["id"].as_str().unwrap().to_owned();
    let lot = app
        .create_lot(
            "Lysis buffer",
            "chemical",
            json!({"quantity": 50, "unit": "mL", "supplier_lot": "LB-2026"}),
        )
        .await;
    let cycler: serde_json::Value = app
        .post_json("/api/v1/instruments", &json!({"name": "Thermocycler"}))
        .await
        .json()
        .await
        .unwrap();
    app.post_json(
        &format!("/api/v1/instruments/{}/records", id(&cycler)),
        // Calibrated for a month that ended before the use: lapsed when it was used.
        &json!({"kind": "calibration", "performed_on": day(-90), "valid_until": day(-60)}),
    )
    .await;
    let tissue: serde_json::Value = app
        .post_json(
            "/api/v1/samples",
            &json!({"name": "Liver tissue", "quantity": 1, "unit": "g"}),
        )
        .await
        .json()
        .await
        .unwrap();
    let entry: serde_json::Value = app
        .post_json(
            "/api/v1/entries",
            &json!({"title": "RNA extraction", "entry_date": day(-30)}),
        )
        .await
        .json()
        .await
        .unwrap();
    let usages = format!("/api/v1/entries/{}/usages", id(&entry));
    for body in [
        json!({"sample_id": id(&tissue), "role": "input"}),
        json!({"lot_id": id(&lot), "quantity": 2, "unit": "mL"}),
        json!({"instrument_id": id(&cycler), "started_at": format!("{}T09:00:00Z", day(-30)), "ended_at": format!("{}T10:00:00Z", day(-30))}),
    ] {
        assert_eq!(app.post_json(&usages, &body).await.status(), 201, "{body}");
    }
    let made: serde_json::Value = app
        .post_json(
            &usages,
            &json!({"role": "output", "name": "Liver RNA", "quantity": 40, "unit": "µL", "relation": "extract"}),
        )
        .await
        .json()
        .await
        .unwrap();
    TracedLab {
        lot,
        tissue: id(&tissue),
        cycler: id(&cycler),
        entry: id(&entry),
        made: made["thing_id"].as_str().unwrap().to_owned(),
    }
}

/// The keys (`kind:id`) of the nodes drawn.
async fn drawn_nodes(browser: &Browser) -> std::collections::BTreeSet<String> {
    let mut keys = std::collections::BTreeSet::new();
    for node in browser
        .client
        .find_all(Locator::Css("[data-testid='trace-node']"))
        .await
        .unwrap()
    {
        if let Ok(Some(key)) = node.attr("data-key").await {
            keys.insert(key);
        }
    }
    keys
}

/// From a sample's page, Trace draws everything that went into it — the entry that made
/// it, the tissue, the lot, the cycler (its lapsed calibration outlined) and the author —
/// and lists the same in a table; from the lot, "mark affected" flags the entry, which
/// then shows the flag.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn tracing_a_sample_and_recalling_its_lot() {
    let app = TestApp::spawn(Engine::Sqlite).await.unwrap();
    let lab = traced_lab(&app).await;
    let me: serde_json::Value = app.get("/api/v1/auth/me").await.json().await.unwrap();
    let lot_id = lab.lot["id"].as_str().unwrap().to_owned();
    let browser = Browser::start().await;
    browser
        .sign_in(
            &app.address,
            DEFAULT_EMAIL,
            PASSWORD,
            &format!("/samples/{}", lab.made),
        )
        .await;
    browser.wait_for_hydration().await;
    browser.click("[data-testid='trace-link']").await;
    let expected: std::collections::BTreeSet<String> = [
        format!("sample:{}", lab.made),
        format!("entry:{}", lab.entry),
        format!("sample:{}", lab.tissue),
        format!("lot:{lot_id}"),
        format!("instrument:{}", lab.cycler),
        format!("person:{}", me["id"].as_str().unwrap()),
    ]
    .into_iter()
    .collect();
    wait_until("the graph shows what went into the RNA", || async {
        drawn_nodes(&browser).await == expected
    })
    .await;
    let cycler = browser
        .client
        .find(Locator::Css(&format!(
            "[data-testid='trace-node'][data-key='instrument:{}']",
            lab.cycler
        )))
        .await
        .unwrap();
    assert!(cycler
        .attr("class")
        .await
        .unwrap()
        .unwrap_or_default()
        .contains("warning"));
    let rows = browser
        .client
        .find_all(Locator::Css("[data-testid='trace-row']"))
        .await
        .unwrap()
        .len();
    assert_eq!(rows, expected.len());
    assert!(browser
        .text_of("[data-testid='trace-table']")
        .await
        .contains("LB-2026"));
    browser.screenshot("trace-graph").await;

    // Forward from the lot: recall it.
    browser
        .click(&format!(
            "[data-testid='trace-table'] a[href='/lots/{lot_id}']"
        ))
        .await;
    // The address changes first, then the lot's page arrives: wait for its Trace button.
    let lot_trace = format!("[data-testid='trace-link'][href='/trace/lot/{lot_id}']");
    wait_until("on the lot's page", || async {
        browser.client.find(Locator::Css(&lot_trace)).await.is_ok()
    })
    .await;
    browser.wait_for_hydration().await;
    browser.click(&lot_trace).await;
    wait_until("the lot's forward trace reaches the entry", || async {
        drawn_nodes(&browser)
            .await
            .contains(&format!("entry:{}", lab.entry))
    })
    .await;
    browser.wait_for_hydration().await;
    browser
        .type_into("recall-reason", "Supplier recall: endotoxin")
        .await;
    browser
        .click("[data-testid='recall-form'] button[type='submit']")
        .await;
    wait_until("the recall says what it flagged", || async {
        browser
            .text_of("[data-testid='recall-done']")
            .await
            .contains("One entry flagged")
    })
    .await;
    wait_until("the flagged entry is outlined in the graph", || async {
        match browser
            .client
            .find(Locator::Css(&format!(
                "[data-testid='trace-node'][data-key='entry:{}']",
                lab.entry
            )))
            .await
        {
            Ok(node) => node
                .attr("class")
                .await
                .ok()
                .flatten()
                .unwrap_or_default()
                .contains("warning"),
            Err(_) => false,
        }
    })
    .await;
    browser.screenshot("trace-recall").await;
    browser
        .client
        .goto(&app.url(&format!("/entries/{}", lab.entry)))
        .await
        .unwrap();
    assert!(browser
        .text_of("[data-testid='entry-flags']")
        .await
        .contains("Supplier recall: endotoxin"));
    browser
        .client
        .goto(&app.url("/notebook?flagged=true"))
        .await
        .unwrap();
    assert!(browser
        .text_of("[data-testid='entry-row']")
        .await
        .contains("RNA extraction"));
    browser.close().await;
}

/// A person's trace is reached from the team page and from a trace that names them: the
/// entries they wrote and what those touched. Every node of a trace opens something.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_persons_trace_from_the_team_page_and_from_a_trace() {
    let app = TestApp::spawn(Engine::Sqlite).await.unwrap();
    let lab = traced_lab(&app).await;
    let browser = Browser::start().await;
    browser
        .sign_in(&app.address, DEFAULT_EMAIL, PASSWORD, "/teams")
        .await;
    browser.switch_to_french().await;
    browser.click("[data-testid='member-trace']").await;
    wait_until("on ada's trace", || async {
        browser
            .client
            .current_url()
            .await
            .unwrap()
            .path()
            .starts_with("/trace/person/")
    })
    .await;
    browser.wait_for_hydration().await;
    wait_until("the entry she wrote is traced", || async {
        browser
            .text_of("[data-testid='trace-table']")
            .await
            .contains("RNA extraction")
    })
    .await;

    browser
        .client
        .goto(&app.url(&format!("/trace/sample/{}", lab.made)))
        .await
        .unwrap();
    browser.wait_for_hydration().await;
    let unlinked = browser
        .client
        .execute(
            "return [...document.querySelectorAll('[data-testid=trace-node]')].filter(n => !n.closest('a')).map(n => n.dataset.key);",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(unlinked, json!([]), "every node opens something");
    assert!(browser
        .client
        .find(Locator::Css(
            "[data-testid='trace-graph'] a[href^='/trace/person/']"
        ))
        .await
        .is_ok());
    browser.close().await;
}

/// A quality manager reads a trace in French on a tablet: the lapsed calibration of the
/// cycler, the recall flag on the entry and the lot's details are in French, and so is
/// the drawing's tooltip; nothing of the server's English sentences shows.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_trace_reads_in_french() {
    let app = TestApp::spawn(Engine::Sqlite).await.unwrap();
    let lab = traced_lab(&app).await;
    let lot_id = lab.lot["id"].as_str().unwrap().to_owned();
    let res = app
        .post_json(
            &format!("/api/v1/trace/lot/{lot_id}/flag"),
            &json!({"reason": "Rappel fournisseur : endotoxines"}),
        )
        .await;
    assert_eq!(res.status(), 200);
    let browser = Browser::start().await;
    browser.client.set_window_size(1024, 768).await.unwrap();
    browser
        .sign_in(
            &app.address,
            DEFAULT_EMAIL,
            PASSWORD,
            &format!("/trace/sample/{}", lab.made),
        )
        .await;
    browser.switch_to_french().await;
    // Each row as (kind, details, what to notice), read in one go.
    let rows = || async {
        let rows = browser
            .client
            .execute(
                "return [...document.querySelectorAll(\"[data-testid='trace-row']\")].map(r => [...r.cells].map(c => c.textContent.trim())).map(c => [c[0], c[4], c[5]]);",
                vec![],
            )
            .await
            .unwrap();
        serde_json::from_value::<Vec<(String, String, String)>>(rows).unwrap()
    };
    wait_until("the trace in French", || async {
        rows().await.iter().any(|(kind, _, _)| kind == "Instrument")
    })
    .await;
    let rows = rows().await;
    let row = |kind: &str| rows.iter().find(|r| r.0 == kind).unwrap().clone();
    assert!(
        row("Instrument")
            .2
            .starts_with("L’étalonnage avait expiré le "),
        "{rows:?}"
    );
    assert_eq!(
        row("Entrée").2,
        "signalé : Rappel fournisseur : endotoxines"
    );
    assert!(row("Lot").1.contains("lot LB-2026"), "{rows:?}");
    let tooltip = browser
        .client
        .execute(
            &format!(
                "return document.querySelector(\"[data-testid='trace-node'][data-key='instrument:{}'] title\").textContent;",
                lab.cycler
            ),
            vec![],
        )
        .await
        .unwrap();
    let tooltip = tooltip.as_str().unwrap_or_default().to_owned();
    assert!(
        tooltip.contains("L’étalonnage avait expiré le "),
        "{tooltip}"
    );
    // The arrows' tooltips too: the instrument's use and the extraction, in French.
    let edges = browser
        .client
        .execute(
            "return [...document.querySelectorAll('path.edge title')].map(t => t.textContent).join(' | ');",
            vec![],
        )
        .await
        .unwrap();
    let edges = edges.as_str().unwrap_or_default().to_owned();
    assert!(
        edges.contains("instrument utilisé — L’étalonnage avait expiré le "),
        "{edges}"
    );
    for english in ["used_instrument", "consumed", "calibration", "lapsed"] {
        assert!(!edges.contains(english), "{english} in {edges}");
    }
    let page = browser.text_of("main").await;
    for english in ["calibration had lapsed", "flagged:", "exp. "] {
        assert!(!page.contains(english), "{english} in {page}");
    }
    browser.close().await;
}
