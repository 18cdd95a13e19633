//! Characters no text field takes: control characters (PostgreSQL cannot even store a
//! NUL, SQLite would), and in names and file names the invisible ones that make text
//! read otherwise than it is (direction overrides, zero-width characters).

use paillasse_tests::{both_engines, day, TestApp, PASSWORD};
use serde_json::{json, Value};

/// Control characters other than tab, line feed and carriage return (C0, DEL, C1).
const CONTROLS: [&str; 5] = ["\u{0}", "\u{1}", "\u{1b}", "\u{7f}", "\u{85}"];
/// Invisible characters refused in names and file names on top of those.
const INVISIBLE: [&str; 7] = [
    "\u{202e}", "\u{202a}", "\u{2066}", "\u{2069}", "\u{200b}", "\u{200d}", "\u{feff}",
];

/// Every table a refused request might have written to.
const TABLES: [&str; 16] = [
    "audit_log",
    "locations",
    "label_codes",
    "products",
    "lots",
    "movements",
    "instruments",
    "instrument_records",
    "samples",
    "notebooks",
    "entries",
    "entry_revisions",
    "entry_comments",
    "entry_flags",
    "protocols",
    "login_failures",
];

async fn counts(app: &TestApp) -> Vec<i64> {
    let mut out = Vec::new();
    for table in TABLES {
        out.push(app.count(table).await);
    }
    out
}

/// What a test needs ids of, made once.
struct Things {
    location: String,
    lot: String,
    instrument: String,
    entry: String,
    protocol: String,
    product: String,
}

async fn things(app: &TestApp) -> Things {
    let id = |v: &Value| v["id"].as_str().unwrap().to_owned();
    let location = id(&app.create_location("Room", None).await);
    let lot = app
        .create_lot("Ethanol", "chemical", json!({"quantity": 1, "unit": "L"}))
        .await;
    let product = lot["product_id"].as_str().unwrap().to_owned();
    let created = |path: &'static str, body: Value| async move {
        let res = app.post_json(path, &body).await;
        assert_eq!(res.status(), 201, "{path}");
        id(&res.json::<Value>().await.unwrap())
    };
    let instrument = created("/api/v1/instruments", json!({"name": "Centrifuge"})).await;
    let entry = created("/api/v1/entries", json!({"title": "Day 1", "body": "PCR"})).await;
    let protocol = created(
        "/api/v1/protocols",
        json!({"name": "Miniprep", "steps": ["Lyse"]}),
    )
    .await;
    Things {
        location,
        lot: id(&lot),
        instrument,
        entry,
        protocol,
        product,
    }
}

