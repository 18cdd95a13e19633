//! Boxes: a location with a grid of positions (a 9×9 cryo box, a 96-well rack). Rows are
//! letters, columns numbers: `A1` is the top-left corner.

use serde::{Deserialize, Serialize};

use crate::DomainError;

/// The largest grid: 26 rows (A–Z) by 48 columns (a 384-well plate is 16×24).
pub const MAX_ROWS: u8 = 26;
pub const MAX_COLS: u8 = 48;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Grid {
    pub rows: u8,
    pub cols: u8,
}

impl Grid {
    /// Checks the size; the error names `field`.
    pub fn check(self, field: &str) -> Result<Self, DomainError> {
        if (1..=MAX_ROWS).contains(&self.rows) && (1..=MAX_COLS).contains(&self.cols) {
            Ok(self)
        } else {
            Err(DomainError::invalid(
                field,
                "out_of_range",
                format!("must have 1 to {MAX_ROWS} rows and 1 to {MAX_COLS} columns"),
            ))
        }
    }

    /// Reads a position as typed (`b7`, `B07`, `B-7`, ` B 7 `) into its canonical form
    /// (`B7`); the error names `field` and says whether it is unreadable or outside.
    pub fn position(self, field: &str, raw: &str) -> Result<String, DomainError> {
        let text: String = raw
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '-')
            .collect::<String>()
            .to_ascii_uppercase();
        let mut chars = text.chars();
        let parsed = match (chars.next(), chars.as_str().parse::<u16>()) {
            (Some(row @ 'A'..='Z'), Ok(col)) => Some((row as u8 - b'A' + 1, col)),
            _ => None,
        };
        let Some((row, col)) = parsed else {
            return Err(DomainError::invalid(
                field,
                "invalid",
                "must be a row letter and a column number, like B7",
            ));
        };
        if row > self.rows || col == 0 || col > u16::from(self.cols) {
            return Err(DomainError::invalid(
                field,
                "outside_box",
                format!(
                    "is outside the box (rows A–{}, columns 1–{})",
                    (b'A' + self.rows - 1) as char,
                    self.cols
                ),
            ));
        }
        Ok(format!("{}{col}", (b'A' + row - 1) as char))
    }

    /// Every position, row by row (for drawing the box).
    pub fn positions(self) -> impl Iterator<Item = String> {
        (0..self.rows)
            .flat_map(move |r| (1..=self.cols).map(move |c| format!("{}{c}", (b'A' + r) as char)))
    }

    pub fn row_label(row: u8) -> char {
        (b'A' + row) as char
    }
}

/// One occupied cell of a box, as a reader sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Cell {
    pub position: String,
    /// A lot or a sample.
    pub kind: crate::kind::Kind,
    /// Absent when the reader may not see the thing (the cell is shown as taken).
    pub id: Option<uuid::Uuid>,
    pub label_code: Option<String>,
    pub name: Option<String>,
    pub restricted: bool,
}

/// A box's grid and its occupied cells, row by row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BoxContents {
    pub grid: Option<Grid>,
    pub cells: Vec<Cell>,
}

#[cfg(test)]
mod tests {
    use super::*;

    const BOX: Grid = Grid { rows: 9, cols: 9 };

    #[test]
    fn positions_are_read_as_typed_and_written_one_way() {
        for raw in ["B7", "b7", "B07", "B-7", " b 7 "] {
            assert_eq!(BOX.position("position", raw).unwrap(), "B7", "{raw}");
        }
        assert_eq!(BOX.position("position", "I9").unwrap(), "I9");
    }

    #[test]
    fn a_position_outside_the_box_or_unreadable_is_refused() {
        let code = |raw| {
            BOX.position("position", raw).unwrap_err().field_errors()[0]
                .code
                .clone()
        };
        assert_eq!(code("J1"), "outside_box");
        assert_eq!(code("A10"), "outside_box");
        assert_eq!(code("A0"), "outside_box");
        assert_eq!(code("7B"), "invalid");
        assert_eq!(code(""), "invalid");
        assert_eq!(code("AA1"), "invalid");
    }

    #[test]
    fn sizes_are_bounded_and_listed_row_by_row() {
        assert!(Grid { rows: 0, cols: 9 }.check("grid").is_err());
        assert!(Grid { rows: 27, cols: 9 }.check("grid").is_err());
        assert!(Grid { rows: 16, cols: 24 }.check("grid").is_ok());
        let all: Vec<String> = Grid { rows: 2, cols: 3 }.positions().collect();
        assert_eq!(all, ["A1", "A2", "A3", "B1", "B2", "B3"]);
    }
}
