//! Small helpers for reading a request's fields while collecting every error.

use domain::{person::parse_optional_name, FieldError};

/// An optional text field (a name, a serial number); a bad one adds its error to
/// `errors` and reads as absent, so the other fields are still checked.
pub(crate) fn optional_text(
    field: &str,
    raw: Option<&str>,
    errors: &mut Vec<FieldError>,
) -> Option<String> {
    parse_optional_name(field, raw)
        .map_err(|e| errors.extend(e.field_errors().iter().cloned()))
        .ok()
        .flatten()
}
