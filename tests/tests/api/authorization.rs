//! The authorization matrix: every `/api/v1` route against every relation a person can
//! have to the thing it touches. The routes come from the OpenAPI spec, so a route added
//! without a row here fails this test.

use std::collections::{BTreeSet, HashMap};

use paillasse_tests::{both_engines, TestApp, PASSWORD};
use reqwest::Method;
use serde_json::{json, Value};

/// The relations, in the order of each row's expected statuses.
const RELATIONS: [&str; 8] = [
    "anonymous",
    "viewer of the owning team",
    "member of the owning team",
    "manager of the owning team",
    "member of another team",
    "member of a team it is shared with read-only",
    "member of a team it is shared with read-write",
    "admin",
];

struct Row {
    method: Method,
    /// As in the spec; `{id}` and the like are filled in from the fixture.
    route: &'static str,
    body: Option<Value>,
    expected: [u16; 8],
    /// The request signs sessions out: sign in again afterwards.
    ends_sessions: bool,
}

fn row(method: Method, route: &'static str, body: Option<Value>, expected: [u16; 8]) -> Row {
    Row {
        method,
        route,
        body,
        expected,
        ends_sessions: false,
    }
}

/// Every route and what each relation gets. The things (one of each kind) belong to team
/// Lab, made by its manager, and are shared read-only with team Readers and read-write
/// with team Writers.
fn table() -> Vec<Row> {
    let mut rows = routes();
    // Only those who manage a thing share it: a share never passes on the right to share.
    for folder in [
        "locations",
        "products",
        "lots",
        "samples",
        "instruments",
        "protocols",
        "notebooks",
        "entries",
    ] {
        let list: &'static str = format!("/{folder}/{{id}}/shares").leak();
        let one: &'static str = format!("/{folder}/{{id}}/shares/{{team_id}}").leak();
        rows.push(row(
            Method::GET,
            list,
            None,
            [401, 403, 403, 200, 404, 403, 403, 200],
        ));
        rows.push(row(
            Method::PUT,
            one,
            Some(json!({"access": "read"})),
            [401, 403, 403, 200, 404, 403, 403, 200],
        ));
        rows.push(row(
            Method::DELETE,
            one,
            None,
            [401, 403, 403, 204, 404, 403, 403, 204],
        ));
    }
    rows
}

