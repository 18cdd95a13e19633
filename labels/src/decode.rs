//! Reading a label code from a camera frame with `rqrr`, a pure-Rust QR decoder that also
//! runs in the browser's wasm, so the scanner needs no JavaScript library.

use crate::{LabelCode, ParseError};

/// Why a frame gave no label code.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    #[error("the buffer has {got} bytes but a {width}×{height} grayscale frame needs {expected}")]
    BadBuffer {
        width: usize,
        height: usize,
        expected: usize,
        got: usize,
    },
    #[error("no QR code found in the image")]
    NoQrFound,
    #[error("a QR code was seen but could not be read: hold the camera steady and closer")]
    Unreadable,
    #[error("the QR code ({content:?}) is not a label code: {reason}")]
    NotALabel { content: String, reason: ParseError },
}

/// Finds a label QR in a `width` × `height` 8-bit grayscale frame (row-major, one byte
/// per pixel) and returns its code. The QR may hold a label URL (`…/l/CODE`) or the bare
/// code. When several QR codes are visible, the first that holds a label code wins.
pub fn decode_label(width: usize, height: usize, gray: &[u8]) -> Result<LabelCode, DecodeError> {
    let expected = width * height;
    if gray.len() != expected {
        return Err(DecodeError::BadBuffer {
            width,
            height,
            expected,
            got: gray.len(),
        });
    }
    let mut image =
        rqrr::PreparedImage::prepare_from_greyscale(width, height, |x, y| gray[y * width + x]);
    let grids = image.detect_grids();
    if grids.is_empty() {
        return Err(DecodeError::NoQrFound);
    }
    let mut not_label = None;
    for grid in grids {
        let Ok((_, content)) = grid.decode() else {
            continue;
        };
        match LabelCode::parse(&content) {
            Ok(code) => return Ok(code),
            Err(reason) => not_label = Some(DecodeError::NotALabel { content, reason }),
        }
    }
    Err(not_label.unwrap_or(DecodeError::Unreadable))
}
