use std::collections::HashSet;

use paillasse_tests::both_engines;
use serde_json::Value;

both_engines! {
    /// Walking 250 locations page by page returns each exactly once, in creation order.
    async fn pages_cover_everything_once(app) {
        let mut created = Vec::new();
        for i in 0..250 {
            let loc = app.create_location(&format!("Location {i:03}"), None).await;
            created.push(loc["id"].as_str().unwrap().to_owned());
        }

        let mut seen = Vec::new();
        let mut cursor: Option<String> = None;
        let mut pages = 0;
        loop {
            let path = match &cursor {
                Some(c) => format!("/api/v1/locations?limit=37&cursor={c}"),
                None => "/api/v1/locations?limit=37".to_owned(),
            };
            let res = app.get(&path).await;
            assert_eq!(res.status(), 200);
            let page: Value = res.json().await.unwrap();
            let items = page["items"].as_array().unwrap();
            assert!(items.len() <= 37);
            seen.extend(items.iter().map(|l| l["id"].as_str().unwrap().to_owned()));
            pages += 1;
            match page["next_cursor"].as_str() {
                Some(next) => cursor = Some(next.to_owned()),
                None => break,
            }
        }
        assert_eq!(pages, 7, "250 / 37 rounds up to 7 pages");
        assert_eq!(seen.len(), 250, "no duplicates");
        assert_eq!(seen.iter().collect::<HashSet<_>>().len(), 250);
        assert_eq!(seen, created, "creation order, no gaps");
    }
}

both_engines! {
    /// The default page is 50 long and an exactly full last page has no next cursor.
    async fn default_limit_and_exact_last_page(app) {
        for i in 0..60 {
            app.create_location(&format!("L{i}"), None).await;
        }
        let first: Value = app.get("/api/v1/locations").await.json().await.unwrap();
        assert_eq!(first["items"].as_array().unwrap().len(), 50);
        let next = first["next_cursor"].as_str().unwrap();
        let second: Value = app.get(&format!("/api/v1/locations?cursor={next}&limit=10")).await.json().await.unwrap();
        assert_eq!(second["items"].as_array().unwrap().len(), 10);
        assert_eq!(second["next_cursor"], Value::Null);
    }
}
