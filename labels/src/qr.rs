//! QR symbols for labels: the payload URL, the module matrix, and SVG / PNG renderings
//! with the 4-module quiet zone the QR standard requires for reliable scanning.

use std::str::FromStr;

use crate::{label_url, LabelCode};

/// Modules of blank margin around the symbol (ISO/IEC 18004 asks for 4).
pub const QUIET_ZONE: usize = 4;

/// How much damage a symbol survives: L ≈ 7 %, M ≈ 15 %, Q ≈ 25 %, H ≈ 30 % of codewords.
///
/// Q is the default: lab labels get scratched, frozen and wet, and the payload is short
/// enough that Q still gives a small symbol.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum EcLevel {
    L,
    M,
    #[default]
    Q,
    H,
}

impl EcLevel {
    fn to_qrcode(self) -> qrcode::EcLevel {
        match self {
            EcLevel::L => qrcode::EcLevel::L,
            EcLevel::M => qrcode::EcLevel::M,
            EcLevel::Q => qrcode::EcLevel::Q,
            EcLevel::H => qrcode::EcLevel::H,
        }
    }
}

impl FromStr for EcLevel {
    type Err = QrError;
    /// Accepts `L`, `M`, `Q` or `H` in either case (as an API query parameter would send).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_uppercase().as_str() {
            "L" => Ok(EcLevel::L),
            "M" => Ok(EcLevel::M),
            "Q" => Ok(EcLevel::Q),
            "H" => Ok(EcLevel::H),
            _ => Err(QrError::UnknownEcLevel(s.to_string())),
        }
    }
}

/// Why a QR could not be made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum QrError {
    #[error("the label URL is too long for a QR code ({0} bytes); use a shorter base URL")]
    TooLong(usize),
    #[error("unknown error-correction level '{0}': use L, M, Q or H")]
    UnknownEcLevel(String),
    #[error("the module size must be at least 1 pixel")]
    ZeroModule,
    #[error("PNG encoding failed: {0}")]
    Png(String),
}

/// A QR symbol as a square grid of modules, without the quiet zone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QrMatrix {
    width: usize,
    dark: Vec<bool>,
}

impl QrMatrix {
    /// The symbol for a label: it encodes [`label_url`]`(base_url, code)`.
    pub fn for_label(base_url: &str, code: &LabelCode, ec: EcLevel) -> Result<Self, QrError> {
        Self::encode(&label_url(base_url, code), ec)
    }

    /// The symbol for arbitrary text (segment modes chosen by the encoder).
    pub fn encode(data: &str, ec: EcLevel) -> Result<Self, QrError> {
        use qrcode::canvas::{Canvas, MaskPattern};
        let too_long = |_| QrError::TooLong(data.len());
        let bits = qrcode::bits::encode_auto(data.as_bytes(), ec.to_qrcode()).map_err(too_long)?;
        let version = bits.version();
        let bytes = bits.into_bytes();
        let (codewords, ec_codewords) =
            qrcode::ec::construct_codewords(&bytes, version, ec.to_qrcode()).map_err(too_long)?;
        let mut canvas = Canvas::new(version, ec.to_qrcode());
        canvas.draw_all_functional_patterns();
        canvas.draw_data(&codewords, &ec_codewords);
        // The qrcode crate's own mask choice costs ~0.4 ms per symbol, 99 % of encoding
        // and most of a 1,000-label PDF; the same ISO 18004 penalty computed on a plain
        // grid picks the mask in a fraction of that.
        let width = version.width() as usize;
        let masks = [
            MaskPattern::Checkerboard,
            MaskPattern::HorizontalLines,
            MaskPattern::VerticalLines,
            MaskPattern::DiagonalLines,
            MaskPattern::LargeCheckerboard,
            MaskPattern::Fields,
            MaskPattern::Diamonds,
            MaskPattern::Meadow,
        ];
        let dark = masks
            .into_iter()
            .map(|mask| {
                let mut c = canvas.clone();
                c.apply_mask(mask);
                let dark: Vec<bool> = c
                    .into_colors()
                    .into_iter()
                    .map(|m| m == qrcode::Color::Dark)
                    .collect();
                (crate::qr_penalty::penalty(&dark, width), dark)
            })
            .min_by_key(|(score, _)| *score)
            .map(|(_, dark)| dark)
            .expect("eight masks");
        Ok(Self { width, dark })
    }

    /// Modules per side for `data` at `ec`, without drawing the symbol (ZPL lets the
    /// printer draw it and only needs its size).
    pub fn width_for(data: &str, ec: EcLevel) -> Result<usize, QrError> {
        let bits = qrcode::bits::encode_auto(data.as_bytes(), ec.to_qrcode())
            .map_err(|_| QrError::TooLong(data.len()))?;
        Ok(bits.version().width() as usize)
    }

    /// Modules per side (21 for version 1, +4 per version), quiet zone excluded.
    pub fn width(&self) -> usize {
        self.width
    }

    /// Modules per side including the quiet zone on both sides.
    pub fn width_with_quiet_zone(&self) -> usize {
        self.width + 2 * QUIET_ZONE
    }

    /// Whether the module at column `x`, row `y` (quiet zone excluded) is dark.
    pub fn is_dark(&self, x: usize, y: usize) -> bool {
        self.dark[y * self.width + x]
    }

