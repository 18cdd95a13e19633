//! Test harness: the real server on port 0, each test with its own database — a fresh
//! SQLite file or a freshly created PostgreSQL database, dropped afterwards.

mod browser;
mod postgres;

use std::{net::SocketAddr, path::PathBuf};

use serde_json::Value;
use server::{Application, Config};
use tokio::sync::oneshot;

pub use browser::Browser;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Engine {
    Sqlite,
    Postgres,
}

/// A running server and what a test needs to talk to it and to inspect its database.
pub struct TestApp {
    pub address: String,
    pub client: reqwest::Client,
    pub db: service::Database,
    pub data_dir: PathBuf,
    shutdown: Option<oneshot::Sender<()>>,
    // Dropped last: the database outlives the server.
    _tmp: tempfile::TempDir,
    _pg: Option<postgres::TestDatabase>,
}

impl TestApp {
    /// Starts a server on a fresh database. `None` only for PostgreSQL outside CI when no
    /// server is reachable (the test is then skipped, loudly).
    pub async fn spawn(engine: Engine) -> Option<Self> {
        let tmp = tempfile::tempdir().expect("temp dir");
        let pg = match engine {
            Engine::Sqlite => None,
            Engine::Postgres => Some(postgres::TestDatabase::create().await?),
        };
        let config = Config {
            bind: SocketAddr::from(([127, 0, 0, 1], 0)),
            data_dir: tmp.path().join("data"),
            database_url: pg.as_ref().map(|p| p.url.clone()),
            base_url: None,
            site_dir: site_dir(),
            sessions: Default::default(),
        };
        let app = Application::build(config).await.expect("the server starts");
        let address = format!("http://{}", app.local_addr());
        let db = app.database().clone();
        let (tx, rx) = oneshot::channel();
        tokio::spawn(app.run_until(async {
            let _ = rx.await;
        }));
        let client = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            // A stuck request fails its test instead of hanging the suite.
            .timeout(std::time::Duration::from_secs(90))
            .build()
            .expect("http client");
        Some(Self {
            address,
            client,
            db,
            data_dir: tmp.path().join("data"),
            shutdown: Some(tx),
            _tmp: tmp,
            _pg: pg,
        })
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.address, path)
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client.get(self.url(path)).send().await.expect("GET")
    }

    pub async fn post_json(&self, path: &str, body: &Value) -> reqwest::Response {
        self.client
            .post(self.url(path))
            .json(body)
            .send()
            .await
            .expect("POST")
    }

    pub async fn patch_json(&self, path: &str, body: &Value) -> reqwest::Response {
        self.client
            .patch(self.url(path))
            .json(body)
            .send()
            .await
            .expect("PATCH")
    }

    /// Sends a raw body with a JSON content type (for malformed input).
    pub async fn post_raw(&self, path: &str, body: &str) -> reqwest::Response {
        self.client
            .post(self.url(path))
            .header("content-type", "application/json")
            .body(body.to_owned())
            .send()
            .await
            .expect("POST")
    }

    /// Creates a location through the API and returns it.
    pub async fn create_location(&self, name: &str, parent: Option<&str>) -> Value {
        let res = self
            .post_json(
                "/api/v1/locations",
                &serde_json::json!({"name": name, "parent_id": parent}),
            )
            .await;
        assert_eq!(res.status(), 201, "creating {name}");
        res.json().await.expect("json")
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
    }
}

/// The browser bundle built by `cargo xtask build-frontend` (the test command builds it).
pub fn site_dir() -> PathBuf {
    std::env::var_os("PAILLASSE_SITE_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR"))
                .join("..")
                .join("target")
                .join("site")
        })
}

/// Runs the same test body on a fresh SQLite file and on a fresh PostgreSQL database.
#[macro_export]
macro_rules! both_engines {
    ($(#[doc = $doc:literal])* async fn $name:ident($app:ident) $body:block) => {
        $(#[doc = $doc])*
        mod $name {
            #[allow(unused_imports)]
            use super::*;

            async fn body($app: $crate::TestApp) $body

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                let app = $crate::TestApp::spawn($crate::Engine::Sqlite).await.expect("sqlite");
                body(app).await
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                if let Some(app) = $crate::TestApp::spawn($crate::Engine::Postgres).await {
                    body(app).await
                }
            }
        }
    };
}

impl TestApp {
    /// Rows in a table, read straight from the database.
    pub async fn count(&self, table: &str) -> i64 {
        use sea_orm::{ConnectionTrait, Statement};
        let backend = self.db.conn.get_database_backend();
        let row = self
            .db
            .conn
            .query_one_raw(Statement::from_string(
                backend,
                format!("SELECT COUNT(*) AS n FROM {table}"),
            ))
            .await
            .expect("count query")
            .expect("a row");
        row.try_get::<i64>("", "n").expect("count")
    }

    /// Counts of every table a location write touches, to prove a refused write changed
    /// nothing.
    pub async fn snapshot(&self) -> [i64; 3] {
        [
            self.count("locations").await,
            self.count("label_codes").await,
            self.count("audit_log").await,
        ]
    }

    /// Runs SQL as-is (for tests that sabotage or tamper on purpose).
    pub async fn sql(&self, sql: &str) {
        use sea_orm::ConnectionTrait;
        self.db.conn.execute_unprepared(sql).await.expect(sql);
    }

    pub fn engine(&self) -> Engine {
        match self.db.engine {
            service::Engine::Sqlite => Engine::Sqlite,
            service::Engine::Postgres => Engine::Postgres,
        }
    }
}
