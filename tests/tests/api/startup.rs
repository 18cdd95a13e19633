//! Starting up: instances started together on an empty database, an unreachable
//! database, a damaged SQLite file.

use std::time::{Duration, Instant};

use paillasse_tests::{config_for_tests, postgres::TestDatabase, TestApp};
use serde_json::{json, Value};
use server::{Application, Config};

/// Three servers started at once on an empty database: each starts (the first migrates,
/// the others wait for it), and they serve the same data.
async fn three_instances_start_together(config: Config) {
    let started =
        futures::future::join_all((0..3).map(|_| Application::build(config.clone()))).await;
    let apps: Vec<Application> = started
        .into_iter()
        .map(|r| r.unwrap_or_else(|e| panic!("an instance failed to start: {e:#}")))
        .collect();
    let counts = futures::future::join_all(apps.iter().map(|a| async {
        let db = a.database();
        sea_orm::ConnectionTrait::query_one_raw(
            &db.conn,
            sea_orm::Statement::from_string(
                db.conn.get_database_backend(),
                "SELECT COUNT(*) AS n FROM seaql_migrations",
            ),
        )
        .await
        .unwrap()
        .unwrap()
        .try_get::<i64>("", "n")
        .unwrap()
    }))
    .await;
    assert!(
        counts[0] > 0 && counts.iter().all(|c| *c == counts[0]),
        "{counts:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_instances_started_together_migrate_once() {
    for _ in 0..3 {
        let dir = tempfile::tempdir().unwrap();
        three_instances_start_together(Config {
            data_dir: dir.path().join("data"),
            ..config_for_tests()
        })
        .await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_instances_started_together_migrate_once() {
    for _ in 0..3 {
        let Some(pg) = TestDatabase::create().await else {
            return;
        };
        let dir = tempfile::tempdir().unwrap();
        three_instances_start_together(Config {
            data_dir: dir.path().join("data"),
            database_url: Some(pg.url.clone()),
            ..config_for_tests()
        })
        .await;
    }
}

/// Nothing listens on the port: start-up fails within seconds, naming the address.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unreachable_database_fails_fast_naming_its_address() {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let dir = tempfile::tempdir().unwrap();
    let config = Config {
        data_dir: dir.path().join("data"),
        database_url: Some(format!("postgres://postgres@127.0.0.1:{port}/paillasse")),
        ..config_for_tests()
    };
    let began = Instant::now();
    let error = Application::build(config)
        .await
        .err()
        .expect("start-up fails");
    assert!(
        began.elapsed() < Duration::from_secs(10),
        "took {:?}",
        began.elapsed()
    );
    let message = format!("{error:#}");
    assert!(message.contains(&format!("127.0.0.1:{port}")), "{message}");
}

/// A SQLite file with a damaged page: the server starts, serves what it can read, refuses
/// every write with a 503 that says why, `/healthz` says writes are refused, and
/// `audit verify` fails naming the damage.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_damaged_sqlite_file_is_served_read_only() {
    let root = tempfile::tempdir().unwrap();
    let app = TestApp::spawn_sqlite_in(root.path().join("data")).await;
    for i in 0..50 {
        let res = app
            .post_json("/api/v1/locations", &json!({"name": format!("Shelf {i}")}))
            .await;
        assert_eq!(res.status(), 201);
    }
    // The root page of one of the audit log's indexes: damaged, it leaves the rest
    // readable.
    let page: i64 = {
        use sea_orm::ConnectionTrait;
        app.db.conn.query_one_raw(sea_orm::Statement::from_string(
            sea_orm::DbBackend::Sqlite,
            "SELECT rootpage AS n FROM sqlite_master WHERE type = 'index' AND tbl_name = 'audit_log' AND rootpage > 1 LIMIT 1",
        )).await.unwrap().unwrap().try_get("", "n").unwrap()
    };
    let app = app
        .restart_after(|data| {
            let file = service::db::sqlite_file(data);
            let mut bytes = std::fs::read(&file).unwrap();
            let at = (page as usize - 1) * 4096;
            // An impossible page type, and garbage where the cell pointers are.
            for b in &mut bytes[at..at + 32] {
                *b = 0x7F;
            }
            std::fs::write(&file, &bytes).unwrap();
        })
        .await;

    let res = app.get("/api/v1/locations?limit=100").await;
    assert_eq!(res.status(), 200, "what can be read is served");
    assert_eq!(
        res.json::<Value>().await.unwrap()["items"]
            .as_array()
            .unwrap()
            .len(),
        50
    );
    let before = app.count("locations").await;
    let res = app
        .post_json("/api/v1/locations", &json!({"name": "One more"}))
        .await;
    assert_eq!(res.status(), 503);
    assert_eq!(
        res.json::<Value>().await.unwrap()["type"],
        "/problems/read-only"
    );
    assert_eq!(app.count("locations").await, before);
    // The pages' server functions say the same, with the same status.
    let res = app
        .client
        .post(app.url("/api/ui/create_location"))
        .bearer_auth(&app.token)
        .header("accept", "application/json")
        .form(&[
            ("name", "From a page"),
            ("parent_id", ""),
            ("csrf_token", ""),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 503);
    assert_eq!(res.json::<Value>().await.unwrap(), json!("ReadOnly"));
    assert_eq!(app.count("locations").await, before);
    let health = app.client.get(app.url("/healthz")).send().await.unwrap();
    assert_eq!(health.status(), 503);
    let health: Value = health.json().await.unwrap();
    assert_eq!(
        (health["writes"].as_str(), health["reason"].as_str()),
        (
            Some("refused"),
            Some("the database is damaged: it is open read-only")
        )
    );
}

/// A browser bundle rebuilt on disk while the server runs is not served under the id the
/// server started with (cached as immutable, the mix left tablets unable to hydrate):
/// each of its files is served while unchanged, and a changed one is a 503 no one
/// caches. The id names the files' bytes: another bundle gets another id.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_bundle_rebuilt_under_a_running_server_is_not_served_as_the_old_one() {
    let site = tempfile::tempdir().unwrap();
    let pkg = site.path().join("pkg");
    std::fs::create_dir_all(&pkg).unwrap();
    for (name, bytes) in [
        ("paillasse.js", &b"export default function init() {}"[..]),
        ("paillasse_bg.wasm", b"\0asm release"),
        ("paillasse.css", b"body {}"),
    ] {
        std::fs::write(pkg.join(name), bytes).unwrap();
    }
    let data = tempfile::tempdir().unwrap();
    let config = server::Config {
        data_dir: data.path().join("data"),
        site_dir: site.path().to_owned(),
        ..paillasse_tests::config_for_tests()
    };
    let app = server::Application::build(config.clone()).await.unwrap();
    let address = format!("http://{}", app.local_addr());
    let (tx, rx) = tokio::sync::oneshot::channel::<()>();
    let served = tokio::spawn(app.run_until(async {
        let _ = rx.await;
    }));
    let login = reqwest::get(format!("{address}/login"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let start = login.find("/pkg/").expect("the page names its bundle") + 5;
    let id: String = login[start..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect();
    let js = format!("{address}/pkg/{id}/paillasse.js");
    let res = reqwest::get(&js).await.unwrap();
    assert_eq!(res.status(), 200);
    assert!(res.headers()["cache-control"]
        .to_str()
        .unwrap()
        .contains("immutable"));

    // A debug build lands in the same directory.
    std::fs::write(
        pkg.join("paillasse.js"),
        b"export default function init() { /* debug glue */ }",
    )
    .unwrap();
    let res = reqwest::get(&js).await.unwrap();
    assert_eq!(res.status(), 503);
    assert_eq!(res.headers()["cache-control"], "no-store");
    let _ = tx.send(());
    served.await.unwrap().unwrap();

    // Started again, the server names the new bundle by its own id.
    let again = server::Application::build(config).await.unwrap();
    let address = format!("http://{}", again.local_addr());
    let (tx, rx) = tokio::sync::oneshot::channel::<()>();
    let served = tokio::spawn(again.run_until(async {
        let _ = rx.await;
    }));
    let login = reqwest::get(format!("{address}/login"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        !login.contains(&format!("/pkg/{id}/")),
        "a new bundle, a new id"
    );
    let _ = tx.send(());
    served.await.unwrap().unwrap();
}
