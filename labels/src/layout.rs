//! Where things go on one label: the QR, the grouped code, the item's name and up to two
//! key fields. Every output format (PDF sheets, ZPL) draws from this one layout, so a
//! label looks the same whatever prints it.
//!
//! Coordinates are millimetres from the label's top-left corner, y downwards.

use crate::font::{fit_text, font, text_width_mm, MM_PER_PT};
use crate::LabelCode;

/// What is printed on a label.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LabelContent {
    pub code: LabelCode,
    /// The item's name; may be empty.
    pub name: String,
    /// Key facts such as "Lot 12345" or "Exp 2027-03-01"; only the first two are printed,
    /// because more would be unreadably small on common label sizes.
    pub fields: Vec<String>,
}

impl LabelContent {
    /// A label showing only the code (and its QR).
    pub fn code_only(code: LabelCode) -> Self {
        Self {
            code,
            name: String::new(),
            fields: Vec::new(),
        }
    }
}

/// A rectangle in millimetres, origin top-left.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rect {
    pub x: f32,
    pub y: f32,
    pub width: f32,
    pub height: f32,
}

impl Rect {
    /// Whether `other` lies inside `self`, allowing `tolerance` mm of rounding error.
    pub fn contains(&self, other: &Rect, tolerance: f32) -> bool {
        other.x >= self.x - tolerance
            && other.y >= self.y - tolerance
            && other.x + other.width <= self.x + self.width + tolerance
            && other.y + other.height <= self.y + self.height + tolerance
    }

    /// Whether the two rectangles share any area (touching edges do not count).
    pub fn overlaps(&self, other: &Rect) -> bool {
        const EPS: f32 = 1e-3;
        self.x + EPS < other.x + other.width
            && other.x + EPS < self.x + self.width
            && self.y + EPS < other.y + other.height
            && other.y + EPS < self.y + self.height
    }
}

/// How text and QR share the label.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Arrangement {
    /// Wide labels: text to the right of the QR.
    Beside,
    /// Square or tall labels: text under the QR.
    Under,
    /// Labels too small for more (cryo tubes): QR and code only.
    CodeOnly,
}

/// What a text line shows; renderers may style them differently.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineRole {
    Code,
    Name,
    Field,
}

/// One line of text, already shortened to fit.
#[derive(Debug, Clone, PartialEq)]
pub struct TextLine {
    pub role: LineRole,
    /// The text to draw (possibly ending in "…").
    pub text: String,
    /// Left edge of the text.
    pub x: f32,
    /// Baseline position.
    pub baseline: f32,
    pub size_pt: f32,
    /// Drawn width of `text` in the embedded font.
    pub width: f32,
}

impl TextLine {
    /// The box the glyphs can occupy: from the font's ascender to its descender.
    pub fn bounds(&self) -> Rect {
        let (asc, desc) = line_metrics(self.size_pt);
        Rect {
            x: self.x,
            y: self.baseline - asc,
            width: self.width,
            height: asc + desc,
        }
    }
}

/// A laid-out label.
#[derive(Debug, Clone, PartialEq)]
pub struct LabelLayout {
    pub width: f32,
    pub height: f32,
    pub arrangement: Arrangement,
    /// The QR's square, quiet zone included: renderers fit the symbol plus 4 blank
    /// modules on each side into it.
    pub qr: Rect,
    pub lines: Vec<TextLine>,
}

/// Smallest text size printed; below this a line is dropped instead of shrunk further.
pub const MIN_TEXT_PT: f32 = 4.5;
/// Labels with a side under this and an area under [`TINY_AREA_MM2`] get QR + code only.
pub const TINY_SIDE_MM: f32 = 15.0;
/// See [`TINY_SIDE_MM`].
pub const TINY_AREA_MM2: f32 = 450.0;

const CODE_PT: f32 = 9.0;
const NAME_PT: f32 = 8.0;
const FIELD_PT: f32 = 6.5;
/// Extra space between lines, as a fraction of the size.
const LINE_GAP: f32 = 0.08;
/// How far the QR's quiet zone may come to the label edge: the quiet zone itself is
/// blank, so only printer misregistration needs room.
const QR_INSET_MM: f32 = 0.5;

/// Ascent and descent (both positive) in mm at `size_pt`.
fn line_metrics(size_pt: f32) -> (f32, f32) {
    let f = font();
    let (asc, desc, _) = f.vertical_metrics();
    let scale = size_pt * MM_PER_PT / f.units_per_em();
    (f32::from(asc) * scale, -f32::from(desc) * scale)
}

fn line_advance(size_pt: f32) -> f32 {
    let (a, d) = line_metrics(size_pt);
    a + d + LINE_GAP * size_pt * MM_PER_PT
}

