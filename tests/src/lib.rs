//! Test harness: the real server on port 0, each test with its own database — a fresh
//! SQLite file or a freshly created PostgreSQL database, dropped afterwards.

mod browser;
mod camera;
pub mod mount;
pub mod postgres;

use std::{net::SocketAddr, path::PathBuf};

use serde_json::Value;
use server::{Application, Config};
use tokio::sync::oneshot;

pub use browser::{wait_until, Browser};
pub use camera::label_film;

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
    /// A read-write API token of [`DEFAULT_EMAIL`], a manager of team [`DEFAULT_TEAM`]:
    /// what `get`, `post_json`, ... send unless a test says otherwise.
    pub token: String,
    shutdown: Option<oneshot::Sender<()>>,
    server: Option<tokio::task::JoinHandle<anyhow::Result<()>>>,
    // Dropped last: the database outlives the server.
    _tmp: Option<tempfile::TempDir>,
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
        let data_dir = tmp.path().join("data");
        let mut app = Self::start(data_dir, pg, tmp).await;
        let (_, token) = add_person(&app.db, DEFAULT_EMAIL, "manager", Some(DEFAULT_TEAM)).await;
        app.token = token;
        Some(app)
    }

    /// Starts a server on SQLite in `data_dir`, a directory the test prepared (on a small
    /// file system, say).
    pub async fn spawn_sqlite_in(data_dir: PathBuf) -> Self {
        let tmp = tempfile::tempdir().expect("temp dir");
        let mut app = Self::start(data_dir, None, tmp).await;
        let (_, token) = add_person(&app.db, DEFAULT_EMAIL, "manager", Some(DEFAULT_TEAM)).await;
        app.token = token;
        app
    }

    /// Stops the server (as a SIGTERM would: requests in flight finish, the pool closes)
    /// and starts a new one on the same database and data directory.
    pub async fn restart(self) -> Self {
        self.restart_after(|_| ()).await
    }

    /// [`restart`](Self::restart), doing `meanwhile` to the stopped server's data
    /// directory (to damage a file, say).
    pub async fn restart_after(mut self, meanwhile: impl FnOnce(&std::path::Path)) -> Self {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        if let Some(server) = self.server.take() {
            server
                .await
                .expect("the server task")
                .expect("the server stops cleanly");
        }
        let (data_dir, token) = (self.data_dir.clone(), self.token.clone());
        let (tmp, pg) = (self._tmp.take().expect("temp dir"), self._pg.take());
        meanwhile(&data_dir);
        let mut app = Self::start(data_dir, pg, tmp).await;
        app.token = token;
        app
    }

    async fn start(
        data_dir: PathBuf,
        pg: Option<postgres::TestDatabase>,
        tmp: tempfile::TempDir,
    ) -> Self {
        let config = Config {
            data_dir: data_dir.clone(),
            database_url: pg.as_ref().map(|p| p.url.clone()),
            ..config_for_tests()
        };
        let app = Application::build(config).await.expect("the server starts");
        let address = format!("http://{}", app.local_addr());
        let db = app.database().clone();
        let (tx, rx) = oneshot::channel();
        let server = tokio::spawn(app.run_until(async {
            let _ = rx.await;
        }));
        let client = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            // A stuck request fails its test instead of hanging the suite.
            .timeout(std::time::Duration::from_secs(90))
            .build()
            .expect("http client");
        Self {
            address,
            client,
            db,
            data_dir,
            token: String::new(),
            shutdown: Some(tx),
            server: Some(server),
            _tmp: Some(tmp),
            _pg: pg,
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.address, path)
    }

    /// Requests as the default person.
    pub fn me(&self) -> As<'_> {
        self.with_token(&self.token)
    }

    /// Requests with another API token (`""`: anonymous).
    pub fn with_token<'a>(&'a self, token: &str) -> As<'a> {
        As {
            app: self,
            token: token.to_owned(),
        }
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.me().get(path).await
    }

    pub async fn post_json(&self, path: &str, body: &Value) -> reqwest::Response {
        self.me()
            .send(reqwest::Method::POST, path, Some(body))
            .await
    }

    pub async fn patch_json(&self, path: &str, body: &Value) -> reqwest::Response {
        self.me()
            .send(reqwest::Method::PATCH, path, Some(body))
            .await
    }

    pub async fn put_json(&self, path: &str, body: &Value) -> reqwest::Response {
        self.me().put(path, body).await
    }

    /// Sends a raw body with a JSON content type (for malformed input).
    pub async fn post_raw(&self, path: &str, body: &str) -> reqwest::Response {
        self.client
            .post(self.url(path))
            .bearer_auth(&self.token)
            .header("content-type", "application/json")
            .body(body.to_owned())
            .send()
            .await
            .expect("POST")
    }

    /// Sends a file as the raw body (an upload), as the default person.
    pub async fn put_file(
        &self,
        path: &str,
        content_type: &str,
        bytes: Vec<u8>,
    ) -> reqwest::Response {
        self.client
            .put(self.url(path))
            .bearer_auth(&self.token)
            .header("content-type", content_type)
            .body(bytes)
            .send()
            .await
            .expect("PUT")
    }

    /// Creates a person (and their team if needed) with an API token; `role` is `admin`
    /// or a team role.
    pub async fn person(
        &self,
        email: &str,
        role: &str,
        team: Option<&str>,
    ) -> (domain::person::Person, String) {
        add_person(&self.db, email, role, team).await
    }

    /// Creates a product (`name`, `kind`) and a lot of it (`lot`: the lot's fields but
    /// `product_id`) through the API, and returns the lot.
    pub async fn create_lot(&self, name: &str, kind: &str, lot: Value) -> Value {
        let res = self
            .post_json(
                "/api/v1/products",
                &serde_json::json!({"name": name, "kind": kind}),
            )
            .await;
        assert_eq!(res.status(), 201, "creating {name}");
        let product: Value = res.json().await.expect("json");
        let mut body = lot;
        body["product_id"] = product["id"].clone();
        let res = self.post_json("/api/v1/lots", &body).await;
        assert_eq!(res.status(), 201, "receiving a lot of {name}");
        res.json().await.expect("json")
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

/// A test server's settings: port 0, SQLite in `./data` (to be replaced), the test
/// bundle, small uploads.
pub fn config_for_tests() -> Config {
    Config {
        bind: SocketAddr::from(([127, 0, 0, 1], 0)),
        data_dir: PathBuf::from("data"),
        database_url: None,
        base_url: None,
        site_dir: site_dir(),
        sessions: Default::default(),
        throttle: Default::default(),
        max_upload_bytes: MAX_UPLOAD_BYTES,
        confirm_use: Default::default(),
        time_zone: Default::default(),
    }
}

/// The day `offset` days from today, as `YYYY-MM-DD`: tests date things relative to the
/// day they run, never to a fixed date that will pass.
pub fn day(offset: i64) -> String {
    (chrono::Utc::now().date_naive() + chrono::Duration::days(offset)).to_string()
}

/// The test servers' upload limit: small, so a test can go over it cheaply.
pub const MAX_UPLOAD_BYTES: u64 = 1024 * 1024;

/// The person every test acts as by default, and their team.
pub const DEFAULT_EMAIL: &str = "ada@lab.test";
pub const DEFAULT_TEAM: &str = "Lab";
/// Every test person's password.
pub const PASSWORD: &str = "tablets in gloves 2026";

async fn add_person(
    db: &service::Database,
    email: &str,
    role: &str,
    team: Option<&str>,
) -> (domain::person::Person, String) {
    let new = service::accounts::people::NewUser {
        email: email.into(),
        name: email.split('@').next().unwrap_or(email).into(),
        password: PASSWORD.into(),
        role: role.into(),
        team: team.map(str::to_owned),
    };
    let actor = service::Actor::cli();
    let person = service::accounts::people::add_user(&db.conn, &actor, new)
        .await
        .expect("test person");
    let token = service::accounts::tokens::create(
        &db.conn,
        &actor,
        &person,
        domain::account::NewApiToken {
            name: "tests".into(),
            read_only: false,
            expires_in_days: None,
        },
    )
    .await
    .expect("test token");
    (person, token.token)
}

/// Requests made with one API token.
pub struct As<'a> {
    app: &'a TestApp,
    token: String,
}

