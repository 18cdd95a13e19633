//! Smaller holes, each closed: following another team's unfinished protocol, learning
//! who has an account, tokens outliving a changed password, unaudited sign-outs, HSTS,
//! unbounded label runs, a case-sensitive cross-site check, signed-out HEAD requests and
//! trailing slashes.

use paillasse_tests::{both_engines, config_for_tests, TestApp, DEFAULT_TEAM, PASSWORD};
use serde_json::{json, Value};

fn id(v: &Value) -> String {
    v["id"].as_str().unwrap().to_owned()
}

async fn session(app: &TestApp, email: &str, password: &str) -> (String, String) {
    let res = app
        .with_token("")
        .post(
            "/api/v1/auth/login",
            &json!({"email": email, "password": password}),
        )
        .await;
    assert_eq!(res.status(), 200);
    let cookie = res.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_owned();
    let csrf = res.headers()["x-csrf-token"].to_str().unwrap().to_owned();
    (cookie, csrf)
}

async fn audit_actions(app: &TestApp, person: &str) -> Vec<String> {
    service::audit::history(&app.db.conn, "person", person)
        .await
        .unwrap()
        .into_iter()
        .map(|r| r.action)
        .collect()
}

both_engines! {
    /// A team that may only read a protocol cannot freeze the version its owners are still
    /// writing by following it (422); a frozen version it may follow.
    async fn following_another_teams_unfinished_protocol_is_refused(app) {
        let protocol: Value = app.post_json("/api/v1/protocols", &json!({"name": "Miniprep", "body": "", "steps": ["Lyse"]})).await.json().await.unwrap();
        let (bob, bob_token) = app.person("bob@partner.test", "member", Some("Partner")).await;
        app.share("protocol", &id(&protocol), bob.memberships[0].team_id, "read").await;
        let version = protocol["versions"][0]["id"].as_str().unwrap().to_owned();
        let res = app.with_token(&bob_token).post("/api/v1/entries", &json!({"title": "Their prep", "body": "", "protocol_version_id": version})).await;
        assert_eq!(res.status(), 422);
        let problem: Value = res.json().await.unwrap();
        assert_eq!((problem["errors"][0]["field"].as_str(), problem["errors"][0]["code"].as_str()), (Some("protocol_version_id"), Some("not_published")));
        let now: Value = app.get(&format!("/api/v1/protocols/{}", id(&protocol))).await.json().await.unwrap();
        assert_eq!(now["versions"][0]["frozen"], false, "still the owners' to change");
        // Frozen by its own team, it may be followed.
        assert_eq!(app.post_json("/api/v1/entries", &json!({"title": "Our prep", "body": "", "protocol_version_id": version})).await.status(), 201);
        assert_eq!(app.with_token(&bob_token).post("/api/v1/entries", &json!({"title": "Their prep", "body": "", "protocol_version_id": version})).await.status(), 201);
    }
}

both_engines! {
    /// Naming a contributor by e-mail says the same for an address nobody has and for an
    /// account in a team the author does not share: the form does not tell who has one.
    async fn contributors_by_email_do_not_reveal_accounts(app) {
        app.person("stranger@elsewhere.test", "member", Some("Elsewhere")).await;
        app.person("colleague@lab.test", "member", Some(DEFAULT_TEAM)).await;
        let mut answers = Vec::new();
        for email in ["stranger@elsewhere.test", "nobody@nowhere.test"] {
            let res = app.post_json("/api/v1/entries", &json!({"title": "Blot", "body": "", "contributors": [{"email": email, "role": "performed"}]})).await;
            assert_eq!(res.status(), 422);
            let problem: Value = res.json().await.unwrap();
            answers.push(problem["errors"].clone());
        }
        assert_eq!(answers[0], answers[1]);
        let res = app.post_json("/api/v1/entries", &json!({"title": "Blot", "body": "", "contributors": [{"email": "colleague@lab.test", "role": "performed"}]})).await;
        assert_eq!(res.status(), 201, "a colleague may be named");
    }
}

