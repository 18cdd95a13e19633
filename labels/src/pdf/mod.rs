//! PDF label sheets: any number of labels laid out on a [`Template`], as many pages as
//! needed, QR codes as vector rectangles and text in the embedded (subsetted) DejaVu Sans,
//! so the sheet prints sharply at any resolution and looks the same on every viewer.

mod request;
mod sheet;

use std::collections::BTreeMap;

use pdf_writer::types::{CidFontType, FontFlags, SystemInfo, UnicodeCmap};
use pdf_writer::{Content, Filter, Finish, Name, Pdf, Rect as PdfRect, Ref, Str};

pub use request::{BadField, SheetRequest};
pub use sheet::{GeometryError, SheetGeometry, SizeMm, Template, UnknownTemplate, Xy};

use crate::font::{font, FONT_BYTES, FONT_NAME};
use crate::layout::{layout_label, LabelContent, LabelLayout};
use crate::qr::{EcLevel, QrError, QrMatrix, QUIET_ZONE};

const PT_PER_MM: f32 = 72.0 / 25.4;

/// How to print a batch of labels.
#[derive(Debug, Clone, PartialEq)]
pub struct SheetOptions {
    /// Base URL the QR codes point to (see [`crate::label_url`]).
    pub base_url: String,
    pub ec_level: EcLevel,
    /// 1-based position of the first label on the first sheet, so a partly used sheet
    /// can be fed again; earlier positions stay blank.
    pub start_position: usize,
}

impl SheetOptions {
    /// Default options for `base_url`: level Q, starting at the first position.
    pub fn new(base_url: impl Into<String>) -> Self {
        Self {
            base_url: base_url.into(),
            ec_level: EcLevel::default(),
            start_position: 1,
        }
    }
}

