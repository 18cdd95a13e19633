//! Every page, filled with a lab's data, on a phone (360 and 390 px), a small tablet
//! (768 px) and a tablet (1024 px), in English and in French: no English on the French
//! pages, nothing scrolls sideways,
//! nothing sits in a box that scrolls sideways (but a graph that pans like a map), and everything a finger taps is at least
//! 44 px.

use paillasse_tests::{day, Browser, Engine, TestApp, DEFAULT_EMAIL, PASSWORD};
use serde_json::{json, Value};

use crate::{
    english::{english_in, english_phrases, PAGE_TEXT},
    trace::traced_lab,
};

const WIDTHS: [u32; 4] = [360, 390, 768, 1024];

/// What sticks out of the screen, what scrolls sideways inside the page, and the touch
/// targets under 44 px, as lines naming each. A checkbox or radio is tapped through its
/// label, which must be finger-sized; a plain link inside running text is not a target.
const PROBLEMS: &str = r#"
const out = [];
const name = e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className && typeof e.className === 'string' ? '.' + e.className.trim().split(/\s+/).join('.') : '') + ' «' + (e.innerText || e.value || e.getAttribute('aria-label') || '').replace(/\s+/g, ' ').trim().slice(0, 30) + '»';
const shown = e => { const r = e.getBoundingClientRect(); return r.width > 0 && r.height > 0 && e.checkVisibility({ visibilityProperty: true, contentVisibilityAuto: true }); };
// The width left beside the scroll bar, which a desktop Chromium draws and a phone lays over.
const width = document.documentElement.clientWidth;
if (document.documentElement.scrollWidth > width) {
  const wide = [...document.querySelectorAll('body *')].filter(e => shown(e) && e.getBoundingClientRect().right > width + 0.5);
  const outermost = wide.filter(e => !wide.includes(e.parentElement));
  out.push('page ' + document.documentElement.scrollWidth + ' px wide: ' + outermost.slice(0, 4).map(e => name(e) + ' to ' + Math.round(e.getBoundingClientRect().right)).join(', '));
}
for (const e of document.querySelectorAll('body *')) {
  const x = getComputedStyle(e).overflowX;
  // A graph marked `data-pans` pans like a map; its table lists the same things.
  if ((x === 'auto' || x === 'scroll') && e.scrollWidth > e.clientWidth + 1 && shown(e) && !e.closest('[data-pans]')) out.push('scrolls sideways: ' + name(e) + ' ' + e.scrollWidth + ' in ' + e.clientWidth);
}
const targets = 'button, a.button, label.button, a.nav-item, a.lang-option, .actions a, summary, select, textarea, input:not([type=hidden]):not([type=checkbox]):not([type=radio]):not([type=file])';
for (const e of document.querySelectorAll(targets)) {
  if (!shown(e)) continue;
  const r = e.getBoundingClientRect();
  if (r.height < 44 || r.width < 44) out.push('small target: ' + name(e) + ' ' + Math.round(r.width) + '×' + Math.round(r.height));
}
for (const e of document.querySelectorAll('input[type=checkbox], input[type=radio]')) {
  if (!shown(e)) continue;
  const label = e.closest('label') || (e.id && document.querySelector('label[for="' + e.id + '"]'));
  const r = (label || e).getBoundingClientRect();
  if (r.height < 44) out.push('small tick box: ' + name(label || e) + ' ' + Math.round(r.height) + ' px high');
}
return out;
"#;

