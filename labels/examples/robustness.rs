//! Prints, as a Markdown table, how often rqrr reads a label QR printed at the smallest
//! preset's size (300 dpi) under rotation, blur, noise and perspective.
//!
//! `cargo run -p labels --example robustness --release`

#[path = "../tests/support/distort.rs"]
mod distort;

use labels::qr::{EcLevel, QrMatrix};
use labels::LabelCode;
use rand::{rngs::StdRng, SeedableRng};

fn main() {
    let mut rng = StdRng::seed_from_u64(2026);
    let codes: Vec<LabelCode> = (0..10).map(|_| LabelCode::generate(&mut rng)).collect();
    let qr = QrMatrix::for_label(distort::BASE_URL, &codes[0], EcLevel::Q).unwrap();
    let module_px = distort::smallest_preset_module_px(&qr, codes[0]);
    println!(
        "QR version with {} modules (level Q, `{}/l/CODE`), {:.2} px per module \
         (smallest preset QR printed at 300 dpi), {} codes per row.\n",
        qr.width(),
        distort::BASE_URL,
        module_px,
        codes.len()
    );
    println!("| distortion | decoded | rate |");
    println!("| --- | ---: | ---: |");
    for scenario in distort::scenarios(module_px) {
        let (ok, tries) = distort::success_count(&codes, &scenario.distortions);
        println!(
            "| {} | {ok}/{tries} | {:.1} % |",
            scenario.name,
            100.0 * ok as f32 / tries as f32
        );
    }
}
