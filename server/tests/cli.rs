//! The `paillasse` command line, run as a real process.

use std::process::Command;

use sea_orm::ConnectionTrait;

fn paillasse(data_dir: &std::path::Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_paillasse"))
        .arg("--data-dir")
        .arg(data_dir)
        .args(args)
        .env_remove("DATABASE_URL")
        .output()
        .expect("run paillasse")
}

#[tokio::test]
async fn audit_verify_reports_an_intact_chain_and_names_a_tampered_record() {
    let dir = tempfile::tempdir().unwrap();
    let url = service::db::default_sqlite_url(dir.path());
    let db = service::connect(&url).await.unwrap();
    let new = service::accounts::people::NewUser {
        email: "ada@lab.fr".into(),
        name: "Ada".into(),
        password: "a long enough passphrase".into(),
        role: "member".into(),
        team: Some("Bench".into()),
    };
    // person.create, team.create, then the two locations.
    let ada = service::accounts::people::add_user(&db.conn, &service::Actor::cli(), new)
        .await
        .unwrap();
    for name in ["Room", "Freezer"] {
        let new = domain::location::NewLocation {
            name: name.into(),
            ..Default::default()
        };
        service::inventory::locations::create(&db.conn, &ada, new)
            .await
            .unwrap();
    }

    let out = paillasse(dir.path(), &["audit", "verify"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stdout).contains("4 records verified"));

    db.conn
        .execute_unprepared("DROP TRIGGER audit_log_no_UPDATE")
        .await
        .unwrap();
    db.conn
        .execute_unprepared(
            "UPDATE audit_log SET after = replace(after, 'Freezer', 'Fridge') WHERE seq = 4",
        )
        .await
        .unwrap();
    let out = paillasse(dir.path(), &["audit", "verify"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stdout).contains("audit record 4 is broken"));
}

#[test]
fn audit_verify_does_not_create_a_missing_database() {
    let dir = tempfile::tempdir().unwrap();
    let out = paillasse(&dir.path().join("nowhere"), &["audit", "verify"]);
    assert_ne!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no database"));
    assert!(!dir.path().join("nowhere").exists());
}

