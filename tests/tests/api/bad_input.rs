use paillasse_tests::both_engines;
use serde_json::Value;

/// (what is sent, expected status, the field the problem must name)
const BAD_CREATES: &[(&str, u16, &str)] = &[
    (r#"{"name": "Room", "#, 400, "body"),
    (r#"not json at all"#, 400, "body"),
    (r#"[]"#, 400, "body"),
    // One JSON value, an object, and nothing after it.
    (r#"{"name": "a"}{"name": "b"}"#, 400, "body"),
    (r#"{"name": "x"} garbage"#, 400, "body"),
    (r#"["x"]"#, 400, "body"),
    (r#"["x", null, null, null]"#, 400, "body"),
    (r#""x""#, 400, "body"),
    (r#"null"#, 400, "body"),
    (r#"{"name": "Box", "grid": [9, 9]}"#, 400, "grid"),
    (r#"{"name": "Room", "colour": "blue"}"#, 400, "colour"),
    (r#"{"parent_id": null}"#, 400, "name"),
    (r#"{"name": 42}"#, 400, "name"),
    (
        r#"{"name": "Room", "parent_id": "not-a-uuid"}"#,
        400,
        "parent_id",
    ),
    (r#"{"name": ""}"#, 422, "name"),
    (r#"{"name": "   "}"#, 422, "name"),
    (r#"{"name": "tab\there"}"#, 422, "name"),
    (
        r#"{"name": "Room", "parent_id": "01935b7e-0000-7000-8000-000000000000"}"#,
        422,
        "parent_id",
    ),
];

both_engines! {
    /// Every unreadable or invalid body gets a problem naming the field, and writes nothing.
    async fn bad_creates_are_refused_and_change_nothing(app) {
        app.create_location("Existing", None).await;
        let before = app.snapshot().await;
        for (body, status, field) in BAD_CREATES {
            let res = app.post_raw("/api/v1/locations", body).await;
            assert_eq!(res.status().as_u16(), *status, "{body}");
            assert_eq!(
                res.headers()["content-type"], "application/problem+json",
                "{body}"
            );
            let problem: Value = res.json().await.unwrap();
            assert_eq!(problem["status"].as_u64(), Some(*status as u64), "{body}");
            assert!(problem["title"].is_string() && problem["type"].is_string());
            let fields: Vec<&str> = problem["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap()).collect();
            assert!(fields.contains(field), "{body}: expected {field} in {fields:?}");
            assert!(!problem["detail"].as_str().unwrap().is_empty());
        }
        assert_eq!(app.snapshot().await, before);
    }
}

both_engines! {
    /// An empty name and a missing parent are both reported at once.
    async fn all_field_errors_are_reported_together(app) {
        let res = app
            .post_raw("/api/v1/locations", r#"{"name": " ", "parent_id": "01935b7e-0000-7000-8000-000000000000"}"#)
            .await;
        assert_eq!(res.status(), 422);
        let problem: Value = res.json().await.unwrap();
        let fields: Vec<&str> = problem["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap()).collect();
        assert_eq!(fields, ["name", "parent_id"]);
    }
}

both_engines! {
    /// The wrong content type, a bad id, a bad patch, bad paging, unknown routes: each a
    /// 4xx problem, never a 500, nothing written.
    async fn other_bad_requests_get_clear_problems(app) {
        let room = app.create_location("Room", None).await;
        let room_path = format!("/api/v1/locations/{}", room["id"].as_str().unwrap());
        let before = app.snapshot().await;

        let res = app.client.post(app.url("/api/v1/locations")).bearer_auth(&app.token).body(r#"{"name":"x"}"#).send().await.unwrap();
        assert_eq!(res.status(), 400);
        let problem: Value = res.json().await.unwrap();
        assert_eq!(problem["errors"][0]["field"], "body");

        let cases: Vec<(reqwest::Response, u16, Option<&str>)> = vec![
            (app.get("/api/v1/locations/not-a-uuid").await, 400, Some("id")),
            (app.get("/api/v1/locations/01935b7e-0000-7000-8000-000000000000").await, 404, None),
            (app.patch_json("/api/v1/locations/01935b7e-0000-7000-8000-000000000000", &serde_json::json!({"name": "x"})).await, 404, None),
            (app.patch_json(&room_path, &serde_json::json!({"name": ""})).await, 422, Some("name")),
            (app.patch_json(&room_path, &serde_json::json!({"label_code": "AAAA-AAAA"})).await, 400, Some("label_code")),
            (app.patch_json(&room_path, &serde_json::json!({"parent_id": "01935b7e-0000-7000-8000-000000000000"})).await, 422, Some("parent_id")),
            (app.get("/api/v1/locations?limit=0").await, 422, Some("limit")),
            (app.get("/api/v1/locations?limit=many").await, 422, Some("limit")),
            (app.get("/api/v1/locations?cursor=garbage").await, 422, Some("cursor")),
            (app.get("/api/v1/nothing-here").await, 404, None),
            (app.client.delete(app.url(&room_path)).send().await.unwrap(), 405, None),
        ];
        for (i, (res, status, field)) in cases.into_iter().enumerate() {
            assert_eq!(res.status().as_u16(), status, "case {i}");
            assert_eq!(res.headers()["content-type"], "application/problem+json", "case {i}");
            let problem: Value = res.json().await.unwrap();
            if let Some(field) = field {
                assert_eq!(problem["errors"][0]["field"], field, "case {i}");
            }
        }
        assert_eq!(app.snapshot().await, before);
    }
}

/// Sends `body` as JSON with `method`, as the default person.
async fn send_raw(
    app: &paillasse_tests::TestApp,
    method: reqwest::Method,
    path: &str,
    body: &str,
) -> reqwest::Response {
    app.client
        .request(method, app.url(path))
        .bearer_auth(&app.token)
        .header("content-type", "application/json")
        .body(body.to_owned())
        .send()
        .await
        .unwrap()
}

/// The field named by a problem+json answer, checking it is one.
async fn problem_field(res: reqwest::Response) -> (u16, String) {
    let status = res.status().as_u16();
    assert_eq!(
        res.headers()
            .get("content-type")
            .map(|v| v.to_str().unwrap()),
        Some("application/problem+json"),
        "{status}"
    );
    let problem: Value = res.json().await.unwrap();
    assert_eq!(problem["status"].as_u64(), Some(status as u64));
    (
        status,
        problem["errors"][0]["field"]
            .as_str()
            .unwrap_or_default()
            .to_owned(),
    )
}

both_engines! {
    /// A patch must be one object too: an array renamed a location (serde reads a struct
    /// from a sequence) and `[null,null]` answered 200 on an entry.
    async fn patches_that_are_not_one_object_change_nothing(app) {
        let room = app.create_location("Room", None).await;
        let room_path = format!("/api/v1/locations/{}", room["id"].as_str().unwrap());
        let entry: Value = app.post_json("/api/v1/entries", &serde_json::json!({"title": "Day 1", "body": "PCR"})).await.json().await.unwrap();
        let entry_path = format!("/api/v1/entries/{}", entry["id"].as_str().unwrap());
        let (revisions, audit) = (app.count("entry_revisions").await, app.count("audit_log").await);
        for (path, body) in [(&room_path, r#"["x"]"#), (&room_path, r#"{"name": "y"} {"name": "z"}"#),
            (&entry_path, "[null,null]"), (&entry_path, r#"[null, "Changed"]"#), (&entry_path, "42")] {
            let res = send_raw(&app, reqwest::Method::PATCH, path, body).await;
            assert_eq!(problem_field(res).await, (400, "body".to_owned()), "PATCH {path} {body}");
        }
        assert_eq!(app.get(&room_path).await.json::<Value>().await.unwrap()["name"], "Room");
        assert_eq!((app.count("entry_revisions").await, app.count("audit_log").await), (revisions, audit));
        // Whitespace after the value is not trailing data.
        let res = send_raw(&app, reqwest::Method::PATCH, &room_path, "{\"name\": \"Cold room\"}\r\n ").await;
        assert_eq!(res.status(), 200);
    }
}

both_engines! {
    /// Query strings a handler cannot read are problems naming the parameter, like
    /// bodies: a repeated parameter, an id that is not one.
    async fn unreadable_query_strings_are_problems(app) {
        let before = app.snapshot().await;
        let cases = [
            ("/api/v1/locations?q=a&q=b", 400, "q"),
            ("/api/v1/export/products?q=a&q=b", 400, "q"),
            ("/api/v1/entries?notebook_id=not-an-id", 400, "notebook_id"),
            ("/api/v1/alerts?days=1&days=2", 400, "days"),
            ("/api/v1/search?q=a&q=b", 400, "q"),
            ("/go?code=A&code=B", 400, "code"),
        ];
        for (path, status, field) in cases {
            let res = app.get(path).await;
            assert_eq!(problem_field(res).await, (status, field.to_owned()), "{path}");
        }
        assert_eq!(app.snapshot().await, before);
    }
}

both_engines! {
    /// A request line or headers over the server's limits get a problem, not an empty
    /// 414/431 from the HTTP library.
    async fn oversized_request_lines_and_headers_are_problems(app) {
        let long = format!("/api/v1/locations?q={}", "a".repeat(40_000));
        let (status, _) = problem_field(app.get(&long).await).await;
        assert_eq!(status, 414);

        let res = app.client.get(app.url("/api/v1/locations")).bearer_auth(&app.token)
            .header("x-padding", "b".repeat(70_000)).send().await.unwrap();
        assert_eq!(problem_field(res).await.0, 431);

        let mut req = app.client.get(app.url("/api/v1/locations")).bearer_auth(&app.token);
        for i in 0..150 {
            req = req.header(format!("x-h{i}"), "1");
        }
        assert_eq!(problem_field(req.send().await.unwrap()).await.0, 431);

        // A body over the limit, and errors from below the API (a missing static file).
        let big = format!(r#"{{"name": "{}"}}"#, "x".repeat(3 << 20));
        let refused = app.post_raw("/api/v1/locations", &big).await;
        assert_eq!(refused.headers().get("connection").map(|v| v.to_str().unwrap()), Some("close"),
            "the unread body ends the connection, and the answer says so");
        let (status, field) = problem_field(refused).await;
        assert_eq!((status, field.as_str()), (413, "body"));
        let not_a_form = app.client.post(app.url("/forms/scan/photo")).bearer_auth(&app.token)
            .header("content-type", "text/plain").body("x").send().await.unwrap();
        assert_eq!(problem_field(not_a_form).await.0, 400);

        // The connection's limits stay: an ordinary request still works afterwards.
        assert_eq!(app.get("/api/v1/locations").await.status(), 200);
    }
}
