//! Zebra ZPL II for thermal label printers: one `^XA … ^XZ` block per label, the QR drawn
//! by the printer (`^BQ`) and text in its scalable font 0, laid out like the PDF labels.
//!
//! Pure string output: the server sends it to the printer (raw port 9100) or as a file.

use std::fmt::Write;

use crate::label_url;
use crate::layout::{layout_label, LabelContent};
use crate::qr::{EcLevel, QrError, QrMatrix, QUIET_ZONE};

/// Print head resolutions Zebra printers come with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dpi {
    /// 8 dots/mm.
    Dpi203,
    /// 12 dots/mm.
    Dpi300,
}

impl Dpi {
    /// Dots per millimetre.
    pub fn dots_per_mm(self) -> f32 {
        match self {
            Dpi::Dpi203 => 8.0,
            Dpi::Dpi300 => 12.0,
        }
    }
}

/// A label roll or fan-fold stock.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ZplOptions {
    pub dpi: Dpi,
    pub width_mm: f32,
    pub height_mm: f32,
    pub ec_level: EcLevel,
}

/// Why ZPL could not be made.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ZplError {
    #[error("label size must be positive, got {width} × {height} mm")]
    BadSize { width: f32, height: f32 },
    #[error(
        "the QR does not fit: the label needs at least {needed_mm:.1} mm for one dot per module"
    )]
    QrTooLarge { needed_mm: f32 },
    #[error(transparent)]
    Qr(#[from] QrError),
}

/// ZPL for `labels`, one `^XA…^XZ` block each.
///
/// The QR magnification (dots per module, 1–10) is the largest whose symbol and quiet
/// zone fit the square the layout gives the QR. Text is shortened with the embedded
/// font's widths, which are wider than Zebra's condensed font 0 at the same height, so
/// the shortened text fits on the printer too.
pub fn render_zpl(
    base_url: &str,
    labels: &[LabelContent],
    options: &ZplOptions,
) -> Result<String, ZplError> {
    let (w, h) = (options.width_mm, options.height_mm);
    if !(w.is_finite() && h.is_finite() && w > 0.0 && h > 0.0) {
        return Err(ZplError::BadSize {
            width: w,
            height: h,
        });
    }
    let dpmm = options.dpi.dots_per_mm();
    let dots = |mm: f32| (mm * dpmm).round().max(0.0) as u32;
    let mut out = String::with_capacity(labels.len() * 300);
    for content in labels {
        let layout = layout_label(w, h, content);
        let url = label_url(base_url, &content.code);
        let symbol_modules = QrMatrix::width_for(&url, options.ec_level)?;
        let modules = (symbol_modules + 2 * QUIET_ZONE) as f32;
        let side_dots = layout.qr.width * dpmm;
        let magnification = ((side_dots / modules).floor() as u32).min(10);
        if magnification == 0 {
            return Err(ZplError::QrTooLarge {
                needed_mm: modules / dpmm,
            });
        }
        // Centre the symbol (without quiet zone) in the layout's square.
        let symbol = symbol_modules as u32 * magnification;
        let free = side_dots as u32 - symbol;
        let qx = dots(layout.qr.x) + free / 2;
        let qy = dots(layout.qr.y) + free / 2;
        debug_assert!(free / 2 >= QUIET_ZONE as u32 * magnification);

        let _ = write!(out, "^XA^CI28^PW{}^LL{}^LH0,0", dots(w), dots(h));
        // ^BQ adds a few dots above the symbol on many firmwares; ^FO positions its top.
        let ec = match options.ec_level {
            EcLevel::L => 'L',
            EcLevel::M => 'M',
            EcLevel::Q => 'Q',
            EcLevel::H => 'H',
        };
        let _ = write!(out, "^FO{qx},{qy}^BQN,2,{magnification}^FD{ec}A,{url}^FS");
        for line in &layout.lines {
            let height_dots = dots(line.size_pt * crate::MM_PER_PT).max(10);
            let top = dots(line.baseline) - (height_dots * 3 / 4).min(dots(line.baseline));
            let _ = write!(
                out,
                "^FO{},{}^A0N,{height_dots}^FD{}^FS",
                dots(line.x),
                top,
                escape(&line.text)
            );
        }
        out.push_str("^XZ\n");
    }
    Ok(out)
}

/// ZPL treats `^` and `~` as command prefixes even inside `^FD`; with `^FH` they could be
/// hex-escaped, but replacing them is simpler and they never matter on a lab label.
fn escape(text: &str) -> String {
    text.replace(['^', '~'], "-")
}
