//! rqrr against printed-and-photographed labels, simulated: the smallest preset's QR at
//! 300 dpi, rotated, blurred, noisy and seen at an angle. The example
//! `cargo run -p labels --example robustness --release` prints the full table.

use labels::decode::{decode_label, DecodeError};
use labels::qr::{EcLevel, QrMatrix};

use crate::distort::{
    frame, scenarios, smallest_preset_module_px, success_count, Distortion, BASE_URL,
};
use crate::helpers::codes;

fn rate(name_prefix: &str, codes_n: usize) -> f32 {
    let codes = codes(codes_n, 77);
    let qr = QrMatrix::for_label(BASE_URL, &codes[0], EcLevel::Q).unwrap();
    let module_px = smallest_preset_module_px(&qr, codes[0]);
    let scenario = scenarios(module_px)
        .into_iter()
        .find(|s| s.name.starts_with(name_prefix))
        .unwrap();
    let (ok, tries) = success_count(&codes, &scenario.distortions);
    ok as f32 / tries as f32
}

#[test]
fn rotated_labels_at_the_smallest_printed_size_decode_at_least_95_percent_of_the_time() {
    let r = rate("rotation 0–345°", 3);
    assert!(r >= 0.95, "{:.1} %", r * 100.0);
}

#[test]
fn rotated_tilted_blurred_noisy_labels_still_mostly_decode() {
    let r = rate("rotation + perspective ±8 % + blur", 2);
    assert!(r >= 0.85, "{:.1} %", r * 100.0);
}

#[test]
fn decoding_reports_what_it_found() {
    let blank = vec![200u8; 64 * 48];
    assert_eq!(decode_label(64, 48, &blank), Err(DecodeError::NoQrFound));
    assert!(matches!(
        decode_label(64, 48, &blank[1..]),
        Err(DecodeError::BadBuffer { .. })
    ));

    let other = QrMatrix::encode("https://example.com/not-a-label", EcLevel::M).unwrap();
    let img = frame(&other, 200, 200, &Distortion::plain(4.0));
    assert!(matches!(
        decode_label(200, 200, &img),
        Err(DecodeError::NotALabel { .. })
    ));

    let code = codes(1, 78)[0];
    let bare = QrMatrix::encode(&code.to_string(), EcLevel::Q).unwrap();
    let img = frame(&bare, 200, 200, &Distortion::plain(4.0));
    assert_eq!(decode_label(200, 200, &img), Ok(code));
}
