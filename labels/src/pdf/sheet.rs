//! Label sheet geometry: presets for common sheets and validated custom layouts.

use std::fmt;

use crate::layout::Rect;

const INCH: f32 = 25.4;

/// A width and height in millimetres.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SizeMm {
    pub width: f32,
    pub height: f32,
}

/// A horizontal and vertical distance in millimetres.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Xy {
    pub x: f32,
    pub y: f32,
}

/// A sheet of identical labels in a grid, in millimetres, portrait page.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SheetGeometry {
    pub page: SizeMm,
    pub label: SizeMm,
    pub columns: u32,
    pub rows: u32,
    /// Distance from the page's left and top edges to the first label.
    pub margins: Xy,
    /// Distance from one label's left (top) edge to the next one's.
    pub pitch: Xy,
}

/// What is wrong with a sheet geometry.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum GeometryError {
    #[error("{what} must be a positive number of millimetres, got {value}")]
    NotPositive { what: &'static str, value: f32 },
    #[error("a sheet needs at least one column and one row")]
    NoLabels,
    #[error("the {axis} pitch ({pitch} mm) is smaller than the label {dimension} ({size} mm): labels would overlap")]
    Overlap {
        axis: &'static str,
        dimension: &'static str,
        pitch: f32,
        size: f32,
    },
    #[error("the labels need {needed:.2} mm {axis} but the page is {page:.2} mm")]
    DoesNotFit {
        axis: &'static str,
        needed: f32,
        page: f32,
    },
}

impl SheetGeometry {
    /// Checks that every label lies on the page and that no two overlap. Custom sheets
    /// come from users, and a wrong number would otherwise only show on a spoiled sheet.
    pub fn validate(&self) -> Result<(), GeometryError> {
        let positive = [
            ("the page width", self.page.width),
            ("the page height", self.page.height),
            ("the label width", self.label.width),
            ("the label height", self.label.height),
            ("the horizontal pitch", self.pitch.x),
            ("the vertical pitch", self.pitch.y),
        ];
        for (what, value) in positive {
            if !(value.is_finite() && value > 0.0) {
                return Err(GeometryError::NotPositive { what, value });
            }
        }
        for (what, value) in [
            ("the left margin", self.margins.x),
            ("the top margin", self.margins.y),
        ] {
            if !(value.is_finite() && value >= 0.0) {
                return Err(GeometryError::NotPositive { what, value });
            }
        }
        if self.columns == 0 || self.rows == 0 {
            return Err(GeometryError::NoLabels);
        }
        const TOL: f32 = 0.01;
        if self.columns > 1 && self.pitch.x + TOL < self.label.width {
            return Err(GeometryError::Overlap {
                axis: "horizontal",
                dimension: "width",
                pitch: self.pitch.x,
                size: self.label.width,
            });
        }
        if self.rows > 1 && self.pitch.y + TOL < self.label.height {
            return Err(GeometryError::Overlap {
                axis: "vertical",
                dimension: "height",
                pitch: self.pitch.y,
                size: self.label.height,
            });
        }
        let needed_x = self.margins.x + (self.columns - 1) as f32 * self.pitch.x + self.label.width;
        if needed_x > self.page.width + TOL {
            return Err(GeometryError::DoesNotFit {
                axis: "across",
                needed: needed_x,
                page: self.page.width,
            });
        }
        let needed_y = self.margins.y + (self.rows - 1) as f32 * self.pitch.y + self.label.height;
        if needed_y > self.page.height + TOL {
            return Err(GeometryError::DoesNotFit {
                axis: "down",
                needed: needed_y,
                page: self.page.height,
            });
        }
        Ok(())
    }

    /// Labels on one sheet.
    pub fn labels_per_page(&self) -> usize {
        self.columns as usize * self.rows as usize
    }

    /// The rectangle of the label at 0-based `index` on a page, in reading order (left to
    /// right, then top to bottom), millimetres from the page's top-left corner.
    pub fn label_rect(&self, index: usize) -> Rect {
        let col = index % self.columns as usize;
        let row = index / self.columns as usize;
        Rect {
            x: self.margins.x + col as f32 * self.pitch.x,
            y: self.margins.y + row as f32 * self.pitch.y,
            width: self.label.width,
            height: self.label.height,
        }
    }
}

