//! Timings in release: a 1,000-label PDF, ZPL for 1,000 labels, and rqrr decoding of
//! 640×480 camera frames.
//!
//! `cargo run -p labels --example bench --release`

#[path = "../tests/support/distort.rs"]
mod distort;

use std::time::{Duration, Instant};

use labels::layout::LabelContent;
use labels::pdf::{render_sheets, SheetOptions, Template};
use labels::qr::{EcLevel, QrMatrix};
use labels::zpl::{render_zpl, Dpi, ZplOptions};
use labels::LabelCode;
use rand::{rngs::StdRng, SeedableRng};

fn best_of<T>(runs: usize, mut f: impl FnMut() -> T) -> (Duration, T) {
    let mut best = Duration::MAX;
    let mut last = None;
    for _ in 0..runs {
        let start = Instant::now();
        let out = f();
        best = best.min(start.elapsed());
        last = Some(out);
    }
    (best, last.unwrap())
}

fn main() {
    let mut rng = StdRng::seed_from_u64(1);
    let labels: Vec<LabelContent> = (0..1000)
        .map(|i| LabelContent {
            code: LabelCode::generate(&mut rng),
            name: format!("Éthanol absolu {i} — anticorps anti-CD45 FITC 0,5 mg/mL"),
            fields: vec![format!("Lot {}", 10_000 + i), "Exp 2027-03-01".into()],
        })
        .collect();
    let options = SheetOptions::new("https://eln.lab.example.org");
    println!("| task | time | output |");
    println!("| --- | ---: | ---: |");
    for template in [
        Template::AveryL7651,
        Template::Avery5160,
        Template::Cryo33x13,
    ] {
        let (t, pdf) = best_of(5, || render_sheets(&template, &labels, &options).unwrap());
        println!(
            "| PDF, 1,000 labels, {} | {:.0} ms | {} KiB |",
            template.name(),
            t.as_secs_f64() * 1e3,
            pdf.len() / 1024
        );
    }
    let (t, _) = best_of(5, || {
        labels
            .iter()
            .map(|l| {
                QrMatrix::for_label("https://eln.lab.example.org", &l.code, EcLevel::Q).unwrap()
            })
            .collect::<Vec<_>>()
    });
    println!(
        "| of which QR encoding, 1,000 codes | {:.0} ms | |",
        t.as_secs_f64() * 1e3
    );
    let (t, _) = best_of(5, || {
        labels
            .iter()
            .map(|l| labels::layout::layout_label(38.1, 21.2, l))
            .collect::<Vec<_>>()
    });
    println!(
        "| of which layout, 1,000 labels 38.1×21.2 mm | {:.0} ms | |",
        t.as_secs_f64() * 1e3
    );
    let zpl_options = ZplOptions {
        dpi: Dpi::Dpi300,
        width_mm: 50.8,
        height_mm: 25.4,
        ec_level: EcLevel::Q,
    };
    let (t, zpl) = best_of(5, || {
        render_zpl("https://eln.lab.example.org", &labels, &zpl_options).unwrap()
    });
    println!(
        "| ZPL, 1,000 labels 50.8×25.4 mm 300 dpi | {:.0} ms | {} KiB |",
        t.as_secs_f64() * 1e3,
        zpl.len() / 1024
    );

    // A 640×480 frame with a label QR about 150 px wide, slightly rotated and noisy.
    let code = labels[0].code;
    let qr = QrMatrix::for_label("https://eln.lab.example.org", &code, EcLevel::Q).unwrap();
    let d = distort::Distortion {
        angle: 12.0,
        module_px: 150.0 / qr.width() as f32,
        perspective: 0.04,
        blur: 0.7,
        noise: 8.0,
        seed: 3,
    };
    let frame = distort::frame(&qr, 640, 480, &d);
    let (t, found) = best_of(20, || labels::decode::decode_label(640, 480, &frame));
    assert_eq!(found, Ok(code));
    println!(
        "| rqrr decode, 640×480 frame with a label | {:.1} ms | found |",
        t.as_secs_f64() * 1e3
    );
    let empty = vec![180u8; 640 * 480];
    let (t, _) = best_of(20, || labels::decode::decode_label(640, 480, &empty));
    println!(
        "| rqrr decode, 640×480 frame without QR | {:.1} ms | none |",
        t.as_secs_f64() * 1e3
    );
}