    /// Horizontal runs of dark modules as `(row, first_column, length)`, quiet zone
    /// excluded. Vector renderers draw one rectangle per run instead of one per module,
    /// which makes PDFs and SVGs several times smaller and faster to rasterise.
    pub fn dark_runs(&self) -> impl Iterator<Item = (usize, usize, usize)> + '_ {
        (0..self.width).flat_map(move |y| {
            let row = &self.dark[y * self.width..(y + 1) * self.width];
            let mut runs = Vec::new();
            let mut x = 0;
            while x < row.len() {
                if row[x] {
                    let start = x;
                    while x < row.len() && row[x] {
                        x += 1;
                    }
                    runs.push((y, start, x - start));
                } else {
                    x += 1;
                }
            }
            runs
        })
    }

    /// An SVG document, `module_px` user units per module, quiet zone included, with a
    /// white background (a transparent one would scan badly on dark screens).
    pub fn to_svg(&self, module_px: u32) -> Result<String, QrError> {
        if module_px == 0 {
            return Err(QrError::ZeroModule);
        }
        let n = self.width_with_quiet_zone();
        let size = n as u64 * u64::from(module_px);
        let mut path = String::with_capacity(self.width * self.width * 4);
        for (y, x, len) in self.dark_runs() {
            use std::fmt::Write;
            let _ = write!(
                path,
                "M{} {}h{}v1h-{}z",
                x + QUIET_ZONE,
                y + QUIET_ZONE,
                len,
                len
            );
        }
        Ok(format!(
            concat!(
                r#"<svg xmlns="http://www.w3.org/2000/svg" width="{size}" height="{size}" "#,
                r#"viewBox="0 0 {n} {n}" shape-rendering="crispEdges">"#,
                r##"<rect width="{n}" height="{n}" fill="#fff"/>"##,
                r##"<path d="{path}" fill="#000"/></svg>"##
            ),
            size = size,
            n = n,
            path = path
        ))
    }

    /// A 1-bit grayscale PNG, `module_px` pixels per module, quiet zone included.
    pub fn to_png(&self, module_px: u32) -> Result<Vec<u8>, QrError> {
        if module_px == 0 {
            return Err(QrError::ZeroModule);
        }
        let m = module_px as usize;
        let side = self.width_with_quiet_zone() * m;
        let row_bytes = side.div_ceil(8);
        let mut pixels = vec![0xFFu8; row_bytes * side];
        for (y, x, len) in self.dark_runs() {
            for py in (y + QUIET_ZONE) * m..(y + QUIET_ZONE + 1) * m {
                let row = &mut pixels[py * row_bytes..(py + 1) * row_bytes];
                for px in (x + QUIET_ZONE) * m..(x + QUIET_ZONE + len) * m {
                    row[px / 8] &= !(0x80 >> (px % 8));
                }
            }
        }
        let mut out = Vec::new();
        {
            let mut encoder = png::Encoder::new(&mut out, side as u32, side as u32);
            encoder.set_color(png::ColorType::Grayscale);
            encoder.set_depth(png::BitDepth::One);
            let mut writer = encoder
                .write_header()
                .map_err(|e| QrError::Png(e.to_string()))?;
            writer
                .write_image_data(&pixels)
                .map_err(|e| QrError::Png(e.to_string()))?;
        }
        Ok(out)
    }
}

/// SVG of the label's QR: shorthand for [`QrMatrix::for_label`] then [`QrMatrix::to_svg`].
pub fn label_svg(
    base_url: &str,
    code: &LabelCode,
    ec: EcLevel,
    module_px: u32,
) -> Result<String, QrError> {
    QrMatrix::for_label(base_url, code, ec)?.to_svg(module_px)
}

/// PNG of the label's QR: shorthand for [`QrMatrix::for_label`] then [`QrMatrix::to_png`].
pub fn label_png(
    base_url: &str,
    code: &LabelCode,
    ec: EcLevel,
    module_px: u32,
) -> Result<Vec<u8>, QrError> {
    QrMatrix::for_label(base_url, code, ec)?.to_png(module_px)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code() -> LabelCode {
        LabelCode::generate(&mut rand::rngs::mock::StepRng::new(11, 13))
    }

    #[test]
    fn runs_cover_exactly_the_dark_modules() {
        let m = QrMatrix::for_label("https://lab.example", &code(), EcLevel::Q).unwrap();
        let mut from_runs = vec![false; m.width() * m.width()];
        for (y, x, len) in m.dark_runs() {
            for i in x..x + len {
                assert!(!from_runs[y * m.width() + i]);
                from_runs[y * m.width() + i] = true;
            }
        }
        assert_eq!(from_runs, m.dark);
    }

    #[test]
    fn higher_levels_never_give_smaller_symbols() {
        let widths: Vec<usize> = [EcLevel::L, EcLevel::M, EcLevel::Q, EcLevel::H]
            .iter()
            .map(|&ec| QrMatrix::for_label("https://lab.example", &code(), ec).unwrap())
            .map(|m| m.width())
            .collect();
        assert!(widths.windows(2).all(|w| w[0] <= w[1]), "{widths:?}");
    }

    #[test]
    fn svg_and_png_have_the_quiet_zone_in_their_size() {
        let m = QrMatrix::for_label("https://lab.example", &code(), EcLevel::Q).unwrap();
        let n = m.width_with_quiet_zone();
        let svg = m.to_svg(3).unwrap();
        assert!(svg.contains(&format!(r#"width="{}""#, n * 3)));
        let png = m.to_png(3).unwrap();
        assert_eq!(&png[1..4], b"PNG");
        let side = u32::from_be_bytes(png[16..20].try_into().unwrap());
        assert_eq!(side as usize, n * 3);
        assert_eq!(m.to_png(0), Err(QrError::ZeroModule));
    }

    #[test]
    fn levels_parse_in_any_case() {
        assert_eq!("q".parse::<EcLevel>(), Ok(EcLevel::Q));
        assert_eq!(EcLevel::default(), EcLevel::Q);
        assert!("X".parse::<EcLevel>().is_err());
    }
}