/// A sheet to print on: a named preset, or custom geometry.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Template {
    /// Avery L7651 (= J8651, L7551): A4, 65 labels 38.1 × 21.2 mm, 5 × 13.
    AveryL7651,
    /// Avery L7656: A4, 84 labels 46 × 11.1 mm, 4 × 21.
    AveryL7656,
    /// Avery Zweckform 3666: A4, 65 labels 38 × 21.2 mm, 5 × 13, no gaps.
    Avery3666,
    /// Avery Zweckform 3667: A4, 64 labels 48.5 × 16.9 mm, 4 × 16, no gaps.
    Avery3667,
    /// Avery 5160 (= 8160): US Letter, 30 labels 2⅝ × 1 in, 3 × 10.
    Avery5160,
    /// Generic A4 sheet of 33 × 13 mm cryo-tube labels, 5 × 20 (not a vendor product:
    /// print a test sheet on plain paper before using real stock).
    Cryo33x13,
    /// Any other grid.
    Custom(SheetGeometry),
}

impl Template {
    /// Every preset, in the order shown to users.
    pub const PRESETS: [Template; 6] = [
        Template::AveryL7651,
        Template::AveryL7656,
        Template::Avery3666,
        Template::Avery3667,
        Template::Avery5160,
        Template::Cryo33x13,
    ];

    /// The stable name used in the API (`template=avery-l7651`); `custom` for custom ones.
    pub fn name(&self) -> &'static str {
        match self {
            Template::AveryL7651 => "avery-l7651",
            Template::AveryL7656 => "avery-l7656",
            Template::Avery3666 => "avery-3666",
            Template::Avery3667 => "avery-3667",
            Template::Avery5160 => "avery-5160",
            Template::Cryo33x13 => "cryo-33x13",
            Template::Custom(_) => "custom",
        }
    }

    /// Finds a preset by its [`name`](Self::name), ignoring case and surrounding spaces.
    pub fn parse(name: &str) -> Result<Template, UnknownTemplate> {
        let wanted = name.trim().to_ascii_lowercase();
        Self::PRESETS
            .into_iter()
            .find(|t| t.name() == wanted)
            .ok_or_else(|| UnknownTemplate(name.to_string()))
    }

    /// The sheet's geometry. Preset numbers follow the manufacturers' published templates.
    pub fn geometry(&self) -> SheetGeometry {
        let a4 = SizeMm {
            width: 210.0,
            height: 297.0,
        };
        let grid = |page, lw, lh, columns, rows, mx, my, px, py| SheetGeometry {
            page,
            label: SizeMm {
                width: lw,
                height: lh,
            },
            columns,
            rows,
            margins: Xy { x: mx, y: my },
            pitch: Xy { x: px, y: py },
        };
        match *self {
            Template::AveryL7651 => grid(a4, 38.1, 21.2, 5, 13, 4.75, 10.7, 40.6, 21.2),
            Template::AveryL7656 => grid(a4, 46.0, 11.1, 4, 21, 7.6, 15.95, 49.6, 12.7),
            Template::Avery3666 => grid(a4, 38.0, 21.2, 5, 13, 10.0, 10.7, 38.0, 21.2),
            Template::Avery3667 => grid(a4, 48.5, 16.9, 4, 16, 8.0, 13.3, 48.5, 16.9),
            Template::Avery5160 => grid(
                SizeMm {
                    width: 8.5 * INCH,
                    height: 11.0 * INCH,
                },
                2.625 * INCH,
                INCH,
                3,
                10,
                0.1875 * INCH,
                0.5 * INCH,
                2.75 * INCH,
                INCH,
            ),
            Template::Cryo33x13 => grid(a4, 33.0, 13.0, 5, 20, 12.5, 12.75, 38.0, 13.5),
            Template::Custom(g) => g,
        }
    }
}

/// A template name that is not a preset; its message lists the valid ones.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownTemplate(pub String);

impl fmt::Display for UnknownTemplate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let names: Vec<&str> = Template::PRESETS.iter().map(|t| t.name()).collect();
        write!(
            f,
            "unknown label sheet '{}': use one of {}",
            self.0,
            names.join(", ")
        )
    }
}

impl std::error::Error for UnknownTemplate {}
