//! Faults below the application: a disk that fills up and empties again, an attachment
//! directory that turns read-only. On real (tmpfs) file systems, because what matters is
//! what SQLite and the file system really do, not what a mock says they do.

use std::collections::BTreeMap;

use futures::{stream, StreamExt};
use paillasse_tests::{
    mount::{fill, Mount},
    TestApp,
};
use serde_json::{json, Value};

/// A one-pixel grey PNG, different for each seed (readers ignore what follows its end).
fn png(seed: u32) -> Vec<u8> {
    let mut bytes = vec![
        0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44,
        0x52, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x00, 0x00, 0x00, 0x00, 0x3a,
        0x7e, 0x9b, 0x55, 0x00, 0x00, 0x00, 0x0a, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0x68,
        0x00, 0x00, 0x00, 0x82, 0x00, 0x81, 0x77, 0xcd, 0x72, 0xb6, 0x00, 0x00, 0x00, 0x00, 0x49,
        0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
    ];
    bytes.extend_from_slice(&seed.to_le_bytes());
    bytes
}

/// Creates `n` entries, four at a time (so several pooled connections take part), and
/// returns what each answer was: the entry's title and id when it was acknowledged.
async fn write_entries(
    app: &TestApp,
    from: usize,
    n: usize,
) -> Vec<(u16, Option<(String, String)>)> {
    stream::iter(from..from + n)
        .map(|i| async move {
            let title = format!("Entry {i}");
            let body = format!(
                "{}\n",
                "Weighed 2.000 g of NaCl into the flask. ".repeat(60)
            );
            let res = app
                .post_json("/api/v1/entries", &json!({"title": title, "body": body}))
                .await;
            let status = res.status().as_u16();
            let text = res.text().await.unwrap_or_default();
            if status == 201 {
                let v: Value = serde_json::from_str(&text).expect("an entry");
                (status, Some((title, v["id"].as_str().unwrap().to_owned())))
            } else {
                if status >= 500 {
                    let problem: Value = serde_json::from_str(&text).expect("a problem+json body");
                    assert_eq!(
                        status, 507,
                        "a write refused for lack of space is a 507, not {status}: {problem}"
                    );
                    assert_eq!(problem["type"], "/problems/storage-full");
                }
                (status, None)
            }
        })
        .buffer_unordered(4)
        .collect()
        .await
}

/// SQLite on a 24 MiB file system, one client writing entries: while the disk is full
/// each write is refused with a 507 saying so; once space is freed writes resume without
/// a restart; and after a restart every write that was answered 201 is there — before
/// the fix, a connection stuck inside a rolled-back transaction answered 201 to writes it
/// never committed.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_full_disk_loses_no_acknowledged_write() {
    let root = tempfile::tempdir().unwrap();
    let Some(disk) = Mount::tmpfs(&root.path().join("disk"), "size=24m") else {
        return;
    };
    let app = TestApp::spawn_sqlite_in(disk.path().join("data")).await;
    let mut acknowledged = BTreeMap::new();
    let mut statuses = BTreeMap::<u16, usize>::new();
    let mut record = |answers: Vec<(u16, Option<(String, String)>)>| {
        for (status, entry) in answers {
            *statuses.entry(status).or_default() += 1;
            if let Some((title, id)) = entry {
                acknowledged.insert(id, title);
            }
        }
    };
    let first = write_entries(&app, 0, 20).await;
    assert!(
        first.iter().all(|(s, _)| *s == 201),
        "an empty disk takes every write"
    );
    let entry = first[0].1.clone().unwrap().1;
    record(first);

    let ballast = fill(disk.path());
    let full = write_entries(&app, 20, 60).await;
    let refused = full.iter().filter(|(s, _)| *s == 507).count();
    record(full);
    assert!(refused > 0, "a full disk refuses writes: {statuses:?}");
    // An attachment on a full disk: refused the same way, nothing recorded.
    let attachments_before = app.count("attachments").await;
    let res = app
        .client
        .post(app.url(&format!(
            "/api/v1/entries/{entry}/attachments?filename=gel.png"
        )))
        .bearer_auth(&app.token)
        .header("content-type", "image/png")
        .body(png(1))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 507, "{}", res.text().await.unwrap());
    assert_eq!(app.count("attachments").await, attachments_before);

    std::fs::remove_file(ballast).unwrap();
    let after = write_entries(&app, 80, 40).await;
    assert!(
        after.iter().all(|(s, _)| *s == 201),
        "writes resume once space is back: {:?}",
        after.iter().map(|(s, _)| s).collect::<Vec<_>>()
    );
    record(after);
    let res = app
        .client
        .post(app.url(&format!(
            "/api/v1/entries/{entry}/attachments?filename=gel.png"
        )))
        .bearer_auth(&app.token)
        .header("content-type", "image/png")
        .body(png(2))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 201);
    let attachment: Value = res.json().await.unwrap();

    let app = app.restart().await;
    for (id, title) in &acknowledged {
        let res = app.get(&format!("/api/v1/entries/{id}")).await;
        assert_eq!(
            res.status(),
            200,
            "entry {title} was answered 201, then lost ({statuses:?})"
        );
        assert_eq!(res.json::<Value>().await.unwrap()["title"], title.as_str());
    }
    assert_eq!(
        app.count("entries").await,
        acknowledged.len() as i64,
        "{statuses:?}"
    );
    let res = app
        .get(&format!(
            "/api/v1/attachments/{}",
            attachment["id"].as_str().unwrap()
        ))
        .await;
    assert_eq!(res.status(), 200);
    assert_eq!(res.bytes().await.unwrap().to_vec(), png(2));
    let verified = service::audit::verify(&app.db.conn).await.unwrap();
    assert!(verified.is_ok(), "the audit chain verifies: {verified:?}");
}

