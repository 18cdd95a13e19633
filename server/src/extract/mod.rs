//! Request extractors that turn every unreadable input into a problem naming the field,
//! instead of axum's plain-text rejections.

mod json;
mod path;
mod query;
mod strict;

use domain::FieldError;

pub use json::ApiJson;
pub use path::{IdPath, KindIdPath, TwoIdsPath};
pub use query::ApiQuery;

/// What serde said about a value it could not read at `path` (`.` at the top), as the
/// field error a client can act on: which field, and why.
fn unreadable(path: &str, message: &str) -> FieldError {
    let at_root = path == "." || path == "?" || path.is_empty();
    let field = if let Some(named) = quoted_field(message, "missing field `")
        .or_else(|| quoted_field(message, "duplicate field `"))
    {
        // The path points at the object the field is missing from.
        if at_root {
            named
        } else {
            format!("{path}.{named}")
        }
    } else if at_root {
        "body".to_owned()
    } else {
        path.to_owned()
    };
    let code = if message.starts_with("unknown field") {
        "unknown_field"
    } else if message.starts_with("missing field") {
        "required"
    } else if message.starts_with("duplicate field") {
        "duplicate"
    } else {
        "invalid_type"
    };
    FieldError::new(field, code, strip_position(message))
}

/// The name serde puts between backticks after `prefix`.
fn quoted_field(message: &str, prefix: &str) -> Option<String> {
    let rest = message.split_once(prefix)?.1;
    Some(rest.split_once('`')?.0.to_owned())
}

/// serde_json's " at line 1 column 9" means nothing to someone reading the message.
fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(at) => message[..at].to_owned(),
        None => message.to_owned(),
    }
}
