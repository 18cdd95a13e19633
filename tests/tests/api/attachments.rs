use paillasse_tests::{both_engines, day, TestApp, MAX_UPLOAD_BYTES};
use serde_json::{json, Value};
use sha2::{Digest, Sha256};

const PDF: &[u8] = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n";

async fn product(app: &TestApp) -> String {
    let res = app
        .post_json(
            "/api/v1/products",
            &json!({"name": "Ethanol", "kind": "chemical"}),
        )
        .await;
    assert_eq!(res.status(), 201);
    res.json::<Value>().await.unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned()
}

/// Every file under the data directory's attachment store.
fn stored_files(app: &TestApp) -> Vec<std::path::PathBuf> {
    fn walk(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
        for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(&path, out)
            } else {
                out.push(path)
            }
        }
    }
    let mut out = Vec::new();
    walk(&app.data_dir.join("attachments"), &mut out);
    out
}

both_engines! {
    /// A safety data sheet is kept once under its SHA-256, comes back byte for byte with
    /// its type and name, and its upload is in the product's history.
    async fn a_safety_data_sheet_is_kept_and_read_back(app) {
        let id = product(&app).await;
        let res = app.put_file(&format!("/api/v1/products/{id}/sds?filename=SDS%20ethanol%20(FR).pdf"), "application/pdf", PDF.to_vec()).await;
        assert_eq!(res.status(), 200);
        let product: Value = res.json().await.unwrap();
        let attachment = product["sds_attachment_id"].as_str().unwrap().to_owned();

        let res = app.get(&format!("/api/v1/attachments/{attachment}")).await;
        assert_eq!(res.status(), 200);
        assert_eq!(res.headers()["content-type"], "application/pdf");
        let disposition = res.headers()["content-disposition"].to_str().unwrap().to_owned();
        assert_eq!(disposition, "inline; filename*=UTF-8''SDS%20ethanol%20%28FR%29.pdf");
        let sha = hex::encode(Sha256::digest(PDF));
        assert_eq!(res.headers()["etag"], format!("\"{sha}\"").as_str());
        assert_eq!(res.bytes().await.unwrap().as_ref(), PDF);

        // The same sheet again (a second product from the same supplier): one file on disk.
        let other = product_named(&app, "Ethanol 96%").await;
        let res = app.put_file(&format!("/api/v1/products/{other}/sds"), "application/pdf", PDF.to_vec()).await;
        assert_eq!(res.status(), 200);
        let files = stored_files(&app);
        assert_eq!(files.len(), 1);
        assert!(files[0].ends_with(format!("{}/{}", &sha[..2], &sha[2..])), "{files:?}");

        let history: Value = app.get(&format!("/api/v1/history/product/{id}")).await.json().await.unwrap();
        assert!(history.to_string().contains("product.attach_sds"), "{history}");
    }
}

async fn product_named(app: &TestApp, name: &str) -> String {
    let res = app
        .post_json(
            "/api/v1/products",
            &json!({"name": name, "kind": "chemical"}),
        )
        .await;
    res.json::<Value>().await.unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned()
}

both_engines! {
    /// A file that is not what it says, an empty one, one over the limit: refused with the
    /// field named, nothing kept, the product unchanged.
    async fn bad_uploads_are_refused_and_nothing_is_kept(app) {
        let id = product(&app).await;
        let path = format!("/api/v1/products/{id}/sds");
        let before = app.count("attachments").await;
        for (content_type, bytes, status, field, code) in [
            ("image/png", PDF.to_vec(), 422, "content_type", "mismatch"),
            ("application/pdf", b"<html><script>alert(1)</script></html>".to_vec(), 422, "content_type", "mismatch"),
            ("application/pdf", Vec::new(), 422, "file", "empty"),
            ("not/a type", PDF.to_vec(), 422, "content_type", "invalid"),
            ("application/pdf", vec![b'%'; MAX_UPLOAD_BYTES as usize + 1], 413, "file", "too_large"),
        ] {
            let res = app.put_file(&path, content_type, bytes).await;
            assert_eq!(res.status(), status, "{content_type} {code}");
            let problem: Value = res.json().await.unwrap();
            assert_eq!(problem["errors"][0]["field"], field, "{code}");
            assert_eq!(problem["errors"][0]["code"], code);
        }
        assert_eq!(app.count("attachments").await, before);
        assert!(stored_files(&app).is_empty());
        let product: Value = app.get(&format!("/api/v1/products/{id}")).await.json().await.unwrap();
        assert_eq!(product["sds_attachment_id"], Value::Null);
    }
}

both_engines! {
    /// Anything but a PDF or a common image is sent as a download of unknown type, so an
    /// uploaded page can never run on this site.
    async fn other_files_download_and_never_render(app) {
        let id = product(&app).await;
        let res = app.put_file(&format!("/api/v1/products/{id}/sds?filename=sds.html"), "text/html", b"<script>alert(document.cookie)</script>".to_vec()).await;
        assert_eq!(res.status(), 200);
        let product: Value = res.json().await.unwrap();
        let res = app.get(&format!("/api/v1/attachments/{}", product["sds_attachment_id"].as_str().unwrap())).await;
        assert_eq!(res.headers()["content-type"], "application/octet-stream");
        assert!(res.headers()["content-disposition"].to_str().unwrap().starts_with("attachment;"));
    }
}

