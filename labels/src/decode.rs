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
///
/// Cost (native, release): about 7 ms for a 640×480 frame whose QR reads at once; a frame
/// without any QR goes through all three attempts, about 33 ms. Frames larger than
/// 640×480 skip the enlarged attempt; a scanner wanting it for a distant label can pass a
/// centre crop instead.
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
    if width == 0 || height == 0 {
        return Err(DecodeError::NoQrFound);
    }
    // rqrr binarises with a local threshold and samples one pixel per module; small or
    // noisy symbols defeat that, so on failure it gets a smoothed and then an enlarged
    // copy. A frame that decodes at once pays nothing extra.
    let mut outcome = attempt(width, height, |x, y| gray[y * width + x]);
    if matches!(
        outcome,
        Err(DecodeError::NoQrFound | DecodeError::Unreadable)
    ) {
        outcome = attempt(width, height, |x, y| smoothed(gray, width, height, x, y));
    }
    if matches!(
        outcome,
        Err(DecodeError::NoQrFound | DecodeError::Unreadable)
    ) && width * height <= MAX_UPSCALED_PIXELS / 4
    {
        outcome = attempt(2 * width, 2 * height, |x, y| {
            upscaled(gray, width, height, x, y)
        });
    }
    outcome
}

/// Frames up to this many pixels after doubling (a 640×480 frame) get the enlarged retry;
/// larger ones already show the QR big enough, and doubling them costs too much per frame.
const MAX_UPSCALED_PIXELS: usize = 1280 * 960;

fn attempt(
    width: usize,
    height: usize,
    pixel: impl FnMut(usize, usize) -> u8,
) -> Result<LabelCode, DecodeError> {
    let mut image = rqrr::PreparedImage::prepare_from_greyscale(width, height, pixel);
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

/// 3×3 binomial smoothing at (x, y), edges clamped: removes sensor noise that would
/// otherwise flip single pixels across the threshold.
fn smoothed(gray: &[u8], width: usize, height: usize, x: usize, y: usize) -> u8 {
    const W: [u32; 3] = [1, 2, 1];
    let mut acc = 0u32;
    for (dy, wy) in W.iter().enumerate() {
        let yy = (y + dy).saturating_sub(1).min(height - 1);
        for (dx, wx) in W.iter().enumerate() {
            let xx = (x + dx).saturating_sub(1).min(width - 1);
            acc += wy * wx * u32::from(gray[yy * width + xx]);
        }
    }
    (acc / 16) as u8
}

/// Bilinear sample of the frame at twice its resolution.
fn upscaled(gray: &[u8], width: usize, height: usize, x: usize, y: usize) -> u8 {
    let fx = (x as f32 + 0.5) / 2.0 - 0.5;
    let fy = (y as f32 + 0.5) / 2.0 - 0.5;
    let x0 = (fx.floor().max(0.0) as usize).min(width - 1);
    let y0 = (fy.floor().max(0.0) as usize).min(height - 1);
    let x1 = (x0 + 1).min(width - 1);
    let y1 = (y0 + 1).min(height - 1);
    let tx = (fx - x0 as f32).clamp(0.0, 1.0);
    let ty = (fy - y0 as f32).clamp(0.0, 1.0);
    let p = |x: usize, y: usize| f32::from(gray[y * width + x]);
    let top = p(x0, y0) * (1.0 - tx) + p(x1, y0) * tx;
    let bottom = p(x0, y1) * (1.0 - tx) + p(x1, y1) * tx;
    (top * (1.0 - ty) + bottom * ty).round() as u8
}

/// Why a photo gave no label code.
#[cfg(feature = "photo")]
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PhotoError {
    #[error("the file is not a JPEG, PNG or WebP image")]
    NotAnImage,
    #[error("the image is too large (at most {MAX_SIDE} pixels a side and {} megapixels)", MAX_PIXELS / 1_000_000)]
    TooLarge,
    #[error(transparent)]
    Decode(#[from] DecodeError),
}

/// The largest image decoded: a 48-megapixel phone photo, not a "bomb" of a few hundred
/// KB that declares 16384×8192 pixels and asks for 512 MiB when decoded.
#[cfg(feature = "photo")]
pub const MAX_SIDE: u32 = 10_000;
#[cfg(feature = "photo")]
pub const MAX_PIXELS: u64 = 48_000_000;

/// Decodes an image (JPEG, PNG or WebP) within [`MAX_SIDE`] and [`MAX_PIXELS`]: the size
/// is read from the header and checked before any pixel is decoded.
#[cfg(feature = "photo")]
pub fn open_image(bytes: &[u8]) -> Result<image::DynamicImage, PhotoError> {
    let reader = || {
        image::ImageReader::new(std::io::Cursor::new(bytes))
            .with_guessed_format()
            .map_err(|_| PhotoError::NotAnImage)
    };
    let (w, h) = reader()?
        .into_dimensions()
        .map_err(|_| PhotoError::NotAnImage)?;
    if w > MAX_SIDE || h > MAX_SIDE || u64::from(w) * u64::from(h) > MAX_PIXELS {
        return Err(PhotoError::TooLarge);
    }
    let mut limits = image::Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    // The decoded pixels (RGBA at most) and the decoder's own buffers.
    limits.max_alloc = Some(MAX_PIXELS * 4 + 16 * 1024 * 1024);
    let mut reader = reader()?;
    reader.limits(limits);
    reader.decode().map_err(|e| match e {
        image::ImageError::Limits(_) => PhotoError::TooLarge,
        _ => PhotoError::NotAnImage,
    })
}

/// Longest side a photo is scaled down to before decoding: a phone's 12-megapixel photo
/// holds a label at many pixels per module, and rqrr's cost grows with the pixel count.
#[cfg(feature = "photo")]
const PHOTO_SIDE: u32 = 1280;

/// Finds a label QR in a photo (JPEG, PNG or WebP bytes), for scanning without a live
/// camera: the photo is taken with the phone's own camera app and uploaded.
#[cfg(feature = "photo")]
pub fn decode_photo(bytes: &[u8]) -> Result<LabelCode, PhotoError> {
    let image = open_image(bytes)?;
    let (w, h) = (image.width(), image.height());
    let image = if w.max(h) > PHOTO_SIDE {
        image.thumbnail(PHOTO_SIDE, PHOTO_SIDE)
    } else {
        image
    };
    let gray = image.to_luma8();
    let (w, h) = gray.dimensions();
    Ok(decode_label(w as usize, h as usize, gray.as_raw())?)
}
