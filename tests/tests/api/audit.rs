use paillasse_tests::{both_engines, Engine, TestApp};
use serde_json::Value;

both_engines! {
    /// Creating and updating write who, when, what, before and after.
    async fn each_change_is_audited_with_before_and_after(app) {
        let room = app.create_location("Room", None).await;
        let id = room["id"].as_str().unwrap();
        app.patch_json(&format!("/api/v1/locations/{id}"), &serde_json::json!({"name": "Room 2"})).await;

        let history = service::audit::history(&app.db.conn, "location", id).await.unwrap();
        assert_eq!(history.len(), 2);
        assert_eq!(history[0].action, "location.create");
        let ada = service::accounts::people::find_by_email(&app.db.conn, paillasse_tests::DEFAULT_EMAIL).await.unwrap().unwrap();
        assert_eq!(history[0].actor, ada.id.to_string(), "the person, by id");
        assert_eq!(history[0].before, None);
        let after: Value = serde_json::from_str(history[0].after.as_deref().unwrap()).unwrap();
        assert_eq!(after, room);
        assert_eq!(history[1].action, "location.update");
        let before: Value = serde_json::from_str(history[1].before.as_deref().unwrap()).unwrap();
        let after: Value = serde_json::from_str(history[1].after.as_deref().unwrap()).unwrap();
        assert_eq!(before["name"], "Room");
        assert_eq!(after["name"], "Room 2");
        assert!(history[1].at >= history[0].at);
    }
}

/// Makes inserts into `table` fail inside the database.
async fn sabotage(app: &TestApp, table: &str) {
    match app.engine() {
        Engine::Sqlite => {
            app.sql(&format!(
                "CREATE TRIGGER sabotage BEFORE INSERT ON {table} BEGIN SELECT RAISE(ABORT, 'sabotaged'); END"
            ))
            .await
        }
        Engine::Postgres => {
            app.sql("CREATE FUNCTION sabotage() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'sabotaged'; END $$").await;
            app.sql(&format!("CREATE TRIGGER sabotage BEFORE INSERT ON {table} FOR EACH ROW EXECUTE FUNCTION sabotage()")).await;
        }
    }
}

both_engines! {
    /// When the audit record cannot be written, the location is not written either.
    async fn a_failed_audit_write_rolls_back_the_change(app) {
        app.create_location("Before", None).await;
        let before = app.snapshot().await;
        sabotage(&app, "audit_log").await;

        let res = app.post_raw("/api/v1/locations", r#"{"name": "Doomed"}"#).await;
        assert_eq!(res.status(), 500);
        let problem: Value = res.json().await.unwrap();
        assert!(!problem["detail"].as_str().unwrap().contains("sabotaged"), "no internals leak");
        assert_eq!(app.snapshot().await, before);
    }
}

both_engines! {
    /// When the location cannot be written, no audit record (or label code) is left behind,
    /// and the chain continues cleanly afterwards.
    async fn a_failed_write_leaves_no_audit_record(app) {
        let base = app.count("audit_log").await;
        app.create_location("Before", None).await;
        let before = app.snapshot().await;
        sabotage(&app, "locations").await;

        let res = app.post_raw("/api/v1/locations", r#"{"name": "Doomed"}"#).await;
        assert_eq!(res.status(), 500);
        assert_eq!(app.snapshot().await, before);

        repair(&app, "locations").await;
        app.create_location("After", None).await;
        assert_eq!(service::audit::verify(&app.db.conn).await.unwrap(), Ok(base + 2));
    }
}

/// Removes what [`sabotage`] added.
async fn repair(app: &TestApp, table: &str) {
    match app.engine() {
        Engine::Sqlite => app.sql("DROP TRIGGER sabotage").await,
        Engine::Postgres => app.sql(&format!("DROP TRIGGER sabotage ON {table}")).await,
    }
}

both_engines! {
    /// The log refuses edits and deletions, and a tampered record is found by verify.
    async fn the_audit_log_is_append_only_and_tamper_evident(app) {
        let base = app.count("audit_log").await;
        for name in ["A", "B", "C"] {
            app.create_location(name, None).await;
        }
        assert_eq!(service::audit::verify(&app.db.conn).await.unwrap(), Ok(base + 3));

        use sea_orm::ConnectionTrait;
        assert!(app.db.conn.execute_unprepared("UPDATE audit_log SET actor = 'mallory' WHERE seq = 2").await.is_err());
        assert!(app.db.conn.execute_unprepared("DELETE FROM audit_log WHERE seq = 3").await.is_err());

        // Someone with direct database access removes the guard and edits a record.
        match app.engine() {
            Engine::Sqlite => app.sql("DROP TRIGGER audit_log_no_UPDATE").await,
            Engine::Postgres => app.sql("DROP TRIGGER audit_log_append_only ON audit_log").await,
        }
        app.sql(&format!("UPDATE audit_log SET actor = 'mallory' WHERE seq = {}", base + 2)).await;
        let broken = service::audit::verify(&app.db.conn).await.unwrap().unwrap_err();
        assert_eq!(broken.seq, base + 2);
    }
}
