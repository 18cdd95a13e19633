use std::time::{Duration, Instant};

use paillasse_tests::PASSWORD;
use paillasse_tests::{both_engines, TestApp};
use serde_json::{json, Value};
use service::{
    accounts::people::NewUser,
    accounts::sessions::{LoginAttempt, SessionPolicy},
    accounts::throttle::ThrottlePolicy,
    Actor,
};

async fn marie(app: &TestApp) -> domain::person::Person {
    let new = NewUser {
        email: "marie@lab.fr".into(),
        name: "Marie".into(),
        password: PASSWORD.into(),
        role: "member".into(),
        team: Some("Bench".into()),
    };
    service::accounts::people::add_user(&app.db.conn, &Actor::cli(), new)
        .await
        .unwrap()
}

async fn login(app: &TestApp, email: &str, password: &str) -> reqwest::Response {
    app.with_token("")
        .post(
            "/api/v1/auth/login",
            &json!({"email": email, "password": password}),
        )
        .await
}

/// Signs in and returns the cookie to send and the session's CSRF token.
async fn session(app: &TestApp, email: &str) -> (String, String) {
    let res = login(app, email, PASSWORD).await;
    assert_eq!(res.status(), 200);
    let csrf = res.headers()["x-csrf-token"].to_str().unwrap().to_owned();
    (cookie_of(&res).split(';').next().unwrap().to_owned(), csrf)
}

fn attempt(email: &str, password: &str) -> LoginAttempt {
    LoginAttempt {
        email: email.into(),
        password: password.into(),
        ..Default::default()
    }
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
        let hash = service::accounts::people::password_hash(&app.db.conn, "marie@lab.fr").await.unwrap().unwrap();
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

        let csrf = login(&app, "marie@lab.fr", PASSWORD).await.headers()["x-csrf-token"].to_str().unwrap().to_owned();
        let res = app.client.post(app.url("/api/v1/auth/logout")).header("cookie", &cookie).send().await.unwrap();
        assert_eq!(res.status(), 403, "no CSRF token: refused");
        assert_eq!(me(&app, &cookie).await.status(), 200, "and still signed in");
        let res = app.client.post(app.url("/api/v1/auth/logout")).header("cookie", &cookie).header("x-csrf-token", &csrf).send().await.unwrap();
        assert_eq!(res.status(), 403, "another session's CSRF token: refused");
        let mine = service::accounts::sessions::csrf_token(cookie.split('=').nth(1).unwrap());
        let res = app.client.post(app.url("/api/v1/auth/logout")).header("cookie", &cookie).header("x-csrf-token", &mine).send().await.unwrap();
        assert_eq!(res.status(), 204);
        assert!(cookie_of(&res).contains("Max-Age=0"));
        assert_eq!(me(&app, &cookie).await.status(), 401, "replaying the old cookie fails");
        assert_eq!(me(&app, &other).await.status(), 200, "the other device stays signed in");
        assert_eq!(me(&app, "paillasse_session=made-up").await.status(), 401);
        assert_eq!(app.with_token("").get("/api/v1/auth/me").await.status(), 401);
    }
}

both_engines! {
    /// Sessions end after the idle timeout and after their lifetime, and "everywhere"
    /// ends them all.
    async fn sessions_expire_and_can_all_be_ended(app) {
        let person = marie(&app).await;
        let policy = SessionPolicy { idle: chrono::Duration::hours(1), lifetime: chrono::Duration::hours(3) };
        let limits = ThrottlePolicy::default();
        let a = service::accounts::sessions::login(&app.db.conn, policy, &limits, attempt("marie@lab.fr", PASSWORD)).await.unwrap();
        let now = chrono::Utc::now();
        let at = |minutes: i64| now + chrono::Duration::minutes(minutes);
        let check = |minutes| service::accounts::sessions::authenticate_at(&app.db.conn, policy, &a.token, at(minutes));

        assert!(check(59).await.unwrap().is_some(), "used within the idle time");
        assert!(check(59 + 61).await.unwrap().is_none(), "idle too long");
        assert!(check(110).await.unwrap().is_some(), "kept alive by use");
        assert!(check(165).await.unwrap().is_some());
        assert!(check(181).await.unwrap().is_none(), "past the lifetime, even in use");

        let b = service::accounts::sessions::login(&app.db.conn, policy, &limits, attempt("marie@lab.fr", PASSWORD)).await.unwrap();
        let c = service::accounts::sessions::login(&app.db.conn, policy, &limits, attempt("marie@lab.fr", PASSWORD)).await.unwrap();
        service::accounts::sessions::logout_everywhere(&app.db.conn, person.id, None).await.unwrap();
        for s in [&b, &c] {
            assert!(service::accounts::sessions::authenticate(&app.db.conn, policy, &s.token).await.unwrap().is_none());
        }
    }
}

