//! How long a tablet at the back of a cold room waits for the scan page: Chromium's CPU
//! slowed 4× and a 1.6 Mbit/s link with 150 ms of latency (set through the DevTools
//! protocol), a cold cache each time; the page counts as usable once it has hydrated.
//!
//! `cargo run --release -p paillasse-tests --example first_load -- EMAIL PASSWORD RUNS
//! NAME=URL...` signs in on each server (each needs that person), then opens `/scan` on
//! each in turn, RUNS times, and prints per server the median and range of the time to
//! hydrated and the bytes the page and its bundle took on the wire. Servers measured in
//! one run share the machine's noise: compare them, not runs on different days.

use std::time::Duration;

use fantoccini::wd::WebDriverCompatibleCommand;
use paillasse_tests::Browser;
use serde_json::{json, Value};

/// A DevTools protocol command, through chromedriver's `goog/cdp/execute`.
#[derive(Debug)]
struct Cdp(&'static str, Value);

impl WebDriverCompatibleCommand for Cdp {
    fn endpoint(
        &self,
        base_url: &url::Url,
        session_id: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base_url.join(&format!(
            "session/{}/goog/cdp/execute",
            session_id.unwrap_or_default()
        ))
    }

    fn method_and_body(&self, _: &url::Url) -> (http::Method, Option<String>) {
        let body = json!({"cmd": self.0, "params": self.1});
        (http::Method::POST, Some(body.to_string()))
    }
}

struct Measure {
    name: String,
    hydrated_ms: Vec<f64>,
    bytes: Vec<f64>,
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [email, password, runs, servers @ ..] = &args[..] else {
        anyhow::bail!("usage: first_load EMAIL PASSWORD RUNS NAME=URL...");
    };
    let runs: usize = runs.parse()?;
    let browser = Browser::start().await;
    browser.client.set_window_size(1024, 768).await?;
    let mut measures = Vec::new();
    for server in servers {
        let (name, url) = server
            .split_once('=')
            .ok_or_else(|| anyhow::anyhow!("{server}: NAME=URL"))?;
        // Signed in once per server (its session cookie stays through the cache clears).
        browser.sign_in(url, email, password, "/scan").await;
        measures.push(Measure {
            name: name.to_owned(),
            hydrated_ms: Vec::new(),
            bytes: Vec::new(),
        });
    }
    for _ in 0..runs {
        for (server, measure) in servers.iter().zip(measures.iter_mut()) {
            let url = server.split_once('=').map(|(_, u)| u).unwrap_or_default();
            let (ms, bytes) = one_load(&browser, &format!("{url}/scan")).await?;
            measure.hydrated_ms.push(ms);
            measure.bytes.push(bytes);
        }
    }
    for m in &mut measures {
        m.hydrated_ms.sort_by(f64::total_cmp);
        let kb = m.bytes.iter().cloned().fold(0.0, f64::max) / 1024.0;
        println!(
            "{}: hydrated after median {:.0} ms (min {:.0}, max {:.0}) over {} cold loads; {:.0} KiB on the wire",
            m.name,
            m.hydrated_ms[m.hydrated_ms.len() / 2],
            m.hydrated_ms[0],
            m.hydrated_ms[m.hydrated_ms.len() - 1],
            m.hydrated_ms.len(),
            kb
        );
    }
    if let [before, after, ..] = &measures[..] {
        let median = |m: &Measure| m.hydrated_ms[m.hydrated_ms.len() / 2];
        println!(
            "{} ÷ {}: {:.2}",
            after.name,
            before.name,
            median(after) / median(before)
        );
    }
    browser.close().await;
    Ok(())
}

/// Opens `url` with a cold cache on the slowed tablet and link; the milliseconds from the
/// start of navigation to hydration, and the bytes transferred.
async fn one_load(browser: &Browser, url: &str) -> anyhow::Result<(f64, f64)> {
    let client = &browser.client;
    client.goto("about:blank").await?;
    client.issue_cmd(Cdp("Network.enable", json!({}))).await?;
    client
        .issue_cmd(Cdp("Network.clearBrowserCache", json!({})))
        .await?;
    client
        .issue_cmd(Cdp(
            "Network.emulateNetworkConditions",
            json!({
                "offline": false,
                "latency": 150,
                "downloadThroughput": 1_600_000 / 8,
                "uploadThroughput": 750_000 / 8,
            }),
        ))
        .await?;
    client
        .issue_cmd(Cdp("Emulation.setCPUThrottlingRate", json!({"rate": 4})))
        .await?;
    client.goto(url).await?;
    let started = std::time::Instant::now();
    let hydrated = loop {
        let now = client
            .execute(
                "return document.documentElement.dataset.hydrated === 'true' ? performance.now() : null;",
                vec![],
            )
            .await?;
        if let Some(ms) = now.as_f64() {
            break ms;
        }
        anyhow::ensure!(
            started.elapsed() < Duration::from_secs(120),
            "{url} did not hydrate in 2 minutes"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    };
    let bytes = client
        .execute(
            "return performance.getEntries().reduce((n, e) => n + (e.transferSize || 0), 0);",
            vec![],
        )
        .await?
        .as_f64()
        .unwrap_or_default();
    client
        .issue_cmd(Cdp("Emulation.setCPUThrottlingRate", json!({"rate": 1})))
        .await?;
    client
        .issue_cmd(Cdp(
            "Network.emulateNetworkConditions",
            json!({"offline": false, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1}),
        ))
        .await?;
    Ok((hydrated, bytes))
}
