//! A real headless Chromium driven over WebDriver (chromedriver + fantoccini).

use std::{
    net::TcpListener,
    path::PathBuf,
    process::{Child, Command, Stdio},
    time::Duration,
};

use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;
use serde_json::json;

pub struct Browser {
    pub client: Client,
    driver: Child,
    _profile: tempfile::TempDir,
}

impl Browser {
    /// Starts chromedriver on a free port and a fresh Chromium profile.
    pub async fn start() -> Self {
        Self::start_with(&[]).await
    }

    /// Starts Chromium with a fake camera that films `video` (a `.y4m` file) and a
    /// permission prompt that always says yes.
    pub async fn start_with_camera(video: &std::path::Path) -> Self {
        Self::start_with(&[
            "--use-fake-ui-for-media-stream".into(),
            "--use-fake-device-for-media-stream".into(),
            format!("--use-file-for-fake-video-capture={}", video.display()),
        ])
        .await
    }

    /// Starts Chromium with JavaScript off: what a slow tablet shows and does before the
    /// page has hydrated (and what a browser without JavaScript gets).
    pub async fn start_without_javascript() -> Self {
        Self::start_with(&["--blink-settings=scriptEnabled=false".into()]).await
    }

    async fn start_with(extra: &[String]) -> Self {
        let port = free_port();
        let chromedriver = std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "chromedriver".into());
        let driver = Command::new(&chromedriver)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| {
                panic!("cannot start {chromedriver} (apt-get install chromium-driver): {e}")
            });
        let profile = tempfile::tempdir().expect("profile dir");
        let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
        let mut args: Vec<String> = [
            "--headless=new",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-quic",
            "--window-size=820,1180",
        ]
        .map(String::from)
        .to_vec();
        args.push(format!("--user-data-dir={}", profile.path().display()));
        args.extend_from_slice(extra);
        let mut caps = serde_json::Map::new();
        caps.insert(
            "goog:chromeOptions".into(),
            json!({ "binary": chromium, "args": args }),
        );
        let url = format!("http://127.0.0.1:{port}");
        let mut last_err = None;
        for _ in 0..100 {
            // chromedriver speaks plain HTTP on loopback: no TLS stack needed.
            match ClientBuilder::new(HttpConnector::new())
                .capabilities(caps.clone())
                .connect(&url)
                .await
            {
                Ok(client) => {
                    return Self {
                        client,
                        driver,
                        _profile: profile,
                    }
                }
                Err(e) => {
                    last_err = Some(e);
                    tokio::time::sleep(Duration::from_millis(100)).await;
                }
            }
        }
        panic!("chromedriver did not start: {last_err:?}");
    }

    /// Waits until the wasm app has hydrated the server-rendered page.
    pub async fn wait_for_hydration(&self) {
        self.client
            .wait()
            .at_most(Duration::from_secs(30))
            .for_element(Locator::Css("html[data-hydrated='true']"))
            .await
            .expect("the page hydrates");
    }

    /// Signs in through the sign-in page and waits to land on `next`.
    pub async fn sign_in(&self, base_url: &str, email: &str, password: &str, next: &str) {
        // `next` may hold its own query (`/scan?mode=entry&entry=…`): encode it whole.
        let encoded: String = next
            .bytes()
            .map(|b| match b {
                b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                    (b as char).to_string()
                }
                _ => format!("%{b:02X}"),
            })
            .collect();
        self.client
            .goto(&format!("{base_url}/login?next={encoded}"))
            .await
            .expect("open the sign-in page");
        self.wait_for_hydration().await;
        self.fill_login(email, password).await;
        let wanted = format!("{base_url}{next}");
        for _ in 0..200 {
            if self
                .client
                .current_url()
                .await
                .map(|u| u.as_str().to_owned())
                .ok()
                == Some(wanted.clone())
            {
                self.wait_for_hydration().await;
                return;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("signing in did not lead to {wanted}");
    }

    /// Types into the sign-in form and submits it.
    pub async fn fill_login(&self, email: &str, password: &str) {
        for (id, value) in [("login-email", email), ("login-password", password)] {
            let field = self
                .client
                .find(Locator::Id(id))
                .await
                .expect("sign-in field");
            field.clear().await.expect("clear");
            field.send_keys(value).await.expect("type");
        }
        self.client
            .find(Locator::Css(
                "[data-testid='login-form'] button[type='submit']",
            ))
            .await
            .expect("sign-in button")
            .click()
            .await
            .expect("submit");
    }

    /// Saves a screenshot under `target/browser-screenshots/` for people to look at.
    pub async fn screenshot(&self, name: &str) {
        let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("..")
            .join("target")
            .join("browser-screenshots");
        std::fs::create_dir_all(&dir).expect("screenshot dir");
        let png = self.client.screenshot().await.expect("screenshot");
        std::fs::write(dir.join(format!("{name}.png")), png).expect("write screenshot");
    }

    /// Replaces the text of the field `id`, as a person selecting it and typing would:
    /// the page sees the same input events, and what was there before is gone.
    pub async fn type_into(&self, id: &str, text: &str) {
        let field = self.client.find(Locator::Id(id)).await.unwrap();
        field.clear().await.unwrap();
        field.send_keys(text).await.unwrap();
    }

    /// Picks `day` (`YYYY-MM-DD`) in the date field `id`, as a person does with the
    /// browser's calendar (typing depends on the browser's locale: the order of day and
    /// month differs).
    pub async fn pick_date(&self, id: &str, day: &str) {
        let script = format!(
            "const f = document.getElementById('{id}'); f.value = '{day}';
             f.dispatchEvent(new Event('input', {{ bubbles: true }}));
             f.dispatchEvent(new Event('change', {{ bubbles: true }}));"
        );
        self.client.execute(&script, vec![]).await.unwrap();
    }

    /// Sets the `datetime-local` field `id` to `value` (`2026-01-15T09:00`) as its picker
    /// does (typing depends on the browser's locale, as for dates).
    pub async fn pick_time(&self, id: &str, value: &str) {
        self.pick_date(id, value).await;
    }

    /// Chooses the option showing `label` in the list `id`, as a finger does.
    pub async fn choose(&self, id: &str, label: &str) {
        let list = self.client.find(Locator::Id(id)).await.unwrap();
        list.select_by_label(label).await.unwrap();
    }

    /// Scans `code` with a keyboard-wedge scanner into the field `id`: such a scanner
    /// types the code, then Enter.
    pub async fn wedge(&self, id: &str, code: &str) {
        let field = self.client.find(Locator::Id(id)).await.unwrap();
        field.clear().await.unwrap();
        field.send_keys(&format!("{code}\n")).await.unwrap();
    }

    /// Taps what `css` finds, scrolled to the middle of the screen first as a person would
    /// (a phone's bottom bar covers the lowest 4 rem).
    pub async fn click(&self, css: &str) {
        let element = self.client.find(Locator::Css(css)).await.unwrap();
        self.client
            .execute(
                "arguments[0].scrollIntoView({block: 'center'});",
                vec![serde_json::to_value(&element).unwrap()],
            )
            .await
            .unwrap();
        element.click().await.unwrap();
    }

    /// The text of what `css` finds, or `""` when nothing matches yet: a check polled by
    /// [`wait_until`] reads pages that are still being drawn.
    pub async fn text_of(&self, css: &str) -> String {
        match self.client.find(Locator::Css(css)).await {
            Ok(e) => e.text().await.unwrap_or_default(),
            Err(_) => String::new(),
        }
    }

    /// The texts of everything `css` finds, in page order, read in one go (a list may be
    /// redrawn between two reads of its rows).
    pub async fn texts_of(&self, css: &str) -> Vec<String> {
        let script =
            format!("return [...document.querySelectorAll(\"{css}\")].map(e => e.textContent);");
        let texts = self.client.execute(&script, vec![]).await.unwrap();
        serde_json::from_value(texts).unwrap()
    }

    /// The current value of the form control `css` finds (`""` if none): what a select
    /// shows or a field holds, which its text does not say.
    pub async fn value_of(&self, css: &str) -> String {
        let script = format!("return document.querySelector(\"{css}\")?.value ?? '';");
        self.client
            .execute(&script, vec![])
            .await
            .unwrap()
            .as_str()
            .unwrap_or_default()
            .to_owned()
    }

    /// Whether the control `css` finds is disabled: a button waiting for a confirmation
    /// cannot be tapped.
    pub async fn is_disabled(&self, css: &str) -> bool {
        let script = format!("return !!document.querySelector(\"{css}\")?.disabled;");
        self.client.execute(&script, vec![]).await.unwrap() == json!(true)
    }

    /// Marks the current document; a full page load would lose the mark. With
    /// [`document_is_marked`](Self::document_is_marked), proves a change happened in
    /// place.
    pub async fn mark_document(&self) {
        self.client
            .execute("window.__paillasseMark = 42;", vec![])
            .await
            .unwrap();
    }

    /// Whether the mark set by [`mark_document`](Self::mark_document) is still there, that
    /// is, no page load happened since.
    pub async fn document_is_marked(&self) -> bool {
        self.client
            .execute("return window.__paillasseMark === 42;", vec![])
            .await
            .unwrap()
            == json!(true)
    }

    /// Switches the page to French in place, as a person taps the language switch.
    pub async fn switch_to_french(&self) {
        self.click("a[hreflang='fr']").await;
        wait_until("the page is in French", || async {
            self.client
                .execute("return document.documentElement.lang;", vec![])
                .await
                .unwrap()
                == json!("fr")
        })
        .await;
    }

    /// Whether the page fits the screen's width (no sideways scrolling); prints what sticks
    /// out when it does not, so a failure says where to look.
    pub async fn fits_width(&self) -> bool {
        let out = self
            .client
            .execute(
                "if (document.documentElement.scrollWidth <= window.innerWidth) return [];
             return [...document.querySelectorAll('body *')]
               .filter(e => e.getBoundingClientRect().right > window.innerWidth + 0.5 && !e.closest('.table-scroll'))
               .map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right))
               .slice(0, 12);",
                vec![],
            )
            .await
            .unwrap();
        if out != json!([]) {
            eprintln!("sticking out: {out}");
        }
        out == json!([])
    }

    pub async fn close(mut self) {
        let _ = self.client.clone().close().await;
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.driver.kill();
    }
}

/// Checks `check` every 50 ms for 10 s, and fails the test saying `what` it waited for:
/// the hydrated page answers a tap after a round trip to the server, never at once.
pub async fn wait_until<F, Fut>(what: &str, mut check: F)
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = bool>,
{
    for _ in 0..200 {
        if check().await {
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("timed out waiting until {what}");
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}