#[test]
fn unknown_options_are_refused_with_usage() {
    let dir = tempfile::tempdir().unwrap();
    let out = paillasse(dir.path(), &["serve", "--no-such-flag"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--no-such-flag"));
}

fn user_add(data_dir: &std::path::Path, args: &[&str], stdin: &str) -> std::process::Output {
    let mut all = vec!["user", "add"];
    all.extend_from_slice(args);
    with_stdin(data_dir, &all, stdin)
}

/// Runs a command with `stdin` as its standard input (a password).
fn with_stdin(data_dir: &std::path::Path, args: &[&str], stdin: &str) -> std::process::Output {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_paillasse"))
        .arg("--data-dir")
        .arg(data_dir)
        .args(args)
        .env_remove("DATABASE_URL")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("run paillasse");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

#[test]
fn user_add_reads_the_password_from_stdin_and_refuses_bad_input() {
    let dir = tempfile::tempdir().unwrap();
    let ok = user_add(
        dir.path(),
        &["--email", "ada@lab.fr", "--name", "Ada", "--role", "admin"],
        "a long enough passphrase\n",
    );
    assert_eq!(
        ok.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
    assert!(String::from_utf8_lossy(&ok.stdout).contains("administrator"));

    let weak = user_add(
        dir.path(),
        &[
            "--email",
            "bob@lab.fr",
            "--name",
            "Bob",
            "--role",
            "member",
            "--team",
            "Bench",
        ],
        "password12\n",
    );
    assert_eq!(weak.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&weak.stderr).contains("password:"));

    let again = user_add(
        dir.path(),
        &["--email", "ADA@lab.fr", "--name", "Ada", "--role", "admin"],
        "a long enough passphrase\n",
    );
    assert_eq!(again.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&again.stderr).contains("email:"));
}

#[tokio::test]
async fn token_create_prints_a_working_token_once() {
    let dir = tempfile::tempdir().unwrap();
    let made = user_add(
        dir.path(),
        &[
            "--email",
            "ada@lab.fr",
            "--name",
            "Ada",
            "--role",
            "member",
            "--team",
            "Bench",
        ],
        "a long enough passphrase\n",
    );
    assert_eq!(made.status.code(), Some(0));
    let out = paillasse(
        dir.path(),
        &[
            "token",
            "create",
            "--email",
            "Ada@Lab.fr",
            "--name",
            "plate reader",
            "--read-only",
        ],
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let token = String::from_utf8_lossy(&out.stdout).trim().to_owned();
    assert!(token.starts_with("pai_") && token.len() > 40, "{token}");
    assert!(String::from_utf8_lossy(&out.stderr).contains("read-only"));

    let url = service::db::default_sqlite_url(dir.path());
    let db = service::connect(&url).await.unwrap();
    let who = service::accounts::tokens::authenticate(&db.conn, &token, chrono::Utc::now())
        .await
        .unwrap()
        .expect("the printed token signs in");
    assert_eq!(who.person.email, "ada@lab.fr");
    assert!(!who.may_write(), "created read-only");
    // Only a hash is stored.
    let stored = db
        .conn
        .query_one_raw(sea_orm::Statement::from_string(
            db.conn.get_database_backend(),
            "SELECT token_hash FROM api_tokens",
        ))
        .await
        .unwrap()
        .unwrap()
        .try_get::<String>("", "token_hash")
        .unwrap();
    assert_ne!(stored, token);
    assert!(!stored.contains(&token[4..]));

    let nobody = paillasse(
        dir.path(),
        &["token", "create", "--email", "no@lab.fr", "--name", "x"],
    );
    assert_eq!(nobody.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&nobody.stderr).contains("email"));
}

/// One HTTP/1.1 request over a plain socket (the server under test closes after it).
fn http(addr: &str, request: &str) -> String {
    use std::io::{Read, Write};
    let mut stream = std::net::TcpStream::connect(addr).expect("connect");
    stream.write_all(request.as_bytes()).unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    response
}

/// The real server at debug level: signing in and using a token leave neither the
/// password nor any token in the logs.
#[test]
fn no_password_or_token_reaches_the_logs() {
    use std::io::BufRead;
    let dir = tempfile::tempdir().unwrap();
    let password = "a very secret passphrase";
    let made = user_add(
        dir.path(),
        &[
            "--email",
            "ada@lab.fr",
            "--name",
            "Ada",
            "--role",
            "member",
            "--team",
            "Bench",
        ],
        &format!("{password}\n"),
    );
    assert_eq!(made.status.code(), Some(0));
    let out = paillasse(
        dir.path(),
        &["token", "create", "--email", "ada@lab.fr", "--name", "x"],
    );
    let api_token = String::from_utf8_lossy(&out.stdout).trim().to_owned();

    let mut server = Command::new(env!("CARGO_BIN_EXE_paillasse"))
        .arg("--data-dir")
        .arg(dir.path())
        .args(["serve", "--bind", "127.0.0.1:0"])
        .env_remove("DATABASE_URL")
        .env("RUST_LOG", "debug")
        .stderr(std::process::Stdio::null())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // Logs go to standard output.
    let stderr = server.stdout.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel::<String>();
    std::thread::spawn(move || {
        for line in std::io::BufReader::new(stderr)
            .lines()
            .map_while(Result::ok)
        {
            let _ = tx.send(line);
        }
    });
    let mut logs = Vec::new();
    let addr = loop {
        let line = rx
            .recv_timeout(std::time::Duration::from_secs(60))
            .expect("the server logs its address");
        logs.push(line.clone());
        if let Some(rest) = line.split("address=http://").nth(1) {
            break rest.split_whitespace().next().unwrap().to_owned();
        }
    };

    let body = format!(r#"{{"email":"ada@lab.fr","password":"{password}"}}"#);
    let login = http(
        &addr,
        &format!(
            "POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        ),
    );
    assert!(login.starts_with("HTTP/1.1 200"), "{login}");
    let session = login
        .split("paillasse_session=")
        .nth(1)
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_owned();
    let me = http(
        &addr,
        &format!("GET /api/v1/auth/me HTTP/1.1\r\nHost: x\r\nCookie: paillasse_session={session}\r\nConnection: close\r\n\r\n"),
    );
    assert!(me.starts_with("HTTP/1.1 200"), "{me}");
    let listed = http(
        &addr,
        &format!("GET /api/v1/locations HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {api_token}\r\nConnection: close\r\n\r\n"),
    );
    assert!(listed.starts_with("HTTP/1.1 200"), "{listed}");
    let body = r#"{"email":"ada@lab.fr","password":"wrong guess 12345"}"#;
    let wrong = http(
        &addr,
        &format!(
            "POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        ),
    );
    assert!(wrong.starts_with("HTTP/1.1 401"), "{wrong}");

    let _ = Command::new("kill").arg(server.id().to_string()).status();
    let _ = server.wait();
    while let Ok(line) = rx.recv_timeout(std::time::Duration::from_secs(5)) {
        logs.push(line);
    }
    let logs = logs.join("\n");
    assert!(
        logs.contains("/api/v1/auth/login"),
        "requests are logged at debug: {logs}"
    );
    for secret in [
        password,
        "wrong guess 12345",
        session.as_str(),
        api_token.as_str(),
    ] {
        assert!(!logs.contains(secret), "{secret} in the logs");
    }
}

/// `dev seed` builds a consistent lab (every quantity equals its ledger, boxes have
/// grids, every label code is registered) and `dev bench` measures it.
#[tokio::test]
async fn dev_seed_builds_a_consistent_lab_and_dev_bench_measures_it() {
    let dir = tempfile::tempdir().unwrap();
    let out = with_stdin(
        dir.path(),
        &[
            "dev",
            "seed",
            "--products",
            "7",
            "--lots",
            "450",
            "--samples",
            "420",
            "--locations",
            "120",
            "--instruments",
            "3",
        ],
        "seeded lab passphrase\n",
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("seeded 7 products, 450 lots"));

    let db = service::connect(&service::db::default_sqlite_url(dir.path()))
        .await
        .unwrap();
    let one = |sql: &'static str| {
        let db = &db;
        async move {
            let row = db
                .conn
                .query_one_raw(sea_orm::Statement::from_string(
                    db.conn.get_database_backend(),
                    sql,
                ))
                .await
                .unwrap()
                .unwrap();
            row.try_get_by_index::<i64>(0).unwrap()
        }
    };
    assert_eq!(one("SELECT COUNT(*) FROM lots").await, 450);
    assert_eq!(one("SELECT COUNT(*) FROM samples").await, 420);
    // Per 50 locations: a room, 5 freezers, 44 boxes; the last 20 are a room, 2 freezers, 17 boxes.
    assert_eq!(
        one("SELECT COUNT(*) FROM locations WHERE grid_rows = 9").await,
        44 + 44 + 17
    );
    assert_eq!(
        one("SELECT COUNT(*) FROM lots l WHERE l.quantity <> (SELECT SUM(delta) FROM movements m WHERE m.lot_id = l.id)").await,
        0
    );
    assert_eq!(
        one("SELECT COUNT(*) FROM label_codes").await,
        450 + 420 + 120 + 3
    );
    let ok = paillasse(dir.path(), &["audit", "verify"]);
    assert!(ok.status.success());

    let bench = paillasse(dir.path(), &["dev", "bench", "--iterations", "5"]);
    assert!(
        bench.status.success(),
        "{}",
        String::from_utf8_lossy(&bench.stderr)
    );
    let report = String::from_utf8_lossy(&bench.stdout);
    for line in [
        "lot by label code",
        "sample name search",
        "lots of a product",
    ] {
        assert!(report.contains(line), "{report}");
    }
}

/// A damaged database file is not intact, whatever its audit chain says: `audit verify`
/// exits 1 and says the file is damaged.
#[tokio::test]
async fn audit_verify_fails_on_a_damaged_file() {
    let dir = tempfile::tempdir().unwrap();
    let db = service::connect(&service::db::default_sqlite_url(dir.path()))
        .await
        .unwrap();
    service::accounts::people::add_user(
        &db.conn,
        &service::Actor::cli(),
        service::accounts::people::NewUser {
            email: "ada@lab.fr".into(),
            name: "Ada".into(),
            password: "a long enough passphrase".into(),
            role: "admin".into(),
            team: None,
        },
    )
    .await
    .unwrap();
    let page: i64 = db
        .conn
        .query_one_raw(sea_orm::Statement::from_string(
            sea_orm::DbBackend::Sqlite,
            "SELECT rootpage AS n FROM sqlite_master WHERE type = 'index' AND tbl_name = 'audit_log' AND rootpage > 1 LIMIT 1",
        ))
        .await
        .unwrap()
        .unwrap()
        .try_get("", "n")
        .unwrap();
    db.conn.close().await.unwrap();
    let file = service::db::sqlite_file(dir.path());
    let mut bytes = std::fs::read(&file).unwrap();
    let at = (page as usize - 1) * 4096;
    bytes[at..at + 32].fill(0x7F);
    std::fs::write(&file, &bytes).unwrap();

    let out = paillasse(dir.path(), &["audit", "verify"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("the database file is damaged"),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}
