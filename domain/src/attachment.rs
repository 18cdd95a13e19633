//! Attachments (safety data sheets, calibration certificates, notebook images): what an
//! upload must be to be kept, and how a kept file may be sent back to a browser.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::DomainError;

/// The default upload limit (`--max-upload-mb`): a phone photo or a long SDS fits.
pub const DEFAULT_MAX_BYTES: u64 = 25 * 1024 * 1024;

/// A kept file: its content lives once in the store under its SHA-256.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Attachment {
    pub id: Uuid,
    /// The thing it belongs to (`product`, `instrument`): who may read it may read this.
    pub owner_kind: String,
    pub owner_id: Uuid,
    pub team_id: Uuid,
    pub created_by: Option<Uuid>,
    /// Hex SHA-256 of the content, checked each time the file is read.
    pub sha256: String,
    pub size: u64,
    pub content_type: String,
    pub filename: String,
    pub created_at: DateTime<Utc>,
}

/// An upload's name and type, checked against its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Upload {
    pub filename: String,
    pub content_type: String,
}

/// Checks an upload: not empty, a file name safe to show and send back (no path, no
/// control characters), and a declared type that is what the bytes are — a "PNG" that
/// is really a PDF (or a script) is refused. An undeclared or generic type becomes the
/// recognised one.
pub fn check_upload(
    filename: Option<&str>,
    declared: Option<&str>,
    bytes: &[u8],
) -> Result<Upload, DomainError> {
    if bytes.is_empty() {
        return Err(DomainError::invalid("file", "empty", "the file is empty"));
    }
    // Control characters are dropped below; an invisible one would make the name read
    // otherwise than it is, so it is refused rather than quietly kept.
    crate::text::check_visible("filename", filename.unwrap_or_default())?;
    let filename = clean_filename(filename.unwrap_or_default());
    let declared = match declared.map(media_type).filter(|t| !t.is_empty()) {
        None => "application/octet-stream".to_owned(),
        Some(t) if is_media_type(&t) => t,
        Some(_) => {
            return Err(DomainError::invalid(
                "content_type",
                "invalid",
                "is not a media type such as image/png or application/pdf",
            ))
        }
    };
    let sniffed = infer::get(bytes).map(|k| k.mime_type());
    let content_type = match sniffed {
        _ if declared == "application/octet-stream" => {
            sniffed.unwrap_or("application/octet-stream").to_owned()
        }
        Some(found) if found == declared => declared,
        Some(found) if is_checked(&declared) || is_checked(found) => {
            return Err(DomainError::invalid(
                "content_type",
                "mismatch",
                format!("says {declared} but the file is {found}"),
            ));
        }
        None if is_checked(&declared) => {
            return Err(DomainError::invalid(
                "content_type",
                "mismatch",
                format!("says {declared} but the file is not one"),
            ));
        }
        // Types nobody can recognise by their bytes (text, CSV, instrument files).
        _ => declared,
    };
    Ok(Upload {
        filename,
        content_type,
    })
}

/// Whether a browser may show the file in place. Anything else (HTML, SVG, scripts,
/// unknown formats) is sent as a download of type `application/octet-stream`, so an
/// upload can never run in the application's origin.
pub fn shown_inline(content_type: &str) -> bool {
    matches!(
        content_type,
        "application/pdf" | "image/png" | "image/jpeg" | "image/gif" | "image/webp"
    )
}

/// Types recognisable by their first bytes, for which the declaration must match.
fn is_checked(content_type: &str) -> bool {
    content_type.starts_with("image/")
        || content_type.starts_with("video/")
        || content_type.starts_with("audio/")
        || content_type == "application/pdf"
}

/// `Image/PNG; charset=x` → `image/png`; browsers' `image/jpg` → `image/jpeg`.
fn media_type(raw: &str) -> String {
    let t = raw
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase();
    if t == "image/jpg" {
        "image/jpeg".into()
    } else {
        t
    }
}

fn is_media_type(t: &str) -> bool {
    let token = |s: &str| {
        !s.is_empty()
            && s.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"!#$&-^_.+".contains(&b))
    };
    matches!(t.split_once('/'), Some((a, b)) if token(a) && token(b))
}

/// The last path component, without control characters, at most 200 characters;
/// `attachment` when nothing is left.
fn clean_filename(raw: &str) -> String {
    let base = raw.rsplit(['/', '\\']).next().unwrap_or_default();
    let cleaned: String = base
        .chars()
        .filter(|c| !c.is_control() && *c != '"')
        .take(200)
        .collect();
    let cleaned = cleaned.trim().trim_start_matches('.').trim();
    if cleaned.is_empty() {
        "attachment".into()
    } else {
        cleaned.into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
    const PDF: &[u8] = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n";

    #[test]
    fn a_declared_type_must_be_what_the_bytes_are() {
        let ok = check_upload(Some("sds.pdf"), Some("application/pdf"), PDF).unwrap();
        assert_eq!(ok.content_type, "application/pdf");
        let lie = check_upload(Some("x.png"), Some("image/png"), PDF).unwrap_err();
        assert_eq!(lie.field_errors()[0].field, "content_type");
        assert_eq!(lie.field_errors()[0].code, "mismatch");
        let script = check_upload(
            Some("x.png"),
            Some("image/png"),
            b"<script>alert(1)</script>",
        );
        assert_eq!(script.unwrap_err().field_errors()[0].code, "mismatch");
        // A PNG declared as text is refused too: recognised bytes must be declared as such.
        assert!(check_upload(None, Some("text/plain"), PNG).is_err());
    }

    #[test]
    fn an_undeclared_type_is_recognised_and_text_is_taken_as_declared() {
        assert_eq!(
            check_upload(None, None, PNG).unwrap().content_type,
            "image/png"
        );
        assert_eq!(
            check_upload(None, Some("Image/JPG"), b"\xff\xd8\xff\xe0\0\x10JFIF")
                .unwrap()
                .content_type,
            "image/jpeg"
        );
        let csv = check_upload(
            Some("run.csv"),
            Some("text/csv; charset=utf-8"),
            b"a,b\n1,2\n",
        );
        assert_eq!(csv.unwrap().content_type, "text/csv");
        let err = check_upload(None, Some("not a type"), b"x").unwrap_err();
        assert_eq!(err.field_errors()[0].field, "content_type");
        assert_eq!(
            check_upload(None, None, b"").unwrap_err().field_errors()[0].field,
            "file"
        );
    }

    #[test]
    fn file_names_lose_their_path_and_control_characters() {
        let name = |raw| check_upload(Some(raw), None, PDF).unwrap().filename;
        assert_eq!(name("../../etc/passwd"), "passwd");
        assert_eq!(
            name("C:\\Users\\ada\\SDS \"ethanol\".pdf"),
            "SDS ethanol.pdf"
        );
        assert_eq!(name("a\r\nb.pdf"), "ab.pdf");
        assert_eq!(name("  "), "attachment");
        assert_eq!(name(".hidden"), "hidden");
        assert_eq!(name(&"é".repeat(300)).chars().count(), 200);
    }

    #[test]
    fn only_safe_types_are_shown_in_place() {
        assert!(shown_inline("application/pdf"));
        assert!(shown_inline("image/png"));
        assert!(!shown_inline("text/html"));
        assert!(!shown_inline("image/svg+xml"));
        assert!(!shown_inline("text/plain"));
    }
}