both_engines! {
    /// Every state change made with a session cookie needs the session's CSRF token (the
    /// header, or the form field of a plain HTML form); bearer tokens need none; a
    /// cross-site request changes nothing even with the token.
    async fn csrf_is_required_for_cookie_changes(app) {
        marie(&app).await;
        let (cookie, csrf) = session(&app, "marie@lab.fr").await;
        let before = app.count("locations").await;
        let post = |csrf: Option<&str>| {
            let mut req = app.client.post(app.url("/api/v1/locations")).header("cookie", &cookie).json(&json!({"name": "Freezer"}));
            if let Some(t) = csrf { req = req.header("x-csrf-token", t); }
            req.send()
        };
        let res = post(None).await.unwrap();
        assert_eq!(res.status(), 403);
        let problem: Value = res.json().await.unwrap();
        assert!(problem["detail"].as_str().unwrap().contains("CSRF"), "{problem}");
        assert_eq!(post(Some("0123456789abcdef")).await.unwrap().status(), 403);
        assert_eq!(app.count("locations").await, before, "nothing written");
        assert_eq!(post(Some(&csrf)).await.unwrap().status(), 201);

        // A server function posted by a plain form: the token travels as a form field.
        let form = |token: &str| app.client.post(app.url("/api/ui/create_location"))
            .header("cookie", &cookie)
            .header("accept", "application/json")
            .form(&[("name", "Shelf"), ("parent_id", ""), ("csrf_token", token)])
            .send();
        assert_eq!(form("wrong").await.unwrap().status(), 403);
        let ok = form(&csrf).await.unwrap();
        assert!(ok.status().is_success() || ok.status().is_redirection(), "{}", ok.status());
        assert_eq!(app.count("locations").await, before + 2);

        let cross = app.client.post(app.url("/api/v1/locations")).header("cookie", &cookie)
            .header("x-csrf-token", &csrf).header("sec-fetch-site", "cross-site")
            .json(&json!({"name": "Evil"})).send().await.unwrap();
        assert_eq!(cross.status(), 403);
        let sibling = app.client.post(app.url("/api/v1/locations")).header("cookie", &cookie)
            .header("x-csrf-token", &csrf).header("sec-fetch-site", "same-site")
            .json(&json!({"name": "From a sibling subdomain"})).send().await.unwrap();
        assert_eq!(sibling.status(), 403, "a sibling subdomain is another site for changes");
        // Bearer tokens are not sent by browsers on their own: no CSRF token needed.
        assert_eq!(app.post_json("/api/v1/locations", &json!({"name": "By script"})).await.status(), 201);
    }
}

