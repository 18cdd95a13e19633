use paillasse_tests::{Engine, TestApp};
use sea_orm::{ConnectionTrait, Statement};

/// The SQLite default is durable: WAL, synchronous=FULL, foreign keys on, a busy
/// timeout — on every pooled connection, and the file is in the data directory.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_is_opened_for_durability() {
    let app = TestApp::spawn(Engine::Sqlite).await.unwrap();
    assert!(app.data_dir.join("paillasse.sqlite").is_file());
    // Several at once, so more than one pooled connection is checked.
    let checks = (0..4).map(|_| async {
        let pragma = |name: &str| {
            let sql = format!("PRAGMA {name}");
            let conn = app.db.conn.clone();
            async move {
                let row = conn
                    .query_one_raw(Statement::from_string(conn.get_database_backend(), sql))
                    .await
                    .unwrap()
                    .unwrap();
                row.try_get_by_index::<sea_orm::prelude::Json>(0)
                    .map(|v| v.to_string())
                    .or_else(|_| row.try_get_by_index::<String>(0))
                    .or_else(|_| row.try_get_by_index::<i64>(0).map(|v| v.to_string()))
                    .unwrap()
            }
        };
        (
            pragma("journal_mode").await,
            pragma("synchronous").await,
            pragma("foreign_keys").await,
            pragma("busy_timeout").await,
        )
    });
    for (journal, sync, fk, busy) in futures::future::join_all(checks).await {
        assert_eq!(journal, "wal");
        assert_eq!(sync, "2", "FULL");
        assert_eq!(fk, "1");
        assert!(busy.parse::<i64>().unwrap() >= 1000);
    }
}

/// Restarting on the same data directory keeps what was committed (migrations are
/// idempotent, nothing is lost).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn data_survives_a_restart() {
    let tmp = tempfile::tempdir().unwrap();
    let config = || server::Config {
        data_dir: tmp.path().to_path_buf(),
        ..paillasse_tests::config_for_tests()
    };
    let first = server::Application::build(config()).await.unwrap();
    let db = first.database().clone();
    let new = service::accounts::people::NewUser {
        email: "ada@lab.fr".into(),
        name: "Ada".into(),
        password: paillasse_tests::PASSWORD.into(),
        role: "admin".into(),
        team: Some("Lab".into()),
    };
    let ada = service::accounts::people::add_user(&db.conn, &service::Actor::cli(), new)
        .await
        .unwrap();
    service::inventory::locations::create(
        &db.conn,
        &ada,
        domain::location::NewLocation {
            name: "Kept".into(),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    drop(first);
    db.conn.close_by_ref().await.unwrap();

    let second = server::Application::build(config()).await.unwrap();
    let all = service::inventory::locations::list_all(&second.database().conn, &ada)
        .await
        .unwrap();
    assert_eq!(all.len(), 1);
    assert_eq!(all[0].name, "Kept");
}