/// Lays out `content` on a `width` × `height` mm label.
///
/// The QR gets the largest square the arrangement allows (it is what must scan); text
/// takes the rest, shrinking to [`MIN_TEXT_PT`], then losing lines from the bottom
/// (fields, then name), then being shortened with "…". Text never leaves its box.
pub fn layout_label(width: f32, height: f32, content: &LabelContent) -> LabelLayout {
    let width = width.max(0.0);
    let height = height.max(0.0);
    let pad = (0.06 * width.min(height)).clamp(0.6, 2.0);
    let tiny = width.min(height) < TINY_SIDE_MM && width * height < TINY_AREA_MM2;
    let wide = width >= 1.4 * height;
    let arrangement = if tiny {
        Arrangement::CodeOnly
    } else if wide {
        Arrangement::Beside
    } else {
        Arrangement::Under
    };

    let (qr, text_box, centred) = if wide {
        let side = (height - 2.0 * QR_INSET_MM).min(width * 0.5).max(0.0);
        let qr = Rect {
            x: QR_INSET_MM,
            y: (height - side) / 2.0,
            width: side,
            height: side,
        };
        // The QR's own quiet zone separates it from the text.
        let x0 = qr.x + side;
        let text_box = Rect {
            x: x0,
            y: pad,
            width: (width - pad - x0).max(0.0),
            height: (height - 2.0 * pad).max(0.0),
        };
        (qr, text_box, false)
    } else {
        let share = if tiny { 0.72 } else { 0.62 };
        let side = (width - 2.0 * QR_INSET_MM)
            .min((height - 2.0 * QR_INSET_MM) * share)
            .max(0.0);
        let qr = Rect {
            x: (width - side) / 2.0,
            y: QR_INSET_MM,
            width: side,
            height: side,
        };
        let y0 = qr.y + side;
        let text_box = Rect {
            x: pad,
            y: y0,
            width: (width - 2.0 * pad).max(0.0),
            height: (height - pad - y0).max(0.0),
        };
        (qr, text_box, true)
    };

    let mut wanted: Vec<(LineRole, String, f32)> =
        vec![(LineRole::Code, content.code.to_string(), CODE_PT)];
    if arrangement != Arrangement::CodeOnly {
        let name = content.name.trim();
        if !name.is_empty() {
            wanted.push((LineRole::Name, name.to_string(), NAME_PT));
        }
        for field in content
            .fields
            .iter()
            .map(|f| f.trim())
            .filter(|f| !f.is_empty())
        {
            if wanted.len() >= 4 {
                break;
            }
            wanted.push((LineRole::Field, field.to_string(), FIELD_PT));
        }
    }
    let lines = fit_lines(wanted, &text_box, centred);
    LabelLayout {
        width,
        height,
        arrangement,
        qr,
        lines,
    }
}

/// Sizes, shortens and stacks the lines inside `area`, vertically centred.
fn fit_lines(
    mut wanted: Vec<(LineRole, String, f32)>,
    area: &Rect,
    centred: bool,
) -> Vec<TextLine> {
    let scale = loop {
        let needed: f32 = wanted.iter().map(|(_, _, pt)| line_advance(*pt)).sum();
        let scale = if needed > 0.0 {
            (area.height / needed).min(1.0)
        } else {
            1.0
        };
        let smallest = wanted.iter().map(|w| w.2).fold(f32::MAX, f32::min);
        if wanted.len() > 1 && smallest * scale < MIN_TEXT_PT {
            wanted.pop();
            continue;
        }
        break scale;
    };
    // Even the code alone does not fit at a readable size: draw nothing rather than
    // ink that cannot be read.
    if wanted.iter().all(|w| w.2 * scale < MIN_TEXT_PT) {
        return Vec::new();
    }

    let mut sized: Vec<(LineRole, String, f32)> = Vec::with_capacity(wanted.len());
    for (role, text, pt) in wanted {
        let mut size = pt * scale;
        let natural = text_width_mm(&text, size);
        if natural > area.width {
            // Shrink towards the minimum before cutting text: a whole code or name in
            // smaller type is worth more than a truncated one.
            let floor = if role == LineRole::Code {
                MIN_TEXT_PT
            } else {
                MIN_TEXT_PT.max(size * 0.8)
            };
            size = (size * area.width / natural).max(floor).min(size);
        }
        let text = fit_text(&text, size, area.width);
        if !text.is_empty() {
            sized.push((role, text, size));
        }
    }

    let total: f32 = sized.iter().map(|(_, _, pt)| line_advance(*pt)).sum();
    let mut top = area.y + ((area.height - total) / 2.0).max(0.0);
    sized
        .into_iter()
        .map(|(role, text, size_pt)| {
            let (asc, _) = line_metrics(size_pt);
            let width = text_width_mm(&text, size_pt);
            let x = if centred {
                area.x + (area.width - width) / 2.0
            } else {
                area.x
            };
            let line = TextLine {
                role,
                text,
                x,
                baseline: top + asc,
                size_pt,
                width,
            };
            top += line_advance(size_pt);
            line
        })
        .collect()
}
