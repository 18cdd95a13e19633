use std::process::Command;

use paillasse_tests::{both_engines, day, TestApp};
use serde_json::{json, Value};

/// A lot of a product named `name`, with a supplier lot number and expiry.
async fn lot(app: &TestApp, name: &str) -> Value {
    let product: Value = app
        .post_json(
            "/api/v1/products",
            &json!({"name": name, "kind": "chemical"}),
        )
        .await
        .json()
        .await
        .unwrap();
    let res = app.post_json("/api/v1/lots", &json!({
        "product_id": product["id"], "quantity": 1, "unit": "L", "supplier_lot": "SL-77", "expires_on": day(1500)
    })).await;
    assert_eq!(res.status(), 201);
    res.json().await.unwrap()
}

fn location_of(res: &reqwest::Response) -> String {
    res.headers()["location"].to_str().unwrap().to_owned()
}

both_engines! {
    /// A code — as printed, typed in lower case without its dash, or read from the QR's
    /// URL — names its thing for scripts and sends a phone's browser to the thing's page;
    /// an invalid or unknown one, or one from another team, lands on a page that says so.
    async fn a_label_code_opens_its_thing(app) {
        let lot = lot(&app, "Methanol").await;
        let code = lot["label_code"].as_str().unwrap();
        let typed = code.replace('-', "").to_lowercase();
        let res = app.get(&format!("/api/v1/labels/{typed}")).await;
        assert_eq!(res.status(), 200);
        let target: Value = res.json().await.unwrap();
        assert_eq!(target["kind"], "lot");
        assert_eq!(target["id"], lot["id"]);
        assert_eq!(target["label_code"], code);
        assert_eq!(target["name"], "Methanol");
        assert_eq!(target["fields"], json!(["Lot SL-77", format!("Exp {}", day(1500))]));
        assert_eq!(target["retired"], false);

        let res = app.get(&format!("/l/{typed}")).await;
        assert_eq!(res.status(), 303);
        assert_eq!(location_of(&res), format!("/lots/{}", lot["id"].as_str().unwrap()));

        // One character mistyped: the check symbol catches it.
        let mut wrong: Vec<char> = code.replace('-', "").chars().collect();
        wrong[2] = if wrong[2] == 'A' { 'B' } else { 'A' };
        let wrong: String = wrong.into_iter().collect();
        let res = app.get(&format!("/api/v1/labels/{wrong}")).await;
        assert_eq!(res.status(), 422);
        let problem: Value = res.json().await.unwrap();
        assert_eq!(problem["errors"][0]["field"], "code");
        assert!(problem["errors"][0]["message"].as_str().unwrap().contains("check"), "{problem}");
        let res = app.get(&format!("/l/{wrong}")).await;
        assert_eq!(res.status(), 303);
        assert!(location_of(&res).ends_with("&label=invalid"));

        let (_, outsider) = app.person("eve@elsewhere.test", "member", Some("Elsewhere")).await;
        let res = app.with_token(&outsider).get(&format!("/api/v1/labels/{code}")).await;
        assert_eq!(res.status(), 404, "another team's code says nothing");
        let res = app.with_token(&outsider).get(&format!("/l/{code}")).await;
        assert!(location_of(&res).ends_with("&label=unknown"));
    }
}

both_engines! {
    /// A relabelled lot gets a new code; the old one still finds it, saying it is retired,
    /// and cannot be retired twice; the history records the change.
    async fn a_relabelled_thing_is_found_by_both_codes(app) {
        let lot = lot(&app, "Acetonitrile").await;
        let old = lot["label_code"].as_str().unwrap();
        let res = app.post_json(&format!("/api/v1/labels/{old}/relabel"), &json!({})).await;
        assert_eq!(res.status(), 200);
        let new: Value = res.json().await.unwrap();
        let new_code = new["label_code"].as_str().unwrap();
        assert_ne!(new_code, old);
        let stored: Value = app.get(&format!("/api/v1/lots/{}", lot["id"].as_str().unwrap())).await.json().await.unwrap();
        assert_eq!(stored["label_code"], new_code);

        let by_old: Value = app.get(&format!("/api/v1/labels/{old}")).await.json().await.unwrap();
        assert_eq!(by_old["retired"], true);
        assert_eq!(by_old["current_code"], new_code);
        let res = app.get(&format!("/l/{old}")).await;
        assert!(location_of(&res).contains("?relabelled="), "{}", location_of(&res));
        let res = app.post_json(&format!("/api/v1/labels/{old}/relabel"), &json!({})).await;
        assert_eq!(res.status(), 404);
        let history: Value = app.get(&format!("/api/v1/history/lot/{}", lot["id"].as_str().unwrap())).await.json().await.unwrap();
        assert!(history.to_string().contains("lot.relabel"));
    }
}

/// Runs a tool the round trip needs, failing loudly when it is not installed.
fn run(tool: &str, args: &[&str]) -> std::process::Output {
    Command::new(tool).args(args).output().unwrap_or_else(|e| {
        panic!("{tool} is needed (apt-get install poppler-utils zbar-tools): {e}")
    })
}