both_engines! {
    /// Changing one's password ends the other sessions and revokes the API tokens (one
    /// made by whoever knew the old password would outlive it); signing out, signing out
    /// everywhere and ending a session are audited.
    async fn a_password_change_revokes_tokens_and_sign_outs_are_audited(app) {
        let (marie, token) = app.person("marie@lab.test", "member", Some(DEFAULT_TEAM)).await;
        let marie_id = marie.id.to_string();
        assert_eq!(app.with_token(&token).get("/api/v1/locations").await.status(), 200);
        let (cookie, csrf) = session(&app, "marie@lab.test", PASSWORD).await;
        let (other_cookie, _) = session(&app, "marie@lab.test", PASSWORD).await;
        let res = app.client.post(app.url("/api/v1/auth/password")).header("cookie", &cookie).header("x-csrf-token", &csrf)
            .json(&json!({"current_password": PASSWORD, "new_password": "a brand new passphrase 2027"})).send().await.unwrap();
        assert!(res.status().is_success(), "{}", res.status());
        assert_eq!(app.with_token(&token).get("/api/v1/locations").await.status(), 401, "the token is revoked");
        let other = app.client.get(app.url("/api/v1/locations")).header("cookie", &other_cookie).send().await.unwrap();
        assert_eq!(other.status(), 401, "the other session ended");

        let res = app.client.post(app.url("/api/v1/auth/logout-everywhere")).header("cookie", &cookie).header("x-csrf-token", &csrf).send().await.unwrap();
        assert!(res.status().is_success());
        let res = app.client.post(app.url("/api/v1/auth/logout")).header("cookie", &cookie).header("x-csrf-token", &csrf).send().await.unwrap();
        assert!(res.status().is_success());
        let actions = audit_actions(&app, &marie_id).await;
        for action in ["person.password_change", "auth.logout_everywhere", "auth.logout"] {
            assert!(actions.iter().any(|a| a == action), "{action} in {actions:?}");
        }
    }
}

both_engines! {
    /// A label run is bounded: 1,001 codes to the sheet or to the print dialog's plan are
    /// refused naming `codes`, before any is looked up.
    async fn label_runs_are_bounded(app) {
        let codes = vec!["7KQ3-9XZ2"; 1001].join(",");
        let res = app.get(&format!("/api/v1/labels/sheet.pdf?codes={codes}")).await;
        assert_eq!(res.status(), 422);
        let problem: Value = res.json().await.unwrap();
        assert_eq!((problem["errors"][0]["field"].as_str(), problem["errors"][0]["code"].as_str()), (Some("codes"), Some("too_many")));
        let res = app.get(&format!("/api/ui/print_plan?codes={codes}")).await;
        assert_eq!(res.status(), 422);
    }
}

both_engines! {
    /// The browser's word that a request comes from another site is read whatever its
    /// case; a signed-out HEAD on a page is sent to sign in like a GET; a page's address
    /// with a trailing slash leads to the page without it, not to a "not found" page
    /// answered 200.
    async fn requests_are_read_as_browsers_send_them(app) {
        let (cookie, csrf) = session(&app, paillasse_tests::DEFAULT_EMAIL, PASSWORD).await;
        let res = app.client.post(app.url("/api/v1/locations")).header("cookie", &cookie).header("x-csrf-token", &csrf)
            .header("sec-fetch-site", "Cross-Site").json(&json!({"name": "Evil"})).send().await.unwrap();
        assert_eq!(res.status(), 403);
        let get = app.client.get(app.url("/locations")).send().await.unwrap().status();
        let head = app.client.head(app.url("/locations")).send().await.unwrap().status();
        assert!(get.is_redirection(), "{get}");
        assert_eq!(head, get);
        let lot = app.create_lot("Ethanol", "chemical", json!({"quantity": 1, "unit": "L"})).await;
        let res = app.get(&format!("/lots/{}/?tab=history", id(&lot))).await;
        assert_eq!(res.status(), 308);
        assert_eq!(res.headers()["location"], format!("/lots/{}?tab=history", id(&lot)).as_str());
        assert_eq!(app.get("//evil.example/").await.headers()["location"], "/");
    }
}

/// Reached over HTTPS (`--base-url https://…`), every answer tells browsers to keep to
/// HTTPS; over plain HTTP, it does not.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hsts_is_sent_when_the_installation_is_on_https() {
    for (base, expected) in [
        (Some("https://lab.example".to_owned()), true),
        (None, false),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let app = server::Application::build(server::Config {
            data_dir: dir.path().join("data"),
            base_url: base,
            ..config_for_tests()
        })
        .await
        .unwrap();
        let address = format!("http://{}", app.local_addr());
        let (tx, rx) = tokio::sync::oneshot::channel::<()>();
        let served = tokio::spawn(app.run_until(async {
            let _ = rx.await;
        }));
        let res = reqwest::get(format!("{address}/healthz")).await.unwrap();
        assert_eq!(
            res.headers().contains_key("strict-transport-security"),
            expected
        );
        let _ = tx.send(());
        served.await.unwrap().unwrap();
    }
}