both_engines! {
    /// A calibration certificate is attached once to its record; the file is readable by
    /// those who may see the instrument and no one else; a damaged file is never served.
    async fn a_calibration_certificate_is_attached_once_and_checked_on_read(app) {
        let instrument: Value = app.post_json("/api/v1/instruments", &json!({"name": "Balance"})).await.json().await.unwrap();
        let iid = instrument["id"].as_str().unwrap();
        let record: Value = app.post_json(&format!("/api/v1/instruments/{iid}/records"), &json!({
            "kind": "calibration", "performed_on": day(-30), "valid_until": day(335)
        })).await.json().await.unwrap();
        let path = format!("/api/v1/instruments/{iid}/records/{}/certificate?filename=cert.pdf", record["id"].as_str().unwrap());
        let res = app.put_file(&path, "application/pdf", PDF.to_vec()).await;
        assert_eq!(res.status(), 200);
        let record: Value = res.json().await.unwrap();
        let attachment = record["certificate_attachment_id"].as_str().unwrap().to_owned();
        let records: Value = app.get(&format!("/api/v1/instruments/{iid}/records")).await.json().await.unwrap();
        assert_eq!(records[0]["certificate_attachment_id"], attachment.as_str());

        let res = app.put_file(&path, "application/pdf", b"%PDF-1.4\nanother\n".to_vec()).await;
        assert_eq!(res.status(), 409);

        let (_, outsider) = app.person("eve@elsewhere.test", "member", Some("Elsewhere")).await;
        let res = app.with_token(&outsider).get(&format!("/api/v1/attachments/{attachment}")).await;
        assert_eq!(res.status(), 404);

        let file = stored_files(&app).pop().unwrap();
        std::fs::write(&file, b"%PDF-1.4\ntampered\n").unwrap();
        let res = app.get(&format!("/api/v1/attachments/{attachment}")).await;
        assert_eq!(res.status(), 500, "a file that no longer matches its hash is not served");
    }
}

/// A PNG of `width`×`height` grey pixels, all black: a few hundred KB that would take
/// `width × height` bytes once decoded.
fn png_bomb(width: u32, height: u32) -> Vec<u8> {
    use std::io::Write;
    fn chunk(out: &mut Vec<u8>, kind: &[u8], data: &[u8]) {
        out.extend_from_slice(&(data.len() as u32).to_be_bytes());
        let mut crc = flate2::Crc::new();
        crc.update(kind);
        crc.update(data);
        out.extend_from_slice(kind);
        out.extend_from_slice(data);
        out.extend_from_slice(&crc.sum().to_be_bytes());
    }
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut header = Vec::new();
    header.extend_from_slice(&width.to_be_bytes());
    header.extend_from_slice(&height.to_be_bytes());
    header.extend_from_slice(&[8, 0, 0, 0, 0]);
    chunk(&mut png, b"IHDR", &header);
    let mut pixels = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    let row = vec![0u8; width as usize + 1];
    for _ in 0..height {
        pixels.write_all(&row).unwrap();
    }
    chunk(&mut png, b"IDAT", &pixels.finish().unwrap());
    chunk(&mut png, b"IEND", &[]);
    png
}

both_engines! {
    /// Decompression bombs: a PNG of a few hundred KB declaring 16384×8192 pixels, or
    /// 9000×9000, is refused (422 naming the file, "too large") as a thumbnail and as a
    /// label photo, before any pixel is decoded — it asked for up to 512 MiB per request.
    async fn images_too_large_to_decode_are_refused(app) {
        let entry: Value = app.post_json("/api/v1/entries", &json!({"title": "Gel", "body": ""})).await.json().await.unwrap();
        for (width, height) in [(16384, 8192), (9000, 9000)] {
            let bomb = png_bomb(width, height);
            assert!(bomb.len() < MAX_UPLOAD_BYTES as usize, "{} bytes", bomb.len());
            let res = app.client.post(app.url(&format!("/api/v1/entries/{}/attachments?filename=gel.png", entry["id"].as_str().unwrap())))
                .bearer_auth(&app.token).header("content-type", "image/png").body(bomb.clone()).send().await.unwrap();
            assert_eq!(res.status(), 201);
            let attachment: Value = res.json().await.unwrap();
            let res = app.get(&format!("/api/v1/attachments/{}/thumbnail", attachment["id"].as_str().unwrap())).await;
            assert_eq!(res.status(), 422, "{width}×{height}");
            let problem: Value = res.json().await.unwrap();
            assert_eq!((problem["errors"][0]["field"].as_str(), problem["errors"][0]["code"].as_str()), (Some("file"), Some("too_large")));
            let res = app.client.post(app.url("/api/v1/labels/decode")).bearer_auth(&app.token)
                .header("content-type", "image/png").body(bomb).send().await.unwrap();
            assert_eq!(res.status(), 422);
            let problem: Value = res.json().await.unwrap();
            assert_eq!((problem["errors"][0]["field"].as_str(), problem["errors"][0]["code"].as_str()), (Some("image"), Some("too_large")));
        }
    }
}
