//! A sheet as an address asks for it (`template=avery-l7651`, or `template=custom` with
//! `page_mm=210x297&label_mm=38.1x21.2&grid=5x13&margin_mm=4.7x10.7&pitch_mm=40.6x21.2`):
//! read, checked, and every wrong field named, so a wrong number shows as an error and
//! not on a spoiled sheet.

use super::sheet::{SheetGeometry, SizeMm, Template, Xy};

/// The sheet fields of a request, as typed.
#[derive(Debug, Clone, Copy, Default)]
pub struct SheetRequest<'a> {
    /// A preset's name or `custom`; the default preset (Avery L7651) when blank.
    pub template: Option<&'a str>,
    /// custom: the page, `210x297`.
    pub page_mm: Option<&'a str>,
    /// custom: one label, `38.1x21.2`.
    pub label_mm: Option<&'a str>,
    /// custom: columns and rows, `5x13`.
    pub grid: Option<&'a str>,
    /// custom: left and top margins, `4.7x10.7` (zero allowed: labels from the edge).
    pub margin_mm: Option<&'a str>,
    /// custom: from one label to the next, across and down, `40.6x21.2`.
    pub pitch_mm: Option<&'a str>,
}

/// A field of the request that is wrong: its name, a stable code and why.
#[derive(Debug, Clone, PartialEq)]
pub struct BadField {
    pub field: &'static str,
    pub code: &'static str,
    pub message: String,
}

impl BadField {
    fn new(field: &'static str, code: &'static str, message: impl Into<String>) -> Self {
        Self {
            field,
            code,
            message: message.into(),
        }
    }
}

impl SheetRequest<'_> {
    /// The template asked for, or every field that is wrong.
    pub fn template(&self) -> Result<Template, Vec<BadField>> {
        let name = self.template.map(str::trim).unwrap_or_default();
        if name.is_empty() {
            return Ok(Template::AveryL7651);
        }
        if !name.eq_ignore_ascii_case("custom") {
            return Template::parse(name)
                .map_err(|e| vec![BadField::new("template", "unknown", e.to_string())]);
        }
        let mut errors = Vec::new();
        let mut millimetres = |field: &'static str, raw: Option<&str>, zero_ok: bool| {
            let pair = raw.and_then(pair).filter(|&(a, b)| {
                let ok = |v: f32| v.is_finite() && (v > 0.0 || (zero_ok && v == 0.0));
                ok(a) && ok(b)
            });
            if pair.is_none() {
                errors.push(BadField::new(
                    field,
                    "invalid",
                    "must be two numbers as WIDTHxHEIGHT",
                ));
            }
            pair.unwrap_or((0.0, 0.0))
        };
        let page = millimetres("page_mm", self.page_mm, false);
        let label = millimetres("label_mm", self.label_mm, false);
        let margin = millimetres("margin_mm", self.margin_mm, true);
        let pitch = millimetres("pitch_mm", self.pitch_mm, false);
        // Whole columns and rows: 5.5 columns is a typing mistake, not 5.
        let grid = self
            .grid
            .and_then(|r| {
                let (a, b) = split(r)?;
                Some((a.parse::<u32>().ok()?, b.parse::<u32>().ok()?))
            })
            .filter(|&(columns, rows)| columns > 0 && rows > 0);
        if grid.is_none() {
            errors.push(BadField::new(
                "grid",
                "invalid",
                "must be two whole numbers as COLUMNSxROWS",
            ));
        }
        let Some((columns, rows)) = grid.filter(|_| errors.is_empty()) else {
            return Err(errors);
        };
        let geometry = SheetGeometry {
            page: SizeMm {
                width: page.0,
                height: page.1,
            },
            label: SizeMm {
                width: label.0,
                height: label.1,
            },
            columns,
            rows,
            margins: Xy {
                x: margin.0,
                y: margin.1,
            },
            pitch: Xy {
                x: pitch.0,
                y: pitch.1,
            },
        };
        geometry
            .validate()
            .map_err(|e| vec![BadField::new("template", "invalid", e.to_string())])?;
        Ok(Template::Custom(geometry))
    }
}

/// `38.1x21.2` (also with `X`, `×` or `*`) as its two halves, trimmed.
fn split(raw: &str) -> Option<(&str, &str)> {
    let (a, b) = raw.trim().split_once(['x', 'X', '×', '*'])?;
    Some((a.trim(), b.trim()))
}

fn pair(raw: &str) -> Option<(f32, f32)> {
    let (a, b) = split(raw)?;
    Some((a.parse().ok()?, b.parse().ok()?))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn custom(grid: &str) -> SheetRequest<'_> {
        SheetRequest {
            template: Some("custom"),
            page_mm: Some("100x100"),
            label_mm: Some("40 × 20"),
            grid: Some(grid),
            margin_mm: Some("0x5"),
            pitch_mm: Some("45*22"),
        }
    }

    #[test]
    fn a_custom_sheet_is_read_with_any_separator() {
        let Template::Custom(g) = custom("2x4").template().unwrap() else {
            panic!("not custom")
        };
        assert_eq!((g.columns, g.rows), (2, 4));
        assert_eq!((g.label.width, g.pitch.y, g.margins.x), (40.0, 22.0, 0.0));
        assert_eq!(SheetRequest::default().template(), Ok(Template::AveryL7651));
        assert_eq!(
            SheetRequest {
                template: Some(" Avery-5160 "),
                ..Default::default()
            }
            .template(),
            Ok(Template::Avery5160)
        );
    }

    #[test]
    fn every_wrong_field_is_named() {
        let fields = |r: SheetRequest| -> Vec<&str> {
            r.template().unwrap_err().iter().map(|e| e.field).collect()
        };
        // A fractional grid was cut to whole labels (5.5 columns printed as 5).
        assert_eq!(fields(custom("5.5x13")), ["grid"]);
        assert_eq!(
            fields(SheetRequest {
                template: Some("custom"),
                page_mm: Some("A4"),
                margin_mm: Some("-1x0"),
                ..custom("2x4")
            }),
            ["page_mm", "margin_mm"]
        );
        assert_eq!(
            fields(SheetRequest {
                label_mm: Some("0x20"),
                ..custom("2x4")
            }),
            ["label_mm"]
        );
        assert_eq!(fields(custom("2x40")), ["template"]);
        assert_eq!(
            fields(SheetRequest {
                template: Some("avery-0000"),
                ..Default::default()
            }),
            ["template"]
        );
    }
}
