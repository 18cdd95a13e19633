//! A label drawn as SVG, laid out exactly as it prints (same layout, same QR), for the
//! print dialog's preview. Text is set in DejaVu Sans, the font the PDF embeds; a browser
//! without it substitutes a similar sans, so the preview's text may differ by a hair.

use std::fmt::Write;

use crate::layout::{layout_label, LabelContent, LineRole};
use crate::qr::{EcLevel, QrError, QrMatrix, QUIET_ZONE};
use crate::MM_PER_PT;

/// An SVG `width_mm` × `height_mm` label for `content`, its QR pointing at `base_url`.
pub fn label_preview_svg(
    base_url: &str,
    content: &LabelContent,
    width_mm: f32,
    height_mm: f32,
    ec: EcLevel,
) -> Result<String, QrError> {
    let layout = layout_label(width_mm, height_mm, content);
    let qr = QrMatrix::for_label(base_url, &content.code, ec)?;
    let mut svg = String::new();
    let _ = write!(
        svg,
        r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w:.3} {h:.3}" width="{w:.3}mm" height="{h:.3}mm"><rect width="{w:.3}" height="{h:.3}" fill="#fff" stroke="#999" stroke-width="0.2"/>"##,
        w = layout.width,
        h = layout.height
    );
    let module = layout.qr.width / qr.width_with_quiet_zone() as f32;
    let left = layout.qr.x + QUIET_ZONE as f32 * module;
    let top = layout.qr.y + QUIET_ZONE as f32 * module;
    svg.push_str(r##"<path fill="#000" d=""##);
    for (y, x, len) in qr.dark_runs() {
        let _ = write!(
            svg,
            "M{:.3} {:.3}h{:.3}v{:.3}h-{:.3}z",
            left + x as f32 * module,
            top + y as f32 * module,
            len as f32 * module,
            module,
            len as f32 * module
        );
    }
    svg.push_str("\"/>");
    for line in &layout.lines {
        let weight = if line.role == LineRole::Code {
            "bold"
        } else {
            "normal"
        };
        let _ = write!(
            svg,
            r#"<text x="{:.3}" y="{:.3}" font-family="DejaVu Sans, Verdana, sans-serif" font-size="{:.3}" font-weight="{weight}" textLength="{:.3}" lengthAdjust="spacingAndGlyphs">{}</text>"#,
            line.x,
            line.baseline,
            line.size_pt * MM_PER_PT,
            line.width,
            escape(&line.text)
        );
    }
    svg.push_str("</svg>");
    Ok(svg)
}

/// Text as XML character data: names come from people, never markup.
fn escape(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '&' => "&amp;".into(),
            '<' => "&lt;".into(),
            '>' => "&gt;".into(),
            '"' => "&quot;".into(),
            c => c.to_string(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::LabelCode;

    #[test]
    fn the_preview_escapes_names_and_holds_the_code() {
        let code = LabelCode::generate(&mut rand::thread_rng());
        let content = LabelContent {
            code,
            name: "<script>alert(1)</script> & co".into(),
            fields: vec!["Lot 42".into()],
        };
        let svg =
            label_preview_svg("https://lab.example", &content, 63.5, 25.4, EcLevel::Q).unwrap();
        assert!(svg.starts_with("<svg"));
        assert!(!svg.contains("<script>"));
        assert!(svg.contains("&lt;script"));
        assert!(svg.contains(&code.to_string()));
    }
}