/// An attachment directory that turns read-only under a running server: uploads are
/// refused (503, naming no path), nothing half-recorded, `/healthz` says writes are
/// refused; once writable again, uploads work and survive a restart. A server asked to
/// start on a read-only data directory refuses, naming it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_read_only_attachment_directory_refuses_uploads_and_loses_nothing() {
    let root = tempfile::tempdir().unwrap();
    let data = root.path().join("data");
    let app = TestApp::spawn_sqlite_in(data.clone()).await;
    let entry: Value = app
        .post_json("/api/v1/entries", &json!({"title": "Gel", "body": ""}))
        .await
        .json()
        .await
        .unwrap();
    let upload = |seed| {
        app.client
            .post(app.url(&format!(
                "/api/v1/entries/{}/attachments?filename=gel.png",
                entry["id"].as_str().unwrap()
            )))
            .bearer_auth(&app.token)
            .header("content-type", "image/png")
            .body(png(seed))
            .send()
    };
    let Some(read_only) = Mount::tmpfs(&data.join("attachments"), "ro,size=1m") else {
        return;
    };
    let res = upload(1).await.unwrap();
    assert_eq!(res.status(), 503);
    let problem: Value = res.json().await.unwrap();
    assert_eq!(problem["type"], "/problems/read-only");
    assert!(
        !problem.to_string().contains(&data.display().to_string()),
        "no path in {problem}"
    );
    assert_eq!(app.count("attachments").await, 0);
    let health = app.client.get(app.url("/healthz")).send().await.unwrap();
    assert_eq!(health.status(), 503);
    assert_eq!(health.json::<Value>().await.unwrap()["writes"], "refused");
    drop(read_only);

    let res = upload(2).await.unwrap();
    assert_eq!(res.status(), 201);
    let kept: Value = res.json().await.unwrap();
    let app = app.restart().await;
    let res = app
        .get(&format!(
            "/api/v1/attachments/{}",
            kept["id"].as_str().unwrap()
        ))
        .await;
    assert_eq!(res.bytes().await.unwrap().to_vec(), png(2));
    drop(app);

    let Some(_whole) = Mount::tmpfs(&root.path().join("ro-data"), "ro,size=1m") else {
        return;
    };
    let config = server::Config {
        data_dir: root.path().join("ro-data"),
        ..paillasse_tests::config_for_tests()
    };
    let refused = server::Application::build(config)
        .await
        .err()
        .expect("start-up is refused");
    let message = format!("{refused:#}");
    assert!(
        message.contains("ro-data") && message.contains("write"),
        "{message}"
    );
}