/// (method, path, body with `{}` where the text goes, the field a refusal must name)
fn json_cases(t: &Things) -> Vec<(&'static str, String, String, &'static str)> {
    let p = |s: &str| s.to_owned();
    vec![
        (
            "POST",
            p("/api/v1/locations"),
            p(r#"{"name": "A{}B"}"#),
            "name",
        ),
        (
            "PATCH",
            format!("/api/v1/locations/{}", t.location),
            p(r#"{"name": "A{}B"}"#),
            "name",
        ),
        (
            "POST",
            p("/api/v1/products"),
            p(r#"{"name": "Tris", "kind": "chemical", "supplier": "A{}B"}"#),
            "supplier",
        ),
        (
            "POST",
            p("/api/v1/instruments"),
            p(r#"{"name": "A{}B"}"#),
            "name",
        ),
        (
            "POST",
            p("/api/v1/samples"),
            p(r#"{"name": "A{}B", "quantity": 1, "unit": "mL"}"#),
            "name",
        ),
        (
            "POST",
            p("/api/v1/notebooks"),
            p(r#"{"name": "A{}B"}"#),
            "name",
        ),
        (
            "POST",
            p("/api/v1/entries"),
            p(r#"{"title": "Day 2", "body": "line one\nA{}B"}"#),
            "body",
        ),
        (
            "PATCH",
            format!("/api/v1/entries/{}", t.entry),
            p(r#"{"body": "A{}B"}"#),
            "body",
        ),
        (
            "PATCH",
            format!("/api/v1/entries/{}", t.entry),
            p(r#"{"tags": ["ok", "A{}B"]}"#),
            "tags[1]",
        ),
        (
            "POST",
            format!("/api/v1/entries/{}/comments", t.entry),
            p(r#"{"body": "A{}B"}"#),
            "body",
        ),
        (
            "POST",
            p("/api/v1/protocols"),
            p(r#"{"name": "Maxiprep", "steps": ["Lyse", "A{}B"]}"#),
            "steps[1]",
        ),
        (
            "POST",
            p("/api/v1/protocols"),
            p(r#"{"name": "Maxiprep", "steps": ["Lyse"], "body": "A{}B"}"#),
            "body",
        ),
        (
            "POST",
            format!("/api/v1/protocols/{}/versions", t.protocol),
            p(r#"{"steps": ["A{}B"], "body": ""}"#),
            "steps[0]",
        ),
        (
            "POST",
            format!("/api/v1/instruments/{}/records", t.instrument),
            format!(
                r#"{{"kind": "maintenance", "performed_on": "{}", "notes": "A{{}}B"}}"#,
                day(-3)
            ),
            "notes",
        ),
        (
            "POST",
            format!("/api/v1/lots/{}/movements", t.lot),
            p(r#"{"kind": "consume", "quantity": 1, "unit": "mL", "reason": "A{}B"}"#),
            "reason",
        ),
        (
            "POST",
            format!("/api/v1/trace/lot/{}/flag", t.lot),
            p(r#"{"reason": "A{}B"}"#),
            "reason",
        ),
        (
            "POST",
            p("/api/v1/auth/login"),
            p(r#"{"email": "ada@lab.test", "password": "A{}B"}"#),
            "password",
        ),
        (
            "POST",
            p("/api/v1/auth/login"),
            p(r#"{"email": "ada{}@lab.test", "password": "x"}"#),
            "email",
        ),
    ]
}

/// (path with `{}` where the text goes, the parameter a refusal must name)
const QUERY_CASES: [(&str, &str); 10] = [
    ("/api/v1/search?q=a{}b", "q"),
    ("/api/v1/products?q=a{}b", "q"),
    ("/api/v1/lots?q=a{}b", "q"),
    ("/api/v1/instruments?q=a{}b", "q"),
    ("/api/v1/samples?q=a{}b", "q"),
    ("/api/v1/locations?q=a{}b", "q"),
    ("/api/v1/entries?q=a{}b", "q"),
    ("/api/v1/entries?tag=a{}b", "tag"),
    ("/api/v1/export/products?q=a{}b", "q"),
    ("/api/v1/export/lots?q=a{}b", "q"),
];

fn encode(text: &str) -> String {
    text.bytes().map(|b| format!("%{b:02X}")).collect()
}

async fn send(app: &TestApp, method: &str, path: &str, body: &str) -> reqwest::Response {
    app.client
        .request(method.parse().unwrap(), app.url(path))
        .bearer_auth(&app.token)
        .header("content-type", "application/json")
        .body(body.to_owned())
        .send()
        .await
        .unwrap()
}

/// A 422 problem naming `field`, whatever else happened (never a 500).
async fn assert_refused(res: reqwest::Response, field: &str, case: &str) {
    let status = res.status().as_u16();
    let content_type = res
        .headers()
        .get("content-type")
        .map(|v| v.to_str().unwrap().to_owned());
    let text = res.text().await.unwrap();
    assert_eq!(status, 422, "{case}: {text}");
    assert_eq!(
        content_type.as_deref(),
        Some("application/problem+json"),
        "{case}"
    );
    let problem: Value = serde_json::from_str(&text).unwrap();
    let fields: Vec<&str> = problem["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    assert!(
        fields.contains(&field),
        "{case}: expected {field} in {problem}"
    );
}

both_engines! {
    /// Control characters are refused in every text field and search, the same way on
    /// both engines: 422 naming the field, nothing written.
    async fn control_characters_are_refused_everywhere(app) {
        let t = things(&app).await;
        let before = counts(&app).await;
        for control in CONTROLS {
            for (method, path, body, field) in json_cases(&t) {
                let escaped = serde_json::to_string(control).unwrap();
                let body = body.replace("{}", escaped.trim_matches('"'));
                let case = format!("{method} {path} {body:?}");
                assert_refused(send(&app, method, &path, &body).await, field, &case).await;
            }
            for (path, field) in QUERY_CASES {
                let path = path.replace("{}", &encode(control));
                assert_refused(app.get(&path).await, field, &path).await;
            }
        }
        assert_eq!(counts(&app).await, before, "nothing written");
        // Tab, line feed and carriage return are text.
        let res = app.post_json("/api/v1/entries", &json!({"title": "Day 3", "body": "a\tb\r\nc"})).await;
        assert_eq!(res.status(), 201);
    }
}

both_engines! {
    /// Names and file names refuse direction overrides and zero-width characters, which
    /// make a name read otherwise than it is ("exe.pdf" shown for "fdp.exe").
    async fn invisible_characters_are_refused_in_names_and_file_names(app) {
        let t = things(&app).await;
        let before = counts(&app).await;
        let attachments = app.count("attachments").await;
        for invisible in INVISIBLE {
            let escaped = serde_json::to_string(invisible).unwrap();
            let escaped = escaped.trim_matches('"');
            let cases = [
                ("POST", "/api/v1/locations".to_owned(), r#"{"name": "A{}B"}"#, "name"),
                ("PATCH", format!("/api/v1/locations/{}", t.location), r#"{"name": "A{}B"}"#, "name"),
                ("POST", "/api/v1/products".to_owned(), r#"{"name": "A{}B", "kind": "chemical"}"#, "name"),
                ("POST", "/api/v1/instruments".to_owned(), r#"{"name": "A{}B"}"#, "name"),
                ("POST", "/api/v1/samples".to_owned(), r#"{"name": "A{}B", "quantity": 1, "unit": "mL"}"#, "name"),
                ("POST", "/api/v1/notebooks".to_owned(), r#"{"name": "A{}B"}"#, "name"),
                ("POST", "/api/v1/protocols".to_owned(), r#"{"name": "A{}B", "steps": ["Lyse"]}"#, "name"),
            ];
            for (method, path, body, field) in cases {
                let body = body.replace("{}", escaped);
                assert_refused(send(&app, method, &path, &body).await, field, &format!("{method} {path} {body}")).await;
            }
            let path = format!("/api/v1/products/{}/sds?filename=invoice{}fdp.exe", t.product, encode(invisible));
            let res = app.put_file(&path, "application/pdf", b"%PDF-1.4\n%%EOF\n".to_vec()).await;
            assert_refused(res, "filename", &path).await;
        }
        assert_eq!(counts(&app).await, before, "nothing written");
        assert_eq!(app.count("attachments").await, attachments);
        // Right-to-left text itself is welcome.
        assert_eq!(app.create_location("مختبر", None).await["name"], "مختبر");
    }
}

both_engines! {
    /// The pages' server functions (form posts to /api/ui) and their sign-in refuse the
    /// same, with the status the API gives, and store nothing.
    async fn server_functions_refuse_control_characters(app) {
        let before = counts(&app).await;
        let form = |endpoint: &str, fields: Vec<(&'static str, String)>| {
            app.client.post(app.url(&format!("/api/ui/{endpoint}")))
                .bearer_auth(&app.token)
                .header("accept", "application/json")
                .form(&fields)
                .send()
        };
        for control in CONTROLS {
            let res = form("create_location", vec![("name", format!("A{control}B")), ("parent_id", String::new()), ("csrf_token", String::new())]).await.unwrap();
            let status = res.status().as_u16();
            let body: Value = res.json().await.unwrap();
            assert_eq!(status, 422, "{body}");
            assert_eq!(body["Domain"]["Validation"][0]["field"], "name", "{body}");

            let res = app.client.post(app.url("/api/ui/login"))
                .header("accept", "application/json")
                .form(&[("email", format!("ada{control}@lab.test")), ("password", PASSWORD.to_owned()), ("next", "/".to_owned())])
                .send().await.unwrap();
            let status = res.status().as_u16();
            let body: Value = res.json().await.unwrap();
            assert_eq!(status, 422, "{body}");
            assert_eq!(body["Domain"]["Validation"][0]["field"], "email", "{body}");
        }
        assert_eq!(counts(&app).await, before, "nothing written");
    }
}
