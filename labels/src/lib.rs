//! Label codes, their QR rendering and decoding. Pure Rust, no I/O: compiles for the
//! server and for the browser's wasm scanner alike.
//!
//! Features (all off by default, so crates that only parse codes stay small):
//! - `render`: QR matrix, SVG and PNG ([`qr`]), label layout with the embedded DejaVu
//!   Sans font ([`layout`]), Zebra ZPL ([`zpl`]);
//! - `pdf`: PDF label sheets with presets ([`pdf`]); implies `render`;
//! - `decode`: reading a label code from a grayscale camera frame ([`decode`]).
//!
//! Every module compiles for `wasm32-unknown-unknown`.

mod code;
mod gf32;
mod url;

#[cfg(feature = "decode")]
pub mod decode;
#[cfg(feature = "render")]
mod font;
#[cfg(feature = "render")]
pub mod layout;
#[cfg(feature = "pdf")]
pub mod pdf;
#[cfg(feature = "render")]
pub mod preview;
#[cfg(feature = "render")]
pub mod qr;
#[cfg(feature = "render")]
mod qr_penalty;
#[cfg(feature = "render")]
pub mod zpl;

pub use code::{LabelCode, ParseError, CODE_LEN};
#[cfg(feature = "render")]
pub use font::{fit_text, text_width_mm, MM_PER_PT};
pub use url::label_url;
