use labels::label_url;
use labels::qr::EcLevel;
use labels::zpl::{render_zpl, Dpi, ZplError, ZplOptions};

use crate::helpers::{contents, BASE};

/// The comma-separated integers following each occurrence of `command` in `block`.
fn numbers_after(block: &str, command: &str) -> Vec<Vec<i64>> {
    block
        .match_indices(command)
        .map(|(at, _)| {
            block[at + command.len()..]
                .split('^')
                .next()
                .unwrap()
                .split(',')
                .map_while(|n| n.trim().parse().ok())
                .collect()
        })
        .collect()
}

fn options(dpi: Dpi, width_mm: f32, height_mm: f32) -> ZplOptions {
    ZplOptions {
        dpi,
        width_mm,
        height_mm,
        ec_level: EcLevel::Q,
    }
}

#[test]
fn one_block_per_label_with_a_qr_holding_the_url_and_fields_inside_the_label() {
    let labels = contents(5, 21);
    for dpi in [Dpi::Dpi203, Dpi::Dpi300] {
        for (w, h) in [(50.8, 25.4), (25.4, 25.4), (33.0, 13.0), (100.0, 50.0)] {
            let zpl = render_zpl(BASE, &labels, &options(dpi, w, h)).unwrap();
            assert_eq!(zpl.matches("^XA").count(), labels.len());
            assert_eq!(zpl.matches("^XZ").count(), labels.len());
            let (wd, hd) = (
                (w * dpi.dots_per_mm()).round() as i64,
                (h * dpi.dots_per_mm()).round() as i64,
            );
            for (block, content) in zpl.split_terminator("^XZ\n").zip(&labels) {
                assert!(block.starts_with("^XA"));
                assert_eq!(numbers_after(block, "^PW"), [vec![wd]]);
                assert_eq!(numbers_after(block, "^LL"), [vec![hd]]);
                let bq = numbers_after(block, "^BQN,");
                assert_eq!(bq.len(), 1, "{block}");
                assert_eq!(bq[0][0], 2, "model 2");
                let magnification = bq[0][1];
                assert!((1..=10).contains(&magnification));
                let payload = block.split("^BQN,").nth(1).unwrap();
                let data = payload
                    .split("^FD")
                    .nth(1)
                    .unwrap()
                    .split("^FS")
                    .next()
                    .unwrap();
                assert_eq!(data, format!("QA,{}", label_url(BASE, &content.code)));
                assert!(
                    block.contains(&format!("^FD{}^FS", content.code)),
                    "code as text"
                );
                // Every field origin lies on the label.
                for origin in numbers_after(block, "^FO") {
                    assert!(
                        (0..wd).contains(&origin[0]) && (0..hd).contains(&origin[1]),
                        "{origin:?} in {wd}×{hd}"
                    );
                }
                // Text fields end on the label: origin + height within the label height.
                for (at, _) in block.match_indices("^A0N,") {
                    let height: i64 = block[at + 5..].split('^').next().unwrap().parse().unwrap();
                    let before = &block[..at];
                    let origin = numbers_after(before, "^FO").pop().unwrap();
                    assert!(
                        origin[1] + height <= hd,
                        "text from {} + {height} below {hd}",
                        origin[1]
                    );
                }
            }
        }
    }
}

#[test]
fn magnification_grows_with_resolution() {
    let labels = contents(1, 22);
    let m = |dpi| {
        let zpl = render_zpl(BASE, &labels, &options(dpi, 50.8, 25.4)).unwrap();
        numbers_after(&zpl, "^BQN,")[0][1]
    };
    assert!(m(Dpi::Dpi300) > m(Dpi::Dpi203));
}

#[test]
fn impossible_sizes_are_refused() {
    let labels = contents(1, 23);
    assert!(matches!(
        render_zpl(BASE, &labels, &options(Dpi::Dpi203, 0.0, 10.0)),
        Err(ZplError::BadSize { .. })
    ));
    assert!(matches!(
        render_zpl(BASE, &labels, &options(Dpi::Dpi203, 3.0, 3.0)),
        Err(ZplError::QrTooLarge { .. })
    ));
}
