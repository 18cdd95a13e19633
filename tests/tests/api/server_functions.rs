//! The pages' server functions (`/api/ui/*`) refuse with the status the REST API gives
//! for the same refusal, keeping the body their client reads (the serialized error).

use paillasse_tests::{both_engines, TestApp, PASSWORD};
use serde_json::{json, Value};

/// Posts a form to a server function as the browser app does (it asks for JSON).
async fn call(
    app: &TestApp,
    token: &str,
    endpoint: &str,
    fields: &[(&str, &str)],
) -> reqwest::Response {
    let mut req = app
        .client
        .post(app.url(&format!("/api/ui/{endpoint}")))
        .header("accept", "application/json")
        .form(fields);
    if !token.is_empty() {
        req = req.bearer_auth(token);
    }
    req.send().await.unwrap()
}

/// The status, and the error as the browser app reads it back.
async fn refusal(res: reqwest::Response) -> (u16, Value) {
    let status = res.status().as_u16();
    let text = res.text().await.unwrap();
    (
        status,
        serde_json::from_str(&text).unwrap_or_else(|_| panic!("{status}: {text}")),
    )
}

both_engines! {
    /// Invalid input 422, a missing thing 404, a viewer 403, nobody 401, too much taken
    /// 409: never a 500, nothing written.
    async fn refusals_from_a_page_have_the_api_status(app) {
        let (_, viewer) = app.person("viewer@lab.test", "viewer", Some(paillasse_tests::DEFAULT_TEAM)).await;
        let lot = app.create_lot("Ethanol", "chemical", json!({"quantity": 1, "unit": "L"})).await;
        let before = (app.count("locations").await, app.count("movements").await, app.count("audit_log").await);

        let (status, error) = refusal(call(&app, &app.token, "create_location", &[("name", " "), ("parent_id", ""), ("csrf_token", "")]).await).await;
        assert_eq!(status, 422, "{error}");
        assert_eq!(error["Domain"]["Validation"][0]["field"], "name");

        let missing = uuid::Uuid::now_v7().to_string();
        let res = app.client.get(app.url(&format!("/api/ui/location_detail?id={missing}"))).bearer_auth(&app.token)
            .header("accept", "application/json").send().await.unwrap();
        let (status, error) = refusal(res).await;
        assert_eq!(status, 404, "{error}");
        assert!(error["Domain"]["NotFound"].is_object(), "{error}");

        let (status, error) = refusal(call(&app, &viewer, "create_location", &[("name", "Shelf"), ("parent_id", ""), ("csrf_token", "")]).await).await;
        assert_eq!(status, 403, "{error}");
        assert!(error["Domain"]["Forbidden"].is_object(), "{error}");

        let (status, error) = refusal(call(&app, "", "create_location", &[("name", "Shelf"), ("parent_id", ""), ("csrf_token", "")]).await).await;
        assert_eq!(status, 401, "{error}");
        assert!(error["Domain"]["Unauthenticated"].is_object(), "{error}");

        let fields = [("thing", "lot"), ("id", lot["id"].as_str().unwrap()), ("kind", "consume"), ("quantity", "5"), ("unit", "L"), ("reason", ""), ("csrf_token", "")];
        let (status, error) = refusal(call(&app, &app.token, "record_movement", &fields).await).await;
        assert_eq!(status, 409, "{error}");
        assert!(error["Domain"]["Conflict"].is_array(), "{error}");

        let after = (app.count("locations").await, app.count("movements").await, app.count("audit_log").await);
        assert_eq!(after, before, "nothing written");
    }
}

both_engines! {
    /// Sign-in from the page is throttled like the API's: 429 with `Retry-After`.
    async fn a_throttled_sign_in_from_the_page_says_when_to_retry(app) {
        let app = &app;
        let login = |password: &'static str| async move {
            call(app, "", "login", &[("email", paillasse_tests::DEFAULT_EMAIL), ("password", password), ("next", "/")]).await
        };
        for _ in 0..5 {
            let (status, error) = refusal(login("a wrong password").await).await;
            assert_eq!(status, 401, "{error}");
        }
        let res = login(PASSWORD).await;
        let wait: u64 = res.headers().get("retry-after").expect("Retry-After").to_str().unwrap().parse().unwrap();
        assert!((1..=30).contains(&wait), "{wait}");
        let (status, error) = refusal(res).await;
        assert_eq!(status, 429, "{error}");
        assert_eq!(error["Domain"]["Throttled"]["retry_after_secs"], wait);
    }
}

both_engines! {
    /// A quantity left blank on a page is "required", never read as some number (it was
    /// read as 0 and refused as "must be more than zero", as if 0 had been typed).
    async fn a_blank_quantity_on_a_page_is_required(app) {
        let lot = app.create_lot("Ethanol", "chemical", json!({"quantity": 1, "unit": "L"})).await;
        let product = lot["product_id"].as_str().unwrap();
        let sample: Value = app.post_json("/api/v1/samples", &json!({"name": "Plasma", "quantity": 10, "unit": "mL"})).await.json().await.unwrap();
        let before = (app.count("lots").await, app.count("samples").await, app.count("movements").await);
        let forms: [(&str, Vec<(&str, &str)>); 3] = [
            ("receive_lot", vec![("product_id", product), ("quantity", " "), ("unit", "mL"), ("supplier_lot", ""), ("expires_on", "")]),
            ("create_sample", vec![("name", "Serum"), ("sample_type", ""), ("quantity", ""), ("unit", "mL"), ("parent_code", ""), ("relation", ""), ("taken", "")]),
            ("make_aliquots", vec![("sample_id", sample["id"].as_str().unwrap()), ("count", "2"), ("quantity", ""), ("unit", "mL")]),
        ];
        for (endpoint, mut fields) in forms {
            fields.push(("csrf_token", ""));
            let (status, error) = refusal(call(&app, &app.token, endpoint, &fields).await).await;
            assert_eq!(status, 422, "{endpoint}: {error}");
            let first = &error["Domain"]["Validation"][0];
            assert_eq!((first["field"].as_str(), first["code"].as_str()), (Some("quantity"), Some("required")), "{endpoint}: {error}");
        }
        let after = (app.count("lots").await, app.count("samples").await, app.count("movements").await);
        assert_eq!(after, before, "nothing written");
    }
}

both_engines! {
    /// A box with its rows typed and its columns left blank is refused as incomplete,
    /// naming the grid; the blank was read as 0 columns.
    async fn a_box_needs_both_its_rows_and_its_columns(app) {
        let freezer = app.create_location("Freezer", None).await;
        let id = freezer["id"].as_str().unwrap();
        for (rows, cols) in [("8", ""), ("", "12")] {
            let fields = [("location_id", id), ("rows", rows), ("cols", cols), ("csrf_token", "")];
            let (status, error) = refusal(call(&app, &app.token, "set_box_grid", &fields).await).await;
            assert_eq!(status, 422, "{rows}x{cols}: {error}");
            let first = &error["Domain"]["Validation"][0];
            assert_eq!((first["field"].as_str(), first["code"].as_str()), (Some("grid"), Some("required")), "{error}");
        }
        let fields = [("location_id", id), ("rows", "8"), ("cols", "12"), ("csrf_token", "")];
        let res = call(&app, &app.token, "set_box_grid", &fields).await;
        assert_eq!(res.status(), 200);
        let read: Value = app.get(&format!("/api/v1/locations/{id}")).await.json().await.unwrap();
        assert_eq!((read["grid"]["rows"].as_u64(), read["grid"]["cols"].as_u64()), (Some(8), Some(12)));
    }
}
