//! A film of a label for Chromium's fake camera: a `.y4m` file (the raw format Chromium
//! plays with `--use-file-for-fake-video-capture`), written directly from the label's QR
//! so no video tool is needed.

use std::{io::Write, path::Path};

use labels::{
    qr::{EcLevel, QrMatrix, QUIET_ZONE},
    LabelCode,
};

const WIDTH: usize = 640;
const HEIGHT: usize = 480;
/// Pixels per QR module: the label as a tablet held 20 cm away sees it.
const MODULE: usize = 7;
const FRAMES: usize = 15;

/// Writes a one-second, 640×480 film of `code`'s label QR (pointing at `base_url`),
/// slightly grey and off-centre like a real shot.
pub fn label_film(base_url: &str, code: &LabelCode, path: &Path) {
    let qr = QrMatrix::for_label(base_url, code, EcLevel::Q).expect("QR");
    let side = qr.width_with_quiet_zone() * MODULE;
    assert!(side <= HEIGHT, "the QR fits the frame");
    let (left, top) = ((WIDTH - side) / 2 + 20, (HEIGHT - side) / 2 - 10);
    // Luma: paper is light grey, ink dark grey (a camera never sees pure black or white).
    let mut luma = vec![200u8; WIDTH * HEIGHT];
    for y in 0..qr.width() {
        for x in 0..qr.width() {
            if !qr.is_dark(x, y) {
                continue;
            }
            for dy in 0..MODULE {
                for dx in 0..MODULE {
                    let px = left + (x + QUIET_ZONE) * MODULE + dx;
                    let py = top + (y + QUIET_ZONE) * MODULE + dy;
                    luma[py * WIDTH + px] = 40;
                }
            }
        }
    }
    // 4:2:0 chroma, neutral (no colour).
    let chroma = vec![128u8; (WIDTH / 2) * (HEIGHT / 2)];
    let mut file = std::fs::File::create(path).expect("y4m file");
    writeln!(file, "YUV4MPEG2 W{WIDTH} H{HEIGHT} F15:1 Ip A1:1 C420jpeg").unwrap();
    for _ in 0..FRAMES {
        file.write_all(b"FRAME\n").unwrap();
        file.write_all(&luma).unwrap();
        file.write_all(&chroma).unwrap();
        file.write_all(&chroma).unwrap();
    }
}