fn routes() -> Vec<Row> {
    use Method as M;
    vec![
        // Alerts are computed from what each person may see.
        row(
            M::GET,
            "/alerts",
            None,
            [401, 200, 200, 200, 200, 200, 200, 200],
        ),
        row(
            M::GET,
            "/auth/me",
            None,
            [401, 200, 200, 200, 200, 200, 200, 200],
        ),
        row(
            M::POST,
            "/auth/login",
            Some(json!({"email": "nobody{n}@lab.test", "password": "wrong password"})),
            [401; 8],
        ),
        Row {
            ends_sessions: true,
            ..row(M::POST, "/auth/logout", None, [204; 8])
        },
        Row {
            ends_sessions: true,
            ..row(
                M::POST,
                "/auth/logout-everywhere",
                None,
                [401, 204, 204, 204, 204, 204, 204, 204],
            )
        },
        row(
            M::POST,
            "/auth/password",
            Some(json!({"current_password": "not it at all", "new_password": "whatever it is 2"})),
            [401, 422, 422, 422, 422, 422, 422, 422],
        ),
        row(
            M::GET,
            "/auth/sessions",
            None,
            [401, 200, 200, 200, 200, 200, 200, 200],
        ),
        row(
            M::DELETE,
            "/auth/sessions/{id}",
            None,
            [401, 404, 404, 404, 404, 404, 404, 404],
        ),
        row(
            M::GET,
            "/auth/tokens",
            None,
            [401, 200, 200, 200, 200, 200, 200, 200],
        ),
        row(
            M::POST,
            "/auth/tokens",
            Some(json!({"name": "matrix"})),
            [401, 201, 201, 201, 201, 201, 201, 201],
        ),
        row(
            M::DELETE,
            "/auth/tokens/{id}",
            None,
            [401, 404, 404, 404, 404, 404, 404, 404],
        ),
        row(
            M::GET,
            "/locations",
            None,
            [401, 200, 200, 200, 200, 200, 200, 200],
        ),
        // Without a team: the person's only writable team; an admin in no team must say.
        row(
            M::POST,
            "/locations",
            Some(json!({"name": "New"})),
            [401, 403, 201, 201, 201, 201, 201, 422],
        ),
        row(
            M::POST,
            "/locations",
            Some(json!({"name": "Child", "parent_id": "{location}"})),
            [401, 403, 201, 201, 422, 403, 201, 201],
        ),
        row(
            M::GET,
            "/locations/{id}",
            None,
            [401, 200, 200, 200, 404, 200, 200, 200],
        ),
        row(
            M::PATCH,
            "/locations/{id}",
            Some(json!({"name": "Renamed"})),
            [401, 403, 200, 200, 404, 403, 200, 200],
        ),
        row(
            M::GET,
            "/locations/{id}/positions",
            None,
            [401, 200, 200, 200, 404, 200, 200, 200],
        ),
        row(
            M::GET,
            "/lots",
            None,
            [401, 200, 200, 200, 200, 200, 200, 200],
        ),
        // The product must be visible to the creator; an admin in no team must name one.
        row(
            M::POST,
            "/lots",
            Some(json!({"product_id": "{product}", "quantity": 1, "unit": "g"})),
            [401, 403, 201, 201, 422, 201, 201, 422],
        ),
        row(
            M::GET,
            "/lots/{id}",
            None,
            [401, 200, 200, 200, 404, 200, 200, 200],
        ),
        row(
            M::PATCH,
            "/lots/{id}",
            Some(json!({"supplier_lot": "L-42"})),
            [401, 403, 200, 200, 404, 403, 200, 200],
        ),
        row(
            M::GET,
            "/lots/{id}/movements",
            None,
            [401, 200, 200, 200, 404, 200, 200, 200],
        ),
        row(
            M::POST,
            "/lots/{id}/movements",
            Some(json!({"kind": "receive", "quantity": 1, "unit": "g"})),
            [401, 403, 201, 201, 404, 403, 201, 201],
        ),
        row(
            M::GET,
            "/products",
            None,
            [401, 200, 200, 200, 200, 200, 200, 200],
        ),
        row(
            M::POST,
            "/products",
            Some(json!({"name": "Ethanol", "kind": "chemical", "cas": "64-17-5"})),
            [401, 403, 201, 201, 201, 201, 201, 422],
        ),
        // A read-only share lets a team read, a read-write share lets it change too.
        row(
            M::GET,
            "/products/{id}",
            None,
            [401, 200, 200, 200, 404, 200, 200, 200],
        ),
        row(
            M::PATCH,
            "/products/{id}",
            Some(json!({"supplier": "Sigma"})),
            [401, 403, 200, 200, 404, 403, 200, 200],
        ),
        // Uploads (the JSON body is the file) and attachments follow the thing they belong to.
        row(
            M::PUT,
            "/products/{id}/sds",
            Some(json!({"file": "{n}"})),
            [401, 403, 200, 200, 404, 403, 200, 200],
        ),
        row(
            M::PUT,
            "/instruments/{id}/records/{record_id}/certificate",
            Some(json!({"file": "{n}"})),
            [401, 403, 200, 200, 404, 403, 200, 200],
        ),
        row(
            M::GET,
            "/attachments/{id}",
            None,
            [401, 200, 200, 200, 404, 200, 200, 200],
        ),
        // Anyone who may read an entry may comment on it.
        row(
            M::GET,
            "/notebooks",
            None,
            [401, 200, 200, 200, 200, 200, 200, 200],
        ),
        row(
            M::POST,
            "/notebooks",
            Some(json!({"name": "Project {n}"})),
            [401, 403, 201, 201, 201, 201, 201, 422],
        ),
        row(
            M::GET,
            "/entries",
            None,
            [401, 200, 200, 200, 200, 200, 200, 200],
        ),
        row(
            M::POST,
            "/entries",
            Some(json!({"title": "Day {n}", "body": "PCR"})),
            [401, 403, 201, 201, 201, 201, 201, 422],
        ),
        row(
            M::GET,
            "/entries/{id}",
            None,
            [401, 200, 200, 200, 404, 200, 200, 200],
        ),
        row(
            M::PATCH,
            "/entries/{id}",
            Some(json!({"body": "PCR, take {n}"})),
            [401, 403, 200, 200, 404, 403, 200, 200],
        ),
        row(
            M::PUT,
            "/entries/{id}/steps",
            Some(json!({"protocol_version_id": "{protocol_version}", "step": 0, "done": true})),
            [401, 403, 200, 200, 404, 403, 200, 200],
        ),
        row(
            M::GET,
            "/entries/{id}/revisions",
            None,
            [401, 200, 200, 200, 404, 200, 200, 200],
        ),
        row(
            M::GET,
            "/entries/{id}/comments",
            None,
            [401, 200, 200, 200, 404, 200, 200, 200],
        ),
        row(
            M::POST,
            "/entries/{id}/comments",
            Some(json!({"body": "Nice gel {n}"})),
            [401, 201, 201, 201, 404, 201, 201, 201],
        ),
        row(
            M::POST,
            "/entries/{id}/usages",
            Some(
                json!({"instrument_id": "{instrument}", "started_at": "2026-11-30T09:00:00Z", "ended_at": "2026-11-30T10:00:00Z"}),
            ),
            [401, 403, 201, 201, 404, 403, 201, 201],
        ),
        row(
            M::DELETE,
            "/entries/{id}/usages/{usage_id}",
            None,
            [401, 403, 204, 204, 404, 403, 204, 204],
        ),
        row(
            M::GET,
            "/entries/{id}/attachments",
            None,
            [401, 200, 200, 200, 404, 200, 200, 200],
        ),
        row(
            M::POST,
            "/entries/{id}/attachments",
            Some(json!({"note": "{n}"})),
            [401, 403, 201, 201, 404, 403, 201, 201],
        ),
        // The fixture's attachment is a PDF: no thumbnail; only those who may see it learn that.
        row(
            M::GET,
            "/attachments/{id}/thumbnail",
            None,
            [401, 422, 422, 422, 404, 422, 422, 422],
        ),
        row(
            M::GET,
            "/protocols",
            None,
            [401, 200, 200, 200, 200, 200, 200, 200],
        ),
        row(
            M::POST,
            "/protocols",
            Some(json!({"name": "Miniprep {n}", "steps": ["Spin"]})),
            [401, 403, 201, 201, 201, 201, 201, 422],
        ),
        row(
            M::GET,
            "/protocols/{id}",
            None,
            [401, 200, 200, 200, 404, 200, 200, 200],
        ),
        row(
            M::POST,
            "/protocols/{id}/versions",
            Some(json!({"steps": ["Spin {n} min"]})),
            [401, 403, 200, 200, 404, 403, 200, 200],
        ),
        // Traces start from the fixture's lot; a recall needs the right to change it.
        row(
            M::GET,
            "/trace/{kind}/{id}",
            None,
            [401, 200, 200, 200, 404, 200, 200, 200],
        ),
        row(
            M::POST,
            "/trace/{kind}/{id}/flag",
            Some(json!({"reason": "Recall {n}"})),
            [401, 403, 200, 200, 404, 403, 200, 200],
        ),
        // Exports hold what each person may see.
        row(
            M::GET,
            "/export/{kind}",
            None,
            [401, 200, 200, 200, 200, 200, 200, 200],
        ),
        // Labels: the fixture's location, by its label code.
        row(
            M::GET,
            "/labels/{code}",
            None,
            [401, 200, 200, 200, 404, 200, 200, 200],
        ),
        row(
            M::GET,
            "/labels/{code}/qr.svg",
            None,
            [401, 200, 200, 200, 404, 200, 200, 200],
        ),
        row(
            M::GET,
            "/labels/{code}/qr.png",
            None,
            [401, 200, 200, 200, 404, 200, 200, 200],
        ),
        row(
            M::GET,
            "/labels/{code}/preview.svg",
            None,
            [401, 200, 200, 200, 404, 200, 200, 200],
        ),
        // A body that is no photo: refused the same for everyone signed in.
        row(
            M::POST,
            "/labels/decode",
            Some(json!({"not": "a photo"})),
            [401, 422, 422, 422, 422, 422, 422, 422],
        ),
        row(
            M::POST,
            "/labels/{code}/relabel",
            None,
            [401, 403, 200, 200, 404, 403, 200, 200],
        ),
        // Printing refuses a code one may not see, by its place (422 codes[0]).
        row(
            M::GET,
            "/labels/sheet.pdf",
            None,
            [401, 200, 200, 200, 422, 200, 200, 200],
        ),
        row(
            M::GET,
            "/labels/labels.zpl",
            None,
            [401, 200, 200, 200, 422, 200, 200, 200],
        ),
        // The search box finds what each person may see.
        row(
            M::GET,
            "/search",
            None,
            [401, 200, 200, 200, 200, 200, 200, 200],
        ),
        // The fixture's location (shared read-only and read-write).
        row(
            M::GET,
            "/history/{kind}/{id}",
            None,
            [401, 200, 200, 200, 404, 200, 200, 200],
        ),
        row(
            M::GET,
            "/instruments",
            None,
            [401, 200, 200, 200, 200, 200, 200, 200],
        ),
        row(
            M::POST,
            "/instruments",
            Some(json!({"name": "Balance {n}", "serial": "S{n}"})),
            [401, 403, 201, 201, 201, 201, 201, 422],
        ),
        row(
            M::GET,
            "/instruments/{id}",
            None,
            [401, 200, 200, 200, 404, 200, 200, 200],
        ),
        row(
            M::PATCH,
            "/instruments/{id}",
            Some(json!({"model": "XPR{n}"})),
            [401, 403, 200, 200, 404, 403, 200, 200],
        ),
        row(
            M::GET,
            "/instruments/{id}/records",
            None,
            [401, 200, 200, 200, 404, 200, 200, 200],
        ),
        row(
            M::POST,
            "/instruments/{id}/records",
            Some(json!({"kind": "maintenance", "performed_on": "2026-01-15"})),
            [401, 403, 201, 201, 404, 403, 201, 201],
        ),
        row(
            M::GET,
            "/samples",
            None,
            [401, 200, 200, 200, 200, 200, 200, 200],
        ),
        // An admin in no team must name one; the others make it in their own team.
        row(
            M::POST,
            "/samples",
            Some(json!({"name": "Sample {n}", "quantity": 1, "unit": "mL"})),
            [401, 403, 201, 201, 201, 201, 201, 422],
        ),
        row(
            M::GET,
            "/samples/{id}",
            None,
            [401, 200, 200, 200, 404, 200, 200, 200],
        ),
        row(
            M::PATCH,
            "/samples/{id}",
            Some(json!({"type": "serum"})),
            [401, 403, 200, 200, 404, 403, 200, 200],
        ),
        // The lot is the fixture's (team Lab): a new parent each time, never a loop.
        row(
            M::POST,
            "/samples/{id}/parents",
            Some(json!({"sample_id": "{parent}", "relation": "mixture"})),
            [401, 403, 200, 200, 404, 403, 422, 200],
        ),
        row(
            M::POST,
            "/samples/{id}/aliquots",
            Some(json!({"count": 2, "quantity": 1, "unit": "µL"})),
            [401, 403, 201, 201, 404, 403, 201, 201],
        ),
        row(
            M::GET,
            "/samples/{id}/movements",
            None,
            [401, 200, 200, 200, 404, 200, 200, 200],
        ),
        row(
            M::POST,
            "/samples/{id}/movements",
            Some(json!({"kind": "receive", "quantity": 1, "unit": "mL"})),
            [401, 403, 201, 201, 404, 403, 201, 201],
        ),
        row(
            M::GET,
            "/teams",
            None,
            [401, 200, 200, 200, 200, 200, 200, 200],
        ),
        row(
            M::POST,
            "/teams",
            Some(json!({"name": "Team {n}"})),
            [401, 403, 403, 403, 403, 403, 403, 201],
        ),
        row(
            M::GET,
            "/teams/{id}/members",
            None,
            [401, 200, 200, 200, 404, 404, 404, 200],
        ),
        row(
            M::POST,
            "/teams/{id}/members",
            Some(json!({"email": "temp@lab.test", "role": "member"})),
            [401, 403, 403, 200, 404, 404, 404, 200],
        ),
        row(
            M::DELETE,
            "/teams/{id}/members/{person_id}",
            None,
            [401, 403, 403, 204, 404, 404, 404, 204],
        ),
        row(
            M::GET,
            "/people",
            None,
            [401, 403, 403, 403, 403, 403, 403, 200],
        ),
        row(
            M::POST,
            "/people",
            Some(
                json!({"email": "new{n}@lab.test", "name": "New", "password": "a fine first password"}),
            ),
            [401, 403, 403, 403, 403, 403, 403, 201],
        ),
    ]
}