both_engines! {
    /// After repeated failures for one account, sign-in is refused with 429 and a
    /// Retry-After (even with the right password), and every attempt is audited.
    async fn repeated_failures_lock_the_account_for_a_while(app) {
        marie(&app).await;
        for _ in 0..5 {
            assert_eq!(login(&app, "marie@lab.fr", "wrong password here").await.status(), 401);
        }
        let res = login(&app, "marie@lab.fr", PASSWORD).await;
        assert_eq!(res.status(), 429);
        let wait: u64 = res.headers()["retry-after"].to_str().unwrap().parse().unwrap();
        assert!((1..=30).contains(&wait), "{wait}");
        let problem: Value = res.json().await.unwrap();
        assert_eq!(problem["status"], 429);
        // Another account from the same address is not locked yet.
        app.person("other@lab.fr", "member", Some("Bench")).await;
        assert_eq!(login(&app, "other@lab.fr", PASSWORD).await.status(), 200);

        let audit = service::audit::history(&app.db.conn, "person", "marie@lab.fr").await.unwrap();
        let actions: Vec<&str> = audit.iter().map(|r| r.action.as_str()).collect();
        assert_eq!(actions.iter().filter(|a| **a == "auth.login_failed").count(), 5);
        assert_eq!(actions.last(), Some(&"auth.login_throttled"));

        // The delay grows: once it has passed, one more failure locks for twice as long.
        // (Wide margins: a slow machine's password hashing must not decide the outcome.)
        let limits = ThrottlePolicy { first_delay: chrono::Duration::seconds(3), ..Default::default() };
        tokio::time::sleep(std::time::Duration::from_millis(3100)).await;
        let policy = SessionPolicy::default();
        let wrong = service::accounts::sessions::login(&app.db.conn, policy, &limits, attempt("marie@lab.fr", "still wrong!!")).await;
        assert!(matches!(wrong, Err(service::ServiceError::Domain(domain::DomainError::Unauthenticated { .. }))));
        tokio::time::sleep(std::time::Duration::from_millis(3100)).await;
        let locked = service::accounts::sessions::login(&app.db.conn, policy, &limits, attempt("marie@lab.fr", PASSWORD)).await;
        assert!(matches!(locked, Err(service::ServiceError::Domain(domain::DomainError::Throttled { .. }))), "3.1 s after the 6th failure, which locks for 6 s");
    }
}

both_engines! {
    /// Once an account is held back, refused attempts write nothing — no failure row, no
    /// write lock — and the audit log gets one record a minute, not one per attempt
    /// (anonymous requests filled it and queued every writer behind them).
    async fn refused_sign_ins_write_nothing(app) {
        marie(&app).await;
        for _ in 0..5 {
            assert_eq!(login(&app, "marie@lab.fr", "wrong password here").await.status(), 401);
        }
        assert_eq!(login(&app, "marie@lab.fr", PASSWORD).await.status(), 429);
        let (failures, audit) = (app.count("login_failures").await, app.count("audit_log").await);
        for _ in 0..30 {
            assert_eq!(login(&app, "marie@lab.fr", "another guess!!").await.status(), 429);
        }
        assert_eq!(app.count("login_failures").await, failures);
        assert_eq!(app.count("audit_log").await, audit, "refusals within the minute are not recorded again");
    }
}

both_engines! {
    /// Many failures from one address hold that address back whatever the account.
    async fn repeated_failures_from_one_address_are_held_back(app) {
        let limits = ThrottlePolicy { free_per_address: 3, ..Default::default() };
        let policy = SessionPolicy::default();
        let from = |email: &str, password: &str| LoginAttempt { address: Some("192.0.2.7".into()), ..attempt(email, password) };
        for i in 0..3 {
            let r = service::accounts::sessions::login(&app.db.conn, policy, &limits, from(&format!("guess{i}@lab.fr"), "a wrong password")).await;
            assert!(matches!(r, Err(service::ServiceError::Domain(domain::DomainError::Unauthenticated { .. }))));
        }
        let r = service::accounts::sessions::login(&app.db.conn, policy, &limits, from(paillasse_tests::DEFAULT_EMAIL, PASSWORD)).await;
        assert!(matches!(r, Err(service::ServiceError::Domain(domain::DomainError::Throttled { .. }))));
        let elsewhere = LoginAttempt { address: Some("192.0.2.8".into()), ..attempt(paillasse_tests::DEFAULT_EMAIL, PASSWORD) };
        assert!(service::accounts::sessions::login(&app.db.conn, policy, &limits, elsewhere).await.is_ok());
    }
}

