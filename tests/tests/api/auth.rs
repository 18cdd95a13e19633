use std::time::{Duration, Instant};

use paillasse_tests::{both_engines, TestApp};
use serde_json::{json, Value};
use service::{people::NewUser, sessions::SessionPolicy, Actor};

const PASSWORD: &str = "tablets in gloves 2026";

async fn marie(app: &TestApp) -> domain::person::Person {
    let new = NewUser {
        email: "marie@lab.fr".into(),
        name: "Marie".into(),
        password: PASSWORD.into(),
        role: "member".into(),
        team: Some("Bench".into()),
    };
    service::people::add_user(&app.db.conn, &Actor::cli(), new)
        .await
        .unwrap()
}

async fn login(app: &TestApp, email: &str, password: &str) -> reqwest::Response {
    app.post_json(
        "/api/v1/auth/login",
        &json!({"email": email, "password": password}),
    )
    .await
}

fn cookie_of(res: &reqwest::Response) -> String {
    res.headers()["set-cookie"].to_str().unwrap().to_owned()
}

async fn me(app: &TestApp, cookie: &str) -> reqwest::Response {
    app.client
        .get(app.url("/api/v1/auth/me"))
        .header("cookie", cookie)
        .send()
        .await
        .unwrap()
}

both_engines! {
    /// Signing in sets a safe session cookie that identifies the person; it is audited and
    /// neither the password nor its hash is logged.
    async fn signing_in_sets_a_session_cookie(app) {
        let person = marie(&app).await;
        let res = login(&app, "Marie@Lab.fr", PASSWORD).await;
        assert_eq!(res.status(), 200);
        let set_cookie = cookie_of(&res);
        assert!(set_cookie.starts_with("paillasse_session="), "{set_cookie}");
        for attr in ["HttpOnly", "SameSite=Lax", "Path=/"] {
            assert!(set_cookie.contains(attr), "{set_cookie}");
        }
        assert!(!set_cookie.contains("Secure"), "plain http here: {set_cookie}");
        let body: Value = res.json().await.unwrap();
        assert_eq!(body["email"], "marie@lab.fr");
        assert!(body.get("password_hash").is_none());

        let cookie = set_cookie.split(';').next().unwrap().to_owned();
        let res = me(&app, &cookie).await;
        assert_eq!(res.status(), 200);
        let body: Value = res.json().await.unwrap();
        assert_eq!(body["id"], person.id.to_string());
        assert_eq!(body["memberships"][0]["role"], "member");

        let history = service::audit::history(&app.db.conn, "person", &person.id.to_string()).await.unwrap();
        assert_eq!(history.last().unwrap().action, "auth.login");
        let hash = service::people::password_hash(&app.db.conn, "marie@lab.fr").await.unwrap().unwrap();
        let all = format!("{:?}", service::audit::history(&app.db.conn, "person", "marie@lab.fr").await.unwrap());
        assert!(!all.contains(PASSWORD) && !all.contains(&hash));
        let token = cookie.split('=').nth(1).unwrap();
        assert!(!format!("{history:?}").contains(token), "no token in the audit log");
    }
}

both_engines! {
    /// A wrong password and an unknown e-mail get the same answer, after similar work,
    /// and both are audited.
    async fn wrong_password_and_unknown_email_look_the_same(app) {
        marie(&app).await;
        let timed = |email: &'static str, password: &'static str| {
            let app = &app;
            async move {
                let start = Instant::now();
                let res = login(app, email, password).await;
                (start.elapsed(), res.status().as_u16(), res.json::<Value>().await.unwrap())
            }
        };
        // Minimums, interleaved: robust to the load of tests running beside this one.
        let mut wrong_fastest = Duration::MAX;
        let mut unknown_fastest = Duration::MAX;
        for _ in 0..3 {
            let (t1, s1, b1) = timed("marie@lab.fr", "not the password at all").await;
            let (t2, s2, b2) = timed("nobody@lab.fr", "not the password at all").await;
            assert_eq!((s1, s2), (401, 401));
            assert_eq!(b1, b2, "same problem body");
            wrong_fastest = wrong_fastest.min(t1);
            unknown_fastest = unknown_fastest.min(t2);
        }
        // An unknown e-mail still pays for a password hash: skipping it would make it
        // an order of magnitude faster.
        assert!(
            unknown_fastest * 3 >= wrong_fastest,
            "unknown {unknown_fastest:?} vs wrong {wrong_fastest:?}"
        );
        let failures = service::audit::history(&app.db.conn, "person", "nobody@lab.fr").await.unwrap();
        assert_eq!(failures.len(), 3);
        assert!(failures.iter().all(|r| r.action == "auth.login_failed"));
        assert!(!format!("{failures:?}").contains("not the password"));

        let res = app.post_raw("/api/v1/auth/login", r#"{"email": "marie@lab.fr"}"#).await;
        assert_eq!(res.status(), 400);
        let problem: Value = res.json().await.unwrap();
        assert_eq!(problem["errors"][0]["field"], "password");
    }
}

both_engines! {
    /// Logging out revokes the session on the server: the old cookie no longer works.
    async fn logout_revokes_the_session(app) {
        marie(&app).await;
        let cookie = cookie_of(&login(&app, "marie@lab.fr", PASSWORD).await).split(';').next().unwrap().to_owned();
        let other = cookie_of(&login(&app, "marie@lab.fr", PASSWORD).await).split(';').next().unwrap().to_owned();
        assert_eq!(me(&app, &cookie).await.status(), 200);

        let res = app.client.post(app.url("/api/v1/auth/logout")).header("cookie", &cookie).send().await.unwrap();
        assert_eq!(res.status(), 204);
        assert!(cookie_of(&res).contains("Max-Age=0"));
        assert_eq!(me(&app, &cookie).await.status(), 401, "replaying the old cookie fails");
        assert_eq!(me(&app, &other).await.status(), 200, "the other device stays signed in");
        assert_eq!(me(&app, "paillasse_session=made-up").await.status(), 401);
        assert_eq!(app.get("/api/v1/auth/me").await.status(), 401);
    }
}

both_engines! {
    /// Sessions end after the idle timeout and after their lifetime, and "everywhere"
    /// ends them all.
    async fn sessions_expire_and_can_all_be_ended(app) {
        let person = marie(&app).await;
        let policy = SessionPolicy { idle: chrono::Duration::hours(1), lifetime: chrono::Duration::hours(3) };
        let a = service::sessions::login(&app.db.conn, policy, "marie@lab.fr", PASSWORD, None).await.unwrap();
        let now = chrono::Utc::now();
        let at = |minutes: i64| now + chrono::Duration::minutes(minutes);
        let check = |minutes| service::sessions::authenticate_at(&app.db.conn, policy, &a.token, at(minutes));

        assert!(check(59).await.unwrap().is_some(), "used within the idle time");
        assert!(check(59 + 61).await.unwrap().is_none(), "idle too long");
        assert!(check(110).await.unwrap().is_some(), "kept alive by use");
        assert!(check(165).await.unwrap().is_some());
        assert!(check(181).await.unwrap().is_none(), "past the lifetime, even in use");

        let b = service::sessions::login(&app.db.conn, policy, "marie@lab.fr", PASSWORD, None).await.unwrap();
        let c = service::sessions::login(&app.db.conn, policy, "marie@lab.fr", PASSWORD, None).await.unwrap();
        service::sessions::logout_everywhere(&app.db.conn, person.id).await.unwrap();
        for s in [&b, &c] {
            assert!(service::sessions::authenticate(&app.db.conn, policy, &s.token).await.unwrap().is_none());
        }
    }
}
