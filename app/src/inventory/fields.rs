//! What inventory forms type, read as the service wants it: numbers, dates, and blanks
//! as none. The error of a value that does not read names its field.

use crate::error::AppError;

/// A number typed in a form; empty means none. The error names `field`.
pub(super) fn number(field: &str, raw: &str) -> Result<Option<f64>, AppError> {
    match raw.trim().replace(',', ".").as_str() {
        "" => Ok(None),
        text => text
            .parse::<f64>()
            .map(Some)
            .map_err(|_| domain::DomainError::invalid(field, "invalid", "is not a number").into()),
    }
}

/// A number the form cannot do without: blank is "required", never read as some number
/// (a blank field must not become 0 or a default).
pub(super) fn required_number(field: &str, raw: &str) -> Result<f64, AppError> {
    number(field, raw)?
        .ok_or_else(|| domain::DomainError::invalid(field, "required", "is required").into())
}

/// A date typed in a form (`YYYY-MM-DD`, what date inputs send); empty means none.
pub(super) fn date(field: &str, raw: &str) -> Result<Option<chrono::NaiveDate>, AppError> {
    match raw.trim() {
        "" => Ok(None),
        text => chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d")
            .map(Some)
            .map_err(|_| domain::DomainError::invalid(field, "invalid", "is not a date").into()),
    }
}

pub(super) fn blank(raw: String) -> Option<String> {
    Some(raw).filter(|s| !s.trim().is_empty())
}
