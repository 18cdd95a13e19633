use paillasse_tests::{both_engines, Engine};
use serde_json::{json, Value};

both_engines! {
    /// `/healthz` names the engine in use.
    async fn healthz_reports_ok_and_the_engine(app) {
        let res = app.get("/healthz").await;
        assert_eq!(res.status(), 200);
        let body: Value = res.json().await.unwrap();
        let engine = match app.engine() {
            Engine::Sqlite => "sqlite",
            Engine::Postgres => "postgres",
        };
        assert_eq!(body, json!({"status": "ok", "database": engine, "writes": "ok"}));
    }
}