impl As<'_> {
    pub async fn send(
        &self,
        method: reqwest::Method,
        path: &str,
        body: Option<&Value>,
    ) -> reqwest::Response {
        let mut req = self.app.client.request(method.clone(), self.app.url(path));
        if !self.token.is_empty() {
            req = req.bearer_auth(&self.token);
        }
        if let Some(body) = body {
            req = req.json(body);
        }
        req.send()
            .await
            .unwrap_or_else(|e| panic!("{method} {path}: {e}"))
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.send(reqwest::Method::GET, path, None).await
    }

    pub async fn post(&self, path: &str, body: &Value) -> reqwest::Response {
        self.send(reqwest::Method::POST, path, Some(body)).await
    }

    pub async fn patch(&self, path: &str, body: &Value) -> reqwest::Response {
        self.send(reqwest::Method::PATCH, path, Some(body)).await
    }

    pub async fn put(&self, path: &str, body: &Value) -> reqwest::Response {
        self.send(reqwest::Method::PUT, path, Some(body)).await
    }

    pub async fn delete(&self, path: &str) -> reqwest::Response {
        self.send(reqwest::Method::DELETE, path, None).await
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

    /// Shares one thing with a team (`access`: read or write), straight in the database
    /// (for fixtures whose sharer is not the point).
    pub async fn share(&self, kind: &str, id: &str, team: uuid::Uuid, access: &str) {
        use sea_orm::{ConnectionTrait, DbBackend, Statement};
        let backend = self.db.conn.get_database_backend();
        let sql = match backend {
            DbBackend::Postgres => "INSERT INTO shares (entity_kind, entity_id, team_id, access, created_at) VALUES ($1, $2, $3, $4, $5)",
            _ => "INSERT INTO shares (entity_kind, entity_id, team_id, access, created_at) VALUES (?, ?, ?, ?, ?)",
        };
        let id = uuid::Uuid::parse_str(id).expect("an id");
        self.db
            .conn
            .execute_raw(Statement::from_sql_and_values(
                backend,
                sql,
                [
                    kind.into(),
                    id.into(),
                    team.into(),
                    access.into(),
                    chrono::Utc::now().into(),
                ],
            ))
            .await
            .expect("share");
    }

    /// Ends every share of one thing, straight in the database.
    pub async fn unshare(&self, kind: &str, id: &str) {
        use sea_orm::{ConnectionTrait, DbBackend, Statement};
        let backend = self.db.conn.get_database_backend();
        let sql = match backend {
            DbBackend::Postgres => "DELETE FROM shares WHERE entity_kind = $1 AND entity_id = $2",
            _ => "DELETE FROM shares WHERE entity_kind = ? AND entity_id = ?",
        };
        let id = uuid::Uuid::parse_str(id).expect("an id");
        self.db
            .conn
            .execute_raw(Statement::from_sql_and_values(
                backend,
                sql,
                [kind.into(), id.into()],
            ))
            .await
            .expect("unshare");
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
