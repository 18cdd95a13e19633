//! The characters text may not hold, in one place. Control characters break labels, CSV
//! and terminals, and PostgreSQL cannot store a NUL at all (SQLite would): no text field
//! takes them, except tab, line feed and carriage return in free text. Names and file
//! names also refuse the invisible characters that make text read otherwise than it is:
//! direction overrides and isolates ("invoice{U+202E}fdp.exe" shows as "invoiceexe.pdf") and
//! zero-width characters (two names that look the same but differ).

use crate::{DomainError, FieldError};

/// A control character free text may not hold (C0 but tab, LF, CR; DEL; C1).
pub fn is_refused_control(c: char) -> bool {
    c.is_control() && !matches!(c, '\t' | '\n' | '\r')
}

/// A direction override or isolate (U+202A–U+202E, U+2066–U+2069), a zero-width space,
/// joiner or non-joiner (U+200B–U+200D), the word joiner (U+2060) or a byte order mark
/// (U+FEFF).
pub fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}'
    )
}

/// Free text (an entry's body, a comment, a reason): no control character but tab, line
/// feed and carriage return.
pub fn check_text(field: &str, text: &str) -> Result<(), FieldError> {
    match text.chars().any(is_refused_control) {
        true => Err(controls(field)),
        false => Ok(()),
    }
}

/// A name or a file name: one line with no control character at all, and nothing
/// invisible.
pub fn check_name(field: &str, name: &str) -> Result<(), DomainError> {
    if name.chars().any(char::is_control) {
        return Err(DomainError::Validation(vec![controls(field)]));
    }
    check_visible(field, name)
}

/// No direction override or zero-width character (see [`is_invisible`]).
pub fn check_visible(field: &str, text: &str) -> Result<(), DomainError> {
    match text.chars().any(is_invisible) {
        true => Err(DomainError::invalid(
            field,
            "invisible_characters",
            "must not contain direction overrides or zero-width characters",
        )),
        false => Ok(()),
    }
}

fn controls(field: &str) -> FieldError {
    FieldError::new(
        field,
        "control_characters",
        "must not contain control characters",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn free_text_keeps_line_breaks_and_tabs_only() {
        assert!(check_text("body", "a\tb\r\nc — é 中 مختبر").is_ok());
        for c in ['\0', '\u{1}', '\u{1b}', '\u{7f}', '\u{85}', '\u{9f}'] {
            assert!(check_text("body", &format!("a{c}b")).is_err(), "{c:?}");
        }
    }

    #[test]
    fn names_refuse_what_would_make_them_read_otherwise() {
        assert!(check_name("name", "Chambre froide n°2 — مختبر").is_ok());
        assert!(check_name("name", "a\tb").is_err());
        for c in [
            '\u{202A}', '\u{202E}', '\u{2066}', '\u{2069}', '\u{200B}', '\u{200D}', '\u{2060}',
            '\u{FEFF}',
        ] {
            let err = check_name("name", &format!("a{c}b")).unwrap_err();
            assert_eq!(err.field_errors()[0].code, "invisible_characters", "{c:?}");
        }
    }
}
