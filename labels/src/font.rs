//! The one font labels are printed in: DejaVu Sans, vendored in `labels/fonts/` with its
//! licence, so builds never depend on a font installed on the machine and the widths the
//! layout measures are exactly those of the glyphs the PDF embeds.

use std::sync::OnceLock;

use ttf_parser::{Face, GlyphId};

/// The TrueType file, as embedded in PDFs.
pub(crate) static FONT_BYTES: &[u8] = include_bytes!("../fonts/DejaVuSans.ttf");

/// PostScript name used for the embedded font.
#[cfg(feature = "pdf")]
pub(crate) const FONT_NAME: &str = "DejaVuSans";

/// Millimetres per typographic point.
pub const MM_PER_PT: f32 = 25.4 / 72.0;

/// Metrics of the embedded font, parsed once.
pub(crate) struct Font {
    face: Face<'static>,
    units_per_em: f32,
}

/// The embedded font (parsed on first use; parsing only reads the table directory).
pub(crate) fn font() -> &'static Font {
    static FONT: OnceLock<Font> = OnceLock::new();
    FONT.get_or_init(|| {
        let face = Face::parse(FONT_BYTES, 0).expect("the vendored font parses");
        let units_per_em = f32::from(face.units_per_em());
        Font { face, units_per_em }
    })
}

impl Font {
    /// The glyph drawn for `ch`; characters the font lacks get glyph 0 (the "missing"
    /// box), which still has a width, so measuring never undercounts.
    pub(crate) fn glyph(&self, ch: char) -> GlyphId {
        self.face.glyph_index(ch).unwrap_or(GlyphId(0))
    }

    /// Advance width of a glyph in font units.
    pub(crate) fn advance_units(&self, glyph: GlyphId) -> u16 {
        self.face.glyph_hor_advance(glyph).unwrap_or(0)
    }

    /// Font units per em (2048 for DejaVu Sans).
    pub(crate) fn units_per_em(&self) -> f32 {
        self.units_per_em
    }

    /// Width of `text` set at `size_pt`, in millimetres. Kerning is not applied when
    /// drawing either, so this is the exact drawn width.
    pub(crate) fn width_mm(&self, text: &str, size_pt: f32) -> f32 {
        let units: u32 = text
            .chars()
            .map(|ch| u32::from(self.advance_units(self.glyph(ch))))
            .sum();
        units as f32 / self.units_per_em * size_pt * MM_PER_PT
    }

    /// Ascender, descender (negative) and cap height in font units, for the PDF font
    /// descriptor and for placing baselines.
    pub(crate) fn vertical_metrics(&self) -> (i16, i16, i16) {
        let cap = self.face.capital_height().unwrap_or(self.face.ascender());
        (self.face.ascender(), self.face.descender(), cap)
    }

    /// Font bounding box in font units.
    #[cfg(feature = "pdf")]
    pub(crate) fn bbox(&self) -> ttf_parser::Rect {
        self.face.global_bounding_box()
    }
}

/// Width of `text` in millimetres when set at `size_pt` in the embedded font.
///
/// Public so callers (and tests) can check that laid-out text fits its box.
pub fn text_width_mm(text: &str, size_pt: f32) -> f32 {
    font().width_mm(text, size_pt)
}

/// `text` shortened with a trailing "…" until it is at most `max_mm` wide at `size_pt`;
/// returned unchanged when it already fits, and empty when not even "…" fits.
pub fn fit_text(text: &str, size_pt: f32, max_mm: f32) -> String {
    let f = font();
    if f.width_mm(text, size_pt) <= max_mm {
        return text.to_string();
    }
    let chars: Vec<char> = text.chars().collect();
    // Largest prefix length whose "prefix…" fits, by binary search (width grows with length).
    let (mut lo, mut hi) = (0usize, chars.len());
    let candidate = |n: usize| -> String {
        let mut s: String = chars[..n].iter().collect();
        s = s.trim_end().to_string();
        s.push('…');
        s
    };
    if f.width_mm(&candidate(0), size_pt) > max_mm {
        return String::new();
    }
    while lo < hi {
        let mid = (lo + hi).div_ceil(2);
        if f.width_mm(&candidate(mid), size_pt) <= max_mm {
            lo = mid;
        } else {
            hi = mid - 1;
        }
    }
    candidate(lo)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_grow_with_text_and_size() {
        let a = text_width_mm("Éthanol 70 %", 8.0);
        assert!(a > 10.0 && a < 30.0, "{a}");
        assert!(text_width_mm("Éthanol 70 %", 16.0) > 1.99 * a);
        assert_eq!(text_width_mm("", 8.0), 0.0);
    }

    #[test]
    fn fitting_shortens_with_an_ellipsis_and_never_exceeds() {
        let long = "Phosphate-buffered saline 10× µL aliquots, Éthanol absolu";
        for max in [0.5_f32, 2.0, 5.0, 10.0, 20.0, 40.0, 200.0] {
            let fitted = fit_text(long, 7.0, max);
            assert!(text_width_mm(&fitted, 7.0) <= max, "{fitted} > {max}");
            if fitted != long && !fitted.is_empty() {
                assert!(fitted.ends_with('…'));
            }
        }
        assert_eq!(fit_text("µL", 7.0, 50.0), "µL");
        assert_eq!(fit_text("anything", 7.0, 0.1), "");
    }
}