/// Why a sheet could not be made.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum PdfError {
    #[error("invalid label sheet: {0}")]
    Geometry(#[from] GeometryError),
    #[error("start position {start} is not on the sheet: it has positions 1 to {per_page}")]
    StartPosition { start: usize, per_page: usize },
    #[error("no labels to print")]
    NothingToPrint,
    #[error(transparent)]
    Qr(#[from] QrError),
    #[error("the font could not be subsetted: {0}")]
    Font(String),
}

/// Renders `labels` onto sheets of `template` and returns the PDF file's bytes.
///
/// Labels fill positions in reading order from `options.start_position`; a new page
/// starts whenever one is full.
pub fn render_sheets(
    template: &Template,
    labels: &[LabelContent],
    options: &SheetOptions,
) -> Result<Vec<u8>, PdfError> {
    let geometry = template.geometry();
    geometry.validate()?;
    let per_page = geometry.labels_per_page();
    if options.start_position == 0 || options.start_position > per_page {
        return Err(PdfError::StartPosition {
            start: options.start_position,
            per_page,
        });
    }
    if labels.is_empty() {
        return Err(PdfError::NothingToPrint);
    }

    // First pass: layouts and QR matrices, and the set of glyphs the text needs, since
    // the font subset must be known before any text is encoded.
    let f = font();
    let mut glyphs = subsetter::GlyphRemapper::new();
    let mut to_unicode: BTreeMap<u16, char> = BTreeMap::new();
    let mut placed = Vec::with_capacity(labels.len());
    for content in labels {
        let layout = layout_label(geometry.label.width, geometry.label.height, content);
        for line in &layout.lines {
            for ch in line.text.chars() {
                let new = glyphs.remap(f.glyph(ch).0);
                to_unicode.entry(new).or_insert(ch);
            }
        }
        let qr = QrMatrix::for_label(&options.base_url, &content.code, options.ec_level)?;
        placed.push((layout, qr));
    }

    let mut pdf = Pdf::new();
    let mut next = 1;
    let mut alloc = || {
        let r = Ref::new(next);
        next += 1;
        r
    };
    let catalog_id = alloc();
    let tree_id = alloc();
    let font_id = alloc();
    let cid_id = alloc();
    let descriptor_id = alloc();
    let file_id = alloc();
    let cmap_id = alloc();
    let font_name = Name(b"F1");

    let page_w = geometry.page.width * PT_PER_MM;
    let page_h = geometry.page.height * PT_PER_MM;
    let first = options.start_position - 1;
    let pages = (first + labels.len()).div_ceil(per_page);
    let mut page_ids = Vec::with_capacity(pages);
    for page in 0..pages {
        let page_id = alloc();
        let content_id = alloc();
        page_ids.push(page_id);
        let mut content = Content::new();
        let slots = (page * per_page).max(first)..((page + 1) * per_page).min(first + labels.len());
        for slot in slots {
            let (layout, qr) = &placed[slot - first];
            let origin = geometry.label_rect(slot % per_page);
            draw_label(
                &mut content,
                &glyphs,
                font_name,
                page_h,
                origin.x,
                origin.y,
                layout,
                qr,
            );
        }
        let data = deflate(&content.finish());
        pdf.stream(content_id, &data).filter(Filter::FlateDecode);
        let mut p = pdf.page(page_id);
        p.media_box(PdfRect::new(0.0, 0.0, page_w, page_h));
        p.parent(tree_id);
        p.contents(content_id);
        p.resources().fonts().pair(font_name, font_id);
        p.finish();
    }
    pdf.catalog(catalog_id).pages(tree_id);
    pdf.pages(tree_id)
        .kids(page_ids.iter().copied())
        .count(pages as i32);

    write_font(
        &mut pdf,
        &glyphs,
        &to_unicode,
        [font_id, cid_id, descriptor_id, file_id, cmap_id],
    )?;
    Ok(pdf.finish())
}

/// Draws one label whose top-left corner is at (`x0`, `y0`) mm on the page.
#[allow(clippy::too_many_arguments)]
fn draw_label(
    content: &mut Content,
    glyphs: &subsetter::GlyphRemapper,
    font_name: Name,
    page_h: f32,
    x0: f32,
    y0: f32,
    layout: &LabelLayout,
    qr: &QrMatrix,
) {
    let module = layout.qr.width / qr.width_with_quiet_zone() as f32 * PT_PER_MM;
    if module > 0.0 {
        let left = (x0 + layout.qr.x) * PT_PER_MM + QUIET_ZONE as f32 * module;
        let top = page_h - (y0 + layout.qr.y) * PT_PER_MM - QUIET_ZONE as f32 * module;
        for (y, x, len) in qr.dark_runs() {
            content.rect(
                left + x as f32 * module,
                top - (y + 1) as f32 * module,
                len as f32 * module,
                module,
            );
        }
        content.fill_nonzero();
    }
    let f = font();
    for line in &layout.lines {
        let mut encoded = Vec::with_capacity(line.text.len() * 2);
        for ch in line.text.chars() {
            let gid = glyphs.get(f.glyph(ch).0).unwrap_or(0);
            encoded.extend_from_slice(&gid.to_be_bytes());
        }
        content.begin_text();
        content.set_font(font_name, line.size_pt);
        content.next_line(
            (x0 + line.x) * PT_PER_MM,
            page_h - (y0 + line.baseline) * PT_PER_MM,
        );
        content.show(Str(&encoded));
        content.end_text();
    }
}

/// Embeds the subsetted font as a CID-keyed TrueType font (Identity-H), the only way to
/// address glyphs beyond Latin-1 and the form `subsetter` requires.
fn write_font(
    pdf: &mut Pdf,
    glyphs: &subsetter::GlyphRemapper,
    to_unicode: &BTreeMap<u16, char>,
    [font_id, cid_id, descriptor_id, file_id, cmap_id]: [Ref; 5],
) -> Result<(), PdfError> {
    let f = font();
    let subset =
        subsetter::subset(FONT_BYTES, 0, glyphs).map_err(|e| PdfError::Font(format!("{e:?}")))?;
    // Subset fonts carry a six-letter tag; any stable one will do.
    let base = format!("PSLABL+{FONT_NAME}");
    let base = Name(base.as_bytes());
    let system_info = SystemInfo {
        registry: Str(b"Adobe"),
        ordering: Str(b"Identity"),
        supplement: 0,
    };
    let per_unit = 1000.0 / f.units_per_em();

    pdf.type0_font(font_id)
        .base_font(base)
        .encoding_predefined(Name(b"Identity-H"))
        .descendant_font(cid_id)
        .to_unicode(cmap_id);

    let widths: Vec<f32> = glyphs
        .remapped_gids()
        .map(|old| f32::from(f.advance_units(ttf_parser::GlyphId(old))) * per_unit)
        .collect();
    let mut cid = pdf.cid_font(cid_id);
    cid.subtype(CidFontType::Type2)
        .base_font(base)
        .system_info(system_info)
        .font_descriptor(descriptor_id)
        .cid_to_gid_map_predefined(Name(b"Identity"));
    cid.widths().consecutive(0, widths);
    cid.finish();

    let (asc, desc, cap) = f.vertical_metrics();
    let bbox = f.bbox();
    pdf.font_descriptor(descriptor_id)
        .name(base)
        .flags(FontFlags::NON_SYMBOLIC)
        .bbox(PdfRect::new(
            f32::from(bbox.x_min) * per_unit,
            f32::from(bbox.y_min) * per_unit,
            f32::from(bbox.x_max) * per_unit,
            f32::from(bbox.y_max) * per_unit,
        ))
        .italic_angle(0.0)
        .ascent(f32::from(asc) * per_unit)
        .descent(f32::from(desc) * per_unit)
        .cap_height(f32::from(cap) * per_unit)
        .stem_v(80.0)
        .font_file2(file_id);

    let data = deflate(&subset);
    pdf.stream(file_id, &data).filter(Filter::FlateDecode);

    let mut cmap = UnicodeCmap::new(Name(b"Custom"), system_info);
    for (&gid, &ch) in to_unicode {
        cmap.pair(gid, ch);
    }
    pdf.cmap(cmap_id, &cmap.finish());
    Ok(())
}

fn deflate(data: &[u8]) -> Vec<u8> {
    // Level 6: nearly the size of 9 at a fraction of the time for content streams.
    miniz_oxide::deflate::compress_to_vec_zlib(data, 6)
}