both_engines! {
    /// A sheet printed through the API, rasterised by poppler and read by zbar (decoders
    /// nobody here wrote), holds each code's URL; ZPL holds them too; bad requests name
    /// their field.
    async fn printed_sheets_and_zpl_hold_each_label_url(app) {
        let mut codes = Vec::new();
        for name in ["Ethanol", "Glycerol", "Tris base"] {
            codes.push(lot(&app, name).await["label_code"].as_str().unwrap().to_owned());
        }
        let res = app.get(&format!("/api/v1/labels/sheet.pdf?codes={}&template=avery-5160&start=4", codes.join(","))).await;
        assert_eq!(res.status(), 200);
        assert_eq!(res.headers()["content-type"], "application/pdf");
        let pdf = res.bytes().await.unwrap();
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("sheet.pdf");
        std::fs::write(&file, &pdf).unwrap();
        let prefix = dir.path().join("page");
        let out = run("pdftoppm", &["-r", "300", "-gray", "-png", file.to_str().unwrap(), prefix.to_str().unwrap()]);
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let page = std::fs::read_dir(dir.path()).unwrap().flatten().map(|e| e.path()).find(|p| p.extension().is_some_and(|e| e == "png")).unwrap();
        let out = run("zbarimg", &["--raw", "-q", page.to_str().unwrap()]);
        let mut found: Vec<String> = String::from_utf8_lossy(&out.stdout).lines().map(str::to_owned).collect();
        found.sort();
        let mut expected: Vec<String> = codes.iter().map(|c| format!("{}/l/{}", app.address, c.replace('-', ""))).collect();
        expected.sort();
        assert_eq!(found, expected);

        let res = app.get(&format!("/api/v1/labels/labels.zpl?codes={}&dpi=300&width_mm=40&height_mm=20", codes.join(","))).await;
        assert_eq!(res.status(), 200);
        let zpl = res.text().await.unwrap();
        assert_eq!(zpl.matches("^XA").count(), 3);
        for code in &codes {
            assert!(zpl.contains(&format!("^FDQA,{}/l/{}^FS", app.address, code.replace('-', ""))), "{zpl}");
        }

        let (_, outsider) = app.person("eve@elsewhere.test", "member", Some("Elsewhere")).await;
        let theirs: Value = app.with_token(&outsider).post("/api/v1/locations", &json!({"name": "Their shelf"})).await.json().await.unwrap();
        let bad = [
            ("/api/v1/labels/sheet.pdf".to_owned(), "codes"),
            (format!("/api/v1/labels/sheet.pdf?codes={},nonsense", codes[0]), "codes[1]"),
            (format!("/api/v1/labels/sheet.pdf?codes={}", theirs["label_code"].as_str().unwrap()), "codes[0]"),
            (format!("/api/v1/labels/sheet.pdf?codes={}&template=avery-9999", codes[0]), "template"),
            (format!("/api/v1/labels/sheet.pdf?codes={}&start=31&template=avery-5160", codes[0]), "start"),
            (format!("/api/v1/labels/sheet.pdf?codes={}&template=custom&page_mm=210x297&label_mm=300x20&grid=1x10&margin_mm=0x0&pitch_mm=300x20", codes[0]), "template"),
            (format!("/api/v1/labels/sheet.pdf?codes={}&template=custom&page_mm=A4", codes[0]), "page_mm"),
            (format!("/api/v1/labels/labels.zpl?codes={}&dpi=600", codes[0]), "dpi"),
        ];
        for (path, field) in bad {
            let res = app.get(&path).await;
            assert_eq!(res.status(), 422, "{path}");
            let problem: Value = res.json().await.unwrap();
            assert_eq!(problem["errors"][0]["field"], field, "{path}: {problem}");
        }

        // A custom sheet that fits is printed.
        let res = app.get(&format!("/api/v1/labels/sheet.pdf?codes={}&template=custom&page_mm=100x100&label_mm=40x20&grid=2x4&margin_mm=5x5&pitch_mm=45x22", codes[0])).await;
        assert_eq!(res.status(), 200);
        let res = app.get(&format!("/api/v1/labels/{}/qr.svg", codes[0])).await;
        assert_eq!(res.headers()["content-type"], "image/svg+xml");
        assert!(res.text().await.unwrap().contains("<svg"));
        // The print dialog's preview: the label at the template's size, with its name.
        let res = app.get(&format!("/api/v1/labels/{}/preview.svg?template=avery-5160", codes[0])).await;
        assert_eq!(res.status(), 200);
        let svg = res.text().await.unwrap();
        assert!(svg.contains("viewBox=\"0 0 66.675 25.400\"") && svg.contains(">Ethanol<"), "{svg}");
    }
}

both_engines! {
    /// A photo of a label (the phone's own camera, no live scanning) names the thing; a
    /// photo without a label, or a file that is no photo, is refused naming `image`.
    async fn a_photo_of_a_label_names_its_thing(app) {
        let lot = lot(&app, "Hexane").await;
        let code = lot["label_code"].as_str().unwrap();
        let png = app.get(&format!("/api/v1/labels/{code}/qr.png")).await.bytes().await.unwrap();
        let res = app.client.post(app.url("/api/v1/labels/decode")).bearer_auth(&app.token).header("content-type", "image/png").body(png.to_vec()).send().await.unwrap();
        assert_eq!(res.status(), 200);
        let target: Value = res.json().await.unwrap();
        assert_eq!(target["id"], lot["id"]);
        for (body, code) in [(b"%PDF-1.4".to_vec(), "not_an_image"), (blank_png(), "no_label")] {
            let res = app.client.post(app.url("/api/v1/labels/decode")).bearer_auth(&app.token).body(body).send().await.unwrap();
            assert_eq!(res.status(), 422);
            let problem: Value = res.json().await.unwrap();
            assert_eq!(problem["errors"][0]["field"], "image");
            assert_eq!(problem["errors"][0]["code"], code);
        }
    }
}

/// The well-known smallest PNG (one transparent pixel): an image without any label.
fn blank_png() -> Vec<u8> {
    vec![
        0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44,
        0x52, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1F,
        0x15, 0xC4, 0x89, 0x00, 0x00, 0x00, 0x0A, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0x00,
        0x01, 0x00, 0x00, 0x05, 0x00, 0x01, 0x0D, 0x0A, 0x2D, 0xB4, 0x00, 0x00, 0x00, 0x00, 0x49,
        0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82,
    ]
}
