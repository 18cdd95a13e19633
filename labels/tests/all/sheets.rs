use labels::pdf::{
    render_sheets, GeometryError, PdfError, SheetGeometry, SheetOptions, SizeMm, Template, Xy,
};

use crate::helpers::{contents, BASE};

#[test]
fn every_preset_keeps_every_label_on_the_page_without_overlap() {
    for template in Template::PRESETS {
        let g = template.geometry();
        g.validate()
            .unwrap_or_else(|e| panic!("{}: {e}", template.name()));
        let page = labels::layout::Rect {
            x: 0.0,
            y: 0.0,
            width: g.page.width,
            height: g.page.height,
        };
        let rects: Vec<_> = (0..g.labels_per_page()).map(|i| g.label_rect(i)).collect();
        for (i, r) in rects.iter().enumerate() {
            assert!(
                page.contains(r, 1e-3),
                "{} label {i} off the page",
                template.name()
            );
            for other in &rects[i + 1..] {
                assert!(!r.overlaps(other), "{} labels overlap", template.name());
            }
        }
    }
}

#[test]
fn presets_have_the_published_counts_and_sizes() {
    let expect = [
        ("avery-l7651", 65, 38.1, 21.2),
        ("avery-l7656", 84, 46.0, 11.1),
        ("avery-3666", 65, 38.0, 21.2),
        ("avery-3667", 64, 48.5, 16.9),
        ("avery-5160", 30, 66.675, 25.4),
        ("cryo-33x13", 100, 33.0, 13.0),
    ];
    for (name, count, w, h) in expect {
        let g = Template::parse(name).unwrap().geometry();
        assert_eq!(g.labels_per_page(), count, "{name}");
        assert!(
            (g.label.width - w).abs() < 1e-3 && (g.label.height - h).abs() < 1e-3,
            "{name}"
        );
    }
}

#[test]
fn template_names_round_trip_and_unknown_names_list_the_valid_ones() {
    for t in Template::PRESETS {
        assert_eq!(Template::parse(&t.name().to_uppercase()), Ok(t));
    }
    let err = Template::parse("avery-9999").unwrap_err().to_string();
    assert!(
        err.contains("avery-9999") && err.contains("avery-l7651") && err.contains("cryo-33x13"),
        "{err}"
    );
}

fn custom(columns: u32, rows: u32, pitch: Xy) -> SheetGeometry {
    SheetGeometry {
        page: SizeMm {
            width: 210.0,
            height: 297.0,
        },
        label: SizeMm {
            width: 50.0,
            height: 20.0,
        },
        columns,
        rows,
        margins: Xy { x: 5.0, y: 10.0 },
        pitch,
    }
}

#[test]
fn custom_sheets_that_do_not_fit_are_refused_with_a_reason() {
    assert!(custom(4, 13, Xy { x: 50.0, y: 21.0 }).validate().is_ok());
    assert!(matches!(
        custom(5, 13, Xy { x: 50.0, y: 21.0 }).validate(),
        Err(GeometryError::DoesNotFit { axis: "across", .. })
    ));
    assert!(matches!(
        custom(4, 14, Xy { x: 50.0, y: 21.0 }).validate(),
        Err(GeometryError::DoesNotFit { axis: "down", .. })
    ));
    assert!(matches!(
        custom(4, 13, Xy { x: 40.0, y: 21.0 }).validate(),
        Err(GeometryError::Overlap {
            axis: "horizontal",
            ..
        })
    ));
    assert!(matches!(
        custom(0, 13, Xy { x: 50.0, y: 21.0 }).validate(),
        Err(GeometryError::NoLabels)
    ));
    let mut bad = custom(1, 1, Xy { x: 50.0, y: 21.0 });
    bad.label.width = f32::NAN;
    assert!(matches!(
        bad.validate(),
        Err(GeometryError::NotPositive { .. })
    ));
    let err = render_sheets(
        &Template::Custom(custom(5, 13, Xy { x: 50.0, y: 21.0 })),
        &contents(1, 1),
        &SheetOptions::new(BASE),
    );
    assert!(matches!(err, Err(PdfError::Geometry(_))));
    assert!(err.unwrap_err().to_string().contains("page is 210.00 mm"));
}

fn page_count(pdf: &[u8]) -> usize {
    let text = String::from_utf8_lossy(pdf);
    text.matches("/Type /Page").count() - text.matches("/Type /Pages").count()
}

#[test]
fn many_labels_take_as_many_pages_as_needed_from_the_start_position() {
    let t = Template::AveryL7651; // 65 per page
    let mut options = SheetOptions::new(BASE);
    let pdf = render_sheets(&t, &contents(65, 2), &options).unwrap();
    assert_eq!(page_count(&pdf), 1);
    let pdf = render_sheets(&t, &contents(66, 2), &options).unwrap();
    assert_eq!(page_count(&pdf), 2);
    options.start_position = 60; // 6 left on the first sheet
    let pdf = render_sheets(&t, &contents(6, 2), &options).unwrap();
    assert_eq!(page_count(&pdf), 1);
    let pdf = render_sheets(&t, &contents(7, 2), &options).unwrap();
    assert_eq!(page_count(&pdf), 2);
    options.start_position = 65;
    assert!(render_sheets(&t, &contents(1, 2), &options).is_ok());
    for start in [0, 66] {
        options.start_position = start;
        assert_eq!(
            render_sheets(&t, &contents(1, 2), &options),
            Err(PdfError::StartPosition {
                start,
                per_page: 65
            })
        );
    }
    options.start_position = 1;
    assert_eq!(
        render_sheets(&t, &[], &options),
        Err(PdfError::NothingToPrint)
    );
}

#[test]
fn the_font_is_embedded_as_a_subset() {
    let pdf = render_sheets(
        &Template::Avery5160,
        &contents(3, 9),
        &SheetOptions::new(BASE),
    )
    .unwrap();
    let text = String::from_utf8_lossy(&pdf);
    assert!(text.contains("/FontFile2"));
    assert!(text.contains("+DejaVuSans"));
    assert!(text.contains("/ToUnicode"));
    // The whole font is 760 kB; a subset of a few dozen glyphs is far smaller.
    assert!(pdf.len() < 60_000, "{} bytes", pdf.len());
}