/// A lab with something on every page: a room holding a freezer holding a box with a
/// lot and a sample in it, a product with its CAS number and hazards, an instrument with
/// its calibration, a protocol, an entry that used them and made a sample.
async fn full_lab(app: &TestApp) -> Vec<String> {
    let id = |v: &Value| v["id"].as_str().unwrap().to_owned();
    let traced = traced_lab(app).await;
    let room = app
        .create_location("Laboratoire de biochimie, salle 214", None)
        .await;
    let freezer = app
        .create_location(
            "Congélateur −80 °C n° 2",
            Some(room["id"].as_str().unwrap()),
        )
        .await;
    let boxed = created(app.post_json("/api/v1/locations", &json!({"name": "Boîte ARN 9×9", "parent_id": id(&freezer), "grid": {"rows": 9, "cols": 9}})).await).await;
    let product = created(app.post_json("/api/v1/products", &json!({"name": "Tris(hydroxyméthyl)aminométhane, qualité biologie moléculaire", "kind": "chemical", "cas": "77-86-1", "supplier": "Sigma-Aldrich Chimie SARL", "catalog_number": "T1503-1KG", "hazards": ["GHS05", "GHS07"]})).await).await;
    let lot = created(app.post_json("/api/v1/lots", &json!({"product_id": id(&product), "quantity": 1000, "unit": "g", "supplier_lot": "SLCD-4417-2026-XL", "expires_on": day(400), "location_id": id(&boxed), "position": "A1"})).await).await;
    let protocol = created(app.post_json("/api/v1/protocols", &json!({"name": "Extraction d'ARN au TRIzol", "steps": ["Homogénéiser le tissu dans 1 mL de TRIzol", "Centrifuger 12 000 g, 10 min, 4 °C", "Précipiter à l'isopropanol"]})).await).await;
    let codes = format!(
        "{},{}",
        lot["label_code"].as_str().unwrap(),
        traced.lot["label_code"].as_str().unwrap()
    );
    vec![
        "/locations".into(),
        format!("/locations/{}", id(&room)),
        format!("/locations/{}", id(&boxed)),
        "/products".into(),
        format!("/products/{}", id(&product)),
        "/lots".into(),
        format!("/lots/{}", id(&lot)),
        "/samples".into(),
        format!("/samples/{}", traced.made),
        "/instruments".into(),
        format!("/instruments/{}", traced.cycler),
        "/alerts".into(),
        "/search?q=tris".into(),
        "/notebook".into(),
        format!("/entries/{}", traced.entry),
        "/protocols".into(),
        format!("/protocols/{}", id(&protocol)),
        "/trace".into(),
        format!("/trace/lot/{}", id(&traced.lot)),
        format!("/trace/sample/{}", traced.made),
        format!("/print?codes={codes}"),
        "/scan".into(),
        "/scan?mode=move".into(),
        format!("/scan?mode=entry&entry={}", traced.entry),
        "/account".into(),
        "/teams".into(),
        "/people".into(),
        // The sign-in form (it shows to whoever opens it).
        "/login".into(),
    ]
}

/// The created thing, after checking it was.
async fn created(res: reqwest::Response) -> Value {
    let status = res.status();
    let body: Value = res.json().await.unwrap();
    assert_eq!(status, 201, "{body}");
    body
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_page_fits_phones_and_tablets_and_speaks_french() {
    let app = TestApp::spawn(Engine::Sqlite).await.unwrap();
    let pages = full_lab(&app).await;
    let browser = Browser::start().await;
    browser
        .sign_in(&app.address, DEFAULT_EMAIL, PASSWORD, "/locations")
        .await;
    let english = english_phrases();
    let mut problems = Vec::new();
    for lang in ["en", "fr"] {
        if lang == "fr" {
            browser.switch_to_french().await;
        }
        for (n, page) in pages.iter().enumerate() {
            browser.client.goto(&app.url(page)).await.unwrap();
            browser.wait_for_hydration().await;
            if lang == "fr" {
                let text = browser.client.execute(PAGE_TEXT, vec![]).await.unwrap();
                for found in english_in(text.as_str().unwrap(), &english) {
                    problems.push(format!("fr {page}: {found}"));
                }
            }
            for width in WIDTHS {
                browser.client.set_window_size(width, 800).await.unwrap();
                let found = browser.client.execute(PROBLEMS, vec![]).await.unwrap();
                for problem in found.as_array().unwrap() {
                    problems.push(format!(
                        "{lang} {width} px {page}: {}",
                        problem.as_str().unwrap()
                    ));
                }
                if width == 360 || width == 1024 {
                    // Named by the page's path without its ids: each run overwrites the last.
                    let path: Vec<&str> = page
                        .split('?')
                        .next()
                        .unwrap()
                        .split('/')
                        .filter(|p| !p.is_empty() && uuid::Uuid::parse_str(p).is_err())
                        .collect();
                    let shot = format!("fit-{lang}-{width}-{n:02}-{}", path.join("-"));
                    browser.screenshot(&shot).await;
                }
            }
        }
        // The sign-in page, signed out, last.
    }
    browser.close().await;
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
}