both_engines! {
    /// API tokens: shown once, stored hashed, usable as a bearer; revoked, expired, made
    /// up or read-only-for-writes are refused; only a browser session manages them.
    async fn api_tokens_are_checked(app) {
        marie(&app).await;
        let (cookie, csrf) = session(&app, "marie@lab.fr").await;
        let create = |body: Value| app.client.post(app.url("/api/v1/auth/tokens")).header("cookie", &cookie).header("x-csrf-token", &csrf).json(&body).send();
        let res = create(json!({"name": "plate reader", "read_only": true})).await.unwrap();
        assert_eq!(res.status(), 201);
        let ro: Value = res.json().await.unwrap();
        let ro_token = ro["token"].as_str().unwrap().to_owned();
        let rw: Value = create(json!({"name": "import script", "expires_in_days": 30})).await.unwrap().json().await.unwrap();
        let rw_token = rw["token"].as_str().unwrap().to_owned();
        assert!(rw["expires_at"].is_string());
        assert_eq!(create(json!({"name": " "})).await.unwrap().status(), 422);
        assert_eq!(create(json!({"name": "x", "expires_in_days": 0})).await.unwrap().status(), 422);

        let listed: Value = app.client.get(app.url("/api/v1/auth/tokens")).header("cookie", &cookie).send().await.unwrap().json().await.unwrap();
        assert_eq!(listed.as_array().unwrap().len(), 2);
        assert!(!listed.to_string().contains(&ro_token[4..]), "secrets are never listed");

        let as_ro = app.with_token(&ro_token);
        assert_eq!(as_ro.get("/api/v1/locations").await.status(), 200);
        let refused = as_ro.post("/api/v1/locations", &json!({"name": "Nope"})).await;
        assert_eq!(refused.status(), 403, "read-only token writing");
        let as_rw = app.with_token(&rw_token);
        assert_eq!(as_rw.post("/api/v1/locations", &json!({"name": "Yes"})).await.status(), 201);
        assert_eq!(as_rw.get("/api/v1/auth/tokens").await.status(), 403, "tokens do not manage tokens");
        let (_, admin_token) = app.person("root@lab.fr", "admin", None).await;
        let minted = app.with_token(&admin_token).post("/api/v1/people", &json!({"email": "mallory@lab.fr", "name": "M", "password": "a password of mine"})).await;
        assert_eq!(minted.status(), 403, "even an admin's token creates no account");
        assert!(minted.json::<Value>().await.unwrap()["detail"].as_str().unwrap().contains("API token"));
        assert_eq!(app.with_token("pai_made-up").get("/api/v1/locations").await.status(), 401);

        let revoke = app.client.delete(app.url(&format!("/api/v1/auth/tokens/{}", rw["id"].as_str().unwrap())))
            .header("cookie", &cookie).header("x-csrf-token", &csrf).send().await.unwrap();
        assert_eq!(revoke.status(), 204);
        assert_eq!(as_rw.get("/api/v1/locations").await.status(), 401, "revoked");

        let later = chrono::Utc::now() + chrono::Duration::days(31);
        let (_, expiring) = app.person("eve@lab.fr", "member", Some("Bench")).await;
        assert!(service::accounts::tokens::authenticate(&app.db.conn, &expiring, later).await.unwrap().is_some(), "no expiry set");
        let person = service::accounts::people::find_by_email(&app.db.conn, "marie@lab.fr").await.unwrap().unwrap();
        let short = service::accounts::tokens::create(&app.db.conn, &Actor::cli(), &person, domain::account::NewApiToken { name: "short".into(), read_only: false, expires_in_days: Some(30) }).await.unwrap();
        assert!(service::accounts::tokens::authenticate(&app.db.conn, &short.token, later).await.unwrap().is_none(), "expired");

        let audit = format!("{:?}", service::audit::history(&app.db.conn, "person", &person.id.to_string()).await.unwrap());
        assert!(audit.contains("token.create") && audit.contains("token.revoke"));
        assert!(!audit.contains(&rw_token[4..]) && !audit.contains(&ro_token[4..]), "no secret in the audit log");
    }
}

