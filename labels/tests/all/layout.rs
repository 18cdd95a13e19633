use labels::layout::{layout_label, Arrangement, LabelContent, Rect, MIN_TEXT_PT};
use labels::{text_width_mm, LabelCode};

use crate::helpers::codes;

const SIZES: &[(f32, f32)] = &[
    (38.1, 21.2),
    (46.0, 11.1),
    (38.0, 21.2),
    (48.5, 16.9),
    (66.675, 25.4),
    (33.0, 13.0),
    (25.4, 25.4),
    (19.0, 19.0),
    (12.0, 30.0),
    (100.0, 50.0),
    (50.0, 100.0),
    (20.0, 8.0),
    (5.0, 5.0),
];

fn nasty_contents(code: LabelCode) -> Vec<LabelContent> {
    let names = [
        "",
        "PBS",
        "Éthanol 70 % µL",
        "Pneumonoultramicroscopicsilicovolcanoconiosis-antibody-conjugate",
        "Anti-CD45 monoclonal antibody, clone 30-F11, FITC conjugated, 0.5 mg/mL in PBS with azide",
        "ΑΒΓΔ Ωμέγα Привет 日本語 🧪 mixed scripts",
        "WWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWW",
    ];
    names
        .iter()
        .map(|name| LabelContent {
            code,
            name: name.to_string(),
            fields: vec![
                "Lot 12345-ABCDEFGHIJKLMNOPQRSTUVWXYZ-0123456789".into(),
                "Exp 2027-03-01".into(),
                "Third field is never printed".into(),
            ],
        })
        .collect()
}

#[test]
fn text_never_leaves_the_label_nor_touches_the_qr() {
    let code = codes(1, 3)[0];
    for &(w, h) in SIZES {
        for content in nasty_contents(code) {
            let layout = layout_label(w, h, &content);
            let label = Rect {
                x: 0.0,
                y: 0.0,
                width: w,
                height: h,
            };
            assert!(label.contains(&layout.qr, 1e-3), "QR off the {w}×{h} label");
            assert!(layout.lines.len() <= 4);
            for (i, line) in layout.lines.iter().enumerate() {
                let b = line.bounds();
                assert!(
                    label.contains(&b, 1e-3),
                    "{w}×{h}: {:?} leaves the label: {b:?}",
                    line.text
                );
                assert!(
                    !b.overlaps(&layout.qr),
                    "{w}×{h}: {:?} overlaps the QR",
                    line.text
                );
                assert!(
                    line.size_pt >= MIN_TEXT_PT - 1e-3,
                    "{w}×{h}: {} pt",
                    line.size_pt
                );
                let measured = text_width_mm(&line.text, line.size_pt);
                assert!((measured - line.width).abs() < 1e-3);
                for other in &layout.lines[i + 1..] {
                    assert!(!b.overlaps(&other.bounds()), "{w}×{h}: lines overlap");
                }
            }
        }
    }
}

#[test]
fn long_text_is_shortened_with_an_ellipsis_and_short_text_is_kept_whole() {
    let code = codes(1, 4)[0];
    let long = LabelContent {
        code,
        name: "Anti-CD45 monoclonal antibody, clone 30-F11, FITC conjugated".into(),
        fields: vec!["Lot 12345".into()],
    };
    let layout = layout_label(38.1, 21.2, &long);
    let name = layout
        .lines
        .iter()
        .find(|l| l.text.starts_with("Anti"))
        .unwrap();
    assert!(name.text.ends_with('…'), "{}", name.text);

    let short = LabelContent {
        code,
        name: "µL PBS".into(),
        fields: vec!["Exp 2027-03-01".into()],
    };
    let layout = layout_label(66.675, 25.4, &short);
    let texts: Vec<&str> = layout.lines.iter().map(|l| l.text.as_str()).collect();
    assert_eq!(
        texts,
        [code.to_string().as_str(), "µL PBS", "Exp 2027-03-01"]
    );
}

#[test]
fn wide_labels_put_text_beside_square_ones_under_and_tiny_ones_only_the_code() {
    let content = crate::helpers::contents(1, 5).remove(0);
    assert_eq!(
        layout_label(66.675, 25.4, &content).arrangement,
        Arrangement::Beside
    );
    assert_eq!(
        layout_label(25.4, 25.4, &content).arrangement,
        Arrangement::Under
    );
    let cryo = layout_label(33.0, 13.0, &content);
    assert_eq!(cryo.arrangement, Arrangement::CodeOnly);
    let texts: Vec<&str> = cryo.lines.iter().map(|l| l.text.as_str()).collect();
    assert_eq!(texts, [content.code.to_string().as_str()]);
}

#[test]
fn the_grouped_code_is_printed_whole_on_every_preset() {
    let code = codes(1, 6)[0];
    for template in labels::pdf::Template::PRESETS {
        let g = template.geometry();
        for content in nasty_contents(code) {
            let layout = layout_label(g.label.width, g.label.height, &content);
            assert_eq!(
                layout.lines[0].text,
                code.to_string(),
                "{}",
                template.name()
            );
        }
    }
}