/// A browser-like session: the cookie and its CSRF token.
#[derive(Clone)]
struct Session {
    cookie: String,
    csrf: String,
}

async fn sign_in(app: &TestApp, email: &str) -> Session {
    let res = app
        .with_token("")
        .post(
            "/api/v1/auth/login",
            &json!({"email": email, "password": PASSWORD}),
        )
        .await;
    assert_eq!(res.status(), 200, "signing in {email}");
    Session {
        csrf: res.headers()["x-csrf-token"].to_str().unwrap().to_owned(),
        cookie: res.headers()["set-cookie"]
            .to_str()
            .unwrap()
            .split(';')
            .next()
            .unwrap()
            .to_owned(),
    }
}

both_engines! {
    async fn every_route_answers_every_relation_as_the_table_says(app) {
        // The thing and the people around it.
        let lab = paillasse_tests::DEFAULT_TEAM;
        let emails = [
            "",
            "viewer@lab.test",
            "member@lab.test",
            paillasse_tests::DEFAULT_EMAIL,
            "outsider@lab.test",
            "reader@lab.test",
            "writer@lab.test",
            "admin@lab.test",
        ];
        app.person(emails[1], "viewer", Some(lab)).await;
        app.person(emails[2], "member", Some(lab)).await;
        app.person(emails[4], "member", Some("Elsewhere")).await;
        app.person(emails[5], "member", Some("Readers")).await;
        app.person(emails[6], "member", Some("Writers")).await;
        app.person(emails[7], "admin", None).await;
        let (temp, _) = app.person("temp@lab.test", "member", Some("Spare")).await;
        // Team Extra exists for sharing and unsharing with.
        app.person("extra@lab.test", "member", Some("Extra")).await;
        let team_id = |name: &'static str| {
            let app = &app;
            async move {
                let admin = service::accounts::people::find_by_email(&app.db.conn, "admin@lab.test").await.unwrap().unwrap();
                service::accounts::teams::list(&app.db.conn, &admin).await.unwrap().into_iter().find(|t| t.name == name).unwrap().id
            }
        };
        let (lab_id, readers, writers, extra) = (team_id(lab).await, team_id("Readers").await, team_id("Writers").await, team_id("Extra").await);
        let location = app.create_location("Freezer", None).await;
        let product: Value = app.post_json("/api/v1/products", &json!({"name": "Agarose", "kind": "consumable"})).await.json().await.unwrap();
        let product_id = product["id"].as_str().unwrap().to_owned();
        let lot: Value = app.post_json("/api/v1/lots", &json!({"product_id": product_id, "quantity": 500, "unit": "g"})).await.json().await.unwrap();
        let lot_id = lot["id"].as_str().unwrap().to_owned();
        let sample: Value = app.post_json("/api/v1/samples", &json!({"name": "Serum", "quantity": 100, "unit": "mL"})).await.json().await.unwrap();
        let sample_id = sample["id"].as_str().unwrap().to_owned();
        let instrument: Value = app.post_json("/api/v1/instruments", &json!({"name": "Balance"})).await.json().await.unwrap();
        let instrument_id = instrument["id"].as_str().unwrap().to_owned();
        let loc_id: uuid::Uuid = location["id"].as_str().unwrap().parse().unwrap();
        let sds: Value = app.put_file(&format!("/api/v1/products/{product_id}/sds"), "application/pdf", b"%PDF-1.4\n%EOF\n".to_vec()).await.json().await.unwrap();
        let attachment_id = sds["sds_attachment_id"].as_str().unwrap().to_owned();
        // The entry follows a protocol of its own, so its steps can be ticked.
        let followed: Value = app.post_json("/api/v1/protocols", &json!({"name": "Bradford", "steps": ["Dilute"]})).await.json().await.unwrap();
        let version_id = followed["versions"][0]["id"].as_str().unwrap().to_owned();
        let entry: Value = app.post_json("/api/v1/entries", &json!({"title": "Day 1", "body": "PCR", "protocol_version_id": version_id})).await.json().await.unwrap();
        let protocol: Value = app.post_json("/api/v1/protocols", &json!({"name": "Miniprep", "steps": ["Spin"]})).await.json().await.unwrap();
        let protocol_id = protocol["id"].as_str().unwrap().to_owned();
        let entry_id = entry["id"].as_str().unwrap().to_owned();
        let ada = service::accounts::people::find_by_email(&app.db.conn, paillasse_tests::DEFAULT_EMAIL).await.unwrap().unwrap();
        use domain::{access::ShareAccess, kind::Kind};
        use service::things::sharing;
        let notebook_id = entry["notebook_id"].as_str().unwrap().to_owned();
        // One thing of each kind, shared read-only with Readers and read-write with Writers.
        let things = [
            (Kind::Location, loc_id.to_string()),
            (Kind::Product, product_id.clone()),
            (Kind::Lot, lot_id.clone()),
            (Kind::Sample, sample_id.clone()),
            (Kind::Instrument, instrument_id.clone()),
            (Kind::Protocol, protocol_id.clone()),
            (Kind::Notebook, notebook_id.clone()),
            (Kind::Entry, entry_id.clone()),
        ];
        for (kind, id) in &things {
            let id = id.parse().unwrap();
            sharing::set(&app.db.conn, &ada, *kind, id, readers, ShareAccess::Read).await.unwrap();
            sharing::set(&app.db.conn, &ada, *kind, id, writers, ShareAccess::Write).await.unwrap();
        }
        let admin = service::accounts::people::find_by_email(&app.db.conn, "admin@lab.test").await.unwrap().unwrap();

        // The table covers exactly the routes the API has.
        let spec: Value = app.get("/api/v1/openapi.json").await.json().await.unwrap();
        let mut routes = BTreeSet::new();
        for (path, ops) in spec["paths"].as_object().unwrap() {
            for method in ops.as_object().unwrap().keys() {
                routes.insert(format!("{} {path}", method.to_uppercase()));
            }
        }
        let table = table();
        let covered: BTreeSet<String> = table.iter().map(|r| format!("{} {}", r.method, r.route)).collect();
        let missing: Vec<_> = routes.difference(&covered).collect();
        assert!(missing.is_empty(), "routes without a row in the authorization table: {missing:?}");
        let stale: Vec<_> = covered.difference(&routes).collect();
        assert!(stale.is_empty(), "rows for routes that do not exist: {stale:?}");

        let mut sessions: HashMap<usize, Session> = HashMap::new();
        let mut failures = Vec::new();
        let mut n = 0;
        for row in &table {
            for (who, expected) in row.expected.iter().enumerate() {
                n += 1;
                // Put back what the previous request may have taken away.
                match row.route {
                    route if route.ends_with("/shares/{team_id}") => {
                        let folder = route.split('/').nth(1).unwrap();
                        let (kind, id) = things.iter().find(|(k, _)| k.folder().unwrap_or("notebooks") == folder).unwrap();
                        sharing::set(&app.db.conn, &admin, *kind, id.parse().unwrap(), extra, ShareAccess::Read).await.unwrap();
                    }
                    "/teams/{id}/members/{person_id}" => {
                        let again = domain::person::NewMember { email: "temp@lab.test".into(), role: "member".into() };
                        service::accounts::teams::set_member(&app.db.conn, &admin, lab_id, again).await.unwrap();
                    }
                    _ => {}
                }
                let path = row.route
                    .replace("/trace/{kind}/{id}", &format!("/trace/lot/{lot_id}"))
                    .replace("/auth/sessions/{id}", "/auth/sessions/0000000000000000")
                    .replace("/auth/tokens/{id}", &format!("/auth/tokens/{}", uuid::Uuid::nil()))
                    .replace("/teams/{id}", &format!("/teams/{lab_id}"))
                    .replace("/products/{id}", &format!("/products/{product_id}"))
                    .replace("/lots/{id}", &format!("/lots/{lot_id}"))
                    .replace("/samples/{id}", &format!("/samples/{sample_id}"))
                    .replace("/instruments/{id}", &format!("/instruments/{instrument_id}"))
                    .replace("/attachments/{id}", &format!("/attachments/{attachment_id}"))
                    .replace("/entries/{id}", &format!("/entries/{entry_id}"))
                    .replace("/protocols/{id}", &format!("/protocols/{protocol_id}"))
                    .replace("/notebooks/{id}", &format!("/notebooks/{notebook_id}"))
                    .replace("/export/{kind}", "/export/locations")
                    .replace("{kind}", "location")
                    .replace("{person_id}", &temp.id.to_string())
                    .replace("{team_id}", &extra.to_string())
                    .replace("{id}", &loc_id.to_string());
                // Each removal takes away a usage: each request gets a fresh one.
                let path = if path.contains("{usage_id}") {
                    let u: Value = app.post_json(&format!("/api/v1/entries/{entry_id}/usages"), &json!({"instrument_id": instrument_id, "started_at": "2026-11-30T09:00:00Z", "ended_at": "2026-11-30T10:00:00Z"})).await.json().await.unwrap();
                    path.replace("{usage_id}", u["id"].as_str().unwrap())
                } else {
                    path
                };
                // The location's code changes when relabelled: use the current one.
                let path = if path.contains("{code}") || path.starts_with("/labels/sheet.pdf") || path.starts_with("/labels/labels.zpl") {
                    let loc = service::inventory::locations::get(&app.db.conn, &admin, loc_id).await.unwrap();
                    let code = loc.label_code;
                    if path.contains("{code}") { path.replace("{code}", &code) } else { format!("{path}?codes={code}") }
                } else {
                    path
                };
                // A certificate is attached once per record: each request gets a new record.
                let path = if path.contains("{record_id}") {
                    let r: Value = app.post_json(&format!("/api/v1/instruments/{instrument_id}/records"), &json!({"kind": "maintenance", "performed_on": "2026-01-15"})).await.json().await.unwrap();
                    path.replace("{record_id}", r["id"].as_str().unwrap())
                } else {
                    path
                };
                let parent = if row.route == "/samples/{id}/parents" {
                    let p: Value = app.post_json("/api/v1/samples", &json!({"name": "Parent {n}", "quantity": 1, "unit": "mL"})).await.json().await.unwrap();
                    p["id"].as_str().unwrap().to_owned()
                } else {
                    String::new()
                };
                let body = row.body.as_ref().map(|b| {
                    serde_json::from_str::<Value>(
                        &b.to_string().replace("{n}", &n.to_string()).replace("{location}", &loc_id.to_string()).replace("{product}", &product_id).replace("{parent}", &parent).replace("{instrument}", &instrument_id).replace("{protocol_version}", &version_id),
                    )
                    .unwrap()
                });
                let mut req = app.client.request(row.method.clone(), app.url(&format!("/api/v1{path}")));
                if who > 0 {
                    let s = match sessions.get(&who) {
                        Some(s) => s.clone(),
                        None => {
                            let s = sign_in(&app, emails[who]).await;
                            sessions.insert(who, s.clone());
                            s
                        }
                    };
                    req = req.header("cookie", &s.cookie).header("x-csrf-token", &s.csrf);
                }
                if let Some(body) = &body {
                    req = req.json(body);
                }
                let got = req.send().await.unwrap().status().as_u16();
                if got != *expected {
                    failures.push(format!("{} {} as {}: expected {expected}, got {got}", row.method, row.route, RELATIONS[who]));
                }
                if row.ends_sessions {
                    sessions.remove(&who);
                }
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }
}

both_engines! {
    /// Lists hold only what the reader may see; nobody learns of the rest.
    async fn lists_show_only_what_one_may_see(app) {
        let (_, outsider) = app.person("outsider@lab.test", "member", Some("Elsewhere")).await;
        let (_, reader) = app.person("reader@lab.test", "viewer", Some("Readers")).await;
        let (_, admin) = app.person("admin@lab.test", "admin", None).await;
        let mine = app.create_location("Lab freezer", None).await;
        let shared = app.create_location("Shared shelf", None).await;
        let theirs = app.with_token(&outsider).post("/api/v1/locations", &json!({"name": "Their room"})).await;
        assert_eq!(theirs.status(), 201);
        let readers_team = app.with_token(&admin).get("/api/v1/teams").await.json::<Value>().await.unwrap()
            .as_array().unwrap().iter().find(|t| t["name"] == "Readers").unwrap()["id"].as_str().unwrap().to_owned();
        let res = app.me().put(&format!("/api/v1/locations/{}/shares/{readers_team}", shared["id"].as_str().unwrap()), &json!({"access": "read"})).await;
        assert_eq!(res.status(), 200);

        let names = |token: String| {
            let app = &app;
            async move {
                let list: Value = app.with_token(&token).get("/api/v1/locations").await.json().await.unwrap();
                let mut names: Vec<String> = list["items"].as_array().unwrap().iter().map(|l| l["name"].as_str().unwrap().to_owned()).collect();
                names.sort();
                names
            }
        };
        assert_eq!(names(app.token.clone()).await, ["Lab freezer", "Shared shelf"]);
        assert_eq!(names(outsider.clone()).await, ["Their room"]);
        assert_eq!(names(reader.clone()).await, ["Shared shelf"]);
        assert_eq!(names(admin.clone()).await, ["Lab freezer", "Shared shelf", "Their room"]);
        // Searching by label code does not reveal another team's location either.
        let code = mine["label_code"].as_str().unwrap();
        let found: Value = app.with_token(&outsider).get(&format!("/api/v1/locations?q={code}")).await.json().await.unwrap();
        assert_eq!(found["items"], json!([]));
        // Nor does the status of a direct read: the same 404 as for a made-up id.
        let hidden = app.with_token(&outsider).get(&format!("/api/v1/locations/{}", mine["id"].as_str().unwrap())).await;
        let made_up = app.with_token(&outsider).get(&format!("/api/v1/locations/{}", uuid::Uuid::now_v7())).await;
        assert_eq!((hidden.status().as_u16(), made_up.status().as_u16()), (404, 404));
        assert_eq!(hidden.text().await.unwrap(), made_up.text().await.unwrap());

        // Handing the shared shelf to the team it was shared with: that team now owns it,
        // so the share goes; the old owner no longer sees it.
        let shelf = format!("/api/v1/locations/{}", shared["id"].as_str().unwrap());
        let res = app.with_token(&admin).patch(&shelf, &json!({"team_id": readers_team})).await;
        assert_eq!(res.status(), 200);
        let shares: Value = app.with_token(&admin).get(&format!("{shelf}/shares")).await.json().await.unwrap();
        assert_eq!(shares, json!([]));
        assert_eq!(app.with_token(&reader).get(&shelf).await.status(), 200);
        assert_eq!(app.get(&shelf).await.status(), 404);
    }
}