both_engines! {
    /// Changing one's password needs the current one, applies the policy, signs other
    /// devices out and keeps this one.
    async fn changing_the_password(app) {
        marie(&app).await;
        let (cookie, csrf) = session(&app, "marie@lab.fr").await;
        let (other, _) = session(&app, "marie@lab.fr").await;
        let change = |current: &str, new: &str| app.client.post(app.url("/api/v1/auth/password"))
            .header("cookie", &cookie).header("x-csrf-token", &csrf)
            .json(&json!({"current_password": current, "new_password": new})).send();
        let res = change("not the current one", "a brand new passphrase").await.unwrap();
        assert_eq!(res.status(), 422);
        let problem: Value = res.json().await.unwrap();
        assert_eq!(problem["errors"][0]["field"], "current_password");
        let res = change(PASSWORD, "short").await.unwrap();
        assert_eq!(res.status(), 422);
        let problem: Value = res.json().await.unwrap();
        assert_eq!(problem["errors"][0]["field"], "new_password");

        assert_eq!(change(PASSWORD, "a brand new passphrase").await.unwrap().status(), 204);
        assert_eq!(me(&app, &cookie).await.status(), 200, "this device stays signed in");
        assert_eq!(me(&app, &other).await.status(), 401, "other devices are signed out");
        assert_eq!(login(&app, "marie@lab.fr", PASSWORD).await.status(), 401);
        assert_eq!(login(&app, "marie@lab.fr", "a brand new passphrase").await.status(), 200);
        let hash = service::accounts::people::password_hash(&app.db.conn, "marie@lab.fr").await.unwrap().unwrap();
        assert!(hash.starts_with("$argon2id$"));
    }
}

both_engines! {
    /// The person's devices are listed (this one marked); one can be signed out by its id,
    /// but not someone else's.
    async fn signing_out_one_device(app) {
        marie(&app).await;
        let (cookie, csrf) = session(&app, "marie@lab.fr").await;
        let (phone, _) = session(&app, "marie@lab.fr").await;
        let list: Value = app.client.get(app.url("/api/v1/auth/sessions")).header("cookie", &cookie).send().await.unwrap().json().await.unwrap();
        let list = list.as_array().unwrap();
        assert_eq!(list.len(), 2);
        assert_eq!(list.iter().filter(|s| s["current"] == true).count(), 1);
        let other = list.iter().find(|s| s["current"] == false).unwrap()["id"].as_str().unwrap().to_owned();
        assert!(!phone.contains(&other), "the id is not the secret");

        app.person("x@lab.fr", "member", Some("Bench")).await;
        let (x_cookie, x_csrf) = session(&app, "x@lab.fr").await;
        let res = app.client.delete(app.url(&format!("/api/v1/auth/sessions/{other}"))).header("cookie", &x_cookie).header("x-csrf-token", &x_csrf).send().await.unwrap();
        assert_eq!(res.status(), 404, "another person's device");
        assert_eq!(me(&app, &phone).await.status(), 200);

        let res = app.client.delete(app.url(&format!("/api/v1/auth/sessions/{other}"))).header("cookie", &cookie).header("x-csrf-token", &csrf).send().await.unwrap();
        assert_eq!(res.status(), 204);
        assert_eq!(me(&app, &phone).await.status(), 401);
        assert_eq!(me(&app, &cookie).await.status(), 200);

        // Signing in again from a browser that still holds a session ends that session.
        let res = app.client.post(app.url("/api/v1/auth/login")).header("cookie", &cookie)
            .json(&json!({"email": "marie@lab.fr", "password": PASSWORD})).send().await.unwrap();
        assert_eq!(res.status(), 200);
        assert_eq!(me(&app, &cookie).await.status(), 401, "one cookie, one session");
    }
}
