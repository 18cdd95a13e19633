//! Round trips through decoders nobody here wrote: poppler rasterises the PDF, zbar reads
//! the QR codes. Needs the Debian packages `poppler-utils` and `zbar-tools`; without them
//! these tests fail (CI must install them), they never skip.

use std::path::{Path, PathBuf};
use std::process::Command;

use labels::label_url;
use labels::pdf::{render_sheets, SheetOptions, Template};
use labels::qr::{label_png, EcLevel};

use crate::helpers::{contents, BASE};

const DPI: f32 = 300.0;

fn require(tool: &str, package: &str) {
    let found = Command::new(tool)
        .arg("--version")
        .output()
        .or_else(|_| Command::new(tool).arg("-v").output());
    if found.is_err() {
        panic!("`{tool}` is not installed: run `apt-get install -y {package}` (the label tests need poppler-utils and zbar-tools)");
    }
}

fn scratch_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("labels-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// zbar's reading of one image: each symbol's data, one per line.
fn zbar(path: &Path) -> Vec<String> {
    let out = Command::new("zbarimg")
        .args(["--raw", "-q"])
        .arg(path)
        .output()
        .unwrap();
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(str::to_string)
        .collect()
}

struct Gray {
    width: usize,
    height: usize,
    pixels: Vec<u8>,
}

fn read_pgm(path: &Path) -> Gray {
    let bytes = std::fs::read(path).unwrap();
    let mut fields = Vec::new();
    let mut at = 0;
    while fields.len() < 4 {
        while bytes[at].is_ascii_whitespace() {
            at += 1;
        }
        let start = at;
        while !bytes[at].is_ascii_whitespace() {
            at += 1;
        }
        fields.push(String::from_utf8_lossy(&bytes[start..at]).to_string());
    }
    assert_eq!(fields[0], "P5", "pdftoppm -gray writes binary PGM");
    assert_eq!(fields[3], "255");
    let (width, height) = (fields[1].parse().unwrap(), fields[2].parse().unwrap());
    let pixels = bytes[at + 1..].to_vec();
    assert_eq!(pixels.len(), width * height);
    Gray {
        width,
        height,
        pixels,
    }
}

impl Gray {
    /// The pixels of a rectangle given in mm, clamped to the image.
    fn crop_mm(&self, x: f32, y: f32, w: f32, h: f32) -> Gray {
        let px = |mm: f32| (mm * DPI / 25.4).round().max(0.0) as usize;
        let (x0, y0) = (px(x).min(self.width), px(y).min(self.height));
        let (x1, y1) = (px(x + w).min(self.width), px(y + h).min(self.height));
        let mut pixels = Vec::with_capacity((x1 - x0) * (y1 - y0));
        for row in y0..y1 {
            pixels.extend_from_slice(&self.pixels[row * self.width + x0..row * self.width + x1]);
        }
        Gray {
            width: x1 - x0,
            height: y1 - y0,
            pixels,
        }
    }

    fn write_pgm(&self, path: &Path) {
        let mut data = format!("P5\n{} {}\n255\n", self.width, self.height).into_bytes();
        data.extend_from_slice(&self.pixels);
        std::fs::write(path, data).unwrap();
    }
}

#[test]
fn a_pdf_sheet_decodes_with_poppler_and_zbar_to_the_same_urls_in_reading_order() {
    require("pdftoppm", "poppler-utils");
    require("zbarimg", "zbar-tools");
    let dir = scratch_dir("pdf");
    let template = Template::AveryL7651;
    let g = template.geometry();
    let labels = contents(30, 31);
    let mut options = SheetOptions::new(BASE);
    // Start near the end of a used sheet: 16 labels on page 1, 14 on page 2.
    options.start_position = 50;
    let pdf = render_sheets(&template, &labels, &options).unwrap();
    let pdf_path = dir.join("sheet.pdf");
    std::fs::write(&pdf_path, pdf).unwrap();
    let status = Command::new("pdftoppm")
        .args(["-r", "300", "-gray"])
        .arg(&pdf_path)
        .arg(dir.join("page"))
        .status()
        .unwrap();
    assert!(status.success());
    let mut pages: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "pgm"))
        .collect();
    pages.sort();
    assert_eq!(pages.len(), 2);
    let pages: Vec<Gray> = pages.iter().map(|p| read_pgm(p)).collect();

    // Positions before the start stay blank.
    for slot in 0..49 {
        let r = g.label_rect(slot);
        let crop = pages[0].crop_mm(r.x, r.y, r.width, r.height);
        assert!(
            crop.pixels.iter().all(|&p| p > 250),
            "position {} is not blank",
            slot + 1
        );
    }
    // Each label, cropped at its position on the sheet, holds the expected URL.
    let mut read = Vec::new();
    for k in 0..labels.len() {
        let index = options.start_position - 1 + k;
        let (page, slot) = (index / g.labels_per_page(), index % g.labels_per_page());
        let r = g.label_rect(slot);
        let crop = pages[page].crop_mm(r.x, r.y, r.width, r.height);
        let path = dir.join(format!("label-{k:02}.pgm"));
        crop.write_pgm(&path);
        read.push(zbar(&path).join("|"));
    }
    let expected: Vec<String> = labels.iter().map(|c| label_url(BASE, &c.code)).collect();
    assert_eq!(read, expected);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn png_labels_decode_with_zbar_at_every_error_correction_level() {
    require("zbarimg", "zbar-tools");
    let dir = scratch_dir("png");
    let labels = contents(30, 32);
    let levels = [EcLevel::L, EcLevel::M, EcLevel::Q, EcLevel::H];
    for (k, content) in labels.iter().enumerate() {
        let png = label_png(BASE, &content.code, levels[k % 4], 2 + (k % 4) as u32 * 2).unwrap();
        let path = dir.join(format!("label-{k:02}.png"));
        std::fs::write(&path, png).unwrap();
        assert_eq!(zbar(&path), [label_url(BASE, &content.code)], "label {k}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}
