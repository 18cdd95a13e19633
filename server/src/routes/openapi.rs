//! What the OpenAPI document says once for every operation rather than on each of them:
//! the errors any operation of its shape can answer (they come from the extractors and
//! middleware every route shares, not from its handler), and raw file bodies described
//! as bytes. Applied to the generated document before it is served, so a route added
//! later is described the same way without anyone remembering to.

use serde_json::{json, Map, Value};

const METHODS: [&str; 5] = ["get", "post", "put", "patch", "delete"];

/// Completes the document generated from the routes' annotations.
pub fn complete(spec: &mut Value) {
    spec["components"]["responses"] = shared_responses();
    let Some(paths) = spec["paths"].as_object_mut() else {
        return;
    };
    for item in paths.values_mut() {
        for method in METHODS {
            if let Some(op) = item.get_mut(method).and_then(Value::as_object_mut) {
                add_shared_errors(method, op);
                describe_raw_bodies(op);
            }
        }
    }
}

fn add_shared_errors(method: &str, op: &mut Map<String, Value>) {
    let params: Vec<&Value> = op
        .get("parameters")
        .and_then(Value::as_array)
        .map(|p| p.iter().collect())
        .unwrap_or_default();
    let uuid_in_path = params
        .iter()
        .any(|p| p["in"] == "path" && p["schema"]["format"] == "uuid");
    let in_path = params.iter().any(|p| p["in"] == "path");
    // A label code or a kind: refused as a value (422), not as unreadable.
    let text_in_path = params
        .iter()
        .any(|p| p["in"] == "path" && p["schema"]["format"] != "uuid");
    let query = params.iter().any(|p| p["in"] == "query");
    let body = op.contains_key("requestBody");
    let write = method != "get";
    let open = op.get("operationId").and_then(Value::as_str) == Some("login");

    let rules = [
        // An id that is not a UUID, a repeated or unreadable parameter, a body that is
        // not one JSON object of the right shape (extract/).
        ("400", "Malformed", uuid_in_path || query || body),
        ("401", "Unauthenticated", !open),
        // A read-only token, a cookie request without its CSRF token, a cross-site
        // request (auth.rs), before any access rule.
        ("403", "Forbidden", write),
        // No such thing, or one the caller may not see (the same answer).
        ("404", "NotFound", in_path),
        ("413", "TooLarge", body),
        // Refused values, and control characters in any text (controls.rs, ApiJson).
        ("422", "Invalid", query || body || text_in_path),
        // The request took longer than the server allows (startup.rs), or for a write,
        // the database refuses writes.
        ("503", "Unavailable", true),
        ("507", "StorageFull", write),
    ];
    let responses = op
        .entry("responses")
        .or_insert_with(|| json!({}))
        .as_object_mut();
    let Some(responses) = responses else {
        return;
    };
    for (status, name, applies) in rules {
        if applies && !responses.contains_key(status) {
            responses.insert(
                status.to_owned(),
                json!({"$ref": format!("#/components/responses/{name}")}),
            );
        }
    }
}

/// utoipa describes a `Vec<u8>` body as an array of integers; it is the file's bytes,
/// under its own type or as `application/octet-stream`.
fn describe_raw_bodies(op: &mut Map<String, Value>) {
    let Some(content) = op
        .get_mut("requestBody")
        .and_then(|b| b.get_mut("content"))
        .and_then(Value::as_object_mut)
    else {
        return;
    };
    let raw: Vec<String> = content
        .iter()
        .filter(|(media, v)| !media.contains("json") && v["schema"]["type"] == "array")
        .map(|(media, _)| media.clone())
        .collect();
    if raw.is_empty() {
        return;
    }
    let bytes = json!({"schema": {"type": "string", "format": "binary"}});
    for media in raw {
        content.insert(media, bytes.clone());
    }
    content.insert("application/octet-stream".into(), bytes);
}

fn shared_responses() -> Value {
    let problem = |description: &str| {
        json!({
            "description": description,
            "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}},
        })
    };
    json!({
        "Malformed": problem("the request cannot be read as this operation's shape: an id that is not a UUID, a parameter given twice or of the wrong type, a body that is not one JSON object of the expected fields"),
        "Unauthenticated": problem("no session cookie or API token, or one that is expired or revoked"),
        "Forbidden": problem("not allowed: a read-only token writing, a change made with the cookie but without the CSRF token, a cross-site request, or the thing's access rules"),
        "NotFound": problem("no such thing, or one the caller may not see"),
        "TooLarge": problem("the body is over the server's limit"),
        "Invalid": problem("refused values, each named in `errors[]` (also: control characters in any text field or parameter)"),
        "Unavailable": problem("the request took longer than the server allows, or the database refuses writes (read-only or damaged): nothing was saved"),
        "StorageFull": problem("the server's disk is full: nothing was saved"),
    })
}
