use paillasse_tests::{both_engines, TestApp};
use service::{accounts::people::NewUser, Actor, ServiceError};

fn user(email: &str, role: &str, team: Option<&str>, password: &str) -> NewUser {
    NewUser {
        email: email.into(),
        name: "Marie Curie".into(),
        password: password.into(),
        role: role.into(),
        team: team.map(Into::into),
    }
}

async fn people_snapshot(app: &TestApp) -> [i64; 4] {
    [
        app.count("people").await,
        app.count("teams").await,
        app.count("memberships").await,
        app.count("audit_log").await,
    ]
}

both_engines! {
    /// A person is created with their team; the password is stored only as an argon2id
    /// hash and appears in no audit record.
    async fn adding_a_user_hashes_the_password_and_audits_without_it(app) {
        let secret = "radium and polonium 1898";
        let (audit_base, teams_base) = (app.count("audit_log").await, app.count("teams").await);
        let person = service::accounts::people::add_user(&app.db.conn, &Actor::cli(), user(" Marie@Lab.FR ", "member", Some("Radioactivity"), secret))
            .await
            .unwrap();
        assert_eq!(person.email, "marie@lab.fr");
        assert!(!person.is_admin);
        assert_eq!(person.memberships.len(), 1);
        assert_eq!(person.memberships[0].team_name, "Radioactivity");

        let hash = service::accounts::people::password_hash(&app.db.conn, "MARIE@lab.fr").await.unwrap().unwrap();
        assert!(hash.starts_with("$argon2id$"), "{hash}");
        assert!(service::accounts::password::verify(secret.into(), hash.clone()).await.unwrap());

        let records = service::audit::history(&app.db.conn, "person", &person.id.to_string()).await.unwrap();
        assert_eq!(records.len(), 1);
        assert_eq!(app.count("audit_log").await, audit_base + 2, "person and team created");
        for record in service::audit::history(&app.db.conn, "team", &person.memberships[0].team_id.to_string()).await.unwrap().iter().chain(&records) {
            let text = format!("{:?}", record);
            assert!(!text.contains(secret) && !text.contains(&hash), "no secret in {text}");
        }

        // A second member joins the existing team; an admin needs no team.
        let pierre = service::accounts::people::add_user(&app.db.conn, &Actor::cli(), user("pierre@lab.fr", "viewer", Some("Radioactivity"), "another long passphrase")).await.unwrap();
        assert_eq!(pierre.memberships[0].team_id, person.memberships[0].team_id);
        let admin = service::accounts::people::add_user(&app.db.conn, &Actor::cli(), user("admin@lab.fr", "admin", None, "administrator passphrase")).await.unwrap();
        assert!(admin.is_admin && admin.memberships.is_empty());
        assert_eq!(app.count("teams").await, teams_base + 1);
    }
}

both_engines! {
    /// Each refused account names its field and writes nothing.
    async fn refused_accounts_name_the_field_and_write_nothing(app) {
        service::accounts::people::add_user(&app.db.conn, &Actor::cli(), user("taken@lab.fr", "member", Some("Team"), "a good long password")).await.unwrap();
        let before = people_snapshot(&app).await;
        let cases = [
            (user("not-an-email", "member", Some("T"), "a good long password"), "email"),
            (user("x@lab.fr", "member", Some("T"), "too short"), "password"),
            (user("x@lab.fr", "member", Some("T"), "1q2w3e4r5t"), "password"),
            (user("x@lab.fr", "owner", Some("T"), "a good long password"), "role"),
            (user("x@lab.fr", "member", None, "a good long password"), "team"),
            (user("x@lab.fr", "member", Some("  "), "a good long password"), "team"),
            (user("TAKEN@lab.fr", "member", Some("T"), "a good long password"), "email"),
        ];
        for (new, field) in cases {
            let what = format!("{new:?}");
            match service::accounts::people::add_user(&app.db.conn, &Actor::cli(), new).await {
                Err(ServiceError::Domain(e)) => {
                    assert!(e.field_errors().iter().any(|fe| fe.field == field), "{what}: {e:?}")
                }
                other => panic!("{what}: expected a refusal, got {other:?}"),
            }
        }
        assert_eq!(people_snapshot(&app).await, before);
    }
}
